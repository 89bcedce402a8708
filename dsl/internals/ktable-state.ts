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
}

/**
 * A table computed from its parent (filter, mapValues). Materialized, it reads old values from its
 * own store; otherwise it computes them from the parent's, which must then send them.
 */
export class DerivedTableState extends KTableState {
  private readonly parent: KTableState;
  private readonly store: string | undefined;

  constructor(parent: KTableState, store: string | undefined) {
    super();
    this.parent = parent;
    this.store = store;
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
}
