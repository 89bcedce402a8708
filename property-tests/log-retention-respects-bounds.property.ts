// Guarantee: retention (by time, by size, by log start offset) never removes the active segment, nor
// any record at or above the bound the caller passes (the high watermark).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SimulatedClock, SimulatedFileSystem } from '../core/io/index.ts';
import { LogConfig, PartitionLog } from '../core/log/index.ts';
import { encodeRecordBatch } from '../core/records/index.ts';
import { readEverything } from './log-appends-read-back-in-order.property.ts';

type Op =
  | { kind: 'append'; count: number; ageMs: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'retain'; boundFraction: number }
  | { kind: 'deleteRecords'; fraction: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ count: fc.integer({ min: 1, max: 4 }), ageMs: fc.integer({ min: 0, max: 5000 }) })
      .map((r) => ({ kind: 'append' as const, ...r })),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3000 }).map((ms) => ({ kind: 'advance' as const, ms })) },
  {
    weight: 3,
    arbitrary: fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((boundFraction) => ({ kind: 'retain' as const, boundFraction })),
  },
  {
    weight: 1,
    arbitrary: fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((fraction) => ({ kind: 'deleteRecords' as const, fraction })),
  },
);

describe('log: retention bounds', () => {
  it('never removes the active segment or anything at or above the bound', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 150, max: 1000 }),
        fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 4000 })),
        fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 3000 })),
        fc.constantFrom('delete', 'compact,delete'),
        (ops, segmentBytes, retentionMs, retentionBytes, policy) => {
          const fs = new SimulatedFileSystem();
          const clock = new SimulatedClock();
          const config = LogConfig.from({
            'segment.bytes': segmentBytes,
            'retention.ms': retentionMs,
            'retention.bytes': retentionBytes,
            'cleanup.policy': policy,
          });
          const log = PartitionLog.open({ fs, clock, dir: '/d/t-0', topic: 't', partition: 0, config });
          const values: string[] = [];
          for (const op of ops) {
            if (op.kind === 'append') {
              const fresh = Array.from({ length: op.count }, (_, i) => `v${values.length + i}`);
              const batch = encodeRecordBatch(
                fresh.map((value) => ({ key: 'k', value, timestamp: clock.now() - op.ageMs })),
              );
              values.push(...fresh);
              log.append(batch, { leaderEpoch: 0 });
            } else if (op.kind === 'advance') {
              clock.advance(op.ms);
            } else if (op.kind === 'deleteRecords') {
              const target =
                log.logStartOffset + Math.floor(op.fraction * (log.logEndOffset - log.logStartOffset));
              assert.equal(
                log.deleteRecordsBefore(target, log.logEndOffset),
                Math.max(target, log.logStartOffset),
              );
            } else {
              const startBefore = log.logStartOffset;
              const bound = startBefore + Math.floor(op.boundFraction * (log.logEndOffset - startBefore));
              const activeBase = log.segmentBaseOffsets().at(-1);
              const leo = log.logEndOffset;
              log.deleteOldSegments(bound);
              assert.equal(log.segmentBaseOffsets().at(-1), activeBase, 'the active segment stays');
              assert.equal(log.logEndOffset, leo);
              assert.ok(
                log.logStartOffset <= Math.max(bound, startBefore),
                `start ${log.logStartOffset} passed bound ${bound}`,
              );
            }
            // Every record from the log start on is still there, unchanged.
            const got = readEverything(log, 1 << 20);
            assert.deepEqual(
              got.map((r) => r.value),
              values.slice(log.logStartOffset),
            );
          }
        },
      ),
    );
  });
});
