/**
 * ListOffsets for the consumer (Java's OffsetFetcher): resetting positions by `auto.offset.reset`
 * (earliest = the log start offset, latest = the high watermark, or the last stable offset with
 * read_committed), and offsetsForTimes / beginningOffsets / endOffsets. Requests go to each partition's
 * leader; leadership errors refresh metadata and retry.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type {
  ListOffsetsRequestListOffsetsTopic,
  ListOffsetsResponse,
} from '../../../core/protocol/index.ts';
import type { ConsumerContext } from './consumer-context.ts';
import { tpKey, type OffsetAndTimestamp, type TopicPartition } from './consumer-record.ts';
import { timeoutError } from './errors.ts';
import type { PartitionState, ResetStrategy } from './subscription-state.ts';
import { sleep } from './wakeup.ts';

/** ListOffsets special timestamps. */
export const ListOffsetsTimestamp = { latest: -1, earliest: -2 } as const;

export interface OffsetQuery extends TopicPartition {
  /** A timestamp in ms, or ListOffsetsTimestamp.latest / earliest. */
  readonly timestamp: number;
}

/** One partition's answer: the offset (-1 when no record is that late) and its timestamp. */
export type ListedOffset = OffsetAndTimestamp;

interface PartitionOutcome {
  readonly tp: TopicPartition;
  readonly errorCode: number;
  readonly listed: ListedOffset | null;
}

export class OffsetFetcher<K, V> {
  private readonly ctx: ConsumerContext<K, V>;
  /** Partitions with a reset request in flight, so each poll does not send another. */
  private readonly resetsInFlight = new Set<PartitionState>();
  private readonly resetBackoffUntil = new Map<PartitionState, number>();

  constructor(ctx: ConsumerContext<K, V>) {
    this.ctx = ctx;
  }

  /**
   * Starts ListOffsets for every partition awaiting a reset (in the background); positions are set as the
   * answers arrive and poll() is woken.
   */
  resetPositionsIfNeeded(): void {
    const now = this.ctx.clock.now();
    const byNode = new Map<number, { state: PartitionState; strategy: ResetStrategy; version: number }[]>();
    for (const state of this.ctx.subscriptions.partitionsNeedingReset()) {
      if (this.resetsInFlight.has(state) || (this.resetBackoffUntil.get(state) ?? 0) > now) continue;
      const leader = this.ctx.metadata.leaderFor(state.tp);
      if (leader === undefined) {
        this.ctx.requestMetadataUpdate();
        continue;
      }
      let list = byNode.get(leader);
      if (list === undefined) byNode.set(leader, (list = []));
      list.push({ state, strategy: state.resetStrategy!, version: state.positionVersion });
    }
    for (const [nodeId, entries] of byNode) {
      for (const e of entries) this.resetsInFlight.add(e.state);
      const queries = entries.map((e) => ({
        ...e.state.tp,
        timestamp: e.strategy === 'earliest' ? ListOffsetsTimestamp.earliest : ListOffsetsTimestamp.latest,
      }));
      this.sendListOffsets(nodeId, queries).then(
        (outcomes) => {
          for (const e of entries) this.resetsInFlight.delete(e.state);
          const byKey = new Map(outcomes.map((o) => [tpKey(o.tp.topic, o.tp.partition), o]));
          for (const e of entries) {
            const o = byKey.get(e.state.key);
            // Still the same reset request? (a seek, another reset or a revocation wins)
            const current =
              this.ctx.subscriptions.stateByKey(e.state.key) === e.state &&
              e.state.positionVersion === e.version &&
              e.state.resetStrategy === e.strategy;
            if (!current) continue;
            if (
              o !== undefined &&
              o.errorCode === ErrorCode.NONE &&
              o.listed !== null &&
              o.listed.offset >= 0
            ) {
              this.ctx.subscriptions.seek(e.state.tp, {
                offset: o.listed.offset,
                offsetEpoch: o.listed.leaderEpoch,
              });
            } else {
              this.backoff(e.state, o?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            }
          }
          this.ctx.wakeup.notify();
        },
        () => {
          for (const e of entries) {
            this.resetsInFlight.delete(e.state);
            this.backoff(e.state, ErrorCode.NETWORK_EXCEPTION);
          }
          this.ctx.wakeup.notify();
        },
      );
    }
  }

  private backoff(state: PartitionState, errorCode: number): void {
    this.resetBackoffUntil.set(state, this.ctx.clock.now() + this.ctx.config.retryBackoffMs);
    if (errorCode !== ErrorCode.NONE) this.ctx.requestMetadataUpdate();
  }

  /**
   * Looks up offsets for the queries, retrying leadership and transport errors until `timeoutMs`.
   * A partition with no record at or after its timestamp maps to null.
   */
  async listOffsets(
    queries: readonly OffsetQuery[],
    timeoutMs: number,
  ): Promise<Map<string, ListedOffset | null>> {
    const deadline = this.ctx.clock.now() + timeoutMs;
    const result = new Map<string, ListedOffset | null>();
    let remaining = [...queries];
    let lastError: KafkaError | undefined;
    for (;;) {
      const byNode = new Map<number, OffsetQuery[]>();
      const unknownLeader: OffsetQuery[] = [];
      for (const q of remaining) {
        await this.ctx.metadata.partitionsFor(q.topic, Math.max(0, deadline - this.ctx.clock.now()));
        const leader = this.ctx.metadata.leaderFor(q);
        if (leader === undefined) {
          unknownLeader.push(q);
          continue;
        }
        let list = byNode.get(leader);
        if (list === undefined) byNode.set(leader, (list = []));
        list.push(q);
      }
      const retry: OffsetQuery[] = [...unknownLeader];
      await Promise.all(
        [...byNode].map(async ([nodeId, qs]) => {
          try {
            const outcomes = await this.sendListOffsets(nodeId, qs);
            const byKey = new Map(outcomes.map((o) => [tpKey(o.tp.topic, o.tp.partition), o]));
            for (const q of qs) {
              const o = byKey.get(tpKey(q.topic, q.partition));
              const code = o?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
              if (code === ErrorCode.NONE) {
                result.set(tpKey(q.topic, q.partition), o!.listed);
                continue;
              }
              const error = new KafkaError(code, `ListOffsets for ${q.topic}-${q.partition}`);
              if (!error.retriable) throw error;
              lastError = error;
              retry.push(q);
            }
          } catch (e) {
            if (e instanceof KafkaError && !e.retriable) throw e;
            lastError = e instanceof KafkaError ? e : new KafkaError(ErrorCode.NETWORK_EXCEPTION, String(e));
            retry.push(...qs);
          }
        }),
      );
      if (retry.length === 0) return result;
      remaining = retry;
      this.ctx.metadata.requestUpdate();
      const left = deadline - this.ctx.clock.now();
      if (left <= 0) {
        const error = timeoutError('listing offsets', timeoutMs);
        throw lastError === undefined
          ? error
          : new KafkaError(lastError.code, `${error.message} (${lastError.message})`);
      }
      await sleep(this.ctx.clock, Math.min(this.ctx.config.retryBackoffMs, left));
      await this.ctx.metadata.refresh().catch(() => undefined);
    }
  }

  private async sendListOffsets(
    nodeId: number,
    queries: readonly OffsetQuery[],
  ): Promise<PartitionOutcome[]> {
    const { config, metadata, pool } = this.ctx;
    const topics = new Map<string, ListOffsetsRequestListOffsetsTopic>();
    for (const q of queries) {
      let topic = topics.get(q.topic);
      if (topic === undefined) topics.set(q.topic, (topic = { name: q.topic, partitions: [] }));
      topic.partitions.push({
        partitionIndex: q.partition,
        currentLeaderEpoch: metadata.partition(q)?.leaderEpoch ?? -1,
        timestamp: q.timestamp,
        maxNumOffsets: 1,
      });
    }
    const conn = await pool.get(nodeId);
    const version = conn.versionFor(2);
    const response: ListOffsetsResponse = await conn.send(
      2,
      {
        replicaId: -1,
        isolationLevel: config.isolationLevel === 'read_committed' ? 1 : 0,
        topics: [...topics.values()],
      },
      { timeoutMs: config.requestTimeoutMs },
    );
    const out: PartitionOutcome[] = [];
    for (const t of response.topics) {
      for (const p of t.partitions) {
        const offset = version === 0 ? (p.oldStyleOffsets[0] ?? -1) : p.offset;
        out.push({
          tp: { topic: t.name, partition: p.partitionIndex },
          errorCode: p.errorCode,
          listed: offset < 0 ? null : { offset, timestamp: p.timestamp, leaderEpoch: p.leaderEpoch },
        });
      }
    }
    return out;
  }
}
