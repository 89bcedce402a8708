import type pg from 'pg';
import {
  ConnectException,
  DataException,
  RetriableException,
  type PartitionOffsets,
  type Props,
  type SinkRecord,
  type SinkTask,
  type SinkTaskContext,
} from '../../../actors/connect/index.ts';
import { connectClient, query } from './pg-catalog.ts';
import { parsePostgresSinkConfig, type PostgresSinkConfig } from './postgres-sink-config.ts';
import {
  createTableStatement,
  operationOf,
  shapeOf,
  statementsFor,
  type SinkOperation,
} from './sink-operations.ts';
import { quoteTable, tableName } from './sql.ts';
import { postgresConnectorVersion } from './version.ts';

/**
 * Writes records to PostgreSQL tables (see PostgresSinkConnector). Each `put` is written and
 * committed in one transaction before it returns, so `flush`/`preCommit` have nothing left to make
 * durable and the consumer offsets the worker commits afterwards never run ahead of the table.
 * Upserts and deletes by key are idempotent: records redelivered after a crash change nothing.
 */
export class PostgresSinkTask implements SinkTask {
  private context: SinkTaskContext | undefined;
  private config: PostgresSinkConfig | undefined;
  private client: pg.Client | undefined;
  private readonly knownTables = new Set<string>();
  private retriesLeft = 0;

  version(): string {
    return postgresConnectorVersion;
  }

  initialize(context: SinkTaskContext): void {
    this.context = context;
  }

  async start(props: Props): Promise<void> {
    this.config = parsePostgresSinkConfig(props);
    this.retriesLeft = this.config.maxRetries;
    this.client = await connectClient(this.config.connection, 'PostgreSQL sink');
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const config = this.config!;
    const ops: SinkOperation[] = [];
    for (const record of records) {
      try {
        const op = operationOf(config, record);
        if (op !== null) ops.push(op);
      } catch (err) {
        const reporter = this.context?.errantRecordReporter() ?? null;
        if (!(err instanceof DataException) || reporter === null) throw err;
        await reporter(record, err);
      }
    }
    try {
      await this.write(ops);
      this.retriesLeft = config.maxRetries;
    } catch (err) {
      if (err instanceof DataException) throw err;
      if (this.retriesLeft <= 0) {
        throw new ConnectException(
          `PostgreSQL sink: writing ${records.length} records failed: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
      this.retriesLeft -= 1;
      await this.reconnect();
      this.context?.timeout(config.retryBackoffMs);
      throw new RetriableException(`PostgreSQL sink: writing failed, will retry: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /** Writes are committed in put; nothing is pending here. */
  async flush(_currentOffsets: PartitionOffsets): Promise<void> {}

  async preCommit(currentOffsets: PartitionOffsets): Promise<PartitionOffsets> {
    return currentOffsets;
  }

  async stop(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  /** Runs of consecutive operations with one shape become multi-row statements, all in one transaction. */
  private async write(ops: readonly SinkOperation[]): Promise<void> {
    const client = this.client;
    if (client === undefined) throw new ConnectException('PostgreSQL sink: not connected');
    for (const op of ops) if (op.kind === 'upsert') await this.ensureTable(client, op);
    await client.query('BEGIN');
    try {
      let run: SinkOperation[] = [];
      let shape = '';
      for (const op of ops) {
        const s = shapeOf(op);
        if (s !== shape && run.length > 0) {
          await this.execute(client, run);
          run = [];
        }
        shape = s;
        run.push(op);
      }
      await this.execute(client, run);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private async execute(client: pg.Client, run: readonly SinkOperation[]): Promise<void> {
    for (const statement of statementsFor(this.config!, run))
      await client.query(statement.text, statement.values);
  }

  /** Checks the table exists once per task; creates it from the record schema with auto.create. */
  private async ensureTable(
    client: pg.Client,
    op: Extract<SinkOperation, { kind: 'upsert' }>,
  ): Promise<void> {
    const name = tableName(op.table);
    if (this.knownTables.has(name)) return;
    const found = await query<{ t: string | null }>(client, 'SELECT to_regclass($1)::text AS t', [
      quoteTable(op.table),
    ]);
    if (found[0]?.t === null || found[0]?.t === undefined) {
      if (!this.config!.autoCreate) {
        throw new DataException(
          `PostgreSQL sink: table ${name} does not exist; create it or set auto.create=true`,
        );
      }
      await client.query(createTableStatement(op));
    }
    this.knownTables.add(name);
  }

  private async reconnect(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    try {
      this.client = await connectClient(this.config!.connection, 'PostgreSQL sink');
    } catch {
      // The next put fails with "not connected" and retries again.
    }
  }
}
