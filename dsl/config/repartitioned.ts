import type { Serde } from '../../core/serdes/index.ts';
import type { StreamPartitioner } from './partitioning.ts';

/** Settings of an explicit `repartition()`: topic name, partition count, serdes, partitioner. */
export class Repartitioned<K, V> {
  readonly name: string | undefined;
  readonly numberOfPartitions: number | undefined;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly streamPartitioner: StreamPartitioner<K, V> | undefined;

  private constructor(fields: {
    name?: string | undefined;
    numberOfPartitions?: number | undefined;
    keySerde?: Serde<K> | undefined;
    valueSerde?: Serde<V> | undefined;
    streamPartitioner?: StreamPartitioner<K, V> | undefined;
  }) {
    if (
      fields.numberOfPartitions !== undefined &&
      (!Number.isInteger(fields.numberOfPartitions) || fields.numberOfPartitions < 1)
    ) {
      throw new RangeError(`numberOfPartitions must be a positive integer, got ${fields.numberOfPartitions}`);
    }
    this.name = fields.name;
    this.numberOfPartitions = fields.numberOfPartitions;
    this.keySerde = fields.keySerde;
    this.valueSerde = fields.valueSerde;
    this.streamPartitioner = fields.streamPartitioner;
  }

  static as<K, V>(name: string): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ name });
  }
  static with<K, V>(keySerde: Serde<K>, valueSerde: Serde<V>): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ keySerde, valueSerde });
  }
  static numberOfPartitions<K, V>(numberOfPartitions: number): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ numberOfPartitions });
  }
  static streamPartitioner<K, V>(streamPartitioner: StreamPartitioner<K, V>): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ streamPartitioner });
  }
  withName(name: string): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ ...this, name });
  }
  withNumberOfPartitions(numberOfPartitions: number): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ ...this, numberOfPartitions });
  }
  withKeySerde(keySerde: Serde<K>): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ ...this, keySerde });
  }
  withValueSerde(valueSerde: Serde<V>): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ ...this, valueSerde });
  }
  withStreamPartitioner(streamPartitioner: StreamPartitioner<K, V>): Repartitioned<K, V> {
    return new Repartitioned<K, V>({ ...this, streamPartitioner });
  }
}
