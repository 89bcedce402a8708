import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Serdes } from '../../core/serdes/index.ts';
import { Consumed, Produced, Record, StreamsBuilder, type ProcessorContext } from '../index.ts';
import {
  Checks,
  checkTopology,
  keyedStream,
  perRecordModel,
  runTopology,
  type TopologyUnderTest,
} from './properties.ts';

const S = Serdes.String();
const I = Serdes.Int();

function spec(build: (b: StreamsBuilder) => void): TopologyUnderTest<string, number, string, number> {
  return {
    topology: () => {
      const b = new StreamsBuilder();
      build(b);
      return b.build();
    },
    inputTopic: 'in',
    inputKeySerde: S,
    inputValueSerde: I,
    outputTopics: ['out'],
    outputKeySerde: S,
    outputValueSerde: I,
  };
}

const doubled = spec((b) =>
  b
    .stream('in', Consumed.with(S, I))
    .mapValues((v) => v * 2)
    .to('out', Produced.with(S, I)),
);
const doubledModel = perRecordModel<string, number, string, number>((r) => [
  { key: r.key, value: r.value * 2 },
]);

/** Holds records and emits each pair in reverse: a reordering a user might introduce by mistake. */
const pairReversed = spec((b) =>
  b
    .stream('in', Consumed.with(S, I))
    .process<string, number>(() => {
      let ctx: ProcessorContext<string, number>;
      let held: Record<string, number> | undefined;
      return {
        init: (c) => {
          ctx = c;
        },
        process: (r) => {
          if (held === undefined) {
            held = r;
            return;
          }
          ctx.forward(r);
          ctx.forward(held);
          held = undefined;
        },
      };
    })
    .to('out', Produced.with(S, I)),
);
const identity = perRecordModel<string, number, string, number>((r) => [{ key: r.key, value: r.value }]);

describe('property-testing kit', () => {
  it('keyedStream numbers offsets per partition and bounds out-of-order lateness', () => {
    fc.assert(
      fc.property(
        keyedStream({
          key: fc.constantFrom('a', 'b'),
          value: fc.integer(),
          partitions: 3,
          maxStepMs: 10,
          maxOutOfOrderMs: 5,
        }),
        (records) => {
          const next = [0, 0, 0];
          const clockMax = [0, 0, 0];
          records.forEach((r, i) => {
            assert.equal(r.index, i);
            assert.equal(r.offset, next[r.partition]!++);
            assert.ok(r.timestamp >= 0);
            // A record is at most maxOutOfOrderMs behind the newest timestamp its partition has shown.
            assert.ok(r.timestamp >= clockMax[r.partition]! - 5 - 10);
            clockMax[r.partition] = Math.max(clockMax[r.partition]!, r.timestamp);
          });
        },
      ),
    );
  });

  it('keyedStream can produce out-of-order timestamps within a partition', () => {
    const samples = fc.sample(
      keyedStream({ key: fc.constant('k'), value: fc.nat(), maxOutOfOrderMs: 50, minLength: 10 }),
      50,
    );
    assert.ok(samples.some((rs) => rs.some((r, i) => i > 0 && r.timestamp < rs[i - 1]!.timestamp)));
  });

  it('runTopology tags outputs with the input that caused them', () => {
    const out = runTopology(doubled, [
      { index: 0, partition: 1, offset: 0, key: 'a', value: 1, timestamp: 5 },
      { index: 1, partition: 0, offset: 0, key: 'b', value: 2, timestamp: 6 },
    ]);
    assert.deepEqual(out, [
      { topic: 'out', key: 'a', value: 2, timestamp: 5, headers: [], inputIndex: 0, inputPartition: 1 },
      { topic: 'out', key: 'b', value: 4, timestamp: 6, headers: [], inputIndex: 1, inputPartition: 0 },
    ]);
  });

  it('all checks pass for a topology that matches its model', () => {
    checkTopology(
      doubled,
      keyedStream({
        key: fc.constantFrom('a', 'b', 'c'),
        value: fc.integer({ min: -1000, max: 1000 }),
        partitions: 2,
      }),
      Checks.equalsModel(doubledModel),
      Checks.equalsModelAsMultiset(doubledModel),
      Checks.perKeyOrderPreserved(doubledModel),
      Checks.perPartitionOrderPreserved(doubledModel),
    );
  });

  it('detects a wrong model, and tells sequence, multiset and per-key order apart', () => {
    const inputs = [0, 1, 2, 3].map((i) => ({
      index: i,
      partition: 0,
      offset: i,
      key: 'k',
      value: i,
      timestamp: i,
    }));
    const out = runTopology(pairReversed, inputs);
    assert.deepEqual(
      out.map((o) => o.value),
      [1, 0, 3, 2],
    );
    assert.throws(() => Checks.equalsModel(identity)(inputs, out), /output sequence differs/);
    Checks.equalsModelAsMultiset(identity)(inputs, out);
    assert.throws(() => Checks.perKeyOrderPreserved(identity)(inputs, out), /key/);
    assert.throws(() => Checks.perPartitionOrderPreserved(identity)(inputs, out), /partition/);
    assert.throws(() => Checks.equalsModelAsMultiset(doubledModel)(inputs, out), /multiset differs/);
    // Different keys: the per-key order holds although the overall sequence does not.
    const twoKeys = inputs.map((r) => ({ ...r, key: r.value % 2 === 0 ? 'even' : 'odd' }));
    const out2 = runTopology(pairReversed, twoKeys);
    Checks.perKeyOrderPreserved(identity)(twoKeys, out2);
    assert.throws(() => Checks.equalsModel(identity)(twoKeys, out2));
  });

  it('checkTopology fails (with a shrunk counterexample) when an invariant is violated', () => {
    assert.throws(
      () =>
        checkTopology(
          pairReversed,
          keyedStream({ key: fc.constant('k'), value: fc.integer(), minLength: 2 }),
          Checks.equalsModel(identity),
        ),
      /Property failed/,
    );
  });
});
