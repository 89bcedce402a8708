import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../errors/index.ts';
import {
  Compression,
  batchPositions,
  decodeRecords,
  decodeRecordsAsync,
  encodeRecordBatch,
  encodeRecordBatchAsync,
  forEachRecord,
  scanRecords,
  validateBatch,
  type CompressionType,
} from './index.ts';

/*
 * Garbage in must mean a KafkaError out (CORRUPT_MESSAGE, INVALID_RECORD, or
 * UNSUPPORTED_COMPRESSION_TYPE for zstd on a sync path) — never a RangeError, a TypeError from a
 * native codec, a wrong view or a hang. Mocha's timeout bounds the "never hangs" part.
 */

const allowed = new Set(['CORRUPT_MESSAGE', 'INVALID_RECORD', 'UNSUPPORTED_COMPRESSION_TYPE']);

function onlyKafkaErrors(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof KafkaError) || !allowed.has(err.errorName)) {
      assert.fail(`unexpected error: ${String(err)}`);
    }
  }
}

async function onlyKafkaErrorsAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof KafkaError) || !allowed.has(err.errorName)) {
      assert.fail(`unexpected error: ${String(err)}`);
    }
  }
}

function exercise(buf: Buffer): void {
  onlyKafkaErrors(() => validateBatch(buf));
  onlyKafkaErrors(() => decodeRecords(buf));
  onlyKafkaErrors(() => forEachRecord(buf, () => {}));
  onlyKafkaErrors(() => scanRecords(buf, () => {}));
  // batchPositions never throws and always moves forward within the buffer.
  let last = -1;
  for (const [pos, size] of batchPositions(buf)) {
    assert.ok(pos > last && pos + size <= buf.length);
    last = pos;
  }
}

const recordArb = fc.record({
  key: fc.option(
    fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)),
    { nil: null },
  ),
  value: fc.option(fc.string({ unit: 'grapheme', maxLength: 60 }), { nil: null }),
  timestamp: fc.integer({ min: 0, max: 2 ** 42 }),
  headers: fc.array(
    fc.record({
      key: fc.string({ unit: 'grapheme', maxLength: 8 }),
      value: fc.option(fc.string({ unit: 'grapheme', maxLength: 8 }), { nil: null }),
    }),
    { maxLength: 2 },
  ),
});

const codecArb = fc.constantFrom<CompressionType>(
  Compression.none,
  Compression.gzip,
  Compression.snappy,
  Compression.lz4,
  Compression.zstd,
);

describe('record batch fuzzing', () => {
  it('random bytes never throw anything but a KafkaError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        exercise(Buffer.from(bytes));
      }),
    );
  });

  it('a random header on a random body never throws anything but a KafkaError', () => {
    // Plausible headers (magic 2, sane length) get the parser past the first checks.
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: -2, max: 10 }),
        (body, codec, count) => {
          const b = Buffer.alloc(61 + body.length);
          b.writeInt32BE(49 + body.length, 8);
          b[16] = 2;
          b.writeInt16BE(codec, 21);
          b.writeInt32BE(count, 57);
          Buffer.from(body).copy(b, 61);
          exercise(b);
        },
      ),
    );
  });

  it('bit-flipped and truncated batches of every codec never throw anything but a KafkaError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { minLength: 1, maxLength: 8 }),
        codecArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        async (records, codec, flips, cut) => {
          const batch = await encodeRecordBatchAsync(records, { compression: codec });
          const flipped = Buffer.from(batch);
          for (const f of flips) flipped[f % flipped.length] ^= 1 << (f % 8);
          exercise(flipped);
          await onlyKafkaErrorsAsync(() => decodeRecordsAsync(flipped));
          const truncated = batch.subarray(0, cut % batch.length);
          exercise(truncated);
          await onlyKafkaErrorsAsync(() => decodeRecordsAsync(truncated));
        },
      ),
    );
  });

  it('valid batches of random records round-trip through every codec', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { minLength: 1, maxLength: 20 }),
        codecArb,
        async (records, codec) => {
          const batch =
            codec === Compression.zstd
              ? await encodeRecordBatchAsync(records, { compression: codec })
              : encodeRecordBatch(records, { compression: codec });
          assert.equal(validateBatch(batch).recordsCount, records.length);
          const out = await decodeRecordsAsync(batch);
          assert.deepEqual(
            out.map((r) => [
              r.timestamp,
              r.key,
              r.value?.toString() ?? null,
              r.headers.map((h) => [h.key, h.value?.toString() ?? null]),
            ]),
            records.map((r) => [r.timestamp, r.key, r.value, r.headers.map((h) => [h.key, h.value])]),
          );
        },
      ),
    );
  });
});
