import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { TaskOutputRecord } from '../../dsl/index.ts';
import type { Producer, RecordMetadata } from '../client/index.ts';

/**
 * Where a thread's tasks write (Kafka's RecordCollector): every sink and changelog record goes to the
 * thread's producer in processing order. A sink's StreamPartitioner needs the topic's partition count;
 * when the producer's metadata does not know the topic yet, that send and every later one wait in
 * order for it. A failed send is kept and thrown by the next `flush()`, so the thread never commits
 * offsets past output that was lost (Kafka's default production exception handler: fail).
 */
export class RecordCollector {
  private readonly producer: Producer<Buffer, Buffer>;
  private chain: Promise<void> | null = null;
  private firstError: KafkaError | undefined;
  /** Records handed to the producer. */
  sent = 0;
  /** Sends that failed. */
  sendErrors = 0;
  /** Offset of the last acknowledged record per `topic\u0000partition` (Kafka's RecordCollector.offsets()). */
  private readonly acked = new Map<string, number>();

  /** Whether acknowledged offsets are kept (checkpoints need them; off, a send costs one callback less). */
  private readonly trackOffsets: boolean;
  /** Records handed to the producer and not yet acknowledged or failed. */
  private unsettled = 0;
  /** Resolved (and cleared) once `unsettled` falls to `drainBelow`. */
  private drained: (() => void) | null = null;
  private drainBelow = 0;
  private readonly onFailed = (e: unknown): void => {
    this.settled();
    this.failed(e);
  };
  private readonly onAcked = (md: RecordMetadata): void => {
    this.settled();
    if (!this.trackOffsets) return;
    const key = `${md.topic}\u0000${md.partition}`;
    if (md.offset >= 0 && md.offset > (this.acked.get(key) ?? -1)) this.acked.set(key, md.offset);
  };
  /** The producer's per-record callback (Java's RecordCollector callback): no promise per record. */
  private readonly onDelivery = (error: Error | null, md: RecordMetadata | null): void => {
    if (error !== null) this.onFailed(error);
    else this.onAcked(md!);
  };

  constructor(producer: Producer<Buffer, Buffer>, options: { trackOffsets?: boolean } = {}) {
    this.producer = producer;
    this.trackOffsets = options.trackOffsets === true;
  }

  /** Hands one record to the producer (or queues it behind a partition-count look-up). */
  send(record: TaskOutputRecord): void {
    if (this.chain === null) {
      const count = this.partitionCountIfNeeded(record);
      if (count !== null) {
        this.sendNow(record, count);
        return;
      }
    }
    const previous = this.chain ?? Promise.resolve();
    const next = previous.then(async () => {
      const count =
        record.partitioner === undefined
          ? undefined
          : (await this.producer.partitionsFor(record.topic)).length;
      this.sendNow(record, count);
    });
    const guarded = next.catch((e: unknown) => this.failed(e));
    this.chain = guarded;
    void guarded.then(() => {
      if (this.chain === guarded) this.chain = null;
    });
  }

  /** Records sent (or queued to be sent) and not yet acknowledged or failed. */
  get pending(): number {
    return this.unsettled + (this.chain === null ? 0 : 1);
  }

  /**
   * Backpressure: resolves once at most `limit` sent records are unacknowledged (at once when that is
   * already so). Records are not reordered or dropped; the caller just stops feeding tasks meanwhile.
   */
  async waitForPendingAtMost(limit: number): Promise<void> {
    if (this.chain !== null) await this.chain;
    if (this.unsettled <= limit) return;
    this.drainBelow = limit;
    await new Promise<void>((resolve) => {
      const previous = this.drained;
      this.drained = () => {
        previous?.();
        resolve();
      };
    });
  }

  private settled(): void {
    this.unsettled--;
    if (this.drained !== null && this.unsettled <= this.drainBelow) {
      const wake = this.drained;
      this.drained = null;
      wake();
    }
  }

  /** Waits until everything sent so far is acknowledged; throws the first send failure since the last flush. */
  async flush(): Promise<void> {
    while (this.chain !== null) await this.chain;
    await this.producer.flush();
    const error = this.firstError;
    if (error !== undefined) {
      this.firstError = undefined;
      throw error;
    }
  }

  /** The partition count a custom partitioner needs: undefined for none needed, null for unknown yet. */
  private partitionCountIfNeeded(record: TaskOutputRecord): number | undefined | null {
    if (record.partitioner === undefined) return undefined;
    const info = this.producer.metadata.topic(record.topic);
    return info === undefined || info.partitions.length === 0 ? null : info.partitions.length;
  }

  private sendNow(record: TaskOutputRecord, partitionCount: number | undefined): void {
    const partition =
      record.partitioner === undefined || partitionCount === undefined
        ? undefined
        : record.partitioner(partitionCount);
    this.sent++;
    this.unsettled++;
    const headers = record.headers;
    this.producer.send(
      {
        topic: record.topic,
        key: record.key,
        value: record.value,
        timestamp: record.timestamp,
        // No headers is the common case: undefined spares the producer copying an empty list.
        headers: headers.length === 0 ? undefined : headers,
        partition,
      },
      this.onDelivery,
    );
  }

  /** The offset of the last acknowledged record sent to `topic`-`partition`, if any (with `trackOffsets`). */
  offset(topic: string, partition: number): number | undefined {
    return this.acked.get(`${topic}\u0000${partition}`);
  }

  private failed(e: unknown): void {
    this.sendErrors++;
    this.firstError ??=
      e instanceof KafkaError
        ? e
        : new KafkaError(
            ErrorCode.UNKNOWN_SERVER_ERROR,
            `send failed: ${e instanceof Error ? e.message : String(e)}`,
          );
  }
}
