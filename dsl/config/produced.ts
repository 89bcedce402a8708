import type { Serde } from '../../core/serdes/index.ts';
import type { StreamPartitioner } from './partitioning.ts';

/** How records are written by `to()`: serdes, partitioner, sink name. */
export class Produced<K, V> {
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly streamPartitioner: StreamPartitioner<K, V> | undefined;
  readonly name: string | undefined;

  private constructor(
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    streamPartitioner: StreamPartitioner<K, V> | undefined,
    name: string | undefined,
  ) {
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.streamPartitioner = streamPartitioner;
    this.name = name;
  }

  static with<K, V>(
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    streamPartitioner?: StreamPartitioner<K, V>,
  ): Produced<K, V> {
    return new Produced(keySerde, valueSerde, streamPartitioner, undefined);
  }
  static as<K, V>(name: string): Produced<K, V> {
    return new Produced<K, V>(undefined, undefined, undefined, name);
  }
  withStreamPartitioner(streamPartitioner: StreamPartitioner<K, V>): Produced<K, V> {
    return new Produced(this.keySerde, this.valueSerde, streamPartitioner, this.name);
  }
  withName(name: string): Produced<K, V> {
    return new Produced(this.keySerde, this.valueSerde, this.streamPartitioner, name);
  }
}
