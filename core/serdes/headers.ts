/** One record header, as on the wire: a string key and an optional byte value. */
export interface Header {
  readonly key: string;
  readonly value: Buffer | null;
}

/** Record headers in wire order (keys may repeat, as in Kafka). */
export type Headers = readonly Header[];
