import type { MetadataRecord } from './metadata-records.ts';

/** What the cluster knows about one broker. */
export interface BrokerInfo {
  brokerId: number;
  brokerEpoch: number;
  host: string;
  port: number;
  rack: string | null;
  /** A fenced broker is registered but not alive: it leads nothing and is out of every ISR. */
  fenced: boolean;
}

/** The replication state of one partition, as the controller decided it. */
export interface PartitionInfo {
  topic: string;
  topicId: string;
  partition: number;
  replicas: number[];
  isr: number[];
  /** -1 when the partition has no leader (offline). */
  leader: number;
  leaderEpoch: number;
  /** Bumped on every change, so stale AlterPartition requests can be rejected. */
  partitionEpoch: number;
}

export interface TopicInfo {
  name: string;
  topicId: string;
  partitions: PartitionInfo[];
  configs: Map<string, string>;
}

/**
 * The cluster metadata folded from the `__cluster_metadata` records: brokers, topics, partitions with
 * leaders, ISRs and epochs, and configs. `apply` is deterministic, so every broker replaying the
 * same records holds the same image, and a controller taking over continues from it.
 */
export class ClusterImage {
  readonly brokers = new Map<number, BrokerInfo>();
  readonly topicsByName = new Map<string, TopicInfo>();
  readonly topicsById = new Map<string, TopicInfo>();
  readonly brokerConfigs = new Map<string, Map<string, string>>();
  /** Offset of the last record applied (-1 when empty). */
  lastOffset = -1;
  /** The first producer id not yet handed out (KRaft's ProducerIdsRecord). */
  nextProducerId = 0;

  apply(record: MetadataRecord, offset: number): void {
    this.lastOffset = offset;
    switch (record.type) {
      case 'RegisterBroker':
        this.brokers.set(record.brokerId, {
          brokerId: record.brokerId,
          brokerEpoch: record.brokerEpoch,
          host: record.host,
          port: record.port,
          rack: record.rack,
          fenced: true,
        });
        return;
      case 'FenceBroker':
      case 'UnfenceBroker': {
        const broker = this.brokers.get(record.brokerId);
        if (broker !== undefined && broker.brokerEpoch === record.brokerEpoch)
          broker.fenced = record.type === 'FenceBroker';
        return;
      }
      case 'Topic': {
        const topic: TopicInfo = {
          name: record.name,
          topicId: record.topicId,
          partitions: [],
          configs: new Map(),
        };
        this.topicsByName.set(record.name, topic);
        this.topicsById.set(record.topicId, topic);
        return;
      }
      case 'RemoveTopic': {
        const topic = this.topicsById.get(record.topicId);
        if (topic === undefined) return;
        this.topicsById.delete(record.topicId);
        this.topicsByName.delete(topic.name);
        return;
      }
      case 'Partition': {
        const topic = this.topicsById.get(record.topicId);
        if (topic === undefined) return;
        topic.partitions[record.partition] = {
          topic: topic.name,
          topicId: record.topicId,
          partition: record.partition,
          replicas: [...record.replicas],
          isr: [...record.isr],
          leader: record.leader,
          leaderEpoch: record.leaderEpoch,
          partitionEpoch: record.partitionEpoch,
        };
        return;
      }
      case 'PartitionChange': {
        const p = this.topicsById.get(record.topicId)?.partitions[record.partition];
        if (p === undefined) return;
        // Kafka bumps the leader epoch only when the leader changes; every change bumps the partition epoch.
        if (record.leader !== null && record.leader !== p.leader) {
          p.leader = record.leader;
          p.leaderEpoch++;
        }
        if (record.isr !== null) p.isr = [...record.isr];
        if (record.replicas !== null) p.replicas = [...record.replicas];
        p.partitionEpoch++;
        return;
      }
      case 'ProducerIds':
        if (record.nextProducerId > this.nextProducerId) this.nextProducerId = record.nextProducerId;
        return;
      case 'Config': {
        const configs =
          record.resourceType === 'topic'
            ? this.topicsByName.get(record.resourceName)?.configs
            : this.brokerConfigFor(record.resourceName);
        if (configs === undefined) return;
        if (record.value === null) configs.delete(record.key);
        else configs.set(record.key, record.value);
        return;
      }
      default: {
        const _never: never = record;
        return _never;
      }
    }
  }

  /** Brokers that are registered and not fenced, by id. */
  liveBrokerIds(): number[] {
    return [...this.brokers.values()]
      .filter((b) => !b.fenced)
      .map((b) => b.brokerId)
      .sort((a, b) => a - b);
  }

  partition(topic: string, partition: number): PartitionInfo | undefined {
    return this.topicsByName.get(topic)?.partitions[partition];
  }

  private brokerConfigFor(name: string): Map<string, string> {
    let configs = this.brokerConfigs.get(name);
    if (configs === undefined) {
      configs = new Map();
      this.brokerConfigs.set(name, configs);
    }
    return configs;
  }
}
