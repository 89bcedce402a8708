/**
 * Consumer group administration. ListGroups goes to every broker (each lists the groups it
 * coordinates) and the answers are merged; DescribeGroups, DeleteGroups and OffsetFetch go to each
 * group's coordinator, found with FindCoordinator. NOT_COORDINATOR and COORDINATOR_NOT_AVAILABLE send
 * the group back to FindCoordinator; COORDINATOR_LOAD_IN_PROGRESS waits and asks the same broker again.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { OffsetFetchResponsePartition } from '../../../core/protocol/index.ts';
import { done, failed, retry, runOnce, runRounds, type AdminCall, type Outcome } from './admin-call.ts';
import { groupErrorOutcome, type AdminContext } from './admin-context.ts';
import { label, resourceError, throwIfFailed, type AdminFailure } from './admin-error.ts';
import type {
  CallOptions,
  FetchOffsetsRequest,
  GroupDescription,
  GroupOverview,
  ListGroupsOptions,
  TopicCommittedOffsets,
} from './admin-types.ts';
import { groupDescriptionOf } from './group-description.ts';
import { describeTopicsIn } from './topic-operations.ts';

/** ListGroups v4 added the states filter and the state of each group. */
const listGroupsStatesVersionMin = 4;
/** OffsetFetch v8 asks for groups in a `groups` array. */
const offsetFetchGroupsVersionMin = 8;

function uniqueGroups(what: string, groupIds: readonly string[]): string[] {
  for (const g of groupIds)
    if (typeof g !== 'string')
      throw new KafkaError(ErrorCode.INVALID_GROUP_ID, `${what}: group ids are strings`);
  return [...new Set(groupIds)];
}

/** Groups and their outcomes, in input order, as values or an AdminError. */
function collectGroups<R>(
  operation: string,
  groupIds: readonly string[],
  settled: ReadonlyMap<
    string,
    { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: KafkaError }
  >,
): R[] {
  const values: R[] = [];
  const failures: AdminFailure[] = [];
  for (const g of groupIds) {
    const s = settled.get(g)!;
    if (s.ok) values.push(s.value);
    else failures.push({ resource: label.group(g), error: s.error });
  }
  throwIfFailed(operation, failures);
  return values;
}

/** Describes groups within an existing call. */
async function describeGroupsIn(
  ctx: AdminContext,
  call: AdminCall,
  groupIds: readonly string[],
): Promise<GroupDescription[]> {
  const settled = await runRounds<string, GroupDescription>(
    call,
    groupIds,
    (g) => g,
    async (pending) => {
      const { byNode, outcomes } = await ctx.routeToCoordinators<GroupDescription>(call, pending);
      const sent = await ctx.perNode(
        call,
        byNode,
        (g) => g,
        async (conn, groups) => {
          const r = await conn.send(
            15,
            { groups: [...groups], includeAuthorizedOperations: false },
            { timeoutMs: call.requestTimeoutMs() },
          );
          const out = new Map<string, Outcome<GroupDescription>>();
          for (const g of r.groups) {
            out.set(
              g.groupId,
              g.errorCode === ErrorCode.NONE
                ? done(groupDescriptionOf(g))
                : groupErrorOutcome(ctx, g.groupId, g.errorCode),
            );
          }
          return out;
        },
        (_node, groups) => groups.forEach((g) => ctx.forgetCoordinator(g)),
      );
      for (const [k, o] of sent) outcomes.set(k, o);
      return outcomes;
    },
  );
  return collectGroups('describeGroups', groupIds, settled);
}

export async function describeGroups(
  ctx: AdminContext,
  groupIds: readonly string[],
  options: CallOptions = {},
): Promise<{ groups: GroupDescription[] }> {
  const call = ctx.newCall('describeGroups', options.timeoutMs);
  const ids = uniqueGroups('describeGroups', groupIds);
  if (ids.length === 0) return { groups: [] };
  return { groups: await describeGroupsIn(ctx, call, ids) };
}

export async function listGroups(
  ctx: AdminContext,
  options: ListGroupsOptions = {},
): Promise<{ groups: GroupOverview[] }> {
  const call = ctx.newCall('listGroups', options.timeoutMs);
  const states = options.states ?? [];
  const brokers = await runOnce(call, async () =>
    done((await ctx.fetchMetadata(call, [])).brokers.map((b) => b.nodeId)),
  );
  let statesUnknown = false;
  const settled = await runRounds<number, GroupOverview[]>(call, brokers, String, async (pending) =>
    ctx.perNode(call, new Map(pending.map((n) => [n, [n]])), String, async (conn, [nodeId]) => {
      const r = await conn.send(
        16,
        { statesFilter: [...states], typesFilter: [] },
        { timeoutMs: call.requestTimeoutMs() },
      );
      if (conn.versionFor(16) < listGroupsStatesVersionMin) statesUnknown = true;
      let outcome: Outcome<GroupOverview[]>;
      if (r.errorCode === ErrorCode.NONE) {
        outcome = done(
          r.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, state: g.groupState })),
        );
      } else {
        const error = resourceError(r.errorCode, label.broker(nodeId!));
        const transient =
          r.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS ||
          r.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE;
        outcome = transient ? retry(error) : failed(error);
      }
      return new Map([[String(nodeId), outcome]]);
    }),
  );
  const byId = new Map<string, GroupOverview>();
  const failures: AdminFailure[] = [];
  for (const nodeId of brokers) {
    const s = settled.get(String(nodeId))!;
    if (!s.ok) failures.push({ resource: label.broker(nodeId), error: s.error });
    else for (const g of s.value) if (!byId.has(g.groupId)) byId.set(g.groupId, g);
  }
  throwIfFailed('listGroups', failures);
  let groups = [...byId.values()].sort((a, b) =>
    a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0,
  );
  if (states.length > 0 && statesUnknown && groups.length > 0) {
    // Brokers before ListGroups v4 neither filter by state nor report it: ask the coordinators.
    const described = await describeGroupsIn(
      ctx,
      call,
      groups.map((g) => g.groupId),
    );
    const stateOf = new Map(described.map((d) => [d.groupId, d.state]));
    const wanted = new Set(states.map((s) => s.toLowerCase()));
    groups = groups
      .map((g) => ({ ...g, state: stateOf.get(g.groupId) ?? g.state }))
      .filter((g) => wanted.has(g.state.toLowerCase()));
  }
  return { groups };
}

export async function deleteGroups(
  ctx: AdminContext,
  groupIds: readonly string[],
  options: CallOptions = {},
): Promise<void> {
  const call = ctx.newCall('deleteGroups', options.timeoutMs);
  const ids = uniqueGroups('deleteGroups', groupIds);
  if (ids.length === 0) return;
  const settled = await runRounds<string, string>(
    call,
    ids,
    (g) => g,
    async (pending) => {
      const { byNode, outcomes } = await ctx.routeToCoordinators<string>(call, pending);
      const sent = await ctx.perNode(
        call,
        byNode,
        (g) => g,
        async (conn, groups) => {
          const r = await conn.send(42, { groupsNames: [...groups] }, { timeoutMs: call.requestTimeoutMs() });
          const out = new Map<string, Outcome<string>>();
          for (const g of r.results) {
            if (g.errorCode === ErrorCode.NONE) {
              ctx.forgetCoordinator(g.groupId);
              out.set(g.groupId, done(g.groupId));
            } else out.set(g.groupId, groupErrorOutcome(ctx, g.groupId, g.errorCode));
          }
          return out;
        },
        (_node, groups) => groups.forEach((g) => ctx.forgetCoordinator(g)),
      );
      for (const [k, o] of sent) outcomes.set(k, o);
      return outcomes;
    },
  );
  collectGroups('deleteGroups', ids, settled);
}

/** Committed offsets by topic, topics in `order` first (the caller's), then by name. */
function offsetsByTopic(
  topics: readonly { name: string; partitions: readonly OffsetFetchResponsePartition[] }[],
  order: readonly string[],
): TopicCommittedOffsets[] {
  const rank = new Map(order.map((t, i) => [t, i]));
  return [...topics]
    .sort((a, b) => {
      const ra = rank.get(a.name) ?? order.length;
      const rb = rank.get(b.name) ?? order.length;
      return ra !== rb ? ra - rb : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    })
    .map((t) => ({
      topic: t.name,
      partitions: [...t.partitions]
        .sort((a, b) => a.partitionIndex - b.partitionIndex)
        .map((p) => ({
          partition: p.partitionIndex,
          offset: p.committedOffset,
          leaderEpoch: p.committedLeaderEpoch,
          metadata: p.metadata,
        })),
    }));
}

export async function fetchOffsets(
  ctx: AdminContext,
  request: FetchOffsetsRequest,
): Promise<TopicCommittedOffsets[]> {
  const call = ctx.newCall('fetchOffsets', request.timeoutMs);
  const groupId = request.groupId;
  if (typeof groupId !== 'string')
    throw new KafkaError(ErrorCode.INVALID_GROUP_ID, 'fetchOffsets: groupId is a string');
  const names = request.topics === undefined ? undefined : [...new Set(request.topics)];
  // Listed topics: ask for every partition, so uncommitted ones come back as -1.
  const topics =
    names === undefined
      ? null
      : names.length === 0
        ? []
        : (await describeTopicsIn(ctx, call, names)).map((d) => ({
            name: d.name,
            partitionIndexes: d.partitions.map((p) => p.partition),
          }));
  if (topics !== null && topics.length === 0) return [];
  return runOnce(
    call,
    async () => {
      const found = (await ctx.findCoordinators(call, [groupId])).get(groupId);
      if (found === undefined || found.kind !== 'done')
        return (
          found ??
          failed(resourceError(ErrorCode.UNKNOWN_SERVER_ERROR, label.group(groupId), 'no coordinator answer'))
        );
      let conn;
      try {
        conn = await ctx.node(call, found.value);
      } catch (e) {
        ctx.forgetCoordinator(groupId);
        throw e;
      }
      const version = conn.versionFor(9);
      const r = await conn
        .send(
          9,
          {
            groupId,
            topics,
            groups: [{ groupId, memberId: null, memberEpoch: -1, topics }],
            requireStable: request.requireStable ?? false,
          },
          { timeoutMs: call.requestTimeoutMs() },
        )
        .catch((e: unknown) => {
          ctx.forgetCoordinator(groupId);
          throw e;
        });
      const group =
        version >= offsetFetchGroupsVersionMin ? r.groups.find((g) => g.groupId === groupId) : undefined;
      const errorCode =
        version >= offsetFetchGroupsVersionMin ? (group?.errorCode ?? ErrorCode.NONE) : r.errorCode;
      if (errorCode !== ErrorCode.NONE) return groupErrorOutcome(ctx, groupId, errorCode);
      const answered = version >= offsetFetchGroupsVersionMin ? (group?.topics ?? []) : r.topics;
      for (const t of answered) {
        for (const p of t.partitions) {
          if (p.errorCode === ErrorCode.NONE) continue;
          const error = resourceError(p.errorCode, label.partition(t.name, p.partitionIndex));
          // A transactional commit still pending (requireStable): it settles shortly.
          return p.errorCode === ErrorCode.UNSTABLE_OFFSET_COMMIT ? retry(error) : failed(error);
        }
      }
      return done(offsetsByTopic(answered, names ?? []));
    },
    label.group(groupId),
  );
}
