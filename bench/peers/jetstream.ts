/**
 * NATS JetStream in the peers benchmark: a fresh nats-server per run (file storage, bench/peers/servers.ts),
 * driven by the `nats` npm client in this process.
 *
 * Stream: one subject, file storage, one replica (the server defaults otherwise: its file store does
 * not fsync each write but every `sync_interval`, 2 minutes by default).
 * Produce: `js.publish()` with at most `publishWindow` (1000) acknowledgements outstanding.
 * Consume: a pull consumer without acknowledgements (AckPolicy none, like our group-less consumer and
 * Redis's XREAD), `consume({ max_messages: 1000 })`: pulls of 1000 with the client's refills.
 */
import { importClient } from './install.ts';
import { startNats, type RunningServer } from './servers.ts';
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

/** The part of the `nats` package (v2) this file uses. */
interface NatsModule {
  connect(options: { servers: string | string[]; noAsyncTraces?: boolean }): Promise<NatsConnection>;
}
interface NatsConnection {
  jetstream(): JetStreamClient;
  jetstreamManager(): Promise<JetStreamManager>;
  drain(): Promise<void>;
  close(): Promise<void>;
}
interface PubAck {
  readonly seq: number;
}
interface JetStreamClient {
  publish(subject: string, payload: Uint8Array): Promise<PubAck>;
  consumers: { get(stream: string, name: string): Promise<JsConsumer> };
}
interface JsMsg {
  readonly data: Uint8Array;
}
interface ConsumerMessages {
  stop(): void;
  closed(): Promise<void | Error>;
}
interface JsConsumer {
  consume(options: { max_messages: number; callback: (m: JsMsg) => void }): Promise<ConsumerMessages>;
}
interface JetStreamManager {
  streams: {
    add(config: {
      name: string;
      subjects: string[];
      storage: 'file';
      num_replicas: number;
    }): Promise<unknown>;
    info(name: string): Promise<{ state: { messages: number } }>;
  };
  consumers: {
    add(
      stream: string,
      config: { durable_name: string; ack_policy: 'none'; deliver_policy: 'all' },
    ): Promise<unknown>;
  };
}

const stream = 'BENCH';
const subject = 'bench';
const consumerName = 'reader';
/** Outstanding publish acknowledgements (the workload). */
export const publishWindow = 1000;
/** Messages per pull. */
const pullBatch = 1000;
const readTimeoutMs = 300_000;

async function open(binary: string): Promise<{ server: RunningServer; nc: NatsConnection }> {
  const nats = await importClient<NatsModule>('nats');
  const server = await startNats(binary);
  try {
    // noAsyncTraces: no stack trace captured per request (the client's own advice for throughput).
    const nc = await nats.connect({ servers: server.addresses[0]!, noAsyncTraces: true });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [subject], storage: 'file', num_replicas: 1 });
    await jsm.consumers.add(stream, {
      durable_name: consumerName,
      ack_policy: 'none',
      deliver_policy: 'all',
    });
    return { server, nc };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

interface Reading {
  /** Resolves once `onMessage` returned true; rejects after readTimeoutMs. */
  readonly done: Promise<void>;
  /** Stops pulling (idempotent; `done` does it too). */
  stop(): void;
}

/** Starts consuming (resolves once the pull consumer is running) until `onMessage` returns true. */
async function startReading(
  nc: NatsConnection,
  onMessage: (m: JsMsg) => boolean,
  what: string,
): Promise<Reading> {
  const consumer = await nc.jetstream().consumers.get(stream, consumerName);
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const messages = await consumer.consume({
    max_messages: pullBatch,
    callback: (m) => {
      if (onMessage(m)) finish();
    },
  });
  const limit = deadline(readTimeoutMs, what);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    limit.cancel();
    messages.stop();
  };
  const done = Promise.race([finished, limit.promise]).finally(stop);
  done.catch(() => {}); // the caller awaits it
  return { done, stop };
}

export class JetStreamSystem implements PeerSystem {
  readonly id = 'jetstream';
  readonly label: string;
  private readonly binary: string;

  constructor(binary: string, version: string) {
    this.binary = binary;
    this.label = `NATS JetStream ${version}`;
  }

  async throughput(settings: ThroughputSettings): Promise<ThroughputResult> {
    const { server, nc } = await open(this.binary);
    try {
      const js = nc.jetstream();
      const value = Buffer.alloc(settings.valueBytes, 97);
      const ring = new Array<Promise<PubAck>>(publishWindow);
      const t0 = nowMs();
      for (let i = 0; i < settings.records; i++) {
        if (i >= publishWindow) await ring[i % publishWindow];
        ring[i % publishWindow] = js.publish(subject, value);
      }
      await Promise.all(ring.filter((p) => p !== undefined));
      const produceSeconds = (nowMs() - t0) / 1000;
      const jsm = await nc.jetstreamManager();
      expectCount(`${this.label} stream`, (await jsm.streams.info(stream)).state.messages, settings.records);

      let count = 0;
      let bytes = 0;
      const t1 = nowMs();
      const reading = await startReading(
        nc,
        (m) => {
          bytes += m.data.length;
          return ++count === settings.records;
        },
        `${this.label} read-back`,
      );
      await reading.done;
      const consumeSeconds = (nowMs() - t1) / 1000;
      expectCount(`${this.label} read-back`, bytes / settings.valueBytes, settings.records);
      return { produceSeconds, consumeSeconds };
    } finally {
      await nc.close();
      await server.stop();
    }
  }

  async latency(settings: LatencySettings): Promise<LatencyResult> {
    const { server, nc } = await open(this.binary);
    const recorder = new LatencyRecorder();
    try {
      const js = nc.jetstream();
      const total = Math.round(settings.ratePerSecond * settings.seconds);
      const reading = await startReading(
        nc,
        (m) => {
          recorder.record(m.data);
          return recorder.count === total;
        },
        `${this.label} latency run`,
      );
      // The throughput run's window: at most 1000 publishes unacknowledged, the next waits for the oldest.
      const ring = new Array<Promise<PubAck>>(publishWindow);
      let published = 0;
      try {
        await paced(
          settings,
          (due) => {
            const ack = js.publish(subject, stampedValue(settings.valueBytes, due));
            ring[published++ % publishWindow] = ack;
            return ack;
          },
          () => (published >= publishWindow ? ring[published % publishWindow] : undefined),
        );
      } catch (err) {
        reading.stop();
        throw err;
      }
      await reading.done;
      expectCount(`${this.label} latency run`, recorder.count, total);
      return recorder.result();
    } finally {
      recorder.destroy();
      await nc.close();
      await server.stop();
    }
  }
}
