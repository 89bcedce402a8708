/**
 * Tributary side by side with NATS JetStream and Redis Streams, on this machine in one run
 * (`npm run bench -- peers`). The servers come from Debian's packages (installed with apt-get when
 * missing) and the clients from npm (`nats`, `ioredis`); see bench/peers/.
 *
 * Every run starts each system's server fresh, in a temp directory, as its own process bound to
 * 127.0.0.1 (Tributary: `Cluster.start` in a child Node process, as `tributary start` runs it); the
 * clients run in this process. Systems:
 *
 * - Tributary, 1 broker, producer acks=1 (our Producer/Consumer over the Kafka protocol on TCP);
 * - Tributary, 3 brokers in one process, topic RF=3 with min.insync.replicas=2, producer acks=all;
 * - NATS JetStream: file storage, one replica; publish with 1000 acknowledgements outstanding;
 * - Redis Streams: appendonly yes, appendfsync everysec; XADD in pipelines of 1000.
 *
 * Throughput: BENCH_PEERS_RECORDS (default 1,000,000) records of 100 bytes into one stream/partition,
 * then read back from the start in batches of 1000 (our consumer: max.poll.records 1000); records/s
 * and MB/s (of values) per phase. Latency: end-to-end, produce to consume, at BENCH_PEERS_LATENCY_RATE
 * (default 10,000 records/s) for BENCH_PEERS_LATENCY_SECONDS (default 5), p50/p99/p99.9 from an HDR
 * histogram, measured from each record's due time (see bench/peers/workload.ts).
 *
 * Each figure is a Tributary setup with a peer as its baseline; the ratio is Tributary ÷ peer (for
 * latencies lower is better, so a ratio below 1 means Tributary is faster). Every system runs once
 * per round and its round-i result serves every figure it appears in (bench/peers/rounds.ts), so
 * the MB/s figures are the records/s runs in another unit, not separate runs.
 *
 * Durability differs by default and is left at each system's default: Tributary fsyncs only on
 * segment roll and shutdown (Kafka's default, flush.messages unset: durability comes from
 * replication), JetStream's file store syncs every 2 minutes (sync_interval), Redis every second.
 *
 * Knobs: BENCH_PEERS_RECORDS, BENCH_PEERS_LATENCY_RATE, BENCH_PEERS_LATENCY_SECONDS,
 * BENCH_PEERS_TRIBUTARY_WINDOW (default 10000: unacknowledged records the benchmark lets our producer
 * have; see bench/peers/tributary.ts), BENCH_PEERS_PROFILE_DIR (Tributary servers write --cpu-prof
 * profiles there).
 */
import * as nodeFs from 'node:fs';
import { envInt, type Benchmark, type FigureSpec } from './harness.ts';
import { ensureServers, serverVersion } from './peers/install.ts';
import { JetStreamSystem, publishWindow } from './peers/jetstream.ts';
import { RedisSystem, pipelineLength } from './peers/redis.ts';
import { Rounds } from './peers/rounds.ts';
import { TributarySystem } from './peers/tributary.ts';
import type { LatencyResult, PeerSystem, ThroughputResult } from './peers/workload.ts';

const valueBytes = 100;

function formatRate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(n % 1e6 === 0 ? 0 : 1)}M` : n >= 1e3 ? `${n / 1e3}K` : String(n);
}

const benchmark: Benchmark = {
  name: 'peers',
  run(ctx) {
    const records = envInt('BENCH_PEERS_RECORDS', 1_000_000);
    const ratePerSecond = envInt('BENCH_PEERS_LATENCY_RATE', 10_000);
    const seconds = envInt('BENCH_PEERS_LATENCY_SECONDS', 5);
    const producerWindow = envInt('BENCH_PEERS_TRIBUTARY_WINDOW', 10_000);
    const profileDir = process.env['BENCH_PEERS_PROFILE_DIR'] || undefined;
    if (profileDir !== undefined) nodeFs.mkdirSync(profileDir, { recursive: true });

    const bins = ensureServers(['nats-server', 'redis-server'], (m) => ctx.log(m));
    const natsVersion = serverVersion(bins['nats-server']);
    const redisVersion = serverVersion(bins['redis-server']);
    const profiling = profileDir !== undefined ? { cpuProfileDir: profileDir } : {};
    const acks1 = new TributarySystem({
      id: 'tributary-acks1',
      label: 'Tributary 1 broker, acks=1',
      brokers: 1,
      replicationFactor: 1,
      minInsyncReplicas: 1,
      acks: 1,
      producerWindow,
      ...profiling,
    });
    const acksAll = new TributarySystem({
      id: 'tributary-acksall',
      label: 'Tributary 3 brokers RF=3, acks=all',
      brokers: 3,
      replicationFactor: 3,
      minInsyncReplicas: 2,
      acks: 'all',
      producerWindow,
      ...profiling,
    });
    const jetstream = new JetStreamSystem(bins['nats-server'], natsVersion.replace(/^nats-server:\s*/, ''));
    const redis = new RedisSystem(bins['redis-server'], /v=(\S+)/.exec(redisVersion)?.[1] ?? redisVersion);
    const systems: PeerSystem[] = [acks1, acksAll, jetstream, redis];
    const byId = new Map(systems.map((s) => [s.id, s]));
    const ids = systems.map((s) => s.id);

    const throughputRounds = new Rounds<ThroughputResult>(ids, async (id, round) => {
      const system = byId.get(id)!;
      const r = await system.throughput({ records, valueBytes });
      ctx.log(
        `round ${round} ${system.label}: produce ${Math.round(records / r.produceSeconds)} records/s, ` +
          `consume ${Math.round(records / r.consumeSeconds)} records/s`,
      );
      return r;
    });
    const latencyRounds = new Rounds<LatencyResult>(ids, async (id, round) => {
      const system = byId.get(id)!;
      const r = await system.latency({ ratePerSecond, seconds, valueBytes });
      ctx.log(
        `round ${round} ${system.label}: latency p50 ${r.p50} ms, p99 ${r.p99} ms, p99.9 ${r.p999} ms, max ${r.max} ms`,
      );
      return r;
    });

    const settings = {
      records,
      valueBytes,
      partitionsOrStreams: 1,
      latencyRatePerSecond: ratePerSecond,
      latencySeconds: seconds,
      tributaryProducer: `defaults (batch.size 16384, linger.ms 5, max.in.flight 5), at most ${producerWindow} records unacknowledged`,
      tributaryConsumer: 'assign() without a group, max.poll.records 1000',
      tributaryProcess: 'brokers in one child Node process, clients in the benchmark process',
      jetstream: `${natsVersion}, file storage, R=1, js.publish with ${publishWindow} acks outstanding, pull consumer (AckPolicy none) batches of 1000`,
      redis: `${redisVersion.split(' sha=')[0]}, appendonly yes, appendfsync everysec, XADD pipelines of ${pipelineLength}, XREAD COUNT 1000`,
      fsync:
        'Tributary: on segment roll/shutdown (Kafka default); JetStream: sync_interval 2 min (default); Redis: every second',
      rounds: 'each system once per round (rotated order); MB/s figures reuse the records/s runs',
    };
    const mb = (n: number): number => (n * valueBytes) / 1e6;
    const tributaries = [acks1, acksAll];
    const peers = [jetstream, redis];
    const figures: FigureSpec[] = [];
    const n = formatRate(records);
    for (const t of tributaries) {
      for (const p of peers) {
        const produceBaseline =
          p === jetstream
            ? `${p.label}, ${publishWindow} acks outstanding`
            : `${p.label}, pipelines of ${pipelineLength}`;
        figures.push(
          {
            name: `produce ${n} x 100 B: ${t.label}`,
            unit: 'records/s',
            settings,
            measure: throughputRounds.measure(t.id, (r) => records / r.produceSeconds),
            baseline: {
              name: produceBaseline,
              measure: throughputRounds.measure(p.id, (r) => records / r.produceSeconds),
            },
          },
          {
            name: `produce ${n} x 100 B: ${t.label} (MB/s)`,
            unit: 'MB/s',
            settings,
            measure: throughputRounds.measure(t.id, (r) => mb(records) / r.produceSeconds),
            baseline: {
              name: `${produceBaseline} (MB/s)`,
              measure: throughputRounds.measure(p.id, (r) => mb(records) / r.produceSeconds),
            },
          },
          {
            name: `consume ${n} x 100 B: ${t.label}`,
            unit: 'records/s',
            settings,
            measure: throughputRounds.measure(t.id, (r) => records / r.consumeSeconds),
            baseline: {
              name: `${p.label}, batches of 1000`,
              measure: throughputRounds.measure(p.id, (r) => records / r.consumeSeconds),
            },
          },
          {
            name: `consume ${n} x 100 B: ${t.label} (MB/s)`,
            unit: 'MB/s',
            settings,
            measure: throughputRounds.measure(t.id, (r) => mb(records) / r.consumeSeconds),
            baseline: {
              name: `${p.label}, batches of 1000 (MB/s)`,
              measure: throughputRounds.measure(p.id, (r) => mb(records) / r.consumeSeconds),
            },
          },
        );
      }
    }
    const percentiles: Array<[string, (r: LatencyResult) => number]> = [
      ['p50', (r) => r.p50],
      ['p99', (r) => r.p99],
      ['p99.9', (r) => r.p999],
    ];
    for (const t of tributaries) {
      for (const p of peers) {
        for (const [label, pick] of percentiles) {
          figures.push({
            name: `end-to-end latency ${label} at ${formatRate(ratePerSecond)} records/s: ${t.label}`,
            unit: 'ms',
            higherIsBetter: false,
            settings,
            measure: latencyRounds.measure(t.id, pick),
            baseline: { name: `${p.label} (${label})`, measure: latencyRounds.measure(p.id, pick) },
          });
        }
      }
    }
    return figures;
  },
};

export default benchmark;
