import assert from 'node:assert/strict';
import { KafkaError } from '../errors/index.ts';
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  requestHeaderVersion,
  responseHeaderVersion,
  unsupportedApiVersionsResponse,
  UnsupportedRequestError,
} from './framing.ts';
import { brokerImplements } from './api-keys.ts';
import { fetchResponseOf } from './test-support/fetch-messages.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const frameOf = (chunks: Buffer[]): Buffer => Buffer.concat(chunks).subarray(4);

/** NOTES 2.5: one record, key "key", value "value", CRC db5e9cdd. */
const batch76 = hex(`
  0000000000000000 00000040 ffffffff 02 db5e9cdd 0000 00000000
  0000018bcfe56800 0000018bcfe56800 ffffffffffffffff ffff ffffffff 00000001
  1c 00 00 00 06 6b6579 0a 76616c7565 00`);

describe('framing: headers and byte vectors', () => {
  it('the NOTES 2.5 test batch is 76 bytes', () => {
    assert.equal(batch76.length, 76);
  });

  it('answers ApiVersions v3 with response header v0 and a flexible body', () => {
    const chunks = encodeResponse(18, 3, 7, {
      errorCode: 0,
      apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 8 }],
      throttleTimeMs: 0,
      supportedFeatures: [],
      finalizedFeaturesEpoch: -1,
      finalizedFeatures: [],
      zkMigrationReady: false,
    });
    const expected = Buffer.concat([
      hex('00000013'), // size 19
      hex('00000007'), // correlation id; header v0, so no tag section
      hex('0000'), // error code
      hex('02'), // compact array of 1 entry
      hex('0000 0000 0008 00'), // Produce 0-8, entry tag section
      hex('00000000'), // throttle
      hex('00'), // no tagged fields: all at their defaults
    ]);
    assert.deepEqual(Buffer.concat(chunks), expected);
    assert.equal(responseHeaderVersion(18, 3), 0);
    const { correlationId, body } = decodeResponse(18, 3, frameOf(chunks));
    assert.equal(correlationId, 7);
    assert.deepEqual(body.apiKeys, [{ apiKey: 0, minVersion: 0, maxVersion: 8 }]);
  });

  it('writes ApiVersions v3 tagged fields only when they differ from their defaults', () => {
    const chunks = encodeResponse(18, 3, 1, {
      errorCode: 0,
      apiKeys: [],
      throttleTimeMs: 0,
      supportedFeatures: [],
      finalizedFeaturesEpoch: -1,
      finalizedFeatures: [],
      zkMigrationReady: true,
    });
    // size, corr, error, empty compact array, throttle, then 1 tagged field: tag 3, size 1, true
    assert.deepEqual(Buffer.concat(chunks), hex('0000000f 00000001 0000 01 00000000 01 03 01 01'));
    assert.equal(decodeResponse(18, 3, frameOf(chunks)).body.zkMigrationReady, true);
  });

  it('decodes the classic Metadata v0 request kafka-python sends at bootstrap', () => {
    const frame = hex('0003 0000 00000002 000c 6b61666b612d707974686f6e 00000000');
    const req = decodeRequest(frame);
    assert.equal(req.apiKey, 3);
    assert.equal(req.apiVersion, 0);
    assert.deepEqual(req.header, {
      requestApiKey: 3,
      requestApiVersion: 0,
      correlationId: 2,
      clientId: 'kafka-python',
    });
    if (req.apiKey !== 3) throw new Error('narrowing');
    assert.deepEqual(req.body.topics, []);
    // Fields Metadata v0 lacks take their JSON defaults.
    assert.equal(req.body.allowAutoTopicCreation, true);
    const again = Buffer.concat(
      encodeRequest({ apiKey: 3, apiVersion: 0, correlationId: 2, clientId: 'kafka-python' }, req.body),
    );
    assert.deepEqual(again.subarray(4), frame);
    assert.equal(again.readInt32BE(0), frame.length);
  });

  it('decodes a Produce v3 request whose records come back as a view of the frame', () => {
    const prefix = hex(`
      0000 0003 0000002a 0004 74657374
      ffff ffff 00007530 00000001 0005 746f706963 00000001 00000000 0000004c`);
    const frame = Buffer.concat([prefix, batch76]);
    const req = decodeRequest(frame, brokerImplements);
    if (req.apiKey !== 0) throw new Error('expected Produce');
    assert.equal(req.body.transactionalId, null);
    assert.equal(req.body.acks, -1);
    assert.equal(req.body.timeoutMs, 30000);
    const records = req.body.topicData[0]?.partitionData[0]?.records;
    assert.ok(records);
    assert.deepEqual(records, batch76);
    assert.equal(records.buffer, frame.buffer, 'records share the frame memory');
    assert.equal(records.byteOffset, frame.byteOffset + prefix.length);
    const encoded = Buffer.concat(
      encodeRequest({ apiKey: 0, apiVersion: 3, correlationId: 42, clientId: 'test' }, req.body),
    );
    assert.deepEqual(encoded.subarray(4), frame);
  });

  it('appends large records and record-chunk lists without copying them', () => {
    const big = Buffer.alloc(4096, 1);
    const chunks = encodeRequest(
      { apiKey: 0, apiVersion: 8, correlationId: 1, clientId: null },
      {
        transactionalId: null,
        acks: 1,
        timeoutMs: 100,
        topicData: [{ name: 't', partitionData: [{ index: 0, records: big }] }],
      },
    );
    assert.ok(chunks.includes(big), 'the records Buffer is one of the output chunks');
    const sliceA = Buffer.alloc(3000, 2);
    const sliceB = Buffer.alloc(2000, 3);
    const body = fetchResponseOf([
      { topic: 't', partitions: [{ partitionIndex: 0, highWatermark: 10, records: [sliceA, sliceB] }] },
    ]);
    const out = encodeResponse(1, 11, 5, body);
    assert.ok(out.includes(sliceA) && out.includes(sliceB), 'file slices are appended as chunks');
    const total = out.reduce((n, c) => n + c.length, 0);
    assert.equal(out[0]?.readInt32BE(0), total - 4, 'size prefix counts every chunk');
    const decoded = decodeResponse(1, 11, frameOf(out)).body;
    assert.deepEqual(decoded.responses[0]?.partitions[0]?.records, Buffer.concat([sliceA, sliceB]));
  });

  it('reads request header v2 with client_id as an int16 string and skips unknown header tags', () => {
    const frame = hex(`
      0012 0003 0000002a 0007 72646b61666b61
      01 05 02 abcd
      0b 6c696272646b61666b61 06 322e302e32 00`);
    const req = decodeRequest(frame);
    assert.equal(requestHeaderVersion(18, 3), 2);
    assert.deepEqual(req.header, {
      requestApiKey: 18,
      requestApiVersion: 3,
      correlationId: 42,
      clientId: 'rdkafka',
    });
    if (req.apiKey !== 18) throw new Error('expected ApiVersions');
    assert.deepEqual(req.body, { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' });
    const encoded = Buffer.concat(
      encodeRequest({ apiKey: 18, apiVersion: 3, correlationId: 42, clientId: 'rdkafka' }, req.body),
    );
    assert.deepEqual(
      encoded.subarray(4),
      hex('0012 0003 0000002a 0007 72646b61666b61 00 0b 6c696272646b61666b61 06 322e302e32 00'),
    );
  });

  it('uses response header v1 (with a tag section) for flexible responses other than ApiVersions', () => {
    assert.equal(responseHeaderVersion(3, 9), 1);
    assert.equal(responseHeaderVersion(3, 8), 0);
    assert.equal(requestHeaderVersion(3, 8), 1);
    assert.equal(requestHeaderVersion(7, 0), 0);
  });

  it('reports an unknown API key as an error that closes the connection', () => {
    const frame = hex('03e7 0000 00000009 ffff');
    assert.throws(
      () => decodeRequest(frame),
      (e: unknown) => e instanceof UnsupportedRequestError && e.closeConnection && e.correlationId === 9,
    );
  });

  it('reports an unsupported version as UNSUPPORTED_VERSION with the correlation id', () => {
    const frame = hex('0000 0001 00000004 ffff ffff 00007530 00000000');
    assert.throws(
      () => decodeRequest(frame, brokerImplements),
      (e: unknown) =>
        e instanceof UnsupportedRequestError &&
        !e.closeConnection &&
        KafkaError.is(e, 'UNSUPPORTED_VERSION') &&
        e.apiVersion === 1 &&
        e.correlationId === 4,
    );
    assert.throws(() => decodeRequest(hex('0012 0063 00000004 ffff 00')), UnsupportedRequestError);
  });

  it('answers an ApiVersions request at an unknown version with error 35 and a v0 body', () => {
    const out = Buffer.concat(unsupportedApiVersionsResponse(11, 0, 3));
    assert.deepEqual(out, hex('00000010 0000000b 0023 00000001 0012 0000 0003'));
    const { body } = decodeResponse(18, 0, out.subarray(4));
    assert.equal(body.errorCode, 35);
  });
});
