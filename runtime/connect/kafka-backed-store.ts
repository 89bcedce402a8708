import type { KafkaBasedLog, LogRecord } from './kafka-based-log.ts';

/**
 * What the worker's config, offset and status stores share: a compacted topic behind a KafkaBasedLog, read
 * whole on start (or on load, without creating it) into the subclass's view through `apply`, and a
 * count of records the view could not use.
 */
export abstract class KafkaBackedStore {
  protected readonly log: KafkaBasedLog;
  /** Records of the topic that this store does not understand (skipped, counted). */
  skippedRecords = 0;

  constructor(log: KafkaBasedLog) {
    this.log = log;
  }

  /** Creates the topic if needed and loads everything it holds. */
  async start(): Promise<void> {
    await this.log.ensureTopic();
    await this.log.readToEnd((r) => this.apply(r));
  }

  /** Reads what the topic holds without creating it (tools inspecting a worker's state); false if absent. */
  async load(): Promise<boolean> {
    if (!(await this.log.exists())) return false;
    await this.log.readToEnd((r) => this.apply(r));
    return true;
  }

  /** Takes one record of the topic into the store's view (or counts it in `skippedRecords`). */
  protected abstract apply(record: LogRecord): void;
}
