/**
 * The PostgreSQL the connector tests run against: the one `.ci/postgres.sh` starts (fixed address and
 * credentials), or TRIBUTARY_PG_URL. Each test gets its own database, dropped at the end with its
 * replication slots, so tests start clean and leave nothing behind. If the server is not reachable
 * the tests fail and say how to start it; they are never skipped.
 *
 * The server is shared: several test processes (other checkouts, other engineers' `npm test`) may use
 * it at once. Names are unique per process and test (database, and through `uniqueName` the slots and
 * publications, whose names are global to the server), and only leftovers of processes that are gone
 * (killed before their cleanup ran) are dropped, never another live run's database or slots.
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import pg from 'pg';
import type { ClientConfig } from 'pg';

export const pgTestUrl =
  process.env['TRIBUTARY_PG_URL'] ?? 'postgres://tributary:tributary@127.0.0.1:54329/tributary';

const testDatabasePrefix = 'trib_test_';

export function pgTestConfig(database?: string): ClientConfig {
  const url = new URL(pgTestUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: database ?? (url.pathname.replace(/^\//, '') || 'postgres'),
  };
}

/** Connects to the test server, or fails with what to run to get one. */
export async function connectPg(database?: string): Promise<pg.Client> {
  const config = pgTestConfig(database);
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL for the connector tests is not reachable at ${config.host}:${config.port} ` +
        `(user ${config.user}, database ${config.database}): ${(err as Error).message}. ` +
        "Start it with `bash .ci/postgres.sh` (installs Debian's postgresql if missing and starts it on " +
        '127.0.0.1:54329 with wal_level=logical), or point TRIBUTARY_PG_URL at a server with wal_level=logical.',
      { cause: err },
    );
  }
  client.on('error', () => undefined);
  return client;
}

/** A database of its own for one test. */
export interface TestDatabase {
  readonly name: string;
  /** Runs SQL in the test database (one connection kept open). */
  readonly client: pg.Client;
  /** The source connector's connection properties for this database. */
  sourceProps(): Record<string, string>;
  /** The sink connector's connection properties for this database. */
  sinkProps(): Record<string, string>;
  /**
   * A name no other test or process uses (slot and publication names are global to the server), made
   * of `[a-z0-9_]` as slot names must be; leftovers carrying it are cleaned up with this database.
   */
  uniqueName(suffix: string): string;
  /** Drops the database, its replication slots, and whatever connections still use them. */
  drop(): Promise<void>;
}

let counter = 0;

/** Drops the slots of `database` and then the database, ending the connections that hold either. */
async function dropDatabase(admin: pg.Client, database: string): Promise<void> {
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    const slots = await admin.query<{ slot_name: string; active_pid: number | null }>(
      `SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = $1`,
      [database],
    );
    if (slots.rows.length === 0) break;
    for (const s of slots.rows) {
      if (s.active_pid !== null) await admin.query('SELECT pg_terminate_backend($1)', [s.active_pid]);
      await admin.query('SELECT pg_drop_replication_slot($1)', [s.slot_name]).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

/** Who created a test database: kept as the database's comment, to tell leftovers from live runs. */
interface Owner {
  readonly host: string;
  readonly pid: number;
  readonly createdMs: number;
}

/** A test database older than this is a leftover whoever created it (another host, say). */
const leftoverAgeMs = 6 * 3600_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a test database's creator is gone: a dead process on this host, or an old database. */
function isLeftover(comment: string | null): boolean {
  let owner: Owner;
  try {
    owner = JSON.parse(comment ?? '') as Owner;
  } catch {
    return true; // made before owners were recorded
  }
  if (Date.now() - owner.createdMs > leftoverAgeMs) return true;
  return owner.host === os.hostname() && owner.pid !== process.pid && !processAlive(owner.pid);
}

/** Drops the test databases (with their slots) of runs that died before cleaning up. */
async function dropLeftovers(admin: pg.Client): Promise<void> {
  const rows = await admin.query<{ datname: string; comment: string | null }>(
    `SELECT datname, shobj_description(oid, 'pg_database') AS comment
       FROM pg_database WHERE starts_with(datname, $1)`,
    [testDatabasePrefix],
  );
  for (const row of rows.rows) {
    if (isLeftover(row.comment)) await dropDatabase(admin, row.datname);
  }
}

/**
 * Creates a fresh database (after dropping leftovers of earlier runs that died before cleaning up).
 */
export async function createTestDatabase(tag: string): Promise<TestDatabase> {
  const admin = await connectPg();
  let name: string;
  try {
    const walLevel = (await admin.query<{ wal_level: string }>('SHOW wal_level')).rows[0]!.wal_level;
    if (walLevel !== 'logical') {
      throw new Error(
        `the test PostgreSQL at ${pgTestUrl} has wal_level=${walLevel}; it needs wal_level=logical (see .ci/postgres.sh)`,
      );
    }
    await dropLeftovers(admin);
    counter += 1;
    name = `${testDatabasePrefix}${process.pid}_${counter}_${randomBytes(3).toString('hex')}_${tag}`.slice(
      0,
      50,
    );
    await admin.query(`CREATE DATABASE "${name}"`);
    const owner: Owner = { host: os.hostname(), pid: process.pid, createdMs: Date.now() };
    await admin.query(`COMMENT ON DATABASE "${name}" IS ${pg.escapeLiteral(JSON.stringify(owner))}`);
  } finally {
    await admin.end();
  }
  const client = await connectPg(name);
  const config = pgTestConfig(name);
  return {
    name,
    client,
    sourceProps: () => ({
      'database.hostname': config.host!,
      'database.port': String(config.port),
      'database.user': config.user!,
      'database.password': String(config.password),
      'database.dbname': name,
    }),
    sinkProps: () => ({
      'connection.url': `jdbc:postgresql://${config.host}:${config.port}/${name}`,
      'connection.user': config.user!,
      'connection.password': String(config.password),
    }),
    uniqueName: (suffix: string) => `${name}_${suffix}`.slice(0, 63),
    drop: async () => {
      await client.end().catch(() => undefined);
      const a = await connectPg();
      try {
        await dropDatabase(a, name);
      } finally {
        await a.end();
      }
    },
  };
}
