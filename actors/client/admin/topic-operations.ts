/**
 * Topic administration: create, delete, list, describe, add partitions. Create, delete and
 * CreatePartitions go to the controller (NOT_CONTROLLER: refresh metadata and resend to the new one);
 * list and describe read Metadata from any broker. The broker validates names, counts, placements and
 * configs; its per-topic errors (TOPIC_ALREADY_EXISTS, INVALID_REPLICATION_FACTOR, INVALID_CONFIG
 * naming the key...) come back as an AdminError naming each topic.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { MetadataResponseTopic } from '../../../core/protocol/index.ts';
import {
  done,
  failed,
  retry,
  runOnce,
  runRounds,
  type AdminCall,
  type Outcome,
  type Settled,
} from './admin-call.ts';
import type { AdminContext } from './admin-context.ts';
import { label, resourceError, throwIfFailed, type AdminFailure } from './admin-error.ts';
import type {
  CreatedTopic,
  CreatePartitionsOptions,
  CreateTopicsOptions,
  DeleteTopicsOptions,
  ListTopicsOptions,
  NewPartitions,
  NewTopic,
  TopicDescription,
} from './admin-types.ts';
import { mergeConfigs } from './config-resources.ts';

const zeroUuid = '00000000-0000-0000-0000-000000000000';

/** The outcome of a controller's per-topic answer. */
function controllerOutcome<R>(
  ctx: AdminContext,
  topic: string,
  errorCode: number,
  errorMessage: string | null,
  value: () => R,
): Outcome<R> {
  if (errorCode === ErrorCode.NONE) return done(value());
  const error = resourceError(errorCode, label.topic(topic), errorMessage);
  if (errorCode === ErrorCode.NOT_CONTROLLER) {
    ctx.metadata.requestUpdate();
    return retry(error);
  }
  if (errorCode === ErrorCode.THROTTLING_QUOTA_EXCEEDED) return retry(error);
  return failed(error);
}

/** The values of settled resources in input order; failures collected for an AdminError. */
function collect<R>(
  keys: readonly string[],
  settled: ReadonlyMap<string, Settled<R>>,
  labelOf: (key: string) => string,
): { values: R[]; failures: AdminFailure[] } {
  const values: R[] = [];
  const failures: AdminFailure[] = [];
  for (const key of keys) {
    const s = settled.get(key)!;
    if (s.ok) values.push(s.value);
    else failures.push({ resource: labelOf(key), error: s.error });
  }
  return { values, failures };
}

function checkName(what: string, name: unknown): string {
  if (typeof name !== 'string' || name === '')
    throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `${what}: topic names are non-empty strings`);
  return name;
}

function checkCount(what: string, key: string, value: number | undefined): number {
  if (value === undefined) return -1;
  if (!Number.isSafeInteger(value) || (value < 1 && value !== -1))
    throw new KafkaError(
      key === 'replicationFactor' ? ErrorCode.INVALID_REPLICATION_FACTOR : ErrorCode.INVALID_PARTITIONS,
      `${what}: ${key} must be a positive integer (or -1 for the broker default), got ${value}`,
    );
  return value;
}

function uniqueNames(what: string, names: readonly string[]): string[] {
  return [...new Set(names.map((n) => checkName(what, n)))];
}

/** A partition list whose every partition has a leader. */
function hasLeaders(t: MetadataResponseTopic | undefined, partitionsMin: number): boolean {
  if (t === undefined || t.errorCode !== ErrorCode.NONE) return false;
  if (t.partitions.length === 0 || t.partitions.length < partitionsMin) return false;
  return t.partitions.every((p) => p.leaderId >= 0 && p.errorCode !== ErrorCode.LEADER_NOT_AVAILABLE);
}

interface CreatableTopic {
  readonly name: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly assignments: { partitionIndex: number; brokerIds: number[] }[];
  readonly configs: { name: string; value: string | null }[];
}

function creatable(t: NewTopic): CreatableTopic {
  const name = checkName('createTopics', t.topic);
  const what = `createTopics: ${label.topic(name)}`;
  let numPartitions = checkCount(what, 'numPartitions', t.numPartitions);
  let replicationFactor = checkCount(what, 'replicationFactor', t.replicationFactor);
  const assignments = (t.replicaAssignment ?? []).map((a) => ({
    partitionIndex: a.partition,
    brokerIds: [...a.replicas],
  }));
  if (assignments.length > 0) {
    // With explicit placement, Kafka wants -1 for both counts; given ones must agree with the placement.
    const rf = assignments[0]!.brokerIds.length;
    if (numPartitions !== -1 && numPartitions !== assignments.length)
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `${what}: numPartitions ${numPartitions} disagrees with the ${assignments.length} partition(s) of replicaAssignment`,
      );
    if (replicationFactor !== -1 && assignments.some((a) => a.brokerIds.length !== replicationFactor))
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `${what}: replicationFactor ${replicationFactor} disagrees with replicaAssignment (${rf} replicas)`,
      );
    numPartitions = -1;
    replicationFactor = -1;
  }
  return {
    name,
    numPartitions,
    replicationFactor,
    assignments,
    configs: mergeConfigs(what, t.configEntries, t.configs),
  };
}

export async function createTopics(
  ctx: AdminContext,
  topics: readonly NewTopic[],
  options: CreateTopicsOptions = {},
): Promise<CreatedTopic[]> {
  const call = ctx.newCall('createTopics', options.timeoutMs);
  const specs = topics.map(creatable);
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name))
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `createTopics: ${label.topic(s.name)} is listed twice`);
    seen.add(s.name);
  }
  if (specs.length === 0) return [];
  const validateOnly = options.validateOnly ?? false;
  const settled = await runRounds<CreatableTopic, CreatedTopic>(
    call,
    specs,
    (s) => s.name,
    async (pending) => {
      const r = await ctx.sendToController(call, 19, (timeoutMs) => ({
        topics: [...pending],
        timeoutMs,
        validateOnly,
      }));
      const out = new Map<string, Outcome<CreatedTopic>>();
      for (const t of r.topics) {
        out.set(
          t.name,
          controllerOutcome(ctx, t.name, t.errorCode, t.errorMessage, () => ({
            topic: t.name,
            topicId: t.topicId === '' ? zeroUuid : t.topicId,
            numPartitions: t.numPartitions,
            replicationFactor: t.replicationFactor,
          })),
        );
      }
      return out;
    },
  );
  const { values, failures } = collect(
    specs.map((s) => s.name),
    settled,
    label.topic,
  );
  throwIfFailed('createTopics', failures);
  if (!validateOnly && (options.waitForLeaders ?? true)) {
    const expected = new Map<string, number>();
    for (const s of specs)
      expected.set(s.name, s.assignments.length > 0 ? s.assignments.length : Math.max(0, s.numPartitions));
    for (const v of values) if (v.numPartitions > 0) expected.set(v.topic, v.numPartitions);
    await ctx.awaitOnAllBrokers(
      call,
      values.map((v) => v.topic),
      (name, t) => hasLeaders(t, expected.get(name) ?? 0),
      'leaders',
    );
  }
  return values;
}

export async function deleteTopics(
  ctx: AdminContext,
  topics: readonly string[],
  options: DeleteTopicsOptions = {},
): Promise<void> {
  const call = ctx.newCall('deleteTopics', options.timeoutMs);
  const names = uniqueNames('deleteTopics', topics);
  if (names.length === 0) return;
  const settled = await runRounds<string, string>(
    call,
    names,
    (n) => n,
    async (pending) => {
      // v6+ names topics in `topics` (by name or id); earlier versions in `topicNames`.
      const r = await ctx.sendToController(call, 20, (timeoutMs) => ({
        topics: pending.map((name) => ({ name, topicId: zeroUuid })),
        topicNames: [...pending],
        timeoutMs,
      }));
      const out = new Map<string, Outcome<string>>();
      for (const t of r.responses) {
        if (t.name === null) continue;
        const name = t.name;
        out.set(
          name,
          controllerOutcome(ctx, name, t.errorCode, t.errorMessage, () => name),
        );
      }
      return out;
    },
  );
  const { values, failures } = collect(names, settled, label.topic);
  for (const name of values) ctx.metadata.untrack(name);
  throwIfFailed('deleteTopics', failures);
  if (options.waitForDeletion ?? true) {
    await ctx.awaitOnAllBrokers(
      call,
      values,
      (_name, t) => t === undefined || t.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      'deletion',
    );
  }
}

export async function listTopics(ctx: AdminContext, options: ListTopicsOptions = {}): Promise<string[]> {
  const call = ctx.newCall('listTopics', options.timeoutMs);
  return runOnce(call, async () => {
    const r = await ctx.fetchMetadata(call, null);
    const names = r.topics
      .filter((t) => t.name !== null && (options.listInternal === true || !t.isInternal))
      .map((t) => t.name!);
    return done(names.sort());
  });
}

function descriptionOf(t: MetadataResponseTopic, name: string): TopicDescription {
  return {
    name,
    topicId: t.topicId === '' ? zeroUuid : t.topicId,
    isInternal: t.isInternal,
    partitions: [...t.partitions]
      .sort((a, b) => a.partitionIndex - b.partitionIndex)
      .map((p) => ({
        partition: p.partitionIndex,
        leader: p.errorCode === ErrorCode.LEADER_NOT_AVAILABLE ? -1 : p.leaderId,
        leaderEpoch: p.leaderEpoch,
        replicas: p.replicaNodes,
        isr: p.isrNodes,
        offlineReplicas: p.offlineReplicas,
      })),
  };
}

/** Descriptions of `names` within an existing call (shared with the offset helpers). */
export async function describeTopicsIn(
  ctx: AdminContext,
  call: AdminCall,
  names: readonly string[],
): Promise<TopicDescription[]> {
  const settled = await runRounds<string, TopicDescription>(
    call,
    names,
    (n) => n,
    async (pending) => {
      const r = await ctx.fetchMetadata(call, pending);
      const out = new Map<string, Outcome<TopicDescription>>();
      for (const name of pending) {
        const t = r.topics.find((x) => x.name === name);
        const errorCode = t?.errorCode ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (t !== undefined && errorCode === ErrorCode.NONE) {
          out.set(name, done(descriptionOf(t, name)));
          continue;
        }
        const error = resourceError(
          errorCode,
          label.topic(name),
          t === undefined ? 'not in the answer' : null,
        );
        // A topic being created answers LEADER_NOT_AVAILABLE for a moment; an unknown one is final.
        const transient = errorCode !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION && error.retriable;
        out.set(name, transient ? retry(error) : failed(error));
      }
      return out;
    },
  );
  const { values, failures } = collect(names, settled, label.topic);
  throwIfFailed('describeTopics', failures);
  return values;
}

export async function describeTopics(
  ctx: AdminContext,
  topics: readonly string[],
  options: { readonly timeoutMs?: number } = {},
): Promise<TopicDescription[]> {
  const call = ctx.newCall('describeTopics', options.timeoutMs);
  const names = uniqueNames('describeTopics', topics);
  if (names.length === 0) return [];
  return describeTopicsIn(ctx, call, names);
}

export async function createPartitions(
  ctx: AdminContext,
  topicPartitions: readonly NewPartitions[],
  options: CreatePartitionsOptions = {},
): Promise<void> {
  const call = ctx.newCall('createPartitions', options.timeoutMs);
  const seen = new Set<string>();
  for (const t of topicPartitions) {
    const name = checkName('createPartitions', t.topic);
    if (seen.has(name))
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `createPartitions: ${label.topic(name)} is listed twice`,
      );
    seen.add(name);
    if (!Number.isSafeInteger(t.count) || t.count < 1)
      throw new KafkaError(
        ErrorCode.INVALID_PARTITIONS,
        `createPartitions: ${label.topic(name)}: count must be a positive integer, got ${t.count}`,
      );
  }
  if (topicPartitions.length === 0) return;
  const validateOnly = options.validateOnly ?? false;
  const settled = await runRounds<NewPartitions, string>(
    call,
    topicPartitions,
    (t) => t.topic,
    async (pending) => {
      const r = await ctx.sendToController(call, 37, (timeoutMs) => ({
        topics: pending.map((t) => ({
          name: t.topic,
          count: t.count,
          assignments: t.assignments === undefined ? null : t.assignments.map((a) => ({ brokerIds: [...a] })),
        })),
        timeoutMs,
        validateOnly,
      }));
      const out = new Map<string, Outcome<string>>();
      for (const t of r.results)
        out.set(
          t.name,
          controllerOutcome(ctx, t.name, t.errorCode, t.errorMessage, () => t.name),
        );
      return out;
    },
  );
  const { values, failures } = collect(
    topicPartitions.map((t) => t.topic),
    settled,
    label.topic,
  );
  throwIfFailed('createPartitions', failures);
  if (!validateOnly && (options.waitForLeaders ?? true)) {
    const counts = new Map(topicPartitions.map((t) => [t.topic, t.count]));
    await ctx.awaitOnAllBrokers(
      call,
      values,
      (name, t) => hasLeaders(t, counts.get(name) ?? 0),
      'new partitions',
    );
  }
}
