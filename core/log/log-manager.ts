import { ErrorCode, KafkaError } from '../errors/index.ts';
import { joinPath, type Clock, type FileSystem, type Timer } from '../io/index.ts';
import { OffsetCheckpointFile, type TopicPartitionOffset } from './checkpoint-file.ts';
import {
  cleanShutdownFileName,
  cleanerOffsetCheckpointName,
  deleteDirSuffix,
  logStartOffsetCheckpointName,
  parsePartitionDirName,
  partitionDirName,
  recoveryPointCheckpointName,
  replicationOffsetCheckpointName,
} from './file-names.ts';
import { LogConfig } from './log-config.ts';
import { PartitionLog } from './partition-log.ts';
import { toStorageError } from './storage-error.ts';

/** Kafka's limit on topic name length (249: room for a partition suffix within 255-byte file names). */
export const topicNameLengthMax = 249;

/** Kafka's broker-level intervals for the background tasks (names as in Kafka, values its defaults). */
export interface LogManagerIntervals {
  /** `log.retention.check.interval.ms` */
  retentionCheckIntervalMs: number;
  /** `log.flush.scheduler.interval.ms` (how often flush.ms is checked; Kafka's default is "never"). */
  flushCheckIntervalMs: number;
  /** `log.flush.offset.checkpoint.interval.ms` */
  recoveryPointCheckpointIntervalMs: number;
  /** `log.flush.start.offset.checkpoint.interval.ms` */
  logStartOffsetCheckpointIntervalMs: number;
  /** `replica.high.watermark.checkpoint.interval.ms` */
  highWatermarkCheckpointIntervalMs: number;
}

export const logManagerIntervalDefaults: Readonly<LogManagerIntervals> = Object.freeze({
  retentionCheckIntervalMs: 5 * 60 * 1000,
  flushCheckIntervalMs: 1000,
  recoveryPointCheckpointIntervalMs: 60_000,
  logStartOffsetCheckpointIntervalMs: 60_000,
  highWatermarkCheckpointIntervalMs: 5000,
});

export interface LogManagerOptions {
  fs: FileSystem;
  clock: Clock;
  /** `log.dirs`: one or more folders; new partitions go to the one holding the fewest. */
  logDirs: readonly string[];
  /** Config for logs found on disk at startup and the base for per-topic overrides. */
  defaultConfig?: LogConfig;
  /** Per-topic config for logs found on disk (topic configs live in cluster metadata, not here). */
  configFor?: (topic: string) => LogConfig | undefined;
  intervals?: Partial<LogManagerIntervals>;
  /** See PartitionLogOptions.highWatermarkFollowsLogEnd. Default true. */
  highWatermarkFollowsLogEnd?: boolean;
}

/** Kafka's topic name rule: [a-zA-Z0-9._-]{1,249}, not `.` or `..`. Throws INVALID_TOPIC_EXCEPTION. */
export function validateTopicName(topic: string): void {
  const fail = (why: string): never => {
    throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `topic name '${topic}' ${why}`);
  };
  if (topic.length === 0) fail('is empty');
  if (topic === '.' || topic === '..') fail("cannot be '.' or '..'");
  if (topic.length > topicNameLengthMax) fail(`is longer than ${topicNameLengthMax} characters`);
  if (!/^[a-zA-Z0-9._-]+$/.test(topic)) fail('may contain only ASCII letters, digits, ., _ and -');
}

function validatePartition(partition: number): void {
  if (!Number.isInteger(partition) || partition < 0 || partition > 2 ** 31 - 1) {
    throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `partition ${partition} is not a non-negative int32`);
  }
}

function key(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

interface ManagedLog {
  log: PartitionLog;
  logDir: string;
}

/**
 * The logs of one broker across its log dirs: loads them at startup (recovering after an unclean
 * shutdown), creates and deletes partitions, runs retention, flush and checkpoints on the Clock, and
 * shuts down cleanly (flush, checkpoints, `.kafka_cleanshutdown`).
 */
export class LogManager {
  readonly logDirs: readonly string[];
  private readonly fs: FileSystem;
  private readonly clock: Clock;
  private readonly defaultConfig: LogConfig;
  private readonly intervals: LogManagerIntervals;
  private readonly hwFollowsLeo: boolean;
  private readonly logs = new Map<string, ManagedLog>();
  private readonly timers: Timer[] = [];
  /** cleaner-offset-checkpoint contents per log dir, owned by the LogCleaner. */
  private readonly cleanerOffsets = new Map<string, number>();
  private closed = false;
  private deleteSeq = 0;

  private constructor(options: LogManagerOptions) {
    if (options.logDirs.length === 0)
      throw new KafkaError(ErrorCode.INVALID_CONFIG, 'log.dirs: at least one directory');
    this.fs = options.fs;
    this.clock = options.clock;
    this.logDirs = [...options.logDirs];
    this.defaultConfig = options.defaultConfig ?? LogConfig.defaults;
    this.intervals = { ...logManagerIntervalDefaults, ...options.intervals };
    this.hwFollowsLeo = options.highWatermarkFollowsLogEnd ?? true;
  }

  /** Loads every log in every log dir. */
  static open(options: LogManagerOptions): LogManager {
    const manager = new LogManager(options);
    for (const dir of manager.logDirs) manager.loadLogDir(dir, options.configFor);
    return manager;
  }

  private loadLogDir(dir: string, configFor: ((topic: string) => LogConfig | undefined) | undefined): void {
    try {
      this.fs.mkdirp(dir);
      const markerPath = joinPath(dir, cleanShutdownFileName);
      const hadCleanShutdown = this.fs.exists(markerPath);
      const recoveryPoints = new OffsetCheckpointFile(
        this.fs,
        joinPath(dir, recoveryPointCheckpointName),
      ).read();
      const startOffsets = new OffsetCheckpointFile(
        this.fs,
        joinPath(dir, logStartOffsetCheckpointName),
      ).read();
      const highWatermarks = new OffsetCheckpointFile(
        this.fs,
        joinPath(dir, replicationOffsetCheckpointName),
      ).read();
      for (const [k, v] of new OffsetCheckpointFile(
        this.fs,
        joinPath(dir, cleanerOffsetCheckpointName),
      ).read()) {
        this.cleanerOffsets.set(k, v);
      }
      for (const name of this.fs.list(dir)) {
        const path = joinPath(dir, name);
        if (name.endsWith(deleteDirSuffix)) {
          // A partition deleted before the restart: finish the job.
          this.fs.rmrf(path);
          continue;
        }
        const tp = parsePartitionDirName(name);
        if (tp === undefined) continue;
        const k = key(tp.topic, tp.partition);
        const log = PartitionLog.open({
          fs: this.fs,
          clock: this.clock,
          dir: path,
          topic: tp.topic,
          partition: tp.partition,
          config: configFor?.(tp.topic) ?? this.defaultConfig,
          hadCleanShutdown,
          highWatermarkFollowsLogEnd: this.hwFollowsLeo,
          ...optional('recoveryPoint', recoveryPoints.get(k)),
          ...optional('logStartOffset', startOffsets.get(k)),
          ...optional('highWatermark', highWatermarks.get(k)),
        });
        this.logs.set(k, { log, logDir: dir });
      }
      // Kafka removes the marker once the dir is loaded: a crash from here on is unclean again.
      if (hadCleanShutdown) this.fs.unlink(markerPath);
      this.fs.syncDir(dir);
      this.checkpointLogDir(dir);
    } catch (err) {
      throw toStorageError(err, `loading log dir ${dir}`);
    }
  }

  /** The log of a partition, if this broker holds it. */
  getLog(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(key(topic, partition))?.log;
  }

  /** Every log, keyed `topic-partition`. */
  allLogs(): PartitionLog[] {
    return [...this.logs.values()].map((m) => m.log);
  }

  /**
   * Returns the partition's log, creating it (in the log dir with the fewest partitions) when missing.
   * `config` holds topic-level overrides with Kafka's names; it also updates an existing log's config.
   */
  getOrCreateLog(
    topic: string,
    partition: number,
    config?: LogConfig | Readonly<Record<string, unknown>>,
  ): PartitionLog {
    this.checkOpen();
    validateTopicName(topic);
    validatePartition(partition);
    const resolved =
      config === undefined
        ? undefined
        : config instanceof LogConfig
          ? config
          : LogConfig.from(config, this.defaultConfig);
    const existing = this.logs.get(key(topic, partition));
    if (existing !== undefined) {
      if (resolved !== undefined) existing.log.updateConfig(resolved);
      return existing.log;
    }
    const logDir = this.leastLoadedDir();
    const log = PartitionLog.open({
      fs: this.fs,
      clock: this.clock,
      dir: joinPath(logDir, partitionDirName(topic, partition)),
      topic,
      partition,
      config: resolved ?? this.defaultConfig,
      hadCleanShutdown: false,
      highWatermarkFollowsLogEnd: this.hwFollowsLeo,
    });
    this.logs.set(key(topic, partition), { log, logDir });
    return log;
  }

  private leastLoadedDir(): string {
    const counts = new Map<string, number>(this.logDirs.map((d) => [d, 0]));
    for (const m of this.logs.values()) counts.set(m.logDir, (counts.get(m.logDir) ?? 0) + 1);
    let best = this.logDirs[0]!;
    for (const d of this.logDirs) if (counts.get(d)! < counts.get(best)!) best = d;
    return best;
  }

  /** Which log dir holds a partition. */
  logDirOf(topic: string, partition: number): string | undefined {
    return this.logs.get(key(topic, partition))?.logDir;
  }

  /**
   * Deletes a partition's log: closes it, renames its folder `<topic>-<partition>.<n>-delete` (so a
   * crash mid-way finishes the deletion at the next start), removes it and drops it from checkpoints.
   */
  deleteLog(topic: string, partition: number): boolean {
    this.checkOpen();
    const k = key(topic, partition);
    const managed = this.logs.get(k);
    if (managed === undefined) return false;
    this.logs.delete(k);
    this.cleanerOffsets.delete(k);
    managed.log.closeWithoutFlush();
    try {
      const doomed = `${managed.log.dir}.${this.deleteSeq++}${deleteDirSuffix}`;
      this.fs.rename(managed.log.dir, doomed);
      this.fs.syncDir(managed.logDir);
      this.fs.rmrf(doomed);
      this.checkpointLogDir(managed.logDir);
    } catch (err) {
      throw toStorageError(err, `deleting log ${k}`);
    }
    return true;
  }

  // ---------------------------------------------------------------- background tasks

  /** Schedules retention, flush.ms and checkpoints on the Clock. */
  startPeriodicTasks(): void {
    this.checkOpen();
    const every = (ms: number, fn: () => void): void => {
      this.timers.push(this.clock.setInterval(() => this.guard(fn), ms));
    };
    every(this.intervals.retentionCheckIntervalMs, () => this.runRetention());
    every(this.intervals.flushCheckIntervalMs, () => this.flushDirtyLogs());
    every(this.intervals.recoveryPointCheckpointIntervalMs, () => this.checkpointRecoveryPoints());
    every(this.intervals.logStartOffsetCheckpointIntervalMs, () => this.checkpointLogStartOffsets());
    every(this.intervals.highWatermarkCheckpointIntervalMs, () => this.checkpointHighWatermarks());
  }

  /** Failures of background tasks stay with the failed log (it goes offline); counted for tests and metrics. */
  backgroundErrors = 0;

  private guard(fn: () => void): void {
    try {
      fn();
    } catch {
      this.backgroundErrors++;
    }
  }

  /** Retention on every online log, bounded by its high watermark. Returns segments deleted. */
  runRetention(): number {
    let deleted = 0;
    for (const { log } of this.logs.values()) {
      if (log.offline) continue;
      try {
        deleted += log.deleteOldSegments(log.highWatermark);
      } catch {
        this.backgroundErrors++;
      }
    }
    return deleted;
  }

  /** flush.ms on every log. */
  flushDirtyLogs(): void {
    for (const { log } of this.logs.values()) {
      if (log.offline) continue;
      try {
        log.maybeFlushByTime();
      } catch {
        this.backgroundErrors++;
      }
    }
  }

  private entries(dir: string, value: (log: PartitionLog) => number): TopicPartitionOffset[] {
    const out: TopicPartitionOffset[] = [];
    for (const { log, logDir } of this.logs.values()) {
      if (logDir !== dir || log.offline) continue;
      out.push({ topic: log.topic, partition: log.partition, offset: value(log) });
    }
    return out;
  }

  checkpointRecoveryPoints(): void {
    for (const dir of this.logDirs) {
      new OffsetCheckpointFile(this.fs, joinPath(dir, recoveryPointCheckpointName)).write(
        this.entries(dir, (l) => l.recoveryPoint),
      );
    }
  }

  checkpointLogStartOffsets(): void {
    for (const dir of this.logDirs) {
      new OffsetCheckpointFile(this.fs, joinPath(dir, logStartOffsetCheckpointName)).write(
        this.entries(dir, (l) => l.logStartOffset),
      );
    }
  }

  checkpointHighWatermarks(): void {
    for (const dir of this.logDirs) {
      new OffsetCheckpointFile(this.fs, joinPath(dir, replicationOffsetCheckpointName)).write(
        this.entries(dir, (l) => l.highWatermark),
      );
    }
  }

  /** The cleaner's progress: the offset up to which a compacted log is clean. */
  cleanerOffset(topic: string, partition: number): number | undefined {
    return this.cleanerOffsets.get(key(topic, partition));
  }

  updateCleanerOffset(topic: string, partition: number, offset: number): void {
    this.cleanerOffsets.set(key(topic, partition), offset);
    const dir = this.logDirOf(topic, partition);
    if (dir !== undefined) this.checkpointCleanerOffsets(dir);
  }

  private checkpointCleanerOffsets(dir: string): void {
    const entries: TopicPartitionOffset[] = [];
    for (const { log, logDir } of this.logs.values()) {
      const offset = this.cleanerOffsets.get(key(log.topic, log.partition));
      if (logDir === dir && offset !== undefined)
        entries.push({ topic: log.topic, partition: log.partition, offset });
    }
    new OffsetCheckpointFile(this.fs, joinPath(dir, cleanerOffsetCheckpointName)).write(entries);
  }

  private checkpointLogDir(dir: string): void {
    for (const [name, value] of [
      [recoveryPointCheckpointName, (l: PartitionLog) => l.recoveryPoint],
      [logStartOffsetCheckpointName, (l: PartitionLog) => l.logStartOffset],
      [replicationOffsetCheckpointName, (l: PartitionLog) => l.highWatermark],
    ] as const) {
      new OffsetCheckpointFile(this.fs, joinPath(dir, name)).write(this.entries(dir, value));
    }
    this.checkpointCleanerOffsets(dir);
  }

  /** Writes every checkpoint now. */
  checkpointAll(): void {
    for (const dir of this.logDirs) this.checkpointLogDir(dir);
  }

  // ---------------------------------------------------------------- shutdown

  /**
   * Clean shutdown: stop the tasks, flush and close every log, write the checkpoints, then the
   * `.kafka_cleanshutdown` marker in every log dir whose logs all closed cleanly.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) t.cancel();
    this.timers.length = 0;
    const failedDirs = new Set<string>();
    for (const { log, logDir } of this.logs.values()) {
      try {
        if (log.offline) {
          failedDirs.add(logDir);
          log.closeWithoutFlush();
        } else {
          log.close();
        }
      } catch {
        failedDirs.add(logDir);
        this.backgroundErrors++;
      }
    }
    for (const dir of this.logDirs) {
      if (failedDirs.has(dir)) continue;
      try {
        this.checkpointLogDir(dir);
        const marker = this.fs.open(joinPath(dir, cleanShutdownFileName), 'truncate');
        marker.sync();
        marker.close();
        this.fs.syncDir(dir);
      } catch {
        this.backgroundErrors++;
      }
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, 'log manager is closed');
  }
}

function optional<K extends string>(name: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: number };
}
