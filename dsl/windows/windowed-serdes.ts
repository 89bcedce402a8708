import type { Serde } from '../../core/serdes/index.ts';
import {
  keyBytesOf,
  sessionKeyBytes,
  splitSessionKey,
  splitTimeWindowKey,
  timeWindowKeyBytes,
} from './window-key-schema.ts';
import { SessionWindow, TimeWindow, Windowed } from './windowed.ts';

/**
 * Serdes for `Windowed<K>` keys (Kafka's WindowedSerdes), byte-compatible with Kafka's: a time
 * window is `[key][start: int64]` (the end is start + window size, which the reader must know), a
 * session `[key][end: int64][start: int64]`.
 *
 * ```ts
 * counts.toStream().to('out', Produced.with(WindowedSerdes.timeWindowedSerdeFrom(Serdes.String(), 60_000), Serdes.Long()));
 * ```
 */
export const WindowedSerdes = {
  timeWindowedSerdeFrom<K>(inner: Serde<K>, windowSizeMs: number): Serde<Windowed<K>> {
    if (!Number.isSafeInteger(windowSizeMs) || windowSizeMs < 1)
      throw new RangeError(`window size must be a positive integer number of ms, got ${windowSizeMs}`);
    return {
      serializer: (topic, data, headers) =>
        data === null
          ? null
          : timeWindowKeyBytes(keyBytesOf(inner, topic, data.key, headers), data.window.start),
      deserializer: (topic, data, headers) => {
        if (data === null) return null;
        const parts = splitTimeWindowKey(topic, data, false);
        const end = Math.min(parts.start + windowSizeMs, Number.MAX_SAFE_INTEGER);
        return new Windowed(
          inner.deserializer(topic, parts.key, headers) as K,
          new TimeWindow(parts.start, end),
        );
      },
    };
  },

  sessionWindowedSerdeFrom<K>(inner: Serde<K>): Serde<Windowed<K>> {
    return {
      serializer: (topic, data, headers) =>
        data === null
          ? null
          : sessionKeyBytes(keyBytesOf(inner, topic, data.key, headers), data.window.start, data.window.end),
      deserializer: (topic, data, headers) => {
        if (data === null) return null;
        const parts = splitSessionKey(topic, data);
        return new Windowed(
          inner.deserializer(topic, parts.key, headers) as K,
          new SessionWindow(parts.start, parts.end),
        );
      },
    };
  },
} as const;
