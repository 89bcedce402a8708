// Runs one of the Python client scripts (kafka_python_client.py, confluent_kafka_client.py) against a
// cluster and checks what it reports against what the broker stored. Both scripts print the same
// JSON shape: create a 3-partition topic, produce, consume in a group and commit, produce more with
// compression, and consume on from the committed offsets with a second member.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { partitionForKey } from '../../actors/client/partitioner.ts';
import {
  assertExitedCleanly,
  readTopic,
  runProcess,
  systemPython,
  type CompatCluster,
} from './compat-support.ts';

const scriptTimeoutMs = 150_000;
const partitions = 3;

interface PyRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: string;
}

interface PyReport {
  readonly created: readonly unknown[];
  readonly produced: readonly PyRecord[];
  readonly consumed: readonly PyRecord[];
  readonly committed: Readonly<Record<string, number>>;
  readonly producedLater: readonly PyRecord[];
  readonly resumed: readonly PyRecord[];
  readonly committedLater: Readonly<Record<string, number>>;
  readonly errors?: readonly string[];
}

export interface PythonClientCheck {
  /** File name of the script beside this module. */
  readonly script: string;
  readonly topic: string;
  readonly group: string;
  /** Messages of the first round (the second round has a tenth as many). */
  readonly count: number;
  /** Codec id the second round's batches are stored with. */
  readonly laterCodec: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function id(r: PyRecord): string {
  return `${r.partition}|${r.offset}|${r.key}|${r.value}`;
}

function sortedIds(records: readonly PyRecord[]): string[] {
  return records.map(id).sort();
}

/** The highest offset + 1 per partition (as the committed offsets map, keys are partition strings). */
function nextOffsets(records: readonly PyRecord[]): Record<string, number> {
  const next: Record<string, number> = {};
  for (let p = 0; p < partitions; p++) next[String(p)] = 0;
  for (const r of records) next[String(r.partition)] = Math.max(next[String(r.partition)]!, r.offset + 1);
  return next;
}

function assertPartitionOrder(what: string, records: readonly PyRecord[]): void {
  for (let p = 0; p < partitions; p++) {
    const offsets = records.filter((r) => r.partition === p).map((r) => r.offset);
    assert.ok(
      offsets.every((o, i) => i === 0 || o === offsets[i - 1]! + 1),
      `${what}: partition ${p} in offset order without gaps`,
    );
  }
}

/** Runs the script with Debian's python3 and checks its report record by record. */
export async function runPythonClientCheck(env: CompatCluster, check: PythonClientCheck): Promise<void> {
  const result = await runProcess(
    systemPython,
    [
      // -E: a PYTHONPATH or PYTHONHOME meant for another python (a pyenv) must not leak in.
      '-E',
      path.join(here, check.script),
      env.bootstrapServers.join(','),
      check.topic,
      check.group,
      String(check.count),
    ],
    { timeoutMs: scriptTimeoutMs },
  );
  assertExitedCleanly(check.script, result);
  const report = JSON.parse(result.stdout) as PyReport;
  assert.deepEqual(report.errors ?? [], [], 'the client reported no errors');
  assert.equal(report.created.length, 1);

  // Produced: every message acknowledged once, keys placed by the Java-compatible murmur2 partitioner.
  assert.equal(report.produced.length, check.count);
  assert.equal(new Set(report.produced.map((r) => `${r.partition}@${r.offset}`)).size, check.count);
  for (const r of report.produced) {
    assert.equal(r.partition, partitionForKey(r.key, partitions), `${r.key} on its murmur2 partition`);
  }
  const firstRound = nextOffsets(report.produced);
  for (let p = 0; p < partitions; p++) {
    const inPartition = report.produced.filter((r) => r.partition === p).sort((a, b) => a.offset - b.offset);
    assert.deepEqual(
      inPartition.map((r) => r.offset),
      inPartition.map((_, i) => i),
    );
    const sequence = inPartition.map((r) => Number(r.value.slice('value-'.length)));
    assert.ok(
      sequence.every((n, i) => i === 0 || n > sequence[i - 1]!),
      `partition ${p} keeps send order`,
    );
  }

  // Consumed: exactly what was produced, in order per partition; the commit covers all of it.
  assert.deepEqual(sortedIds(report.consumed), sortedIds(report.produced));
  assertPartitionOrder('consumed', report.consumed);
  assert.deepEqual(report.committed, firstRound);

  // The second member of the group starts at the committed offsets: only the new messages arrive.
  assert.equal(report.producedLater.length, check.count / 10);
  for (const r of report.producedLater) assert.ok(r.offset >= firstRound[String(r.partition)]!);
  assert.deepEqual(sortedIds(report.resumed), sortedIds(report.producedLater));
  assertPartitionOrder('resumed', report.resumed);
  assert.deepEqual(report.committedLater, nextOffsets([...report.produced, ...report.producedLater]));

  // What the broker stored (read by our own client) is what the client was told it produced.
  const stored = await readTopic(env.bootstrapServers, check.topic);
  assert.deepEqual(
    sortedIds(stored.records.map((r) => ({ ...r, key: r.key ?? '', value: r.value ?? '' }))),
    sortedIds([...report.produced, ...report.producedLater]),
  );
  // librdkafka sends a batch uncompressed when compressing would not shrink it (a lone record).
  const laterBatches = stored.batches.filter((b) => b.baseOffset >= firstRound[String(b.partition)]!);
  const compressed = laterBatches.filter((b) => b.codec === check.laterCodec);
  assert.ok(
    compressed.reduce((n, b) => n + b.records, 0) >= report.producedLater.length / 2 &&
      laterBatches.every((b) => b.codec === check.laterCodec || b.codec === 0),
    `second round mostly stored with codec ${check.laterCodec}: ${JSON.stringify(laterBatches)}`,
  );
}
