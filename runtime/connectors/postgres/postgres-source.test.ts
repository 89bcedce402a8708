/**
 * The PostgreSQL source task against a real PostgreSQL (.ci/postgres.sh), driven directly: polls,
 * acknowledgements and committed offsets are the test's, so each guarantee is checked on its own.
 */
import assert from 'node:assert/strict';
import {
  MemoryOffsetStorage,
  Struct,
  type OffsetMap,
  type SourceRecord,
  type SourceTaskContext,
} from '../../../actors/connect/index.ts';
import { parseLsn } from './lsn.ts';
import { PostgresSourceConnector } from './postgres-source-connector.ts';
import { PostgresSourceTask } from './postgres-source-task.ts';
import { createTestDatabase, type TestDatabase } from './test-support/pg-test-env.ts';

const pollLimit = 200;

function contextOf(offsets: MemoryOffsetStorage, props: Record<string, string>): SourceTaskContext {
  return { configs: props, offsetStorageReader: () => offsets };
}

/** Polls until `count` records arrived (failing after pollLimit empty polls). */
async function pollRecords(task: PostgresSourceTask, count: number): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  let empty = 0;
  while (out.length < count) {
    const records = await task.poll();
    if (records === null || records.length === 0) {
      empty += 1;
      if (empty > pollLimit) assert.fail(`got ${out.length} of ${count} records: ${summarize(out)}`);
      continue;
    }
    out.push(...records);
  }
  return out;
}

/** Polls a few more times and checks nothing else arrives. */
async function assertNoMoreRecords(task: PostgresSourceTask): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const records = await task.poll();
    assert.ok(records === null || records.length === 0, `unexpected records: ${summarize(records ?? [])}`);
  }
}

function summarize(records: readonly SourceRecord[]): string {
  return records
    .map(
      (r) =>
        `${r.topic}:${String(r.key)}=${r.value === null ? 'null' : String((r.value as Struct).get('op'))}`,
    )
    .join(', ');
}

function envelope(record: SourceRecord): Struct {
  assert.ok(record.value instanceof Struct, `not an envelope: ${String(record.value)}`);
  return record.value;
}

function op(record: SourceRecord): string | null {
  return record.value === null ? null : (envelope(record).get('op') as string);
}

function after(record: SourceRecord): Record<string, unknown> | null {
  const a = envelope(record).get('after') as Struct | null;
  if (a === null) return null;
  return Object.fromEntries(a.schema.fields!.map((f) => [f.name, a.get(f.name)]));
}

function keyId(record: SourceRecord): unknown {
  return (record.key as Struct).get('id');
}

async function slotConfirmedLsn(db: TestDatabase, slot: string): Promise<number> {
  const rows = await db.client.query<{ lsn: string }>(
    'SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  assert.equal(rows.rows.length, 1, `slot ${slot} missing`);
  return parseLsn(rows.rows[0]!.lsn);
}

async function waitFor(what: string, condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('PostgresSourceTask against PostgreSQL', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  /** This test's slot: slot names are global to the server, which other test runs share. */
  let slot: string;
  const tasks: PostgresSourceTask[] = [];

  beforeEach(async function () {
    db = await createTestDatabase('source');
    slot = db.uniqueName('slot');
    await db.client.query(
      `CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email varchar(100),
         joined timestamp, balance numeric(10,2), active boolean NOT NULL DEFAULT true, big bigint)`,
    );
  });

  afterEach(async function () {
    for (const t of tasks.splice(0)) await t.stop();
    await db?.drop();
  });

  function props(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...db.sourceProps(),
      'topic.prefix': 'shop',
      'slot.name': slot,
      'publication.name': 'tributary_pub',
      'poll.interval.ms': '100',
      'status.update.interval.ms': '200',
      ...extra,
    };
  }

  async function startTask(offsets: MemoryOffsetStorage, p = props()): Promise<PostgresSourceTask> {
    const task = new PostgresSourceTask();
    tasks.push(task);
    task.initialize(contextOf(offsets, p));
    await task.start(p);
    return task;
  }

  it('snapshots existing rows as op r, then streams inserts, updates and deletes as c, u and d plus a tombstone, keyed by primary key', async () => {
    await db.client.query(
      `INSERT INTO customers VALUES (1, 'Anne', 'annek@noanswer.org', '2024-03-01 10:11:12.123456', 10.50, true, 9007199254740991),
                                    (2, 'Bob', NULL, NULL, NULL, false, NULL)`,
    );
    const offsets = new MemoryOffsetStorage();
    const task = await startTask(offsets);
    const snap = await pollRecords(task, 2);
    assert.deepEqual(snap.map(op), ['r', 'r']);
    assert.deepEqual(snap.map(keyId), [1, 2]);
    assert.equal(snap[0]!.topic, 'shop.public.customers');
    assert.deepEqual(after(snap[0]!), {
      id: 1,
      name: 'Anne',
      email: 'annek@noanswer.org',
      joined: Date.UTC(2024, 2, 1, 10, 11, 12) * 1000 + 123456,
      balance: '10.50',
      active: true,
      big: 9007199254740991,
    });
    const snapSource = envelope(snap[0]!).get('source') as Struct;
    assert.equal(snapSource.get('connector'), 'postgresql');
    assert.equal(snapSource.get('snapshot'), 'first');
    assert.equal(envelope(snap[1]!).getWithoutDefault('source') instanceof Struct, true);
    assert.equal((envelope(snap[1]!).get('source') as Struct).get('snapshot'), 'last');
    assert.equal(snap[1]!.sourceOffset['last_snapshot_record'], true);
    assert.equal((snap[1]!.key as Struct).schema.name, 'shop.public.customers.Key');

    await db.client.query(`INSERT INTO customers (id, name, email) VALUES (3, 'Carol', 'c@x.org')`);
    await db.client.query(`UPDATE customers SET name = 'Anne Marie' WHERE id = 1`);
    await db.client.query(`DELETE FROM customers WHERE id = 2`);
    const txid = Number(
      (await db.client.query<{ x: string }>('SELECT txid_current()::text AS x')).rows[0]!.x,
    );
    const changes = await pollRecords(task, 4);
    assert.deepEqual(changes.map(op), ['c', 'u', 'd', null]);
    assert.deepEqual(changes.map(keyId), [3, 1, 2, 2]);
    assert.equal(after(changes[0]!)!['name'], 'Carol');
    assert.equal(after(changes[1]!)!['name'], 'Anne Marie');
    assert.equal(envelope(changes[1]!).get('before'), null); // REPLICA IDENTITY DEFAULT: no old row
    const deleted = envelope(changes[2]!);
    assert.equal(deleted.get('after'), null);
    assert.equal((deleted.get('before') as Struct).get('id'), 2);
    assert.equal(changes[3]!.value, null);
    assert.equal(changes[3]!.valueSchema, null);
    const source = envelope(changes[2]!).get('source') as Struct;
    assert.equal(source.get('table'), 'customers');
    assert.equal(source.get('schema'), 'public');
    assert.equal(source.get('db'), db.name);
    assert.equal(source.get('snapshot'), 'false');
    assert.equal(source.get('txId'), txid - 1); // the DELETE's transaction came just before txid_current()'s
    assert.ok((source.get('lsn') as number) > 0);
    assert.ok(Math.abs((source.get('ts_ms') as number) - Date.now()) < 600_000);
    assert.equal(typeof envelope(changes[2]!).get('ts_ms'), 'number');
    assert.deepEqual(
      changes.map((r) => r.sourceOffset['event']),
      [1, 1, 1, 2],
    );
    await assertNoMoreRecords(task);
  });

  it('sends the full before image under REPLICA IDENTITY FULL and a key change as delete, tombstone, create', async () => {
    await db.client.query('ALTER TABLE customers REPLICA IDENTITY FULL');
    await db.client.query(`INSERT INTO customers (id, name) VALUES (1, 'Anne')`);
    const task = await startTask(new MemoryOffsetStorage());
    await pollRecords(task, 1);
    await db.client.query(`UPDATE customers SET name = 'Anna' WHERE id = 1`);
    await db.client.query(`UPDATE customers SET id = 5 WHERE id = 1`);
    const records = await pollRecords(task, 4);
    assert.deepEqual(records.map(op), ['u', 'd', null, 'c']);
    assert.equal((envelope(records[0]!).get('before') as Struct).get('name'), 'Anne');
    assert.deepEqual(records.map(keyId), [1, 1, 1, 5]);
    assert.deepEqual(
      records[1]!.headers.map((h) => h.key),
      ['__debezium.newkey'],
    );
    assert.deepEqual(
      records[3]!.headers.map((h) => h.key),
      ['__debezium.oldkey'],
    );
  });

  it('writes the unavailable-value placeholder for an unchanged TOASTed column pgoutput did not send', async () => {
    await db.client.query('ALTER TABLE customers ALTER COLUMN email TYPE text');
    await db.client.query('ALTER TABLE customers ALTER COLUMN email SET STORAGE EXTERNAL');
    const task = await startTask(new MemoryOffsetStorage(), props({ 'snapshot.mode': 'no_data' }));
    const big = Array.from({ length: 400 }, (_, i) => `chunk${i}`).join('-');
    await db.client.query(`INSERT INTO customers (id, name, email) VALUES (1, 'Anne', $1)`, [big]);
    await db.client.query(`UPDATE customers SET name = 'Anna' WHERE id = 1`);
    const records = await pollRecords(task, 2);
    assert.equal(after(records[0]!)!['email'], big);
    assert.deepEqual(after(records[1]!), {
      id: 1,
      name: 'Anna',
      email: '__debezium_unavailable_value',
      joined: null,
      balance: null,
      active: true,
      big: null,
    });
  });

  it('confirms the slot only up to transactions whose records were all acknowledged by the log', async () => {
    const offsets = new MemoryOffsetStorage();
    const task = await startTask(offsets, props({ 'snapshot.mode': 'no_data' }));
    const startLsn = await slotConfirmedLsn(db, slot);
    await db.client.query(`BEGIN; INSERT INTO customers (id, name) VALUES (1, 'a'), (2, 'b'); COMMIT`);
    await db.client.query(`INSERT INTO customers (id, name) VALUES (3, 'c')`);
    const records = await pollRecords(task, 3);
    const [first, second, third] = records;
    assert.equal(first!.sourceOffset['lsn'], second!.sourceOffset['lsn']);
    const tx1End = first!.sourceOffset['lsn'] as number;
    const tx2End = third!.sourceOffset['lsn'] as number;
    assert.ok(tx2End > tx1End);

    // Nothing acknowledged: status updates and keepalives go by, the slot stays where it was.
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(await slotConfirmedLsn(db, slot), startLsn);

    // The later transaction acknowledged first, and one of two records of the first: still nothing.
    task.commitRecord(third!, null);
    task.commitRecord(first!, null);
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(await slotConfirmedLsn(db, slot), startLsn);
    assert.ok(task.confirmedLsn < tx1End);

    task.commitRecord(second!, null);
    await waitFor(
      'the slot to confirm both transactions',
      async () => (await slotConfirmedLsn(db, slot)) >= tx2End,
    );
    // Exactly the end of the last stored transaction or a keepalive after it, never more than the server has.
    const current = parseLsn(
      (await db.client.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l,
    );
    assert.ok((await slotConfirmedLsn(db, slot)) <= current);
  });

  it('advances an idle slot from keepalives once everything emitted is acknowledged', async () => {
    await db.client.query('CREATE TABLE other (id integer PRIMARY KEY)');
    const task = await startTask(
      new MemoryOffsetStorage(),
      props({ 'snapshot.mode': 'no_data', 'table.include.list': 'public\\.customers' }),
    );
    const before = await slotConfirmedLsn(db, slot);
    // Changes to a table that is not captured produce no records, but move WAL on.
    await db.client.query('INSERT INTO other SELECT generate_series(1, 100)');
    const walEnd = parseLsn(
      (await db.client.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l,
    );
    await waitFor('the slot to pass the uncaptured changes', async () => {
      await task.poll();
      return (await slotConfirmedLsn(db, slot)) >= walEnd;
    });
    assert.ok((await slotConfirmedLsn(db, slot)) > before);
    await assertNoMoreRecords(task);
  });

  it('resumes from an offset committed in the middle of a transaction: nothing before it again, nothing after it lost', async () => {
    const offsets = new MemoryOffsetStorage();
    const p = props();
    const task = await startTask(offsets, p);
    await assertNoMoreRecords(task); // empty snapshot
    await db.client.query(
      `BEGIN; INSERT INTO customers (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c'); DELETE FROM customers WHERE id = 2; COMMIT`,
    );
    await db.client.query(`INSERT INTO customers (id, name) VALUES (4, 'd')`);
    const records = await pollRecords(task, 6);
    assert.deepEqual(records.map(op), ['c', 'c', 'c', 'd', null, 'c']);
    // The log stored the first two records and the worker committed the second's offset; then a crash.
    task.commitRecord(records[0]!, null);
    task.commitRecord(records[1]!, null);
    offsets.put(records[1]!.sourcePartition, records[1]!.sourceOffset);
    await task.stop();
    tasks.splice(tasks.indexOf(task), 1);

    const again = await startTask(offsets, p);
    const resumed = await pollRecords(again, 4);
    assert.deepEqual(resumed.map(op), ['c', 'd', null, 'c']);
    assert.deepEqual(resumed.map(keyId), [3, 2, 2, 4]);
    assert.deepEqual(
      resumed.map((r) => r.sourceOffset as OffsetMap),
      records.slice(2).map((r) => r.sourceOffset),
    );
    await assertNoMoreRecords(again);
  });

  it('repeats an interrupted snapshot on the same slot, then replays every change since the slot position', async () => {
    await db.client.query(
      `INSERT INTO customers (id, name) SELECT g, 'n' || g FROM generate_series(1, 30) g`,
    );
    const offsets = new MemoryOffsetStorage();
    const p = props({ 'max.batch.size': '10', 'snapshot.fetch.size': '7' });
    const task = await startTask(offsets, p);
    const part = await pollRecords(task, 10);
    offsets.put(part[9]!.sourcePartition, part[9]!.sourceOffset); // a snapshot offset, not the last
    assert.equal(part[9]!.sourceOffset['snapshot'], true);
    await task.stop();
    tasks.splice(tasks.indexOf(task), 1);
    await db.client.query(`UPDATE customers SET name = 'changed' WHERE id = 30`);

    const again = await startTask(offsets, p);
    const snap = await pollRecords(again, 30);
    assert.ok(snap.every((r) => op(r) === 'r'));
    assert.deepEqual(
      snap.map(keyId),
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    assert.equal(after(snap[29]!)!['name'], 'changed');
    assert.equal(snap[29]!.sourceOffset['last_snapshot_record'], true);
    await db.client.query(`DELETE FROM customers WHERE id = 30`);
    // The update made while no task ran comes again from the slot (at least once), then the delete.
    const streamed = await pollRecords(again, 3);
    assert.deepEqual(streamed.map(op), ['u', 'd', null]);
    assert.equal(after(streamed[0]!)!['name'], 'changed');
  });

  it('loses no change after a crash before any offset was committed: a row deleted meanwhile is deleted in the log too', async () => {
    await db.client.query(`INSERT INTO customers (id, name) VALUES (1, 'a'), (2, 'b')`);
    const offsets = new MemoryOffsetStorage();
    const p = props();
    const task = await startTask(offsets, p);
    // The whole snapshot and a streamed change reach the log (acknowledged), but the worker dies
    // before committing any offset.
    const snap = await pollRecords(task, 2);
    await db.client.query(`UPDATE customers SET name = 'a2' WHERE id = 1`);
    const [update] = await pollRecords(task, 1);
    assert.equal(op(update!), 'u');
    for (const r of [...snap, update!]) task.commitRecord(r, null);
    await waitFor('the slot to confirm the update', async () => {
      return (await slotConfirmedLsn(db, slot)) >= (update!.sourceOffset['lsn'] as number);
    });
    await task.stop();
    tasks.splice(tasks.indexOf(task), 1);
    // While no task runs: row 2 is deleted, row 1 changes twice.
    await db.client.query(`DELETE FROM customers WHERE id = 2`);
    await db.client.query(`UPDATE customers SET name = 'a3' WHERE id = 1`);
    await db.client.query(`UPDATE customers SET name = 'a4' WHERE id = 1`);

    // No offsets: a new snapshot, then everything the slot holds after what the log acknowledged.
    const again = await startTask(offsets, p);
    const resnap = await pollRecords(again, 1);
    assert.deepEqual(resnap.map(op), ['r']);
    assert.equal(after(resnap[0]!)!['name'], 'a4');
    const replayed = await pollRecords(again, 4);
    assert.deepEqual(replayed.map(op), ['d', null, 'u', 'u']);
    assert.deepEqual(replayed.map(keyId), [2, 2, 1, 1]);
    assert.deepEqual(
      replayed.slice(2).map((r) => after(r)!['name']),
      ['a3', 'a4'],
    );
    await assertNoMoreRecords(again);
  });

  it('creates a filtered publication over the included tables and refuses a missing one when autocreation is disabled', async () => {
    await db.client.query('CREATE TABLE orders (id integer PRIMARY KEY, total integer)');
    const task = await startTask(
      new MemoryOffsetStorage(),
      props({ 'publication.autocreate.mode': 'filtered', 'table.include.list': 'public\\.orders' }),
    );
    const tables = await db.client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_publication_tables WHERE pubname = 'tributary_pub'`,
    );
    assert.deepEqual(
      tables.rows.map((r) => r.tablename),
      ['orders'],
    );
    await db.client.query("INSERT INTO customers (id, name) VALUES (1, 'x')");
    await db.client.query('INSERT INTO orders VALUES (7, 70)');
    const records = await pollRecords(task, 1);
    assert.equal(records[0]!.topic, 'shop.public.orders');
    await assertNoMoreRecords(task);

    const refused = new PostgresSourceTask();
    const p = props({
      'publication.name': 'missing_pub',
      'publication.autocreate.mode': 'disabled',
      'slot.name': db.uniqueName('other'),
    });
    refused.initialize(contextOf(new MemoryOffsetStorage(), p));
    await assert.rejects(refused.start(p), /publication missing_pub does not exist/);
    await refused.stop();
  });

  it('fails to start when offsets exist but the slot is gone, unless snapshot.mode=when_needed', async () => {
    const offsets = new MemoryOffsetStorage();
    offsets.put({ server: 'shop' }, { lsn: 12345, event: 1, events: 1 });
    const p = props();
    const task = new PostgresSourceTask();
    task.initialize(contextOf(offsets, p));
    await assert.rejects(task.start(p), new RegExp(`slot ${slot} is gone`));
    await task.stop();
    await db.client.query(`INSERT INTO customers (id, name) VALUES (1, 'a')`);
    const recovered = await startTask(offsets, props({ 'snapshot.mode': 'when_needed' }));
    const records = await pollRecords(recovered, 1);
    assert.equal(op(records[0]!), 'r');
  });

  it('validates its configuration through the connector', () => {
    const connector = new PostgresSourceConnector();
    const results = connector.validate({ 'database.hostname': 'h', 'slot.name': 'Bad-Name' });
    const errors = Object.fromEntries(
      results.filter((r) => r.errorMessages.length > 0).map((r) => [r.name, r.errorMessages[0]]),
    );
    assert.match(errors['slot.name']!, /a-z, 0-9 and _/);
    assert.match(errors['topic.prefix']!, /Missing required configuration/);
    assert.match(errors['database.dbname']!, /Missing required configuration/);
    assert.throws(() => connector.start({ 'database.hostname': 'h' }), /Missing required configuration/);
    connector.start(props());
    assert.equal(connector.taskConfigs(4).length, 1);
  });
});
