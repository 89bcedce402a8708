/**
 * Issue 3: the cluster on the simulated Clock, FileSystem and Transport under a seeded scheduler is
 * deterministic. One fault schedule (produce through our Producer, crash the leader of a partition, cut a
 * link between the two survivors and heal it, restart the crashed broker, more than 100 simulated seconds in
 * all) runs twice with the same seed; everything observable must be identical: every replica's log bytes,
 * log end offsets, high watermarks and leader-epoch caches, the metadata log bytes, the controller's view of
 * leaders, epochs and ISRs, the acknowledged offsets and the simulated time at the end. A run with another
 * seed must differ somewhere, so the comparison can fail.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { PartitionLog } from '../../core/log/index.ts';
import { stringSerde } from '../../core/serdes/index.ts';
import { Producer, type RecordMetadata } from '../../actors/client/index.ts';
import { Consumer } from '../../actors/client/consumer/index.ts';
import { Cluster } from './cluster.ts';

interface LogSnapshot {
  readonly sha256: string;
  readonly bytes: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly highWatermark: number;
  readonly epochs: string;
}

interface RunSnapshot {
  readonly logs: Record<string, LogSnapshot>;
  readonly partitions: Record<string, string>;
  readonly acked: Array<string>;
  readonly failed: Array<string>;
  /** With a consumer group: what each member consumed, in order, and the group's commits. */
  readonly consumed: Record<string, string[]>;
  readonly committed: string[];
  readonly victim: number;
  readonly cut: readonly number[];
  readonly controllerId: number;
  readonly brokerEpochs: Record<string, number>;
  /** Simulated time from the cluster's start to the end of the schedule. */
  readonly simulatedMs: number;
}

/** Every byte of a log from its start to its end (uncommitted tail included), and its offsets. */
function snapshotLog(log: PartitionLog): LogSnapshot {
  const hash = createHash('sha256');
  let bytes = 0;
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    if (r.nextOffset <= offset || r.bytes.length === 0) break;
    hash.update(r.bytes);
    bytes += r.bytes.length;
    offset = r.nextOffset;
  }
  return {
    sha256: hash.digest('hex'),
    bytes,
    logStartOffset: log.logStartOffset,
    logEndOffset: log.logEndOffset,
    highWatermark: log.highWatermark,
    epochs: log.leaderEpochCache
      .epochEntries()
      .map((e) => `${e.epoch}@${e.startOffset}`)
      .join(','),
  };
}

function isrComplete(c: Cluster, topic: string): boolean {
  const t = c.activeController().image.topicsByName.get(topic);
  if (t === undefined) return false;
  return t.partitions.every(
    (p) =>
      p.isr.length === c.brokerIds.length &&
      c
        .liveBrokers()
        .every((b) => b.metadata().partition(topic, p.partition)?.partitionEpoch === p.partitionEpoch),
  );
}

/** The fault schedule; returns everything observable at its end. */
async function runSchedule(seed: number, options: { group?: boolean } = {}): Promise<RunSnapshot> {
  const cluster = await Cluster.start({
    brokers: 3,
    simulated: { seed },
    replication: { replicaLagTimeMaxMs: 10_000 },
  });
  const producer = new Producer(cluster.connectionFactory(), {
    clock: cluster.clock,
    random: cluster.random,
    config: { 'linger.ms': 5, 'request.timeout.ms': 5000, 'delivery.timeout.ms': 60_000 },
  });
  const startedAt = cluster.clock.now();
  const consumers: Array<Consumer<string, string>> = [];
  const consumed: Record<string, string[]> = {};
  let stopConsuming = false;
  const loops: Array<Promise<void>> = [];
  try {
    await cluster.createTopic('t', {
      partitions: 3,
      replicationFactor: 3,
      configs: { 'min.insync.replicas': '2' },
    });
    const acked: string[] = [];
    const failed: string[] = [];
    const pending: Array<Promise<void>> = [];
    let n = 0;
    const send = (count: number): void => {
      for (let i = 0; i < count; i++) {
        const value = `v${n++}`;
        // Every third record is unkeyed (the sticky partitioner draws from the cluster's Random).
        const key = n % 3 === 0 ? null : `k${n % 7}`;
        pending.push(
          producer.send({ topic: 't', key, value }).then(
            (m: RecordMetadata) => void acked.push(`${value}->${m.partition}@${m.offset}`),
            () => void failed.push(value),
          ),
        );
      }
    };

    if (options.group === true) {
      // Two members of one group read throughout the faults (the coordinator moves with __consumer_offsets
      // leadership), committing after every poll.
      for (const name of ['a', 'b']) {
        const c = new Consumer<string, string>(
          {
            'group.id': 'g',
            'client.id': `member-${name}`,
            'auto.offset.reset': 'earliest',
            'enable.auto.commit': false,
            'key.deserializer': stringSerde(),
            'value.deserializer': stringSerde(),
          },
          { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
        );
        consumers.push(c);
        consumed[name] = [];
        c.subscribe(['t']);
        loops.push(
          (async () => {
            while (!stopConsuming && !c.closed) {
              try {
                const records = await c.poll(200);
                for (const r of records) consumed[name]!.push(`${r.value}@${r.partition}:${r.offset}`);
                if (records.length > 0) await c.commit();
              } catch (e) {
                consumed[name]!.push(`error:${e instanceof Error ? e.name : String(e)}`);
              }
            }
          })(),
        );
      }
    }

    send(30);
    await cluster.sleep(2_000);
    // Crash (power loss: the simulated disk loses or tears unsynced writes) the leader of partition 0.
    const victim = cluster.activeController().image.partition('t', 0)!.leader;
    await cluster.kill(victim, { crash: true });
    send(30);
    await cluster.sleep(10_000);
    // Cut the link between the two survivors, produce through it, heal it.
    const cut = cluster.brokerIds.filter((id) => id !== victim);
    cluster.cutLink(cut[0]!, cut[1]!);
    send(20);
    await cluster.sleep(20_000);
    cluster.healAll();
    await cluster.sleep(5_000);
    await cluster.restart(victim);
    send(20);
    await cluster.run(Promise.all(pending));
    await cluster.waitFor(() => isrComplete(cluster, 't'), 120_000, 'every replica back in the ISR');
    // Let the cluster idle until well past 100 simulated seconds (heartbeats, fetches, checkpoints).
    const until = Math.max(startedAt + 120_000, cluster.clock.now() + 30_000);
    await cluster.sleep(until - cluster.clock.now());
    const committed: string[] = [];
    if (options.group === true) {
      stopConsuming = true;
      await cluster.run(Promise.all(loops));
      const tps = [0, 1, 2].map((partition) => ({ topic: 't', partition }));
      for (const c of await cluster.run(consumers[0]!.committed(tps)))
        committed.push(`${c.partition}:${c.offset}`);
    }

    const logs: Record<string, LogSnapshot> = {};
    const brokerEpochs: Record<string, number> = {};
    for (const broker of cluster.liveBrokers()) {
      brokerEpochs[`broker-${broker.brokerId}`] = broker.brokerEpoch;
      const all = [...broker.logManager.allLogs()].sort((a, b) =>
        a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
      );
      for (const log of all)
        logs[`broker-${broker.brokerId}/${log.topic}-${log.partition}`] = snapshotLog(log);
    }
    const partitions: Record<string, string> = {};
    for (const p of cluster.activeController().image.topicsByName.get('t')!.partitions) {
      partitions[`t-${p.partition}`] =
        `leader=${p.leader} leaderEpoch=${p.leaderEpoch} partitionEpoch=${p.partitionEpoch} ` +
        `replicas=${p.replicas.join(',')} isr=${p.isr.join(',')}`;
    }
    return {
      logs,
      partitions,
      acked,
      failed,
      consumed,
      committed,
      victim,
      cut,
      controllerId: cluster.controllerId,
      brokerEpochs,
      simulatedMs: cluster.clock.now() - startedAt,
    };
  } finally {
    stopConsuming = true;
    for (const c of consumers) await cluster.run(c.close()).catch(() => undefined);
    await cluster.run(producer.close({ timeoutMs: 0 })).catch(() => undefined);
    await cluster.stop();
  }
}

describe('Cluster determinism on the simulated ports', function () {
  this.timeout(300_000);

  it('runs the same fault schedule twice with the same seed to identical logs, metadata, epochs and acknowledged offsets, and differently under another seed', async () => {
    const first = await runSchedule(7);
    const second = await runSchedule(7);

    // The schedule did what it says: more than 100 simulated seconds, records acknowledged, a metadata log.
    assert.ok(first.simulatedMs >= 100_000, `simulated ${first.simulatedMs} ms`);
    assert.ok(first.acked.length > 0, 'some records were acknowledged');
    assert.ok(
      Object.keys(first.logs).some((k) => k.includes('__cluster_metadata')),
      `the metadata log is compared: ${Object.keys(first.logs).join(' ')}`,
    );
    assert.equal(
      Object.keys(first.logs).length,
      3 * (3 + 1),
      'three replicas of t-0..2 and the metadata log',
    );

    assert.deepEqual(second, first);

    const other = await runSchedule(8);
    assert.notDeepEqual(other, first, 'another seed changes placement, timings or offsets');
  });

  it('with a consumer group reading and committing through the faults, the same seed gives the same consumed sequences, commits and __consumer_offsets bytes', async () => {
    const first = await runSchedule(21, { group: true });
    const second = await runSchedule(21, { group: true });

    const offsetsLogs = Object.keys(first.logs).filter((k) => k.includes('__consumer_offsets'));
    assert.ok(offsetsLogs.length > 0, 'the group wrote to __consumer_offsets');
    const total = Object.values(first.consumed).reduce(
      (sum, records) => sum + records.filter((r) => !r.startsWith('error:')).length,
      0,
    );
    assert.ok(total >= first.acked.length, `${total} records consumed, ${first.acked.length} acknowledged`);
    assert.ok(first.committed.length === 3 && first.committed.every((c) => !c.endsWith(':null')));

    assert.deepEqual(second, first);

    const other = await runSchedule(22, { group: true });
    assert.notDeepEqual(other, first, 'another seed changes something observable');
  });
});
