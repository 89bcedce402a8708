// kcat 1.7.1 (librdkafka 2.0.2) against a 3-broker Tributary cluster: metadata, producing from a
// file, consuming to the end, group mode with committed offsets, and every compression codec.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  assertExitedCleanly,
  compatClusterPerSuite,
  kcat,
  readTopic,
  runProcess,
  type ProcessResult,
} from './compat-support.ts';

const brokersInCluster = 3;
const kcatTimeoutMs = 45_000;
const leaderWaitMs = 20_000;

/** One line of `-f '%p|%o|%k|%s\n'` output. */
interface Consumed {
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: string;
}

function parseConsumed(stdout: string): Consumed[] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [p, o, key, ...rest] = line.split('|');
      return { partition: Number(p), offset: Number(o), key: key!, value: rest.join('|') };
    });
}

interface KcatMetadata {
  readonly controllerid: number;
  readonly brokers: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  readonly topics: ReadonlyArray<{
    readonly topic: string;
    readonly error?: string;
    readonly partitions: ReadonlyArray<{
      readonly partition: number;
      readonly leader: number;
      readonly replicas: ReadonlyArray<{ readonly id: number }>;
      readonly isrs: ReadonlyArray<{ readonly id: number }>;
    }>;
  }>;
}

describe('kcat (librdkafka) against a Tributary cluster', function () {
  this.timeout(120_000);
  const cluster = compatClusterPerSuite(brokersInCluster);
  let filesDir: string;

  before(() => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-kcat-'));
  });

  after(() => {
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  async function run(args: readonly string[], stdin?: string): Promise<ProcessResult> {
    const result = await runProcess(
      kcat,
      ['-b', cluster.env.bootstrapServers.join(','), '-X', 'api.version.request=true', ...args],
      { timeoutMs: kcatTimeoutMs, ...(stdin !== undefined ? { stdin } : {}) },
    );
    assertExitedCleanly(`kcat ${args.join(' ')}`, result);
    return result;
  }

  async function metadata(topic: string): Promise<KcatMetadata> {
    return JSON.parse((await run(['-L', '-J', '-t', topic])).stdout) as KcatMetadata;
  }

  /** Creates a topic through the controller and waits until kcat sees a leader for every partition. */
  async function createTopic(topic: string, partitions: number): Promise<void> {
    await cluster.env.cluster.createTopic(topic, { partitions, replicationFactor: brokersInCluster });
    let ready = false;
    const deadline = Date.now() + leaderWaitMs;
    while (!ready) {
      const t = (await metadata(topic)).topics[0];
      ready = t?.partitions.length === partitions && t.partitions.every((p) => p.leader > 0);
      if (!ready && Date.now() > deadline) throw new Error(`${topic} has no leaders: ${JSON.stringify(t)}`);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  function writeLines(name: string, lines: readonly string[]): string {
    const file = path.join(filesDir, name);
    fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
    return file;
  }

  it('-L lists every broker with its advertised address, the controller, and each partition with leader, replicas and ISR', async () => {
    await createTopic('kcat-meta', 4);
    const meta = await metadata('kcat-meta');
    assert.deepEqual(
      meta.brokers.map((b) => `${b.id} ${b.name}`).sort(),
      cluster.env.bootstrapServers.map((address, i) => `${i + 1} ${address}`).sort(),
    );
    assert.ok(meta.brokers.some((b) => b.id === meta.controllerid));
    const topic = meta.topics[0]!;
    assert.equal(topic.topic, 'kcat-meta');
    assert.equal(topic.error, undefined);
    assert.deepEqual(topic.partitions.map((p) => p.partition).sort(), [0, 1, 2, 3]);
    for (const p of topic.partitions) {
      const replicas = p.replicas.map((r) => r.id).sort();
      assert.deepEqual(replicas, [1, 2, 3]);
      assert.ok(replicas.includes(p.leader));
      assert.ok(
        p.isrs.some((r) => r.id === p.leader),
        'the leader is in the ISR',
      );
    }
  });

  it('-P produces keyed lines from a file and -C -e consumes exactly those lines back, in order per partition', async () => {
    const topic = 'kcat-lines';
    await createTopic(topic, 3);
    const lines = Array.from({ length: 2000 }, (_, i) => `key-${i % 17}:line ${i} | with a pipe`);
    await run(['-P', '-t', topic, '-K', ':', '-l', writeLines('lines.txt', lines)]);
    const consumed = parseConsumed(
      (await run(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p|%o|%k|%s\\n'])).stdout,
    );
    assert.equal(consumed.length, lines.length);
    assert.deepEqual(consumed.map((c) => `${c.key}:${c.value}`).sort(), [...lines].sort());
    const partitionOfKey = new Map<string, number>();
    for (let part = 0; part < 3; part++) {
      const inPartition = consumed.filter((c) => c.partition === part);
      assert.deepEqual(
        inPartition.map((c) => c.offset),
        inPartition.map((_, i) => i),
        `partition ${part} from offset 0 without gaps`,
      );
      const sequence = inPartition.map((c) => Number(/line (\d+)/.exec(c.value)![1]));
      assert.ok(
        sequence.every((n, i) => i === 0 || n > sequence[i - 1]!),
        `partition ${part} in file order`,
      );
      for (const c of inPartition) {
        assert.equal(partitionOfKey.get(c.key) ?? part, part, `key ${c.key} on one partition`);
        partitionOfKey.set(c.key, part);
      }
    }
    // What the broker stored (read by our own client) is what kcat consumed.
    const stored = await readTopic(cluster.env.bootstrapServers, topic);
    assert.deepEqual(
      stored.records.map((r) => `${r.partition}|${r.offset}|${r.key}|${r.value}`).sort(),
      consumed.map((c) => `${c.partition}|${c.offset}|${c.key}|${c.value}`).sort(),
    );
  });

  it('-G consumes in a group, stops after -c messages, and a later member of the group resumes after them', async () => {
    const topic = 'kcat-group';
    const group = 'kcat-group-g';
    await createTopic(topic, 2);
    const first = Array.from({ length: 300 }, (_, i) => `first-${i}`);
    await run(['-P', '-t', topic, '-l', writeLines('group-1.txt', first)]);
    const groupArgs = ['-G', group, '-X', 'auto.offset.reset=earliest', '-q', '-f', '%p|%o|%k|%s\\n'];

    const taken = 120;
    const one = parseConsumed((await run([...groupArgs, '-c', String(taken), topic])).stdout);
    assert.equal(one.length, taken);

    const second = Array.from({ length: 50 }, (_, i) => `second-${i}`);
    await run(['-P', '-t', topic, '-l', writeLines('group-2.txt', second)]);
    const two = parseConsumed((await run([...groupArgs, '-e', topic])).stdout);

    const key = (c: Consumed): string => `${c.partition}@${c.offset}`;
    const overlap = two.filter((c) => one.some((o) => key(o) === key(c)));
    assert.deepEqual(overlap, [], 'nothing consumed by the first member is delivered again');
    assert.deepEqual(
      [...one, ...two].map((c) => c.value).sort(),
      [...first, ...second].sort(),
      'the two members together consume every message once',
    );
    for (const part of [0, 1]) {
      const offsets = [...one, ...two].filter((c) => c.partition === part).map((c) => c.offset);
      assert.deepEqual(
        offsets,
        offsets.map((_, i) => i),
        `partition ${part} resumes where the group left it`,
      );
    }
  });

  for (const [codec, id] of [
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ] as const) {
    it(`-z ${codec} produces batches the broker stores with codec ${id}, consumed back as the same lines`, async () => {
      const topic = `kcat-${codec}`;
      await createTopic(topic, 1);
      // Repetitive lines, so compression shrinks the batches (librdkafka sends uncompressed otherwise).
      const lines = Array.from({ length: 1000 }, (_, i) => `${codec} record ${i} ${'abcdefgh'.repeat(8)}`);
      await run(['-P', '-t', topic, '-z', codec, '-l', writeLines(`${codec}.txt`, lines)]);
      const consumed = await run(['-C', '-t', topic, '-o', 'beginning', '-e', '-q']);
      assert.deepEqual(consumed.stdout.split('\n').slice(0, -1), lines);
      const stored = await readTopic(cluster.env.bootstrapServers, topic);
      assert.equal(
        stored.batches.reduce((n, b) => n + b.records, 0),
        lines.length,
      );
      const compressed = stored.batches.filter((b) => b.codec === id);
      assert.ok(
        compressed.reduce((n, b) => n + b.records, 0) >= lines.length / 2,
        `most records arrive in ${codec} batches: ${JSON.stringify(stored.batches)}`,
      );
      assert.ok(stored.batches.every((b) => b.codec === 0 || b.codec === id));
    });
  }
});
