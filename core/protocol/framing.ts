/**
 * Request/response headers and whole frames: which header version an (apiKey, apiVersion) uses, and the
 * top-level encode/decode helpers the server and the client call. A frame here is the bytes after the int32
 * size prefix (what FrameDecoder yields); encoders return chunks that include the size prefix.
 */
import { ErrorCode, KafkaError } from '../errors/index.ts';
import type { ApiCodecs, Codec } from './codec.ts';
import {
  apiCodecsByKey,
  apiVersionsResponseCodecs,
  requestHeaderCodecs,
  responseHeaderCodecs,
  type ApiVersionsResponse,
  type RequestBodyByKey,
  type RequestInputByKey,
  type RequestHeader,
  type ResponseBodyByKey,
  type ResponseInputByKey,
} from './generated/index.ts';
import { Reader } from './reader.ts';
import { Writer } from './writer.ts';

const apiVersionsKey = 18;
/** ControlledShutdown v0 is the one request still using request header v0. */
const controlledShutdownKey = 7;

/**
 * A request the codecs cannot serve. `closeConnection` tells the server what Kafka does: an unknown API
 * key closes the connection; a known API at an unsupported version is answered with UNSUPPORTED_VERSION
 * (for ApiVersions, with a v0 body listing ApiVersions' own range; see unsupportedApiVersionsResponse).
 */
export class UnsupportedRequestError extends KafkaError {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly closeConnection: boolean;

  constructor(apiKey: number, apiVersion: number, correlationId: number, closeConnection: boolean) {
    super(
      closeConnection ? ErrorCode.INVALID_REQUEST : ErrorCode.UNSUPPORTED_VERSION,
      closeConnection
        ? `unknown API key ${apiKey}`
        : `API key ${apiKey} version ${apiVersion} is not supported`,
    );
    this.name = 'UnsupportedRequestError';
    this.apiKey = apiKey;
    this.apiVersion = apiVersion;
    this.correlationId = correlationId;
    this.closeConnection = closeConnection;
  }
}

function isFlexible(flexibleMin: number, apiVersion: number): boolean {
  return flexibleMin >= 0 && apiVersion >= flexibleMin;
}

/** Request header version for a request: 2 when the API version is flexible, else 1 (0 for ControlledShutdown v0). */
export function requestHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 | 2 {
  if (apiKey === controlledShutdownKey && apiVersion === 0) return 0;
  const api = apiCodecsByKey[apiKey];
  return api !== undefined && isFlexible(api.requestFlexibleMin, apiVersion) ? 2 : 1;
}

/** Response header version: 1 when flexible, else 0 - and always 0 for ApiVersions, so old clients can read it. */
export function responseHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 {
  if (apiKey === apiVersionsKey) return 0;
  const api = apiCodecsByKey[apiKey];
  return api !== undefined && isFlexible(api.responseFlexibleMin, apiVersion) ? 1 : 0;
}

/** A decoded request, discriminated by `apiKey` so a `switch` narrows `body`. */
export type DecodedRequest = {
  [K in keyof RequestBodyByKey]: {
    header: RequestHeader;
    apiKey: K;
    apiVersion: number;
    body: RequestBodyByKey[K];
  };
}[keyof RequestBodyByKey];

/** Which (apiKey, apiVersion) pairs a decoder accepts; the default accepts every version with a codec. */
export type VersionFilter = (apiKey: number, apiVersion: number) => boolean;

function codecFor(
  api: ApiCodecs | undefined,
  direction: 'request' | 'response',
  apiVersion: number,
): Codec<unknown> | undefined {
  if (api === undefined || apiVersion < 0) return undefined;
  return api[direction][apiVersion];
}

/** Reads apiKey, apiVersion and correlationId without decoding the rest (for errors about unreadable requests). */
function peekIds(frame: Buffer): { apiKey: number; apiVersion: number; correlationId: number } {
  const r = new Reader(frame);
  return { apiKey: r.readInt16(), apiVersion: r.readInt16(), correlationId: r.readInt32() };
}

/**
 * Decodes one request frame (header + body). Throws UnsupportedRequestError for an unknown API key or a
 * version the codecs (or `accept`) do not serve, and KafkaError(INVALID_REQUEST) for malformed bytes.
 * Byte and records fields are views into `frame`. Trailing bytes after the body are ignored, as Kafka does.
 */
export function decodeRequest(frame: Buffer, accept?: VersionFilter): DecodedRequest {
  const { apiKey, apiVersion, correlationId } = peekIds(frame);
  const api = apiCodecsByKey[apiKey];
  if (api === undefined) throw new UnsupportedRequestError(apiKey, apiVersion, correlationId, true);
  const codec = codecFor(api, 'request', apiVersion);
  if (codec === undefined || (accept !== undefined && !accept(apiKey, apiVersion))) {
    throw new UnsupportedRequestError(apiKey, apiVersion, correlationId, false);
  }
  const r = new Reader(frame);
  const headerCodec = requestHeaderCodecs[requestHeaderVersion(apiKey, apiVersion)] as Codec<RequestHeader>;
  const header = headerCodec.decode(r);
  const body = codec.decode(r);
  return { header, apiKey, apiVersion, body } as DecodedRequest;
}

/** The fields a caller gives to encode a request header. */
export interface RequestHeaderInput {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
}

/** Encodes a request (size prefix, header, body) as chunks; large byte fields are not copied. */
export function encodeRequest<K extends keyof RequestBodyByKey>(
  header: RequestHeaderInput & { readonly apiKey: K },
  body: RequestInputByKey[K],
): Buffer[] {
  const api = apiCodecsByKey[header.apiKey];
  const codec = codecFor(api, 'request', header.apiVersion);
  if (codec === undefined) {
    throw new UnsupportedRequestError(
      header.apiKey,
      header.apiVersion,
      header.correlationId,
      api === undefined,
    );
  }
  const w = new Writer(true);
  const headerCodec = requestHeaderCodecs[
    requestHeaderVersion(header.apiKey, header.apiVersion)
  ] as Codec<RequestHeader>;
  headerCodec.encode(w, {
    requestApiKey: header.apiKey,
    requestApiVersion: header.apiVersion,
    correlationId: header.correlationId,
    clientId: header.clientId,
  });
  codec.encode(w, body);
  return w.finish();
}

/** Encodes a response (size prefix, header, body) at the request's version, as chunks. */
export function encodeResponse<K extends keyof ResponseBodyByKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  body: ResponseInputByKey[K],
): Buffer[] {
  const api = apiCodecsByKey[apiKey];
  const codec = codecFor(api, 'response', apiVersion);
  if (codec === undefined)
    throw new UnsupportedRequestError(apiKey, apiVersion, correlationId, api === undefined);
  const w = new Writer(true);
  const headerCodec = responseHeaderCodecs[responseHeaderVersion(apiKey, apiVersion)] as Codec<{
    correlationId: number;
  }>;
  headerCodec.encode(w, { correlationId });
  codec.encode(w, body);
  return w.finish();
}

/** Decodes a response frame for the request the client sent at (apiKey, apiVersion). */
export function decodeResponse<K extends keyof ResponseBodyByKey>(
  apiKey: K,
  apiVersion: number,
  frame: Buffer,
): { correlationId: number; body: ResponseBodyByKey[K] } {
  const api = apiCodecsByKey[apiKey];
  const codec = codecFor(api, 'response', apiVersion);
  if (codec === undefined) throw new UnsupportedRequestError(apiKey, apiVersion, -1, api === undefined);
  const r = new Reader(frame);
  const headerCodec = responseHeaderCodecs[responseHeaderVersion(apiKey, apiVersion)] as Codec<{
    correlationId: number;
  }>;
  const { correlationId } = headerCodec.decode(r);
  return { correlationId, body: codec.decode(r) as ResponseBodyByKey[K] };
}

/**
 * The answer to an ApiVersions request at a version we do not serve (KIP-511): error 35 with a v0 body
 * listing only ApiVersions and its supported range, so the client can retry at a version we know.
 */
export function unsupportedApiVersionsResponse(
  correlationId: number,
  minVersion: number,
  maxVersion: number,
): Buffer[] {
  const w = new Writer(true);
  w.writeInt32(correlationId);
  const body: ApiVersionsResponse = {
    errorCode: ErrorCode.UNSUPPORTED_VERSION,
    apiKeys: [{ apiKey: apiVersionsKey, minVersion, maxVersion }],
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
  (apiVersionsResponseCodecs[0] as Codec<ApiVersionsResponse>).encode(w, body);
  return w.finish();
}
