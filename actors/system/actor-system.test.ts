import assert from 'node:assert/strict';
import { SeededRandom, SimulatedClock, settle } from '../../core/io/index.ts';
import { ActorSystem, type ActorLogger } from './index.ts';

describe('ActorSystem', () => {
  it('the optional uncaughtException hook logs and shuts the system down, and is removed on stop', async () => {
    const before = process.listeners('uncaughtException');
    const errors: string[] = [];
    const logger: ActorLogger = { warn: () => {}, error: (_obj, msg) => void errors.push(msg) };
    const log: string[] = [];
    const system = ActorSystem.start(
      { clock: new SimulatedClock(), random: new SeededRandom(1), logger, handleUncaughtExceptions: true },
      [{ id: 'w', start: () => ({ receive: () => {}, release: (r) => void log.push(`w:${r.kind}`) }) }],
    );
    const added = process.listeners('uncaughtException').filter((l) => !before.includes(l));
    assert.equal(added.length, 1);
    // Call our handler directly: emitting the real event would also reach mocha's own handler.
    added[0]!(new Error('escaped a timer'), 'uncaughtException');
    assert.equal((await system.whenTerminated()).kind, 'shutdown');
    assert.deepEqual(log, ['w:shutdown']);
    assert.match(errors[0]!, /uncaught exception/);
    await settle();
    assert.equal(process.listeners('uncaughtException').length, before.length, 'handler removed');
  });

  it('leaves uncaughtException alone by default', () => {
    const count = process.listenerCount('uncaughtException');
    ActorSystem.start({ clock: new SimulatedClock(), random: new SeededRandom(1) });
    assert.equal(process.listenerCount('uncaughtException'), count);
  });

  it('logs crashes through the logger and counts them', async () => {
    const warnings: string[] = [];
    const logger: ActorLogger = { warn: (_obj, msg) => void warnings.push(msg), error: () => {} };
    const system = ActorSystem.start({ clock: new SimulatedClock(), random: new SeededRandom(1), logger });
    const ref = system.spawn<'boom'>('fragile', () => ({
      receive: () => {
        throw new Error('boom');
      },
    }));
    ref.tell('boom');
    await settle();
    assert.equal(system.stats.crashes, 1);
    assert.deepEqual(warnings, ['actor fragile exited: crash(boom)']);
  });
});
