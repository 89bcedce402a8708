import type { Clock } from '../../../core/io/index.ts';
import { DataException } from '../api/connect-errors.ts';
import type { ConnectHeader, SourceRecord } from '../api/records.ts';
import { SchemaBuilder, Schemas, type Schema } from '../api/schema.ts';
import { Struct } from '../api/struct.ts';
import { pgColumnSchema, pgValueToConnect } from './pg-types.ts';

/**
 * What Debezium writes for a NOT NULL column that has no value in the tuple (a key-only old image
 * under REPLICA IDENTITY DEFAULT): the schema default or the type's fallback (JdbcValueConverters
 * convertValue), so the struct still satisfies its schema.
 */
function requiredFallback(schema: Schema): unknown {
  if (schema.defaultValue !== undefined) return schema.defaultValue;
  if (schema.name === 'io.debezium.time.ZonedTimestamp') return '1970-01-01T00:00:00Z';
  if (schema.name === 'io.debezium.data.Json') return '{}';
  switch (schema.type) {
    case 'BOOLEAN':
      return false;
    case 'STRING':
      return '';
    case 'BYTES':
      return Buffer.alloc(0);
    default:
      return 0;
  }
}

/** A column as a pgoutput Relation message describes it. */
export interface PgColumn {
  readonly name: string;
  readonly typeOid: number;
  /** Part of the replica identity key (the primary key under REPLICA IDENTITY DEFAULT). */
  readonly isKey: boolean;
  /** Nullable; defaults to true for non-key columns and false for key columns. */
  readonly optional?: boolean;
}

export interface PgRelation {
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly PgColumn[];
}

/** pgoutput's marker for an unchanged TOASTed column it did not send (tuple kind 'u'). */
export const UNCHANGED_TOAST: unique symbol = Symbol('UNCHANGED_TOAST');

/** Column name -> value in pgoutput text form (or already parsed), or UNCHANGED_TOAST. */
export type PgRow = Readonly<Record<string, unknown>>;

/** One decoded row change, as the replication client will hand it over. */
export interface PgChange {
  readonly kind: 'insert' | 'update' | 'delete' | 'snapshot';
  readonly relation: PgRelation;
  /** The old tuple: key columns under REPLICA IDENTITY DEFAULT/INDEX, all under FULL, absent under NOTHING. */
  readonly old?: PgRow | null;
  readonly new?: PgRow | null;
  /** LSN of the change (the commit LSN when emitted at commit). */
  readonly lsn: number;
  readonly txId: number;
  /** Commit time in the database, ms since the epoch (source.ts_ms). */
  readonly commitTs: number;
  /** The LSN of the last committed transaction, for source.sequence. */
  readonly lastCommitLsn?: number;
  /** source.snapshot for snapshot reads: 'first', 'last', ... ; default 'true'. */
  readonly snapshotMarker?:
    'true' | 'first' | 'first_in_data_collection' | 'last_in_data_collection' | 'last';
}

export interface DebeziumOptions {
  /** `topic.prefix` (formerly database.server.name): the topic prefix and source.name. */
  readonly topicPrefix: string;
  /** `database.dbname`: source.db. */
  readonly database: string;
  /** The top-level ts_ms is when the connector processed the event: read from this clock. */
  readonly clock: Clock;
  /** `tombstones.on.delete` (default true). */
  readonly tombstonesOnDelete?: boolean;
  /** `unavailable.value.placeholder` for unchanged TOASTed columns. */
  readonly unavailableValuePlaceholder?: string;
  /** source.version; defaults to the Debezium release whose envelope this follows. */
  readonly connectorVersion?: string;
}

export const debeziumVersionDefault = '2.5.0.Final';
export const unavailableValuePlaceholderDefault = '__debezium_unavailable_value';

const snapshotAllowed = 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental';

/** io.debezium.connector.postgresql.Source (the ts_us/ts_ns fields of 2.6+ are left out: ns exceed 2^53). */
export const postgresSourceSchema: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.postgresql.Source')
  .field('version', Schemas.STRING)
  .field('connector', Schemas.STRING)
  .field('name', Schemas.STRING)
  .field('ts_ms', Schemas.INT64)
  .field(
    'snapshot',
    SchemaBuilder.of('STRING')
      .optional()
      .name('io.debezium.data.Enum')
      .version(1)
      .parameter('allowed', snapshotAllowed)
      .defaultValue('false')
      .build(),
  )
  .field('db', Schemas.STRING)
  .field('sequence', Schemas.OPTIONAL_STRING)
  .field('schema', Schemas.STRING)
  .field('table', Schemas.STRING)
  .field('txId', Schemas.OPTIONAL_INT64)
  .field('lsn', Schemas.OPTIONAL_INT64)
  .field('xmin', Schemas.OPTIONAL_INT64)
  .build();

/** Debezium's transaction block (`event.block`), present in the envelope schema and null unless transaction metadata is on. */
export const transactionBlockSchema: Schema = SchemaBuilder.struct()
  .optional()
  .name('event.block')
  .version(1)
  .field('id', Schemas.STRING)
  .field('total_order', Schemas.INT64)
  .field('data_collection_order', Schemas.INT64)
  .build();

/** The key, row and envelope schemas of one table, derived once per Relation message. */
export interface TableSchemas {
  readonly topic: string;
  /** Null when the table has no key columns (then records have a null key). */
  readonly keySchema: Schema | null;
  readonly valueSchema: Schema;
  readonly envelopeSchema: Schema;
  /** Columns with a mapped type, in table order (unknown types are skipped, as Debezium does). */
  readonly columns: readonly PgColumn[];
}

/** Builds `<prefix>.<schema>.<table>.Key`, `.Value` and `.Envelope` for a relation. */
export function tableSchemas(relation: PgRelation, topicPrefix: string): TableSchemas {
  const base = `${topicPrefix}.${relation.schema}.${relation.table}`;
  const columns = relation.columns.filter((c) => pgColumnSchema(c.typeOid, true) !== undefined);
  const keyColumns = columns.filter((c) => c.isKey);
  let keySchema: Schema | null = null;
  if (keyColumns.length > 0) {
    const kb = SchemaBuilder.struct().name(`${base}.Key`);
    for (const c of keyColumns) kb.field(c.name, pgColumnSchema(c.typeOid, false)!);
    keySchema = kb.build();
  }
  const vb = SchemaBuilder.struct().optional().name(`${base}.Value`);
  for (const c of columns) vb.field(c.name, pgColumnSchema(c.typeOid, c.optional ?? !c.isKey)!);
  const valueSchema = vb.build();
  const envelopeSchema = SchemaBuilder.struct()
    .name(`${base}.Envelope`)
    .version(1)
    .field('before', valueSchema)
    .field('after', valueSchema)
    .field('source', postgresSourceSchema)
    .field('op', Schemas.STRING)
    .field('ts_ms', Schemas.OPTIONAL_INT64)
    .field('transaction', transactionBlockSchema)
    .build();
  return { topic: base, keySchema, valueSchema, envelopeSchema, columns };
}

/**
 * Builds Debezium PostgreSQL change events from decoded row changes, with the same topic, key,
 * envelope, source block, op codes and delete/tombstone rules as Debezium's connector:
 *
 * - insert -> `c`, snapshot row -> `r` (source.snapshot "true" or the given marker);
 * - update -> `u`, before = the old tuple when pgoutput sent one (REPLICA IDENTITY FULL/INDEX);
 *   an update that changes the key becomes a delete (header `__debezium.newkey`), a tombstone,
 *   and a create (header `__debezium.oldkey`);
 * - delete -> `d` then a tombstone (same key, null value) when `tombstones.on.delete`;
 * - a keyless table under REPLICA IDENTITY DEFAULT (no old tuple) emits no update/delete events.
 *
 * Schemas are cached per relation object; a new Relation message (schema change) gives new ones.
 */
export class DebeziumChangeEventBuilder {
  private readonly options: DebeziumOptions;
  private readonly schemas = new WeakMap<PgRelation, TableSchemas>();

  constructor(options: DebeziumOptions) {
    this.options = options;
  }

  schemasFor(relation: PgRelation): TableSchemas {
    let s = this.schemas.get(relation);
    if (s === undefined) {
      s = tableSchemas(relation, this.options.topicPrefix);
      this.schemas.set(relation, s);
    }
    return s;
  }

  /** The records for one change, in the order they must be written. */
  build(change: PgChange): SourceRecord[] {
    const t = this.schemasFor(change.relation);
    const tombstones = this.options.tombstonesOnDelete ?? true;
    switch (change.kind) {
      case 'insert':
      case 'snapshot': {
        const after = this.row(t, this.required(change.new, change));
        const op = change.kind === 'insert' ? 'c' : 'r';
        return [this.record(t, change, op, this.keyOf(t, after), null, after, [])];
      }
      case 'update': {
        const after = this.row(t, this.required(change.new, change));
        const before = change.old ? this.row(t, change.old, after) : null;
        if (t.keySchema === null && before === null) return [];
        const newKey = this.keyOf(t, after);
        const oldKey = before === null ? newKey : this.keyOf(t, before);
        if (t.keySchema !== null && oldKey !== null && newKey !== null && !oldKey.equals(newKey)) {
          const out = [
            this.record(t, change, 'd', oldKey, before, null, [this.header('__debezium.newkey', t, newKey)]),
          ];
          if (tombstones) out.push(this.tombstone(t, change, oldKey));
          out.push(
            this.record(t, change, 'c', newKey, null, after, [this.header('__debezium.oldkey', t, oldKey)]),
          );
          return out;
        }
        return [this.record(t, change, 'u', newKey, before, after, [])];
      }
      case 'delete': {
        if (change.old === undefined || change.old === null) {
          // No old tuple (REPLICA IDENTITY NOTHING, or a keyless table): nothing identifies the row.
          return [];
        }
        const before = this.row(t, change.old);
        const key = this.keyOf(t, before);
        const out = [this.record(t, change, 'd', key, before, null, [])];
        if (tombstones && key !== null) out.push(this.tombstone(t, change, key));
        return out;
      }
      default: {
        const _never: never = change.kind;
        return _never;
      }
    }
  }

  private required(row: PgRow | null | undefined, change: PgChange): PgRow {
    if (row === undefined || row === null) {
      throw new DataException(
        `${change.kind} on ${change.relation.schema}.${change.relation.table} has no new tuple`,
      );
    }
    return row;
  }

  /** A row struct; unchanged TOAST values become the placeholder (or, failing that, the after image's value). */
  private row(t: TableSchemas, row: PgRow, fallback?: Struct): Struct {
    const struct = new Struct(t.valueSchema);
    for (const c of t.columns) {
      const raw = row[c.name];
      if (raw === undefined || raw === null) {
        const field = t.valueSchema.fields!.find((f) => f.name === c.name)!;
        if (!field.schema.optional) struct.put(c.name, requiredFallback(field.schema));
        continue;
      }
      if (raw === UNCHANGED_TOAST) {
        struct.put(c.name, this.placeholder(t, c, fallback));
        continue;
      }
      const value = pgValueToConnect(c.typeOid, raw);
      struct.put(c.name, value);
    }
    return struct;
  }

  private placeholder(t: TableSchemas, column: PgColumn, fallback?: Struct): unknown {
    if (fallback !== undefined) return fallback.getWithoutDefault(column.name);
    const text = this.options.unavailableValuePlaceholder ?? unavailableValuePlaceholderDefault;
    const schema = t.valueSchema.fields!.find((f) => f.name === column.name)!.schema;
    if (schema.type === 'STRING' && schema.name !== 'io.debezium.time.ZonedTimestamp') return text;
    if (schema.type === 'BYTES') return Buffer.from(text, 'utf8');
    return null;
  }

  private keyOf(t: TableSchemas, row: Struct): Struct | null {
    if (t.keySchema === null) return null;
    const key = new Struct(t.keySchema);
    for (const f of t.keySchema.fields!) key.put(f.name, row.getWithoutDefault(f.name));
    return key;
  }

  private source(change: PgChange): Struct {
    const snapshot = change.kind === 'snapshot' ? (change.snapshotMarker ?? 'true') : 'false';
    const sequence =
      change.lastCommitLsn === undefined
        ? null
        : JSON.stringify([String(change.lastCommitLsn), String(change.lsn)]);
    return new Struct(postgresSourceSchema)
      .put('version', this.options.connectorVersion ?? debeziumVersionDefault)
      .put('connector', 'postgresql')
      .put('name', this.options.topicPrefix)
      .put('ts_ms', change.commitTs)
      .put('snapshot', snapshot)
      .put('db', this.options.database)
      .put('sequence', sequence)
      .put('schema', change.relation.schema)
      .put('table', change.relation.table)
      .put('txId', change.txId)
      .put('lsn', change.lsn)
      .put('xmin', null);
  }

  private sourceOffset(change: PgChange): Record<string, unknown> {
    const offset: Record<string, unknown> = {
      lsn: change.lsn,
      txId: change.txId,
      ts_usec: change.commitTs * 1000,
    };
    if (change.kind === 'snapshot') {
      offset['snapshot'] = true;
      offset['last_snapshot_record'] = change.snapshotMarker === 'last';
    }
    return offset;
  }

  private record(
    t: TableSchemas,
    change: PgChange,
    op: 'c' | 'u' | 'd' | 'r',
    key: Struct | null,
    before: Struct | null,
    after: Struct | null,
    headers: ConnectHeader[],
  ): SourceRecord {
    const envelope = new Struct(t.envelopeSchema)
      .put('before', before)
      .put('after', after)
      .put('source', this.source(change))
      .put('op', op)
      .put('ts_ms', this.options.clock.now())
      .put('transaction', null);
    return {
      sourcePartition: { server: this.options.topicPrefix },
      sourceOffset: this.sourceOffset(change),
      topic: t.topic,
      keySchema: t.keySchema,
      key,
      valueSchema: t.envelopeSchema,
      value: envelope,
      headers,
    };
  }

  private tombstone(t: TableSchemas, change: PgChange, key: Struct): SourceRecord {
    return {
      sourcePartition: { server: this.options.topicPrefix },
      sourceOffset: this.sourceOffset(change),
      topic: t.topic,
      keySchema: t.keySchema,
      key,
      valueSchema: null,
      value: null,
      headers: [],
    };
  }

  private header(name: string, t: TableSchemas, key: Struct): ConnectHeader {
    return { key: name, schema: t.keySchema, value: key };
  }
}
