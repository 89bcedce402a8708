import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Produced, StreamsBuilder } from '../../dsl/index.ts';
import { decodeSubscriptionBytes, type Assignment, type GroupMember } from '../client/index.ts';
import {
  AssignorError,
  StreamsTaskAssignor,
  balancedAssignment,
  decodeAssignmentInfo,
  type StreamsSubscriptionInfo,
} from './task-assignor.ts';
import { TaskLayout } from './task-layout.ts';

const S = Serdes.String();

/** Sub-topology 0 merges 'left' and 'right'; sub-topology 1 reads 'other'. */
function layout(): TaskLayout {
  const builder = new StreamsBuilder();
  builder
    .stream<string, string>('left', Consumed.with(S, S))
    .merge(builder.stream<string, string>('right', Consumed.with(S, S)))
    .to('out', Produced.with(S, S));
  builder.stream<string, string>('other', Consumed.with(S, S)).to('out2', Produced.with(S, S));
  return new TaskLayout(builder.build(), 'app');
}

function member(
  memberId: string,
  owned: { topic: string; partitions: number[] }[] = [],
  generationId = -1,
): GroupMember {
  const assignor = new StreamsTaskAssignor(layout());
  const bytes = assignor.protocolMetadata({
    topics: ['left', 'right', 'other'],
    ownedPartitions: owned,
    generationId,
  });
  return { memberId, subscription: decodeSubscriptionBytes(bytes) };
}

function partitionsOf(a: Assignment): string[] {
  return a.assignedPartitions.flatMap((t) => t.partitions.map((p) => `${t.topic}-${p}`)).sort();
}

const counts = new Map([
  ['left', 3],
  ['right', 3],
  ['other', 2],
]);

/** A member announcing Streams info (process, host, shutdown flag) in its subscription userData. */
function infoMember(memberId: string, info: StreamsSubscriptionInfo): GroupMember {
  const assignor = new StreamsTaskAssignor(layout(), { subscriptionInfo: () => info });
  const bytes = assignor.protocolMetadata({ topics: ['left', 'right', 'other'], generationId: -1 });
  return { memberId, subscription: decodeSubscriptionBytes(bytes) };
}

describe('StreamsTaskAssignor userData', () => {
  it('a member asking for shutdown makes the leader assign nothing and send SHUTDOWN_REQUESTED to every member, which each member hears', () => {
    const members = [
      infoMember('a', { errorCode: AssignorError.NONE, applicationServer: null }),
      infoMember('b', { errorCode: AssignorError.SHUTDOWN_REQUESTED, applicationServer: null }),
    ];
    const out = new StreamsTaskAssignor(layout()).assign(members, counts);
    const heard: number[] = [];
    const receiver = new StreamsTaskAssignor(layout(), {
      onAssignment: (info) => heard.push(info.errorCode),
    });
    for (const id of ['a', 'b']) {
      assert.deepEqual(out.get(id)!.assignedPartitions, []);
      assert.equal(decodeAssignmentInfo(out.get(id)!.userData).errorCode, AssignorError.SHUTDOWN_REQUESTED);
      receiver.onAssignment(out.get(id)!);
    }
    assert.deepEqual(heard, [AssignorError.SHUTDOWN_REQUESTED, AssignorError.SHUTDOWN_REQUESTED]);
  });

  it('tells every member which application.server hosts which partitions, and the source partition counts', () => {
    const members = [
      infoMember('a', { errorCode: 0, applicationServer: 'h1:1', processId: 'p1' }),
      infoMember('b', { errorCode: 0, applicationServer: 'h2:2', processId: 'p2' }),
    ];
    const out = new StreamsTaskAssignor(layout()).assign(members, counts);
    const infoA = decodeAssignmentInfo(out.get('a')!.userData);
    assert.deepEqual(infoA.partitionsByHost, decodeAssignmentInfo(out.get('b')!.userData).partitionsByHost);
    const hosted = (host: string): string[] =>
      (infoA.partitionsByHost.get(host) ?? []).map((tp) => `${tp.topic}-${tp.partition}`).sort();
    assert.deepEqual(hosted('h1:1'), partitionsOf(out.get('a')!));
    assert.deepEqual(hosted('h2:2'), partitionsOf(out.get('b')!));
    assert.deepEqual([...infoA.partitionCounts].sort(), [...counts].sort());
  });

  it('places num.standby.replicas standbys of each task on other instances (never the active one), balancing the load', () => {
    const members = [
      infoMember('a1', { errorCode: 0, applicationServer: 'h1:1', processId: 'p1' }),
      infoMember('a2', { errorCode: 0, applicationServer: 'h1:1', processId: 'p1' }),
      infoMember('b1', { errorCode: 0, applicationServer: 'h2:2', processId: 'p2' }),
      infoMember('c1', { errorCode: 0, applicationServer: 'h3:3', processId: 'p3' }),
    ];
    const process = new Map([
      ['a1', 'p1'],
      ['a2', 'p1'],
      ['b1', 'p2'],
      ['c1', 'p3'],
    ]);
    const out = new StreamsTaskAssignor(layout(), {}, 2).assign(members, counts);
    const activeProcess = new Map<string, string>();
    const standbyProcesses = new Map<string, string[]>();
    const l = layout();
    for (const [id, a] of out) {
      for (const t of a.assignedPartitions)
        for (const p of t.partitions) activeProcess.set(l.taskOf(t.topic, p)!, process.get(id)!);
      for (const task of decodeAssignmentInfo(a.userData).standbyTasks ?? []) {
        const list = standbyProcesses.get(task) ?? [];
        standbyProcesses.set(task, list);
        list.push(process.get(id)!);
      }
    }
    assert.equal(activeProcess.size, 5);
    for (const [task, p] of activeProcess) {
      const standbys = standbyProcesses.get(task) ?? [];
      assert.equal(standbys.length, 2, `task ${task} has 2 standbys`);
      assert.equal(new Set(standbys).size, 2, `task ${task}'s standbys are on distinct instances`);
      assert.ok(!standbys.includes(p), `task ${task}'s standbys avoid its active instance ${p}`);
    }
    const load = [...out.keys()].map(
      (id) =>
        (decodeAssignmentInfo(out.get(id)!.userData).standbyTasks ?? []).length +
        partitionsOf(out.get(id)!).length,
    );
    assert.ok(Math.max(...load) - Math.min(...load) <= 3, `load ${load}`);
  });
});

describe('StreamsTaskAssignor', () => {
  it('lays tasks out per sub-topology and partition, co-partitioned inputs in one task', () => {
    const tasks = layout().tasks(counts);
    assert.deepEqual(
      tasks.map((t) => `${t.id}:${t.partitions.map((p) => `${p.topic}-${p.partition}`).join('+')}`),
      ['0_0:left-0+right-0', '0_1:left-1+right-1', '0_2:left-2+right-2', '1_0:other-0', '1_1:other-1'],
    );
  });

  it('gives every partition of a task to one member and balances task counts within one', () => {
    const assignor = new StreamsTaskAssignor(layout());
    const result = assignor.assign([member('m1'), member('m2')], counts);
    const m1 = partitionsOf(result.get('m1')!);
    const m2 = partitionsOf(result.get('m2')!);
    assert.deepEqual([...m1, ...m2].sort(), [
      'left-0',
      'left-1',
      'left-2',
      'other-0',
      'other-1',
      'right-0',
      'right-1',
      'right-2',
    ]);
    for (let p = 0; p < 3; p++) {
      const owner = m1.includes(`left-${p}`) ? m1 : m2;
      assert.ok(owner.includes(`right-${p}`), `left-${p} and right-${p} go to the same member`);
    }
    const tasksOf = (ps: string[]): number => ps.filter((p) => !p.startsWith('right')).length;
    assert.ok(Math.abs(tasksOf(m1) - tasksOf(m2)) <= 1, `${m1} vs ${m2}`);
  });

  it('keeps owned tasks, and a task moving away from a live owner is assigned to nobody until the owner gives it up', () => {
    const assignor = new StreamsTaskAssignor(layout());
    const everything = [
      { topic: 'left', partitions: [0, 1, 2] },
      { topic: 'right', partitions: [0, 1, 2] },
      { topic: 'other', partitions: [0, 1] },
    ];
    const result = assignor.assign([member('m1', everything, 4), member('m2')], counts);
    const m1 = partitionsOf(result.get('m1')!);
    const m2 = partitionsOf(result.get('m2')!);
    // m1 keeps 3 of the 5 tasks (balance allows 3/2); the 2 it loses go to m2 only in the next round.
    assert.equal(m1.filter((p) => !p.startsWith('right')).length, 3);
    assert.deepEqual(m2, []);
    // Next round: m1 owns what it kept; the moved tasks now go to m2.
    const kept = ['left', 'right', 'other'].map((topic) => ({
      topic,
      partitions: m1.filter((p) => p.startsWith(`${topic}-`)).map((p) => Number(p.split('-')[1])),
    }));
    const next = assignor.assign([member('m1', kept, 5), member('m2', [], 5)], counts);
    assert.deepEqual(partitionsOf(next.get('m1')!), m1);
    assert.equal(partitionsOf(next.get('m2')!).filter((p) => !p.startsWith('right')).length, 2);
  });

  it('balances with stickiness: owners keep up to their share, the rest fills the emptiest members', () => {
    const owners = new Map([
      ['0_0', 'a'],
      ['0_1', 'a'],
      ['0_2', 'a'],
      ['0_3', 'b'],
    ]);
    const out = balancedAssignment(['a', 'b', 'c'], ['0_0', '0_1', '0_2', '0_3', '0_4'], owners);
    assert.deepEqual(out.get('a'), ['0_0', '0_1']);
    assert.deepEqual(out.get('b'), ['0_3', '0_4']);
    assert.deepEqual(out.get('c'), ['0_2']);
  });
});
