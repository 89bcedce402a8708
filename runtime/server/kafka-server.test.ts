import assert from 'node:assert/strict';
import * as net from 'node:net';
import {
  ApiKey,
  FrameDecoder,
  brokerAdvertises,
  brokerApiVersions,
  brokerImplements,
  decodeResponse,
  encodeRequest,
  type ApiVersionsResponse,
} from '../../core/protocol/index.ts';
import {
  KafkaServer,
  noResponse,
  type KafkaRequestHandler,
  type KafkaServerOptions,
} from './kafka-server.ts';

/** A bare TCP client that writes raw bytes and collects response frames. */
class RawClient {
  readonly socket: net.Socket;
  readonly frames: Buffer[] = [];
  closed = false;
  private readonly decoder = new FrameDecoder();
  private waiters: Array<() => void> = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.frames.push(...this.decoder.push(chunk));
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  write(chunks: Buffer[]): void {
    for (const c of chunks) this.socket.write(c);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}

const apiVersionsBody = (): ApiVersionsResponse => ({
  errorCode: 0,
  apiKeys: brokerApiVersions.map((a) => ({
    apiKey: a.apiKey,
    minVersion: a.advertisedMin,
    maxVersion: a.advertisedMax,
  })),
  throttleTimeMs: 0,
  supportedFeatures: [],
  finalizedFeaturesEpoch: -1,
  finalizedFeatures: [],
  zkMigrationReady: false,
});

const handler: KafkaRequestHandler = async (request) => {
  switch (request.apiKey) {
    case ApiKey.ApiVersions:
      return apiVersionsBody();
    case ApiKey.Produce:
      if (request.body.acks === 0) return noResponse;
      return { responses: [], throttleTimeMs: 0 } as never;
    default:
      throw new Error(`unexpected api ${request.apiKey}`);
  }
};

function apiVersionsRequest(version: number, correlationId: number): Buffer[] {
  return encodeRequest(
    { apiKey: ApiKey.ApiVersions, apiVersion: version, correlationId, clientId: 'test' },
    { clientSoftwareName: 'tributary-test', clientSoftwareVersion: '1' },
  );
}

/**
 * A KafkaServer on 127.0.0.1, port 0, started from `options()` before each test of the enclosing describe
 * and stopped after it, with the raw clients the test connected.
 */
function serverPerTest(options: () => KafkaServerOptions): {
  readonly server: KafkaServer;
  connect(): Promise<RawClient>;
} {
  let server: KafkaServer | undefined;
  let port = 0;
  const clients: RawClient[] = [];
  beforeEach(async () => {
    server = new KafkaServer(options());
    port = await server.start();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await server?.stop();
  });
  return {
    get server(): KafkaServer {
      assert.ok(server !== undefined, 'the server starts in beforeEach');
      return server;
    },
    async connect(): Promise<RawClient> {
      const c = await RawClient.connect(port);
      clients.push(c);
      return c;
    },
  };
}

describe('KafkaServer', () => {
  const env = serverPerTest(() => ({ port: 0, handler, socketRequestMaxBytes: 1024 }));
  const { connect } = env;

  it('answers pipelined ApiVersions requests v0..v3 in request order with matching correlation ids', async () => {
    const c = await connect();
    for (let v = 0; v <= 3; v++) c.write(apiVersionsRequest(v, 100 + v));
    await c.waitFor(() => c.frames.length === 4);
    c.frames.forEach((frame, v) => {
      const { correlationId, body } = decodeResponse(ApiKey.ApiVersions, v, frame);
      assert.equal(correlationId, 100 + v);
      assert.equal(body.errorCode, 0);
      assert.ok(body.apiKeys.some((k) => k.apiKey === ApiKey.Produce && k.minVersion === 0));
    });
  });

  it('answers an ApiVersions version it does not know with UNSUPPORTED_VERSION in a v0 body', async () => {
    const c = await connect();
    // Header by hand: api key 18, version 9, correlation id 7, client id "x"; no body.
    const frame = Buffer.from([0, 0, 0, 11, 0, 18, 0, 9, 0, 0, 0, 7, 0, 1, 0x78]);
    c.write([frame]);
    await c.waitFor(() => c.frames.length === 1);
    const { correlationId, body } = decodeResponse(ApiKey.ApiVersions, 0, c.frames[0]!);
    assert.equal(correlationId, 7);
    assert.equal(body.errorCode, 35);
    assert.deepEqual(
      body.apiKeys.map((k) => k.apiKey),
      [ApiKey.ApiVersions],
    );
  });

  it('sends nothing back for an acks=0 produce but answers the next request', async () => {
    const c = await connect();
    c.write(
      encodeRequest(
        { apiKey: ApiKey.Produce, apiVersion: 7, correlationId: 1, clientId: 'p' },
        { transactionalId: null, acks: 0, timeoutMs: 1000, topicData: [] },
      ),
    );
    c.write(apiVersionsRequest(2, 2));
    await c.waitFor(() => c.frames.length === 1);
    assert.equal(decodeResponse(ApiKey.ApiVersions, 2, c.frames[0]!).correlationId, 2);
  });

  it('closes only the offending connection on an oversized frame, an unknown api key or garbage', async () => {
    const healthy = await connect();
    const oversized = await connect();
    oversized.write([Buffer.from([0, 0, 0x10, 0])]); // announces 4096 bytes > 1024 limit
    const unknownApi = await connect();
    unknownApi.write([Buffer.from([0, 0, 0, 10, 0x7f, 0x00, 0, 0, 0, 0, 0, 1, 0, 0])]);
    const garbage = await connect();
    garbage.write([Buffer.from([0, 0, 0, 3, 0, 1, 2])]);
    await oversized.waitFor(() => oversized.closed);
    await unknownApi.waitFor(() => unknownApi.closed);
    await garbage.waitFor(() => garbage.closed);
    healthy.write(apiVersionsRequest(1, 9));
    await healthy.waitFor(() => healthy.frames.length === 1);
    assert.equal(healthy.closed, false);
    assert.equal(env.server.stats.protocolErrors, 3);
  });
});

for (const readInPlace of [true, false]) {
  describe(`KafkaServer reading requests ${readInPlace ? 'in place' : "from 'data' chunks (readInPlace: false)"}`, () => {
    /** The records of every partition of every produce request, in arrival order. */
    const received: Buffer[] = [];
    beforeEach(() => {
      received.length = 0;
    });
    const env = serverPerTest(() => ({
      port: 0,
      readInPlace,
      handler: async (request) => {
        if (request.apiKey !== ApiKey.Produce) return handler(request, undefined as never);
        const responses = request.body.topicData.map((t) => ({
          name: t.name,
          partitionResponses: t.partitionData.map((p) => {
            // A copy: the test checks the bytes as they were when the handler ran.
            received.push(Buffer.from(p.records ?? Buffer.alloc(0)));
            return {
              index: p.index,
              errorCode: 0,
              baseOffset: p.records?.length ?? -1,
              logAppendTimeMs: -1,
              logStartOffset: 0,
              recordErrors: [],
              errorMessage: null,
              currentLeader: { leaderId: -1, leaderEpoch: -1 },
            };
          }),
        }));
        return { responses, throttleTimeMs: 0, nodeEndpoints: [] };
      },
    }));
    const { connect } = env;

    /** `size` bytes of a pattern that differs per request, so a misplaced byte shows. */
    const pattern = (size: number, seed: number): Buffer => {
      const b = Buffer.allocUnsafe(size);
      for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 7) & 0xff;
      return b;
    };

    const produce = (correlationId: number, records: Buffer[]): Buffer =>
      Buffer.concat(
        encodeRequest(
          { apiKey: ApiKey.Produce, apiVersion: 8, correlationId, clientId: 'big' },
          {
            transactionalId: null,
            acks: 1,
            timeoutMs: 1000,
            topicData: [{ name: 't', partitionData: records.map((r, index) => ({ index, records: r })) }],
          },
        ),
      );

    it('hands the handler pipelined requests smaller and larger than the read slab byte for byte, split anywhere', async () => {
      const c = await connect();
      const sizes = [[10], [300_000, 5], [64 * 1024], [3], [70_000, 70_000, 1], [64 * 1024 - 60], [1]];
      const sent = sizes.map((s, i) => s.map((size, j) => pattern(size, i * 10 + j)));
      const wire = Buffer.concat(sent.map((records, i) => produce(i, records)));
      // Pieces of odd sizes, some splitting a size prefix, each written after the last was read.
      let at = 0;
      for (const piece of [2, 1, 50_000, 3, 7, 200_001, 65_536, 99_999]) {
        c.socket.write(wire.subarray(at, Math.min(wire.length, at + piece)));
        at += piece;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      c.socket.write(wire.subarray(Math.min(at, wire.length)));
      await c.waitFor(() => c.frames.length === sizes.length);
      assert.deepEqual(
        received.map((r) => r.length),
        sizes.flat(),
      );
      sent.flat().forEach((records, i) => assert.ok(received[i]!.equals(records), `records ${i}`));
      c.frames.forEach((frame, i) => {
        const { correlationId, body } = decodeResponse(ApiKey.Produce, 8, frame);
        assert.equal(correlationId, i);
        assert.deepEqual(
          body.responses[0]!.partitionResponses.map((p) => p.baseOffset),
          sizes[i],
        );
      });
    });

    it('stops while a connection is open: the client sees it closed', async () => {
      const c = await connect();
      c.write(apiVersionsRequest(3, 1));
      await c.waitFor(() => c.frames.length === 1);
      await env.server.stop();
      await c.waitFor(() => c.closed);
      assert.equal(c.closed, true);
    });
  });
}

describe("KafkaServer with the broker's version profile (accept: brokerImplements)", () => {
  const logged: string[] = [];
  let handled = 0;
  const countingHandler: KafkaRequestHandler = async (request, context) => {
    handled++;
    return handler(request, context);
  };
  beforeEach(() => {
    handled = 0;
    logged.length = 0;
  });
  const record = (obj: object, msg?: string): void => void logged.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  const { connect } = serverPerTest(() => ({
    port: 0,
    handler: countingHandler,
    accept: brokerImplements,
    logger: { info: () => {}, warn: record, error: record },
  }));

  const produceRequest = (apiVersion: number, correlationId: number, acks: number): Buffer[] =>
    encodeRequest(
      { apiKey: ApiKey.Produce, apiVersion, correlationId, clientId: 'old' },
      {
        transactionalId: null,
        acks,
        timeoutMs: 1000,
        topicData: [
          {
            name: 't',
            partitionData: [
              { index: 0, records: Buffer.from([1, 2, 3]) },
              { index: 1, records: null },
            ],
          },
        ],
      },
    );

  const fetchRequest = (apiVersion: number, correlationId: number): Buffer[] =>
    encodeRequest(
      { apiKey: ApiKey.Fetch, apiVersion, correlationId, clientId: 'old' },
      {
        clusterId: null,
        replicaId: -1,
        replicaState: { replicaId: -1, replicaEpoch: -1 },
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1024,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [
          {
            topic: 't',
            topicId: '',
            partitions: [
              {
                partition: 2,
                currentLeaderEpoch: -1,
                fetchOffset: 0,
                lastFetchedEpoch: -1,
                logStartOffset: -1,
                partitionMaxBytes: 1024,
              },
            ],
          },
        ],
        forgottenTopicsData: [],
        rackId: '',
      },
    );

  it('answers Produce v2 and Fetch v3 (advertised, not implemented) with UNSUPPORTED_VERSION per partition and keeps the connection usable', async () => {
    assert.ok(brokerAdvertises(ApiKey.Produce, 2) && !brokerImplements(ApiKey.Produce, 2));
    assert.ok(brokerAdvertises(ApiKey.Fetch, 3) && !brokerImplements(ApiKey.Fetch, 3));
    const c = await connect();
    c.write(produceRequest(2, 41, 1));
    c.write(fetchRequest(3, 42));
    c.write(apiVersionsRequest(3, 43));
    await c.waitFor(() => c.frames.length === 3);
    assert.equal(c.closed, false);

    const produced = decodeResponse(ApiKey.Produce, 2, c.frames[0]!);
    assert.equal(produced.correlationId, 41);
    assert.deepEqual(
      produced.body.responses.map((t) => [t.name, t.partitionResponses.map((p) => [p.index, p.errorCode])]),
      [
        [
          't',
          [
            [0, 35],
            [1, 35],
          ],
        ],
      ],
    );
    const fetched = decodeResponse(ApiKey.Fetch, 3, c.frames[1]!);
    assert.equal(fetched.correlationId, 42);
    assert.deepEqual(
      fetched.body.responses.map((t) => [t.topic, t.partitions.map((p) => [p.partitionIndex, p.errorCode])]),
      [['t', [[2, 35]]]],
    );
    const versions = decodeResponse(ApiKey.ApiVersions, 3, c.frames[2]!);
    assert.equal(versions.correlationId, 43);
    assert.equal(versions.body.errorCode, 0);
    assert.equal(handled, 1, 'only the ApiVersions request reaches the handler');
    assert.equal(logged.filter((l) => l.startsWith('unsupported api version, answered')).length, 2);
    assert.ok(!logged.some((l) => l.startsWith('undecodable request')));
  });

  it('answers every advertised but unimplemented version of every API with UNSUPPORTED_VERSION for the request partition', async () => {
    /** One request naming topic "t" partition 0, per API with such versions; a new gap fails here. */
    const requestFor = (apiKey: number, v: number): Buffer[] => {
      const header = { apiVersion: v, correlationId: 1000 + v, clientId: 'old' };
      switch (apiKey) {
        case ApiKey.Produce:
          return produceRequest(v, 1000 + v, 1);
        case ApiKey.Fetch:
          return fetchRequest(v, 1000 + v);
        case ApiKey.ListOffsets:
          return encodeRequest(
            { apiKey: ApiKey.ListOffsets, ...header },
            {
              replicaId: -1,
              isolationLevel: 0,
              topics: [
                {
                  name: 't',
                  partitions: [
                    { partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 },
                  ],
                },
              ],
            },
          );
        case ApiKey.OffsetCommit:
          return encodeRequest(
            { apiKey: ApiKey.OffsetCommit, ...header },
            {
              groupId: 'g',
              generationIdOrMemberEpoch: -1,
              memberId: '',
              groupInstanceId: null,
              retentionTimeMs: -1,
              topics: [
                {
                  name: 't',
                  partitions: [
                    {
                      partitionIndex: 0,
                      committedOffset: 1,
                      committedLeaderEpoch: -1,
                      commitTimestamp: -1,
                      committedMetadata: '',
                    },
                  ],
                },
              ],
            },
          );
        case ApiKey.OffsetFetch:
          return encodeRequest(
            { apiKey: ApiKey.OffsetFetch, ...header },
            {
              groupId: 'g',
              topics: [{ name: 't', partitionIndexes: [0] }],
              groups: [],
              requireStable: false,
            },
          );
        default:
          throw new Error(`no test request for api ${apiKey} v${v}: add one and an error layout`);
      }
    };
    /** [partition, errorCode] pairs of the response's topic "t". */
    const partitionErrors = (apiKey: number, v: number, frame: Buffer): unknown => {
      switch (apiKey) {
        case ApiKey.Produce:
          return decodeResponse(ApiKey.Produce, v, frame).body.responses.map((t) =>
            t.partitionResponses.map((p) => [p.index, p.errorCode]),
          );
        case ApiKey.Fetch:
          return decodeResponse(ApiKey.Fetch, v, frame).body.responses.map((t) =>
            t.partitions.map((p) => [p.partitionIndex, p.errorCode]),
          );
        case ApiKey.ListOffsets:
          return decodeResponse(ApiKey.ListOffsets, v, frame).body.topics.map((t) =>
            t.partitions.map((p) => [p.partitionIndex, p.errorCode]),
          );
        case ApiKey.OffsetCommit:
          return decodeResponse(ApiKey.OffsetCommit, v, frame).body.topics.map((t) =>
            t.partitions.map((p) => [p.partitionIndex, p.errorCode]),
          );
        default:
          return decodeResponse(ApiKey.OffsetFetch, v, frame).body.topics.map((t) =>
            t.partitions.map((p) => [p.partitionIndex, p.errorCode]),
          );
      }
    };
    const gaps = brokerApiVersions.flatMap((api) =>
      Array.from({ length: api.advertisedMax - api.advertisedMin + 1 }, (_, i) => api.advertisedMin + i)
        .filter((v) => !brokerImplements(api.apiKey, v))
        .map((v) => [api.apiKey, v] as const),
    );
    assert.ok(gaps.length > 0);
    const c = await connect();
    for (const [apiKey, v] of gaps) c.write(requestFor(apiKey, v));
    await c.waitFor(() => c.frames.length === gaps.length || c.closed);
    assert.equal(c.closed, false);
    gaps.forEach(([apiKey, v], i) => {
      const frame = c.frames[i]!;
      assert.equal(frame.readInt32BE(0), 1000 + v, `api ${apiKey} v${v} correlation id`);
      // produceRequest names partitions 0 and 1, fetchRequest partition 2, the others partition 0.
      const expected =
        apiKey === ApiKey.Produce
          ? [
              [
                [0, 35],
                [1, 35],
              ],
            ]
          : apiKey === ApiKey.Fetch
            ? [[[2, 35]]]
            : [[[0, 35]]];
      assert.deepEqual(partitionErrors(apiKey, v, frame), expected, `api ${apiKey} v${v}`);
    });
    assert.equal(handled, 0);
  });

  it('closes the connection for an unsupported version it has no error layout for, one past every codec, and an acks=0 Produce v2', async () => {
    const metadataV9 = await connect(); // beyond the advertised Metadata range, codec exists, no error layout
    metadataV9.write(
      encodeRequest(
        { apiKey: ApiKey.Metadata, apiVersion: 9, correlationId: 1, clientId: 'x' },
        {
          topics: [],
          allowAutoTopicCreation: false,
          includeClusterAuthorizedOperations: false,
          includeTopicAuthorizedOperations: false,
        },
      ),
    );
    const produceV99 = await connect(); // header only: Produce v99 has no codec
    produceV99.write([Buffer.from([0, 0, 0, 11, 0, 0, 0, 99, 0, 0, 0, 7, 0, 1, 0x78])]);
    const silentProduce = await connect();
    silentProduce.write(produceRequest(2, 5, 0));
    for (const c of [metadataV9, produceV99, silentProduce]) await c.waitFor(() => c.closed);
    for (const c of [metadataV9, produceV99, silentProduce]) assert.equal(c.frames.length, 0);
    assert.equal(handled, 0);
    const healthy = await connect();
    healthy.write(produceRequest(1, 6, -1));
    await healthy.waitFor(() => healthy.frames.length === 1);
    assert.equal(
      decodeResponse(ApiKey.Produce, 1, healthy.frames[0]!).body.responses[0]!.partitionResponses[0]!
        .errorCode,
      35,
    );
  });
});
