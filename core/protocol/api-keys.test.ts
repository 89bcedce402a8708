import assert from 'node:assert/strict';
import {
  advertisedApiVersions,
  ApiKey,
  brokerAdvertises,
  brokerApiSupport,
  brokerApiVersions,
  brokerImplements,
  negotiateVersion,
} from './api-keys.ts';
import { apiCodecsByKey } from './generated/index.ts';

describe('broker API version profile (NOTES 5.3)', () => {
  it('advertises broad minimums that librdkafka and kafka-python need', () => {
    assert.equal(brokerApiSupport(ApiKey.Produce)?.advertisedMin, 0);
    assert.equal(brokerApiSupport(ApiKey.FindCoordinator)?.advertisedMin, 0);
    assert.ok(brokerAdvertises(ApiKey.Fetch, 4) && brokerAdvertises(ApiKey.Fetch, 10));
    assert.ok(brokerAdvertises(ApiKey.InitProducerId, 0));
    assert.ok(!brokerAdvertises(ApiKey.SaslHandshake, 0) && !brokerAdvertises(ApiKey.SaslHandshake, 1));
  });

  it('implements Produce from v3 and Fetch from v4, answering older versions UNSUPPORTED_VERSION', () => {
    assert.ok(!brokerImplements(ApiKey.Produce, 2) && brokerImplements(ApiKey.Produce, 3));
    assert.ok(brokerImplements(ApiKey.Produce, 8) && !brokerImplements(ApiKey.Produce, 9));
    assert.ok(!brokerImplements(ApiKey.Fetch, 3) && brokerImplements(ApiKey.Fetch, 11));
    assert.ok(brokerImplements(ApiKey.Metadata, 0));
  });

  it('keeps every advertised version non-flexible except the ApiVersions v3 body', () => {
    for (const s of brokerApiVersions) {
      const api = apiCodecsByKey[s.apiKey];
      assert.ok(api, `codecs for ${s.name}`);
      assert.ok(s.implementedMin >= s.advertisedMin && s.implementedMax <= s.advertisedMax, s.name);
      assert.ok(s.advertisedMax <= api.maxVersion && s.advertisedMin >= api.minVersion, s.name);
      if (s.apiKey === ApiKey.ApiVersions) continue;
      assert.ok(
        api.requestFlexibleMin < 0 || s.advertisedMax < api.requestFlexibleMin,
        `${s.name} stays classic`,
      );
    }
    assert.equal(brokerApiSupport(ApiKey.OffsetForLeaderEpoch)?.advertisedMax, 3);
  });

  it('negotiates the highest version both sides support', () => {
    assert.equal(negotiateVersion(ApiKey.Produce, 0, 11), 8);
    assert.equal(negotiateVersion(ApiKey.Produce, 0, 5), 5);
    assert.equal(negotiateVersion(ApiKey.Produce, 0, 2), -1);
    assert.equal(negotiateVersion(ApiKey.Metadata, 9, 12), -1);
    assert.equal(negotiateVersion(999, 0, 1), -1);
  });

  it('lists every advertised API, in key order, for the ApiVersions response', () => {
    const entries = advertisedApiVersions();
    assert.equal(entries.length, brokerApiVersions.length);
    assert.deepEqual(
      entries.map((e) => e.apiKey),
      [...entries.map((e) => e.apiKey)].sort((a, b) => a - b),
    );
    assert.deepEqual(
      entries.find((e) => e.apiKey === ApiKey.Produce),
      { apiKey: 0, minVersion: 0, maxVersion: 8 },
    );
    assert.ok(!entries.some((e) => e.apiKey === ApiKey.SaslHandshake));
  });
});
