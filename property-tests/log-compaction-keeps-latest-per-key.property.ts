// Guarantee: compaction keeps exactly the latest record per key (tombstones kept for
// delete.retention.ms after the cleaner first passes them, then dropped), never changes an offset,
// and never touches the active segment; crashes between operations leave a compacted prefix.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SeededRandom, SimulatedClock, SimulatedFileSystem } from '../core/io/index.ts';
import { LogCleaner, LogConfig, PartitionLog, type PartitionLogOptions } from '../core/log/index.ts';
import { Compression, batchPositions, decodeRecordsAsync, encodeRecordBatch } from '../core/records/index.ts';

interface Entry {
  key: string;
  value: string | null;
  /** When the cleaner first kept this tombstone (its delete horizon starts then). */
  firstPassedMs?: number;
}

type Op =
  | { kind: 'append'; records: Array<{ key: string; value: string | null }>; gzip: boolean }
  | { kind: 'roll' }
  | { kind: 'advance'; ms: number }
  | { kind: 'clean' }
  | { kind: 'reopen' }
  | { kind: 'crash'; seed: number };

const recordArb = fc.record({
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'é', 'a\u0000'),
  value: fc.option(fc.string({ maxLength: 12 }), { freq: 4, nil: null }),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ records: fc.array(recordArb, { minLength: 1, maxLength: 5 }), gzip: fc.boolean() })
      .map((r) => ({ kind: 'append' as const, ...r })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'roll' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 800 }).map((ms) => ({ kind: 'advance' as const, ms })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'clean' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  { weight: 1, arbitrary: fc.integer().map((seed) => ({ kind: 'crash' as const, seed })) },
);

async function readAll(log: PartitionLog): Promise<Map<number, { key: string; value: string | null }>> {
  const out = new Map<number, { key: string; value: string | null }>();
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    if (r.bytes.length === 0) break;
    for (const [pos, size] of batchPositions(r.bytes)) {
      for (const rec of await decodeRecordsAsync(r.bytes.subarray(pos, pos + size))) {
        assert.ok(!out.has(rec.offset), `offset ${rec.offset} appears twice`);
        out.set(rec.offset, {
          key: rec.key!.toString('utf8'),
          value: rec.value === null ? null : rec.value.toString('utf8'),
        });
      }
    }
    offset = r.nextOffset;
  }
  return out;
}

describe('log: compaction', () => {
  it('keeps exactly the latest record per key, honours tombstone retention, never changes offsets or the active segment', async () => {
    const deleteRetentionMs = 1000;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        const fs = new SimulatedFileSystem();
        const clock = new SimulatedClock();
        const options: PartitionLogOptions = {
          fs,
          clock,
          dir: '/d/c-0',
          topic: 'c',
          partition: 0,
          config: LogConfig.from({
            'cleanup.policy': 'compact',
            'delete.retention.ms': deleteRetentionMs,
            'index.interval.bytes': 64,
          }),
        };
        let log = PartitionLog.open(options);
        const cleaner = new LogCleaner({ fs, clock });
        const model = new Map<number, Entry>();
        let next = 0;
        for (const op of ops) {
          if (op.kind === 'append') {
            const batch = encodeRecordBatch(
              op.records.map((r) => ({ key: r.key, value: r.value, timestamp: clock.now() })),
              { compression: op.gzip ? Compression.gzip : Compression.none },
            );
            log.append(batch, { leaderEpoch: 0 });
            for (const r of op.records) model.set(next++, { key: r.key, value: r.value });
          } else if (op.kind === 'roll') {
            log.roll();
          } else if (op.kind === 'advance') {
            clock.advance(op.ms);
          } else if (op.kind === 'crash') {
            // Unsynced writes lost or torn; cleaned segments were synced before their swap.
            const flushed = log.recoveryPoint;
            fs.crash({ random: new SeededRandom(op.seed) });
            log = PartitionLog.open(options);
            assert.ok(log.logEndOffset >= flushed, `lost flushed data: ${log.logEndOffset} < ${flushed}`);
            for (const offset of [...model.keys()]) if (offset >= log.logEndOffset) model.delete(offset);
            next = log.logEndOffset;
          } else if (op.kind === 'reopen') {
            log.close();
            log = PartitionLog.open({ ...options, hadCleanShutdown: true, recoveryPoint: log.logEndOffset });
          } else {
            const bases = log.segmentBaseOffsets();
            const end = bases.length > 1 ? bases[bases.length - 1]! : log.logStartOffset;
            const result = await cleaner.clean(log);
            if (bases.length > 1) assert.equal(result.cleanedUpTo, end);
            applyClean(model, end, clock.now(), deleteRetentionMs);
          }
          const got = await readAll(log);
          const want = new Map([...model].map(([o, e]) => [o, { key: e.key, value: e.value }]));
          assert.deepEqual(got, want);
          assert.equal(log.logEndOffset, next);
        }
      }),
    );
  });
});

/** The model of one cleaning pass over offsets below `end`. */
function applyClean(model: Map<number, Entry>, end: number, nowMs: number, deleteRetentionMs: number): void {
  const latest = new Map<string, number>();
  for (const [offset, e] of model)
    if (offset < end) latest.set(e.key, Math.max(latest.get(e.key) ?? -1, offset));
  for (const [offset, e] of [...model]) {
    if (offset >= end) continue;
    if (latest.get(e.key) !== offset) {
      model.delete(offset);
    } else if (e.value === null) {
      if (e.firstPassedMs === undefined) e.firstPassedMs = nowMs;
      else if (nowMs >= e.firstPassedMs + deleteRetentionMs) model.delete(offset);
    }
  }
}
