/**
 * Record format throughput: building RecordBatch v2 batches of 100-byte values, and iterating /
 * validating them, against a plain copy of the same 100-byte values into one big buffer (the least
 * any encoder or decoder must do: touch every byte once).
 *
 * Knobs: BENCH_RECORDS (default 200000 records per run), BENCH_RECORDS_PER_BATCH (default 500),
 * BENCH_RECORDS_COMPRESSED (default 50000, for the compressed figures).
 */
import {
  Compression,
  RecordBatchBuilder,
  forEachRecord,
  forEachRecordAsync,
  scanRecords,
  validateBatch,
  type CompressionType,
} from '../core/records/index.ts';
import { envInt, rate, rateAsync, type Benchmark, type FigureSpec } from './harness.ts';

const valueBytes = 100;
const distinctValues = 1024;

/** Log-line-like 100-byte values: realistic for the compressed figures, exact size for all. */
function makeValues(): Buffer[] {
  const values: Buffer[] = [];
  for (let i = 0; i < distinctValues; i++) {
    const text = `{"id":${i * 7919},"user":"user-${i % 97}","event":"${['click', 'view', 'buy'][i % 3]}","n":${i}}`;
    values.push(Buffer.from(text.padEnd(valueBytes, ' ').slice(0, valueBytes)));
  }
  return values;
}

function encodeAll(
  values: Buffer[],
  records: number,
  perBatch: number,
  compression: CompressionType,
): Buffer[] {
  const builder = new RecordBatchBuilder({ compression, initialCapacity: perBatch * (valueBytes + 16) + 64 });
  const batches: Buffer[] = [];
  const ts = 1_700_000_000_000;
  for (let i = 0; i < records; i++) {
    builder.append({ value: values[i % distinctValues], timestamp: ts + i });
    if (builder.count === perBatch) batches.push(builder.build());
  }
  if (builder.count > 0) batches.push(builder.build());
  return batches;
}

async function encodeAllAsync(
  values: Buffer[],
  records: number,
  perBatch: number,
  compression: CompressionType,
) {
  const builder = new RecordBatchBuilder({ compression, initialCapacity: perBatch * (valueBytes + 16) + 64 });
  const batches: Buffer[] = [];
  for (let i = 0; i < records; i++) {
    builder.append({ value: values[i % distinctValues], timestamp: 1_700_000_000_000 + i });
    if (builder.count === perBatch) batches.push(await builder.buildAsync());
  }
  if (builder.count > 0) batches.push(await builder.buildAsync());
  return batches;
}

/** The baseline: copy each 100-byte value into one preallocated buffer. */
function copyBaseline(values: Buffer[], records: number): () => number {
  const big = Buffer.allocUnsafe(records * valueBytes);
  return () =>
    rate(records, () => {
      let pos = 0;
      for (let i = 0; i < records; i++) {
        values[i % distinctValues].copy(big, pos);
        pos += valueBytes;
      }
    });
}

/** Sum a byte per record so the iteration cannot be optimised away. */
let sink = 0;

const benchmark: Benchmark = {
  name: 'records',
  run(ctx) {
    const records = envInt('BENCH_RECORDS', 200_000);
    const perBatch = envInt('BENCH_RECORDS_PER_BATCH', 500);
    const compressedRecords = envInt('BENCH_RECORDS_COMPRESSED', 50_000);
    const values = makeValues();
    const baseline = {
      name: `Buffer.copy of ${records} 100-byte values`,
      measure: copyBaseline(values, records),
    };
    const baselineCompressed = {
      name: `Buffer.copy of ${compressedRecords} 100-byte values`,
      measure: copyBaseline(values, compressedRecords),
    };
    const settings = { records, recordsPerBatch: perBatch, valueBytes };
    const plain = encodeAll(values, records, perBatch, Compression.none);
    ctx.log(`${plain.length} batches of ${perBatch} records, ${plain[0].length} bytes each`);

    const figures: FigureSpec[] = [
      {
        name: 'encode 100-byte records (RecordBatchBuilder, uncompressed)',
        unit: 'records/s',
        settings,
        measure: () => rate(records, () => void encodeAll(values, records, perBatch, Compression.none)),
        baseline,
      },
      {
        name: 'iterate records (forEachRecord, uncompressed)',
        unit: 'records/s',
        settings,
        measure: () =>
          rate(records, () => {
            for (const b of plain) forEachRecord(b, (r) => (sink += r.value![0]));
          }),
        baseline,
      },
      {
        name: 'scan records as positions (scanRecords, uncompressed)',
        unit: 'records/s',
        settings,
        measure: () =>
          rate(records, () => {
            for (const b of plain)
              scanRecords(b, (data, _o, _t, _ks, _kl, valueStart) => (sink += data[valueStart]));
          }),
        baseline,
      },
      {
        name: 'validate batches (validateBatch: CRC-32C + record walk)',
        unit: 'records/s',
        settings,
        measure: () =>
          rate(records, () => {
            for (const b of plain) validateBatch(b);
          }),
        baseline,
      },
    ];

    const codecs: Array<[string, CompressionType]> = [
      ['lz4', Compression.lz4],
      ['snappy', Compression.snappy],
      ['gzip', Compression.gzip],
      ['zstd', Compression.zstd],
    ];
    const compressedSettings = { records: compressedRecords, recordsPerBatch: perBatch, valueBytes };
    for (const [codecName, codec] of codecs) {
      figures.push({
        name: `encode 100-byte records, ${codecName}`,
        unit: 'records/s',
        settings: compressedSettings,
        measure: () =>
          rateAsync(
            compressedRecords,
            async () => void (await encodeAllAsync(values, compressedRecords, perBatch, codec)),
          ),
        baseline: baselineCompressed,
      });
      let encoded: Buffer[] | null = null;
      figures.push({
        name: `iterate records, ${codecName}`,
        unit: 'records/s',
        settings: compressedSettings,
        measure: async () => {
          encoded ??= await encodeAllAsync(values, compressedRecords, perBatch, codec);
          const batches = encoded;
          return rateAsync(compressedRecords, async () => {
            for (const b of batches) await forEachRecordAsync(b, (r) => (sink += r.value![0]));
          });
        },
        baseline: baselineCompressed,
      });
    }
    ctx.onTeardown(() => {
      if (sink === -1) ctx.log('unreachable');
    });
    return figures;
  },
};

export default benchmark;
