// What the request layer (KafkaApis) needs from its broker: the replicas it hosts, the group
// coordinator, its copy of the cluster metadata, and a channel to the active controller. The broker
// actor implements it; tests can implement it with a single in-memory broker.
import type { Clock } from '../../core/io/index.ts';
import type { LogConfig } from '../../core/log/index.ts';
import type { ClusterImage, ConfigChange, CreateTopicSpec, TopicResult } from '../controller/index.ts';

export type { ConfigChange, CreateTopicSpec, TopicResult };
import type { GroupCoordinator } from '../coordinator/index.ts';
import type { ReplicaManager } from './partition/index.ts';

/** Broker configs the request layer reads, under Kafka's names, with Kafka's defaults. */
export interface BrokerConfig {
  readonly 'broker.id': number;
  /** Where clients connect (Metadata answers with these). */
  readonly 'advertised.host': string;
  readonly 'advertised.port': number;
  readonly 'cluster.id': string;
  readonly 'auto.create.topics.enable': boolean;
  readonly 'num.partitions': number;
  readonly 'default.replication.factor': number;
  readonly 'offsets.topic.replication.factor': number;
  readonly 'offsets.topic.num.partitions': number;
  /** The largest record batch a partition accepts (MESSAGE_TOO_LARGE above it). */
  readonly 'message.max.bytes': number;
  /** Upper bound of a Fetch response (fetch.max.bytes). */
  readonly 'fetch.max.bytes': number;
  readonly 'min.insync.replicas': number;
}

/**
 * Operations only the active controller performs. Each resolves once the change is in the metadata
 * log and applied by this broker (so a Metadata request right after sees it).
 */
export interface ControllerChannel {
  createTopics(topics: readonly CreateTopicSpec[], validateOnly: boolean): Promise<TopicResult[]>;
  deleteTopics(names: readonly string[]): Promise<TopicResult[]>;
  /** Grows topics to `totalCount` partitions. */
  createPartitions(
    topics: readonly { readonly name: string; readonly totalCount: number }[],
    validateOnly: boolean,
  ): Promise<TopicResult[]>;
  /** Validates then applies all changes of one resource atomically; per-resource results. */
  alterConfigs(changes: readonly ConfigChange[], validateOnly: boolean): Promise<TopicResult[]>;
  /** A block of producer ids for InitProducerId. */
  allocateProducerIds(): Promise<{ firstProducerId: number; count: number }>;
}

/** The broker as the request layer sees it. */
export interface BrokerServices {
  readonly brokerId: number;
  readonly clock: Clock;
  readonly config: BrokerConfig;
  readonly replicaManager: ReplicaManager;
  readonly groupCoordinator: GroupCoordinator;
  /** This broker's (eventually consistent) copy of the cluster metadata. */
  metadata(): ClusterImage;
  /** The active controller's broker id (-1 while there is none). */
  controllerId(): number;
  readonly controller: ControllerChannel;
  /** A topic's log config (broker defaults overridden by the topic's configs). */
  logConfigFor(topic: string): LogConfig;
}
