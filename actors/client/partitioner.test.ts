import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../../core/errors/index.ts';
import { SeededRandom } from '../../core/io/index.ts';
import {
  DefaultPartitioner,
  StickyPartitionCache,
  choosePartition,
  murmur2,
  murmur2String,
  partitionForKey,
  partitionerFromFunction,
  toPositive,
  type PartitionMetadata,
} from './partitioner.ts';

// NOTES.md section 8: Kafka 3.8.0 UtilsTest (first six) and librdkafka's rdmurmur2.c unit test (the rest).
const vectors: ReadonlyArray<[string, number, number, number, number]> = [
  ['21', -973932308, 1173551340, 0, 0],
  ['foobar', -790332482, 1357151166, 0, 6],
  ['a-little-bit-long-string', -985981536, 1161502112, 2, 2],
  ['a-little-bit-longer-string', -1486304829, 661178819, 2, 9],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971, 2088585677, 2, 7],
  ['abc', 479470107, 479470107, 0, 7],
  ['kafka', -798503068, 1348980580, 1, 0],
  ['giberish123456789', -1890243828, 257239820, 2, 0],
  ['1234', -1614185708, 533297940, 0, 0],
  ['234', -406844982, 1740638666, 2, 6],
  ['34', -2026295078, 121188570, 0, 0],
  ['4', 1514888353, 1514888353, 1, 3],
  ['', 275646681, 275646681, 0, 1],
];

function topicOf(n: number, unavailable: readonly number[] = []): PartitionMetadata[] {
  return Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: unavailable.includes(i) ? -1 : 1 }));
}

describe('partitioner', () => {
  describe('murmur2 (Java-compatible)', () => {
    for (const [key, hash, masked, mod3, mod10] of vectors) {
      it(`hashes ${JSON.stringify(key)} like Kafka's Utils.murmur2`, () => {
        const bytes = Buffer.from(key, 'utf8');
        assert.equal(murmur2(bytes), hash);
        assert.equal(toPositive(murmur2(bytes)), masked);
        assert.equal(partitionForKey(bytes, 3), mod3);
        assert.equal(partitionForKey(key, 10), mod10);
        assert.equal(murmur2String(key), hash);
      });
    }

    it('hashes a string key exactly as the UTF-8 bytes of it, ASCII or not (lone surrogates included)', () => {
      const strings = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        // Code units around the ASCII boundary, Latin-1, surrogates (paired or lone) and the rest of the BMP.
        fc.string({
          unit: fc
            .oneof(
              fc.integer({ min: 0x70, max: 0xff }),
              fc.integer({ min: 0xd800, max: 0xdfff }),
              fc.integer({ min: 0, max: 0xffff }),
            )
            .map((c) => String.fromCharCode(c)),
          maxLength: 12,
        }),
      );
      fc.assert(
        fc.property(strings, fc.integer({ min: 1, max: 1000 }), (s, n) => {
          const bytes = Buffer.from(s, 'utf8');
          assert.equal(murmur2String(s), murmur2(bytes));
          assert.equal(partitionForKey(s, n), partitionForKey(bytes, n));
        }),
        { numRuns: 500 },
      );
    });

    it('masks with a bit-AND, so the most negative int32 maps to 0 rather than staying negative', () => {
      assert.equal(toPositive(-2147483648), 0);
      assert.equal(toPositive(-1), 0x7fffffff);
    });

    it('always returns a signed int32 and a partition in range', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 1000 }), (bytes, n) => {
          const h = murmur2(bytes);
          assert.equal(h, h | 0);
          const p = partitionForKey(bytes, n);
          assert.ok(p >= 0 && p < n);
        }),
      );
    });
  });

  describe('DefaultPartitioner', () => {
    it('lets an explicit partition win over the key', () => {
      const p = new DefaultPartitioner(new SeededRandom(1));
      assert.equal(
        p.partition({
          topic: 't',
          partitionMetadata: topicOf(10),
          message: { key: 'foobar', value: null, partition: 3 },
        }),
        3,
      );
    });

    it('rejects an explicit partition the topic does not have', () => {
      const p = new DefaultPartitioner(new SeededRandom(1));
      assert.throws(
        () =>
          p.partition({ topic: 't', partitionMetadata: topicOf(3), message: { value: null, partition: 3 } }),
        (e: unknown) => KafkaError.is(e, 'UNKNOWN_TOPIC_OR_PARTITION'),
      );
    });

    it('hashes keys over all partitions, including unavailable ones', () => {
      const p = new DefaultPartitioner(new SeededRandom(1));
      // "foobar" -> 6 of 10 even when partition 6 has no leader (Java does not remap keyed records).
      assert.equal(
        p.partition({
          topic: 't',
          partitionMetadata: topicOf(10, [6]),
          message: { key: 'foobar', value: 'v' },
        }),
        6,
      );
    });

    it('sends null-key records to one partition until batch.size bytes went there, then switches', () => {
      const batchSize = 1000;
      const p = new DefaultPartitioner(new SeededRandom(7), batchSize);
      const meta = topicOf(6);
      const first = p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } });
      for (let i = 0; i < 9; i++) {
        assert.equal(p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } }), first);
        p.onAppend('t', first, 100, meta);
      }
      // 900 bytes so far: still sticky.
      assert.equal(p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } }), first);
      p.onAppend('t', first, 100, meta);
      const second = p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } });
      assert.notEqual(second, first);
    });

    it('switches on a new batch for the sticky partition (KIP-480) and ignores other partitions', () => {
      const p = new DefaultPartitioner(new SeededRandom(3));
      const meta = topicOf(4);
      const first = p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } });
      p.onNewBatch('t', meta, (first + 1) % 4);
      assert.equal(p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } }), first);
      p.onNewBatch('t', meta, first);
      assert.notEqual(p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } }), first);
    });

    it('keeps a separate sticky partition per topic', () => {
      const cache = new StickyPartitionCache(new SeededRandom(11), 100);
      const meta = topicOf(50);
      const a = cache.partition('a', meta);
      cache.onAppend('b', a, 1000, meta); // bytes to another topic do not move topic a
      assert.equal(cache.partition('a', meta), a);
    });

    it('only picks available partitions for null keys, and spreads over all of them', () => {
      const cache = new StickyPartitionCache(new SeededRandom(5), 1);
      const meta = topicOf(5, [1, 3]);
      const seen = new Set<number>();
      for (let i = 0; i < 200; i++) {
        const p = cache.partition('t', meta);
        seen.add(p);
        cache.onAppend('t', p, 1, meta);
      }
      assert.deepEqual([...seen].sort(), [0, 2, 4]);
    });

    it('is deterministic for a seed', () => {
      const run = (seed: number): number[] => {
        const cache = new StickyPartitionCache(new SeededRandom(seed), 10);
        const meta = topicOf(8);
        const out: number[] = [];
        for (let i = 0; i < 50; i++) {
          const p = cache.partition('t', meta);
          out.push(p);
          cache.onAppend('t', p, 4, meta);
        }
        return out;
      };
      assert.deepEqual(run(42), run(42));
    });
  });

  describe('custom partitioners', () => {
    it('runs a KafkaJS-style function and validates its answer', () => {
      const fn = partitionerFromFunction(({ partitionMetadata }) => partitionMetadata.length - 1);
      assert.equal(
        choosePartition(fn, { topic: 't', partitionMetadata: topicOf(4), message: { value: 'v' } }),
        3,
      );
      const bad = partitionerFromFunction(() => 4);
      assert.throws(
        () => choosePartition(bad, { topic: 't', partitionMetadata: topicOf(4), message: { value: 'v' } }),
        (e: unknown) => KafkaError.is(e, 'UNKNOWN_TOPIC_OR_PARTITION'),
      );
    });

    it('never asks the custom partitioner when the caller chose the partition', () => {
      let calls = 0;
      const fn = partitionerFromFunction(() => {
        calls++;
        return 0;
      });
      assert.equal(
        choosePartition(fn, {
          topic: 't',
          partitionMetadata: topicOf(4),
          message: { value: 'v', partition: 2 },
        }),
        2,
      );
      assert.equal(calls, 0);
    });
  });
});
