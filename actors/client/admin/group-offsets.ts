/**
 * Changing a consumer group's committed offsets from outside the group (Java's
 * `alterConsumerGroupOffsets`, KafkaJS's `setOffsets` / `resetOffsets`).
 *
 * The admin client commits as Java's AdminClient does: an OffsetCommit to the group's coordinator
 * (found with FindCoordinator) with generation -1, member id '' and no group instance id, the commit of
 * a client that is not a member. The coordinator accepts it only while the group has no members (state
 * Empty, or no group yet: the commit creates it); a group with live consumers refuses every partition
 * with UNKNOWN_MEMBER_ID (REBALANCE_IN_PROGRESS or ILLEGAL_GENERATION on some brokers) and nothing is
 * changed. NOT_COORDINATOR and COORDINATOR_NOT_AVAILABLE send the group back to FindCoordinator,
 * COORDINATOR_LOAD_IN_PROGRESS waits; the commit is re-sent whole (committing an offset twice is
 * harmless).
 *
 * Partition errors (UNKNOWN_TOPIC_OR_PARTITION for a partition the cluster does not have,
 * OFFSET_METADATA_TOO_LARGE) fail only those partitions; as in Kafka, the other partitions of the same
 * call are committed. The call then rejects with an AdminError naming each failed partition.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { OffsetCommitRequestTopic } from '../../../core/protocol/index.ts';
import { done, failed, runRounds, type AdminCall, type Outcome } from './admin-call.ts';
import { groupErrorOutcome, type AdminContext } from './admin-context.ts';
import { AdminError, label, resourceError, throwIfFailed, type AdminFailure } from './admin-error.ts';
import type {
  CallOptions,
  ConsumerGroupOffset,
  ResetOffsetsRequest,
  SetOffsetsRequest,
} from './admin-types.ts';
import { listOffsets } from './partition-operations.ts';
import { describeTopicsIn } from './topic-operations.ts';

/** Errors an OffsetCommit answers for the group as a whole (on every partition). */
const groupLevelCodes: ReadonlySet<number> = new Set([
  ErrorCode.NOT_COORDINATOR,
  ErrorCode.COORDINATOR_NOT_AVAILABLE,
  ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
  ErrorCode.INVALID_GROUP_ID,
  ErrorCode.GROUP_AUTHORIZATION_FAILED,
  ErrorCode.UNKNOWN_MEMBER_ID,
  ErrorCode.ILLEGAL_GENERATION,
  ErrorCode.REBALANCE_IN_PROGRESS,
  ErrorCode.FENCED_INSTANCE_ID,
  ErrorCode.GROUP_ID_NOT_FOUND,
  ErrorCode.INVALID_COMMIT_OFFSET_SIZE,
]);

/** The codes with which a coordinator refuses a non-member's commit because the group has members. */
const activeGroupCodes: ReadonlySet<number> = new Set([
  ErrorCode.UNKNOWN_MEMBER_ID,
  ErrorCode.ILLEGAL_GENERATION,
  ErrorCode.REBALANCE_IN_PROGRESS,
]);

/** A map key for a partition (topic names cannot contain ':'). */
function tpKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}

function checkGroupId(what: string, groupId: unknown): asserts groupId is string {
  if (typeof groupId !== 'string' || groupId === '')
    throw new KafkaError(ErrorCode.INVALID_GROUP_ID, `${what}: groupId must be a non-empty string`);
}

function checkTopic(what: string, topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || topic === '')
    throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `${what}: topic names are non-empty strings`);
}

/** Checks each offset (types, ranges, partitions named twice) before anything is sent. */
function checkOffsets(what: string, offsets: readonly ConsumerGroupOffset[]): void {
  if (!Array.isArray(offsets))
    throw new KafkaError(ErrorCode.INVALID_REQUEST, `${what}: offsets must be an array`);
  const seen = new Set<string>();
  for (const o of offsets) {
    checkTopic(what, o.topic);
    const where = label.partition(o.topic, o.partition);
    if (!Number.isSafeInteger(o.partition) || o.partition < 0)
      throw new KafkaError(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        `${what}: ${where}: partition must be a non-negative integer`,
      );
    if (!Number.isSafeInteger(o.offset) || o.offset < 0)
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `${what}: ${where}: offset must be a non-negative integer, got ${String(o.offset)}`,
      );
    if (o.metadata !== undefined && o.metadata !== null && typeof o.metadata !== 'string')
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `${what}: ${where}: metadata must be a string`);
    if (o.leaderEpoch !== undefined && (!Number.isSafeInteger(o.leaderEpoch) || o.leaderEpoch < -1))
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `${what}: ${where}: leaderEpoch must be an integer >= -1, got ${String(o.leaderEpoch)}`,
      );
    const key = tpKey(o.topic, o.partition);
    if (seen.has(key)) throw new KafkaError(ErrorCode.INVALID_REQUEST, `${what}: ${where} is listed twice`);
    seen.add(key);
  }
}

/** The OffsetCommit topics for the offsets, topics in the order they first appear. */
function commitTopics(offsets: readonly ConsumerGroupOffset[]): OffsetCommitRequestTopic[] {
  const byTopic = new Map<string, OffsetCommitRequestTopic>();
  for (const o of offsets) {
    let t = byTopic.get(o.topic);
    if (t === undefined) byTopic.set(o.topic, (t = { name: o.topic, partitions: [] }));
    t.partitions.push({
      partitionIndex: o.partition,
      committedOffset: o.offset,
      committedLeaderEpoch: o.leaderEpoch ?? -1,
      commitTimestamp: -1,
      committedMetadata: o.metadata ?? '',
    });
  }
  return [...byTopic.values()];
}

/** A group-level refusal, explained when it means the group has members. */
function groupLevelError(groupId: string, errorCode: number): KafkaError {
  if (!activeGroupCodes.has(errorCode)) return resourceError(errorCode, label.group(groupId));
  return resourceError(
    errorCode,
    label.group(groupId),
    'the group has active members; its offsets can only be changed while it is empty (stop its consumers first)',
  );
}

/**
 * One OffsetCommit round: the failures it settled with (none: every offset committed), or a retry
 * when the coordinator moved or is loading.
 */
async function commitRound(
  ctx: AdminContext,
  call: AdminCall,
  groupId: string,
  offsets: readonly ConsumerGroupOffset[],
): Promise<Outcome<AdminFailure[]>> {
  const found = (await ctx.findCoordinators(call, [groupId])).get(groupId);
  if (found === undefined)
    return failed(
      resourceError(ErrorCode.UNKNOWN_SERVER_ERROR, label.group(groupId), 'no coordinator answer'),
    );
  if (found.kind !== 'done') return found;
  let response;
  try {
    const conn = await ctx.node(call, found.value);
    response = await conn.send(
      8,
      {
        groupId,
        // Not a member: Java's AdminClient commits with generation -1 and no member id.
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        // OffsetCommit v2-4: -1 keeps the broker's offsets.retention.minutes.
        retentionTimeMs: -1,
        topics: commitTopics(offsets),
      },
      { timeoutMs: call.requestTimeoutMs() },
    );
  } catch (e) {
    ctx.forgetCoordinator(groupId);
    throw e;
  }
  const codes = new Map<string, number>();
  for (const t of response.topics)
    for (const p of t.partitions) codes.set(tpKey(t.name, p.partitionIndex), p.errorCode);
  const failures: AdminFailure[] = [];
  let groupCode: number = ErrorCode.NONE;
  for (const o of offsets) {
    const code = codes.get(tpKey(o.topic, o.partition));
    const resource = label.partition(o.topic, o.partition);
    if (code === undefined) {
      failures.push({
        resource,
        error: resourceError(
          ErrorCode.UNKNOWN_SERVER_ERROR,
          resource,
          'the coordinator did not answer for it',
        ),
      });
    } else if (groupLevelCodes.has(code)) {
      if (groupCode === ErrorCode.NONE) groupCode = code;
    } else if (code !== ErrorCode.NONE) failures.push({ resource, error: resourceError(code, resource) });
  }
  if (groupCode === ErrorCode.NONE) return done(failures);
  const outcome = groupErrorOutcome<AdminFailure[]>(ctx, groupId, groupCode);
  if (outcome.kind === 'retry') return outcome;
  return done([{ resource: label.group(groupId), error: groupLevelError(groupId, groupCode) }, ...failures]);
}

/** Commits the offsets for the group within an existing call; rejects with an AdminError naming each failure. */
async function commitIn(
  ctx: AdminContext,
  call: AdminCall,
  groupId: string,
  offsets: readonly ConsumerGroupOffset[],
): Promise<void> {
  if (offsets.length === 0) return;
  const settled = await runRounds<string, AdminFailure[]>(
    call,
    [groupId],
    (g) => g,
    async () => new Map([[groupId, await commitRound(ctx, call, groupId, offsets)]]),
  );
  const s = settled.get(groupId)!;
  if (!s.ok) throw new AdminError(call.name, [{ resource: label.group(groupId), error: s.error }]);
  throwIfFailed(call.name, s.value);
}

/** Java's `Admin.alterConsumerGroupOffsets`: commits the offsets for a group that has no active members. */
export async function alterConsumerGroupOffsets(
  ctx: AdminContext,
  groupId: string,
  offsets: readonly ConsumerGroupOffset[],
  options: CallOptions = {},
): Promise<void> {
  const what = 'alterConsumerGroupOffsets';
  const call = ctx.newCall(what, options.timeoutMs);
  checkGroupId(what, groupId);
  checkOffsets(what, offsets);
  await commitIn(ctx, call, groupId, offsets);
}

/** KafkaJS's `admin.setOffsets`: some partitions of one topic. */
export async function setOffsets(ctx: AdminContext, request: SetOffsetsRequest): Promise<void> {
  const what = 'setOffsets';
  const call = ctx.newCall(what, request.timeoutMs);
  checkGroupId(what, request.groupId);
  checkTopic(what, request.topic);
  if (!Array.isArray(request.partitions))
    throw new KafkaError(ErrorCode.INVALID_REQUEST, `${what}: partitions must be an array`);
  const offsets = request.partitions.map((p) => ({
    topic: request.topic,
    partition: p.partition,
    offset: p.offset,
    ...(p.metadata !== undefined ? { metadata: p.metadata } : {}),
  }));
  checkOffsets(what, offsets);
  await commitIn(ctx, call, request.groupId, offsets);
}

/**
 * KafkaJS's `admin.resetOffsets`: every partition of the topic to its log end (the high watermark),
 * or with `earliest` to its log start. Returns the offsets committed, by partition.
 */
export async function resetOffsets(
  ctx: AdminContext,
  request: ResetOffsetsRequest,
): Promise<{ partition: number; offset: number }[]> {
  const what = 'resetOffsets';
  const call = ctx.newCall(what, request.timeoutMs);
  checkGroupId(what, request.groupId);
  checkTopic(what, request.topic);
  const topic = request.topic;
  const [description] = await describeTopicsIn(ctx, call, [topic]);
  const spec = request.earliest === true ? ('earliest' as const) : ('latest' as const);
  const listed = await listOffsets(
    ctx,
    description!.partitions.map((p) => ({ topic, partition: p.partition, spec })),
    { timeoutMs: call.remainingMs() },
  );
  const offsets = listed.map((o) => ({ topic, partition: o.partition, offset: o.offset }));
  await commitIn(ctx, call, request.groupId, offsets);
  return offsets.map((o) => ({ partition: o.partition, offset: o.offset }));
}
