import assert from 'node:assert/strict';
import { SimulatedClock } from '../../core/io/index.ts';
import { MachineHost } from '../system/xstate-host.ts';
import {
  streamTaskMachine,
  type StreamTaskEffect,
  type StreamTaskEvent,
  type StreamTaskState,
} from './stream-task.machine.ts';

function task() {
  const effects: StreamTaskEffect[] = [];
  let done = false;
  const host = new MachineHost(streamTaskMachine, new SimulatedClock(), {
    input: { taskId: '0_2' },
    onEffect: (e) => void effects.push(e),
    onError: (e) => assert.fail(`machine error ${String(e)}`),
    onDone: () => (done = true),
  });
  const send = (...events: StreamTaskEvent['type'][]): void =>
    events.forEach((type) => host.send({ type } as StreamTaskEvent));
  const transitions = (): string[] =>
    effects.flatMap((e) => (e.type === 'STATE_CHANGED' ? [`${e.previous ?? '-'}>${e.state}`] : []));
  const work = (): string[] => effects.flatMap((e) => (e.type === 'STATE_CHANGED' ? [] : [e.type]));
  return {
    effects,
    send,
    transitions,
    work,
    state: () => host.snapshot.value as StreamTaskState,
    done: () => done,
  };
}

describe('streamTaskMachine', () => {
  it('walks CREATED -> RESTORING -> RUNNING -> SUSPENDED -> CLOSED, restoring on entry and closing at the end', () => {
    const t = task();
    assert.equal(t.state(), 'CREATED');
    t.send('INITIALIZE');
    assert.equal(t.state(), 'RESTORING');
    assert.deepEqual(t.work(), ['RESTORE_STATE']);
    t.send('RESTORED', 'SUSPEND', 'CLOSE');
    assert.equal(t.state(), 'CLOSED');
    assert.deepEqual(t.transitions(), [
      '->CREATED',
      'CREATED>RESTORING',
      'RESTORING>RUNNING',
      'RUNNING>SUSPENDED',
      'SUSPENDED>CLOSED',
    ]);
    assert.deepEqual(t.work(), ['RESTORE_STATE', 'SUSPEND_TASK', 'CLOSE_TASK']);
    assert.ok(t.done(), 'CLOSED is final: the hosting cell exits normally');
    assert.ok(t.effects.every((e) => e.taskId === '0_2'));
  });

  it('rejects RUNNING -> CLOSED: a running task must be suspended (committed) first', () => {
    const t = task();
    t.send('INITIALIZE', 'RESTORED', 'CLOSE');
    assert.equal(t.state(), 'RUNNING');
    assert.deepEqual(t.effects.at(-1), { type: 'REJECTED', taskId: '0_2', event: 'CLOSE', state: 'RUNNING' });
    assert.ok(!t.done());
  });

  it('resumes a suspended task through RESTORING, and suspends from CREATED and RESTORING', () => {
    const t = task();
    t.send('SUSPEND', 'RESUME', 'SUSPEND', 'RESUME', 'RESTORED');
    assert.equal(t.state(), 'RUNNING');
    assert.deepEqual(t.transitions(), [
      '->CREATED',
      'CREATED>SUSPENDED',
      'SUSPENDED>RESTORING',
      'RESTORING>SUSPENDED',
      'SUSPENDED>RESTORING',
      'RESTORING>RUNNING',
    ]);
    assert.deepEqual(t.work(), ['SUSPEND_TASK', 'RESTORE_STATE', 'SUSPEND_TASK', 'RESTORE_STATE']);
  });

  it('rejects events a state does not accept (RESTORED while CREATED, INITIALIZE twice) without moving', () => {
    const t = task();
    t.send('RESTORED');
    assert.equal(t.state(), 'CREATED');
    t.send('INITIALIZE', 'INITIALIZE');
    assert.equal(t.state(), 'RESTORING');
    const rejected = t.effects.filter((e) => e.type === 'REJECTED').map((e) => `${e.event}@${e.state}`);
    assert.deepEqual(rejected, ['RESTORED@CREATED', 'INITIALIZE@RESTORING']);
  });

  it('treats a repeated SUSPEND in SUSPENDED as done already (no second flush)', () => {
    const t = task();
    t.send('INITIALIZE', 'RESTORED', 'SUSPEND', 'SUSPEND');
    assert.deepEqual(t.work(), ['RESTORE_STATE', 'SUSPEND_TASK']);
    assert.ok(t.effects.every((e) => e.type !== 'REJECTED'));
  });
});
