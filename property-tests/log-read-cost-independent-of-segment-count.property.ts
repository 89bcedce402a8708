// Guarantee: a read at offset N costs the same file operations and bytes whether the log holds 10 or
// 10,000 segments (binary search over segments, in-memory indexes, handles kept open).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SimulatedClock, SimulatedFileSystem, type FsStats } from '../core/io/index.ts';
import { LogConfig, PartitionLog } from '../core/log/index.ts';
import { encodeRecordBatch } from '../core/records/index.ts';

/**
 * SimulatedFileSystem sums every file's size on each write to enforce capacityBytes; with 30,000 files
 * that dominates building the big log. Capacity is unlimited here, so skip the sum.
 */
class UnboundedSimulatedFileSystem extends SimulatedFileSystem {
  override usedBytes(): number {
    return 0;
  }
}

const batchesPerSegment = 4;
const recordsPerBatch = 3;
const recordsPerSegment = batchesPerSegment * recordsPerBatch;

function buildLog(segments: number): { log: PartitionLog; fs: SimulatedFileSystem } {
  const fs = new UnboundedSimulatedFileSystem();
  const clock = new SimulatedClock();
  const batch = encodeRecordBatch(
    Array.from({ length: recordsPerBatch }, (_, i) => ({ key: 'k', value: `value-${i}`, timestamp: 1 })),
  );
  // Exactly batchesPerSegment batches per segment; an index entry every other batch.
  const config = LogConfig.from({
    'segment.bytes': batch.length * batchesPerSegment,
    'index.interval.bytes': batch.length,
  });
  let log = PartitionLog.open({ fs, clock, dir: '/d/t-0', topic: 't', partition: 0, config });
  for (let i = 0; i < segments * batchesPerSegment; i++) log.append(Buffer.from(batch), { leaderEpoch: 0 });
  assert.equal(log.numberOfSegments, segments);
  log.close();
  // Reopen as after a clean shutdown, so both logs start cold (indexes loaded lazily).
  log = PartitionLog.open({
    fs,
    clock,
    dir: '/d/t-0',
    topic: 't',
    partition: 0,
    config,
    hadCleanShutdown: true,
    recoveryPoint: log.logEndOffset,
  });
  return { log, fs };
}

function costOf(fs: SimulatedFileSystem, read: () => void): FsStats {
  fs.resetStats();
  read();
  return { ...fs.stats };
}

describe('log: read cost', () => {
  const small = buildLog(10);
  const large = buildLog(10_000);

  it('a read at offset N touches the same file operations and bytes with 10 or 10,000 segments', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * recordsPerSegment - 1 }),
        fc.integer({ min: 0, max: 9_989 }),
        fc.integer({ min: 1, max: 4000 }),
        (offsetInSmall, segmentShift, maxBytes) => {
          // The same position inside a segment, in the small log and far into the large one.
          const shiftedOffset = offsetInSmall + segmentShift * recordsPerSegment;
          for (const warm of [false, true]) {
            const a = costOf(small.fs, () => small.log.read(offsetInSmall, maxBytes));
            const b = costOf(large.fs, () => large.log.read(offsetInSmall, maxBytes));
            const c = costOf(large.fs, () => large.log.read(shiftedOffset, maxBytes));
            if (warm) {
              assert.deepEqual(b, a);
              assert.deepEqual(c, a);
              assert.equal(a.opens + a.lists, 0, 'no opens or listings on the read path');
              assert.ok(a.reads <= 2, `${a.reads} reads`);
            }
          }
          const r = large.log.read(shiftedOffset, maxBytes);
          assert.ok(r.firstOffset <= shiftedOffset && r.nextOffset > shiftedOffset);
        },
      ),
    );
  });
});
