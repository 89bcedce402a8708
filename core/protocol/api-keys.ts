/**
 * API keys and the versions the broker advertises and implements: the "non-flexible profile" of
 * shared/kafka-protocol/NOTES.md 5.3. Advertised ranges are broad because librdkafka 2.0.2 and kafka-python
 * 2.0.2 look at the minimum (Produce min 0 keeps librdkafka compressing, FindCoordinator v0 lets it find
 * coordinators at all); versions advertised but not implemented are answered with UNSUPPORTED_VERSION.
 */

/** Kafka API keys by name (the int16 in every request header). */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  OffsetForLeaderEpoch: 23,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  CreatePartitions: 37,
  DeleteGroups: 42,
} as const;
export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey];
export type ApiName = keyof typeof ApiKey;

/** One API's version support on our broker. */
export interface ApiVersionSupport {
  readonly apiKey: ApiKey;
  readonly name: ApiName;
  /** What ApiVersions reports (min, max). */
  readonly advertisedMin: number;
  readonly advertisedMax: number;
  /** What the broker actually serves; inside the advertised range. */
  readonly implementedMin: number;
  readonly implementedMax: number;
}

function api(name: ApiName, advertised: [number, number], implemented = advertised): ApiVersionSupport {
  return {
    apiKey: ApiKey[name],
    name,
    advertisedMin: advertised[0],
    advertisedMax: advertised[1],
    implementedMin: implemented[0],
    implementedMax: implemented[1],
  };
}

/**
 * The broker's profile, in API-key order. SaslHandshake is left out: it is advertised only once SASL
 * exists. OffsetForLeaderEpoch stops at v3, its last non-flexible version.
 */
export const brokerApiVersions: readonly ApiVersionSupport[] = [
  api('Produce', [0, 8], [3, 8]), // v0-2 carry the legacy message format; v8 makes kafka-python guess 2.4
  api('Fetch', [0, 11], [4, 11]), // librdkafka needs v4 in range for magic 2 and v10 for zstd
  api('ListOffsets', [0, 5], [1, 5]),
  api('Metadata', [0, 8]), // kafka-python probes with v0 then uses v1
  api('OffsetCommit', [0, 7], [2, 7]),
  api('OffsetFetch', [0, 5], [1, 5]), // capped at 5 to keep librdkafka non-flexible
  api('FindCoordinator', [0, 2]),
  api('JoinGroup', [0, 5]),
  api('Heartbeat', [0, 3]),
  api('LeaveGroup', [0, 3]),
  api('SyncGroup', [0, 3]),
  api('DescribeGroups', [0, 4]),
  api('ListGroups', [0, 2]),
  api('ApiVersions', [0, 3]), // v3 is flexible in its body but always answered with response header v0
  api('CreateTopics', [0, 4]),
  api('DeleteTopics', [0, 3]),
  api('DeleteRecords', [0, 1]),
  api('InitProducerId', [0, 1]),
  api('OffsetForLeaderEpoch', [0, 3]),
  api('DescribeConfigs', [0, 2]),
  api('AlterConfigs', [0, 1]), // v2 is flexible; codecs from core/protocol/messages-extra
  api('CreatePartitions', [0, 1]),
  api('DeleteGroups', [0, 1]), // v2 is flexible; codecs from core/protocol/messages-extra
];

const byKey: readonly (ApiVersionSupport | undefined)[] = (() => {
  const table: (ApiVersionSupport | undefined)[] = [];
  for (const s of brokerApiVersions) table[s.apiKey] = s;
  return table;
})();

/** The broker's support for an API key, or undefined if it does not serve that API. */
export function brokerApiSupport(apiKey: number): ApiVersionSupport | undefined {
  return byKey[apiKey];
}

/** True when the broker advertises `apiKey` at `apiVersion`. */
export function brokerAdvertises(apiKey: number, apiVersion: number): boolean {
  const s = byKey[apiKey];
  return s !== undefined && apiVersion >= s.advertisedMin && apiVersion <= s.advertisedMax;
}

/** True when the broker serves `apiKey` at `apiVersion` (advertised but unimplemented -> UNSUPPORTED_VERSION). */
export function brokerImplements(apiKey: number, apiVersion: number): boolean {
  const s = byKey[apiKey];
  return s !== undefined && apiVersion >= s.implementedMin && apiVersion <= s.implementedMax;
}

/**
 * The version our client uses for an API: the highest version both our implementation and the peer's
 * advertised range support, or -1 when the ranges do not overlap.
 */
export function negotiateVersion(apiKey: number, peerMin: number, peerMax: number): number {
  const s = byKey[apiKey];
  if (s === undefined) return -1;
  const v = Math.min(s.implementedMax, peerMax);
  return v >= Math.max(s.implementedMin, peerMin) ? v : -1;
}

/** The `api_keys` entries of the broker's ApiVersions response: every advertised API with its range. */
export function advertisedApiVersions(): { apiKey: number; minVersion: number; maxVersion: number }[] {
  return brokerApiVersions.map((s) => ({
    apiKey: s.apiKey,
    minVersion: s.advertisedMin,
    maxVersion: s.advertisedMax,
  }));
}
