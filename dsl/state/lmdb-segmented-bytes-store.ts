import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { compareBytes } from './in-memory-key-value-bytes-store.ts';
import { LookAheadIterator, type KeyValueIterator } from './key-value-iterator.ts';
import type { SessionBytesKey, SessionBytesStore } from './session-store.ts';
import type { StateStoreContext } from './state-store.ts';
import type { WindowBytesKey, WindowBytesStore } from './window-store.ts';

/** Kafka's segment interval for windowed RocksDB stores: half the retention, at least a minute. */
export function segmentIntervalFor(retentionPeriodMs: number): number {
  return Math.max(Math.floor(retentionPeriodMs / 2), 60_000);
}

const twoTo32 = 4294967296;

/** Writes a timestamp (|t| < 2^53) so unsigned byte order is numeric order. */
function writeTime(out: Buffer, at: number, t: number): void {
  const hi = Math.floor(t / twoTo32);
  out.writeUInt32BE((hi + 0x80000000) >>> 0, at);
  out.writeUInt32BE(t - hi * twoTo32, at + 4);
}

function readTime(data: Buffer, at: number): number {
  return (data.readUInt32BE(at) - 0x80000000) * twoTo32 + data.readUInt32BE(at + 4);
}

/**
 * An order-preserving, prefix-free encoding of the record key: 0x00 becomes 0x00 0x01 and the key
 * ends with 0x00 0x00, so `[key][times...]` sorts by key bytes first (a shorter key before its
 * extensions), then by the times, as Kafka's window and session key schemas intend.
 */
function escapedLength(key: Buffer): number {
  let n = key.length + 2;
  for (let i = 0; i < key.length; i++) if (key[i] === 0) n++;
  return n;
}

function writeEscaped(out: Buffer, key: Buffer): number {
  let at = 0;
  for (let i = 0; i < key.length; i++) {
    const b = key[i]!;
    out[at++] = b;
    if (b === 0) out[at++] = 1;
  }
  out[at++] = 0;
  out[at++] = 0;
  return at;
}

/** The record key of a stored key, and where its time fields start. */
function readEscaped(data: Buffer): { key: Buffer; end: number } {
  const bytes: number[] = [];
  let i = 0;
  for (;;) {
    const b = data[i++]!;
    if (b !== 0) {
      bytes.push(b);
      continue;
    }
    if (data[i++] === 0) break;
    bytes.push(0);
  }
  return { key: Buffer.from(bytes), end: i };
}

function storedKey(key: Buffer, times: readonly number[], seqnum?: number): Buffer {
  const head = escapedLength(key);
  const out = Buffer.allocUnsafe(head + 8 * times.length + (seqnum === undefined ? 0 : 4));
  let at = writeEscaped(out, key);
  for (const t of times) {
    writeTime(out, at, t);
    at += 8;
  }
  if (seqnum !== undefined) out.writeUInt32BE(seqnum, at);
  return out;
}

/** `[escaped key]`: where a scan of keys from `key` starts. */
function keyPrefix(key: Buffer): Buffer {
  const out = Buffer.allocUnsafe(escapedLength(key));
  writeEscaped(out, key);
  return out;
}

const metaStreamTime = 'observedStreamTime';
const metaSeqnum = 'seqnum';
const metaSegments = 'segments';

/**
 * Kafka's RocksDB segmented bytes store on LMDB: one LMDB database per time segment
 * (`segmentIntervalFor(retention)` wide) in one environment at `<state.dir>/lmdb/<store>`, each
 * ordered by the stored key (record key bytes, then times). Stream time is the largest time
 * written; a segment wholly older than `streamTime - retention` is dropped as a unit. Stream time,
 * the duplicate counter and the live segments are kept in a `meta` database so a reopened store
 * resumes where it was; durability otherwise comes from the changelog, as in Kafka (no fsync).
 */
class LmdbSegments {
  readonly name: string;
  readonly retentionPeriodMs: number;
  readonly segmentIntervalMs: number;
  observedStreamTime = -1;
  seqnum = 0;
  private root: RootDatabase<Buffer, Buffer> | undefined;
  private meta: Database<string, string> | undefined;
  private readonly segments = new Map<number, Database<Buffer, Buffer>>();
  private path: string | undefined;

  constructor(name: string, retentionPeriodMs: number) {
    this.name = name;
    this.retentionPeriodMs = retentionPeriodMs;
    this.segmentIntervalMs = segmentIntervalFor(retentionPeriodMs);
  }

  get location(): string | undefined {
    return this.path;
  }

  open(context: StateStoreContext): void {
    if (context.stateDir === undefined)
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `persistent store ${this.name} needs state.dir (set it on the runtime or the test driver)`,
      );
    this.path = join(context.stateDir, 'lmdb', this.name);
    mkdirSync(this.path, { recursive: true });
    const root = open<Buffer, Buffer>({
      path: this.path,
      keyEncoding: 'binary',
      encoding: 'binary',
      compression: false,
      noSync: true,
      maxDbs: 1024,
    });
    this.root = root;
    const meta = root.openDB<string, string>({
      name: 'meta',
      encoding: 'string',
      keyEncoding: 'ordered-binary',
    });
    this.meta = meta;
    this.observedStreamTime = Number(meta.get(metaStreamTime) ?? -1);
    this.seqnum = Number(meta.get(metaSeqnum) ?? 0);
    const ids = JSON.parse(meta.get(metaSegments) ?? '[]') as number[];
    for (const id of ids) this.segments.set(id, this.openSegment(id));
  }

  private openSegment(id: number): Database<Buffer, Buffer> {
    return this.database().openDB<Buffer, Buffer>({
      name: `segment-${id}`,
      keyEncoding: 'binary',
      encoding: 'binary',
      compression: false,
    });
  }

  isOpen(): boolean {
    return this.root !== undefined;
  }

  database(): RootDatabase<Buffer, Buffer> {
    if (this.root === undefined)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `state store ${this.name} is not open`);
    return this.root;
  }

  /** Oldest time still retained. */
  get earliestLive(): number {
    return this.observedStreamTime - this.retentionPeriodMs + 1;
  }

  segmentId(time: number): number {
    return Math.floor(time / this.segmentIntervalMs);
  }

  /** The segment for `time`, created if asked. */
  segment(time: number, create: boolean): Database<Buffer, Buffer> | undefined {
    const id = this.segmentId(time);
    let db = this.segments.get(id);
    if (db === undefined && create) {
      db = this.openSegment(id);
      this.segments.set(id, db);
      this.saveSegments();
    }
    return db;
  }

  /** Segments overlapping [from, to], oldest first. */
  segmentsBetween(from: number, to: number): Database<Buffer, Buffer>[] {
    const lo = this.segmentId(from);
    const hi = this.segmentId(to);
    return [...this.segments.keys()]
      .filter((id) => id >= lo && id <= hi)
      .sort((a, b) => a - b)
      .map((id) => this.segments.get(id)!);
  }

  /** Advances stream time and drops the segments that fell out of retention. */
  observe(time: number): void {
    if (time <= this.observedStreamTime) return;
    this.observedStreamTime = time;
    const minLive = this.segmentId(Math.max(this.earliestLive, 0));
    let dropped = false;
    for (const [id, db] of this.segments) {
      if (id >= minLive) continue;
      db.dropSync();
      this.segments.delete(id);
      dropped = true;
    }
    if (dropped) this.saveSegments();
  }

  private saveSegments(): void {
    this.meta!.putSync(metaSegments, JSON.stringify([...this.segments.keys()]));
  }

  flush(): void {
    if (this.meta === undefined) return;
    this.meta.putSync(metaStreamTime, String(this.observedStreamTime));
    this.meta.putSync(metaSeqnum, String(this.seqnum));
  }

  close(): void {
    if (this.root === undefined) return;
    this.flush();
    this.segments.clear();
    this.meta = undefined;
    this.root.close();
    this.root = undefined;
  }

  destroy(): void {
    this.close();
    if (this.path !== undefined) rmSync(this.path, { recursive: true, force: true });
  }

  /** Entries of the given segments whose key is in [keyFrom, keyTo], decoded by `decode`. */
  *scan<T>(
    dbs: readonly Database<Buffer, Buffer>[],
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    decode: (key: Buffer, stored: Buffer, timesAt: number, value: Buffer) => T | undefined,
  ): Generator<T> {
    const start = keyFrom === undefined ? undefined : keyPrefix(keyFrom);
    for (const db of dbs) {
      for (const { key: stored, value } of db.getRange({ start })) {
        const { key, end } = readEscaped(stored);
        if (keyTo !== undefined && compareBytes(key, keyTo) > 0) break;
        const out = decode(key, stored, end, Buffer.from(value));
        if (out !== undefined) yield out;
      }
    }
  }
}

const seqnumMask = 0x7fffffff;

/**
 * A persistent window store (Kafka's RocksDBWindowStore over a segmented bytes store) on LMDB:
 * entries ordered by (key bytes, window start, sequence number) within time segments of half the
 * retention. Same contract as the in-memory store: writes older than `streamTime - retention` are
 * dropped, reads never return expired windows, and multi-key fetches come back by window start
 * then key (each segment's matches are sorted, so results equal the in-memory store's).
 */
export class LmdbWindowBytesStore implements WindowBytesStore {
  readonly name: string;
  readonly persistent = true;
  readonly windowSizeMs: number;
  readonly retentionPeriodMs: number;
  readonly retainDuplicates: boolean;
  private readonly segments: LmdbSegments;
  /** Writes dropped because their window had already expired. */
  expiredRecords = 0;

  constructor(name: string, retentionPeriodMs: number, windowSizeMs: number, retainDuplicates: boolean) {
    if (!Number.isSafeInteger(retentionPeriodMs) || retentionPeriodMs < 0)
      throw new RangeError(`retention period must be >= 0 ms, got ${retentionPeriodMs}`);
    if (!Number.isSafeInteger(windowSizeMs) || windowSizeMs < 0)
      throw new RangeError(`window size must be >= 0 ms, got ${windowSizeMs}`);
    if (windowSizeMs > retentionPeriodMs)
      throw new RangeError(
        `the retention period of window store ${name} (${retentionPeriodMs} ms) must be no smaller than its window size (${windowSizeMs} ms)`,
      );
    this.name = name;
    this.retentionPeriodMs = retentionPeriodMs;
    this.windowSizeMs = windowSizeMs;
    this.retainDuplicates = retainDuplicates;
    this.segments = new LmdbSegments(name, retentionPeriodMs);
  }

  get segmentIntervalMs(): number {
    return this.segments.segmentIntervalMs;
  }
  get location(): string | undefined {
    return this.segments.location;
  }

  init(context: StateStoreContext): void {
    this.segments.open(context);
  }
  flush(): void {
    this.segments.flush();
  }
  close(): void {
    this.segments.close();
  }
  isOpen(): boolean {
    return this.segments.isOpen();
  }
  destroy(): void {
    this.segments.destroy();
  }

  put(key: Buffer, value: Buffer | null, windowStart: number): number {
    this.segments.database();
    if (this.retainDuplicates) this.segments.seqnum = (this.segments.seqnum + 1) & seqnumMask;
    const seqnum = this.retainDuplicates ? this.segments.seqnum : 0;
    this.write(key, value, windowStart, seqnum);
    return seqnum;
  }

  putRestored(key: Buffer, value: Buffer | null, windowStart: number, seqnum: number): void {
    this.segments.database();
    if (this.retainDuplicates) this.segments.seqnum = Math.max(this.segments.seqnum, seqnum);
    this.write(key, value, windowStart, seqnum);
  }

  private write(key: Buffer, value: Buffer | null, windowStart: number, seqnum: number): void {
    this.segments.observe(windowStart);
    if (windowStart < this.segments.earliestLive) {
      this.expiredRecords++;
      return;
    }
    if (value === null && this.retainDuplicates) return;
    const db = this.segments.segment(windowStart, value !== null);
    const stored = storedKey(key, [windowStart], seqnum);
    if (value === null) db?.removeSync(stored);
    else db!.putSync(stored, value);
  }

  fetch(key: Buffer, windowStart: number): Buffer | null {
    this.segments.database();
    if (windowStart < this.segments.earliestLive) return null;
    const value = this.segments.segment(windowStart, false)?.get(storedKey(key, [windowStart], 0));
    return value === undefined ? null : Buffer.from(value);
  }

  fetchRange(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    timeFrom: number,
    timeTo: number,
    backward: boolean,
  ): KeyValueIterator<WindowBytesKey, Buffer> {
    this.segments.database();
    const from = Math.max(timeFrom, this.segments.earliestLive, 0);
    if ((keyFrom !== undefined && keyTo !== undefined && compareBytes(keyFrom, keyTo) > 0) || from > timeTo)
      return new LookAheadIterator<WindowBytesKey, Buffer>([][Symbol.iterator]());
    const entries = [
      ...this.segments.scan(
        this.segments.segmentsBetween(from, timeTo),
        keyFrom,
        keyTo,
        (key, stored, at, value) => {
          const windowStart = readTime(stored, at);
          if (windowStart < from || windowStart > timeTo) return undefined;
          return { key: { key, windowStart, seqnum: stored.readUInt32BE(at + 8) }, value };
        },
      ),
    ];
    // Segments hold (key, start) order; the contract is start, then key, then sequence number.
    entries.sort(
      (a, b) =>
        a.key.windowStart - b.key.windowStart ||
        compareBytes(a.key.key, b.key.key) ||
        a.key.seqnum - b.key.seqnum,
    );
    if (backward) entries.reverse();
    return new LookAheadIterator(entries[Symbol.iterator]());
  }

  approximateNumEntries(): number {
    let n = 0;
    for (const db of this.segments.segmentsBetween(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))
      n += (db.getStats() as { entryCount: number }).entryCount;
    return n;
  }
}

/**
 * A persistent session store (Kafka's RocksDBSessionStore) on LMDB: entries ordered by (key
 * bytes, session end, session start) within segments by session end. Same contract as the
 * in-memory store, results ordered by end, key, start.
 */
export class LmdbSessionBytesStore implements SessionBytesStore {
  readonly name: string;
  readonly persistent = true;
  readonly retentionPeriodMs: number;
  private readonly segments: LmdbSegments;
  expiredRecords = 0;

  constructor(name: string, retentionPeriodMs: number) {
    if (!Number.isSafeInteger(retentionPeriodMs) || retentionPeriodMs < 0)
      throw new RangeError(`retention period must be >= 0 ms, got ${retentionPeriodMs}`);
    this.name = name;
    this.retentionPeriodMs = retentionPeriodMs;
    this.segments = new LmdbSegments(name, retentionPeriodMs);
  }

  get location(): string | undefined {
    return this.segments.location;
  }

  init(context: StateStoreContext): void {
    this.segments.open(context);
  }
  flush(): void {
    this.segments.flush();
  }
  close(): void {
    this.segments.close();
  }
  isOpen(): boolean {
    return this.segments.isOpen();
  }
  destroy(): void {
    this.segments.destroy();
  }

  put(key: Buffer, start: number, end: number, value: Buffer | null): void {
    this.segments.database();
    if (end < start) throw new RangeError(`session end ${end} is before its start ${start}`);
    this.segments.observe(end);
    if (end < this.segments.earliestLive) {
      this.expiredRecords++;
      return;
    }
    const db = this.segments.segment(end, value !== null);
    const stored = storedKey(key, [end, start]);
    if (value === null) db?.removeSync(stored);
    else db!.putSync(stored, value);
  }

  fetchSession(key: Buffer, start: number, end: number): Buffer | null {
    this.segments.database();
    if (end < this.segments.earliestLive) return null;
    const value = this.segments.segment(end, false)?.get(storedKey(key, [end, start]));
    return value === undefined ? null : Buffer.from(value);
  }

  findSessions(
    keyFrom: Buffer | undefined,
    keyTo: Buffer | undefined,
    earliestEnd: number,
    latestEnd: number,
    latestStart: number,
    backward: boolean,
  ): KeyValueIterator<SessionBytesKey, Buffer> {
    this.segments.database();
    const from = Math.max(earliestEnd, this.segments.earliestLive, 0);
    if (
      (keyFrom !== undefined && keyTo !== undefined && compareBytes(keyFrom, keyTo) > 0) ||
      from > latestEnd
    )
      return new LookAheadIterator<SessionBytesKey, Buffer>([][Symbol.iterator]());
    const entries = [
      ...this.segments.scan(
        this.segments.segmentsBetween(from, latestEnd),
        keyFrom,
        keyTo,
        (key, stored, at, value) => {
          const end = readTime(stored, at);
          const start = readTime(stored, at + 8);
          if (end < from || end > latestEnd || start > latestStart) return undefined;
          return { key: { key, start, end }, value };
        },
      ),
    ];
    entries.sort(
      (a, b) => a.key.end - b.key.end || compareBytes(a.key.key, b.key.key) || a.key.start - b.key.start,
    );
    if (backward) entries.reverse();
    return new LookAheadIterator(entries[Symbol.iterator]());
  }
}
