/**
 * Tributary's Kafka producer (Java's `KafkaProducer`, with KafkaJS's call shapes too). `send`
 * serializes key and value with the configured serdes, picks the partition (murmur2 of the key bytes
 * like Java, sticky for null keys, or a custom partitioner), appends the record to its partition's
 * batch in the RecordAccumulator and returns a promise of its RecordMetadata; the Sender sends batches
 * per leader in the background. Idempotence is on by default: each record is in its partition's log
 * exactly once and in send order despite retries.
 *
 * ```ts
 * const producer = new Producer(cluster.connectionFactory(), {
 *   config: { 'linger.ms': 5, 'compression.type': 'lz4' },
 *   keySerde: Serdes.String(),
 *   valueSerde: Serdes.Json(),
 * });
 * const { partition, offset } = await producer.send({ topic: 'orders', key: 'o-1', value: { total: 42 } });
 * await producer.send({ topic: 'orders', messages: [{ key: 'o-2', value: { total: 7 } }] }); // KafkaJS shape
 * await producer.close();
 * ```
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { SystemClock, SystemRandom, type Clock, type Random } from '../../../core/io/index.ts';
import type { RecordInput } from '../../../core/records/index.ts';
import { SerializationError, type Serde, type Serializer } from '../../../core/serdes/index.ts';
import { ConnectionPool } from '../connection-pool.ts';
import type { ConnectionFactory } from '../connection.ts';
import { ClusterMetadata, type PartitionInfo } from '../metadata.ts';
import {
  DefaultPartitioner,
  checkPartition,
  choosePartition,
  partitionerFromFunction,
  type Partitioner,
  type PartitionerFunction,
} from '../partitioner.ts';
import {
  DeliveryGroup,
  type DeliveryCallback,
  recordBytesUpperBound,
  type ProducerBatch,
  type RecordMetadata,
} from '../producer-batch.ts';
import { RecordAccumulator, type AppendResult } from '../record-accumulator.ts';
import { BatchTracker } from './batch-tracker.ts';
import { resolveProducerConfig, type ProducerConfig, type ProducerConfigInput } from './producer-config.ts';
import { ProducerIdentity } from './producer-identity.ts';
import {
  normalizeHeaders,
  type Message,
  type ProducerBatchRequest,
  type RecordHeadersInput,
  type ProducerRecord,
  type TopicMessages,
} from './producer-record.ts';
import { Sender, type SenderStats } from './sender.ts';

export interface ProducerOptions<K, V> {
  /** Kafka's producer configs by their names (`acks`, `linger.ms`, ...); defaults are Kafka's. */
  readonly config?: ProducerConfigInput;
  /** Serializes keys; default: Buffers and strings (UTF-8) as they are, anything else is an error. */
  readonly keySerde?: Serde<K>;
  /** Serializes values; default as for keys. */
  readonly valueSerde?: Serde<V>;
  /** `partitioner.class`: a Java-style Partitioner or a KafkaJS-style function; default murmur2 + sticky. */
  readonly partitioner?: Partitioner | PartitionerFunction;
  /** Time source (a SimulatedClock in tests); default the system clock. */
  readonly clock?: Clock;
  /** Randomness for sticky partitioning; default Math.random. */
  readonly random?: Random;
}

/** What `producer.stats()` reports. */
export interface ProducerStats extends SenderStats {
  /** Bytes of buffer.memory held by batches now. */
  bufferedBytes: number;
  /** Produce requests awaiting an answer. */
  inFlightRequests: number;
  /** Local producer epoch bumps (sequence resets) so far. */
  epochBumps: number;
  producerId: number;
  producerEpoch: number;
}

/** Keys and values without a serde: Buffers and strings pass through; the batch encodes strings as UTF-8. */
function rawSerializer<T>(
  which: 'key' | 'value',
): (topic: string, data: T | null | undefined) => Buffer | string | null {
  return (topic, data) => {
    if (data === null || data === undefined) return null;
    if (typeof data === 'string' || Buffer.isBuffer(data)) return data;
    if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    throw new SerializationError(
      topic,
      `the ${which} is a ${typeof data}; give the producer a ${which}Serde`,
    );
  };
}

function serializerOf<T>(
  serde: Serde<T> | undefined,
  which: 'key' | 'value',
): (topic: string, data: T | null | undefined, headers: RecordInput['headers']) => Buffer | string | null {
  if (serde === undefined) return rawSerializer<T>(which);
  const serialize: Serializer<T> = serde.serializer;
  return (topic, data, headers) => {
    try {
      return serialize(topic, data ?? null, headers as Parameters<Serializer<T>>[2]);
    } catch (e) {
      if (e instanceof KafkaError) throw e;
      throw new SerializationError(topic, e instanceof Error ? e.message : String(e), e);
    }
  };
}

const ignore = (): void => undefined;

/** Sends of one synchronous run that may share one reading of the system clock (see sendTimeMs). */
const sendTimeReuseMax = 31;

function closedError(): KafkaError {
  return new KafkaError(ErrorCode.INVALID_REQUEST, 'the producer is closed');
}

function isTopicMessages<K, V>(arg: ProducerRecord<K, V> | TopicMessages<K, V>): arg is TopicMessages<K, V> {
  return Array.isArray((arg as { messages?: unknown }).messages);
}

export class Producer<K = Buffer | string, V = Buffer | string> {
  readonly config: ProducerConfig;
  /** The producer's view of the cluster (shared by its sends and its sender). */
  readonly metadata: ClusterMetadata;
  private readonly pool: ConnectionPool;
  private readonly clock: Clock;
  private readonly accumulator: RecordAccumulator;
  private readonly partitioner: Partitioner;
  private readonly sender: Sender;
  private readonly identity: ProducerIdentity | undefined;
  private readonly serializeKey: ReturnType<typeof serializerOf<K>>;
  private readonly serializeValue: ReturnType<typeof serializerOf<V>>;
  /** Sends waiting for metadata, in call order; later sends queue behind them so order holds. */
  private waitingSends = 0;
  private readonly systemClock: boolean;
  private sendTime = 0;
  private sendTimeUses = 0;
  private sendTimeDropScheduled = false;
  /** The topic last given to metadata.track (so a run of sends to one topic tracks it once). */
  private lastTrackedTopic: string | undefined;
  private sendChain: Promise<void> = Promise.resolve();
  private fatalError: KafkaError | undefined;
  private closing = false;
  private closePromise: Promise<void> | undefined;

  constructor(connections: ConnectionFactory, options: ProducerOptions<K, V> = {}) {
    this.config = resolveProducerConfig(options.config);
    const config = this.config;
    this.clock = options.clock ?? new SystemClock();
    this.systemClock = this.clock instanceof SystemClock;
    this.pool = new ConnectionPool(connections, { clientId: config.clientId });
    this.metadata = new ClusterMetadata(this.pool, this.clock, {
      metadataMaxAgeMs: config.metadataMaxAgeMs,
      retryBackoffMs: config.retryBackoffMs,
      maxBlockMs: config.maxBlockMs,
      requestTimeoutMs: config.requestTimeoutMs,
      allowAutoTopicCreation: true, // the Java producer always asks (the broker decides)
    });
    this.accumulator = new RecordAccumulator(this.clock, {
      batchSizeBytes: config.batchSizeBytes,
      lingerMs: config.lingerMs,
      bufferMemoryBytes: config.bufferMemoryBytes,
      maxBlockMs: config.maxBlockMs,
      maxRequestSizeBytes: config.maxRequestSizeBytes,
      retryBackoffMs: config.retryBackoffMs,
      deliveryTimeoutMs: config.deliveryTimeoutMs,
      compression: config.compression,
    });
    const p = options.partitioner;
    this.partitioner =
      p === undefined
        ? new DefaultPartitioner(options.random ?? new SystemRandom(), config.batchSizeBytes)
        : typeof p === 'function'
          ? partitionerFromFunction(p)
          : p;
    this.serializeKey = serializerOf(options.keySerde, 'key');
    this.serializeValue = serializerOf(options.valueSerde, 'value');
    const tracker = new BatchTracker({
      idempotence: config.idempotence,
      maxInFlightPerPartition: config.idempotence
        ? 5
        : config.maxInFlightRequestsPerConnection === 1
          ? 1
          : Infinity,
    });
    this.identity = config.idempotence
      ? new ProducerIdentity({
          pool: this.pool,
          requestTimeoutMs: config.requestTimeoutMs,
          required: config.idempotenceExplicit,
          onChange: () => this.sender.wakeup(),
        })
      : undefined;
    this.sender = new Sender({
      accumulator: this.accumulator,
      metadata: this.metadata,
      pool: this.pool,
      clock: this.clock,
      config,
      tracker,
      identity: this.identity,
      onFatal: (error) => this.fail(error),
    });
  }

  /**
   * Optional (sends connect lazily): fetches cluster metadata and, with idempotence, the producer id,
   * so the first send does not wait for them. Rejects if no broker answers within max.block.ms.
   */
  async connect(): Promise<void> {
    if (this.closing) throw closedError();
    const deadline = this.clock.now() + this.config.maxBlockMs;
    for (;;) {
      try {
        await this.metadata.refresh();
        break;
      } catch (e) {
        if (!(e instanceof KafkaError) || !e.retriable || this.clock.now() >= deadline) throw e;
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.config.retryBackoffMs));
      }
    }
    this.sender.wakeup();
    const identity = this.identity;
    if (identity === undefined) return;
    while (!identity.usable) {
      const state = identity.state;
      if (state.kind === 'failed') throw state.error;
      if (this.clock.now() >= deadline)
        throw new KafkaError(ErrorCode.REQUEST_TIMED_OUT, 'no producer id within max.block.ms', {
          cause: identity.lastError,
        });
      this.sender.wakeup();
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.config.retryBackoffMs));
    }
  }

  /**
   * Sends one record (Java's `send`): resolves with its topic, partition, offset and timestamp once
   * the broker acknowledged it (offset -1 with acks=0), rejects with the KafkaError that failed it.
   * An array gives one promise per record; KafkaJS's `{ topic, messages }` gives one promise of all
   * (the records' metadata in message order), with no promise per record made inside.
   */
  send(record: ProducerRecord<K, V>): Promise<RecordMetadata>;
  /**
   * Java's `send(record, callback)`: no promise; `callback(null, metadata)` once the record is
   * acknowledged, `callback(error, null)` if it fails (always after send returns). The cheapest way
   * to send many records one by one. An exception thrown by the callback is rethrown on its own,
   * after the other records' callbacks ran.
   */
  send(record: ProducerRecord<K, V>, callback: DeliveryCallback): void;
  send(records: readonly ProducerRecord<K, V>[]): Promise<RecordMetadata>[];
  send(topicMessages: TopicMessages<K, V>): Promise<RecordMetadata[]>;
  send(
    arg: ProducerRecord<K, V> | readonly ProducerRecord<K, V>[] | TopicMessages<K, V>,
    callback?: DeliveryCallback,
  ): Promise<RecordMetadata> | Promise<RecordMetadata>[] | Promise<RecordMetadata[]> | void {
    if (callback !== undefined) {
      if (typeof callback !== 'function' || Array.isArray(arg) || isTopicMessages(arg as TopicMessages<K, V>))
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          'send(record, callback) takes one record and a function',
        );
      this.sendOne(arg as ProducerRecord<K, V>, callback);
      return;
    }
    if (Array.isArray(arg)) return (arg as readonly ProducerRecord<K, V>[]).map((r) => this.sendOne(r));
    const single = arg as ProducerRecord<K, V> | TopicMessages<K, V>;
    if (isTopicMessages(single)) {
      const group = new DeliveryGroup(single.messages.length);
      this.sendMessages(single.topic, single.messages, group, 0);
      this.expedite(group);
      return group.promise;
    }
    return this.sendOne(single);
  }

  /** KafkaJS's `sendBatch({ topicMessages })`: every message of every topic; resolves with all metadata. */
  sendBatch(batch: ProducerBatchRequest<K, V>): Promise<RecordMetadata[]> {
    let size = 0;
    for (const tm of batch.topicMessages) size += tm.messages.length;
    const group = new DeliveryGroup(size);
    let at = 0;
    for (const tm of batch.topicMessages) {
      this.sendMessages(tm.topic, tm.messages, group, at);
      at += tm.messages.length;
    }
    this.expedite(group);
    return group.promise;
  }

  /**
   * The batches holding a group send's records go out without waiting for linger.ms, as KafkaJS sends
   * each `send` call at once: its caller is waiting for exactly these records. (Records that had to
   * wait for metadata or memory reach their batches later and linger as usual.)
   */
  private expedite(group: DeliveryGroup): void {
    if (group.batches.length === 0) return;
    for (const batch of group.batches) batch.expedited = true;
    this.sender.wakeup();
  }

  /** Sends KafkaJS messages of one topic as records `first..` of `group`. */
  private sendMessages(
    topic: string,
    messages: readonly Message<K, V>[],
    group: DeliveryGroup,
    first: number,
  ): void {
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]!;
      const timestamp = typeof m.timestamp === 'string' ? Number(m.timestamp) : m.timestamp;
      this.sendRecord(topic, m.key, m.value, m.headers, timestamp, m.partition, group, first + i);
    }
  }

  /**
   * The partitions of a topic (Java's `partitionsFor`), fetching metadata if the topic is unknown
   * (auto-creating it where the broker allows) within max.block.ms.
   */
  partitionsFor(topic: string): Promise<readonly PartitionInfo[]> {
    return this.metadata.partitionsFor(topic, this.config.maxBlockMs);
  }

  /**
   * Sends everything sent so far at once (ignoring linger.ms) and resolves when all of it is
   * acknowledged or failed (each record's own promise says which; flush itself does not reject).
   */
  async flush(): Promise<void> {
    await this.sendChain;
    const flushed = this.accumulator.flush();
    this.sender.wakeup();
    await flushed;
  }

  /**
   * Sends what was already sent, then closes (Java's `close(Duration)`): new sends are refused at
   * once; after `timeoutMs` (default: no limit) records still unacknowledged fail with
   * OPERATION_NOT_ATTEMPTED. `timeoutMs: 0` fails them at once. Connections are closed at the end.
   */
  close(options: { timeoutMs?: number } = {}): Promise<void> {
    this.closePromise ??= this.doClose(options.timeoutMs ?? Infinity);
    return this.closePromise;
  }

  /** KafkaJS's name for close(). */
  disconnect(): Promise<void> {
    return this.close();
  }

  /** Counters of the producer's work so far. */
  stats(): ProducerStats {
    return {
      ...this.sender.stats,
      bufferedBytes: this.accumulator.bufferedBytes,
      inFlightRequests: this.sender.inFlightRequestCount,
      epochBumps: this.identity?.epochBumps ?? 0,
      producerId: this.identity?.producerId ?? -1,
      producerEpoch: this.identity?.producerEpoch ?? -1,
    };
  }

  private async doClose(timeoutMs: number): Promise<void> {
    this.closing = true;
    if (timeoutMs > 0) {
      let timer: { cancel(): void } | undefined;
      const timedOut = Number.isFinite(timeoutMs)
        ? new Promise<void>((resolve) => (timer = this.clock.setTimeout(resolve, timeoutMs)))
        : undefined;
      const drained = (async () => {
        await this.sendChain;
        this.accumulator.beginClose();
        while (this.accumulator.hasIncomplete() || this.accumulator.waitingAppends > 0) {
          const flushed = this.accumulator.flush();
          this.sender.wakeup();
          await flushed;
        }
      })();
      await (timedOut === undefined ? drained : Promise.race([drained, timedOut]));
      timer?.cancel();
    }
    this.accumulator.close(); // fails whatever is left with OPERATION_NOT_ATTEMPTED
    this.sender.stop();
    this.partitioner.close?.();
    this.pool.close();
  }

  /** A fatal error (InitProducerId refused): every record fails with it, and every later send. */
  private fail(error: KafkaError): void {
    if (this.fatalError !== undefined) return;
    this.fatalError = error;
    this.accumulator.close(error);
  }

  /** One record: its delivery promise, or (with `callback`) nothing, the callback reporting instead. */
  private sendOne(record: ProducerRecord<K, V>): Promise<RecordMetadata>;
  private sendOne(record: ProducerRecord<K, V>, callback: DeliveryCallback): undefined;
  private sendOne(
    record: ProducerRecord<K, V>,
    callback: DeliveryCallback | null = null,
  ): Promise<RecordMetadata> | undefined {
    return this.sendRecord(
      record.topic,
      record.key,
      record.value,
      record.headers,
      record.timestamp,
      record.partition,
      callback,
      0,
    );
  }

  /**
   * Sends one record: its delivery promise when `group` is null, otherwise the record is record
   * `groupIndex` of the group and nothing is returned. On the usual path (metadata known, memory
   * free) the record is serialized, partitioned and encoded into its partition's open batch right
   * here, with no promise or object made for it but the delivery promise asked for.
   */
  private sendRecord(
    topic: string,
    keyIn: K | null | undefined,
    valueIn: V | null,
    headersIn: RecordHeadersInput | undefined,
    timestampIn: number | undefined,
    explicitPartition: number | undefined,
    group: DeliveryGroup | DeliveryCallback | null,
    groupIndex: number,
  ): Promise<RecordMetadata> | undefined {
    if (this.fatalError !== undefined) return this.failed(this.fatalError, group);
    if (this.closing) return this.failed(closedError(), group);
    if (typeof topic !== 'string' || topic.length === 0)
      return this.failed(new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `topic ${String(topic)}`), group);
    let key: Buffer | string | null;
    let value: Buffer | string | null;
    let headers: RecordInput['headers'];
    try {
      headers = headersIn === undefined ? undefined : normalizeHeaders(headersIn);
      key = this.serializeKey(topic, keyIn, headers);
      value = this.serializeValue(topic, valueIn, headers);
    } catch (e) {
      return this.failed(e instanceof Error ? e : new KafkaError(ErrorCode.INVALID_RECORD, String(e)), group);
    }
    const cached = this.metadata.topic(topic);
    if (this.waitingSends === 0 && cached !== undefined && cached.partitions.length > 0) {
      if (topic !== this.lastTrackedTopic) {
        this.metadata.trackTopic(topic);
        this.lastTrackedTopic = topic;
      }
      const partitions = cached.partitions;
      const timestamp = timestampIn ?? this.sendTimeMs();
      let sizeBytes: number;
      let partition: number;
      let batch: ProducerBatch | undefined;
      try {
        partition = this.choose(topic, partitions, key, value, explicitPartition);
        sizeBytes = recordBytesUpperBound(key, value, headers);
        batch = this.accumulator.appendNow(topic, partition, key, value, headers, timestamp, sizeBytes);
      } catch (e) {
        return this.failed(
          e instanceof Error ? e : new KafkaError(ErrorCode.INVALID_RECORD, String(e)),
          group,
        );
      }
      if (batch !== undefined) {
        this.partitioner.onAppend?.(topic, partition, sizeBytes, partitions);
        this.sender.wakeup();
        const index = batch.recordCount - 1;
        if (group === null) return batch.newDelivery(index);
        if (typeof group === 'function') batch.addCallback(index, group);
        else batch.addToGroup(index, group, groupIndex);
        return undefined;
      }
      // Buffer memory is short: the accumulator queues the append (in call order).
      return this.delivered(
        this.append(topic, partitions, { key, value, timestamp, headers }, partition),
        group,
        groupIndex,
      );
    }
    // The topic is unknown (or earlier sends still wait): wait for metadata behind the earlier sends,
    // so records reach the accumulator in call order.
    const input: RecordInput = { key, value, timestamp: timestampIn, headers };
    this.waitingSends++;
    const appended = this.sendChain.then(async () => {
      try {
        const partitions = await this.metadata.partitionsFor(topic, this.config.maxBlockMs);
        if (this.fatalError !== undefined) throw this.fatalError;
        if (topic !== this.lastTrackedTopic) {
          this.metadata.trackTopic(topic);
          this.lastTrackedTopic = topic;
        }
        let partition: number;
        try {
          partition = this.choose(topic, partitions, key, value, explicitPartition);
        } catch (e) {
          return {
            result: Promise.reject(
              e instanceof Error ? e : new KafkaError(ErrorCode.INVALID_RECORD, String(e)),
            ) as Promise<AppendResult>,
          };
        }
        // Wrapped, so the chain moves on once the append is queued, not when the record is delivered.
        return { result: this.append(topic, partitions, input, partition) };
      } finally {
        this.waitingSends--;
      }
    });
    this.sendChain = appended.then(ignore, ignore);
    return this.delivered(
      appended.then((a) => a.result),
      group,
      groupIndex,
    );
  }

  /**
   * The create time of a record sent now. With the system clock, one reading serves the sends of one
   * synchronous run, up to `sendTimeReuseMax` of them (reading the clock was ~10% of a send's cost):
   * a microtask drops the reading, so a send in a later run of the event loop reads the clock again.
   * Other clocks (SimulatedClock in tests) are read at every send.
   */
  private sendTimeMs(): number {
    if (!this.systemClock) return Math.floor(this.clock.now());
    if (this.sendTimeUses > 0) {
      this.sendTimeUses--;
      return this.sendTime;
    }
    this.sendTime = Math.floor(this.clock.now());
    this.sendTimeUses = sendTimeReuseMax;
    if (!this.sendTimeDropScheduled) {
      this.sendTimeDropScheduled = true;
      queueMicrotask(this.dropSendTime);
    }
    return this.sendTime;
  }

  private readonly dropSendTime = (): void => {
    this.sendTimeDropScheduled = false;
    this.sendTimeUses = 0;
  };

  /** A record that failed before reaching a batch: a rejected delivery, or the group fails. */
  private failed(
    error: Error,
    group: DeliveryGroup | DeliveryCallback | null,
  ): Promise<RecordMetadata> | undefined {
    if (typeof group === 'function') {
      queueMicrotask(() => group(error, null));
      return undefined;
    }
    if (group !== null) {
      group.fail(error);
      return undefined;
    }
    const rejected = Promise.reject(error);
    rejected.catch(ignore); // a dropped promise must not crash the process
    return rejected;
  }

  /** The delivery of an append that had to wait (memory or metadata): the slow path. */
  private delivered(
    appended: Promise<AppendResult>,
    group: DeliveryGroup | DeliveryCallback | null,
    groupIndex: number,
  ): Promise<RecordMetadata> | undefined {
    const delivery = appended.then((r) => r.delivery);
    if (group === null) {
      delivery.catch(ignore);
      return delivery;
    }
    if (typeof group === 'function') {
      delivery.then(
        (m) => group(null, m),
        (e: unknown) =>
          group(e instanceof Error ? e : new KafkaError(ErrorCode.INVALID_RECORD, String(e)), null),
      );
      return undefined;
    }
    delivery.then(
      (m) => group.deliver(groupIndex, m),
      (e: unknown) =>
        group.fail(e instanceof Error ? e : new KafkaError(ErrorCode.INVALID_RECORD, String(e))),
    );
    return undefined;
  }

  /** The record's partition: explicit, or the partitioner's choice (checked). */
  private choose(
    topic: string,
    partitions: readonly PartitionInfo[],
    key: Buffer | string | null,
    value: Buffer | string | null,
    explicitPartition: number | undefined,
  ): number {
    if (explicitPartition !== undefined && explicitPartition !== null)
      return checkPartition(topic, explicitPartition, partitions.length);
    const partitioner = this.partitioner;
    if (partitioner instanceof DefaultPartitioner)
      return checkPartition(topic, partitioner.partitionOf(topic, partitions, key), partitions.length);
    return choosePartition(partitioner, {
      topic,
      partitionMetadata: partitions,
      message: { key, value, partition: explicitPartition },
    });
  }

  /** Appends through the accumulator's queue (memory short or metadata awaited); keeps call order. */
  private append(
    topic: string,
    partitions: readonly PartitionInfo[],
    input: RecordInput,
    partition: number,
  ): Promise<AppendResult> {
    const appended = this.accumulator.append(topic, partition, input);
    // KIP-794 counts bytes per sticky partition; the upper bound is known now, so a burst of sends in
    // one tick spreads like Java's (which counts synchronously) rather than after the fact.
    this.partitioner.onAppend?.(
      topic,
      partition,
      recordBytesUpperBound(input.key ?? null, input.value, input.headers),
      partitions,
    );
    this.sender.wakeup();
    return appended;
  }
}
