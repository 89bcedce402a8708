// `tributary groups list|describe`: kafka-consumer-groups.sh --list / --describe.
import type { Command } from 'commander';
import type { Admin, GroupDescription } from '../../actors/client/index.ts';
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

/** Registers `tributary groups ...`. */
export function registerGroupsCommand(program: Command): void {
  const groups = program.command('groups').description('list and describe consumer groups');
  withBootstrapServers(groups.command('list').description('list groups with their type and state')).action(
    (opts: ClusterOptions) => runCommand(() => listGroups(opts)),
  );
  withBootstrapServers(
    groups
      .command('describe <groups...>')
      .description('show members, committed offsets, log end offsets and lag per partition'),
  ).action((ids: string[], opts: ClusterOptions) => runCommand(() => describeGroups(ids, opts)));
}
