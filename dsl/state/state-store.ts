import type { Headers, Serde } from '../../core/serdes/index.ts';
import type { RecordMetadata } from '../processor/processor.ts';
import type { CacheEntry, NamedCache } from './record-cache.ts';

/** One record of a changelog topic as a runtime fetched it (TaskInputRecord fits). */
export interface ChangelogRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: number;
}

/**
 * What a store learns when its task initializes it (Kafka's StateStoreContext): where it lives, its
 * changelog, and how to write to it. The task's record collector sends `logChange` records to the
 * changelog topic on the task's own partition, through the same sink as `to()`.
 */
export interface StateStoreContext {
  readonly applicationId: string;
  readonly taskId: string;
  /** The task's input partition, which is also the store's changelog partition. */
  readonly partition?: number;
  /** `<application.id>-<store>-changelog` when logging is enabled, else null. */
  readonly changelogTopic: string | null;
  /** `<state.dir>/<application.id>/<taskId>`, for persistent stores; undefined when none is set. */
  readonly stateDir?: string | undefined;
  /** `default.key.serde` / `default.value.serde`, for stores built without serdes. */
  readonly defaultKeySerde?: Serde<unknown> | undefined;
  readonly defaultValueSerde?: Serde<unknown> | undefined;
  /** Writes one change to the changelog topic (only called when `changelogTopic` is set). */
  logChange?(storeName: string, key: Buffer, value: Buffer | null, timestamp: number): void;
  /** The timestamp of the record being processed (or of the punctuation); 0 outside processing. */
  recordTimestamp?(): number;
  /** The headers of the record being processed (empty outside processing). */
  recordHeaders?(): Headers;
  /** Where the record being processed came from; null in a punctuation or outside processing. */
  recordMetadata?(): RecordMetadata | null;
  /**
   * The instance's record cache (`statestore.cache.max.bytes`), when the runtime has one: caching
   * stores take a named cache here. Absent (TopologyTestDriver) or of size 0, caching stores pass
   * every update straight through.
   */
  readonly recordCache?: StoreCacheProvider | undefined;
  /**
   * Runs `fn` with the task's record context set to a cached entry's (timestamp, headers, metadata),
   * as Kafka does when a cache flush writes and forwards an entry.
   */
  withRecordContext?<T>(timestamp: number, headers: Headers, metadata: RecordMetadata | null, fn: () => T): T;
}

/** Hands out named caches of a record cache with a byte budget (see RecordCache). */
export interface StoreCacheProvider {
  readonly maxBytes: number;
  namedCache(name: string, onFlush: (entries: readonly CacheEntry[]) => void): NamedCache;
}

/** A task-local store (Kafka's StateStore). One instance per task, created by a StoreBuilder. */
export interface StateStore {
  readonly name: string;
  readonly persistent: boolean;
  init(context: StateStoreContext): void;
  flush(): void;
  close(): void;
  isOpen(): boolean;
  /**
   * Applies changelog records (bytes as logged, oldest first) without logging them again: how a
   * runtime rebuilds a store from `<application.id>-<store>-changelog`. Present on logged stores.
   */
  restore?(records: Iterable<ChangelogRecord>): void;
}

/** Builds a fresh store per task and carries its changelog settings (Kafka's StoreBuilder). */
export interface StoreBuilder<S extends StateStore> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  /** True if the store keeps files under `state.dir` (runtimes then provide one). */
  readonly persistent?: boolean;
  /**
   * The changelog topic's base configs, before `logConfig` (default `cleanup.policy=compact`);
   * window and session stores use `compact,delete` with a retention (Kafka's
   * WindowedChangelogTopicConfig).
   */
  readonly changelogConfig?: Readonly<Record<string, string>>;
  withLoggingEnabled(config?: Readonly<Record<string, string>>): StoreBuilder<S>;
  withLoggingDisabled(): StoreBuilder<S>;
  /**
   * True if the store keeps recent writes in the record cache (key-value stores; Kafka's
   * `withCachingEnabled`, off unless asked for; the DSL asks unless Materialized disables it).
   */
  readonly cachingEnabled?: boolean;
  withCachingEnabled?(): StoreBuilder<S>;
  withCachingDisabled?(): StoreBuilder<S>;
  build(): S;
}
