/** Client-side partition assignors with Kafka's names and semantics, and their ConsumerProtocol adapter. */
export {
  RebalanceProtocol,
  compareMembers,
  generationIdNone,
  toSubscription,
  type Assignment,
  type Assignor,
  type GroupMember,
  type PartitionsPerTopic,
  type RebalanceProtocolName,
  type Subscription,
  type SubscriptionInput,
  type TopicPartitions,
} from './types.ts';
export { RangeAssignor } from './range.ts';
export { RoundRobinAssignor } from './round-robin.ts';
export { CooperativeStickyAssignor, generationOf } from './cooperative-sticky.ts';
export {
  assignGroup,
  decodeAssignmentBytes,
  decodeSubscriptionBytes,
  encodeAssignmentBytes,
  encodeSubscriptionBytes,
  type JoinGroupMember,
} from './consumer-protocol.ts';
