import { NodeFileSystem, SystemClock } from '../../core/io/index.ts';
import { LogManager } from '../../core/log/index.ts';
import { batchPositions, forEachRecord, RecordBatchBuilder } from '../../core/records/index.ts';

export interface LogDemoOptions {
  dataDir: string;
  records: number;
  recordsPerBatch: number;
  valueBytes: number;
  /** Where lines go (stdout by default). */
  print?: (line: string) => void;
}

export interface LogDemoResult {
  firstOffset: number;
  lastOffset: number;
  recordsRead: number;
  appendRecordsPerSec: number;
  readRecordsPerSec: number;
  segments: number;
}

/**
 * The embedded default's main job until the cluster lands: opens the durable log in `dataDir`
 * (recovering it if the last run did not shut down cleanly), appends records in batches to topic
 * `tributary-demo`, reads back everything this run wrote and checks every record, then shuts down
 * cleanly. Run it twice: the second run finds the first run's records and continues at the next offset.
 */
export function runLogDemo(options: LogDemoOptions): LogDemoResult {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = new SystemClock();
  const manager = LogManager.open({ fs: new NodeFileSystem(), clock, logDirs: [options.dataDir] });
  try {
    const log = manager.getOrCreateLog('tributary-demo', 0);
    const firstOffset = log.logEndOffset;
    print(
      `log dir ${options.dataDir}: topic tributary-demo-0 holds offsets [${log.logStartOffset}, ${firstOffset})`,
    );

    const value = Buffer.alloc(options.valueBytes, 0x61);
    const batches: Buffer[] = [];
    for (let written = 0; written < options.records; written += options.recordsPerBatch) {
      const builder = new RecordBatchBuilder({ baseTimestamp: clock.now() });
      const n = Math.min(options.recordsPerBatch, options.records - written);
      for (let i = 0; i < n; i++) builder.append({ key: null, value, timestamp: clock.now() });
      batches.push(builder.build());
    }

    const appendStart = process.hrtime.bigint();
    for (const batch of batches) log.append(batch, { leaderEpoch: 0 });
    const appendNs = Number(process.hrtime.bigint() - appendStart);

    const readStart = process.hrtime.bigint();
    let offset = firstOffset;
    let expected = firstOffset;
    while (offset < log.logEndOffset) {
      const result = log.read(offset, 1024 * 1024);
      for (const [pos, size] of batchPositions(result.bytes)) {
        forEachRecord(result.bytes.subarray(pos, pos + size), (record) => {
          if (record.offset < firstOffset) return;
          if (record.offset !== expected || record.value?.length !== options.valueBytes) {
            throw new Error(`read back offset ${record.offset}, expected ${expected}`);
          }
          expected++;
        });
      }
      offset = result.nextOffset;
    }
    const readNs = Number(process.hrtime.bigint() - readStart);
    const recordsRead = expected - firstOffset;
    const result: LogDemoResult = {
      firstOffset,
      lastOffset: log.logEndOffset - 1,
      recordsRead,
      appendRecordsPerSec: Math.round(options.records / (appendNs / 1e9)),
      readRecordsPerSec: Math.round(recordsRead / (readNs / 1e9)),
      segments: log.numberOfSegments,
    };
    print(
      `appended ${options.records} records of ${options.valueBytes} B at offsets [${firstOffset}, ${result.lastOffset}] ` +
        `(${result.appendRecordsPerSec.toLocaleString('en-US')} records/s), read back and verified ${recordsRead} ` +
        `(${result.readRecordsPerSec.toLocaleString('en-US')} records/s); ${result.segments} segment(s)`,
    );
    return result;
  } finally {
    manager.close();
    print('closed cleanly (clean-shutdown marker written); run again to continue at the next offset');
  }
}
