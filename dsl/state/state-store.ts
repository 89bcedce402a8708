/** What a store learns when its task initializes it. Changelog registration will hang off this. */
export interface StateStoreContext {
  readonly applicationId: string;
  readonly taskId: string;
  /** `<application.id>-<store>-changelog` when logging is enabled, else null. */
  readonly changelogTopic: string | null;
}

/** A task-local store (Kafka's StateStore). One instance per task, created by a StoreBuilder. */
export interface StateStore {
  readonly name: string;
  readonly persistent: boolean;
  init(context: StateStoreContext): void;
  flush(): void;
  close(): void;
  isOpen(): boolean;
}

/** Builds a fresh store per task and carries its changelog settings (Kafka's StoreBuilder). */
export interface StoreBuilder<S extends StateStore> {
  readonly name: string;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  withLoggingEnabled(config?: Readonly<Record<string, string>>): StoreBuilder<S>;
  withLoggingDisabled(): StoreBuilder<S>;
  build(): S;
}
