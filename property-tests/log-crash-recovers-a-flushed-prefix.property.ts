// Guarantee: after a crash that loses or tears any subset of unsynced writes, the recovered log is a
// prefix of what was appended, holds every batch flushed before the crash, and accepts appends again.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SeededRandom, SimulatedClock, SimulatedFileSystem } from '../core/io/index.ts';
import { LogConfig, LogManager } from '../core/log/index.ts';
import { encodeRecordBatch } from '../core/records/index.ts';
import { readEverything } from './log-appends-read-back-in-order.property.ts';

type Op =
  | { kind: 'append'; count: number }
  | { kind: 'flush' }
  | { kind: 'checkpoint' }
  | { kind: 'truncate'; back: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.integer({ min: 1, max: 5 }).map((count) => ({ kind: 'append' as const, count })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'checkpoint' as const }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 8 }).map((back) => ({ kind: 'truncate' as const, back })),
  },
);

describe('log: crash recovery', () => {
  it('recovers a prefix of what was appended that holds everything flushed, and accepts appends again', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 150, max: 1500 }),
        fc.integer(),
        (rounds, segmentBytes, seed) => {
          const fs = new SimulatedFileSystem();
          const clock = new SimulatedClock();
          const random = new SeededRandom(seed);
          const config = LogConfig.from({ 'segment.bytes': segmentBytes, 'index.interval.bytes': 100 });
          const open = (): LogManager =>
            LogManager.open({ fs, clock, logDirs: ['/d'], configFor: () => config });
          let manager = open();
          let log = manager.getOrCreateLog('t', 0, config);
          // What the log holds, value by offset; `durable` is how much of it a crash must keep.
          let expected: string[] = [];
          let durable = 0;
          let serial = 0;
          for (const ops of rounds) {
            for (const op of ops) {
              if (op.kind === 'append') {
                const values = Array.from({ length: op.count }, () => `v${serial++}`);
                log.append(encodeRecordBatch(values.map((value) => ({ key: 'k', value }))), {
                  leaderEpoch: 0,
                });
                expected.push(...values);
              } else if (op.kind === 'flush') {
                log.flush();
                durable = expected.length;
              } else if (op.kind === 'checkpoint') {
                manager.checkpointAll();
              } else {
                log.truncateTo(Math.max(log.logStartOffset, expected.length - op.back));
                expected = expected.slice(0, log.logEndOffset);
                durable = Math.min(durable, expected.length);
              }
            }
            fs.crash({ random, anySubset: true });
            manager = open();
            log = manager.getLog('t', 0)!;
            const got = readEverything(log, 1 << 20);
            assert.ok(got.length >= durable, `kept ${got.length} records, ${durable} were flushed`);
            assert.ok(
              got.length <= expected.length,
              `recovered ${got.length} of ${expected.length} appended`,
            );
            assert.deepEqual(
              got.map((r) => r.offset),
              got.map((_, i) => i),
            );
            assert.deepEqual(
              got.map((r) => r.value),
              expected.slice(0, got.length),
            );
            expected = expected.slice(0, got.length);
            // What survived a crash is on disk now; the next round's crash must keep it.
            durable = got.length;
            const next = log.append(encodeRecordBatch([{ key: 'k', value: `v${serial}` }]), {
              leaderEpoch: 1,
            });
            assert.equal(next.baseOffset, got.length);
            expected.push(`v${serial++}`);
          }
        },
      ),
    );
  });
});
