// Guarantee: whatever the retries (a batch re-sent any number of times), clean reopens and crashes
// that lose or tear unsynced writes, the log never holds an idempotent producer's sequence number
// twice, and every batch that was acknowledged and then flushed is still there.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ErrorCode, KafkaError } from '../core/errors/index.ts';
import { SeededRandom, SimulatedClock, SimulatedFileSystem } from '../core/io/index.ts';
import { LogConfig, PartitionLog } from '../core/log/index.ts';
import { batchPositions, encodeRecordBatch, readBatchHeader } from '../core/records/index.ts';

type Op =
  | { kind: 'produce'; producer: number; count: number; retries: number }
  | { kind: 'retryOld'; producer: number; back: number }
  | { kind: 'flush' }
  | { kind: 'reopen' }
  | { kind: 'crash' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .record({
        producer: fc.integer({ min: 0, max: 2 }),
        count: fc.integer({ min: 1, max: 4 }),
        retries: fc.integer({ min: 0, max: 3 }),
      })
      .map((r) => ({ kind: 'produce' as const, ...r })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ producer: fc.integer({ min: 0, max: 2 }), back: fc.integer({ min: 0, max: 6 }) })
      .map((r) => ({ kind: 'retryOld' as const, ...r })),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
);

interface SentBatch {
  firstSeq: number;
  count: number;
  /** Offsets the log acknowledged; undefined until acknowledged (or after the batch was lost). */
  baseOffset: number | undefined;
}

/** Producer ids (large, as brokers allocate them) and their epoch. */
const producerIds = [1000, 1001, 1002];
const producerEpoch = 3;

function batchFor(producer: number, b: SentBatch): Buffer {
  const records = Array.from({ length: b.count }, (_, i) => ({
    key: 'k',
    value: `p${producer}s${b.firstSeq + i}`,
  }));
  return encodeRecordBatch(records, {
    producerId: producerIds[producer]!,
    producerEpoch,
    baseSequence: b.firstSeq,
  });
}

/** (producerId, first sequence) -> base offset of every batch in the log, checking no sequence appears twice. */
function scanLog(log: PartitionLog): Map<string, number> {
  const batches = new Map<string, number>();
  const seen = new Set<string>();
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const r = log.read(offset, 1 << 20);
    assert.ok(r.nextOffset > offset);
    for (const [pos] of batchPositions(r.bytes)) {
      const h = readBatchHeader(r.bytes, pos);
      for (let i = 0; i <= h.lastOffsetDelta; i++) {
        const key = `${h.producerId}:${h.baseSequence + i}`;
        assert.ok(!seen.has(key), `sequence ${key} is in the log twice`);
        seen.add(key);
      }
      batches.set(`${h.producerId}:${h.baseSequence}`, h.baseOffset);
    }
    offset = r.nextOffset;
  }
  return batches;
}

describe('log: idempotent appends', () => {
  it('never holds a (producerId, sequence) twice and keeps every acknowledged, flushed batch, across retries, reopens and crashes', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 300, max: 2000 }),
        fc.integer(),
        (ops, segmentBytes, seed) => {
          const fs = new SimulatedFileSystem();
          const clock = new SimulatedClock();
          const random = new SeededRandom(seed);
          const config = LogConfig.from({ 'segment.bytes': segmentBytes, 'index.interval.bytes': 100 });
          const open = (clean: boolean, recoveryPoint: number): PartitionLog =>
            PartitionLog.open({
              fs,
              clock,
              dir: '/d/t-0',
              topic: 't',
              partition: 0,
              config,
              hadCleanShutdown: clean,
              recoveryPoint,
            });
          let log = open(false, 0);
          const sent: SentBatch[][] = producerIds.map(() => []);
          /** Batches acknowledged and then flushed: a crash must keep them. */
          const durable = new Set<string>();
          const key = (p: number, b: SentBatch): string => `${producerIds[p]!}:${b.firstSeq}`;

          /** Sends (or re-sends) a batch; a duplicate must answer with the original offsets. */
          const send = (p: number, b: SentBatch): void => {
            const result = log.append(batchFor(p, b), { leaderEpoch: 0 });
            if (b.baseOffset !== undefined) {
              assert.equal(result.duplicate, true, `re-send of ${key(p, b)} was written again`);
              assert.equal(result.baseOffset, b.baseOffset);
              assert.equal(result.lastOffset, b.baseOffset + b.count - 1);
            } else {
              assert.equal(result.duplicate, undefined);
              b.baseOffset = result.baseOffset;
            }
          };

          /** After a reopen: forget acknowledgements of lost batches; clients re-send what they have not seen land. */
          const afterReopen = (): void => {
            const inLog = scanLog(log);
            for (const k of durable) assert.ok(inLog.has(k), `flushed batch ${k} was lost`);
            for (const [p, batches] of sent.entries()) {
              for (const b of batches) {
                const at = inLog.get(key(p, b));
                assert.ok(at === undefined || at === b.baseOffset, `${key(p, b)} moved`);
                if (at === undefined) b.baseOffset = undefined;
              }
              // In-flight retry, in order, of the batches that did not survive (a log is a prefix).
              for (const b of batches) if (b.baseOffset === undefined) send(p, b);
            }
          };

          for (const op of ops) {
            if (op.kind === 'produce') {
              const batches = sent[op.producer]!;
              const last = batches[batches.length - 1];
              const b: SentBatch = {
                firstSeq: last === undefined ? 0 : last.firstSeq + last.count,
                count: op.count,
                baseOffset: undefined,
              };
              batches.push(b);
              for (let i = 0; i <= op.retries; i++) send(op.producer, b);
            } else if (op.kind === 'retryOld') {
              const batches = sent[op.producer]!;
              const b = batches[batches.length - 1 - op.back];
              if (b === undefined) continue;
              if (op.back < 5) {
                send(op.producer, b);
              } else {
                // Older than the 5 cached batches: refused, never written again.
                assert.throws(
                  () => log.append(batchFor(op.producer, b), { leaderEpoch: 0 }),
                  (e: unknown) => KafkaError.is(e) && e.code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
                );
              }
            } else if (op.kind === 'flush') {
              log.flush();
              for (const [p, batches] of sent.entries()) for (const b of batches) durable.add(key(p, b));
            } else if (op.kind === 'reopen') {
              log.close();
              log = open(true, log.logEndOffset);
              afterReopen();
            } else {
              fs.crash({ random });
              log = open(false, 0);
              afterReopen();
            }
            scanLog(log);
          }
        },
      ),
    );
  });
});
