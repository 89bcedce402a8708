/**
 * Property-testing kit for topologies (re-exported as `tributary/testing`): fast-check arbitraries
 * for keyed, timestamped, multi-partition input, a runner that pipes them through the
 * TopologyTestDriver, and ready-made invariants comparing the output with a model.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import type { Serde } from '../../core/serdes/index.ts';
import type { Topology } from '../topology.ts';
import { TopologyTestDriver, type TestDriverProps } from './topology-test-driver.ts';

/** One generated input record. `offset` counts within its partition; `index` across the whole run. */
export interface GeneratedRecord<K, V> {
  readonly index: number;
  readonly partition: number;
  readonly offset: number;
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
}

export interface KeyedStreamOptions<K, V> {
  readonly key: fc.Arbitrary<K>;
  readonly value: fc.Arbitrary<V>;
  /** Number of input partitions records are spread over (default 1). */
  readonly partitions?: number;
  readonly minLength?: number;
  /** Default 40. */
  readonly maxLength?: number;
  readonly startTimestampMs?: number;
  /** Largest forward step of a partition's clock between two records (default 100). */
  readonly maxStepMs?: number;
  /** How far a record may lag behind its partition's clock, i.e. arrive out of order (default 0). */
  readonly maxOutOfOrderMs?: number;
}

/**
 * Keyed, timestamped records over several partitions, interleaved as a consumer might see them.
 * Each partition has its own clock moving forward by up to `maxStepMs`; a record's timestamp may
 * lag that clock by up to `maxOutOfOrderMs`, which produces out-of-order data within a partition.
 */
export function keyedStream<K, V>(options: KeyedStreamOptions<K, V>): fc.Arbitrary<GeneratedRecord<K, V>[]> {
  const partitions = options.partitions ?? 1;
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new RangeError('partitions must be a positive integer');
  const start = options.startTimestampMs ?? 0;
  const draft = fc.record({
    partition: fc.integer({ min: 0, max: partitions - 1 }),
    key: options.key,
    value: options.value,
    step: fc.nat({ max: options.maxStepMs ?? 100 }),
    lateness: fc.nat({ max: options.maxOutOfOrderMs ?? 0 }),
  });
  return fc
    .array(draft, { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 40 })
    .map((drafts) => {
      const clock = new Array<number>(partitions).fill(start);
      const offsets = new Array<number>(partitions).fill(0);
      return drafts.map((d, index) => {
        clock[d.partition]! += d.step;
        const timestamp = Math.max(start, clock[d.partition]! - d.lateness);
        const offset = offsets[d.partition]!++;
        return { index, partition: d.partition, offset, key: d.key, value: d.value, timestamp };
      });
    });
}

/** An output record, tagged with the input record whose processing produced it. */
export interface ObservedRecord<K, V> {
  readonly topic: string;
  readonly key: K | null;
  readonly value: V | null;
  readonly timestamp: number;
  readonly inputIndex: number;
  readonly inputPartition: number;
}

/** What the model predicts. `partition` is the input partition it stems from (for per-partition checks). */
export interface ExpectedRecord<K, V> {
  readonly topic?: string;
  readonly key: K | null;
  readonly value: V | null;
  readonly partition?: number;
}

export interface TopologyUnderTest<KIn, VIn, KOut, VOut> {
  /** A topology, or a factory called once per run (use it when the topology holds closures with state). */
  readonly topology: Topology | (() => Topology);
  readonly inputTopic: string;
  readonly inputKeySerde: Serde<KIn>;
  readonly inputValueSerde: Serde<VIn>;
  readonly outputTopics: readonly string[];
  readonly outputKeySerde: Serde<KOut>;
  readonly outputValueSerde: Serde<VOut>;
  readonly props?: TestDriverProps;
}

/**
 * Pipes the inputs, in order, through a fresh TopologyTestDriver and returns every output record
 * tagged with the input that caused it. The driver runs one task for all partitions (as Kafka's
 * TopologyTestDriver does), so stream time is shared across the generated partitions.
 */
export function runTopology<KIn, VIn, KOut, VOut>(
  spec: TopologyUnderTest<KIn, VIn, KOut, VOut>,
  inputs: readonly GeneratedRecord<KIn, VIn>[],
): ObservedRecord<KOut, VOut>[] {
  const topology = typeof spec.topology === 'function' ? spec.topology() : spec.topology;
  const driver = new TopologyTestDriver(topology, spec.props);
  try {
    const input = driver.createInputTopic(spec.inputTopic, spec.inputKeySerde, spec.inputValueSerde);
    const outputs = spec.outputTopics.map((t) =>
      driver.createOutputTopic(t, spec.outputKeySerde, spec.outputValueSerde),
    );
    const observed: ObservedRecord<KOut, VOut>[] = [];
    for (const record of inputs) {
      input.pipeInput(record.key, record.value, record.timestamp);
      for (const out of outputs) {
        for (const r of out.readRecordsToList()) {
          observed.push({
            ...r,
            topic: out.name,
            inputIndex: record.index,
            inputPartition: record.partition,
          });
        }
      }
    }
    return observed;
  } finally {
    driver.close();
  }
}

/** A user invariant over one run; throw (e.g. with node:assert) to report a violation. */
export type Invariant<KIn, VIn, KOut, VOut> = (
  inputs: readonly GeneratedRecord<KIn, VIn>[],
  outputs: readonly ObservedRecord<KOut, VOut>[],
) => void;

/** A model of the whole output from the whole input. */
export type Model<KIn, VIn, KOut, VOut> = (
  inputs: readonly GeneratedRecord<KIn, VIn>[],
) => ExpectedRecord<KOut, VOut>[];

/** Lifts a per-record model (what one input becomes) to a Model, tagging each output with its partition. */
export function perRecordModel<KIn, VIn, KOut, VOut>(
  fn: (record: GeneratedRecord<KIn, VIn>) => readonly ExpectedRecord<KOut, VOut>[],
): Model<KIn, VIn, KOut, VOut> {
  return (inputs) => inputs.flatMap((r) => fn(r).map((e) => ({ ...e, partition: r.partition })));
}

interface Comparable {
  readonly topic: string | undefined;
  readonly key: unknown;
  readonly value: unknown;
}

function project(r: { topic?: string; key: unknown; value: unknown }, withTopic: boolean): Comparable {
  return { topic: withTopic ? r.topic : undefined, key: r.key, value: r.value };
}

/** Stable text for any value (sorted object keys), for grouping and multiset comparison. */
function canonical(x: unknown): string {
  return inspect(x, {
    depth: Infinity,
    sorted: true,
    breakLength: Infinity,
    maxArrayLength: Infinity,
    maxStringLength: Infinity,
  });
}

function groupBy<T>(list: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = keyOf(item);
    const group = out.get(k) ?? [];
    group.push(item);
    out.set(k, group);
  }
  return out;
}

function compareGroups(
  actual: Map<string, Comparable[]>,
  expected: Map<string, Comparable[]>,
  what: string,
): void {
  const keys = new Set([...actual.keys(), ...expected.keys()]);
  for (const k of keys) {
    assert.deepStrictEqual(
      actual.get(k) ?? [],
      expected.get(k) ?? [],
      `${what} ${k}: output differs from the model`,
    );
  }
}

/** Ready-made invariants. A model's `topic` is compared only when the model sets it. */
export const Checks = {
  /** The output, in order, equals the model's output. */
  equalsModel<KIn, VIn, KOut, VOut>(model: Model<KIn, VIn, KOut, VOut>): Invariant<KIn, VIn, KOut, VOut> {
    return (inputs, outputs) => {
      const expected = model(inputs);
      const withTopic = expected.some((e) => e.topic !== undefined);
      assert.deepStrictEqual(
        outputs.map((o) => project(o, withTopic)),
        expected.map((e) => project(e, withTopic)),
        'output sequence differs from the model',
      );
    };
  },

  /** The output equals the model's output as a multiset (order ignored). */
  equalsModelAsMultiset<KIn, VIn, KOut, VOut>(
    model: Model<KIn, VIn, KOut, VOut>,
  ): Invariant<KIn, VIn, KOut, VOut> {
    return (inputs, outputs) => {
      const expected = model(inputs);
      const withTopic = expected.some((e) => e.topic !== undefined);
      const sortKey = (c: Comparable) => canonical(c);
      const actualSorted = outputs
        .map((o) => project(o, withTopic))
        .sort((a, b) => cmp(sortKey(a), sortKey(b)));
      const expectedSorted = expected
        .map((e) => project(e, withTopic))
        .sort((a, b) => cmp(sortKey(a), sortKey(b)));
      assert.deepStrictEqual(actualSorted, expectedSorted, 'output multiset differs from the model');
    };
  },

  /** For every output key, the records with that key appear in the model's order. */
  perKeyOrderPreserved<KIn, VIn, KOut, VOut>(
    model: Model<KIn, VIn, KOut, VOut>,
  ): Invariant<KIn, VIn, KOut, VOut> {
    return (inputs, outputs) => {
      const expected = model(inputs);
      const withTopic = expected.some((e) => e.topic !== undefined);
      const keyOf = (c: Comparable) => canonical([c.topic, c.key]);
      compareGroups(
        groupBy(
          outputs.map((o) => project(o, withTopic)),
          keyOf,
        ),
        groupBy(
          expected.map((e) => project(e, withTopic)),
          keyOf,
        ),
        'key',
      );
    };
  },

  /** For every input partition, the records stemming from it appear in the model's order. */
  perPartitionOrderPreserved<KIn, VIn, KOut, VOut>(
    model: Model<KIn, VIn, KOut, VOut>,
  ): Invariant<KIn, VIn, KOut, VOut> {
    return (inputs, outputs) => {
      const expected = model(inputs);
      if (expected.some((e) => e.partition === undefined)) {
        throw new TypeError(
          'perPartitionOrderPreserved needs a model that sets `partition` (see perRecordModel)',
        );
      }
      const withTopic = expected.some((e) => e.topic !== undefined);
      const actualGroups = new Map<string, Comparable[]>();
      for (const o of outputs) {
        const k = String(o.inputPartition);
        actualGroups.set(k, [...(actualGroups.get(k) ?? []), project(o, withTopic)]);
      }
      const expectedGroups = new Map<string, Comparable[]>();
      for (const e of expected) {
        const k = String(e.partition);
        expectedGroups.set(k, [...(expectedGroups.get(k) ?? []), project(e, withTopic)]);
      }
      compareGroups(actualGroups, expectedGroups, 'partition');
    };
  },
} as const;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A fast-check property: every generated input, run through the topology, satisfies every invariant. */
export function topologyProperty<KIn, VIn, KOut, VOut>(
  spec: TopologyUnderTest<KIn, VIn, KOut, VOut>,
  inputs: fc.Arbitrary<GeneratedRecord<KIn, VIn>[]>,
  ...invariants: Invariant<KIn, VIn, KOut, VOut>[]
): fc.IPropertyWithHooks<[GeneratedRecord<KIn, VIn>[]]> {
  if (invariants.length === 0) throw new TypeError('topologyProperty needs at least one invariant');
  return fc.property(inputs, (records) => {
    const outputs = runTopology(spec, records);
    for (const invariant of invariants) invariant(records, outputs);
  });
}

/** Asserts {@link topologyProperty} with fast-check (global numRuns/seed apply). */
export function checkTopology<KIn, VIn, KOut, VOut>(
  spec: TopologyUnderTest<KIn, VIn, KOut, VOut>,
  inputs: fc.Arbitrary<GeneratedRecord<KIn, VIn>[]>,
  ...invariants: Invariant<KIn, VIn, KOut, VOut>[]
): void {
  fc.assert(topologyProperty(spec, inputs, ...invariants));
}
