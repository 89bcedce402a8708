/**
 * Replicated produce in one process, on the real file system (NodeFileSystem in a temp dir), the real
 * clock and the InProcessTransport: 100-byte records in batches of about 16 KiB (a producer's default
 * batch.size), several produce requests in flight (a producer's max.in.flight.requests.per.connection),
 * each batch appended through ReplicaManager.appendToLeader. Each broker's replica takes its role through
 * its partition actor (the xstate replica machine, as in a broker); the produce and follower-fetch path
 * is plain code and never passes through an actor.
 *
 * - figure: RF=3 acks=all (min.insync.replicas=2, all three in the ISR): the leader appends, its two
 *   followers copy each batch through their replica fetchers (long-polling follower fetches), and an
 *   append is acknowledged once the high watermark passes it;
 * - baseline: RF=1 acks=1, the same batches appended to a single replica and acknowledged at once.
 *
 * Kafka's published ratio for this pair is 0.51 (421,823 vs 821,557 records/s, "Benchmarking Apache
 * Kafka: 2 Million Writes Per Second (On Three Cheap Machines)", 2014). Every run starts a fresh
 * cluster in a fresh directory (not timed) and checks at its end that every record was replicated: each
 * follower's log end offset equals the leader's, the last batch is byte-identical on every replica,
 * the ISR never shrank and no replica reported an error; otherwise the benchmark fails.
 *
 * In one process the three replicas' log work (validation, CRC-32C, writes) shares one thread, which
 * Kafka spreads over three machines. A third figure therefore compares RF=3 acks=all with that work
 * alone: every batch appended by three independent RF=1 leaders (acks=1), no replication protocol. Its
 * ratio is what the replication protocol (fetches, high watermark, acks purgatory) costs on top.
 *
 * Knobs: BENCH_REPLICATION_RECORDS (default 1000000 per run, rounded up to whole batches),
 * BENCH_REPLICATION_BATCH_BYTES (default 16384), BENCH_REPLICATION_IN_FLIGHT (default 5).
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import {
  PartitionActors,
  ReplicaManager,
  openReplicatedLog,
  replicationConfig,
  type Acks,
  type Partition,
  type ReplicaRequest,
  type ReplicaResponse,
  type TopicPartition,
} from '../actors/broker/partition/index.ts';
import { InProcessTransport, NodeFileSystem, SeededRandom, SystemClock } from '../core/io/index.ts';
import { LogConfig } from '../core/log/index.ts';
import { RecordBatchBuilder, encodeRecordBatch, type RecordInput } from '../core/records/index.ts';
import { envInt, nowSeconds, type Benchmark, type FigureSpec } from './harness.ts';

const valueBytes = 100;
const tp: TopicPartition = { topic: 'bench', partition: 0 };
const ackTimeoutMs = 30_000;

/** Records of 100-byte values, as many as fit in one batch of at most `batchBytes`. */
function buildTemplate(batchBytes: number): { batch: Buffer; records: number } {
  const value = Buffer.alloc(valueBytes, 97);
  const record = (i: number): RecordInput => ({ key: null, value, timestamp: 1_700_000_000_000 + i });
  const probe = new RecordBatchBuilder({ initialCapacity: batchBytes * 2 });
  let fits = 0;
  for (;;) {
    probe.append(record(fits));
    if (probe.sizeEstimate > batchBytes) break;
    fits++;
  }
  if (fits === 0) throw new Error(`BENCH_REPLICATION_BATCH_BYTES=${batchBytes} holds no 100-byte record`);
  const batch = encodeRecordBatch(Array.from({ length: fits }, (_, i) => record(i)));
  return { batch, records: fits };
}

interface Cluster {
  readonly leader: ReplicaManager;
  readonly managers: readonly ReplicaManager[];
  /** Each broker's partition actors (the control plane; the produce and fetch path bypasses them). */
  readonly actors: readonly PartitionActors[];
  readonly errors: unknown[];
}

/**
 * Brokers 1..rf, each with its own directory under `dir`; broker 1 leads, every broker in the ISR. The
 * roles are taken as a broker takes them: the decision goes to each broker's partition actor, whose
 * replica machine makes its replica lead or follow.
 */
async function startCluster(dir: string, rf: number, minInsyncReplicas: number): Promise<Cluster> {
  const clock = new SystemClock();
  const transport = new InProcessTransport<ReplicaRequest, ReplicaResponse>(clock);
  const config = replicationConfig({ minInsyncReplicas });
  const errors: unknown[] = [];
  const brokerIds = Array.from({ length: rf }, (_, i) => i + 1);
  const managers = brokerIds.map((brokerId) => {
    const fs = new NodeFileSystem();
    const m = new ReplicaManager({
      brokerId,
      clock,
      transport,
      config,
      openLog: (t) =>
        openReplicatedLog({
          fs,
          clock,
          dir: nodePath.join(dir, `broker-${brokerId}`, `${t.topic}-${t.partition}`),
          topic: t.topic,
          partition: t.partition,
          config: LogConfig.defaults,
        }),
      onError: (err) => errors.push(err),
    });
    m.serve();
    return m;
  });
  const state = { ...tp, leader: 1, leaderEpoch: 1, partitionEpoch: 1, isr: brokerIds, replicas: brokerIds };
  const actors = managers.map(
    (m) =>
      new PartitionActors({
        replicaManager: m,
        clock,
        random: new SeededRandom(m.brokerId),
        onError: (err) => errors.push(err),
      }),
  );
  for (const a of actors) a.apply(state);
  const deadline = Date.now() + 10_000;
  while (!managers.every((m) => m.getPartition(tp)?.role === (m.brokerId === 1 ? 'leader' : 'follower'))) {
    if (Date.now() > deadline || errors.length > 0)
      throw new Error(`replicas did not take their roles: ${errors.map(String).join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { leader: managers[0]!, managers, actors, errors };
}

function partitionOf(m: ReplicaManager): Partition {
  const p = m.getPartition(tp);
  if (p === undefined)
    throw new Error(`broker ${m.brokerId} hosts no replica of ${tp.topic}-${tp.partition}`);
  return p;
}

/** Fails loudly unless every replica holds exactly the `expected` records the leader acknowledged. */
function checkReplicated(cluster: Cluster, expected: number, acks: Acks): void {
  const leader = partitionOf(cluster.leader);
  const problems: string[] = [];
  if (leader.logEndOffset !== expected)
    problems.push(`leader log end offset ${leader.logEndOffset}, expected ${expected}`);
  if (leader.highWatermark !== leader.logEndOffset)
    problems.push(
      `leader high watermark ${leader.highWatermark} below its log end offset ${leader.logEndOffset}`,
    );
  if (leader.isr.length !== cluster.managers.length)
    problems.push(`ISR shrank to ${JSON.stringify(leader.isr)}`);
  if (cluster.errors.length > 0) problems.push(`replica errors: ${cluster.errors.map(String).join('; ')}`);
  const lastOffset = expected - 1;
  const lastBatch = leader.log.read(lastOffset, 1).bytes;
  for (const m of cluster.managers.slice(1)) {
    const follower = partitionOf(m);
    if (follower.role !== 'follower')
      problems.push(`broker ${m.brokerId} is ${follower.role}, not a follower`);
    if (follower.logEndOffset !== leader.logEndOffset)
      problems.push(
        `broker ${m.brokerId} log end offset ${follower.logEndOffset} != leader's ${leader.logEndOffset}`,
      );
    else if (!follower.log.read(lastOffset, 1).bytes.equals(lastBatch))
      problems.push(`broker ${m.brokerId}: last batch differs from the leader's`);
  }
  if (problems.length > 0) {
    throw new Error(
      `acks=${acks}, RF=${cluster.managers.length}: records not replicated: ${problems.join(', ')}`,
    );
  }
}

const benchmark: Benchmark = {
  name: 'replication',
  run(ctx) {
    const wantedRecords = envInt('BENCH_REPLICATION_RECORDS', 1_000_000);
    const batchBytes = envInt('BENCH_REPLICATION_BATCH_BYTES', 16_384);
    const inFlight = envInt('BENCH_REPLICATION_IN_FLIGHT', 5);
    const template = buildTemplate(batchBytes);
    const batchCount = Math.ceil(wantedRecords / template.records);
    const records = batchCount * template.records;
    const root = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'tributary-bench-replication-'));
    ctx.onTeardown(() => nodeFs.rmSync(root, { recursive: true, force: true }));
    ctx.log(
      `${batchCount} batches of ${template.records} x ${valueBytes} B (${template.batch.length} bytes each), ` +
        `${inFlight} in flight, in ${root}`,
    );
    let runSeq = 0;

    type Setup = 'rf3-acks-all' | 'rf1-acks-1' | 'three-rf1-acks-1';
    /**
     * One run: fresh clusters (one, or three independent RF=1 ones for 'three-rf1-acks-1'), every batch
     * produced with `inFlight` requests outstanding; returns the seconds the produce took.
     */
    const produceRun = async (setup: Setup): Promise<number> => {
      const dir = nodePath.join(root, `run-${runSeq++}`);
      const clusters =
        setup === 'rf3-acks-all'
          ? [await startCluster(dir, 3, 2)]
          : setup === 'rf1-acks-1'
            ? [await startCluster(dir, 1, 1)]
            : await Promise.all([0, 1, 2].map((i) => startCluster(nodePath.join(dir, `cluster-${i}`), 1, 1)));
      const acks: Acks = setup === 'rf3-acks-all' ? -1 : 1;
      try {
        // Fresh request buffers, as a socket hands them over: the leader assigns offsets in place.
        const batches = clusters.map(() =>
          Array.from({ length: batchCount }, () => Buffer.from(template.batch)),
        );
        let next = 0;
        const producer = async (): Promise<void> => {
          while (next < batchCount) {
            const i = next++;
            if (clusters.length === 1) {
              await clusters[0]!.leader.appendToLeader(tp, batches[0]![i]!, acks, ackTimeoutMs);
            } else {
              await Promise.all(
                clusters.map((c, n) => c.leader.appendToLeader(tp, batches[n]![i]!, acks, ackTimeoutMs)),
              );
            }
          }
        };
        const t0 = nowSeconds();
        await Promise.all(Array.from({ length: inFlight }, producer));
        const seconds = nowSeconds() - t0;
        for (const c of clusters) checkReplicated(c, records, acks);
        if (setup === 'rf3-acks-all') {
          const each = clusters[0]!.managers.slice(1).map((m) => {
            const s = m.fetcherFor(1)!.stats;
            return `${s.fetches} (${(s.bytesFetched / s.fetches / 1024).toFixed(0)} KiB avg)`;
          });
          ctx.log(`${(seconds * 1000).toFixed(0)} ms; follower fetches: ${each.join(', ')}`);
        }
        return seconds;
      } finally {
        for (const c of clusters) {
          for (const a of c.actors) await a.stop();
          for (const m of c.managers) m.shutdown();
        }
        nodeFs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const recordsPerSecond = async (setup: Setup): Promise<number> => records / (await produceRun(setup));
    const megabytesPerSecond = async (setup: Setup): Promise<number> =>
      (records * valueBytes) / 1e6 / (await produceRun(setup));

    const settings = {
      records,
      recordsPerBatch: template.records,
      batchBytes: template.batch.length,
      valueBytes,
      inFlight,
      minInsyncReplicas: 2,
      fileSystem: 'NodeFileSystem (temp dir)',
    };
    const figureName = 'produce RF=3 acks=all, 2 followers via replica fetchers';
    const baselineName = 'produce RF=1 acks=1';
    const figures: FigureSpec[] = [
      {
        name: figureName,
        unit: 'records/s',
        settings,
        measure: () => recordsPerSecond('rf3-acks-all'),
        baseline: { name: baselineName, measure: () => recordsPerSecond('rf1-acks-1') },
      },
      {
        name: `${figureName} (MB/s of 100-byte values)`,
        unit: 'MB/s',
        settings,
        measure: () => megabytesPerSecond('rf3-acks-all'),
        baseline: {
          name: `${baselineName} (MB/s of 100-byte values)`,
          measure: () => megabytesPerSecond('rf1-acks-1'),
        },
      },
      {
        name: `${figureName}, vs the same log work without replication`,
        unit: 'records/s',
        settings,
        measure: () => recordsPerSecond('rf3-acks-all'),
        baseline: {
          name: 'every batch to three RF=1 leaders, acks=1 (three logs, one thread)',
          measure: () => recordsPerSecond('three-rf1-acks-1'),
        },
      },
    ];
    return figures;
  },
};

export default benchmark;
