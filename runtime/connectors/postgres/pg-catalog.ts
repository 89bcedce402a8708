import pg from 'pg';
import type { ClientConfig, QueryResultRow } from 'pg';
import { ConnectException, type PgColumn, type PgRelation } from '../../../actors/connect/index.ts';
import type { TableId } from './sql.ts';

/** Connecting fails after this long instead of hanging a task start. */
export const connectTimeoutMs = 10_000;

/** Query results as the server's text, unparsed: one conversion (pgValueToConnect) for every path. */
export const textTypes = { getTypeParser: () => (text: string) => text };

/** A replication connection (`replication=database`): takes CREATE_REPLICATION_SLOT and START_REPLICATION. */
export type ReplicationClientConfig = ClientConfig & { readonly replication: 'database' };

/** Connects, turning a refusal into a ConnectException that says where it tried to connect. */
export async function connectClient(config: ClientConfig, what: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionTimeoutMillis: connectTimeoutMs, ...config });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new ConnectException(
      `${what}: cannot connect to PostgreSQL at ${config.host ?? 'localhost'}:${config.port ?? 5432}` +
        ` database ${config.database ?? '(default)'} as ${config.user ?? '(default)'}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  // A dropped connection emits 'error' on the client; without a listener that would crash the process.
  client.on('error', () => undefined);
  return client;
}

export async function query<R extends QueryResultRow>(
  client: pg.Client,
  text: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  const result = await client.query<R>({ text, values: [...values], types: textTypes });
  return result.rows;
}

/** A column as the catalog describes it. */
export interface CatalogColumn {
  readonly name: string;
  readonly typeOid: number;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
}

/**
 * The table's columns in order (without dropped and generated ones, which pgoutput does not send
 * either) and which belong to the primary key; undefined if the table does not exist.
 */
export async function describeTable(client: pg.Client, id: TableId): Promise<CatalogColumn[] | undefined> {
  const rows = await query<{ attname: string; atttypid: string; attnotnull: string; pk: string }>(
    client,
    `SELECT a.attname, a.atttypid, a.attnotnull, coalesce(a.attnum = ANY (i.indkey), false) AS pk
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [id.schema, id.table],
  );
  if (rows.length === 0) return undefined;
  return rows.map((r) => ({
    name: r.attname,
    typeOid: Number(r.atttypid),
    notNull: r.attnotnull === 't',
    primaryKey: r.pk === 't',
  }));
}

/**
 * The relation the change-event builder needs: the key is the primary key (as Debezium's, whatever
 * the REPLICA IDENTITY), and columns are required where the catalog says NOT NULL. `columns` gives
 * the order and types (a Relation message's, when streaming); the catalog adds key and nullability.
 */
export function pgRelation(
  id: TableId,
  columns: readonly { readonly name: string; readonly typeOid: number }[],
  catalog: readonly CatalogColumn[] | undefined,
): PgRelation {
  const byName = new Map((catalog ?? []).map((c) => [c.name, c]));
  const out: PgColumn[] = columns.map((c) => {
    const known = byName.get(c.name);
    return {
      name: c.name,
      typeOid: c.typeOid,
      isKey: known?.primaryKey ?? false,
      optional: known === undefined ? true : !known.notNull,
    };
  });
  return { schema: id.schema, table: id.table, columns: out };
}

/** The tables a publication streams, in a stable order. */
export async function publicationTables(client: pg.Client, publication: string): Promise<TableId[]> {
  const rows = await query<{ schemaname: string; tablename: string }>(
    client,
    `SELECT schemaname, tablename FROM pg_catalog.pg_publication_tables WHERE pubname = $1 ORDER BY 1, 2`,
    [publication],
  );
  return rows.map((r) => ({ schema: r.schemaname, table: r.tablename }));
}

/** Ordinary and partitioned tables outside the system schemas. */
export async function userTables(client: pg.Client): Promise<TableId[]> {
  const rows = await query<{ nspname: string; relname: string }>(
    client,
    `SELECT n.nspname, c.relname FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
      ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ schema: r.nspname, table: r.relname }));
}

/** The replication slot's state, or undefined when there is no such slot. */
export interface SlotInfo {
  readonly plugin: string;
  readonly database: string;
  readonly confirmedFlushLsn: string | null;
  readonly activePid: number | null;
}

export async function slotInfo(client: pg.Client, slot: string): Promise<SlotInfo | undefined> {
  const rows = await query<{
    plugin: string;
    database: string;
    confirmed_flush_lsn: string | null;
    active_pid: string | null;
  }>(
    client,
    `SELECT plugin, database, confirmed_flush_lsn, active_pid FROM pg_catalog.pg_replication_slots WHERE slot_name = $1`,
    [slot],
  );
  const r = rows[0];
  if (r === undefined) return undefined;
  return {
    plugin: r.plugin,
    database: r.database,
    confirmedFlushLsn: r.confirmed_flush_lsn,
    activePid: r.active_pid === null ? null : Number(r.active_pid),
  };
}
