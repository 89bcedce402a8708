import type { ProcessingContextBase } from '../processor/processor.ts';
import type { TimestampedKeyValueStore } from '../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../state/value-and-timestamp.ts';
import type { SessionStore } from '../state/session-store.ts';
import type { TimestampedWindowStore } from '../state/window-store.ts';
import type { Windowed } from '../windows/windowed.ts';
import type { SuppressBuffer } from './suppress-buffer.ts';

/**
 * Reads a table's current value for a key from inside another processor (Kafka's
 * KTableValueGetter): what stream-table and table-table joins look up.
 */
export interface KTableValueGetter<K, V> {
  init(context: ProcessingContextBase): void;
  get(key: K): ValueAndTimestamp<V> | null;
}

/**
 * Makes value getters, one per task, and names the stores they read: a processor using a getter
 * must be connected to those stores (Kafka's KTableValueGetterSupplier).
 */
export interface KTableValueGetterSupplier<K, V> {
  get(): KTableValueGetter<K, V>;
  storeNames(): string[];
}

/** How a derived table computes its value from its parent's (filter, mapValues). */
export type ValueTransform = (
  key: unknown,
  value: ValueAndTimestamp<unknown>,
) => ValueAndTimestamp<unknown> | null;

function storeGetter(storeName: string): KTableValueGetterSupplier<unknown, unknown> {
  return {
    storeNames: () => [storeName],
    get: () => {
      let store: TimestampedKeyValueStore<unknown, unknown>;
      return {
        init: (context) => {
          store = context.getStateStore(storeName);
        },
        get: (key) => store.get(key),
      };
    },
  };
}

/**
 * The build-time state of one KTable node (Kafka's KTableProcessorSupplier minus the supplying):
 * whether its processor forwards old values, and the store that holds its values when it is
 * materialized. Downstream operators that subtract (table aggregations, `groupBy`) call
 * `enableSendingOldValues`, which walks upstream and may force the source table to materialize.
 * Processors read these flags when a task instantiates them, i.e. after the topology is built.
 */
export abstract class KTableState {
  sendOldValues = false;

  /** Returns true if this node will forward old values (materializing upstream if forced). */
  abstract enableSendingOldValues(forceMaterialization: boolean): boolean;

  /** The store holding this table's current values, once materialized. */
  abstract storeName(): string | undefined;

  /**
   * Value getters for this table: its own store if materialized, else computed from the parent's
   * getter (a source table materializes itself for this, as in Kafka).
   */
  abstract valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown>;
}

/**
 * A table read from a topic (`builder.table`) or made from a stream (`toTable`). Its store is added
 * only when the user named it or a downstream operator forces it, as Kafka's KTableSource does.
 */
export class SourceTableState extends KTableState {
  private store: string | undefined;
  private readonly materializer: () => string;

  /** `materializer` adds the (already named) store to the topology and returns its name. */
  constructor(materializer: () => string) {
    super();
    this.materializer = materializer;
  }

  materialize(): void {
    if (this.store === undefined) this.store = this.materializer();
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (this.store === undefined) {
      if (!forceMaterialization) return false;
      this.materialize();
    }
    this.sendOldValues = true;
    return true;
  }

  storeName(): string | undefined {
    return this.store;
  }

  valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown> {
    this.materialize();
    return storeGetter(this.store!);
  }
}

/**
 * A table computed from its parent (filter, mapValues). Materialized, it reads old values from its
 * own store; otherwise it computes them from the parent's, which must then send them.
 */
export class DerivedTableState extends KTableState {
  private readonly parent: KTableState;
  private readonly store: string | undefined;
  private readonly transform: ValueTransform;

  constructor(parent: KTableState, store: string | undefined, transform: ValueTransform) {
    super();
    this.parent = parent;
    this.store = store;
    this.transform = transform;
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (this.store !== undefined || this.parent.enableSendingOldValues(forceMaterialization)) {
      this.sendOldValues = true;
    }
    return this.sendOldValues;
  }

  storeName(): string | undefined {
    return this.store;
  }

  valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown> {
    if (this.store !== undefined) return storeGetter(this.store);
    const parent = this.parent.valueGetterSupplier();
    const transform = this.transform;
    return {
      storeNames: () => parent.storeNames(),
      get: () => {
        const inner = parent.get();
        return {
          init: (context) => inner.init(context),
          get: (key) => {
            const value = inner.get(key);
            return value === null ? null : transform(key, value);
          },
        };
      },
    };
  }
}

/** An aggregation's result: always materialized, so old values are always available. */
export class AggregateTableState extends KTableState {
  private readonly store: string;

  constructor(store: string) {
    super();
    this.store = store;
  }

  enableSendingOldValues(): boolean {
    this.sendOldValues = true;
    return true;
  }

  storeName(): string {
    return this.store;
  }

  valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown> {
    return storeGetter(this.store);
  }
}

/** A windowed aggregation's result: looked up by window start in its window store. */
export class WindowedAggregateTableState extends AggregateTableState {
  override valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown> {
    const storeName = this.storeName();
    return {
      storeNames: () => [storeName],
      get: () => {
        let store: TimestampedWindowStore<unknown, unknown>;
        return {
          init: (context) => {
            store = context.getStateStore(storeName);
          },
          get: (key) => {
            const windowed = key as Windowed<unknown>;
            return store.fetch(windowed.key, windowed.window.start);
          },
        };
      },
    };
  }
}

/** A session aggregation's result: looked up by exact session in its session store. */
export class SessionAggregateTableState extends AggregateTableState {
  override valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown> {
    const storeName = this.storeName();
    return {
      storeNames: () => [storeName],
      get: () => {
        let store: SessionStore<unknown, unknown>;
        return {
          init: (context) => {
            store = context.getStateStore(storeName);
          },
          get: (key) => {
            const windowed = key as Windowed<unknown>;
            const value = store.fetchSession(windowed.key, windowed.window.start, windowed.window.end);
            return ValueAndTimestamp.make(value, windowed.window.end);
          },
        };
      },
    };
  }
}

/**
 * A suppressed table (Kafka's KTableSuppressProcessorSupplier view): a buffered key reads as the
 * value downstream last saw, others as the parent's current value.
 */
export class SuppressedTableState extends KTableState {
  private readonly parent: KTableState;
  private readonly bufferName: string;

  constructor(parent: KTableState, bufferName: string) {
    super();
    this.parent = parent;
    this.bufferName = bufferName;
    // The buffer keeps the value downstream last saw, which is the first buffered old value.
    parent.enableSendingOldValues(true);
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    this.parent.enableSendingOldValues(forceMaterialization);
    this.sendOldValues = true;
    return true;
  }

  storeName(): undefined {
    return undefined;
  }

  valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown> {
    const parent = this.parent.valueGetterSupplier();
    const bufferName = this.bufferName;
    return {
      storeNames: () => [...parent.storeNames(), bufferName],
      get: () => {
        const inner = parent.get();
        let buffer: SuppressBuffer<unknown, unknown>;
        return {
          init: (context) => {
            inner.init(context);
            buffer = context.getStateStore(bufferName);
          },
          get: (key) => {
            const prior = buffer.priorValueForBuffered(key);
            if (prior === undefined) return inner.get(key);
            return ValueAndTimestamp.make(prior.value, prior.timestamp);
          },
        };
      },
    };
  }
}

/**
 * A table-table join's result: its own store when materialized, else computed from both parents'
 * current values with the join's truth table.
 */
export class JoinedTableState extends KTableState {
  private readonly left: KTableState;
  private readonly right: KTableState;
  private readonly kind: 'inner' | 'left' | 'outer';
  private readonly joiner: (l: unknown, r: unknown, key: unknown) => unknown;
  private readonly store: string | undefined;

  constructor(
    left: KTableState,
    right: KTableState,
    kind: 'inner' | 'left' | 'outer',
    joiner: (l: unknown, r: unknown, key: unknown) => unknown,
    store: string | undefined,
  ) {
    super();
    this.left = left;
    this.right = right;
    this.kind = kind;
    this.joiner = joiner;
    this.store = store;
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    this.left.enableSendingOldValues(forceMaterialization);
    this.right.enableSendingOldValues(forceMaterialization);
    this.sendOldValues = true;
    return true;
  }

  storeName(): string | undefined {
    return this.store;
  }

  valueGetterSupplier(): KTableValueGetterSupplier<unknown, unknown> {
    if (this.store !== undefined) return storeGetter(this.store);
    const left = this.left.valueGetterSupplier();
    const right = this.right.valueGetterSupplier();
    const { kind, joiner } = this;
    return {
      storeNames: () => [...left.storeNames(), ...right.storeNames()],
      get: () => {
        const l = left.get();
        const r = right.get();
        return {
          init: (context) => {
            l.init(context);
            r.init(context);
          },
          get: (key) => {
            const lv = l.get(key);
            const rv = r.get(key);
            const ok =
              kind === 'inner'
                ? lv !== null && rv !== null
                : kind === 'left'
                  ? lv !== null
                  : lv !== null || rv !== null;
            if (!ok) return null;
            return ValueAndTimestamp.make(
              joiner(lv?.value ?? null, rv?.value ?? null, key),
              Math.max(lv?.timestamp ?? 0, rv?.timestamp ?? 0),
            );
          },
        };
      },
    };
  }
}
