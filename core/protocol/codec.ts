import type { Reader } from './reader.ts';
import type { Writer } from './writer.ts';

/**
 * The encoder and decoder of one message at one version (one entry of a generated version table).
 * `TIn` is what the encoder accepts (records may be a list of chunks), `TOut` what the decoder returns
 * (records are a view of the input). Method syntax on purpose: a table of specific codecs must be
 * usable where `Codec<unknown>` is expected.
 */
export interface Codec<TIn, TOut = TIn> {
  encode(w: Writer, value: TIn): void;
  decode(r: Reader): TOut;
}

/** One API's generated codecs: tables indexed by version (undefined outside validVersions). */
export interface ApiCodecs {
  readonly apiKey: number;
  /** Kafka's API name, e.g. `Produce`. */
  readonly name: string;
  /** The versions the message definitions describe (Kafka 3.8.0's validVersions, or messages-extra's). */
  readonly minVersion: number;
  readonly maxVersion: number;
  /** First flexible version of the request, or -1 if none. */
  readonly requestFlexibleMin: number;
  /** First flexible version of the response, or -1 if none. */
  readonly responseFlexibleMin: number;
  readonly request: readonly (Codec<unknown> | undefined)[];
  readonly response: readonly (Codec<unknown> | undefined)[];
}
