/**
 * Test support for StreamsApp on an in-process Cluster: produce keyed string records, read a topic back
 * from the beginning, and wait on the cluster's clock.
 */
import { Serdes, type Deserializer, type Headers, type Serde } from '../../core/serdes/index.ts';
import { Consumed, Grouped, Materialized, Produced, StreamsBuilder, type Topology } from '../../dsl/index.ts';
import { Consumer, Producer } from '../../actors/client/index.ts';
import type { Cluster } from '../cluster/index.ts';

export interface KeyValueString {
  readonly key: string;
  readonly value: string;
  readonly partition?: number;
}

/** The stateless test topology: input -> filter(no "drop") -> mapValues(upper-case) -> output. */
export function upperCaseTopology(
  input = 'input',
  output = 'output',
  onRecord?: (key: string, value: string) => void,
): Topology {
  const S = Serdes.String();
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>(input, Consumed.with(S, S))
    .peek((k, v) => onRecord?.(k, v))
    .filter((_k, v) => !v.includes('drop'))
    .mapValues((v) => v.toUpperCase())
    .to(output, Produced.with(S, S));
  return builder.build();
}

/** Java's String.split drops trailing empty strings; JS keeps them. */
function javaSplit(text: string, separator: RegExp): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Kafka's WordCountDemo: lines -> words -> groupBy(word) -> count('counts-store') -> output (String/Long). */
export function wordCountTopology(input = 'lines', output = 'counts'): Topology {
  const S = Serdes.String();
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>(input, Consumed.with(S, S))
    .flatMapValues((line) => javaSplit(line.toLowerCase(), /\W+/))
    .groupBy((_key, word) => word, Grouped.with(S, S))
    .count(Materialized.as<string, number>('counts-store'))
    .toStream()
    .to(output, Produced.with(S, Serdes.Long()));
  return builder.build();
}

/** Sends string records with acks=all and waits for every acknowledgement. */
export async function produceStrings(
  cluster: Cluster,
  topic: string,
  records: readonly KeyValueString[],
): Promise<void> {
  const producer = new Producer<string, string>(cluster.connectionFactory(), {
    clock: cluster.clock,
    keySerde: Serdes.String(),
    valueSerde: Serdes.String(),
    config: { 'linger.ms': 0 },
  });
  try {
    await cluster.run(
      Promise.all(
        records.map((r) =>
          producer.send({
            topic,
            key: r.key,
            value: r.value,
            ...(r.partition !== undefined ? { partition: r.partition } : {}),
          }),
        ),
      ),
    );
  } finally {
    await cluster.run(producer.close());
  }
}

/** A group-less reader of one topic from the beginning; `read()` returns everything seen so far. */
export class TopicReader {
  private readonly consumer: Consumer<string, unknown>;
  private readonly cluster: Cluster;
  readonly records: KeyValueString[] = [];

  private constructor(cluster: Cluster, consumer: Consumer<string, unknown>) {
    this.cluster = cluster;
    this.consumer = consumer;
  }

  /** Values are decoded with `valueDeserializer` (default String) and kept as strings. */
  static async open(
    cluster: Cluster,
    topic: string,
    partitions: number,
    valueDeserializer: Deserializer<unknown> = Serdes.String().deserializer,
  ): Promise<TopicReader> {
    const consumer = new Consumer<string, unknown>(
      {
        'key.deserializer': Serdes.String(),
        'value.deserializer': valueDeserializer,
        'auto.offset.reset': 'earliest',
        'enable.auto.commit': false,
      },
      { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
    );
    consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
    return new TopicReader(cluster, consumer);
  }

  /** Polls until `done(records)` holds, on the cluster's clock; rejects after `timeoutMs` of it. */
  async readUntil(done: (records: readonly KeyValueString[]) => boolean, timeoutMs = 120_000): Promise<void> {
    const deadline = this.cluster.clock.now() + timeoutMs;
    await this.cluster.run(
      (async () => {
        while (!done(this.records)) {
          if (this.cluster.clock.now() > deadline)
            throw new Error(
              `reader: condition not reached in ${timeoutMs} ms (${this.records.length} records)`,
            );
          for (const r of await this.consumer.poll(100))
            this.records.push({ key: r.key!, value: String(r.value), partition: r.partition });
        }
      })(),
    );
  }

  /** Polls for `ms` more of cluster time (to see that nothing else arrives). */
  async drainFor(ms: number): Promise<void> {
    const until = this.cluster.clock.now() + ms;
    await this.readUntil(() => this.cluster.clock.now() >= until, ms + 10_000);
  }

  async close(): Promise<void> {
    await this.cluster.run(this.consumer.close());
  }
}

/** Counts occurrences of each string. */
export function countOf(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** A record as raw bytes (to produce what a serde cannot read), with optional headers read back. */
export interface RawRecord {
  readonly key: string;
  readonly value: Buffer | null;
  readonly partition?: number;
  readonly headers?: Headers;
}

/** Sends raw-valued records (string keys) with acks=all and waits for every acknowledgement. */
export async function produceRaw(
  cluster: Cluster,
  topic: string,
  records: readonly RawRecord[],
): Promise<void> {
  const producer = new Producer<string, Buffer | null>(cluster.connectionFactory(), {
    clock: cluster.clock,
    keySerde: Serdes.String(),
    valueSerde: Serdes.Bytes() as Serde<Buffer | null>,
    config: { 'linger.ms': 0 },
  });
  try {
    await cluster.run(
      Promise.all(
        records.map((r) =>
          producer.send({
            topic,
            key: r.key,
            value: r.value,
            ...(r.partition !== undefined ? { partition: r.partition } : {}),
          }),
        ),
      ),
    );
  } finally {
    await cluster.run(producer.close());
  }
}

/** Reads every partition of `topic` from the beginning until `count` records arrived (raw, with headers). */
export async function readRaw(
  cluster: Cluster,
  topic: string,
  partitions: number,
  count: number,
  timeoutMs = 60_000,
): Promise<RawRecord[]> {
  const consumer = new Consumer<string, Buffer | null>(
    {
      'key.deserializer': Serdes.String(),
      'value.deserializer': Serdes.Bytes() as Serde<Buffer | null>,
      'auto.offset.reset': 'earliest',
      'enable.auto.commit': false,
    },
    { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
  );
  consumer.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
  const out: RawRecord[] = [];
  const deadline = cluster.clock.now() + timeoutMs;
  try {
    await cluster.run(
      (async () => {
        while (out.length < count) {
          if (cluster.clock.now() > deadline)
            throw new Error(`readRaw: ${out.length} of ${count} records in ${timeoutMs} ms`);
          for (const r of await consumer.poll(100))
            out.push({ key: r.key!, value: r.value, partition: r.partition, headers: r.headers });
        }
      })(),
    );
  } finally {
    await cluster.run(consumer.close());
  }
  return out;
}

/** An 8-byte big-endian long, as Serdes.Long() writes it. */
export function longBytes(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n), 0);
  return b;
}

/** input (String, Long) -> mapValues(n * 2 as text) -> output (String, String). */
export function doublingTopology(input = 'input', output = 'output'): Topology {
  const S = Serdes.String();
  const builder = new StreamsBuilder();
  builder
    .stream<string, number>(input, Consumed.with(S, Serdes.Long()))
    .mapValues((n) => String(n * 2))
    .to(output, Produced.with(S, S));
  return builder.build();
}
