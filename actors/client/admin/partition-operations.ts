/**
 * Per-partition operations answered by each partition's leader: offset look-ups (ListOffsets:
 * earliest, latest, by timestamp) and DeleteRecords. Each round reads fresh metadata, sends one request
 * per leader, and retries the partitions whose leader moved (NOT_LEADER_OR_FOLLOWER,
 * FENCED_LEADER_EPOCH, OFFSET_NOT_AVAILABLE while a new leader catches up, ...).
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { BrokerConnection } from '../connection.ts';
import { done, runRounds, type AdminCall, type Outcome } from './admin-call.ts';
import { leaderErrorOutcome, type AdminContext, type RoutedPartition } from './admin-context.ts';
import { label, throwIfFailed, type AdminFailure } from './admin-error.ts';
import type {
  CallOptions,
  DeletedRecords,
  DeleteRecordsPartition,
  ListedOffset,
  ListOffsetsOptions,
  ListOffsetsPartition,
  OffsetSpec,
  TopicPartitionOffsets,
} from './admin-types.ts';
import { describeTopicsIn } from './topic-operations.ts';

/** ListOffsets' special timestamps. */
const latestTimestamp = -1;
const earliestTimestamp = -2;

/** A map key for a partition (topic names cannot contain ':'). */
function tpKey(tp: { readonly topic: string; readonly partition: number }): string {
  return `${tp.topic}:${tp.partition}`;
}

function checkPartition(what: string, tp: { readonly topic: string; readonly partition: number }): void {
  if (typeof tp.topic !== 'string' || tp.topic === '')
    throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `${what}: topic names are non-empty strings`);
  if (!Number.isSafeInteger(tp.partition) || tp.partition < 0)
    throw new KafkaError(
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      `${what}: ${label.partition(tp.topic, tp.partition)}: partition must be a non-negative integer`,
    );
}

function timestampOf(what: string, tp: ListOffsetsPartition): number {
  const spec: OffsetSpec = tp.spec ?? 'latest';
  if (spec === 'latest') return latestTimestamp;
  if (spec === 'earliest') return earliestTimestamp;
  if (typeof spec === 'object' && Number.isSafeInteger(spec.timestamp) && spec.timestamp >= 0)
    return spec.timestamp;
  throw new KafkaError(
    ErrorCode.INVALID_REQUEST,
    `${what}: ${label.partition(tp.topic, tp.partition)}: spec must be 'earliest', 'latest' or { timestamp } with a non-negative integer, got ${JSON.stringify(spec)}`,
  );
}

/** Items grouped by their leader, with each partition's known leader epoch. */
function byLeader<I>(routed: readonly RoutedPartition<I>[]): Map<number, RoutedPartition<I>[]> {
  const out = new Map<number, RoutedPartition<I>[]>();
  for (const r of routed) {
    const list = out.get(r.leader) ?? [];
    list.push(r);
    out.set(r.leader, list);
  }
  return out;
}

/** Items grouped by topic, in the order topics first appear (the request's nesting). */
function byTopic<I extends { readonly item: { readonly topic: string } }>(
  items: readonly I[],
): Map<string, I[]> {
  const out = new Map<string, I[]>();
  for (const i of items) {
    const list = out.get(i.item.topic) ?? [];
    list.push(i);
    out.set(i.item.topic, list);
  }
  return out;
}

interface OffsetQuery {
  readonly topic: string;
  readonly partition: number;
  readonly timestamp: number;
}

/** ListOffsets within an existing call: one request per leader per round. */
async function listOffsetsIn(
  ctx: AdminContext,
  call: AdminCall,
  queries: readonly OffsetQuery[],
  isolationLevel: number,
): Promise<ListedOffset[]> {
  const settled = await runRounds<OffsetQuery, ListedOffset>(call, queries, tpKey, async (pending) => {
    const { routed, outcomes } = await ctx.routeToLeaders<OffsetQuery, ListedOffset>(
      call,
      pending,
      (q) => q,
      tpKey,
    );
    const sent = await ctx.perNode(
      call,
      byLeader(routed),
      (r) => tpKey(r.item),
      (conn, items) => sendListOffsets(ctx, call, conn, items, isolationLevel),
      () => ctx.metadata.requestUpdate(),
    );
    for (const [k, o] of sent) outcomes.set(k, o);
    return outcomes;
  });
  const values: ListedOffset[] = [];
  const failures: AdminFailure[] = [];
  for (const q of queries) {
    const s = settled.get(tpKey(q))!;
    if (s.ok) values.push(s.value);
    else failures.push({ resource: label.partition(q.topic, q.partition), error: s.error });
  }
  throwIfFailed('listOffsets', failures);
  return values;
}

async function sendListOffsets(
  ctx: AdminContext,
  call: AdminCall,
  conn: BrokerConnection,
  items: readonly RoutedPartition<OffsetQuery>[],
  isolationLevel: number,
): Promise<Map<string, Outcome<ListedOffset>>> {
  const version = conn.versionFor(2);
  const topics = [...byTopic(items)].map(([name, list]) => ({
    name,
    partitions: list.map((r) => ({
      partitionIndex: r.item.partition,
      // KIP-320: a broker that is no longer leader for this epoch refuses instead of answering stale.
      currentLeaderEpoch: r.leaderEpoch,
      timestamp: r.item.timestamp,
      maxNumOffsets: 1,
    })),
  }));
  const r = await conn.send(
    2,
    { replicaId: -1, isolationLevel, topics },
    { timeoutMs: call.requestTimeoutMs() },
  );
  const out = new Map<string, Outcome<ListedOffset>>();
  for (const t of r.topics) {
    for (const p of t.partitions) {
      const key = tpKey({ topic: t.name, partition: p.partitionIndex });
      if (p.errorCode !== ErrorCode.NONE) {
        out.set(key, leaderErrorOutcome(ctx, t.name, p.partitionIndex, p.errorCode));
        continue;
      }
      // v0 answers a list of offsets; v1+ one offset with its timestamp.
      const offset = version === 0 ? (p.oldStyleOffsets[0] ?? -1) : p.offset;
      out.set(
        key,
        done({
          topic: t.name,
          partition: p.partitionIndex,
          offset,
          timestamp: version === 0 ? -1 : p.timestamp,
          leaderEpoch: p.leaderEpoch,
        }),
      );
    }
  }
  return out;
}

/**
 * Offsets for any mix of partitions and specs. A ListOffsets request names a partition once, so the
 * same partition asked with several specs (earliest and latest) goes in successive waves.
 */
export async function listOffsets(
  ctx: AdminContext,
  partitions: readonly ListOffsetsPartition[],
  options: ListOffsetsOptions = {},
): Promise<ListedOffset[]> {
  const call = ctx.newCall('listOffsets', options.timeoutMs);
  const waves: OffsetQuery[][] = [];
  const waveOf = new Map<string, number>();
  const specsPerPartition = new Map<string, number>();
  for (const tp of partitions) {
    checkPartition('listOffsets', tp);
    const timestamp = timestampOf('listOffsets', tp);
    const key = `${tpKey(tp)}@${timestamp}`;
    if (waveOf.has(key)) continue;
    const wave = specsPerPartition.get(tpKey(tp)) ?? 0;
    specsPerPartition.set(tpKey(tp), wave + 1);
    waveOf.set(key, wave);
    (waves[wave] ??= []).push({ topic: tp.topic, partition: tp.partition, timestamp });
  }
  const isolationLevel = options.isolationLevel === 'read_committed' ? 1 : 0;
  const answers = new Map<string, ListedOffset>();
  for (const queries of waves) {
    const listed = await listOffsetsIn(ctx, call, queries, isolationLevel);
    queries.forEach((q, i) => answers.set(`${tpKey(q)}@${q.timestamp}`, listed[i]!));
  }
  return partitions.map((tp) => answers.get(`${tpKey(tp)}@${timestampOf('listOffsets', tp)}`)!);
}

/** Every partition of a topic with its log start (`low`) and end (`high` = `offset`): KafkaJS's fetchTopicOffsets. */
export async function fetchTopicOffsets(
  ctx: AdminContext,
  topic: string,
  options: CallOptions = {},
): Promise<TopicPartitionOffsets[]> {
  const call = ctx.newCall('fetchTopicOffsets', options.timeoutMs);
  const [description] = await describeTopicsIn(ctx, call, [topic]);
  const ids = description!.partitions.map((p) => p.partition);
  const queries = ids.flatMap((partition) => [
    { topic, partition, timestamp: earliestTimestamp },
    { topic, partition, timestamp: latestTimestamp },
  ]);
  // One partition cannot be asked twice in one ListOffsets request: earliest and latest go in turn.
  const low = await listOffsetsIn(
    ctx,
    call,
    queries.filter((q) => q.timestamp === earliestTimestamp),
    0,
  );
  const high = await listOffsetsIn(
    ctx,
    call,
    queries.filter((q) => q.timestamp === latestTimestamp),
    0,
  );
  return ids.map((partition, i) => ({
    partition,
    offset: high[i]!.offset,
    high: high[i]!.offset,
    low: low[i]!.offset,
  }));
}

/**
 * Per partition, the first offset whose record timestamp is at or after `timestamp`, or the end of the
 * partition when there is none (KafkaJS's fetchTopicOffsetsByTimestamp). Without a timestamp: the end.
 */
export async function fetchTopicOffsetsByTimestamp(
  ctx: AdminContext,
  topic: string,
  timestamp?: number,
  options: CallOptions = {},
): Promise<{ partition: number; offset: number }[]> {
  const call = ctx.newCall('fetchTopicOffsetsByTimestamp', options.timeoutMs);
  const [description] = await describeTopicsIn(ctx, call, [topic]);
  const ids = description!.partitions.map((p) => p.partition);
  const high = await listOffsetsIn(
    ctx,
    call,
    ids.map((partition) => ({ topic, partition, timestamp: latestTimestamp })),
    0,
  );
  if (timestamp === undefined) return ids.map((partition, i) => ({ partition, offset: high[i]!.offset }));
  const at = await listOffsetsIn(
    ctx,
    call,
    ids.map((partition) => ({
      topic,
      partition,
      timestamp: timestampOf('fetchTopicOffsetsByTimestamp', { topic, partition, spec: { timestamp } }),
    })),
    0,
  );
  return ids.map((partition, i) => ({
    partition,
    offset: at[i]!.offset >= 0 ? at[i]!.offset : high[i]!.offset,
  }));
}

export async function deleteRecords(
  ctx: AdminContext,
  partitions: readonly DeleteRecordsPartition[],
  options: CallOptions = {},
): Promise<DeletedRecords[]> {
  const call = ctx.newCall('deleteRecords', options.timeoutMs);
  const seen = new Set<string>();
  for (const tp of partitions) {
    checkPartition('deleteRecords', tp);
    if (!Number.isSafeInteger(tp.offset) || tp.offset < -1)
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `deleteRecords: ${label.partition(tp.topic, tp.partition)}: offset must be an integer >= 0 (or -1 for the high watermark), got ${tp.offset}`,
      );
    if (seen.has(tpKey(tp)))
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `deleteRecords: ${label.partition(tp.topic, tp.partition)} is listed twice`,
      );
    seen.add(tpKey(tp));
  }
  if (partitions.length === 0) return [];
  const settled = await runRounds<DeleteRecordsPartition, DeletedRecords>(
    call,
    partitions,
    tpKey,
    async (pending) => {
      const { routed, outcomes } = await ctx.routeToLeaders<DeleteRecordsPartition, DeletedRecords>(
        call,
        pending,
        (tp) => tp,
        tpKey,
      );
      const sent = await ctx.perNode(
        call,
        byLeader(routed),
        (r) => tpKey(r.item),
        async (conn, items) => {
          const timeoutMs = call.requestTimeoutMs();
          const topics = [...byTopic(items)].map(([name, list]) => ({
            name,
            partitions: list.map((r) => ({ partitionIndex: r.item.partition, offset: r.item.offset })),
          }));
          const r = await conn.send(21, { topics, timeoutMs }, { timeoutMs });
          const out = new Map<string, Outcome<DeletedRecords>>();
          for (const t of r.topics) {
            for (const p of t.partitions) {
              const key = tpKey({ topic: t.name, partition: p.partitionIndex });
              out.set(
                key,
                p.errorCode === ErrorCode.NONE
                  ? done({ topic: t.name, partition: p.partitionIndex, lowWatermark: p.lowWatermark })
                  : leaderErrorOutcome(ctx, t.name, p.partitionIndex, p.errorCode),
              );
            }
          }
          return out;
        },
        () => ctx.metadata.requestUpdate(),
      );
      for (const [k, o] of sent) outcomes.set(k, o);
      return outcomes;
    },
  );
  const values: DeletedRecords[] = [];
  const failures: AdminFailure[] = [];
  for (const tp of partitions) {
    const s = settled.get(tpKey(tp))!;
    if (s.ok) values.push(s.value);
    else failures.push({ resource: label.partition(tp.topic, tp.partition), error: s.error });
  }
  throwIfFailed('deleteRecords', failures);
  return values;
}
