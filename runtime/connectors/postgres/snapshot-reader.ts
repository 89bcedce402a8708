import type pg from 'pg';
import type { ClientConfig } from 'pg';
import {
  ConnectException,
  type DebeziumChangeEventBuilder,
  type PgChange,
  type PgRelation,
  type SourceRecord,
} from '../../../actors/connect/index.ts';
import { connectClient, describeTable, pgRelation, query } from './pg-catalog.ts';
import { parseLsn } from './lsn.ts';
import { quoteIdent, quoteTable, type TableId } from './sql.ts';

/** What creating the slot with an exported snapshot gave. */
export interface SlotSnapshot {
  /** Where the slot starts: every transaction committed after the snapshot ends beyond it. */
  readonly consistentLsn: number;
  readonly snapshotName: string;
}

/**
 * Creates the logical slot on a replication connection with EXPORT_SNAPSHOT and imports that snapshot
 * into a REPEATABLE READ transaction on `snapshotClient`: the rows read there are exactly the state
 * before the slot's first change, so snapshot plus stream has no gap and no overlap.
 */
export async function createSlotWithSnapshot(
  replicationConfig: ClientConfig,
  snapshotClient: pg.Client,
  slotName: string,
): Promise<SlotSnapshot> {
  const repl = await connectClient(replicationConfig, 'creating the replication slot');
  try {
    const rows = await query<{ consistent_point: string; snapshot_name: string }>(
      repl,
      `CREATE_REPLICATION_SLOT ${quoteIdent(slotName)} LOGICAL pgoutput EXPORT_SNAPSHOT`,
    );
    const row = rows[0];
    if (row === undefined) throw new ConnectException(`CREATE_REPLICATION_SLOT ${slotName} returned nothing`);
    await beginSnapshot(snapshotClient);
    // The exported snapshot lives only while `repl` is open and idle: import it before closing.
    await snapshotClient.query(`SET TRANSACTION SNAPSHOT '${row.snapshot_name.replace(/'/g, "''")}'`);
    return { consistentLsn: parseLsn(row.consistent_point), snapshotName: row.snapshot_name };
  } finally {
    await repl.end().catch(() => undefined);
  }
}

/** Starts the REPEATABLE READ transaction the snapshot is read in. */
export async function beginSnapshot(client: pg.Client): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

const cursorName = 'tributary_snapshot';

/**
 * Reads every captured table inside the imported snapshot through a cursor, `fetchSize` rows a round
 * trip, as Debezium read events (`op: r`). The first record is marked `first`, the last `last` (its
 * offset says the snapshot completed); one row is held back to know which is last.
 */
export class SnapshotReader {
  private readonly client: pg.Client;
  private readonly tables: TableId[];
  private readonly builder: DebeziumChangeEventBuilder;
  private readonly fetchSize: number;
  private readonly consistentLsn: number;
  private readonly startedMs: number;
  private txId = 0;
  private current: { readonly relation: PgRelation } | undefined;
  private held: { readonly relation: PgRelation; readonly row: Record<string, string | null> } | undefined;
  private emitted = 0;
  private done = false;

  constructor(options: {
    client: pg.Client;
    tables: readonly TableId[];
    builder: DebeziumChangeEventBuilder;
    fetchSize: number;
    consistentLsn: number;
    startedMs: number;
  }) {
    this.client = options.client;
    this.tables = [...options.tables];
    this.builder = options.builder;
    this.fetchSize = options.fetchSize;
    this.consistentLsn = options.consistentLsn;
    this.startedMs = options.startedMs;
  }

  /** Rows read so far (for logs and tests). */
  get rowsRead(): number {
    return this.emitted;
  }

  /** The next records (at most about `max`), or null once every table is read and the transaction ended. */
  async next(max: number): Promise<SourceRecord[] | null> {
    if (this.done) return null;
    if (this.txId === 0) {
      const rows = await query<{ xmin: string }>(
        this.client,
        'SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin',
      );
      this.txId = Number(rows[0]!.xmin);
    }
    const out: SourceRecord[] = [];
    while (out.length < max) {
      const batch = await this.fetch(Math.min(this.fetchSize, max - out.length + 1));
      if (batch === null) {
        if (this.held !== undefined) out.push(...this.build(this.held, 'last'));
        this.held = undefined;
        await this.client.query('COMMIT');
        this.done = true;
        break;
      }
      for (const row of batch) {
        if (this.held !== undefined)
          out.push(...this.build(this.held, this.emitted === 0 ? 'first' : 'true'));
        this.held = row;
      }
    }
    return out;
  }

  /**
   * Closes the snapshot's connection; before the end this abandons the snapshot (the task stopped),
   * and a later start repeats it.
   */
  async close(): Promise<void> {
    if (!this.done) await this.client.query('ROLLBACK').catch(() => undefined);
    this.done = true;
    await this.client.end().catch(() => undefined);
  }

  private build(
    entry: { readonly relation: PgRelation; readonly row: Record<string, string | null> },
    marker: 'first' | 'true' | 'last',
  ): SourceRecord[] {
    this.emitted += 1;
    const change: PgChange = {
      kind: 'snapshot',
      relation: entry.relation,
      new: entry.row,
      lsn: this.consistentLsn,
      txId: this.txId,
      commitTs: this.startedMs,
      snapshotMarker: marker,
    };
    return this.builder.build(change);
  }

  /** Up to `n` rows of the current table, moving on to the next table when one is exhausted. */
  private async fetch(
    n: number,
  ): Promise<{ relation: PgRelation; row: Record<string, string | null> }[] | null> {
    for (;;) {
      if (this.current === undefined) {
        const id = this.tables.shift();
        if (id === undefined) return null;
        const catalog = await describeTable(this.client, id);
        if (catalog === undefined) continue; // dropped since the publication listed it
        const relation = pgRelation(id, catalog, catalog);
        const columns = catalog.map((c) => quoteIdent(c.name)).join(', ');
        await this.client.query(
          `DECLARE ${cursorName} NO SCROLL CURSOR FOR SELECT ${columns} FROM ${quoteTable(id)}`,
        );
        this.current = { relation };
      }
      const rows = await query<Record<string, string | null>>(
        this.client,
        `FETCH FORWARD ${n} FROM ${cursorName}`,
      );
      if (rows.length > 0) {
        const relation = this.current.relation;
        return rows.map((row) => ({ relation, row }));
      }
      await this.client.query(`CLOSE ${cursorName}`);
      this.current = undefined;
    }
  }
}
