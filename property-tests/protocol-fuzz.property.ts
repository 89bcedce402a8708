/**
 * A broker's TCP listener survives hostile frames. Each run opens fresh connections to one broker and
 * sends one frame per connection, from four families:
 *   - random bytes behind a correct size prefix (half of them starting with a known API key);
 *   - valid requests (realistic Produce/Fetch/ListOffsets/Metadata/ApiVersions against a real topic, or
 *     schema-random bodies for any implemented API and version) with bytes flipped or truncated;
 *   - well-formed headers at versions the broker does not implement (advertised-only, too high, negative);
 *   - size prefixes that are negative or above socket.request.max.bytes, or announce more bytes than sent.
 * Each frame must get exactly one well-formed response carrying its correlation id, or a closed
 * connection, never garbage, a partial frame or silence. A valid ApiVersions request pipelined behind the
 * fuzzed frame tells "answered" from "still thinking" without sleeping: requests of one connection are
 * answered in order, so once it answers, the fuzzed frame was answered (or was a Produce with acks=0,
 * which Kafka never answers). An ApiVersions at an unsupported version must be answered with
 * UNSUPPORTED_VERSION (KIP-511), not a close. After each run a fresh connection still gets Metadata; at
 * the end a well-behaved client produces and fetches, and every record written before the fuzzing is
 * still there, unchanged.
 */
import assert from 'node:assert/strict';
import * as net from 'node:net';
import fc from 'fast-check';
import { ErrorCode } from '../core/errors/index.ts';
import {
  brokerApiVersions,
  brokerImplements,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  socketRequestMaxBytesDefault,
  Writer,
  type Codec,
  type DecodedRequest,
  type RequestInputByKey,
} from '../core/protocol/index.ts';
import { apiCodecsByKey } from '../core/protocol/generated/index.ts';
import { fetchRequestOf } from '../core/protocol/test-support/fetch-messages.ts';
import { messageArbitrary, modelByName } from '../core/protocol/test-support/schema-arbitraries.ts';
import { decodeRecords, encodeRecordBatch } from '../core/records/index.ts';
import { TcpConnectionFactory } from '../runtime/network/index.ts';
import type { BrokerConnection } from '../actors/client/connection.ts';
import { startCompatCluster, type CompatCluster } from '../runtime/compat/compat-support.ts';

const keptTopic = 'fuzz-kept';
const keptPartitions = 2;
const keptBatches = 5;
const keptRecordsPerBatch = 20;
/** How long one fuzzed connection may stay silent before the case fails (or counts as a long poll). */
const exchangeDeadlineMs = 3_000;
const framesPerRunMax = 4;
const apiVersionsKey = 18;
const produceKey = 0;

/**
 * APIs whose handling may legitimately outlast the deadline for some field values (a Fetch long poll
 * with a huge max_wait_ms, a JoinGroup waiting for its rebalance, a Produce waiting for acks, topic
 * admin waiting for its timeout). Silence from these is accepted; from anything else it is a bug.
 */
const mayWaitKeys = new Set([0, 1, 11, 14, 19, 20, 21, 37]);

type FuzzCase =
  | {
      readonly kind: 'complete';
      readonly frame: Buffer;
      readonly label: string;
      /** An ApiVersions request at a version we do not serve: must be answered with error 35. */
      readonly unsupportedApiVersions?: boolean;
    }
  | { readonly kind: 'unanswerable'; readonly bytes: Buffer; readonly label: string };

interface Exchange {
  readonly frames: Buffer[];
  /** Bytes received after the last complete frame (a torn response). */
  readonly leftover: number;
  readonly closed: boolean;
  readonly timedOut: boolean;
}

function prefixed(frame: Buffer, size = frame.length): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(size);
  return Buffer.concat([prefix, frame]);
}

/** Header + body of a request (no size prefix). */
function requestFrame<K extends keyof RequestInputByKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  body: RequestInputByKey[K],
): Buffer {
  return Buffer.concat(encodeRequest({ apiKey, apiVersion, correlationId, clientId: 'fuzz' }, body)).subarray(
    4,
  );
}

function correlationIdOf(frame: Buffer): number | null {
  return frame.length >= 8 ? frame.readInt32BE(4) : null;
}

/** Sends `bytes`, optionally followed by a marker request, and collects what comes back. */
async function exchange(port: number, bytes: Buffer, marker: Buffer | null, endAfterWrite: boolean) {
  const socket = net.connect(port, '127.0.0.1');
  const frames: Buffer[] = [];
  let pending = Buffer.alloc(0);
  const markerId = marker === null ? null : correlationIdOf(marker.subarray(4));
  try {
    return await new Promise<Exchange>((resolve) => {
      const finish = (closed: boolean, timedOut: boolean): void => {
        clearTimeout(timer);
        resolve({ frames, leftover: pending.length, closed, timedOut });
      };
      const timer = setTimeout(() => finish(false, true), exchangeDeadlineMs);
      socket.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
          const size = pending.readInt32BE(0);
          const frame = pending.subarray(4, 4 + size);
          pending = pending.subarray(4 + size);
          frames.push(frame);
          if (markerId !== null && frame.length >= 4 && frame.readInt32BE(0) === markerId) {
            finish(false, false);
          }
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => finish(true, false));
      socket.on('connect', () => {
        socket.write(bytes);
        if (marker !== null) socket.write(marker);
        if (endAfterWrite) socket.end();
      });
    });
  } finally {
    socket.destroy();
  }
}

/** The request as the broker would read it at a version it implements, or null. */
function tryDecodeRequest(frame: Buffer): DecodedRequest | null {
  try {
    return decodeRequest(frame, brokerImplements);
  } catch {
    return null;
  }
}

/** A Produce with acks=0 is the one request a broker answers with silence. */
function isUnansweredProduce(frame: Buffer): boolean {
  const request = tryDecodeRequest(frame);
  return request !== null && request.apiKey === produceKey && request.body.acks === 0;
}

async function checkCase(port: number, c: FuzzCase): Promise<void> {
  if (c.kind === 'unanswerable') {
    // Nothing to answer: the broker must close (at once for bad prefixes, at our FIN for short frames).
    const result = await exchange(port, c.bytes, null, true);
    assert.ok(result.closed, `${c.label}: connection closed (timed out: ${result.timedOut})`);
    assert.equal(result.frames.length, 0, `${c.label}: no response`);
    assert.equal(result.leftover, 0, `${c.label}: no stray bytes`);
    return;
  }
  const fuzzId = correlationIdOf(c.frame);
  const markerId = fuzzId === null ? 1 : (fuzzId + 1) | 0;
  const marker = Buffer.concat(
    encodeRequest(
      { apiKey: apiVersionsKey, apiVersion: 0, correlationId: markerId, clientId: 'fuzz-marker' },
      { clientSoftwareName: '', clientSoftwareVersion: '' },
    ),
  );
  const result = await exchange(port, prefixed(c.frame), marker, false);
  const label = `${c.label} (${c.frame.length} bytes: ${c.frame.subarray(0, 48).toString('hex')})`;
  assert.equal(result.leftover, 0, `${label}: no torn response`);
  if (result.timedOut) {
    const key = tryDecodeRequest(c.frame)?.apiKey ?? null;
    assert.ok(
      result.frames.length === 0 && key !== null && mayWaitKeys.has(key),
      `${label}: neither answered nor closed within ${exchangeDeadlineMs} ms (api ${key})`,
    );
    return;
  }
  const markerAnswered = !result.closed;
  const answers = markerAnswered ? result.frames.slice(0, -1) : result.frames;
  if (markerAnswered) {
    const reply = decodeResponse(apiVersionsKey, 0, result.frames.at(-1)!);
    assert.equal(reply.body.errorCode, ErrorCode.NONE, `${label}: marker answered normally`);
    if (answers.length === 0) {
      assert.ok(isUnansweredProduce(c.frame), `${label}: answered with silence but is no acks=0 Produce`);
    }
  }
  assert.ok(answers.length <= 1, `${label}: at most one answer, got ${answers.length}`);
  const request = tryDecodeRequest(c.frame);
  for (const answer of answers) {
    assert.ok(answer.length >= 4, `${label}: response has a header`);
    assert.equal(answer.readInt32BE(0), fuzzId, `${label}: response carries the request's correlation id`);
    // An answer to a request that decodes must decode as that API's response at the same version.
    if (request !== null) decodeResponse(request.apiKey, request.apiVersion, answer);
  }
  if (c.unsupportedApiVersions) {
    assert.equal(answers.length, 1, `${label}: ApiVersions at an unsupported version is answered (KIP-511)`);
    const reply = decodeResponse(apiVersionsKey, 0, answers[0]!);
    assert.equal(reply.body.errorCode, ErrorCode.UNSUPPORTED_VERSION, `${label}: UNSUPPORTED_VERSION`);
    assert.ok(
      reply.body.apiKeys.some((k) => k.apiKey === apiVersionsKey),
      `${label}: lists ApiVersions' own range`,
    );
  }
}

// --- the frame families -------------------------------------------------------------------------

const implemented = brokerApiVersions.filter((s) => apiCodecsByKey[s.apiKey] !== undefined);

const randomBytesCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom(...implemented),
    fc.integer({ min: -2, max: 20 }),
    fc.uint8Array({ maxLength: 160 }),
  )
  .map(([knownKey, api, version, bytes]) => {
    const frame = Buffer.from(bytes);
    if (knownKey && frame.length >= 4) {
      frame.writeInt16BE(api.apiKey, 0);
      frame.writeInt16BE(version, 2);
    }
    return { kind: 'complete', frame, label: `random bytes${knownKey ? ` as api ${api.apiKey}` : ''}` };
  });

/** Realistic requests against the kept topic: mutations then reach the record and partition paths. */
function realisticRequest(apiKey: number, version: number, batch: Buffer): Buffer {
  switch (apiKey) {
    case 0:
      return requestFrame(0, version, 7, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 1_000,
        topicData: [{ name: keptTopic, partitionData: [{ index: 0, records: batch }] }],
      });
    case 1:
      return requestFrame(1, version, 7, {
        clusterId: null,
        replicaId: -1,
        replicaState: { replicaId: -1, replicaEpoch: -1 },
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [
          {
            topic: keptTopic,
            topicId: '',
            partitions: [
              {
                partition: 1,
                currentLeaderEpoch: -1,
                fetchOffset: 0,
                lastFetchedEpoch: -1,
                logStartOffset: -1,
                partitionMaxBytes: 1 << 20,
              },
            ],
          },
        ],
        forgottenTopicsData: [],
        rackId: '',
      });
    case 2:
      return requestFrame(2, version, 7, {
        replicaId: -1,
        isolationLevel: 0,
        topics: [
          {
            name: keptTopic,
            partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }],
          },
        ],
      });
    case 3:
      return requestFrame(3, version, 7, {
        topics: [{ name: keptTopic, topicId: '' }],
        allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      });
    default:
      return requestFrame(18, version, 7, { clientSoftwareName: 'fuzz', clientSoftwareVersion: '1.0' });
  }
}

const realisticCase: fc.Arbitrary<{ frame: Buffer; label: string }> = fc
  .constantFrom(
    { apiKey: 0, min: 3, max: 8 },
    { apiKey: 1, min: 4, max: 11 },
    { apiKey: 2, min: 1, max: 5 },
    { apiKey: 3, min: 0, max: 8 },
    { apiKey: 18, min: 0, max: 3 },
  )
  .chain((api) =>
    fc.record({
      apiKey: fc.constant(api.apiKey),
      version: fc.integer({ min: api.min, max: api.max }),
      values: fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 5 }),
    }),
  )
  .map(({ apiKey, version, values }) => {
    const batch = encodeRecordBatch(values.map((v, i) => ({ key: `fuzz-${i}`, value: v })));
    return { frame: realisticRequest(apiKey, version, batch), label: `api ${apiKey} v${version}` };
  });

/** Schema-random bodies for any implemented API and version (header v1/v2 as the version needs). */
const schemaCase: fc.Arbitrary<{ frame: Buffer; label: string }> = fc
  .constantFrom(...implemented)
  .chain((s) =>
    fc.integer({ min: s.implementedMin, max: s.implementedMax }).chain((version) => {
      const api = apiCodecsByKey[s.apiKey]!;
      return messageArbitrary(modelByName(`${api.name}Request`), version).map((body) => {
        const w = new Writer();
        w.writeInt16(api.apiKey);
        w.writeInt16(version);
        w.writeInt32(11);
        w.writeNullableString('fuzz');
        if (api.requestFlexibleMin >= 0 && version >= api.requestFlexibleMin) w.writeUVarint(0);
        (api.request[version] as Codec<unknown>).encode(w, body);
        return { frame: w.toBuffer(), label: `schema-random api ${s.apiKey} v${version}` };
      });
    }),
  );

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('ones' as const), at: fc.nat() }),
);

/** Mutates a request, keeping the API key and version (bytes 0-3) so the damage reaches the decoders. */
function mutate(frame: Buffer, ms: ReadonlyArray<{ kind: string; at: number; byte?: number }>): Buffer {
  let out = Buffer.from(frame);
  for (const m of ms) {
    const at = m.at % Math.max(1, out.length);
    if (m.kind === 'truncate') out = out.subarray(0, Math.max(4, at));
    else if (m.kind === 'flip' && at >= 4) out[at] = m.byte ?? 0;
    else if (m.kind === 'ones' && at >= 4) out.fill(0xff, at, Math.min(out.length, at + 4));
  }
  return out;
}

const mutatedCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.oneof(realisticCase, schemaCase), fc.array(mutation, { minLength: 0, maxLength: 4 }))
  .map(([{ frame, label }, ms]) => ({
    kind: 'complete',
    frame: mutate(frame, ms),
    label: `${label} with ${ms.map((m) => m.kind).join(',') || 'no'} mutations`,
  }));

/** Well-formed headers at versions the broker does not serve. */
const wrongVersionCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.constantFrom(...brokerApiVersions),
    fc.oneof(fc.integer({ min: -32768, max: -1 }), fc.integer({ min: 0, max: 32767 })),
    fc.uint8Array({ maxLength: 40 }),
  )
  .filter(([s, version]) => version < s.implementedMin || version > s.implementedMax)
  .map(([s, version, rest]) => {
    const w = new Writer();
    w.writeInt16(s.apiKey);
    w.writeInt16(version);
    w.writeInt32(5);
    w.writeNullableString('fuzz');
    return {
      kind: 'complete',
      frame: Buffer.concat([w.toBuffer(), Buffer.from(rest)]),
      label: `api ${s.apiKey} at unsupported v${version}`,
      unsupportedApiVersions: s.apiKey === apiVersionsKey,
    };
  });

const badPrefixCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: socketRequestMaxBytesDefault + 1, max: 0x7fffffff }),
      fc.integer({ min: -0x80000000, max: -1 }),
    ),
    fc.uint8Array({ maxLength: 64 }),
  )
  .map(([size, bytes]) => ({
    kind: 'unanswerable',
    bytes: prefixed(Buffer.from(bytes), size),
    label: `size prefix ${size}`,
  }));

const shortFrameCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 1 << 20 }))
  .map(([bytes, missing]) => ({
    kind: 'unanswerable',
    bytes: prefixed(Buffer.from(bytes), bytes.length + missing),
    label: `frame ${missing} bytes short`,
  }));

const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 3, arbitrary: randomBytesCase },
  { weight: 4, arbitrary: mutatedCase },
  { weight: 2, arbitrary: wrongVersionCase },
  { weight: 1, arbitrary: badPrefixCase },
  { weight: 1, arbitrary: shortFrameCase },
);

// --- the well-behaved client ---------------------------------------------------------------------

async function produce(
  conn: BrokerConnection,
  partition: number,
  values: readonly string[],
): Promise<number> {
  const response = await conn.send(0, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 10_000,
    topicData: [
      {
        name: keptTopic,
        partitionData: [
          { index: partition, records: encodeRecordBatch(values.map((v) => ({ key: 'k', value: v }))) },
        ],
      },
    ],
  });
  const p = response.responses[0]!.partitionResponses[0]!;
  assert.equal(p.errorCode, ErrorCode.NONE);
  return p.baseOffset;
}

async function fetchAll(conn: BrokerConnection, partition: number): Promise<string[]> {
  const values: string[] = [];
  for (;;) {
    const response = await conn.send(
      1,
      fetchRequestOf([{ topic: keptTopic, partition, offset: values.length, partitionMaxBytes: 8 << 20 }], {
        minBytes: 0,
        maxBytes: 8 << 20,
      }),
    );
    const p = response.responses[0]!.partitions[0]!;
    assert.equal(p.errorCode, ErrorCode.NONE);
    const records = p.records === null || p.records.length === 0 ? [] : decodeRecords(p.records);
    const fresh = records.filter((r) => r.offset >= values.length);
    for (const r of fresh) values.push(r.value?.toString() ?? '');
    if (fresh.length === 0 || values.length >= p.highWatermark) return values;
  }
}

describe('protocol fuzz: a broker answers or closes on hostile frames and keeps serving', function () {
  this.timeout(120_000);
  let env: CompatCluster;
  let port: number;
  let factory: TcpConnectionFactory;
  const before_: string[][] = [];

  before(async () => {
    env = await startCompatCluster(1);
    port = Number(env.bootstrapServers[0]!.split(':')[1]);
    factory = new TcpConnectionFactory({ bootstrapServers: [...env.bootstrapServers] });
    await env.cluster.createTopic(keptTopic, { partitions: keptPartitions, replicationFactor: 1 });
    const conn = await factory.connect(factory.bootstrap()[0]!, { clientId: 'fuzz-setup' });
    try {
      for (let p = 0; p < keptPartitions; p++) {
        before_.push([]);
        for (let b = 0; b < keptBatches; b++) {
          const values = Array.from({ length: keptRecordsPerBatch }, (_, i) => `kept-${p}-${b}-${i}`);
          await produceWithRetry(conn, p, values);
          before_[p]!.push(...values);
        }
      }
    } finally {
      conn.close();
    }
  });

  after(async () => {
    await env?.stop();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log(`broker listener log:\n${env.problems().slice(-20).join('\n')}`);
    }
  });

  /** The topic's leader may need a moment after creation. */
  async function produceWithRetry(
    conn: BrokerConnection,
    partition: number,
    values: string[],
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await produce(conn, partition, values);
        return;
      } catch (err) {
        if (attempt >= 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  it('answers each fuzzed frame once with its correlation id or closes the connection, then still serves produce and fetch with the earlier records intact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzCase, { minLength: 1, maxLength: framesPerRunMax }), async (cases) => {
        await Promise.all(cases.map((c) => checkCase(port, c)));
        const conn = await factory.connect(factory.bootstrap()[0]!, { clientId: 'fuzz-check' });
        try {
          const meta = await conn.send(3, {
            topics: [{ name: keptTopic, topicId: '' }],
            allowAutoTopicCreation: false,
            includeClusterAuthorizedOperations: false,
            includeTopicAuthorizedOperations: false,
          });
          assert.equal(meta.topics[0]!.errorCode, ErrorCode.NONE, 'a fresh connection still gets Metadata');
        } finally {
          conn.close();
        }
      }),
    );

    const conn = await factory.connect(factory.bootstrap()[0]!, { clientId: 'fuzz-after' });
    try {
      for (let p = 0; p < keptPartitions; p++) {
        const stored = await fetchAll(conn, p);
        assert.deepEqual(stored.slice(0, before_[p]!.length), before_[p], `partition ${p} kept its records`);
        const offset = await produce(conn, p, [`after-${p}`]);
        const again = await fetchAll(conn, p);
        assert.equal(again[offset], `after-${p}`, `partition ${p} serves a new record`);
      }
    } finally {
      conn.close();
    }
  });
});
