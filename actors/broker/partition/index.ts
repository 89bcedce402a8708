// Public face of actors/broker/partition: the replication data plane in plain code on batches — a
// partition replica (leader/follower, HW, ISR, acks purgatory, KIP-101 truncation), the replica
// fetcher per leader broker, the per-broker ReplicaManager, and the partition actors (the control plane:
// one supervised actor per replica, its lifecycle the xstate replica machine).
export {
  Partition,
  openReplicatedLog,
  type Acks,
  type ConsumerReadResult,
  type IsrChangeCommit,
  type IsrChangeProposal,
  type MakeFollowerOptions,
  type MakeLeaderOptions,
  type PartitionOptions,
  type ReplicaRole,
} from './partition.ts';
export { DelayedProducePurgatory, delayedProduceWaitersMax } from './delayed-produce.ts';
export {
  PartitionActors,
  partitionActorShutdownMs,
  partitionSupervisorFlagsDefault,
  type PartitionActorMsg,
  type PartitionActorStats,
  type PartitionActorsOptions,
} from './partition-actor.ts';
export { ReplicaFetcher, type ReplicaFetcherOptions, type ReplicaFetcherStats } from './replica-fetcher.ts';
export {
  ReplicaManager,
  delayedFetchWaitersMax,
  type LeaderAndIsrResult,
  type LeaderAndIsrState,
  type ReplicaManagerOptions,
} from './replica-manager.ts';
export {
  replicationConfig,
  replicationConfigDefaults,
  type ReplicationConfig,
} from './replication-config.ts';
export {
  topicPartitionKey,
  type FollowerFetchPartition,
  type FollowerFetchPartitionResult,
  type ReplicaRequest,
  type ReplicaResponse,
  type TopicPartition,
} from './replica-messages.ts';
