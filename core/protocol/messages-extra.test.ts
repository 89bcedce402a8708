import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKey, brokerAdvertises, negotiateVersion } from './api-keys.ts';
import { extraDefinitionsDir, generatedDir, readSources } from './generate.ts';
import { generate } from './generator.ts';
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from './framing.ts';
import {
  alterConfigsApi,
  apiCodecsByKey,
  deleteGroupsApi,
  type AlterConfigsRequest,
  type DeleteGroupsResponse,
  type RequestBodyByKey,
  type RequestInputByKey,
  type ResponseBodyByKey,
  type ResponseInputByKey,
} from './generated/index.ts';

/** Big-endian int16/int32 and classic (int16-length) strings, written out byte by byte for the fixtures. */
const i16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const i32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const str = (s: string): number[] => [...i16(s.length), ...[...s].map((c) => c.charCodeAt(0))];

describe('AlterConfigs (33) and DeleteGroups (42) codecs from core/protocol/messages-extra', () => {
  it('encode an AlterConfigs v0 request frame byte for byte as the Kafka layout says, and decode it back', () => {
    const body: RequestInputByKey[33] = {
      resources: [
        {
          resourceType: 2, // TOPIC
          resourceName: 't1',
          configs: [
            { name: 'retention.ms', value: '1000' },
            { name: 'cleanup.policy', value: null },
          ],
        },
      ],
      validateOnly: true,
    };
    const expected = Buffer.from([
      ...i32(63), // size of everything after it: 11 header bytes + 52 body bytes
      // request header v1: api key, api version, correlation id, client id
      ...[0x00, 0x21],
      ...[0x00, 0x00],
      ...[0x00, 0x00, 0x00, 0x07],
      ...[0x00, 0x01, 0x63], // "c"
      // body: Resources (int32 count)
      ...[0x00, 0x00, 0x00, 0x01],
      0x02, // ResourceType int8
      ...[0x00, 0x02, 0x74, 0x31], // ResourceName "t1"
      ...[0x00, 0x00, 0x00, 0x02], // Configs count
      ...str('retention.ms'),
      ...str('1000'),
      ...str('cleanup.policy'),
      ...[0xff, 0xff], // Value null: length -1
      0x01, // ValidateOnly true
    ]);
    assert.equal(expected.length, 67);

    const chunks = encodeRequest(
      { apiKey: ApiKey.AlterConfigs, apiVersion: 0, correlationId: 7, clientId: 'c' },
      body,
    );
    assert.deepEqual(Buffer.concat(chunks), expected);

    const decoded = decodeRequest(expected.subarray(4));
    assert.equal(decoded.apiKey, 33);
    assert.equal(decoded.apiVersion, 0);
    assert.equal(decoded.header.correlationId, 7);
    const decodedBody: RequestBodyByKey[33] = decoded.body as AlterConfigsRequest;
    assert.deepEqual(decodedBody, body);
  });

  it('encode a DeleteGroups v1 response frame byte for byte as the Kafka layout says, and decode it back', () => {
    const body: ResponseInputByKey[42] = {
      throttleTimeMs: 5,
      results: [
        { groupId: 'g1', errorCode: 0 },
        { groupId: 'g2', errorCode: 68 }, // NON_EMPTY_GROUP
      ],
    };
    const expected = Buffer.from([
      ...[0x00, 0x00, 0x00, 0x18], // size: 24 bytes follow
      ...[0x00, 0x00, 0x00, 0x09], // response header v0: correlation id
      ...[0x00, 0x00, 0x00, 0x05], // ThrottleTimeMs
      ...[0x00, 0x00, 0x00, 0x02], // Results count
      ...[0x00, 0x02, 0x67, 0x31], // GroupId "g1"
      ...[0x00, 0x00], // ErrorCode 0
      ...[0x00, 0x02, 0x67, 0x32], // GroupId "g2"
      ...[0x00, 0x44], // ErrorCode 68
    ]);
    assert.equal(expected.length, 28);

    assert.deepEqual(Buffer.concat(encodeResponse(ApiKey.DeleteGroups, 1, 9, body)), expected);

    const { correlationId, body: decoded } = decodeResponse(ApiKey.DeleteGroups, 1, expected.subarray(4));
    assert.equal(correlationId, 9);
    const typed: ResponseBodyByKey[42] = decoded satisfies DeleteGroupsResponse;
    assert.deepEqual(typed, body);
  });

  it('encode a DeleteGroups v0 request as an int32 count of classic strings', () => {
    const w = Buffer.concat(
      encodeRequest(
        { apiKey: ApiKey.DeleteGroups, apiVersion: 0, correlationId: 1, clientId: null },
        { groupsNames: ['a', 'bc'] },
      ),
    );
    const body = [...i32(2), ...str('a'), ...str('bc')];
    const header = [...i16(42), ...i16(0), ...i32(1), 0xff, 0xff];
    assert.deepEqual(w, Buffer.from([...i32(header.length + body.length), ...header, ...body]));
  });

  it('are registered by API key, non-flexible, at versions 0-1 only', () => {
    assert.equal(apiCodecsByKey[33], alterConfigsApi);
    assert.equal(apiCodecsByKey[42], deleteGroupsApi);
    for (const api of [alterConfigsApi, deleteGroupsApi]) {
      assert.equal(api.minVersion, 0, api.name);
      assert.equal(api.maxVersion, 1, api.name);
      assert.equal(api.requestFlexibleMin, -1, api.name);
      assert.equal(api.responseFlexibleMin, -1, api.name);
      assert.equal(api.request.length, 2, api.name);
      assert.equal(api.response.length, 2, api.name);
    }
  });

  it('are advertised by the broker at v0-1 and negotiated down to v1 against newer peers', () => {
    for (const key of [ApiKey.AlterConfigs, ApiKey.DeleteGroups]) {
      assert.ok(brokerAdvertises(key, 0) && brokerAdvertises(key, 1), String(key));
      assert.ok(!brokerAdvertises(key, 2), String(key));
      assert.equal(negotiateVersion(key, 0, 2), 1);
    }
  });

  it('come from hand-written definitions, which the generated files name as their source', () => {
    for (const file of ['alter-configs.ts', 'delete-groups.ts']) {
      const second = readFileSync(join(generatedDir, file), 'utf8').split('\n')[1] ?? '';
      assert.match(second, /^\/\/ Source: core\/protocol\/messages-extra \(hand-written/, file);
    }
    assert.deepEqual(
      readSources(extraDefinitionsDir).map((s) => s.name),
      [
        'AlterConfigsRequest.json',
        'AlterConfigsResponse.json',
        'DeleteGroupsRequest.json',
        'DeleteGroupsResponse.json',
      ],
    );
  });

  it('make the generator fail when a message is defined both in shared/ and in messages-extra', () => {
    const extra = readSources(extraDefinitionsDir);
    const deleteGroups = extra.filter((s) => s.name.startsWith('DeleteGroups'));
    assert.throws(() => generate(deleteGroups, [], extra), /DeleteGroupsRequest defined twice/);
    assert.doesNotThrow(() => generate([], [], extra));
  });
});
