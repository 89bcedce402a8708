// Guarantee: a foreign-key table join (inner and left), after any sequence of upserts and deletes on
// both tables, leaves a result table (the fold of its output changelog) equal to a model join of the
// final left and right tables: every left row whose foreign key has a right row, joined with it, and
// for the left join also every other left row joined with null (a null foreign key included).
// Checked through the TopologyTestDriver, and through the topology's tasks with the internal
// subscription and response topics delivered late, interleaved at random with new input (the right
// side in one partition per foreign key, each partition in order), which makes responses arrive out
// of order and stale, and exercises the value hash.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Serdes } from '../core/serdes/index.ts';
import {
  Consumed,
  Produced,
  StreamsBuilder,
  TopologyTask,
  type KTable,
  type TaskInputRecord,
  type TaskOutputRecord,
  type Topology,
} from '../dsl/index.ts';
import { TopologyTestDriver } from '../dsl/testing/index.ts';

const S = Serdes.String();
const appId = 'fk-prop';

type Event = { side: 'left' | 'right'; key: string; value: string | null };

const fkOf = (value: string): string | null => {
  const at = value.indexOf('|');
  return at < 0 ? null : value.slice(at + 1);
};
const joiner = (l: string, r: string | null): string => `${l}+${r ?? '<null>'}`;

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    side: fc.constant<'left'>('left'),
    key: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
    value: fc.option(
      fc
        .tuple(fc.constantFrom('x', 'y', 'z'), fc.constantFrom('|a', '|b', '|c', ''))
        .map(([t, fk]) => t + fk),
      { nil: null, freq: 4 },
    ),
  }),
  fc.record({
    side: fc.constant<'right'>('right'),
    key: fc.constantFrom('a', 'b', 'c'),
    value: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: null, freq: 4 }),
  }),
);

function topology(leftJoin: boolean): Topology {
  const b = new StreamsBuilder();
  const left = b.table('left', Consumed.with(S, S));
  const right = b.table('right', Consumed.with(S, S));
  const joined: KTable<string, string> = leftJoin
    ? left.leftJoin(right, fkOf, joiner)
    : left.join(right, fkOf, (l: string, r: string) => joiner(l, r));
  joined.toStream().to('out', Produced.with(S, S));
  return b.build();
}

function model(events: Event[], leftJoin: boolean): Map<string, string> {
  const left = new Map<string, string>();
  const right = new Map<string, string>();
  for (const e of events) {
    const table = e.side === 'left' ? left : right;
    if (e.value === null) table.delete(e.key);
    else table.set(e.key, e.value);
  }
  const out = new Map<string, string>();
  for (const [k, v] of left) {
    const fk = fkOf(v);
    const r = fk === null ? undefined : right.get(fk);
    if (r !== undefined) out.set(k, joiner(v, r));
    else if (leftJoin) out.set(k, joiner(v, null));
  }
  return out;
}

const sorted = (m: Map<string | null, string>): [string | null, string][] =>
  [...m].sort(([a], [b]) => String(a).localeCompare(String(b)));

/** The right table and the registration topic have one partition per foreign key; the left side one. */
const foreignKeys = ['a', 'b', 'c'];
function partitionOf(topic: string, key: Buffer | null, rightTopics: ReadonlySet<string>): number {
  if (!rightTopics.has(topic) || key === null) return 0;
  return Math.max(0, foreignKeys.indexOf(key.toString()));
}

/**
 * Runs the topology's tasks (one left task, one right task per foreign key), delivering the records
 * of each internal topic partition in order but late, when `choices` says so.
 */
function runWithLateInternalTopics(t: Topology, events: Event[], choices: number[]): Map<string, string> {
  const queues = new Map<string, TaskOutputRecord[]>();
  const result = new Map<string, string>();
  const subs = t.subtopologies();
  const rightSub = subs.find((sub) => sub.sourceTopics.includes('right'))!;
  const rightTopics = new Set(rightSub.sourceTopics.map((topic) => t.physicalTopic(topic, appId)));
  const tasks = subs.flatMap((sub) =>
    (sub === rightSub ? foreignKeys : ['-']).map((_fk, partition) => {
      const task = new TopologyTask(t, sub.id, {
        applicationId: appId,
        partition,
        wallClockMs: () => 0,
        sink: (r) => {
          if (r.topic === 'out') {
            const key = S.deserializer('out', r.key)!;
            const value = S.deserializer('out', r.value);
            if (value === null) result.delete(key);
            else result.set(key, value);
            return;
          }
          const p = r.partitioner?.(foreignKeys.length) ?? partitionOf(r.topic, r.key, rightTopics);
          const q = queues.get(`${r.topic}#${p}`) ?? [];
          q.push(r);
          queues.set(`${r.topic}#${p}`, q);
        },
      });
      return { task, partition };
    }),
  );
  for (const { task } of tasks) task.init();
  const offsets = new Map<string, number>();
  const deliver = (r: Omit<TaskInputRecord, 'partition' | 'offset'>, partition: number): void => {
    const offset = offsets.get(`${r.topic}#${partition}`) ?? 0;
    offsets.set(`${r.topic}#${partition}`, offset + 1);
    for (const { task, partition: p } of tasks)
      if (p === partition && task.consumes(r.topic)) task.process({ ...r, partition, offset });
  };
  let next = 0;
  let ts = 0;
  let c = 0;
  for (;;) {
    const internal = [...queues].filter(([, q]) => q.length > 0).map(([name]) => name);
    if (next >= events.length && internal.length === 0) break;
    const choice = choices.length === 0 ? 0 : choices[c++ % choices.length]!;
    // Choice 0 (or nothing internal pending) feeds the next input; otherwise an internal partition's head.
    if (next < events.length && (internal.length === 0 || choice % (internal.length + 1) === 0)) {
      const e = events[next++]!;
      const key = S.serializer(e.side, e.key);
      const record = {
        topic: e.side,
        timestamp: ++ts,
        key,
        value: S.serializer(e.side, e.value),
        headers: [],
      };
      deliver(record, partitionOf(e.side, key, rightTopics));
    } else {
      const name = internal[choice % internal.length]!;
      const r = queues.get(name)!.shift()!;
      const at = name.lastIndexOf('#');
      deliver(
        { topic: name.slice(0, at), timestamp: r.timestamp, key: r.key, value: r.value, headers: r.headers },
        Number(name.slice(at + 1)),
      );
    }
  }
  for (const { task } of tasks) task.close();
  return result;
}

describe('streams: a foreign-key table join equals a model join of the final tables', () => {
  for (const leftJoin of [false, true]) {
    const kind = leftJoin ? 'leftJoin' : 'join';

    it(`${kind} through the TopologyTestDriver`, () => {
      fc.assert(
        fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
          const driver = new TopologyTestDriver(topology(leftJoin), { 'application.id': appId });
          try {
            const inputs = {
              left: driver.createInputTopic('left', S, S),
              right: driver.createInputTopic('right', S, S),
            };
            for (const e of events) inputs[e.side].pipeInput(e.key, e.value);
            const final = driver.createOutputTopic('out', S, S).readKeyValuesToMap();
            assert.deepEqual(sorted(final), sorted(model(events, leftJoin)));
          } finally {
            driver.close();
          }
        }),
      );
    });

    it(`${kind} with subscriptions and responses delivered late, interleaved with new input`, () => {
      fc.assert(
        fc.property(
          fc.array(eventArb, { maxLength: 40 }),
          fc.array(fc.nat({ max: 7 }), { maxLength: 50 }),
          (events, choices) => {
            const final = runWithLateInternalTopics(topology(leftJoin), events, choices);
            assert.deepEqual(sorted(final), sorted(model(events, leftJoin)));
          },
        ),
      );
    });
  }
});
