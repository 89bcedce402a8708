import type { KStream } from '../kstream.ts';

/**
 * Options of one `split()` branch: a name (appended to the split prefix) and optionally a function
 * applied to the branch stream. A function's returned stream goes into the result map; a consumer
 * (returning nothing) leaves the branch out of the map, as in Kafka.
 */
export class Branched<K, V> {
  readonly name: string | undefined;
  readonly chain: ((stream: KStream<K, V>) => KStream<K, V> | void) | undefined;

  private constructor(
    name: string | undefined,
    chain: ((stream: KStream<K, V>) => KStream<K, V> | void) | undefined,
  ) {
    this.name = name;
    this.chain = chain;
  }

  static as<K, V>(name: string): Branched<K, V> {
    return new Branched<K, V>(name, undefined);
  }
  static withFunction<K, V>(fn: (stream: KStream<K, V>) => KStream<K, V>, name?: string): Branched<K, V> {
    return new Branched<K, V>(name, fn);
  }
  static withConsumer<K, V>(fn: (stream: KStream<K, V>) => void, name?: string): Branched<K, V> {
    return new Branched<K, V>(name, (s) => {
      fn(s);
    });
  }
}
