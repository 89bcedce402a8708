import { ErrorCode, KafkaError } from '../errors/index.ts';

/** Kafka's topic-level log configs (the subset the log implements), with Kafka's names and defaults. */
export interface LogConfigValues {
  /** `segment.bytes`: roll a new segment when the active one would exceed this. */
  'segment.bytes': number;
  /** `segment.ms`: roll after this long since the segment's first record (by the Clock). */
  'segment.ms': number;
  /** `segment.index.bytes`: the largest an offset or time index may grow before a roll. */
  'segment.index.bytes': number;
  /** `index.interval.bytes`: log bytes between two sparse index entries. */
  'index.interval.bytes': number;
  /** `max.message.bytes`: the largest record batch the log accepts. */
  'max.message.bytes': number;
  /** `retention.ms`: delete segments whose newest record is older than this; -1 keeps forever. */
  'retention.ms': number;
  /** `retention.bytes`: delete oldest segments while the partition is larger than this; -1 is unlimited. */
  'retention.bytes': number;
  /** `cleanup.policy`: 'delete', 'compact' or both. */
  'cleanup.policy': CleanupPolicy;
  /** `delete.retention.ms`: how long the cleaner keeps tombstones after it first passes them. */
  'delete.retention.ms': number;
  /** `min.compaction.lag.ms`: records younger than this are not compacted. */
  'min.compaction.lag.ms': number;
  /** `min.cleanable.dirty.ratio`: the cleaner cleans a log once dirty/total reaches this. */
  'min.cleanable.dirty.ratio': number;
  /** `file.delete.delay.ms`: how long a `.deleted` file waits before removal. */
  'file.delete.delay.ms': number;
  /** `flush.messages`: fsync after this many messages; Number.MAX_SAFE_INTEGER means never. */
  'flush.messages': number;
  /** `flush.ms`: fsync when the oldest unflushed message is this old; Number.MAX_SAFE_INTEGER means never. */
  'flush.ms': number;
  /** `message.timestamp.type`: keep the producer's time or stamp the broker's append time. */
  'message.timestamp.type': 'CreateTime' | 'LogAppendTime';
}

export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';

/** Kafka's Long.MAX_VALUE default for "never", as the largest safe JS integer. */
export const neverMs = Number.MAX_SAFE_INTEGER;

export const logConfigDefaults: Readonly<LogConfigValues> = Object.freeze({
  'segment.bytes': 1024 * 1024 * 1024,
  'segment.ms': 7 * 24 * 60 * 60 * 1000,
  'segment.index.bytes': 10 * 1024 * 1024,
  'index.interval.bytes': 4096,
  'max.message.bytes': 1024 * 1024 + 12,
  'retention.ms': 7 * 24 * 60 * 60 * 1000,
  'retention.bytes': -1,
  'cleanup.policy': 'delete',
  'delete.retention.ms': 24 * 60 * 60 * 1000,
  'min.compaction.lag.ms': 0,
  'min.cleanable.dirty.ratio': 0.5,
  'file.delete.delay.ms': 60_000,
  'flush.messages': Number.MAX_SAFE_INTEGER,
  'flush.ms': Number.MAX_SAFE_INTEGER,
  'message.timestamp.type': 'CreateTime',
});

/** Smallest segment Kafka allows (`segment.bytes` >= 14, the smallest legal batch overhead). */
const segmentBytesMin = 14;
/** Offset index entries are 8 bytes and time index entries 12; an index must hold at least one. */
const segmentIndexBytesMin = 12;
/** Positions in the offset index are int32, so a segment must stay below 2 GiB. */
const segmentBytesMax = 2 ** 31 - 1;

type IntKey = Exclude<
  keyof LogConfigValues,
  'cleanup.policy' | 'message.timestamp.type' | 'min.cleanable.dirty.ratio'
>;

const intRanges: Record<IntKey, [min: number, max: number]> = {
  'segment.bytes': [segmentBytesMin, segmentBytesMax],
  'segment.ms': [1, Number.MAX_SAFE_INTEGER],
  'segment.index.bytes': [segmentIndexBytesMin, segmentBytesMax],
  'index.interval.bytes': [0, segmentBytesMax],
  'max.message.bytes': [0, segmentBytesMax],
  'retention.ms': [-1, Number.MAX_SAFE_INTEGER],
  'retention.bytes': [-1, Number.MAX_SAFE_INTEGER],
  'delete.retention.ms': [0, Number.MAX_SAFE_INTEGER],
  'min.compaction.lag.ms': [0, Number.MAX_SAFE_INTEGER],
  'file.delete.delay.ms': [0, Number.MAX_SAFE_INTEGER],
  'flush.messages': [1, Number.MAX_SAFE_INTEGER],
  'flush.ms': [0, Number.MAX_SAFE_INTEGER],
};

function invalid(key: string, message: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_CONFIG, `${key}: ${message}`);
}

function parseInt64(key: string, raw: unknown): number {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalid(key, `expected an integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * Validated, immutable log configuration. Build it with `LogConfig.from({ 'segment.bytes': 1048576 })`;
 * unknown keys and out-of-range values throw INVALID_CONFIG naming the key.
 */
export class LogConfig {
  readonly values: Readonly<LogConfigValues>;

  private constructor(values: LogConfigValues) {
    this.values = Object.freeze(values);
  }

  static readonly defaults: LogConfig = new LogConfig({ ...logConfigDefaults });

  /** Parses overrides (numbers or numeric strings, as they arrive from CreateTopics/AlterConfigs) over `base`. */
  static from(
    overrides: Readonly<Record<string, unknown>> = {},
    base: LogConfig = LogConfig.defaults,
  ): LogConfig {
    const values: LogConfigValues = { ...base.values };
    for (const [key, raw] of Object.entries(overrides)) {
      if (raw === undefined) continue;
      if (key === 'cleanup.policy') {
        values['cleanup.policy'] = parseCleanupPolicy(raw);
      } else if (key === 'message.timestamp.type') {
        if (raw !== 'CreateTime' && raw !== 'LogAppendTime') {
          throw invalid(key, `expected CreateTime or LogAppendTime, got ${JSON.stringify(raw)}`);
        }
        values[key] = raw;
      } else if (key === 'min.cleanable.dirty.ratio') {
        const value = typeof raw === 'string' ? Number(raw) : raw;
        if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
          throw invalid(key, `expected a number in [0, 1], got ${JSON.stringify(raw)}`);
        }
        values[key] = value;
      } else if (Object.hasOwn(intRanges, key)) {
        const intKey = key as IntKey;
        const value = parseInt64(key, raw);
        const [min, max] = intRanges[intKey];
        if (value < min || value > max) throw invalid(key, `${value} is outside [${min}, ${max}]`);
        values[intKey] = value;
      } else {
        throw invalid(key, 'unknown log config');
      }
    }
    return new LogConfig(values);
  }

  get segmentBytes(): number {
    return this.values['segment.bytes'];
  }
  get segmentMs(): number {
    return this.values['segment.ms'];
  }
  get segmentIndexBytes(): number {
    return this.values['segment.index.bytes'];
  }
  get indexIntervalBytes(): number {
    return this.values['index.interval.bytes'];
  }
  get maxMessageBytes(): number {
    return this.values['max.message.bytes'];
  }
  get retentionMs(): number {
    return this.values['retention.ms'];
  }
  get retentionBytes(): number {
    return this.values['retention.bytes'];
  }
  get compact(): boolean {
    return this.values['cleanup.policy'].includes('compact');
  }
  get delete(): boolean {
    return this.values['cleanup.policy'].includes('delete');
  }
  get deleteRetentionMs(): number {
    return this.values['delete.retention.ms'];
  }
  get minCompactionLagMs(): number {
    return this.values['min.compaction.lag.ms'];
  }
  get minCleanableDirtyRatio(): number {
    return this.values['min.cleanable.dirty.ratio'];
  }
  get fileDeleteDelayMs(): number {
    return this.values['file.delete.delay.ms'];
  }
  get flushMessages(): number {
    return this.values['flush.messages'];
  }
  get flushMs(): number {
    return this.values['flush.ms'];
  }
  get logAppendTime(): boolean {
    return this.values['message.timestamp.type'] === 'LogAppendTime';
  }
}

function parseCleanupPolicy(raw: unknown): CleanupPolicy {
  const text = Array.isArray(raw) ? raw.join(',') : raw;
  if (typeof text !== 'string')
    throw invalid('cleanup.policy', `expected delete and/or compact, got ${String(raw)}`);
  const parts = new Set(
    text
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
  );
  for (const p of parts) {
    if (p !== 'delete' && p !== 'compact') throw invalid('cleanup.policy', `unknown policy '${p}'`);
  }
  if (parts.size === 0) throw invalid('cleanup.policy', 'empty policy');
  if (parts.has('compact') && parts.has('delete')) return 'compact,delete';
  return parts.has('compact') ? 'compact' : 'delete';
}
