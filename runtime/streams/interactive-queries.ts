/**
 * Interactive queries (Kafka's IQv1): read-only views over a store's local instances (one per active
 * task on this instance, or the global store), and the metadata saying which instance hosts a key.
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type {
  KeyValueIterator,
  ReadOnlyKeyValueStore,
  ReadOnlySessionStore,
  ReadOnlyWindowStore,
  StateStore,
  ValueAndTimestamp,
} from '../../dsl/index.ts';
import { LookAheadIterator } from '../../dsl/state/key-value-iterator.ts';
import { TimestampedTypedKeyValueStore, TypedKeyValueStore } from '../../dsl/state/typed-key-value-store.ts';
import { TimestampedTypedWindowStore, TypedWindowStore } from '../../dsl/state/typed-window-store.ts';
import { TypedSessionStore } from '../../dsl/state/typed-session-store.ts';
import { PlainValueKeyValueStore } from '../../dsl/testing/plain-value-key-value-store.ts';
import { PlainValueWindowStore } from '../../dsl/testing/plain-value-window-store.ts';
import type { TimestampedKeyValueStore, TimestampedWindowStore } from '../../dsl/index.ts';

/** Kafka's InvalidStateStoreException: the store cannot be queried now (retry later, or elsewhere). */
export class InvalidStateStoreException extends KafkaError {
  constructor(message: string, code: number = ErrorCode.REBALANCE_IN_PROGRESS) {
    super(code, message);
    this.name = 'InvalidStateStoreException';
  }
}
/** The app has not been started yet. */
export class StreamsNotStartedException extends InvalidStateStoreException {
  constructor(message: string) {
    super(message);
    this.name = 'StreamsNotStartedException';
  }
}
/** The app is rebalancing: the store may be moving; retry once it runs. */
export class StreamsRebalancingException extends InvalidStateStoreException {
  constructor(message: string) {
    super(message);
    this.name = 'StreamsRebalancingException';
  }
}
/** The app is shutting down or dead (NOT_RUNNING, PENDING_ERROR, ERROR). */
export class StateStoreNotAvailableException extends InvalidStateStoreException {
  constructor(message: string) {
    super(message);
    this.name = 'StateStoreNotAvailableException';
  }
}
/** The topology has no store of that name (or not of that type). */
export class UnknownStateStoreException extends InvalidStateStoreException {
  constructor(message: string) {
    super(message, ErrorCode.INVALID_REQUEST);
    this.name = 'UnknownStateStoreException';
  }
}

/** Kafka's QueryableStoreType: which stores qualify, and the read-only view over all of them. */
export interface QueryableStoreType<T> {
  readonly name: string;
  accepts(store: StateStore): boolean;
  /** A view over the stores `provider()` returns at each call (it throws while they are unavailable). */
  create(provider: () => readonly StateStore[], storeName: string): T;
}

/** Chains the stores' iterators, each opened only when the previous one is exhausted. */
function chain<K, V>(open: readonly (() => KeyValueIterator<K, V>)[]): KeyValueIterator<K, V> {
  const opened: KeyValueIterator<K, V>[] = [];
  function* entries(): Generator<{ key: K; value: V }> {
    for (const o of open) {
      const it = o();
      opened.push(it);
      try {
        while (it.hasNext()) yield it.next().value as { key: K; value: V };
      } finally {
        it.close();
      }
    }
  }
  return new LookAheadIterator<K, V>(entries(), () => {
    for (const it of opened) it.close();
  });
}

type AnyCall = (...args: unknown[]) => unknown;

function call<R>(store: unknown, method: string, args: readonly unknown[]): R {
  const fn = (store as Record<string, AnyCall>)[method]!;
  return fn.apply(store, [...args]) as R;
}

/** A key-value view over several tasks' stores (Kafka's CompositeReadOnlyKeyValueStore). */
class CompositeKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
  private readonly stores: () => readonly ReadOnlyKeyValueStore<K, V>[];
  constructor(stores: () => readonly ReadOnlyKeyValueStore<K, V>[]) {
    this.stores = stores;
  }
  get(key: K): V | null {
    for (const s of this.stores()) {
      const v = s.get(key);
      if (v !== null) return v;
    }
    return null;
  }
  range(from: K | undefined, to: K | undefined): KeyValueIterator<K, V> {
    return chain(this.stores().map((s) => () => s.range(from, to)));
  }
  reverseRange(from: K | undefined, to: K | undefined): KeyValueIterator<K, V> {
    return chain(this.stores().map((s) => () => s.reverseRange(from, to)));
  }
  all(): KeyValueIterator<K, V> {
    return chain(this.stores().map((s) => () => s.all()));
  }
  reverseAll(): KeyValueIterator<K, V> {
    return chain(this.stores().map((s) => () => s.reverseAll()));
  }
  prefixScan<P>(
    prefix: P,
    prefixKeySerializer: (topic: string, prefix: P) => Buffer | null,
  ): KeyValueIterator<K, V> {
    return chain(this.stores().map((s) => () => s.prefixScan(prefix, prefixKeySerializer)));
  }
  approximateNumEntries(): number {
    let total = 0;
    for (const s of this.stores()) total += s.approximateNumEntries();
    return Math.min(total, Number.MAX_SAFE_INTEGER);
  }
}

/** Single results come from the first store that has one; iterators are chained across stores. */
function compositeOf<T extends object>(
  stores: () => readonly T[],
  singleResult: (method: string, args: readonly unknown[]) => boolean,
): T {
  return new Proxy({} as T, {
    get(_target, method) {
      if (typeof method !== 'string') return undefined;
      return (...args: unknown[]): unknown => {
        const list = stores();
        if (singleResult(method, args)) {
          for (const s of list) {
            const v = call<unknown>(s, method, args);
            if (v !== null && v !== undefined) return v;
          }
          return null;
        }
        return chain(list.map((s) => () => call<KeyValueIterator<unknown, unknown>>(s, method, args)));
      };
    },
  });
}

const isKeyValue = (s: StateStore): boolean => s instanceof TypedKeyValueStore;
const isWindow = (s: StateStore): boolean => s instanceof TypedWindowStore;

/** Kafka's QueryableStoreTypes. */
export const QueryableStoreTypes = {
  /** Any key-value store; timestamped ones (every DSL KTable) show plain values, as in Kafka. */
  keyValueStore<K, V>(): QueryableStoreType<ReadOnlyKeyValueStore<K, V>> {
    return {
      name: 'keyValueStore',
      accepts: isKeyValue,
      create: (provider) =>
        new CompositeKeyValueStore<K, V>(() =>
          provider().map((s) =>
            s instanceof TimestampedTypedKeyValueStore
              ? new PlainValueKeyValueStore<K, V>(s as TimestampedKeyValueStore<K, V>)
              : (s as unknown as ReadOnlyKeyValueStore<K, V>),
          ),
        ),
    };
  },
  /** A timestamped key-value store, values with their timestamps. */
  timestampedKeyValueStore<K, V>(): QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> {
    return {
      name: 'timestampedKeyValueStore',
      accepts: (s) => s instanceof TimestampedTypedKeyValueStore,
      create: (provider) =>
        new CompositeKeyValueStore<K, ValueAndTimestamp<V>>(
          () => provider() as unknown as readonly ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>[],
        ),
    };
  },
  /** Any window store; timestamped ones show plain values. */
  windowStore<K, V>(): QueryableStoreType<ReadOnlyWindowStore<K, V>> {
    return {
      name: 'windowStore',
      accepts: isWindow,
      create: (provider) =>
        compositeOf<ReadOnlyWindowStore<K, V>>(
          () =>
            provider().map((s) =>
              s instanceof TimestampedTypedWindowStore
                ? new PlainValueWindowStore<K, V>(s as TimestampedWindowStore<K, V>)
                : (s as unknown as ReadOnlyWindowStore<K, V>),
            ),
          // fetch(key, windowStart) is the one single-value read.
          (method, args) => method === 'fetch' && args.length === 2,
        ),
    };
  },
  sessionStore<K, V>(): QueryableStoreType<ReadOnlySessionStore<K, V>> {
    return {
      name: 'sessionStore',
      accepts: (s) => s instanceof TypedSessionStore,
      create: (provider) =>
        compositeOf<ReadOnlySessionStore<K, V>>(
          () => provider() as unknown as readonly ReadOnlySessionStore<K, V>[],
          (method) => method === 'fetchSession',
        ),
    };
  },
} as const;

/** Kafka's HostInfo: an instance's `application.server`. */
export interface HostInfo {
  readonly host: string;
  readonly port: number;
}

export function hostInfoOf(hostPort: string): HostInfo {
  const i = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, i), port: Number(hostPort.slice(i + 1)) };
}

/** Kafka's KeyQueryMetadata: the instance with the active copy of the key's task, its standbys, the partition. */
export interface KeyQueryMetadata {
  readonly activeHost: HostInfo;
  readonly standbyHosts: readonly HostInfo[];
  readonly partition: number;
}

/** Kafka's StreamsMetadata for one instance of the application. */
export interface StreamsMetadata {
  readonly hostInfo: HostInfo;
  readonly stateStoreNames: readonly string[];
  readonly topicPartitions: readonly { topic: string; partition: number }[];
  readonly standbyStateStoreNames: readonly string[];
  readonly standbyTopicPartitions: readonly { topic: string; partition: number }[];
}
