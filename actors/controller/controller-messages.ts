// Messages between brokers and the active controller (over a Transport port), modelled on KRaft's
// BrokerRegistration, BrokerHeartbeat, AlterPartition and the brokers' fetch of `__cluster_metadata`,
// plus the admin operations a broker forwards (CreateTopics and friends).
import type { EpochEndOffset } from '../../core/log/index.ts';

/** One topic to create (CreateTopics semantics: -1 partitions / replication factor = controller default). */
export interface CreateTopicSpec {
  readonly name: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  /** Explicit assignment: partition index -> broker ids (then numPartitions/replicationFactor are -1). */
  readonly assignments?: readonly (readonly number[])[];
  readonly configs?: Readonly<Record<string, string>>;
}

/** A per-resource result of a controller operation (errorCode 0 = success). */
export interface TopicResult {
  readonly name: string;
  readonly errorCode: number;
  readonly errorMessage: string | null;
  /** CreateTopics: the new topic's id, partition count and replication factor. */
  readonly topicId?: string;
  readonly numPartitions?: number;
  readonly replicationFactor?: number;
}

/** A configuration change of one resource (IncrementalAlterConfigs semantics: null value deletes). */
export interface ConfigChange {
  readonly resourceType: 'topic' | 'broker';
  readonly resourceName: string;
  readonly key: string;
  readonly value: string | null;
}

export type ControllerRequest =
  | {
      readonly type: 'REGISTER_BROKER';
      readonly brokerId: number;
      readonly host: string;
      readonly port: number;
      readonly rack: string | null;
    }
  | {
      readonly type: 'HEARTBEAT';
      readonly brokerId: number;
      readonly brokerEpoch: number;
      /** The offset up to which the broker has applied the metadata log. */
      readonly metadataOffset: number;
      readonly wantShutdown: boolean;
    }
  | {
      /** A broker replicating `__cluster_metadata` (long poll up to maxWaitMs when there is nothing new). */
      readonly type: 'FETCH_METADATA';
      readonly brokerId: number;
      readonly fetchOffset: number;
      /** Epoch of the broker's last metadata batch (-1 when empty): divergence is detected as for data. */
      readonly lastFetchedEpoch: number;
      readonly maxWaitMs: number;
    }
  | {
      readonly type: 'ALTER_PARTITION';
      readonly brokerId: number;
      readonly brokerEpoch: number;
      readonly topic: string;
      readonly partition: number;
      readonly leaderEpoch: number;
      readonly partitionEpoch: number;
      readonly isrWithBrokerEpochs: readonly { readonly brokerId: number; readonly brokerEpoch: number }[];
    }
  | {
      readonly type: 'CREATE_TOPICS';
      readonly topics: readonly CreateTopicSpec[];
      readonly validateOnly: boolean;
    }
  | { readonly type: 'DELETE_TOPICS'; readonly names: readonly string[] }
  | {
      readonly type: 'CREATE_PARTITIONS';
      readonly topics: readonly { readonly name: string; readonly totalCount: number }[];
      readonly validateOnly: boolean;
    }
  | {
      readonly type: 'ALTER_CONFIGS';
      readonly changes: readonly ConfigChange[];
      readonly validateOnly: boolean;
    }
  | { readonly type: 'ALLOCATE_PRODUCER_IDS'; readonly brokerId: number; readonly brokerEpoch: number }
  | { readonly type: 'CONTROLLED_SHUTDOWN'; readonly brokerId: number; readonly brokerEpoch: number };

export type ControllerResponse =
  | { readonly type: 'REGISTERED'; readonly errorCode: number; readonly brokerEpoch: number }
  | {
      readonly type: 'HEARTBEAT';
      readonly errorCode: number;
      readonly fenced: boolean;
      /** Controlled shutdown: the broker leads nothing any more and may stop. */
      readonly shouldShutDown: boolean;
    }
  | {
      readonly type: 'METADATA';
      readonly errorCode: number;
      /** Whole batches of metadata records from fetchOffset (empty when none or diverging). */
      readonly records: Buffer;
      readonly logEndOffset: number;
      readonly controllerEpoch: number;
      readonly divergingEpoch?: EpochEndOffset;
    }
  | {
      readonly type: 'ALTER_PARTITION';
      readonly errorCode: number;
      readonly isr: readonly number[];
      readonly leaderEpoch: number;
      readonly partitionEpoch: number;
    }
  | {
      readonly type: 'RESULTS';
      readonly errorCode: number;
      readonly results: readonly TopicResult[];
      /** The metadata log end after the change: a broker waits to have applied this far. */
      readonly logEndOffset: number;
    }
  | {
      readonly type: 'PRODUCER_IDS';
      readonly errorCode: number;
      readonly firstProducerId: number;
      readonly count: number;
    };
