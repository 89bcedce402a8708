/**
 * PostgreSQL -> log -> PostgreSQL, end to end, with crashes: the source task runs in a child process
 * against a 3-broker cluster (acks=all) and is killed with SIGKILL in the middle of a stream of
 * transactions, then restarted; the sink task is dropped before committing its consumer offsets and
 * restarted. Afterwards the topic holds every change (nothing skipped) and its latest record per key
 * equals the source table, and the sink table equals the source table.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonConverter, Struct } from '../../../actors/connect/index.ts';
import { Consumer, type ConsumerRecord } from '../../../actors/client/consumer/index.ts';
import { Cluster } from '../../cluster/index.ts';
import { parseLsn } from './lsn.ts';
import { PostgresSinkTask } from './postgres-sink-task.ts';
import { createTestDatabase, type TestDatabase } from './test-support/pg-test-env.ts';
import { SinkRunner } from './test-support/sink-runner.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const topic = 'inv.public.items';
/** Waits give up after about two minutes (only a failing run waits that long). */
const waitStepsMax = 2_400;

async function listenable(port: number): Promise<boolean> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (ok) await new Promise<void>((resolve) => server.close(() => resolve()));
  return ok;
}

/** A port with the next two free as well (broker i listens on base + i). */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (base + 2 < 65536 && (await listenable(base + 1)) && (await listenable(base + 2))) return base;
  }
  throw new Error('no three consecutive free ports');
}

const debug = (msg: string): void => {
  if (process.env['PG_E2E_DEBUG'] !== undefined)
    process.stderr.write(`[e2e ${(performance.now() / 1000).toFixed(1)}s] ${msg}\n`);
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < waitStepsMax; i++) {
    if (await condition()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** The source task in a child process; `acked`/`committed` follow its progress lines. */
class SourceProcess {
  readonly child: ChildProcess;
  acked = 0;
  committed = 0;
  exited: Promise<number | null>;
  stderr = '';

  constructor(settings: object) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'test-support', 'source-process.ts')],
      {
        env: { ...process.env, TRIBUTARY_SOURCE_RUN: JSON.stringify(settings) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffered = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^(?:progress|stopped) (\d+) (\d+)$/.exec(line);
        if (m !== null) {
          this.acked = Number(m[1]);
          this.committed = Number(m[2]);
        }
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

/** A small deterministic generator (the workload must be the same on every run). */
class Lcg {
  private state: number;
  constructor(seed: number) {
    this.state = seed;
  }
  next(n: number): number {
    this.state = (this.state * 1103515245 + 12345) % 2 ** 31;
    return this.state % n;
  }
}

interface Row {
  name: string;
  version: number;
}

/** Runs transactions of inserts, updates and deletes, remembering every row version it committed. */
class Workload {
  readonly rows = new Map<number, Row>();
  /** `${id}:${version}` of every insert and update committed after the snapshot. */
  readonly versions = new Set<string>();
  readonly deleted = new Set<number>();
  private nextId = 1;
  private readonly random = new Lcg(42);
  private readonly db: TestDatabase;

  constructor(db: TestDatabase) {
    this.db = db;
  }

  async seed(count: number): Promise<void> {
    const values: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = this.nextId++;
      this.rows.set(id, { name: `seed-${id}`, version: 1 });
      values.push(`(${id}, 'seed-${id}', 1)`);
    }
    await this.db.client.query(`INSERT INTO items (id, name, version) VALUES ${values.join(', ')}`);
  }

  async transaction(): Promise<void> {
    const statements: string[] = [];
    const ops = 1 + this.random.next(4);
    for (let i = 0; i < ops; i++) {
      const live = [...this.rows.keys()];
      const dice = this.random.next(100);
      if (dice < 45 || live.length < 5) {
        const id = this.nextId++;
        this.rows.set(id, { name: `n${id}`, version: 1 });
        this.versions.add(`${id}:1`);
        statements.push(`INSERT INTO items (id, name, version) VALUES (${id}, 'n${id}', 1)`);
      } else if (dice < 85) {
        const id = live[this.random.next(live.length)]!;
        const row = this.rows.get(id)!;
        row.version += 1;
        row.name = `n${id}v${row.version}`;
        this.versions.add(`${id}:${row.version}`);
        statements.push(`UPDATE items SET version = ${row.version}, name = '${row.name}' WHERE id = ${id}`);
      } else {
        const id = live[this.random.next(live.length)]!;
        this.rows.delete(id);
        this.deleted.add(id);
        statements.push(`DELETE FROM items WHERE id = ${id}`);
      }
    }
    await this.db.client.query(`BEGIN; ${statements.join('; ')}; COMMIT`);
  }
}

/** Every record of the topic, in partition order, decoded with JsonConverter. */
async function readTopic(cluster: Cluster): Promise<ConsumerRecord<Buffer, Buffer>[]> {
  const consumer = new Consumer<Buffer, Buffer>({}, { connectionFactory: cluster.connectionFactory() });
  try {
    const partitions = [0, 1, 2].map((partition) => ({ topic, partition }));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    const ends = await consumer.endOffsets(partitions);
    const out: ConsumerRecord<Buffer, Buffer>[] = [];
    const done = (): boolean =>
      ends.every((e) => out.filter((r) => r.partition === e.partition).length >= e.offset);
    for (let i = 0; i < waitStepsMax && !done(); i++) out.push(...(await consumer.poll(200)));
    assert.ok(done(), 'could not read the whole topic');
    return out;
  } finally {
    await consumer.close();
  }
}

async function tableRows(db: TestDatabase, table: string): Promise<Map<number, Row>> {
  const result = await db.client.query<{ id: number; name: string; version: number }>(
    `SELECT id, name, version FROM ${table} ORDER BY id`,
  );
  return new Map(result.rows.map((r) => [r.id, { name: r.name, version: r.version }]));
}

describe('PostgreSQL CDC end to end: source killed mid-stream, sink restarted before committing', function () {
  this.timeout(360_000);
  let source: TestDatabase | undefined;
  let target: TestDatabase | undefined;
  let cluster: Cluster | undefined;
  let dir: string | undefined;
  const processes: SourceProcess[] = [];

  afterEach(async () => {
    for (const p of processes.splice(0)) {
      if (p.alive()) p.child.kill('SIGKILL');
      await p.exited;
    }
    await cluster?.stop();
    await source?.drop();
    await target?.drop();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    cluster = undefined;
    source = undefined;
    target = undefined;
    dir = undefined;
  });

  /**
   * The two crashes a source can have: before the worker ever committed an offset (the restart must
   * snapshot again, and the slot still holds the changes made meanwhile), and after it committed
   * offsets of streamed changes (the restart resumes from them).
   */
  const scenarios = [
    { name: 'killed before its first offset commit', firstCommitIntervalMs: 3_600_000, committed: false },
    {
      name: 'killed after committing offsets of streamed changes',
      firstCommitIntervalMs: 300,
      committed: true,
    },
  ] as const;

  for (const scenario of scenarios) {
    it(`loses and skips nothing when the source is ${scenario.name}: the topic holds every change and ends at the source table, and so does the sink table`, async () => {
      source = await createTestDatabase('e2e');
      target = await createTestDatabase('e2esink');
      // Slot names are global to the server, which other test runs may be using at the same time.
      const slot = source.uniqueName('slot');
      await source.client.query(
        'CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, version integer NOT NULL)',
      );
      const workload = new Workload(source);
      await workload.seed(40);

      debug('seeded');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cdc-e2e-'));
      cluster = await Cluster.start({
        brokers: 3,
        dataDir: path.join(dir, 'cluster'),
        basePort: await freeBasePort(),
      });
      await cluster.createTopic(topic, {
        partitions: 3,
        replicationFactor: 3,
        configs: { 'min.insync.replicas': '2' },
      });
      debug('cluster up');
      const settings = {
        props: {
          ...source.sourceProps(),
          'topic.prefix': 'inv',
          'slot.name': slot,
          'publication.name': 'inv_pub',
          'poll.interval.ms': '50',
          'max.batch.size': '16',
          'status.update.interval.ms': '200',
        },
        bootstrapServers: cluster.bootstrapServers(),
        offsetsFile: path.join(dir, 'offsets.json'),
        commitIntervalMs: 300,
      };

      // Snapshot, then a stream of transactions; the source dies mid-stream while writes go on.
      const first = new SourceProcess({ ...settings, commitIntervalMs: scenario.firstCommitIntervalMs });
      processes.push(first);
      await waitFor('the snapshot in the log', () => first.acked >= 40 || !first.alive());
      assert.ok(first.alive(), first.stderr);
      debug(`snapshot acked ${first.acked}`);
      for (let i = 0; i < 40; i++) await workload.transaction();
      await waitFor(
        'part of the stream in the log',
        () => (scenario.committed ? first.committed : first.acked) >= 70 || !first.alive(),
      );
      assert.ok(first.alive(), first.stderr);
      for (let i = 0; i < 40; i++) {
        await workload.transaction();
        if (i === 5) first.child.kill('SIGKILL');
      }
      await first.exited;
      debug(`killed at ${first.acked} acked, ${first.committed} committed`);
      assert.ok(first.acked < 40 + workload.versions.size, 'the source was killed before it had everything');
      if (scenario.committed) assert.ok(first.committed >= 70, 'offsets of streamed changes were committed');
      else assert.equal(first.committed, 0, 'no offset was committed');

      // Restarted: it resumes from the committed offsets and the slot, while the writes continue.
      const second = new SourceProcess(settings);
      processes.push(second);
      for (let i = 0; i < 40; i++) await workload.transaction();
      debug('third batch committed');
      const walEnd = parseLsn(
        (await source.client.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l,
      );
      await waitFor('the slot to confirm everything', async () => {
        assert.ok(second.alive(), second.stderr);
        const r = await source!.client.query<{ l: string }>(
          'SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots WHERE slot_name = $1',
          [slot],
        );
        // The restarted source may still be re-opening the slot (no row yet): keep waiting.
        const row = r.rows[0];
        return row !== undefined && parseLsn(row.l) >= walEnd;
      });
      debug(`confirmed; second at ${second.acked}`);
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, second.stderr);

      // The topic: every committed version is there; the latest record per key is the table's row.
      const converter = new JsonConverter();
      converter.configure({}, false);
      const records = await readTopic(cluster);
      debug(`topic has ${records.length} records`);
      const latest = new Map<number, Struct | null>();
      const seenVersions = new Set<string>();
      const deleteEvents = new Set<number>();
      for (const r of records) {
        const id = (converter.toConnectData(topic, r.rawKey).value as Struct).get('id') as number;
        const value = converter.toConnectData(topic, r.rawValue).value as Struct | null;
        latest.set(id, value);
        if (value === null) continue;
        const after = value.get('after') as Struct | null;
        if (value.get('op') === 'd') deleteEvents.add(id);
        else seenVersions.add(`${id}:${after!.get('version') as number}`);
      }
      const missing = [...workload.versions].filter((v) => !seenVersions.has(v));
      assert.deepEqual(missing, [], 'versions committed in PostgreSQL but absent from the topic');
      assert.deepEqual(
        [...workload.deleted].filter((id) => !deleteEvents.has(id)),
        [],
        'deletes absent from the topic',
      );
      const sourceRows = await tableRows(source, 'items');
      assert.deepEqual(sourceRows, workload.rows);
      for (const [id, value] of latest) {
        const row = sourceRows.get(id);
        if (row === undefined) {
          assert.equal(value, null, `deleted row ${id} does not end with a tombstone`);
          continue;
        }
        assert.ok(value !== null, `row ${id} ends with a tombstone`);
        const after = value.get('after') as Struct;
        assert.deepEqual({ name: after.get('name'), version: after.get('version') }, row, `row ${id}`);
      }
      assert.deepEqual(
        [...sourceRows.keys()].filter((id) => !latest.has(id)),
        [],
        'rows of the table absent from the topic',
      );

      // The sink: a first task puts some batches and dies before committing; a second one finishes.
      const sinkProps = {
        ...target.sinkProps(),
        'auto.create': 'true',
        'batch.size': '50',
        'table.name.format': '${topic}',
      };
      debug('topic checked');
      const crashed = new PostgresSinkTask();
      crashed.initialize(SinkRunner.context(sinkProps));
      await crashed.start(sinkProps);
      const firstRunner = new SinkRunner(crashed, cluster.connectionFactory(), 'connect-pg-sink', [topic]);
      await waitFor(
        'some records in the sink',
        async () => (await firstRunner.step()) >= 0 && firstRunner.put >= 50,
      );
      await crashed.stop();
      await firstRunner.close();

      const sink = new PostgresSinkTask();
      sink.initialize(SinkRunner.context(sinkProps));
      await sink.start(sinkProps);
      const runner = new SinkRunner(sink, cluster.connectionFactory(), 'connect-pg-sink', [topic]);
      try {
        await waitFor('the whole topic in the sink', async () => {
          await runner.step();
          await runner.commit();
          return runner.put >= records.length;
        });
      } finally {
        await sink.stop();
        await runner.close();
      }
      assert.deepEqual(await tableRows(target, 'inv_public_items'), sourceRows);
      debug('sink done');
    });
  }
});
