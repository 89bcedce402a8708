export { ClusterImage, type BrokerInfo, type PartitionInfo, type TopicInfo } from './cluster-image.ts';
export { electLeader } from './leader-election.ts';
export {
  decodeMetadataRecord,
  encodeMetadataRecord,
  type MetadataRecord,
  type MetadataRecordType,
} from './metadata-records.ts';
export { assignReplicas } from './replica-assignment.ts';
