// Guarantee: any pipeline of stateless KStream operators (filter, filterNot, map, mapValues,
// flatMapValues, selectKey, split/branch + merge, repartition), run by the TopologyTestDriver,
// produces exactly what the same functions produce when applied by a plain loop — as a multiset,
// and in the same order for every key.
import fc from 'fast-check';
import { Serdes } from '../core/serdes/index.ts';
import { Consumed, Produced, Repartitioned, StreamsBuilder, type KStream } from '../dsl/index.ts';
import { Checks, checkTopology, keyedStream, type Model } from '../dsl/testing/index.ts';

type KV = { key: string; value: number };

/** One operator, described as data so the same step drives both the DSL and the plain loop. */
type Step =
  | { op: 'filter'; mod: number; rem: number }
  | { op: 'filterNot'; mod: number; rem: number }
  | { op: 'map'; suffix: string; add: number }
  | { op: 'mapValues'; mul: number; add: number }
  | { op: 'flatMapValues'; copies: number }
  | { op: 'selectKey'; mod: number }
  | { op: 'branchMerge'; mod: number; withDefault: boolean }
  | { op: 'repartition' };

// Values stay small so no step leaves the Int serde's 32-bit range.
const clamp = (v: number) => ((v % 10_007) + 10_007) % 10_007;
const rem = (v: number, m: number) => ((v % m) + m) % m;

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('filter' as const),
    mod: fc.integer({ min: 2, max: 4 }),
    rem: fc.nat({ max: 1 }),
  }),
  fc.record({
    op: fc.constant('filterNot' as const),
    mod: fc.integer({ min: 2, max: 4 }),
    rem: fc.nat({ max: 1 }),
  }),
  fc.record({
    op: fc.constant('map' as const),
    suffix: fc.constantFrom('x', 'y'),
    add: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({
    op: fc.constant('mapValues' as const),
    mul: fc.integer({ min: -2, max: 3 }),
    add: fc.integer({ min: -5, max: 5 }),
  }),
  fc.record({ op: fc.constant('flatMapValues' as const), copies: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('selectKey' as const), mod: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    op: fc.constant('branchMerge' as const),
    mod: fc.integer({ min: 2, max: 3 }),
    withDefault: fc.boolean(),
  }),
  fc.constant({ op: 'repartition' as const }),
);

/** The plain-loop meaning of a step: what one record becomes. */
function apply(s: Step, r: KV): KV[] {
  switch (s.op) {
    case 'filter':
      return rem(r.value, s.mod) === s.rem ? [r] : [];
    case 'filterNot':
      return rem(r.value, s.mod) === s.rem ? [] : [r];
    case 'map':
      return [{ key: r.key + s.suffix, value: clamp(r.value + s.add) }];
    case 'mapValues':
      return [{ key: r.key, value: clamp(r.value * s.mul + s.add) }];
    case 'flatMapValues':
      return Array.from({ length: s.copies }, (_, i) => ({ key: r.key, value: clamp(r.value + i) }));
    case 'selectKey':
      return [{ key: `${r.key.slice(0, 3)}${rem(r.value, s.mod)}`, value: r.value }];
    case 'branchMerge':
      // First branch doubles, second adds one; unmatched records go to an identity default or are dropped.
      if (rem(r.value, s.mod) === 0) return [{ key: r.key, value: clamp(r.value * 2) }];
      if (rem(r.value, s.mod) === 1) return [{ key: r.key, value: clamp(r.value + 1) }];
      return s.withDefault ? [r] : [];
    case 'repartition':
      return [r];
    default: {
      const _never: never = s;
      return _never;
    }
  }
}

/** The DSL meaning of a step. */
function build(s: Step, stream: KStream<string, number>): KStream<string, number> {
  switch (s.op) {
    case 'filter':
      return stream.filter((_k, v) => rem(v, s.mod) === s.rem);
    case 'filterNot':
      return stream.filterNot((_k, v) => rem(v, s.mod) === s.rem);
    case 'map':
      return stream.map((k, v) => ({ key: k + s.suffix, value: clamp(v + s.add) }));
    case 'mapValues':
      return stream.mapValues((v) => clamp(v * s.mul + s.add));
    case 'flatMapValues':
      return stream.flatMapValues((v) => Array.from({ length: s.copies }, (_, i) => clamp(v + i)));
    case 'selectKey':
      return stream.selectKey((k, v) => `${k.slice(0, 3)}${rem(v, s.mod)}`);
    case 'branchMerge': {
      const split = stream
        .split()
        .branch((_k, v) => rem(v, s.mod) === 0)
        .branch((_k, v) => rem(v, s.mod) === 1);
      const branches = [...(s.withDefault ? split.defaultBranch() : split.noDefaultBranch()).values()];
      const [doubled, incremented, rest] = [
        branches[0]!.mapValues((v) => clamp(v * 2)),
        branches[1]!.mapValues((v) => clamp(v + 1)),
        branches[2],
      ];
      const merged = doubled.merge(incremented);
      return rest === undefined ? merged : merged.merge(rest);
    }
    case 'repartition':
      return stream.repartition(Repartitioned.with(Serdes.String(), Serdes.Int()));
    default: {
      const _never: never = s;
      return _never;
    }
  }
}

describe('streams: a stateless pipeline equals the plain loop', () => {
  it('matches the plain loop as a multiset and in order per key', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const model: Model<string, number, string, number> = (inputs) =>
          inputs.flatMap((r) =>
            steps.reduce<KV[]>(
              (records, s) => records.flatMap((x) => apply(s, x)),
              [{ key: r.key, value: r.value }],
            ),
          );
        const S = Serdes.String();
        const I = Serdes.Int();
        checkTopology(
          {
            topology: () => {
              const b = new StreamsBuilder();
              const out = steps.reduce((stream, s) => build(s, stream), b.stream('in', Consumed.with(S, I)));
              out.to('out', Produced.with(S, I));
              return b.build();
            },
            inputTopic: 'in',
            inputKeySerde: S,
            inputValueSerde: I,
            outputTopics: ['out'],
            outputKeySerde: S,
            outputValueSerde: I,
          },
          keyedStream({
            key: fc.constantFrom('a', 'b', 'c', 'd'),
            value: fc.integer({ min: -1000, max: 1000 }),
            partitions: 3,
            maxOutOfOrderMs: 50,
          }),
          Checks.equalsModelAsMultiset(model),
          Checks.perKeyOrderPreserved(model),
        );
      }),
      // Each pipeline runs its own inner property: scale the outer run count down from the global.
      { numRuns: Math.max(5, Math.ceil((fc.readConfigureGlobal().numRuns ?? 30) / 3)) },
    );
  });
});
