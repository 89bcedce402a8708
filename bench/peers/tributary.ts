/**
 * Tributary in the peers benchmark: a fresh cluster per run in its own process (bench/peers/servers.ts),
 * our `Producer` and `Consumer` over `TcpConnectionFactory` (the Kafka protocol on TCP) in this one.
 *
 * Produce: `producer.send()` per record with the producer's defaults (batch.size 16384, linger.ms 5,
 * max.in.flight 5, idempotence where acks=all allows it), `acks` as configured. The benchmark keeps at
 * most `producerWindow` records unacknowledged, as an application bounds its own memory; the producer's
 * batching works inside that window (Kafka acknowledges whole batches, so a window as small as
 * JetStream's 1000 would only let about six 16 KiB batches exist at once).
 * Consume: `assign()` without a group (nothing committed, like the peers' reads), from the earliest
 * offset, `max.poll.records` 1000 to hand out batches of 1000 as the peers' reads do.
 */
import { Consumer, Producer, type AcksInput, type RecordMetadata } from '../../actors/client/index.ts';
import { TcpConnectionFactory } from '../../runtime/network/index.ts';
import { startTributary, type RunningServer } from './servers.ts';
import {
  LatencyRecorder,
  deadline,
  expectCount,
  nowMs,
  paced,
  stampedValue,
  type LatencyResult,
  type LatencySettings,
  type PeerSystem,
  type ThroughputResult,
  type ThroughputSettings,
} from './workload.ts';

const topic = 'bench';
/** Records handed out per poll, as the peers read batches of 1000. */
const maxPollRecords = 1000;
/** How often (in records) the producer loop checks its window. */
const windowCheckEvery = 1000;
/** Longest a read-back or latency run may take before it fails. */
const readTimeoutMs = 300_000;
const pollTimeoutMs = 1000;

export interface TributaryOptions {
  readonly id: string;
  readonly label: string;
  readonly brokers: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly acks: AcksInput;
  /** Unacknowledged records the benchmark allows the producer (see the file comment). */
  readonly producerWindow: number;
  readonly cpuProfileDir?: string;
}

function connections(server: RunningServer, clientId: string): TcpConnectionFactory {
  return new TcpConnectionFactory({ bootstrapServers: [...server.addresses], clientId });
}

function newProducer(server: RunningServer, acks: AcksInput): Producer<Buffer, Buffer> {
  return new Producer<Buffer, Buffer>(connections(server, 'bench-producer'), {
    config: { acks, 'client.id': 'bench-producer' },
  });
}

function newConsumer(server: RunningServer): Consumer<Buffer, Buffer> {
  const consumer = new Consumer<Buffer, Buffer>(
    {
      'client.id': 'bench-consumer',
      'auto.offset.reset': 'earliest',
      'enable.auto.commit': false,
      'max.poll.records': maxPollRecords,
    },
    { connectionFactory: connections(server, 'bench-consumer') },
  );
  consumer.assign([{ topic, partition: 0 }]);
  return consumer;
}

async function produceAll(
  producer: Producer<Buffer, Buffer>,
  settings: ThroughputSettings,
  window: number,
): Promise<void> {
  const value = Buffer.alloc(settings.valueBytes, 97);
  const ring: Array<Promise<RecordMetadata>> = new Array<Promise<RecordMetadata>>(window);
  let failure: unknown;
  const onError = (err: unknown): void => {
    failure ??= err;
  };
  for (let i = 0; i < settings.records; i++) {
    if (i % windowCheckEvery === 0) {
      if (failure !== undefined) throw failure;
      // The record sent `window` records ago must be acknowledged before more go out.
      if (i >= window) await ring[(i - window) % window];
    }
    const delivery = producer.send({ topic, value });
    delivery.catch(onError);
    ring[i % window] = delivery;
  }
  await producer.flush();
  await Promise.all(ring.filter((p) => p !== undefined));
  if (failure !== undefined) throw failure;
}

async function consumeAll(consumer: Consumer<Buffer, Buffer>, records: number): Promise<number> {
  let count = 0;
  let bytes = 0;
  const limit = nowMs() + readTimeoutMs;
  while (count < records) {
    if (nowMs() > limit) throw new Error(`Tributary read-back: ${count} of ${records} records in time`);
    const batch = await consumer.poll(pollTimeoutMs);
    for (const r of batch) bytes += r.rawValue!.length;
    count += batch.length;
  }
  return bytes;
}

export class TributarySystem implements PeerSystem {
  readonly id: string;
  readonly label: string;
  private readonly options: TributaryOptions;

  constructor(options: TributaryOptions) {
    this.options = options;
    this.id = options.id;
    this.label = options.label;
  }

  private start(): Promise<RunningServer> {
    const o = this.options;
    return startTributary({
      brokers: o.brokers,
      topic,
      replicationFactor: o.replicationFactor,
      minInsyncReplicas: o.minInsyncReplicas,
      ...(o.cpuProfileDir !== undefined ? { cpuProfileDir: o.cpuProfileDir } : {}),
    });
  }

  async throughput(settings: ThroughputSettings): Promise<ThroughputResult> {
    const server = await this.start();
    try {
      const producer = newProducer(server, this.options.acks);
      let produceSeconds: number;
      try {
        await producer.connect(); // metadata and producer id, as an application does before its loop
        const t0 = nowMs();
        await produceAll(producer, settings, this.options.producerWindow);
        produceSeconds = (nowMs() - t0) / 1000;
      } finally {
        await producer.close();
      }
      const consumer = newConsumer(server);
      let consumeSeconds: number;
      try {
        const t0 = nowMs();
        const bytes = await consumeAll(consumer, settings.records);
        consumeSeconds = (nowMs() - t0) / 1000;
        expectCount(`${this.label} read-back`, bytes / settings.valueBytes, settings.records);
        const [end] = await consumer.endOffsets([{ topic, partition: 0 }]);
        expectCount(`${this.label} log end offset`, end!.offset, settings.records);
      } finally {
        await consumer.close();
      }
      return { produceSeconds, consumeSeconds };
    } finally {
      await server.stop();
    }
  }

  async latency(settings: LatencySettings): Promise<LatencyResult> {
    const server = await this.start();
    const recorder = new LatencyRecorder();
    try {
      const producer = newProducer(server, this.options.acks);
      const consumer = newConsumer(server);
      try {
        await producer.connect();
        // Positioned at the (empty) partition's start before anything is sent.
        await consumer.position({ topic, partition: 0 });
        const total = Math.round(settings.ratePerSecond * settings.seconds);
        let stopped = false;
        const reading = (async () => {
          while (recorder.count < total && !stopped) {
            for (const r of await consumer.poll(pollTimeoutMs)) recorder.record(r.rawValue!);
          }
        })();
        reading.catch(() => {}); // awaited below; a failure while the producer still runs must not go unhandled
        const limit = deadline(readTimeoutMs, `${this.label} latency run`);
        try {
          await Promise.race([
            paced(settings, (due) => producer.send({ topic, value: stampedValue(settings.valueBytes, due) })),
            limit.promise,
          ]);
          await Promise.race([reading, limit.promise]);
        } finally {
          stopped = true;
          limit.cancel();
        }
        expectCount(`${this.label} latency run`, recorder.count, total);
      } finally {
        await producer.close();
        await consumer.close();
      }
      return recorder.result();
    } finally {
      recorder.destroy();
      await server.stop();
    }
  }
}
