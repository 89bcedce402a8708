import assert from 'node:assert/strict';
import { SimulatedClock } from '../../core/io/index.ts';
import { MachineHost } from '../system/xstate-host.ts';
import {
  consumerGroupMachine,
  type GroupLifecycleEffect,
  type GroupLifecycleEvent,
  type GroupState,
} from './consumer-group.machine.ts';

function group() {
  const effects: GroupLifecycleEffect[] = [];
  let done = false;
  const host = new MachineHost(consumerGroupMachine, new SimulatedClock(), {
    input: { groupId: 'g' },
    onEffect: (e) => void effects.push(e),
    onError: (e) => assert.fail(`machine error ${String(e)}`),
    onDone: () => (done = true),
  });
  const send = (...events: GroupLifecycleEvent[]): void => events.forEach((e) => void host.send(e));
  return { host, effects, send, state: () => host.snapshot.value as GroupState, done: () => done };
}

const prepare: GroupLifecycleEvent = { type: 'PREPARE_REBALANCE' };
const joined = (generationId: number, memberCount = 1): GroupLifecycleEvent => ({
  type: 'JOIN_COMPLETED',
  generationId,
  memberCount,
});

/** Every (state, event) pair and where it leads; pairs not listed leave the state unchanged. */
const table: Array<[GroupLifecycleEvent[], GroupLifecycleEvent, GroupState]> = [
  [[], prepare, 'PreparingRebalance'],
  [[], { type: 'RESTORED', generationId: 4, memberCount: 2 }, 'Stable'],
  [[], { type: 'RESTORED', generationId: 4, memberCount: 0 }, 'Empty'],
  [[], { type: 'DELETE' }, 'Dead'],
  [[], { type: 'UNLOAD' }, 'Dead'],
  [[], joined(1), 'Empty'],
  [[], { type: 'SYNC_COMPLETED', generationId: 0 }, 'Empty'],
  [[prepare], joined(1, 3), 'CompletingRebalance'],
  [[prepare], joined(1, 0), 'Empty'],
  [[prepare], prepare, 'PreparingRebalance'],
  [[prepare], { type: 'DELETE' }, 'PreparingRebalance'],
  [[prepare], { type: 'SYNC_COMPLETED', generationId: 0 }, 'PreparingRebalance'],
  [[prepare], { type: 'UNLOAD' }, 'Dead'],
  [[prepare, joined(1)], { type: 'SYNC_COMPLETED', generationId: 1 }, 'Stable'],
  [[prepare, joined(1)], { type: 'SYNC_COMPLETED', generationId: 0 }, 'CompletingRebalance'],
  [[prepare, joined(1)], prepare, 'PreparingRebalance'],
  [[prepare, joined(1)], { type: 'DELETE' }, 'CompletingRebalance'],
  [[prepare, joined(1), { type: 'SYNC_COMPLETED', generationId: 1 }], prepare, 'PreparingRebalance'],
  [[prepare, joined(1), { type: 'SYNC_COMPLETED', generationId: 1 }], { type: 'DELETE' }, 'Stable'],
  [[prepare, joined(1), { type: 'SYNC_COMPLETED', generationId: 1 }], joined(2), 'Stable'],
  [[prepare, joined(1), { type: 'SYNC_COMPLETED', generationId: 1 }], { type: 'UNLOAD' }, 'Dead'],
];

describe('consumerGroupMachine', () => {
  for (const [path, event, expected] of table) {
    const from = path.map((e) => e.type).join(' > ') || 'start';
    it(`after [${from}], ${event.type} leads to ${expected}`, () => {
      const g = group();
      g.send(...path);
      g.send(event);
      assert.equal(g.state(), expected);
    });
  }

  it('records the generation of each completed join and emits every state change with it', () => {
    const g = group();
    g.send(prepare, joined(1, 2), { type: 'SYNC_COMPLETED', generationId: 1 }, prepare, joined(2, 1));
    assert.equal(g.host.snapshot.context.generationId, 2);
    assert.deepEqual(
      g.effects.map((e) => `${e.state}@${e.generationId}`),
      [
        'Empty@0',
        'PreparingRebalance@0',
        'CompletingRebalance@1',
        'Stable@1',
        'PreparingRebalance@1',
        'CompletingRebalance@2',
      ],
    );
  });

  it('ends (final state) when the group dies', () => {
    const g = group();
    assert.equal(g.done(), false);
    g.send({ type: 'DELETE' });
    assert.equal(g.done(), true);
  });
});
