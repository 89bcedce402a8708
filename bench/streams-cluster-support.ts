/**
 * Shared pieces of the streams and wordcount benchmarks (not a benchmark itself: bench/run.ts only
 * loads `*.bench.ts`): an embedded cluster in a temp dir, bulk-loading an input topic, and a reader
 * that waits until an output topic holds what a run must produce.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Serde } from '../core/serdes/index.ts';
import { Consumer, Producer } from '../actors/client/index.ts';
import { Cluster } from '../runtime/cluster/index.ts';
import type { BenchContext } from './harness.ts';

/**
 * Starts a one-broker cluster with real storage in a temp dir, stopped and removed at teardown. Its
 * group.initial.rebalance.delay.ms is 0, as in the server.properties Kafka ships for development
 * (the broker default of 3 s would add a fixed wait for the first join to every timed run).
 */
export async function benchCluster(ctx: BenchContext, prefix: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), `tributary-bench-${prefix}-`));
  const cluster = await Cluster.start({
    brokers: 1,
    dataDir: dir,
    groupCoordinator: { 'group.initial.rebalance.delay.ms': 0 },
  });
  ctx.onTeardown(async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return cluster;
}

/** Produces `count` records made by `make(i)` to `topic`, 10,000 sends in flight at a time. */
export async function load<K, V>(
  cluster: Cluster,
  topic: string,
  keySerde: Serde<K>,
  valueSerde: Serde<V>,
  count: number,
  make: (i: number) => { key: K; value: V },
): Promise<void> {
  const producer = new Producer<K, V>(cluster.connectionFactory(), {
    keySerde,
    valueSerde,
    config: { 'linger.ms': 5 },
  });
  try {
    for (let i = 0; i < count; i += 10_000) {
      const n = Math.min(10_000, count - i);
      await Promise.all(
        Array.from({ length: n }, (_, j) => producer.send({ topic, timestamp: i + j, ...make(i + j) })),
      );
    }
  } finally {
    await producer.close();
  }
}

/**
 * Reads every partition of `topic` from the start and resolves when `done(record)` has returned true
 * (it sees every raw record in partition order, one partition's batch at a time).
 */
export async function readUntil(
  cluster: Cluster,
  topic: string,
  partitions: number,
  done: (key: Buffer | null, value: Buffer | null) => boolean,
): Promise<void> {
  const reader = new Consumer<Buffer, Buffer>(
    { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'max.poll.records': 10_000 },
    { connectionFactory: cluster.connectionFactory() },
  );
  reader.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
  try {
    for (;;) {
      for (const r of await reader.poll(100)) if (done(r.rawKey, r.rawValue)) return;
    }
  } finally {
    await reader.close({ timeoutMs: 0 });
  }
}
