export { ClusterImage, type BrokerInfo, type PartitionInfo, type TopicInfo } from './cluster-image.ts';
export { electLeader } from './leader-election.ts';
export {
  decodeMetadataRecord,
  encodeMetadataRecord,
  type MetadataRecord,
  type MetadataRecordType,
} from './metadata-records.ts';
export { assignReplicas } from './replica-assignment.ts';
export type {
  ConfigChange,
  ControllerRequest,
  ControllerResponse,
  CreateTopicSpec,
  TopicResult,
} from './controller-messages.ts';
export {
  Controller,
  controllerConfigDefaults,
  invalidTopicName,
  topicNameLengthMax,
  type ControllerConfig,
  type ControllerOptions,
} from './controller.ts';
export { isReplicationTopicConfig, logConfigEntries, validateTopicConfigs } from './topic-config.ts';
