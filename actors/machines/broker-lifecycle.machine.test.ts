import assert from 'node:assert/strict';
import { SimulatedClock } from '../../core/io/index.ts';
import { MachineHost } from '../system/xstate-host.ts';
import {
  brokerLifecycleMachine,
  type BrokerLifecycleEffect,
  type BrokerLifecycleEvent,
} from './broker-lifecycle.machine.ts';

function broker(clock = new SimulatedClock()) {
  const effects: BrokerLifecycleEffect[] = [];
  let done = false;
  const host = new MachineHost(brokerLifecycleMachine, clock, {
    input: { brokerId: 3, registrationRetryMs: 1000 },
    onEffect: (e) => void effects.push(e),
    onError: (e) => assert.fail(`machine error ${String(e)}`),
    onDone: () => (done = true),
  });
  const send = (...events: BrokerLifecycleEvent[]): void => events.forEach((e) => host.send(e));
  return { host, effects, send, state: () => host.snapshot.value as string, done: () => done };
}

const toRunning: BrokerLifecycleEvent[] = [
  { type: 'LOG_DIRS_LOADED' },
  { type: 'RECOVERY_COMPLETED' },
  { type: 'REGISTERED', brokerEpoch: 42 },
];

describe('brokerLifecycleMachine', () => {
  it('walks starting -> recovering -> registering -> running, emitting the effect of each step', () => {
    const b = broker();
    assert.equal(b.state(), 'starting');
    b.send(...toRunning);
    assert.equal(b.state(), 'running');
    assert.deepEqual(
      b.effects.filter((e) => e.type !== 'STATE_CHANGED').map((e) => e.type),
      ['LOAD_LOG_DIRS', 'RECOVER_LOGS', 'SEND_REGISTRATION', 'START_SERVING'],
    );
    assert.equal(b.host.snapshot.context.brokerEpoch, 42);
  });

  it('retries the registration on the clock until REGISTERED', async () => {
    const clock = new SimulatedClock();
    const b = broker(clock);
    b.send({ type: 'LOG_DIRS_LOADED' }, { type: 'RECOVERY_COMPLETED' });
    const attempts = (): number[] =>
      b.effects.flatMap((e) => (e.type === 'SEND_REGISTRATION' ? [e.attempt] : []));
    assert.deepEqual(attempts(), [1]);
    await clock.runFor(999);
    assert.deepEqual(attempts(), [1]);
    await clock.runFor(1);
    assert.deepEqual(attempts(), [1, 2]);
    await clock.runFor(1000);
    assert.deepEqual(attempts(), [1, 2, 3]);
    b.send({ type: 'REGISTERED', brokerEpoch: 7 });
    await clock.runFor(5000);
    assert.deepEqual(attempts(), [1, 2, 3], 'the retry timer ends with the state');
  });

  it('moves running <-> fenced with the current broker epoch and rejects a stale one', () => {
    const b = broker();
    b.send(...toRunning, { type: 'FENCED', brokerEpoch: 41 });
    assert.equal(b.state(), 'running');
    const rejected = b.effects.at(-1);
    assert.ok(rejected?.type === 'REJECTED' && rejected.errorCode === 77 /* STALE_BROKER_EPOCH */);
    b.send({ type: 'FENCED', brokerEpoch: 42 });
    assert.equal(b.state(), 'fenced');
    assert.equal(b.effects.at(-1)?.type, 'STOP_SERVING');
    b.send({ type: 'UNFENCED', brokerEpoch: 42 });
    assert.equal(b.state(), 'running');
  });

  it('shuts down from any state and ends in the final stopped state', () => {
    const b = broker();
    b.send({ type: 'LOG_DIRS_LOADED' }, { type: 'SHUTDOWN' });
    assert.equal(b.state(), 'shuttingDown');
    b.send({ type: 'SHUTDOWN_COMPLETED' });
    assert.equal(b.state(), 'stopped');
    assert.equal(b.done(), true);
  });

  it('ignores events a state does not accept', () => {
    const b = broker();
    b.send({ type: 'REGISTERED', brokerEpoch: 1 });
    assert.equal(b.state(), 'starting');
  });
});
