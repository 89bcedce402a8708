/**
 * Choosing a partition for a produced record, exactly as the Java client does, so a key lands on the
 * same partition whichever client wrote it: murmur2 of the key bytes for keyed records, sticky
 * partitioning (KIP-480 / KIP-794) for records without a key, and a port for custom partitioners in
 * both the Java shape (an object with `partition`) and the KafkaJS shape (`({ topic, partitionMetadata,
 * message }) => number`).
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Random } from '../../core/io/index.ts';
import { batchSizeBytesDefault } from './producer-defaults.ts';

const murmurSeed = 0x9747b28c;
const murmurM = 0x5bd1e995;
const murmurR = 24;

/**
 * The 32-bit MurmurHash2 variant of Kafka's `Utils.murmur2`: seed 0x9747b28c, little-endian 4-byte
 * words, 1-3 tail bytes, final mix with shifts 13 and 15. Returns a signed int32 like Java's int.
 * Math.imul keeps every multiplication in 32-bit two's complement, which is what Java's int overflow does.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (murmurSeed ^ length) | 0;
  const length4 = length & ~3;
  for (let i = 0; i < length4; i += 4) {
    h = murmurWord(h, data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
  }
  const tail = length & 3;
  return murmurFinish(
    h,
    tail,
    tail >= 1 ? data[length4]! : 0,
    tail >= 2 ? data[length4 + 1]! : 0,
    tail === 3 ? data[length4 + 2]! : 0,
  );
}

/** One little-endian 4-byte word `k` mixed into `h`. */
function murmurWord(h: number, k: number): number {
  k = Math.imul(k, murmurM);
  k ^= k >>> murmurR;
  k = Math.imul(k, murmurM);
  return Math.imul(h, murmurM) ^ k;
}

/** The 1-3 tail bytes (`tail` of them: b0, b1, b2) and the final mix. */
function murmurFinish(h: number, tail: number, b0: number, b1: number, b2: number): number {
  // Java's switch falls through from case 3 to case 1: the tail bytes are mixed highest first.
  if (tail === 3) h ^= b2 << 16;
  if (tail >= 2) h ^= b1 << 8;
  if (tail >= 1) {
    h ^= b0;
    h = Math.imul(h, murmurM);
  }
  h ^= h >>> 13;
  h = Math.imul(h, murmurM);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * murmur2 of a string's UTF-8 bytes. An all-ASCII string (every code unit below 0x80) is its own
 * UTF-8, so it is hashed from its char codes without encoding it into a Buffer first; any other
 * string is encoded (Buffer.from's UTF-8, lone surrogates as U+FFFD as everywhere else) and hashed.
 */
export function murmur2String(s: string): number {
  const length = s.length;
  for (let i = 0; i < length; i++) if (s.charCodeAt(i) > 0x7f) return murmur2(Buffer.from(s, 'utf8'));
  let h = (murmurSeed ^ length) | 0;
  const length4 = length & ~3;
  for (let i = 0; i < length4; i += 4) {
    h = murmurWord(
      h,
      s.charCodeAt(i) |
        (s.charCodeAt(i + 1) << 8) |
        (s.charCodeAt(i + 2) << 16) |
        (s.charCodeAt(i + 3) << 24),
    );
  }
  const tail = length & 3;
  return murmurFinish(
    h,
    tail,
    tail >= 1 ? s.charCodeAt(length4) : 0,
    tail >= 2 ? s.charCodeAt(length4 + 1) : 0,
    tail === 3 ? s.charCodeAt(length4 + 2) : 0,
  );
}

/** Kafka's `Utils.toPositive`: a bit-AND, not Math.abs (which would map -2^31 to itself). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition of a keyed record: over *all* partitions of the topic, not only the available ones. */
export function partitionForKey(key: Uint8Array | string, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions <= 0)
    throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `numPartitions ${numPartitions}`);
  return toPositive(typeof key === 'string' ? murmur2String(key) : murmur2(key)) % numPartitions;
}

/** One partition of a topic as the producer's metadata knows it (KafkaJS's `partitionMetadata` entries). */
export interface PartitionMetadata {
  partitionId: number;
  /** Node id of the leader; -1 (or absent) when the partition has no leader right now. */
  leader?: number;
  replicas?: readonly number[];
  isr?: readonly number[];
}

/** The record a partitioner sees. `partition` set explicitly by the caller always wins. */
export interface PartitionerMessage {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  partition?: number;
}

/** What a partitioner is asked: KafkaJS's argument object. */
export interface PartitionerArgs {
  topic: string;
  partitionMetadata: readonly PartitionMetadata[];
  message: PartitionerMessage;
}

/** A KafkaJS-style custom partitioner. */
export type PartitionerFunction = (args: PartitionerArgs) => number;

/**
 * A Java-style partitioner. `partition` returns the partition for the record; the optional hooks let a
 * stateful partitioner (sticky) follow what the accumulator does with the records it placed.
 */
export interface Partitioner {
  partition(args: PartitionerArgs): number;
  /** KIP-480: the accumulator had to open a new batch for `prevPartition` (the previous one was full or sent). */
  onNewBatch?(topic: string, partitionMetadata: readonly PartitionMetadata[], prevPartition: number): void;
  /** KIP-794: `bytes` were appended to `partition` (called after each append). */
  onAppend?(
    topic: string,
    partition: number,
    bytes: number,
    partitionMetadata: readonly PartitionMetadata[],
  ): void;
  close?(): void;
}

/** Wraps a KafkaJS-style function as a Partitioner. */
export function partitionerFromFunction(fn: PartitionerFunction): Partitioner {
  return { partition: (args) => fn(args) };
}

function isAvailable(p: PartitionMetadata): boolean {
  return p.leader === undefined || p.leader >= 0;
}

/** Checks a partitioner's answer, so a buggy custom partitioner fails at its cause. */
export function checkPartition(topic: string, partition: number, numPartitions: number): number {
  if (!Number.isInteger(partition) || partition < 0 || partition >= numPartitions)
    throw new KafkaError(
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      `partition ${partition} of ${topic} (it has ${numPartitions})`,
    );
  return partition;
}

/**
 * Sticky choice for records without a key (Java 3.3+'s BuiltInPartitioner, KIP-794, without the
 * queue-length weighting): every null-key record of a topic goes to one partition until about
 * `batch.size` bytes went there (or, KIP-480, until the accumulator opens a new batch for it); then a
 * random other available partition is picked. Sticking fills batches, so fewer, larger requests are
 * sent, which is the whole point: spreading each record round robin makes tiny batches.
 */
export class StickyPartitionCache {
  private readonly random: Random;
  private readonly stickyBatchSizeBytes: number;
  private readonly current = new Map<string, { partition: number; producedBytes: number }>();
  /** The entry of the topic asked last (a run of sends to one topic looks it up once). */
  private lastTopic: string | undefined;
  private lastEntry: { partition: number; producedBytes: number } | undefined;

  constructor(random: Random, batchSizeBytes: number) {
    this.random = random;
    this.stickyBatchSizeBytes = batchSizeBytes;
  }

  /** The partition for the next null-key record of `topic`. */
  partition(topic: string, partitionMetadata: readonly PartitionMetadata[]): number {
    const sticky = this.entry(topic);
    if (sticky !== undefined && sticky.partition < partitionMetadata.length) return sticky.partition;
    return this.next(topic, partitionMetadata, -1);
  }

  /** KIP-794: counts bytes appended to the sticky partition and switches once batch.size is reached. */
  onAppend(
    topic: string,
    partition: number,
    bytes: number,
    partitionMetadata: readonly PartitionMetadata[],
  ): void {
    const sticky = this.entry(topic);
    if (sticky === undefined || sticky.partition !== partition) return;
    sticky.producedBytes += bytes;
    if (sticky.producedBytes >= this.stickyBatchSizeBytes) this.next(topic, partitionMetadata, partition);
  }

  /** KIP-480: a new batch was opened for `prevPartition`; move on if that is the sticky one. */
  onNewBatch(topic: string, partitionMetadata: readonly PartitionMetadata[], prevPartition: number): void {
    const sticky = this.entry(topic);
    if (sticky === undefined || sticky.partition === prevPartition)
      this.next(topic, partitionMetadata, prevPartition);
  }

  /** Picks a random available partition other than `prev` when there is a choice. */
  private next(topic: string, partitionMetadata: readonly PartitionMetadata[], prev: number): number {
    const numPartitions = partitionMetadata.length;
    if (numPartitions === 0)
      throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${topic} has no partitions`);
    const available: number[] = [];
    for (const p of partitionMetadata)
      if (isAvailable(p) && p.partitionId !== prev) available.push(p.partitionId);
    let partition: number;
    if (available.length > 0) partition = available[this.random.int(available.length)]!;
    else if (prev >= 0 && prev < numPartitions) partition = prev;
    else partition = this.random.int(numPartitions); // none available: any partition, as Java does
    const entry = { partition, producedBytes: 0 };
    this.current.set(topic, entry);
    this.lastTopic = topic;
    this.lastEntry = entry;
    return partition;
  }

  private entry(topic: string): { partition: number; producedBytes: number } | undefined {
    if (topic === this.lastTopic) return this.lastEntry;
    const entry = this.current.get(topic);
    this.lastTopic = topic;
    this.lastEntry = entry;
    return entry;
  }
}

/**
 * Kafka's default partitioner: an explicit partition wins; a keyed record goes to
 * `toPositive(murmur2(key)) % numPartitions`; a null-key record goes to the sticky partition.
 */
export class DefaultPartitioner implements Partitioner {
  private readonly sticky: StickyPartitionCache;

  constructor(random: Random, batchSizeBytes = batchSizeBytesDefault) {
    this.sticky = new StickyPartitionCache(random, batchSizeBytes);
  }

  /** The partition of a record with no explicit partition (the send path calls this without args objects). */
  partitionOf(
    topic: string,
    partitionMetadata: readonly PartitionMetadata[],
    key: Buffer | string | null | undefined,
  ): number {
    if (key !== undefined && key !== null) return partitionForKey(key, partitionMetadata.length);
    return this.sticky.partition(topic, partitionMetadata);
  }

  partition(args: PartitionerArgs): number {
    const { topic, partitionMetadata, message } = args;
    const numPartitions = partitionMetadata.length;
    if (message.partition !== undefined && message.partition !== null)
      return checkPartition(topic, message.partition, numPartitions);
    if (message.key !== undefined && message.key !== null) return partitionForKey(message.key, numPartitions);
    return this.sticky.partition(topic, partitionMetadata);
  }

  onAppend(
    topic: string,
    partition: number,
    bytes: number,
    partitionMetadata: readonly PartitionMetadata[],
  ): void {
    this.sticky.onAppend(topic, partition, bytes, partitionMetadata);
  }

  onNewBatch(topic: string, partitionMetadata: readonly PartitionMetadata[], prevPartition: number): void {
    this.sticky.onNewBatch(topic, partitionMetadata, prevPartition);
  }
}

/**
 * Runs any partitioner with Kafka's rule that an explicit partition wins, and validates its answer.
 * Custom partitioners never see records whose partition was chosen by the caller.
 */
export function choosePartition(partitioner: Partitioner, args: PartitionerArgs): number {
  const numPartitions = args.partitionMetadata.length;
  if (args.message.partition !== undefined && args.message.partition !== null)
    return checkPartition(args.topic, args.message.partition, numPartitions);
  return checkPartition(args.topic, partitioner.partition(args), numPartitions);
}
