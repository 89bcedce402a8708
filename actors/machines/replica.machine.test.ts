import assert from 'node:assert/strict';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SimulatedClock } from '../../core/io/index.ts';
import { MachineHost } from '../system/xstate-host.ts';
import type { ReplyTo } from '../system/actor-ref.ts';
import {
  replicaMachine,
  type LeaderCheck,
  type ReplicaEffect,
  type ReplicaEvent,
} from './replica.machine.ts';

function replica(events: readonly ReplicaEvent[], leaderEpoch = -1) {
  const effects: ReplicaEffect[] = [];
  const host = new MachineHost(replicaMachine, new SimulatedClock(), {
    input: { topic: 't', partition: 0, replicaId: 1, leaderEpoch },
    onEffect: (e) => void effects.push(e),
    onError: (e) => assert.fail(`machine error ${String(e)}`),
    onDone: () => {},
  });
  for (const e of events) host.send(e);
  return { host, effects, state: () => host.snapshot.value as string, ctx: () => host.snapshot.context };
}

const leader = (leaderEpoch: number, isr: number[] = [1, 2, 3]): ReplicaEvent => ({
  type: 'BECOME_LEADER',
  leaderEpoch,
  isr,
});
const follower = (leaderEpoch: number, leaderId = 2): ReplicaEvent => ({
  type: 'BECOME_FOLLOWER',
  leaderEpoch,
  leaderId,
});

describe('replicaMachine', () => {
  // [name, events before, event, expected state, expected leaderEpoch, expected effect]
  const table: [string, ReplicaEvent[], ReplicaEvent, string, number, string][] = [
    ['offline -> leader on a newer epoch', [], leader(0), 'leader', 0, 'ROLE_CHANGED:leader'],
    ['offline -> follower on a newer epoch', [], follower(0), 'follower', 0, 'ROLE_CHANGED:follower'],
    ['follower -> leader on a newer epoch', [follower(1)], leader(2), 'leader', 2, 'ROLE_CHANGED:leader'],
    ['leader -> follower on a newer epoch', [leader(1)], follower(2), 'follower', 2, 'ROLE_CHANGED:follower'],
    ['leader -> leader again on a newer epoch', [leader(1)], leader(2), 'leader', 2, 'ROLE_CHANGED:leader'],
    [
      'follower -> fenced on a newer epoch seen elsewhere',
      [follower(1)],
      { type: 'FENCE', leaderEpoch: 2 },
      'fenced',
      1,
      'ROLE_CHANGED:fenced',
    ],
    [
      'leader -> fenced on a newer epoch seen elsewhere',
      [leader(1)],
      { type: 'FENCE', leaderEpoch: 3 },
      'fenced',
      1,
      'ROLE_CHANGED:fenced',
    ],
    [
      'fenced -> follower on a newer epoch',
      [leader(1), { type: 'FENCE', leaderEpoch: 3 }],
      follower(3),
      'follower',
      3,
      'ROLE_CHANGED:follower',
    ],
    [
      'leader -> offline on a log dir failure',
      [leader(1)],
      { type: 'TAKE_OFFLINE' },
      'offline',
      1,
      'ROLE_CHANGED:offline',
    ],
    ['any -> stopped', [follower(1)], { type: 'STOP' }, 'stopped', 1, 'ROLE_CHANGED:stopped'],
    [
      'rejects BECOME_LEADER with an equal epoch',
      [leader(4)],
      leader(4),
      'leader',
      4,
      'REJECTED:FENCED_LEADER_EPOCH',
    ],
    [
      'rejects BECOME_LEADER with a stale epoch',
      [follower(4)],
      leader(3),
      'follower',
      4,
      'REJECTED:FENCED_LEADER_EPOCH',
    ],
    [
      'rejects BECOME_FOLLOWER with a stale epoch',
      [leader(4)],
      follower(2),
      'leader',
      4,
      'REJECTED:FENCED_LEADER_EPOCH',
    ],
    [
      'rejects BECOME_FOLLOWER with an equal epoch from fenced',
      [leader(4), { type: 'FENCE', leaderEpoch: 5 }],
      follower(4),
      'fenced',
      4,
      'REJECTED:FENCED_LEADER_EPOCH',
    ],
    [
      'rejects a stale FENCE',
      [leader(4)],
      { type: 'FENCE', leaderEpoch: 4 },
      'leader',
      4,
      'REJECTED:FENCED_LEADER_EPOCH',
    ],
    [
      'rejects ISR changes outside leader',
      [follower(1)],
      { type: 'ISR_SHRINK', leaderEpoch: 1, replicaIds: [3] },
      'follower',
      1,
      'REJECTED:NOT_LEADER_OR_FOLLOWER',
    ],
    [
      'rejects an ISR change under an older epoch',
      [leader(2)],
      { type: 'ISR_SHRINK', leaderEpoch: 1, replicaIds: [3] },
      'leader',
      2,
      'REJECTED:FENCED_LEADER_EPOCH',
    ],
    [
      'rejects an ISR change under a newer epoch',
      [leader(2)],
      { type: 'ISR_EXPAND', leaderEpoch: 3, replicaId: 4 },
      'leader',
      2,
      'REJECTED:UNKNOWN_LEADER_EPOCH',
    ],
    [
      'shrinks the ISR while leader',
      [leader(2)],
      { type: 'ISR_SHRINK', leaderEpoch: 2, replicaIds: [3] },
      'leader',
      2,
      'ISR_CHANGED:1,2',
    ],
    [
      'expands the ISR while leader',
      [leader(2, [1])],
      { type: 'ISR_EXPAND', leaderEpoch: 2, replicaId: 3 },
      'leader',
      2,
      'ISR_CHANGED:1,3',
    ],
  ];

  const describeEffect = (e: ReplicaEffect): string => {
    switch (e.type) {
      case 'ROLE_CHANGED':
        return `ROLE_CHANGED:${e.role}`;
      case 'REJECTED':
        return `REJECTED:${new KafkaError(e.errorCode).errorName}`;
      case 'ISR_CHANGED':
        return `ISR_CHANGED:${e.isr.join(',')}`;
      case 'LEADER_CONFIRMED':
        return 'LEADER_CONFIRMED';
      default: {
        const _never: never = e;
        return _never;
      }
    }
  };

  for (const [name, before, event, state, epoch, effect] of table) {
    it(name, () => {
      const r = replica(before);
      const effectsBefore = r.effects.length;
      r.host.send(event);
      assert.equal(r.state(), state);
      assert.equal(r.ctx().leaderEpoch, epoch);
      assert.deepEqual(r.effects.slice(effectsBefore).map(describeEffect), [effect]);
    });
  }

  it('starts from the epoch recovered from the checkpoint, so an old controller decision is rejected', () => {
    const r = replica([leader(6)], 7);
    assert.equal(r.state(), 'offline');
    assert.deepEqual(r.effects.map(describeEffect), ['REJECTED:FENCED_LEADER_EPOCH']);
  });

  it('takes a whole new ISR at the current epoch (ISR_UPDATE) and refuses one under another epoch or when not leader', () => {
    const r = replica([leader(2, [1, 2, 3])]);
    r.host.send({ type: 'ISR_UPDATE', leaderEpoch: 2, isr: [2] });
    assert.deepEqual(r.ctx().isr, [1, 2]);
    r.host.send({ type: 'ISR_UPDATE', leaderEpoch: 1, isr: [1] });
    r.host.send({ type: 'ISR_UPDATE', leaderEpoch: 3, isr: [1] });
    assert.deepEqual(r.ctx().isr, [1, 2]);
    const f = replica([follower(1)]);
    f.host.send({ type: 'ISR_UPDATE', leaderEpoch: 1, isr: [1] });
    const codes = [...r.effects, ...f.effects]
      .filter((e) => e.type === 'REJECTED')
      .map((e) => (e.type === 'REJECTED' ? e.errorCode : -1));
    assert.deepEqual(codes, [
      ErrorCode.FENCED_LEADER_EPOCH,
      ErrorCode.UNKNOWN_LEADER_EPOCH,
      ErrorCode.NOT_LEADER_OR_FOLLOWER,
    ]);
  });

  it('keeps the leader in its own ISR', () => {
    const r = replica([leader(1, [2, 3]), { type: 'ISR_SHRINK', leaderEpoch: 1, replicaIds: [1, 2] }]);
    assert.deepEqual(r.ctx().isr, [1, 3]);
  });

  it('answers CHECK_LEADER in leader and NOT_LEADER_OR_FOLLOWER (via the * helper) elsewhere', () => {
    const replies: string[] = [];
    const replyTo: ReplyTo<LeaderCheck> = {
      reply: (v) => void replies.push(`epoch ${v.leaderEpoch}`),
      fail: (e) => void replies.push(KafkaError.is(e) ? e.errorName : 'other'),
      settled: false,
    };
    const r = replica([follower(1)]);
    r.host.send({ type: 'CHECK_LEADER', replyTo });
    assert.deepEqual(replies, ['NOT_LEADER_OR_FOLLOWER']);
    r.host.send(leader(2));
    r.host.send({ type: 'CHECK_LEADER', replyTo });
    const confirmed = r.effects.at(-1);
    assert.equal(confirmed?.type, 'LEADER_CONFIRMED');
    assert.equal(confirmed?.type === 'LEADER_CONFIRMED' && confirmed.check.leaderEpoch, 2);
    assert.equal(ErrorCode.NOT_LEADER_OR_FOLLOWER, 6);
  });
});
