import type { ProcessingContextBase } from '../processor/processor.ts';
import type { TimestampedKeyValueStore } from '../state/typed-key-value-store.ts';
import type { ValueAndTimestamp } from '../state/value-and-timestamp.ts';

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
