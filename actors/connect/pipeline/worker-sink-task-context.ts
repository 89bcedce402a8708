import { ConnectException } from '../api/connect-errors.ts';
import type { ErrantRecordReporter, Props, SinkTaskContext } from '../api/connector.ts';
import { topicPartitionKey, type TopicPartition } from '../api/records.ts';

/**
 * The SinkTaskContext a worker hands a sink task (WorkerSinkTaskContext): it records what the task
 * asks for (rewinds, pauses, a commit, a poll timeout) and the worker's consumer loop takes those
 * requests between polls. Pausing a partition the task does not own is an error, as in Kafka.
 */
export class WorkerSinkTaskContext implements SinkTaskContext {
  readonly configs: Props;
  private readonly assigned: () => readonly TopicPartition[];
  private readonly reporter: ErrantRecordReporter | null;
  private readonly rewinds = new Map<string, { tp: TopicPartition; offset: number }>();
  private readonly paused = new Map<string, TopicPartition>();
  private commitRequested = false;
  private timeoutMs = -1;

  constructor(
    configs: Props,
    assignment: () => readonly TopicPartition[],
    reporter: ErrantRecordReporter | null,
  ) {
    this.configs = configs;
    this.assigned = assignment;
    this.reporter = reporter;
  }

  offset(offsets: ReadonlyMap<TopicPartition, number>): void;
  offset(partition: TopicPartition, offset: number): void;
  offset(arg: ReadonlyMap<TopicPartition, number> | TopicPartition, offset?: number): void {
    if (arg instanceof Map) {
      for (const [tp, o] of arg) this.rewinds.set(topicPartitionKey(tp), { tp, offset: o });
      return;
    }
    const tp = arg as TopicPartition;
    this.rewinds.set(topicPartitionKey(tp), { tp, offset: offset! });
  }

  timeout(timeoutMs: number): void {
    this.timeoutMs = timeoutMs;
  }

  assignment(): readonly TopicPartition[] {
    return this.assigned();
  }

  pause(...partitions: TopicPartition[]): void {
    for (const tp of partitions) {
      this.requireAssigned(tp, 'pause');
      this.paused.set(topicPartitionKey(tp), tp);
    }
  }

  resume(...partitions: TopicPartition[]): void {
    for (const tp of partitions) {
      this.requireAssigned(tp, 'resume');
      this.paused.delete(topicPartitionKey(tp));
    }
  }

  requestCommit(): void {
    this.commitRequested = true;
  }

  errantRecordReporter(): ErrantRecordReporter | null {
    return this.reporter;
  }

  /** Partitions the task has paused (the worker keeps them paused across rebalances it survives). */
  pausedPartitions(): readonly TopicPartition[] {
    return [...this.paused.values()];
  }

  /** The rewinds requested since the last call, cleared as they are taken. */
  takeOffsetRequests(): { tp: TopicPartition; offset: number }[] {
    const out = [...this.rewinds.values()];
    this.rewinds.clear();
    return out;
  }

  /** Whether the task asked for a commit since the last call; clears the request. */
  takeCommitRequest(): boolean {
    const requested = this.commitRequested;
    this.commitRequested = false;
    return requested;
  }

  /** The poll timeout the task asked for (-1 if none), cleared as it is taken. */
  takeTimeoutMs(): number {
    const t = this.timeoutMs;
    this.timeoutMs = -1;
    return t;
  }

  private requireAssigned(tp: TopicPartition, verb: string): void {
    const key = topicPartitionKey(tp);
    if (!this.assigned().some((a) => topicPartitionKey(a) === key)) {
      throw new ConnectException(
        `SinkTasks may not ${verb} partitions that are not currently assigned to them.`,
      );
    }
  }
}
