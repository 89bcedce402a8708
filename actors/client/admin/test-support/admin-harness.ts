/** What the Admin's scripted-broker tests share: an Admin on ScriptedBrokers and simulated time. */
import assert from 'node:assert/strict';
import { KafkaError } from '../../../../core/errors/index.ts';
import { SimulatedClock } from '../../../../core/io/index.ts';
import { Admin } from '../admin.ts';
import { ScriptedBrokers, type ScriptedHandler } from './scripted-brokers.ts';

/** Runs simulated time until `promise` settles (backoffs are Clock timers), then returns its outcome. */
export async function drive<T>(clock: SimulatedClock, promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  const settled = await clock.runUntil(() => done, 10 * 60_000);
  assert.ok(settled, 'the call never settled');
  return promise;
}

/** The KafkaError `promise` rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<KafkaError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof KafkaError, `expected a KafkaError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

/** An Admin (default.api.timeout.ms 5 s unless given) on scripted brokers answering through `handle`. */
export function setup(
  handle: ScriptedHandler,
  options: { versions?: Partial<Record<number, number>>; timeoutMs?: number } = {},
): { admin: Admin; brokers: ScriptedBrokers; clock: SimulatedClock } {
  const clock = new SimulatedClock();
  const brokers = new ScriptedBrokers({
    handle,
    ...(options.versions ? { versions: options.versions } : {}),
  });
  const admin = new Admin(brokers, {
    clock,
    config: { 'default.api.timeout.ms': options.timeoutMs ?? 5_000 },
  });
  return { admin, brokers, clock };
}
