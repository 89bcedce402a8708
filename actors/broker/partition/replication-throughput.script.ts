// Measures acks=all produce throughput through a leader and two followers in one process (in-memory
// file systems, InProcessTransport, the real clock). Run: npx tsx actors/broker/partition/replication-throughput.script.ts
// Knobs: RECORDS (default 1000000), RECORDS_PER_BATCH (default 500), IN_FLIGHT (default 8), VALUE_BYTES (default 100).
import {
  InProcessTransport,
  NodeFileSystem,
  SimulatedFileSystem,
  SystemClock,
} from '../../../core/io/index.ts';
import { LogConfig } from '../../../core/log/index.ts';
import { encodeRecordBatch } from '../../../core/records/index.ts';
import { openReplicatedLog } from './partition.ts';
import { ReplicaManager } from './replica-manager.ts';
import { replicationConfig } from './replication-config.ts';
import type { ReplicaRequest, ReplicaResponse } from './replica-messages.ts';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const records = env('RECORDS', 1_000_000);
const perBatch = env('RECORDS_PER_BATCH', 500);
const inFlight = env('IN_FLIGHT', 8);
const valueBytes = env('VALUE_BYTES', 100);
/** FS=node writes real files under /tmp (BENCH_DIR); the default keeps them in memory. */
const useNodeFs = process.env['FS'] === 'node';
const benchDir = process.env['BENCH_DIR'] ?? `/tmp/tributary-replication-bench-${process.pid}`;

const clock = new SystemClock();
const transport = new InProcessTransport<ReplicaRequest, ReplicaResponse>(clock);
const config = replicationConfig({ minInsyncReplicas: 2 });
const tp = { topic: 'bench', partition: 0 };
const managers = [1, 2, 3].map((id) => {
  const fs = useNodeFs ? new NodeFileSystem() : new SimulatedFileSystem();
  const m = new ReplicaManager({
    brokerId: id,
    clock,
    transport,
    config,
    openLog: (t) =>
      openReplicatedLog({
        fs,
        clock,
        dir: `${useNodeFs ? benchDir : ''}/b${id}/${t.topic}-${t.partition}`,
        topic: t.topic,
        partition: t.partition,
        config: LogConfig.defaults,
      }),
  });
  m.serve();
  return m;
});
const state = { ...tp, leader: 1, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2, 3], replicas: [1, 2, 3] };
for (const m of managers) m.applyLeaderAndIsr([state]);

const value = Buffer.alloc(valueBytes, 97);
// One encoded batch, copied per produce (the leader assigns offsets in place): the producer's encoding is not measured.
const template = encodeRecordBatch(Array.from({ length: perBatch }, () => ({ key: null, value })));
const batches = Math.ceil(records / perBatch);
const started = process.hrtime.bigint();
let sent = 0;
async function worker(): Promise<void> {
  while (sent < batches) {
    sent++;
    await managers[0]!.appendToLeader(tp, Buffer.from(template), -1, 30_000);
  }
}
await Promise.all(Array.from({ length: inFlight }, () => worker()));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const total = batches * perBatch;
console.log(
  `acks=all, 3 replicas (${useNodeFs ? 'files' : 'in-memory fs'}), ${perBatch} x ${valueBytes} B per batch, ${inFlight} in flight: ` +
    `${Math.round(total / seconds).toLocaleString('en-US')} records/s, ` +
    `${((total * valueBytes) / seconds / 1e6).toFixed(1)} MB/s of values (${total} records in ${seconds.toFixed(2)} s)`,
);
for (const m of managers) m.shutdown();
