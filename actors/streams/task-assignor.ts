import {
  RebalanceProtocol,
  compareMembers,
  encodeSubscriptionBytes,
  generationOf,
  toSubscription,
  type Assignment,
  type Assignor,
  type GroupMember,
  type PartitionsPerTopic,
  type SubscriptionInput,
  type TopicPartition,
} from '../client/index.ts';
import type { TaskLayout, TaskSpec } from './task-layout.ts';

/** The assignor's protocol name in JoinGroup (Kafka Streams' StreamsPartitionAssignor uses "stream"). */
export const streamsAssignorName = 'stream';

/** Kafka Streams' AssignorError codes carried in the subscription and assignment userData. */
export const AssignorError = Object.freeze({ NONE: 0, SHUTDOWN_REQUESTED: 4 });

/** What a member tells the leader in its subscription userData (after the int32 generation). */
export interface StreamsSubscriptionInfo {
  /** AssignorError.SHUTDOWN_REQUESTED asks the leader to shut the whole application down. */
  readonly errorCode: number;
  /** The member's instance `application.server` (`host:port`), or null. */
  readonly applicationServer: string | null;
  /** The member's instance (Kafka's process id): standbys go to other instances than the active. */
  readonly processId?: string | null;
}

/** What every member gets in its assignment userData. */
export interface StreamsAssignmentInfo {
  readonly errorCode: number;
  /** `host:port` -> the input partitions of the active tasks of the instances serving there. */
  readonly partitionsByHost: ReadonlyMap<string, readonly TopicPartition[]>;
  /** Partition counts of the source topics, as the leader saw them. */
  readonly partitionCounts: ReadonlyMap<string, number>;
  /** Standby tasks this member keeps warm (their stores follow the changelogs). */
  readonly standbyTasks?: readonly string[];
  /** `host:port` -> input partitions of the standby tasks there. */
  readonly standbyPartitionsByHost?: ReadonlyMap<string, readonly TopicPartition[]>;
}

const userDataVersion = 1;

/** [int32 generation][JSON]: the generation first, as Java's cooperative assignors read it. */
export function encodeSubscriptionInfo(generationId: number, info: StreamsSubscriptionInfo): Buffer {
  const head = Buffer.alloc(4);
  head.writeInt32BE(generationId, 0);
  const body = Buffer.from(JSON.stringify({ version: userDataVersion, ...info }), 'utf8');
  return Buffer.concat([head, body]);
}

/** A member's info; a member that sent only the generation (another client) has none. */
export function decodeSubscriptionInfo(userData: Buffer | null): StreamsSubscriptionInfo {
  const none: StreamsSubscriptionInfo = { errorCode: AssignorError.NONE, applicationServer: null };
  if (userData === null || userData.length <= 4) return none;
  try {
    const raw = JSON.parse(userData.subarray(4).toString('utf8')) as Partial<StreamsSubscriptionInfo>;
    return {
      errorCode: typeof raw.errorCode === 'number' ? raw.errorCode : AssignorError.NONE,
      applicationServer: typeof raw.applicationServer === 'string' ? raw.applicationServer : null,
      processId: typeof raw.processId === 'string' ? raw.processId : null,
    };
  } catch {
    return none;
  }
}

export function encodeAssignmentInfo(info: StreamsAssignmentInfo): Buffer {
  return Buffer.from(
    JSON.stringify({
      version: userDataVersion,
      errorCode: info.errorCode,
      partitionsByHost: [...info.partitionsByHost].map(([host, tps]) => [
        host,
        tps.map((tp) => [tp.topic, tp.partition]),
      ]),
      partitionCounts: [...info.partitionCounts],
      standbyTasks: info.standbyTasks ?? [],
      standbyPartitionsByHost: [...(info.standbyPartitionsByHost ?? new Map<string, TopicPartition[]>())].map(
        ([host, tps]) => [host, tps.map((tp) => [tp.topic, tp.partition])],
      ),
    }),
    'utf8',
  );
}

export function decodeAssignmentInfo(userData: Buffer | null): StreamsAssignmentInfo {
  const empty: StreamsAssignmentInfo = {
    errorCode: AssignorError.NONE,
    partitionsByHost: new Map(),
    partitionCounts: new Map(),
  };
  if (userData === null || userData.length === 0) return empty;
  const raw = JSON.parse(userData.toString('utf8')) as {
    errorCode: number;
    partitionsByHost: [string, [string, number][]][];
    partitionCounts: [string, number][];
    standbyTasks?: string[];
    standbyPartitionsByHost?: [string, [string, number][]][];
  };
  const byHost = (list: [string, [string, number][]][]): Map<string, TopicPartition[]> =>
    new Map(list.map(([host, tps]) => [host, tps.map(([topic, partition]) => ({ topic, partition }))]));
  return {
    errorCode: raw.errorCode,
    partitionsByHost: byHost(raw.partitionsByHost),
    partitionCounts: new Map(raw.partitionCounts),
    standbyTasks: raw.standbyTasks ?? [],
    standbyPartitionsByHost: byHost(raw.standbyPartitionsByHost ?? []),
  };
}

/** A thread's view into its assignor: what it announces, and the assignments it receives. */
export interface StreamsAssignorHooks {
  /** The member's current info, read at every (re)join. */
  subscriptionInfo?(): StreamsSubscriptionInfo;
  /** The info in the assignment this member received, and the active tasks it was assigned. */
  onAssignment?(info: StreamsAssignmentInfo, activeTasks: ReadonlySet<string>): void;
}

function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/**
 * Assigns whole stream tasks rather than single partitions (Kafka's StreamsPartitionAssignor, without
 * standbys or client-level placement): every partition of a task goes to the same member, so a task's
 * co-partitioned inputs are read by one consumer. Like the cooperative-sticky assignor:
 *
 * 1. balance: members' task counts differ by at most one;
 * 2. stickiness: a member keeps the tasks it owned (from its subscription's ownedPartitions; the claim of
 *    the higher generation wins), and only tasks that must move for balance move;
 * 3. cooperative (KIP-429): a task moving away from a member that is still in the group is assigned to
 *    nobody in this generation; its owner commits and closes it, rejoins, and the follow-up rebalance
 *    hands it to its new owner, so no task ever runs on two members at once.
 */
export class StreamsTaskAssignor implements Assignor {
  readonly name = streamsAssignorName;
  readonly supportedProtocols = [RebalanceProtocol.cooperative, RebalanceProtocol.eager] as const;
  private readonly layout: TaskLayout;
  private readonly hooks: StreamsAssignorHooks;

  private readonly numStandbyReplicas: number;

  constructor(layout: TaskLayout, hooks: StreamsAssignorHooks = {}, numStandbyReplicas = 0) {
    this.layout = layout;
    this.hooks = hooks;
    this.numStandbyReplicas = numStandbyReplicas;
  }

  protocolMetadata(subscription: SubscriptionInput): Buffer {
    const s = toSubscription(subscription);
    // Java's cooperative assignors also carry the generation in userData for v0/v1 readers.
    const info = this.hooks.subscriptionInfo?.() ?? {
      errorCode: AssignorError.NONE,
      applicationServer: null,
    };
    return encodeSubscriptionBytes({ ...s, userData: encodeSubscriptionInfo(s.generationId, info) });
  }

  onAssignment(assignment: Assignment): void {
    const active = new Set<string>();
    for (const t of assignment.assignedPartitions)
      for (const p of t.partitions) {
        const id = this.layout.taskOf(t.topic, p);
        if (id !== undefined) active.add(id);
      }
    this.hooks.onAssignment?.(decodeAssignmentInfo(assignment.userData), active);
  }

  assign(members: readonly GroupMember[], partitionsPerTopic: PartitionsPerTopic): Map<string, Assignment> {
    const counts =
      partitionsPerTopic instanceof Map
        ? (partitionsPerTopic as ReadonlyMap<string, number>)
        : new Map(Object.entries(partitionsPerTopic as Readonly<Record<string, number>>));
    const sorted = [...members].sort(compareMembers);
    const infos = new Map(sorted.map((m) => [m.memberId, decodeSubscriptionInfo(m.subscription.userData)]));
    if ([...infos.values()].some((i) => i.errorCode === AssignorError.SHUTDOWN_REQUESTED)) {
      // Kafka's shutdown request: nobody gets tasks, everybody learns the application shuts down.
      const userData = encodeAssignmentInfo({
        errorCode: AssignorError.SHUTDOWN_REQUESTED,
        partitionsByHost: new Map(),
        partitionCounts: new Map(),
      });
      return new Map(sorted.map((m) => [m.memberId, { assignedPartitions: [], userData }]));
    }
    const topics = new Set<string>();
    for (const m of sorted) for (const t of m.subscription.topics) topics.add(t);
    const tasks = this.layout.tasks(counts, topics);
    const owners = this.previousOwners(sorted, tasks);
    const target = balancedAssignment(
      sorted.map((m) => m.memberId),
      tasks.map((t) => t.id),
      owners,
    );
    const assigned = new Map<string, Assignment>();
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const partitionsByHost = new Map<string, TopicPartition[]>();
    for (const m of sorted) {
      const byTopic = new Map<string, number[]>();
      for (const taskId of target.get(m.memberId)!) {
        const owner = owners.get(taskId);
        // Cooperative: a task still owned by another member moves only in the follow-up rebalance.
        if (owner !== undefined && owner !== m.memberId) continue;
        for (const tp of byId.get(taskId)!.partitions) {
          const list = byTopic.get(tp.topic);
          if (list === undefined) byTopic.set(tp.topic, [tp.partition]);
          else list.push(tp.partition);
        }
      }
      const assignedPartitions = [...byTopic.keys()]
        .sort()
        .map((topic) => ({ topic, partitions: byTopic.get(topic)!.sort((a, b) => a - b) }));
      assigned.set(m.memberId, { assignedPartitions, userData: null });
      const host = infos.get(m.memberId)!.applicationServer;
      if (host !== null) {
        const list = partitionsByHost.get(host) ?? [];
        partitionsByHost.set(host, list);
        for (const t of assignedPartitions)
          for (const partition of t.partitions) list.push({ topic: t.topic, partition });
      }
    }
    const partitionCounts = new Map<string, number>();
    for (const t of topics) {
      const n = counts.get(t);
      if (n !== undefined && this.layout.subtopologyOf(t) !== undefined) partitionCounts.set(t, n);
    }
    const standbys = this.placeStandbys(sorted, infos, target, byId);
    const standbyPartitionsByHost = new Map<string, TopicPartition[]>();
    for (const [memberId, ids] of standbys) {
      const host = infos.get(memberId)!.applicationServer;
      if (host === null) continue;
      const list = standbyPartitionsByHost.get(host) ?? [];
      standbyPartitionsByHost.set(host, list);
      for (const id of ids) list.push(...byId.get(id)!.partitions);
    }
    // Every member learns where every task runs (Kafka's partitionsByHost, for IQ metadata).
    const out = new Map<string, Assignment>();
    for (const [memberId, a] of assigned) {
      const userData = encodeAssignmentInfo({
        errorCode: AssignorError.NONE,
        partitionsByHost,
        partitionCounts,
        standbyTasks: standbys.get(memberId) ?? [],
        standbyPartitionsByHost,
      });
      out.set(memberId, { ...a, userData });
    }
    return out;
  }

  /**
   * Kafka's standby placement, simplified: each task gets `num.standby.replicas` standbys on distinct
   * instances other than its active's (by process id), each on the least-loaded member of that
   * instance; instances are tried least-loaded first. Fewer instances than replicas: fewer standbys.
   */
  private placeStandbys(
    members: readonly GroupMember[],
    infos: ReadonlyMap<string, StreamsSubscriptionInfo>,
    target: ReadonlyMap<string, readonly string[]>,
    byId: ReadonlyMap<string, TaskSpec>,
  ): Map<string, string[]> {
    const out = new Map<string, string[]>(members.map((m) => [m.memberId, []]));
    if (this.numStandbyReplicas === 0) return out;
    const processOf = (memberId: string): string => infos.get(memberId)!.processId ?? memberId;
    const load = new Map<string, number>(members.map((m) => [m.memberId, target.get(m.memberId)!.length]));
    const activeProcess = new Map<string, string>();
    for (const [memberId, ids] of target) for (const id of ids) activeProcess.set(id, processOf(memberId));
    for (const taskId of [...byId.keys()].sort(compareTaskIds)) {
      const used = new Set<string>([activeProcess.get(taskId) ?? '']);
      for (let r = 0; r < this.numStandbyReplicas; r++) {
        let best: string | undefined;
        for (const m of members) {
          if (used.has(processOf(m.memberId))) continue;
          if (best === undefined || load.get(m.memberId)! < load.get(best)!) best = m.memberId;
        }
        if (best === undefined) break;
        used.add(processOf(best));
        out.get(best)!.push(taskId);
        load.set(best, load.get(best)! + 1);
      }
    }
    return out;
  }

  /** Task id -> the member that owns it now (any of its partitions; the higher generation wins). */
  private previousOwners(members: readonly GroupMember[], tasks: readonly TaskSpec[]): Map<string, string> {
    const taskOfPartition = new Map<string, string>();
    for (const t of tasks)
      for (const tp of t.partitions) taskOfPartition.set(tpKey(tp.topic, tp.partition), t.id);
    const owners = new Map<string, { member: string; generation: number }>();
    for (const m of members) {
      const generation = generationOf(m);
      for (const owned of m.subscription.ownedPartitions) {
        for (const p of owned.partitions) {
          const taskId = taskOfPartition.get(tpKey(owned.topic, p));
          if (taskId === undefined) continue;
          const claim = owners.get(taskId);
          if (claim === undefined || generation > claim.generation)
            owners.set(taskId, { member: m.memberId, generation });
        }
      }
    }
    return new Map([...owners].map(([taskId, c]) => [taskId, c.member]));
  }
}

/**
 * Task ids per member: counts differ by at most one, the first `tasks % members` members (in member
 * order, preferring those that already own more) may hold one more, and owners keep what they can.
 */
export function balancedAssignment(
  memberIds: readonly string[],
  taskIds: readonly string[],
  owners: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>(memberIds.map((m) => [m, []]));
  if (memberIds.length === 0) return out;
  const floor = Math.floor(taskIds.length / memberIds.length);
  let extraSlots = taskIds.length % memberIds.length;
  const ownedBy = new Map<string, string[]>(memberIds.map((m) => [m, []]));
  const unassigned: string[] = [];
  for (const t of taskIds) {
    const owner = owners.get(t);
    const list = owner === undefined ? undefined : ownedBy.get(owner);
    if (list === undefined) unassigned.push(t);
    else list.push(t);
  }
  // Keep up to `floor` owned tasks each; then members owning more keep one extra while slots last.
  const surplus: string[][] = [];
  for (const m of memberIds) {
    const owned = ownedBy.get(m)!;
    out.get(m)!.push(...owned.slice(0, floor));
    surplus.push(owned.slice(floor));
  }
  memberIds.forEach((m, i) => {
    const rest = surplus[i]!;
    if (rest.length > 0 && extraSlots > 0) {
      out.get(m)!.push(rest.shift()!);
      extraSlots--;
    }
    unassigned.push(...rest);
  });
  unassigned.sort(compareTaskIds);
  // Fill members below floor first, then hand the remaining extra slots out in member order.
  for (const m of memberIds) {
    const list = out.get(m)!;
    while (list.length < floor && unassigned.length > 0) list.push(unassigned.shift()!);
  }
  for (const m of memberIds) {
    if (unassigned.length === 0) break;
    const list = out.get(m)!;
    if (list.length === floor && extraSlots > 0) {
      list.push(unassigned.shift()!);
      extraSlots--;
    }
  }
  for (const list of out.values()) list.sort(compareTaskIds);
  return out;
}

/** Orders `s_p` task ids by sub-topology, then partition. */
export function compareTaskIds(a: string, b: string): number {
  const [as, ap] = a.split('_').map(Number) as [number, number];
  const [bs, bp] = b.split('_').map(Number) as [number, number];
  return as - bs || ap - bp;
}
