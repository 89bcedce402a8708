import assert from 'node:assert/strict';
import { SeededRandom, SimulatedClock } from '../../core/io/index.ts';
import { Serdes } from '../../core/serdes/index.ts';
import {
  Consumed,
  Produced,
  StreamsBuilder,
  type TaskInputRecord,
  type TaskOutputRecord,
} from '../../dsl/index.ts';
import { ActorSystem, ask } from '../system/index.ts';
import type { ChangelogReader } from './changelog-reader.ts';
import type { RecordCollector } from './record-collector.ts';
import { streamTaskBehavior, type TaskMsg } from './stream-task-actor.ts';
import { resolveStreamsConfig } from './streams-config.ts';

const S = Serdes.String();

describe('stream task actor', () => {
  it('processes a batch in order and empties each slot of the handed-over batch as it takes the record', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream('in', Consumed.with(S, S))
      .mapValues((v) => v.toUpperCase())
      .to('out', Produced.with(S, S));
    const out: TaskOutputRecord[] = [];
    // The task's sink is all this test needs of the thread's collector.
    const collector = { send: (r: TaskOutputRecord) => out.push(r) } as unknown as RecordCollector;
    const noChangelogs: ChangelogReader = {
      read: () => assert.fail('a stateless task restores nothing'),
    };
    const system = ActorSystem.start({ clock: new SimulatedClock(), random: new SeededRandom(1) });
    const ref = system.spawn<TaskMsg>(
      'task',
      streamTaskBehavior({
        topology: builder.build(),
        spec: { id: '0_0', subtopology: 0, partition: 0, partitions: [{ topic: 'in', partition: 0 }] },
        config: resolveStreamsConfig({ 'application.id': 'app' }),
        collector,
        changelogReader: noChangelogs,
        incarnation: 1,
      }),
    );
    await ask<TaskMsg, void>(ref, (replyTo) => ({ type: 'INITIALIZE', incarnation: 1, replyTo }), 1000);
    const input = (offset: number, value: string): TaskInputRecord => ({
      topic: 'in',
      partition: 0,
      offset,
      timestamp: 100 + offset,
      key: Buffer.from(`k${offset}`),
      value: Buffer.from(value),
      headers: [],
    });
    const batch: (TaskInputRecord | null)[] = [input(0, 'a'), input(1, 'b'), input(2, 'c')];
    const commitRequested = await ask<TaskMsg, boolean>(
      ref,
      (replyTo) => ({ type: 'PROCESS', incarnation: 1, records: batch, nowMs: 0, replyTo }),
      1000,
    );
    assert.equal(commitRequested, false);
    assert.deepEqual(
      out.map((r) => [r.topic, r.key?.toString(), r.value?.toString(), r.timestamp]),
      [
        ['out', 'k0', 'A', 100],
        ['out', 'k1', 'B', 101],
        ['out', 'k2', 'C', 102],
      ],
    );
    assert.deepEqual(batch, [null, null, null]);
    await system.stop();
  });
});
