import type { Client } from 'pg';
import { DataException, UNCHANGED_TOAST } from '../../../actors/connect/index.ts';
import { formatLsn } from './lsn.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';

/** A column as pgoutput's Relation message describes it. */
export interface RelationColumn {
  readonly name: string;
  readonly typeOid: number;
  readonly typeMod: number;
  /** Part of the replica identity (flag 1): the primary key under DEFAULT, every column under FULL. */
  readonly isReplicaIdentity: boolean;
}

/** A Relation message: the server sends one before the first change of a table, and after DDL. */
export interface RelationMessage {
  readonly tag: 'relation';
  readonly oid: number;
  readonly schema: string;
  readonly table: string;
  readonly replicaIdentity: 'default' | 'nothing' | 'full' | 'index';
  readonly columns: readonly RelationColumn[];
}

/**
 * Column name -> the value as the server's text output (`'t'`, `'42'`, `'2024-01-01 10:00:00.123456'`),
 * null, or UNCHANGED_TOAST for an unchanged TOASTed value pgoutput did not send. Text is kept as text
 * so the conversion (pgValueToConnect) is the same for snapshot rows and streamed changes, and no
 * microseconds are lost to a JS Date.
 */
export type TupleData = Record<string, string | Buffer | null | typeof UNCHANGED_TOAST>;

export type PgoutputMessage =
  | {
      readonly tag: 'begin';
      /** LSN of the transaction's commit record. */
      readonly finalLsn: number;
      /** Commit time, microseconds since the Unix epoch. */
      readonly commitTimeUs: number;
      readonly xid: number;
    }
  | {
      readonly tag: 'commit';
      readonly commitLsn: number;
      /** End of the commit record: what a client confirms so a restart skips this transaction. */
      readonly endLsn: number;
      readonly commitTimeUs: number;
    }
  | RelationMessage
  | { readonly tag: 'insert'; readonly relation: RelationMessage; readonly new: TupleData }
  | {
      readonly tag: 'update';
      readonly relation: RelationMessage;
      /** The old key ('K': REPLICA IDENTITY DEFAULT/INDEX and the key changed). */
      readonly key: TupleData | null;
      /** The whole old row ('O': REPLICA IDENTITY FULL). */
      readonly old: TupleData | null;
      readonly new: TupleData;
    }
  | {
      readonly tag: 'delete';
      readonly relation: RelationMessage;
      readonly key: TupleData | null;
      readonly old: TupleData | null;
    }
  | {
      readonly tag: 'truncate';
      readonly relations: readonly RelationMessage[];
      readonly cascade: boolean;
      readonly restartIdentity: boolean;
    }
  | { readonly tag: 'type' | 'origin' | 'message' };

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const pgEpochUs = 946_684_800_000_000;

/** A bounds-checked reader over one message, so a short message is an error and never a misread. */
class Reader {
  private pos = 0;
  private readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  private need(n: number): void {
    if (this.pos + n > this.buf.length) {
      throw new DataException(`pgoutput message ends early (need ${n} bytes at ${this.pos})`);
    }
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  i16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  lsn(): number {
    const hi = this.u32();
    return hi * 2 ** 32 + this.u32();
  }
  /** An int64 of microseconds since 2000-01-01, as microseconds since the Unix epoch. */
  timestampUs(): number {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return Number(v) + pgEpochUs;
  }
  cstring(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw new DataException('pgoutput string is not terminated');
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

/**
 * Decodes pgoutput protocol version 1 (https://www.postgresql.org/docs/current/protocol-logicalrep-message-formats.html).
 * It keeps the Relation messages it has seen, since changes name their table by OID only.
 */
export class PgoutputDecoder {
  private readonly relations = new Map<number, RelationMessage>();

  decode(buf: Buffer): PgoutputMessage {
    const r = new Reader(buf);
    const tag = r.u8();
    switch (tag) {
      case 0x42 /* B */:
        return { tag: 'begin', finalLsn: r.lsn(), commitTimeUs: r.timestampUs(), xid: r.u32() };
      case 0x43 /* C */: {
        r.u8(); // flags, unused
        return { tag: 'commit', commitLsn: r.lsn(), endLsn: r.lsn(), commitTimeUs: r.timestampUs() };
      }
      case 0x52 /* R */:
        return this.relation(r);
      case 0x49 /* I */: {
        const relation = this.relationOf(r.i32());
        const kind = r.u8();
        if (kind !== 0x4e) throw new DataException(`insert without a new tuple (${kind})`);
        return { tag: 'insert', relation, new: this.tuple(r, relation) };
      }
      case 0x55 /* U */: {
        const relation = this.relationOf(r.i32());
        let kind = r.u8();
        let key: TupleData | null = null;
        let old: TupleData | null = null;
        if (kind === 0x4b /* K */ || kind === 0x4f /* O */) {
          const tuple = this.tuple(r, relation);
          if (kind === 0x4b) key = tuple;
          else old = tuple;
          kind = r.u8();
        }
        if (kind !== 0x4e) throw new DataException(`update without a new tuple (${kind})`);
        return { tag: 'update', relation, key, old, new: this.tuple(r, relation) };
      }
      case 0x44 /* D */: {
        const relation = this.relationOf(r.i32());
        const kind = r.u8();
        if (kind !== 0x4b && kind !== 0x4f) throw new DataException(`delete without an old tuple (${kind})`);
        const tuple = this.tuple(r, relation);
        return {
          tag: 'delete',
          relation,
          key: kind === 0x4b ? tuple : null,
          old: kind === 0x4f ? tuple : null,
        };
      }
      case 0x54 /* T */: {
        const count = r.i32();
        const flags = r.u8();
        const relations: RelationMessage[] = [];
        for (let i = 0; i < count; i++) relations.push(this.relationOf(r.i32()));
        return {
          tag: 'truncate',
          relations,
          cascade: (flags & 1) !== 0,
          restartIdentity: (flags & 2) !== 0,
        };
      }
      case 0x59 /* Y */:
        return { tag: 'type' };
      case 0x4f /* O */:
        return { tag: 'origin' };
      case 0x4d /* M */:
        return { tag: 'message' };
      default:
        throw new DataException(`unknown pgoutput message '${String.fromCharCode(tag)}'`);
    }
  }

  private relation(r: Reader): RelationMessage {
    const oid = r.u32();
    const schema = r.cstring();
    const table = r.cstring();
    const identity = String.fromCharCode(r.u8());
    const replicaIdentity =
      identity === 'd'
        ? 'default'
        : identity === 'n'
          ? 'nothing'
          : identity === 'f'
            ? 'full'
            : identity === 'i'
              ? 'index'
              : undefined;
    if (replicaIdentity === undefined) throw new DataException(`unknown replica identity '${identity}'`);
    const count = r.i16();
    const columns: RelationColumn[] = [];
    for (let i = 0; i < count; i++) {
      const flags = r.u8();
      const name = r.cstring();
      const typeOid = r.u32();
      const typeMod = r.i32();
      columns.push({ name, typeOid, typeMod, isReplicaIdentity: (flags & 1) !== 0 });
    }
    const message: RelationMessage = { tag: 'relation', oid, schema, table, replicaIdentity, columns };
    this.relations.set(oid, message);
    return message;
  }

  private relationOf(oid: number): RelationMessage {
    const relation = this.relations.get(oid >>> 0);
    if (relation === undefined)
      throw new DataException(`change for relation ${oid >>> 0} before its Relation message`);
    return relation;
  }

  private tuple(r: Reader, relation: RelationMessage): TupleData {
    const count = r.i16();
    if (count > relation.columns.length) {
      throw new DataException(
        `tuple of ${count} columns for ${relation.schema}.${relation.table} with ${relation.columns.length}`,
      );
    }
    const row: TupleData = {};
    for (let i = 0; i < count; i++) {
      const name = relation.columns[i]!.name;
      const kind = r.u8();
      switch (kind) {
        case 0x6e /* n */:
          row[name] = null;
          break;
        case 0x75 /* u */:
          row[name] = UNCHANGED_TOAST;
          break;
        case 0x74 /* t */:
          row[name] = r.bytes(r.i32()).toString('utf8');
          break;
        case 0x62 /* b */:
          row[name] = Buffer.from(r.bytes(r.i32()));
          break;
        default:
          throw new DataException(`unknown tuple value kind '${String.fromCharCode(kind)}'`);
      }
    }
    return row;
  }
}

/** What the plugin hands the 'data' listener: the decoded message and its place in arrival order. */
export interface DecodedWalMessage {
  /** 1, 2, 3, ... in the order the messages arrived on the replication connection. */
  readonly seq: number;
  readonly message: PgoutputMessage;
}

/**
 * An output plugin for pg-logical-replication's LogicalReplicationService that speaks pgoutput
 * protocol 1 through PgoutputDecoder. The library's own PgoutputPlugin runs values through pg's
 * global type parsers (timestamps become Dates, losing microseconds and shifting by the local zone)
 * and cannot tell an unchanged TOASTed value from a missing one; this one keeps the server's text.
 *
 * `parse` is called synchronously as each XLogData message arrives, before the library queues it for
 * the data listener, so `received` counts messages in wire order even while listeners lag behind:
 * the source task uses it to know which data preceded a keepalive.
 */
export class PgoutputTextPlugin {
  readonly options: { readonly publicationName: string };
  private readonly decoder = new PgoutputDecoder();
  /** XLogData messages parsed so far. */
  received = 0;

  constructor(options: { readonly publicationName: string }) {
    this.options = options;
  }

  get name(): string {
    return 'pgoutput';
  }

  parse(buffer: Buffer): DecodedWalMessage {
    const message = this.decoder.decode(buffer);
    this.received += 1;
    return { seq: this.received, message };
  }

  /**
   * Starts streaming. Always from `0/0`: the server then starts at the slot's confirmed_flush_lsn, which
   * only ever holds positions whose records our log acknowledged; the task drops what it had emitted.
   */
  start(client: Client, slotName: string, _lastLsn: string): Promise<unknown> {
    const options = [
      `proto_version '1'`,
      `publication_names ${quoteLiteral(quoteIdent(this.options.publicationName))}`,
    ];
    return client.query(
      `START_REPLICATION SLOT ${quoteIdent(slotName)} LOGICAL ${formatLsn(0)} (${options.join(', ')})`,
    );
  }
}
