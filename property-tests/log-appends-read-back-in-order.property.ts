// Guarantee: any sequence of appends reads back completely, in order, with contiguous offsets, across
// segment rolls and reopens (clean or not).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SimulatedClock, SimulatedFileSystem } from '../core/io/index.ts';
import { LogConfig, PartitionLog, type PartitionLogOptions } from '../core/log/index.ts';
import { batchPositions, decodeRecords, encodeRecordBatch } from '../core/records/index.ts';

type Op = { kind: 'append'; values: string[] } | { kind: 'reopen'; clean: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 6 })
      .map((values) => ({ kind: 'append' as const, values })),
  },
  { weight: 1, arbitrary: fc.boolean().map((clean) => ({ kind: 'reopen' as const, clean })) },
);

/** Every record from the log start to the end, following nextOffset with a small maxBytes. */
export function readEverything(
  log: PartitionLog,
  maxBytes: number,
): Array<{ offset: number; value: string }> {
  const out: Array<{ offset: number; value: string }> = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, maxBytes);
    assert.ok(r.nextOffset > offset);
    for (const [pos, size] of batchPositions(r.bytes)) {
      for (const rec of decodeRecords(r.bytes.subarray(pos, pos + size))) {
        if (rec.offset >= offset) out.push({ offset: rec.offset, value: rec.value?.toString() ?? '' });
      }
    }
    offset = r.nextOffset;
  }
  return out;
}

describe('log: appends read back in order', () => {
  it('any sequence of appends reads back completely, in order, with contiguous offsets, across rolls and reopens', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 200, max: 2000 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 3000 }),
        (ops, segmentBytes, indexIntervalBytes, maxBytes) => {
          const fs = new SimulatedFileSystem();
          const clock = new SimulatedClock();
          const options: PartitionLogOptions = {
            fs,
            clock,
            dir: '/logs/p-0',
            topic: 'p',
            partition: 0,
            config: LogConfig.from({
              'segment.bytes': segmentBytes,
              'index.interval.bytes': indexIntervalBytes,
            }),
          };
          let log = PartitionLog.open(options);
          const expected: string[] = [];
          for (const op of ops) {
            if (op.kind === 'append') {
              const batch = encodeRecordBatch(
                op.values.map((value) => ({ key: 'k', value, timestamp: clock.now() })),
              );
              const result = log.append(batch, { leaderEpoch: 0 });
              assert.equal(result.baseOffset, expected.length);
              expected.push(...op.values);
              assert.equal(result.lastOffset, expected.length - 1);
            } else {
              if (op.clean) log.close();
              else log.closeWithoutFlush();
              log = PartitionLog.open({
                ...options,
                hadCleanShutdown: op.clean,
                recoveryPoint: op.clean ? log.logEndOffset : 0,
              });
            }
            clock.advance(1);
          }
          assert.equal(log.logEndOffset, expected.length);
          const got = readEverything(log, maxBytes);
          assert.deepEqual(
            got.map((r) => r.offset),
            expected.map((_, i) => i),
          );
          assert.deepEqual(
            got.map((r) => r.value),
            expected,
          );
        },
      ),
    );
  });
});
