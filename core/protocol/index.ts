/**
 * Kafka wire-protocol codecs: primitives, generated per-version message codecs, headers and framing,
 * the broker's API version profile, and the version-prefixed embedded formats.
 */
export { Reader } from './reader.ts';
export { Writer, nullField, zeroCopyBytesMin, type Records } from './writer.ts';
export type { ApiCodecs, Codec } from './codec.ts';
export {
  ApiKey,
  advertisedApiVersions,
  brokerAdvertises,
  brokerApiSupport,
  brokerApiVersions,
  brokerImplements,
  negotiateVersion,
  type ApiName,
  type ApiVersionSupport,
} from './api-keys.ts';
export { FrameDecoder, FrameTooLargeError, socketRequestMaxBytesDefault } from './frame-decoder.ts';
export { FrameReader, frameReaderSlabBytesDefault } from './frame-reader.ts';
export {
  UnsupportedRequestError,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  requestHeaderVersion,
  responseHeaderVersion,
  unsupportedApiVersionsResponse,
  type DecodedRequest,
  type RequestHeaderInput,
  type VersionFilter,
} from './framing.ts';
export {
  assignmentVersionMax,
  decodeAssignment,
  decodeConsumerOffsetsKey,
  decodeGroupMetadataValue,
  decodeOffsetCommitValue,
  decodeSubscription,
  encodeAssignment,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  encodeSubscription,
  groupMetadataValueVersionMax,
  offsetCommitValueVersionMax,
  subscriptionVersionMax,
  type ConsumerOffsetsKey,
} from './embedded.ts';
export * from './generated/index.ts';
