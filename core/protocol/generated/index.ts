// GENERATED FILE - DO NOT EDIT. Regenerate with `npx tsx core/protocol/generate.ts`.
// Source: shared/kafka-protocol (Apache Kafka 3.8.0, Apache-2.0) and core/protocol/messages-extra (hand-written): all of the above.

import type { ApiCodecs } from '../codec.ts';
import type { Records } from '../writer.ts';
import { produceApi, type ProduceRequest, type ProduceResponse } from './produce.ts';
import { fetchApi, type FetchRequest, type FetchResponse } from './fetch.ts';
import { listOffsetsApi, type ListOffsetsRequest, type ListOffsetsResponse } from './list-offsets.ts';
import { metadataApi, type MetadataRequest, type MetadataResponse } from './metadata.ts';
import { offsetCommitApi, type OffsetCommitRequest, type OffsetCommitResponse } from './offset-commit.ts';
import { offsetFetchApi, type OffsetFetchRequest, type OffsetFetchResponse } from './offset-fetch.ts';
import { findCoordinatorApi, type FindCoordinatorRequest, type FindCoordinatorResponse } from './find-coordinator.ts';
import { joinGroupApi, type JoinGroupRequest, type JoinGroupResponse } from './join-group.ts';
import { heartbeatApi, type HeartbeatRequest, type HeartbeatResponse } from './heartbeat.ts';
import { leaveGroupApi, type LeaveGroupRequest, type LeaveGroupResponse } from './leave-group.ts';
import { syncGroupApi, type SyncGroupRequest, type SyncGroupResponse } from './sync-group.ts';
import { describeGroupsApi, type DescribeGroupsRequest, type DescribeGroupsResponse } from './describe-groups.ts';
import { listGroupsApi, type ListGroupsRequest, type ListGroupsResponse } from './list-groups.ts';
import { saslHandshakeApi, type SaslHandshakeRequest, type SaslHandshakeResponse } from './sasl-handshake.ts';
import { apiVersionsApi, type ApiVersionsRequest, type ApiVersionsResponse } from './api-versions.ts';
import { createTopicsApi, type CreateTopicsRequest, type CreateTopicsResponse } from './create-topics.ts';
import { deleteTopicsApi, type DeleteTopicsRequest, type DeleteTopicsResponse } from './delete-topics.ts';
import { deleteRecordsApi, type DeleteRecordsRequest, type DeleteRecordsResponse } from './delete-records.ts';
import { initProducerIdApi, type InitProducerIdRequest, type InitProducerIdResponse } from './init-producer-id.ts';
import { offsetForLeaderEpochApi, type OffsetForLeaderEpochRequest, type OffsetForLeaderEpochResponse } from './offset-for-leader-epoch.ts';
import { describeConfigsApi, type DescribeConfigsRequest, type DescribeConfigsResponse } from './describe-configs.ts';
import { alterConfigsApi, type AlterConfigsRequest, type AlterConfigsResponse } from './alter-configs.ts';
import { createPartitionsApi, type CreatePartitionsRequest, type CreatePartitionsResponse } from './create-partitions.ts';
import { deleteGroupsApi, type DeleteGroupsRequest, type DeleteGroupsResponse } from './delete-groups.ts';

export * from './alter-configs.ts';
export * from './api-versions.ts';
export * from './consumer-protocol-assignment.ts';
export * from './consumer-protocol-subscription.ts';
export * from './create-partitions.ts';
export * from './create-topics.ts';
export * from './delete-groups.ts';
export * from './delete-records.ts';
export * from './delete-topics.ts';
export * from './describe-configs.ts';
export * from './describe-groups.ts';
export * from './fetch.ts';
export * from './find-coordinator.ts';
export * from './group-metadata-key.ts';
export * from './group-metadata-value.ts';
export * from './heartbeat.ts';
export * from './init-producer-id.ts';
export * from './join-group.ts';
export * from './leave-group.ts';
export * from './list-groups.ts';
export * from './list-offsets.ts';
export * from './metadata.ts';
export * from './offset-commit.ts';
export * from './offset-commit-key.ts';
export * from './offset-commit-value.ts';
export * from './offset-fetch.ts';
export * from './offset-for-leader-epoch.ts';
export * from './produce.ts';
export * from './request-header.ts';
export * from './response-header.ts';
export * from './sasl-handshake.ts';
export * from './sync-group.ts';

/** Generated codecs by API key (undefined for keys without definitions here). */
export const apiCodecsByKey: readonly (ApiCodecs | undefined)[] = [
  produceApi,
  fetchApi,
  listOffsetsApi,
  metadataApi,
  undefined,
  undefined,
  undefined,
  undefined,
  offsetCommitApi,
  offsetFetchApi,
  findCoordinatorApi,
  joinGroupApi,
  heartbeatApi,
  leaveGroupApi,
  syncGroupApi,
  describeGroupsApi,
  listGroupsApi,
  saslHandshakeApi,
  apiVersionsApi,
  createTopicsApi,
  deleteTopicsApi,
  deleteRecordsApi,
  initProducerIdApi,
  offsetForLeaderEpochApi,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  describeConfigsApi,
  alterConfigsApi,
  undefined,
  undefined,
  undefined,
  createPartitionsApi,
  undefined,
  undefined,
  undefined,
  undefined,
  deleteGroupsApi,
];

/** Request body type by API key. */
export interface RequestBodyByKey {
  0: ProduceRequest;
  1: FetchRequest;
  2: ListOffsetsRequest;
  3: MetadataRequest;
  8: OffsetCommitRequest;
  9: OffsetFetchRequest;
  10: FindCoordinatorRequest;
  11: JoinGroupRequest;
  12: HeartbeatRequest;
  13: LeaveGroupRequest;
  14: SyncGroupRequest;
  15: DescribeGroupsRequest;
  16: ListGroupsRequest;
  17: SaslHandshakeRequest;
  18: ApiVersionsRequest;
  19: CreateTopicsRequest;
  20: DeleteTopicsRequest;
  21: DeleteRecordsRequest;
  22: InitProducerIdRequest;
  23: OffsetForLeaderEpochRequest;
  32: DescribeConfigsRequest;
  33: AlterConfigsRequest;
  37: CreatePartitionsRequest;
  42: DeleteGroupsRequest;
}

/** What the request encoder accepts by API key (records may be a list of Buffers). */
export interface RequestInputByKey {
  0: ProduceRequest<Records>;
  1: FetchRequest;
  2: ListOffsetsRequest;
  3: MetadataRequest;
  8: OffsetCommitRequest;
  9: OffsetFetchRequest;
  10: FindCoordinatorRequest;
  11: JoinGroupRequest;
  12: HeartbeatRequest;
  13: LeaveGroupRequest;
  14: SyncGroupRequest;
  15: DescribeGroupsRequest;
  16: ListGroupsRequest;
  17: SaslHandshakeRequest;
  18: ApiVersionsRequest;
  19: CreateTopicsRequest;
  20: DeleteTopicsRequest;
  21: DeleteRecordsRequest;
  22: InitProducerIdRequest;
  23: OffsetForLeaderEpochRequest;
  32: DescribeConfigsRequest;
  33: AlterConfigsRequest;
  37: CreatePartitionsRequest;
  42: DeleteGroupsRequest;
}

/** What the response encoder accepts by API key (records may be a list of Buffers, e.g. file slices). */
export interface ResponseInputByKey {
  0: ProduceResponse;
  1: FetchResponse<Records>;
  2: ListOffsetsResponse;
  3: MetadataResponse;
  8: OffsetCommitResponse;
  9: OffsetFetchResponse;
  10: FindCoordinatorResponse;
  11: JoinGroupResponse;
  12: HeartbeatResponse;
  13: LeaveGroupResponse;
  14: SyncGroupResponse;
  15: DescribeGroupsResponse;
  16: ListGroupsResponse;
  17: SaslHandshakeResponse;
  18: ApiVersionsResponse;
  19: CreateTopicsResponse;
  20: DeleteTopicsResponse;
  21: DeleteRecordsResponse;
  22: InitProducerIdResponse;
  23: OffsetForLeaderEpochResponse;
  32: DescribeConfigsResponse;
  33: AlterConfigsResponse;
  37: CreatePartitionsResponse;
  42: DeleteGroupsResponse;
}

/** Response body type by API key. */
export interface ResponseBodyByKey {
  0: ProduceResponse;
  1: FetchResponse;
  2: ListOffsetsResponse;
  3: MetadataResponse;
  8: OffsetCommitResponse;
  9: OffsetFetchResponse;
  10: FindCoordinatorResponse;
  11: JoinGroupResponse;
  12: HeartbeatResponse;
  13: LeaveGroupResponse;
  14: SyncGroupResponse;
  15: DescribeGroupsResponse;
  16: ListGroupsResponse;
  17: SaslHandshakeResponse;
  18: ApiVersionsResponse;
  19: CreateTopicsResponse;
  20: DeleteTopicsResponse;
  21: DeleteRecordsResponse;
  22: InitProducerIdResponse;
  23: OffsetForLeaderEpochResponse;
  32: DescribeConfigsResponse;
  33: AlterConfigsResponse;
  37: CreatePartitionsResponse;
  42: DeleteGroupsResponse;
}
