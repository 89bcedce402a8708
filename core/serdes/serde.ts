import type { Headers } from './headers.ts';

/**
 * Turns a value into bytes for a topic. `null` stays `null`: a null value is a tombstone and a
 * null key means "no key", so no serializer may invent bytes for it.
 */
export type Serializer<T> = (topic: string, data: T | null, headers?: Headers) => Buffer | null;

/** The reverse of {@link Serializer}: `null` bytes give `null`. Throws DeserializationError on bad bytes. */
export type Deserializer<T> = (topic: string, data: Buffer | null, headers?: Headers) => T | null;

/** A serializer and deserializer for one type, as Kafka's `Serde<T>`. */
export interface Serde<T> {
  readonly serializer: Serializer<T>;
  readonly deserializer: Deserializer<T>;
}

/** Builds a Serde from a pair of functions (Kafka's `Serdes.serdeFrom`). */
export function serdeFrom<T>(serializer: Serializer<T>, deserializer: Deserializer<T>): Serde<T> {
  return { serializer, deserializer };
}
