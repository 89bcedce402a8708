/**
 * A time interval a windowed aggregation groups records into (Kafka's Window): `start` and `end`
 * in ms. Time windows (tumbling, hopping) include the start and exclude the end; sliding and
 * session windows include both.
 */
export abstract class Window {
  readonly start: number;
  readonly end: number;

  protected constructor(start: number, end: number) {
    if (!Number.isSafeInteger(start) || start < 0)
      throw new RangeError(`window start must be >= 0, got ${start}`);
    if (!Number.isSafeInteger(end) || end < start)
      throw new RangeError(`window end (${end}) must not be smaller than its start (${start})`);
    this.start = start;
    this.end = end;
  }

  /** True if the two windows share any time (each subclass knows which ends are inclusive). */
  abstract overlap(other: Window): boolean;

  equals(other: Window): boolean {
    return other.constructor === this.constructor && other.start === this.start && other.end === this.end;
  }

  toString(): string {
    return `Window{startMs=${this.start}, endMs=${this.end}}`;
  }
}

/** `[start, end)`: a tumbling or hopping window (and sliding windows' stored form, both ends inclusive). */
export class TimeWindow extends Window {
  constructor(start: number, end: number) {
    super(start, end);
  }

  overlap(other: Window): boolean {
    if (!(other instanceof TimeWindow)) throw new TypeError('cannot compare windows of different types');
    return this.start < other.end && other.start < this.end;
  }
}

/** `[start, end]`, both inclusive: a session (a single record gives `[t, t]`). */
export class SessionWindow extends Window {
  constructor(start: number, end: number) {
    super(start, end);
  }

  overlap(other: Window): boolean {
    if (!(other instanceof SessionWindow)) throw new TypeError('cannot compare windows of different types');
    return !(other.end < this.start || this.end < other.start);
  }
}

/**
 * The key of a windowed aggregation's result (Kafka's Windowed): the record key and its window.
 * `toString()` is Kafka's `[key@start/end]`.
 */
export class Windowed<K> {
  readonly key: K;
  readonly window: Window;

  constructor(key: K, window: Window) {
    this.key = key;
    this.window = window;
  }

  equals(other: Windowed<K>): boolean {
    return this.key === other.key && this.window.equals(other.window);
  }

  toString(): string {
    return `[${String(this.key)}@${this.window.start}/${this.window.end}]`;
  }
}
