import type { ConfigDef, ConfigValue } from '../config/config-def.ts';
import type {
  OffsetAndMetadata,
  OffsetMap,
  RecordMetadata,
  SinkRecord,
  SourceRecord,
  TopicPartition,
} from './records.ts';

/** Task and connector configuration: string properties, as in Connect's REST API. */
export type Props = Readonly<Record<string, string>>;

/** What the worker offers a connector (ConnectorContext). */
export interface ConnectorContext {
  /** Asks the worker to call taskConfigs again, e.g. because a new table appeared. */
  requestTaskReconfiguration(): void;
  /** Fails the connector from a background thread of its own. */
  raiseError(error: Error): void;
}

/**
 * A connector splits a job into task configs (org.apache.kafka.connect.connector.Connector).
 * It does no data copying itself; its tasks do.
 */
export interface Connector {
  version(): string;
  initialize?(context: ConnectorContext): void;
  start(props: Props): void | Promise<void>;
  /** At most `maxTasks` configs; the worker starts one task per config. */
  taskConfigs(maxTasks: number): Props[];
  stop(): void | Promise<void>;
  /** The connector-specific settings; the worker adds the common ones (connectorConfigDef). */
  config(): ConfigDef;
  /** Per-key validation, as `PUT /connector-plugins/{type}/config/validate` reports it. */
  validate?(props: Props): ConfigValue[];
}

/** Reads the offsets the worker committed for this connector's source partitions (OffsetStorageReader). */
export interface OffsetStorageReader {
  offset(partition: OffsetMap): Promise<OffsetMap | null>;
  /** Keyed by the partition's canonical JSON (see `offsetKey`); absent partitions are missing. */
  offsets(partitions: readonly OffsetMap[]): Promise<Map<string, OffsetMap>>;
}

/** What the worker offers a source task (SourceTaskContext). */
export interface SourceTaskContext {
  readonly configs: Props;
  offsetStorageReader(): OffsetStorageReader;
}

/** Pulls records from the outside world (org.apache.kafka.connect.source.SourceTask). */
export interface SourceTask {
  version(): string;
  initialize(context: SourceTaskContext): void;
  /** Reads the last committed offsets through the context and resumes from them. */
  start(props: Props): void | Promise<void>;
  /** The next records, or null when there are none yet; may wait, but should return within a second. */
  poll(): Promise<SourceRecord[] | null>;
  /** Called after the worker committed offsets; lets the source acknowledge upstream. */
  commit?(): void | Promise<void>;
  /** Called once `record` is acknowledged by the log; `metadata` is null if an SMT dropped it. */
  commitRecord?(record: SourceRecord, metadata: RecordMetadata | null): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** A source connector: its tasks are SourceTasks. */
export interface SourceConnector extends Connector {
  readonly kind: 'source';
  createTask(): SourceTask;
}

/** Reports a record the sink could not handle, to the DLQ and/or log; resolves when reported. */
export type ErrantRecordReporter = (record: SinkRecord, error: Error) => Promise<void>;

/** What the worker offers a sink task (SinkTaskContext). */
export interface SinkTaskContext {
  readonly configs: Props;
  /** Rewinds the consumer: the next put starts at these offsets. */
  offset(offsets: ReadonlyMap<TopicPartition, number>): void;
  offset(partition: TopicPartition, offset: number): void;
  timeout(timeoutMs: number): void;
  assignment(): readonly TopicPartition[];
  pause(...partitions: TopicPartition[]): void;
  resume(...partitions: TopicPartition[]): void;
  /** Asks the worker to commit offsets soon (after preCommit). */
  requestCommit(): void;
  /** Null when the connector has no error handling configured (as in Kafka before 2.6). */
  errantRecordReporter(): ErrantRecordReporter | null;
}

/** Offsets keyed by topicPartitionKey, with the partition kept alongside for iteration. */
export type PartitionOffsets = ReadonlyMap<string, { tp: TopicPartition; offset: OffsetAndMetadata }>;

/** Pushes records to the outside world (org.apache.kafka.connect.sink.SinkTask). */
export interface SinkTask {
  version(): string;
  initialize(context: SinkTaskContext): void;
  start(props: Props): void | Promise<void>;
  /** May buffer; must not block long. Throws RetriableException to have the batch redelivered. */
  put(records: readonly SinkRecord[]): Promise<void>;
  /** Makes everything put so far durable. */
  flush?(currentOffsets: PartitionOffsets): Promise<void>;
  /**
   * Returns the offsets safe to commit for the sink's consumer group (default: flush, then all of
   * `currentOffsets`). The worker commits nothing beyond what this returns.
   */
  preCommit?(currentOffsets: PartitionOffsets): Promise<PartitionOffsets>;
  open?(partitions: readonly TopicPartition[]): void | Promise<void>;
  close?(partitions: readonly TopicPartition[]): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** A sink connector: its tasks are SinkTasks. */
export interface SinkConnector extends Connector {
  readonly kind: 'sink';
  createTask(): SinkTask;
}

/**
 * Kafka's default SinkTask.preCommit: flush, then commit everything passed in. The worker calls
 * this when a task does not define preCommit.
 */
export async function defaultPreCommit(
  task: SinkTask,
  currentOffsets: PartitionOffsets,
): Promise<PartitionOffsets> {
  if (task.preCommit !== undefined) return task.preCommit(currentOffsets);
  if (task.flush !== undefined) await task.flush(currentOffsets);
  return currentOffsets;
}
