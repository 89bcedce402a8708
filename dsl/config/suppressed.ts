/** What a full suppression buffer does: stop the application (strict) or emit its oldest records early. */
export type BufferFullStrategy = 'SHUT_DOWN' | 'EMIT_EARLY';

/**
 * Bounds of a suppression buffer (Kafka's BufferConfig): at most `maxRecords` keys and
 * `maxBytes` bytes (serialized key and values, as Kafka counts them), and what to do when full.
 * `unbounded()` never emits early, so only it (or `shutDownWhenFull()`) fits `untilWindowCloses`.
 */
export class BufferConfig {
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly onFull: BufferFullStrategy;

  private constructor(maxRecords: number, maxBytes: number, onFull: BufferFullStrategy) {
    for (const [name, v] of [
      ['maxRecords', maxRecords],
      ['maxBytes', maxBytes],
    ] as const)
      if (!(v === Infinity || (Number.isSafeInteger(v) && v >= 0)))
        throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.onFull = onFull;
  }

  /** No bound (it can use all memory); never emits early. */
  static unbounded(): BufferConfig {
    return new BufferConfig(Infinity, Infinity, 'SHUT_DOWN');
  }
  /** At most `n` keys; emits the oldest early when full (change with shutDownWhenFull). */
  static maxRecords(n: number): BufferConfig {
    return new BufferConfig(n, Infinity, 'EMIT_EARLY');
  }
  /** At most `n` bytes; emits the oldest early when full. */
  static maxBytes(n: number): BufferConfig {
    return new BufferConfig(Infinity, n, 'EMIT_EARLY');
  }
  withMaxRecords(n: number): BufferConfig {
    return new BufferConfig(n, this.maxBytes, this.onFull);
  }
  withMaxBytes(n: number): BufferConfig {
    return new BufferConfig(this.maxRecords, n, this.onFull);
  }
  withNoBound(): BufferConfig {
    return new BufferConfig(Infinity, Infinity, 'SHUT_DOWN');
  }
  /** Fails the task (StreamsException) rather than emit early. */
  shutDownWhenFull(): BufferConfig {
    return new BufferConfig(this.maxRecords, this.maxBytes, 'SHUT_DOWN');
  }
  /** Emits the oldest records early when full: results are then not final. */
  emitEarlyWhenFull(): BufferConfig {
    return new BufferConfig(this.maxRecords, this.maxBytes, 'EMIT_EARLY');
  }
}

/**
 * How `KTable.suppress` holds back updates (Kafka's Suppressed).
 *
 * - `untilWindowCloses(BufferConfig.unbounded())`: exactly one final result per window of a
 *   windowed aggregation, once stream time passes the window end + grace (tombstones of merged
 *   sessions are dropped).
 * - `untilTimeLimit(ms, config)`: a rate limiter: the latest value of a key is emitted once stream
 *   time is `ms` past the first buffered update of that key.
 *
 * ```ts
 * counts.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded())).toStream().to('final');
 * ```
 */
export class Suppressed {
  readonly kind: 'untilWindowCloses' | 'untilTimeLimit';
  readonly timeLimitMs: number;
  readonly bufferConfig: BufferConfig;
  readonly name: string | undefined;

  private constructor(
    kind: 'untilWindowCloses' | 'untilTimeLimit',
    timeLimitMs: number,
    bufferConfig: BufferConfig,
    name: string | undefined,
  ) {
    if (name !== undefined && !/^[a-zA-Z0-9._-]+$/.test(name))
      throw new TypeError(`name "${name}" may only use [a-zA-Z0-9._-]`);
    this.kind = kind;
    this.timeLimitMs = timeLimitMs;
    this.bufferConfig = bufferConfig;
    this.name = name;
  }

  /** Final results only; the buffer must not emit early (unbounded or shutDownWhenFull). */
  static untilWindowCloses(bufferConfig: BufferConfig): Suppressed {
    if (bufferConfig.onFull !== 'SHUT_DOWN')
      throw new TypeError(
        'untilWindowCloses needs a strict buffer: BufferConfig.unbounded() or .shutDownWhenFull()',
      );
    return new Suppressed('untilWindowCloses', 0, bufferConfig, undefined);
  }

  static untilTimeLimit(timeToWaitForMoreEventsMs: number, bufferConfig: BufferConfig): Suppressed {
    if (!Number.isSafeInteger(timeToWaitForMoreEventsMs) || timeToWaitForMoreEventsMs < 0)
      throw new RangeError(
        `time limit must be a non-negative integer number of ms, got ${timeToWaitForMoreEventsMs}`,
      );
    return new Suppressed('untilTimeLimit', timeToWaitForMoreEventsMs, bufferConfig, undefined);
  }

  /** Names the processor `<name>-suppress` and its buffer store `<name>-store`. */
  withName(name: string): Suppressed {
    return new Suppressed(this.kind, this.timeLimitMs, this.bufferConfig, name);
  }
}
