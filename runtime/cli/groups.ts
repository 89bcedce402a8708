// `tributary groups list|describe|reset-offsets|delete`: kafka-consumer-groups.sh --list /
// --describe / --reset-offsets / --delete.
import { InvalidArgumentError, type Command } from 'commander';
import { AdminError, type Admin, type GroupDescription } from '../../actors/client/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import {
  printTable,
  runCommand,
  withAdmin,
  withBootstrapServers,
  type ClusterOptions,
} from './cluster-client.ts';

/** Prints every group id with its protocol type and state. */
export async function listGroups(options: ClusterOptions): Promise<void> {
  await withAdmin(options, async (admin) => {
    const { groups } = await admin.listGroups();
    const sorted = [...groups].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
    printTable(
      ['GROUP', 'TYPE', 'STATE'],
      sorted.map((g) => [
        g.groupId,
        g.protocolType === '' ? '-' : g.protocolType,
        g.state === '' ? '-' : g.state,
      ]),
    );
  });
}

/**
 * Prints each group's state and, per partition it has committed offsets for or is assigned, the
 * committed offset, the log end offset, the lag and the member that owns it (the layout of
 * kafka-consumer-groups.sh --describe).
 */
export async function describeGroups(groupIds: readonly string[], options: ClusterOptions): Promise<void> {
  await withAdmin(options, async (admin) => {
    const { groups } = await admin.describeGroups(groupIds);
    for (const group of groups) {
      process.stdout.write(
        `Group: ${group.groupId}\tState: ${group.state}\tProtocol: ${group.protocol === '' ? '-' : group.protocol}\tMembers: ${group.members.length}\n`,
      );
      const rows = await partitionRows(admin, group);
      if (rows.length === 0) {
        process.stdout.write('(no committed offsets and no assigned partitions)\n');
        continue;
      }
      printTable(
        ['TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'],
        rows,
      );
    }
  });
}

async function partitionRows(admin: Admin, group: GroupDescription): Promise<string[][]> {
  const owners = new Map<string, { memberId: string; host: string; clientId: string }>();
  for (const m of group.members) {
    for (const t of m.assignment?.assignedPartitions ?? []) {
      for (const p of t.partitions) {
        owners.set(`${t.topic}\u0000${p}`, {
          memberId: m.memberId,
          host: m.clientHost,
          clientId: m.clientId,
        });
      }
    }
  }
  const committed = new Map<string, number>();
  if (group.state !== 'Dead') {
    for (const t of await admin.fetchOffsets({ groupId: group.groupId })) {
      for (const p of t.partitions)
        if (p.offset >= 0) committed.set(`${t.topic}\u0000${p.partition}`, p.offset);
    }
  }
  const keys = [...new Set([...committed.keys(), ...owners.keys()])].sort(comparePartitionKeys);
  if (keys.length === 0) return [];
  const tps = keys.map((k) => {
    const [topic, partition] = k.split('\u0000');
    return { topic: topic!, partition: Number(partition) };
  });
  const ends = new Map(
    (await admin.listOffsets(tps.map((tp) => ({ ...tp, spec: 'latest' as const })))).map((o) => [
      `${o.topic}\u0000${o.partition}`,
      o.offset,
    ]),
  );
  return tps.map((tp, i) => {
    const key = keys[i]!;
    const current = committed.get(key);
    const end = ends.get(key);
    const owner = owners.get(key);
    return [
      tp.topic,
      String(tp.partition),
      current === undefined ? '-' : String(current),
      end === undefined ? '-' : String(end),
      current === undefined || end === undefined ? '-' : String(Math.max(0, end - current)),
      owner?.memberId ?? '-',
      owner?.host ?? '-',
      owner?.clientId ?? '-',
    ];
  });
}

function comparePartitionKeys(a: string, b: string): number {
  const [ta, pa] = a.split('\u0000');
  const [tb, pb] = b.split('\u0000');
  if (ta !== tb) return ta! < tb! ? -1 : 1;
  return Number(pa) - Number(pb);
}

/** Where reset-offsets moves each partition (exactly one of them). */
export type ResetTarget =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'offset'; readonly offset: number }
  | { readonly kind: 'datetime'; readonly timestamp: number }
  | { readonly kind: 'shift'; readonly by: number };

export interface ResetOffsetsOptions extends ClusterOptions {
  /** `topic` (every partition) or `topic:0,2`; repeatable. */
  readonly topic: string[];
  readonly allTopics?: boolean;
  readonly toEarliest?: boolean;
  readonly toLatest?: boolean;
  readonly toOffset?: number;
  readonly toDatetime?: number;
  readonly shiftBy?: number;
  readonly execute?: boolean;
}

/** The reset target the options name; exactly one --to-... / --shift-by must be given. */
export function resetTarget(options: ResetOffsetsOptions): ResetTarget {
  const targets: ResetTarget[] = [];
  if (options.toEarliest === true) targets.push({ kind: 'earliest' });
  if (options.toLatest === true) targets.push({ kind: 'latest' });
  if (options.toOffset !== undefined) targets.push({ kind: 'offset', offset: options.toOffset });
  if (options.toDatetime !== undefined) targets.push({ kind: 'datetime', timestamp: options.toDatetime });
  if (options.shiftBy !== undefined) targets.push({ kind: 'shift', by: options.shiftBy });
  if (targets.length !== 1)
    throw new KafkaError(
      ErrorCode.INVALID_REQUEST,
      'give exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime, --shift-by',
    );
  return targets[0]!;
}

/** One partition of a reset plan. */
export interface PlannedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/**
 * Plans (and with `execute` commits) new committed offsets for a group, as kafka-consumer-groups.sh
 * --reset-offsets: only while the group is inactive (Empty, or Dead: no such group yet); offsets are
 * kept within each partition's [log start, log end]. Prints the plan (TOPIC PARTITION NEW-OFFSET).
 */
export async function resetOffsets(groupId: string, options: ResetOffsetsOptions): Promise<PlannedOffset[]> {
  const target = resetTarget(options);
  if ((options.allTopics === true) === options.topic.length > 0)
    throw new KafkaError(
      ErrorCode.INVALID_REQUEST,
      'give either --topic <topic[:partitions]> or --all-topics',
    );
  return withAdmin(options, async (admin) => {
    const plan = await planReset(admin, groupId, target, options);
    printTable(
      ['TOPIC', 'PARTITION', 'NEW-OFFSET'],
      plan.map((p) => [p.topic, String(p.partition), String(p.offset)]),
    );
    if (options.execute === true) {
      // A non-member's commit (generation -1): the coordinator refuses it if a consumer joined since.
      await admin.alterConsumerGroupOffsets(groupId, plan);
      process.stderr.write(`Committed the new offsets of group ${groupId}.\n`);
    } else process.stderr.write('Dry run: nothing committed (add --execute to commit these offsets).\n');
    return plan;
  });
}

/** The new offset of each partition, checking first that the group is inactive. */
async function planReset(
  admin: Admin,
  groupId: string,
  target: ResetTarget,
  options: ResetOffsetsOptions,
): Promise<PlannedOffset[]> {
  const [group] = (await admin.describeGroups([groupId])).groups;
  const state = group?.state ?? 'Dead';
  if (state !== 'Empty' && state !== 'Dead')
    throw new KafkaError(
      ErrorCode.NON_EMPTY_GROUP,
      `Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${state}.`,
    );
  const committed = new Map<string, number>();
  if (state !== 'Dead') {
    for (const t of await admin.fetchOffsets({ groupId })) {
      for (const p of t.partitions)
        if (p.offset >= 0) committed.set(`${t.topic}\u0000${p.partition}`, p.offset);
    }
  }
  const tps =
    options.allTopics === true
      ? [...committed.keys()].sort(comparePartitionKeys).map(splitKey)
      : await namedPartitions(admin, options.topic);
  if (tps.length === 0)
    throw new KafkaError(ErrorCode.INVALID_REQUEST, `group '${groupId}' has no committed offsets to reset`);
  const offsetsOf = async (spec: 'earliest' | 'latest' | { timestamp: number }) =>
    new Map(
      (await admin.listOffsets(tps.map((tp) => ({ ...tp, spec })))).map((o) => [
        `${o.topic}\u0000${o.partition}`,
        o.offset,
      ]),
    );
  const starts = await offsetsOf('earliest');
  const ends = await offsetsOf('latest');
  const atTime = target.kind === 'datetime' ? await offsetsOf({ timestamp: target.timestamp }) : undefined;
  return tps.map((tp): PlannedOffset => {
    const key = `${tp.topic}\u0000${tp.partition}`;
    const start = starts.get(key) ?? 0;
    const end = ends.get(key) ?? 0;
    let offset: number;
    switch (target.kind) {
      case 'earliest':
        offset = start;
        break;
      case 'latest':
        offset = end;
        break;
      case 'offset':
        offset = target.offset;
        break;
      case 'datetime': {
        const found = atTime?.get(key) ?? -1;
        offset = found < 0 ? end : found;
        break;
      }
      case 'shift': {
        const current = committed.get(key);
        if (current === undefined)
          throw new KafkaError(
            ErrorCode.INVALID_REQUEST,
            `--shift-by: group '${groupId}' has no committed offset for ${tp.topic}-${tp.partition}`,
          );
        offset = current + target.by;
        break;
      }
    }
    return { ...tp, offset: Math.min(end, Math.max(start, offset)) };
  });
}

/** `topic` (all its partitions) or `topic:0,1,...`. */
async function namedPartitions(
  admin: Admin,
  specs: readonly string[],
): Promise<{ topic: string; partition: number }[]> {
  const wanted = specs.map((spec) => {
    const at = spec.lastIndexOf(':');
    if (at < 0) return { topic: spec, partitions: undefined };
    const partitions = spec
      .slice(at + 1)
      .split(',')
      .map((p) => {
        const n = Number(p.trim());
        if (p.trim() === '' || !Number.isInteger(n) || n < 0)
          throw new KafkaError(
            ErrorCode.INVALID_REQUEST,
            `--topic ${spec}: '${p}' is not a partition number`,
          );
        return n;
      });
    return { topic: spec.slice(0, at), partitions };
  });
  const described = await admin.describeTopics([...new Set(wanted.map((w) => w.topic))]);
  const counts = new Map(described.map((d) => [d.name, d.partitions.map((p) => p.partition)]));
  const out = new Map<string, { topic: string; partition: number }>();
  for (const w of wanted) {
    const existing = counts.get(w.topic) ?? [];
    for (const p of w.partitions ?? existing) {
      if (!existing.includes(p))
        throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${w.topic}-${p} does not exist`);
      out.set(`${w.topic}\u0000${p}`, { topic: w.topic, partition: p });
    }
  }
  return [...out.keys()].sort(comparePartitionKeys).map((k) => out.get(k)!);
}

/**
 * Deletes groups (and their committed offsets); prints one line per group and, when some could not be
 * deleted (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, ...), throws naming them.
 */
export async function deleteGroups(groupIds: readonly string[], options: ClusterOptions): Promise<void> {
  await withAdmin(options, async (admin) => {
    let failures: AdminError['failures'] = [];
    try {
      await admin.deleteGroups(groupIds);
    } catch (err) {
      if (!(err instanceof AdminError)) throw err;
      failures = err.failures;
    }
    const failed = new Map(failures.map((f) => [f.resource, f.error]));
    for (const g of groupIds) {
      const error = failed.get(`group '${g}'`);
      if (error === undefined) process.stdout.write(`Deleted group ${g}.\n`);
      else process.stderr.write(`Could not delete group ${g}: ${error.message}\n`);
    }
    if (failures.length > 0)
      throw new KafkaError(
        failures[0]!.error.code,
        `${failures.length} of ${groupIds.length} group(s) not deleted`,
      );
  });
}

function splitKey(key: string): { topic: string; partition: number } {
  const [topic, partition] = key.split('\u0000');
  return { topic: topic!, partition: Number(partition) };
}

function integer(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
}

function nonNegativeInteger(value: string): number {
  const n = integer(value);
  if (n < 0) throw new InvalidArgumentError('must be an integer >= 0');
  return n;
}

/** Milliseconds since the epoch, or an ISO-8601 date-time. */
export function timestampArg(value: string): number {
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new InvalidArgumentError('must be milliseconds since the epoch or an ISO-8601 date-time');
  return ms;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Registers `tributary groups ...`. */
export function registerGroupsCommand(program: Command): void {
  const groups = program
    .command('groups')
    .description('list, describe, reset the offsets of and delete consumer groups');
  withBootstrapServers(groups.command('list').description('list groups with their type and state')).action(
    (opts: ClusterOptions) => runCommand(() => listGroups(opts)),
  );
  withBootstrapServers(
    groups
      .command('describe <groups...>')
      .description('show members, committed offsets, log end offsets and lag per partition'),
  ).action((ids: string[], opts: ClusterOptions) => runCommand(() => describeGroups(ids, opts)));
  withBootstrapServers(
    groups
      .command('reset-offsets <group>')
      .description("move an inactive group's committed offsets; prints the plan, commits only with --execute")
      .option('--topic <topic[:p,...]>', 'a topic, or some of its partitions (repeatable)', collect, [])
      .option('--all-topics', 'every partition the group has committed offsets for')
      .option('--to-earliest', 'to each partition’s log start')
      .option('--to-latest', 'to each partition’s log end')
      .option('--to-offset <n>', 'to this offset (kept within the log)', nonNegativeInteger)
      .option(
        '--to-datetime <time>',
        'to the first record at or after this time (ISO-8601 or ms)',
        timestampArg,
      )
      .option('--shift-by <n>', 'move the committed offsets by n (negative: back)', integer)
      .option('--execute', 'commit the new offsets (default: dry run)'),
  ).action((group: string, opts: ResetOffsetsOptions) =>
    runCommand(async () => {
      await resetOffsets(group, opts);
    }),
  );
  withBootstrapServers(
    groups.command('delete <groups...>').description('delete inactive groups and their committed offsets'),
  ).action((ids: string[], opts: ClusterOptions) => runCommand(() => deleteGroups(ids, opts)));
}
