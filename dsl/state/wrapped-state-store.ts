import type { StateStore, StateStoreContext } from './state-store.ts';

/**
 * A store layered over another one (Kafka's WrappedStateStore): its name, persistence and
 * lifecycle are the inner store's. Subclasses add what their layer does (serdes, logging, a
 * plain-value view) and override `init` when they need the context.
 */
export abstract class WrappedStateStore<S extends StateStore> {
  readonly inner: S;

  constructor(inner: S) {
    this.inner = inner;
  }

  get name(): string {
    return this.inner.name;
  }
  get persistent(): boolean {
    return this.inner.persistent;
  }
  init(context: StateStoreContext): void {
    this.inner.init(context);
  }
  flush(): void {
    this.inner.flush();
  }
  close(): void {
    this.inner.close();
  }
  isOpen(): boolean {
    return this.inner.isOpen();
  }
}
