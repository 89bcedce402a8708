/**
 * The durable segment log on the real disk (NodeFileSystem in a temp dir):
 * - append of pre-built batches (1,000 records x 100 B) through PartitionLog.append (validation with
 *   CRC-32C and record walk, offset assignment in place, one write per batch, sparse indexing) vs a
 *   raw `fs.writeSync` of the same bytes to a plain file;
 * - sequential read of the whole log with PartitionLog.read (1 MiB per call) vs raw 1 MiB `fs.readSync`
 *   calls over the same .log file;
 * - random-offset lookups (read of the batch holding a random offset) on a log 10x larger vs the
 *   smaller one: the ratio shows whether lookup cost depends on log size.
 *
 * - CRC-32C alone and the record walk alone over the same batches, each against the same raw write:
 *   append costs about write + CRC + walk, so these two ratios say where its time goes.
 *
 * Clock (recorded in each figure's settings; figure and baseline always share it): the append, CRC
 * and walk figures, and the lookups, are timed by the process's CPU time (user + system,
 * process.cpuUsage) by default. They are synchronous, CPU-bound work on page-cached files, with the
 * same allocations on both sides (none while timed for the write side; the same read code for the
 * two lookup logs), so on an idle machine CPU and wall-clock time agree, while on a shared one
 * (8 engineers on 2 cores) wall-clock runs mostly measure who else got the CPU (the same append code
 * gave 0.24..0.78). The sequential read stays on wall-clock time: its two sides allocate differently,
 * and process CPU time would also count GC helper threads.
 * BENCH_LOG_CLOCK=wall or =cpu puts every figure on one clock.
 *
 * Knobs: BENCH_LOG_BATCHES (default 100 batches of 1,000 x 100 B, about 11 MB), BENCH_LOG_READ_PASSES
 * (default 10 passes over the log per read run), BENCH_LOG_LOOKUPS (default 20000), BENCH_LOG_LOOKUP_BATCHES
 * (default 2000 small batches in the smaller lookup log).
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { NodeFileSystem, SeededRandom, SystemClock } from '../core/io/index.ts';
import { LogConfig, PartitionLog } from '../core/log/index.ts';
import { crc32c } from '@node-rs/crc32';
import { RecordBatchBuilder, validateBatch } from '../core/records/index.ts';
import { checkRecords } from '../core/records/record-reader.ts';
import { envInt, nowSeconds, type Benchmark, type FigureSpec } from './harness.ts';

const recordsPerBatch = 1000;
const valueBytes = 100;
const readChunkBytes = 1024 * 1024;

function buildBatches(count: number, perBatch: number): Buffer[] {
  const batches: Buffer[] = [];
  const value = Buffer.alloc(valueBytes, 120);
  for (let b = 0; b < count; b++) {
    const builder = new RecordBatchBuilder({ initialCapacity: perBatch * (valueBytes + 16) + 64 });
    for (let i = 0; i < perBatch; i++) builder.append({ value, timestamp: 1_700_000_000_000 + i });
    batches.push(Buffer.from(builder.build()));
  }
  return batches;
}

function openLog(dir: string, config: LogConfig): PartitionLog {
  return PartitionLog.open({
    fs: new NodeFileSystem(),
    clock: new SystemClock(),
    dir,
    topic: 'bench',
    partition: 0,
    config,
  });
}

type ClockKind = 'cpu' | 'wall';
const clockSetting = process.env['BENCH_LOG_CLOCK'];
/** The clock of the append, CRC, walk and lookup figures, and that of the sequential read (see the header). */
const writeClock: ClockKind = clockSetting === 'wall' ? 'wall' : 'cpu';
const readClock: ClockKind = clockSetting === 'cpu' ? 'cpu' : 'wall';

/** Seconds on a clock: CPU time of this process, or wall-clock time. */
function seconds(clock: ClockKind): number {
  if (clock === 'wall') return nowSeconds();
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** MB/s of `bytes` moved by fn (timed alone; setup and cleanup stay outside). */
function mbPerSecond(bytes: number, fn: () => void, clock: ClockKind = writeClock): number {
  const t0 = seconds(clock);
  fn();
  return bytes / 1e6 / (seconds(clock) - t0);
}

let sink = 0;

const benchmark: Benchmark = {
  name: 'log',
  run(ctx) {
    const batchCount = envInt('BENCH_LOG_BATCHES', 100);
    const lookups = envInt('BENCH_LOG_LOOKUPS', 20_000);
    const readPasses = envInt('BENCH_LOG_READ_PASSES', 10);
    const lookupBatches = envInt('BENCH_LOG_LOOKUP_BATCHES', 2000);
    const root = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'tributary-bench-log-'));
    ctx.onTeardown(() => nodeFs.rmSync(root, { recursive: true, force: true }));
    const batches = buildBatches(batchCount, recordsPerBatch);
    const totalBytes = batches.reduce((n, b) => n + b.length, 0);
    ctx.log(
      `${batchCount} batches of ${recordsPerBatch} x ${valueBytes} B, ${batches[0]!.length} bytes each`,
    );
    let runSeq = 0;

    const appendOnce = (): number => {
      const dir = nodePath.join(root, `append-${runSeq++}`);
      const log = openLog(dir, LogConfig.defaults);
      // As the broker's makeLeader (and Kafka's Partition.makeLeader) does before any append: the
      // leader epoch enters the epoch cache, whose checkpoint is written with fsync. Leader elections
      // are not part of appending batches, so this stays out of the timed loop.
      log.leaderEpochCache.assign(0, log.logEndOffset);
      const result = mbPerSecond(totalBytes, () => {
        for (const b of batches) log.append(b, { leaderEpoch: 0 });
      });
      log.close();
      nodeFs.rmSync(dir, { recursive: true, force: true });
      return result;
    };
    const rawWrite = (validate: boolean) => (): number => {
      const path = nodePath.join(root, `raw-${runSeq++}.log`);
      const fd = nodeFs.openSync(path, 'w');
      const result = mbPerSecond(totalBytes, () => {
        for (const b of batches) {
          if (validate) validateBatch(b);
          nodeFs.writeSync(fd, b);
        }
      });
      nodeFs.closeSync(fd);
      nodeFs.rmSync(path, { force: true });
      return result;
    };

    // The two parts of batch validation alone, over the same bytes: where append time goes.
    const crcOnly = (): number =>
      mbPerSecond(totalBytes, () => {
        for (const b of batches) sink ^= crc32c(b.subarray(21));
      });
    const walkOnly = (): number =>
      mbPerSecond(totalBytes, () => {
        for (const b of batches) checkRecords(b, 61, b.length, recordsPerBatch);
      });

    // A log to read back, written once.
    const readDir = nodePath.join(root, 'read');
    const readLog = openLog(readDir, LogConfig.defaults);
    for (const b of batches) readLog.append(Buffer.from(b), { leaderEpoch: 0 });
    readLog.flush();
    const segmentFile = nodePath.join(readDir, '00000000000000000000.log');
    ctx.onTeardown(() => readLog.close());

    const readOnce = (): number =>
      mbPerSecond(
        totalBytes * readPasses,
        () => {
          for (let pass = 0; pass < readPasses; pass++) {
            let offset = 0;
            while (offset < readLog.logEndOffset) {
              const r = readLog.read(offset, readChunkBytes);
              sink += r.bytes.length;
              offset = r.nextOffset;
            }
          }
        },
        readClock,
      );
    const rawReadOnce = (): number => {
      const fd = nodeFs.openSync(segmentFile, 'r');
      const result = mbPerSecond(
        totalBytes * readPasses,
        () => {
          for (let pass = 0; pass < readPasses; pass++) {
            let position = 0;
            for (;;) {
              // A fresh buffer per call, as the log returns one per read.
              const n = nodeFs.readSync(fd, Buffer.allocUnsafe(readChunkBytes), 0, readChunkBytes, position);
              if (n === 0) break;
              sink += n;
              position += n;
            }
          }
        },
        readClock,
      );
      nodeFs.closeSync(fd);
      return result;
    };

    // Two logs of small batches, the second 10x larger, with many segments each.
    const lookupConfig = LogConfig.from({ 'segment.bytes': 256 * 1024 });
    const small = buildBatches(1, 10)[0]!;
    const lookupLog = (name: string, count: number): PartitionLog => {
      const log = openLog(nodePath.join(root, name), lookupConfig);
      for (let i = 0; i < count; i++) log.append(Buffer.from(small), { leaderEpoch: 0 });
      log.flush();
      ctx.onTeardown(() => log.close());
      return log;
    };
    const smallLog = lookupLog('lookup-small', lookupBatches);
    const largeLog = lookupLog('lookup-large', lookupBatches * 10);
    ctx.log(`lookup logs: ${smallLog.numberOfSegments} and ${largeLog.numberOfSegments} segments`);
    const lookupRate = (log: PartitionLog): (() => number) => {
      const random = new SeededRandom(42);
      const offsets = Array.from({ length: lookups }, () => random.int(log.logEndOffset));
      return () => {
        const t0 = seconds(writeClock);
        for (const o of offsets) sink += log.read(o, 1).bytes.length;
        return lookups / (seconds(writeClock) - t0);
      };
    };

    const settings = {
      batches: batchCount,
      recordsPerBatch,
      valueBytes,
      bytes: totalBytes,
      clock: writeClock,
    };
    const figures: FigureSpec[] = [
      {
        name: 'append pre-built batches (PartitionLog.append)',
        unit: 'MB/s',
        settings,
        measure: appendOnce,
        baseline: { name: 'fs.writeSync of the same bytes to a plain file', measure: rawWrite(false) },
      },
      {
        // Separates the log's own cost from batch validation (CRC-32C and the record walk in core/records).
        name: 'append pre-built batches (PartitionLog.append), vs validating writer',
        unit: 'MB/s',
        settings,
        measure: appendOnce,
        baseline: { name: 'validateBatch + fs.writeSync of the same bytes', measure: rawWrite(true) },
      },
      {
        // The CRC-32C half of validation (native @node-rs/crc32, over bytes 21..end of each batch).
        name: 'CRC-32C of the same batches (@node-rs/crc32 crc32c)',
        unit: 'MB/s',
        settings,
        measure: crcOnly,
        baseline: { name: 'fs.writeSync of the same bytes to a plain file', measure: rawWrite(false) },
      },
      {
        // The record-walk half of validation (every record's varints and lengths, core/records).
        name: 'record walk of the same batches (checkRecords)',
        unit: 'MB/s',
        settings,
        measure: walkOnly,
        baseline: { name: 'fs.writeSync of the same bytes to a plain file', measure: rawWrite(false) },
      },
      {
        name: 'sequential read of the whole log (PartitionLog.read, 1 MiB)',
        unit: 'MB/s',
        settings: { ...settings, readPasses, clock: readClock },
        measure: readOnce,
        baseline: { name: 'fs.readSync of the .log file, 1 MiB per call', measure: rawReadOnce },
      },
      {
        name: `random-offset lookups, log of ${lookupBatches * 10} batches`,
        unit: 'lookups/s',
        settings: {
          clock: writeClock,
          lookups,
          smallLogBatches: lookupBatches,
          largeLogBatches: lookupBatches * 10,
          recordsPerBatch: 10,
        },
        measure: lookupRate(largeLog),
        baseline: {
          name: `random-offset lookups, log of ${lookupBatches} batches`,
          measure: lookupRate(smallLog),
        },
      },
    ];
    ctx.onTeardown(() => {
      if (sink === -1) ctx.log('unreachable');
    });
    return figures;
  },
};

export default benchmark;
