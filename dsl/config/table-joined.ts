import type { StreamPartitioner } from './partitioning.ts';

/**
 * Options of a foreign-key table join (Kafka's TableJoined): a name for its processors, topics and
 * subscription store, and the partitioners of the two tables' topics when they are not partitioned by
 * the default partitioner (`partitioner` for this table's keys, `otherPartitioner` for the other
 * table's, which routes subscriptions to the task holding the foreign key).
 */
export class TableJoined<K, KO> {
  readonly name: string | undefined;
  readonly partitioner: StreamPartitioner<K, void> | undefined;
  readonly otherPartitioner: StreamPartitioner<KO, void> | undefined;

  private constructor(
    name: string | undefined,
    partitioner: StreamPartitioner<K, void> | undefined,
    otherPartitioner: StreamPartitioner<KO, void> | undefined,
  ) {
    if (name !== undefined && !/^[a-zA-Z0-9._-]+$/.test(name))
      throw new TypeError(`name "${name}" may only use [a-zA-Z0-9._-]`);
    this.name = name;
    this.partitioner = partitioner;
    this.otherPartitioner = otherPartitioner;
  }

  static with<K, KO>(
    partitioner: StreamPartitioner<K, void> | undefined,
    otherPartitioner: StreamPartitioner<KO, void> | undefined,
  ): TableJoined<K, KO> {
    return new TableJoined(undefined, partitioner, otherPartitioner);
  }

  static as<K, KO>(name: string): TableJoined<K, KO> {
    return new TableJoined<K, KO>(name, undefined, undefined);
  }

  withName(name: string): TableJoined<K, KO> {
    return new TableJoined(name, this.partitioner, this.otherPartitioner);
  }

  withPartitioner(partitioner: StreamPartitioner<K, void> | undefined): TableJoined<K, KO> {
    return new TableJoined(this.name, partitioner, this.otherPartitioner);
  }

  withOtherPartitioner(otherPartitioner: StreamPartitioner<KO, void> | undefined): TableJoined<K, KO> {
    return new TableJoined(this.name, this.partitioner, otherPartitioner);
  }
}
