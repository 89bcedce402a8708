import assert from 'node:assert/strict';
import * as net from 'node:net';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SimulatedClock } from '../../core/io/index.ts';
import {
  ApiKey,
  FrameDecoder,
  brokerApiVersions,
  decodeRequest,
  encodeResponse,
  type ApiVersionsResponse,
  type DecodedRequest,
  type FetchRequest,
  type FetchResponse,
  type FindCoordinatorResponse,
  type ProduceRequest,
  type ProduceResponse,
  type VersionFilter,
} from '../../core/protocol/index.ts';
import { fetchRequestOf, fetchResponseOf } from '../../core/protocol/test-support/fetch-messages.ts';
import { ConnectionPool, bootstrapNodeId } from '../../actors/client/index.ts';
import type { BrokerAddress } from '../../actors/client/connection.ts';
import { KafkaServer, noResponse, type KafkaRequestHandler } from '../server/kafka-server.ts';
import { parseBootstrapServers } from './bootstrap-servers.ts';
import { TcpConnection, TcpConnectionFactory, clientSoftwareName } from './tcp-connection.ts';

// ---- canned broker answers ----

type Ranges = ReadonlyMap<number, readonly [number, number]>;

function apiVersionsBody(overrides: Ranges = new Map()): ApiVersionsResponse {
  return {
    errorCode: 0,
    apiKeys: brokerApiVersions.map((a) => {
      const o = overrides.get(a.apiKey);
      return {
        apiKey: a.apiKey,
        minVersion: o?.[0] ?? a.advertisedMin,
        maxVersion: o?.[1] ?? a.advertisedMax,
      };
    }),
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
}

/** FindCoordinator answers echo the key as the host, so each pipelined request can see its own answer. */
function coordinatorFor(key: string): FindCoordinatorResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: null,
    nodeId: 7,
    host: key,
    port: 9092,
    coordinators: [],
  };
}

function produceResponse(baseOffset: number): ProduceResponse {
  return {
    responses: [
      {
        name: 't',
        partitionResponses: [
          {
            index: 0,
            errorCode: 0,
            baseOffset,
            logAppendTimeMs: -1,
            logStartOffset: 0,
            recordErrors: [],
            errorMessage: null,
            currentLeader: { leaderId: -1, leaderEpoch: -1 },
          },
        ],
      },
    ],
    throttleTimeMs: 0,
    nodeEndpoints: [],
  };
}

/** A Fetch answer carrying `records` for every partition asked for. */
function fetchResponse(
  request: FetchRequest,
  records: (fetchOffset: number) => Buffer,
): FetchResponse<Buffer> {
  return fetchResponseOf(
    request.topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partition,
        highWatermark: 1_000_000,
        records: records(p.fetchOffset),
      })),
    })),
  );
}

function fetchRequest(fetchOffset: number): FetchRequest {
  const maxBytes = 64 * 1024 * 1024;
  return fetchRequestOf([{ topic: 't', partition: 0, offset: fetchOffset, partitionMaxBytes: maxBytes }], {
    maxBytes,
  });
}

/** Bytes that differ at every position, so a shifted or stale byte shows. */
function patterned(length: number, seed: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = ((i + seed) * 2654435761) >>> 24;
  return b;
}

function produceRequest(acks: number, records: Buffer): ProduceRequest<Buffer> {
  return {
    transactionalId: null,
    acks,
    timeoutMs: 1000,
    topicData: [{ name: 't', partitionData: [{ index: 0, records }] }],
  };
}

const heartbeat = { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null };

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Records a promise's outcome without awaiting it, so a test can check it has not settled yet. */
function track<T>(promise: Promise<T>): { settled: () => boolean; result: Promise<T> } {
  let done = false;
  const result = promise.finally(() => (done = true));
  result.catch(() => {});
  return { settled: () => done, result };
}

async function rejectsWith(
  promise: Promise<unknown>,
  code: number,
  messagePart?: string,
): Promise<KafkaError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof KafkaError, `expected a KafkaError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (messagePart !== undefined) assert.ok(err.message.includes(messagePart), err.message);
    return err;
  }
  assert.fail('expected a rejection');
}

const until = async (predicate: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(predicate(), 'condition not reached');
};

// ---- a broker for the tests: a real KafkaServer with a canned handler ----

interface TestBroker {
  readonly server: KafkaServer;
  readonly port: number;
  readonly address: BrokerAddress;
  readonly requests: DecodedRequest[];
  /** Heartbeats are held until the test releases them (or the test ends). */
  readonly heldHeartbeats: Array<() => void>;
  /** Resolves when the next heartbeat reaches the handler. */
  heartbeatArrived: Promise<void>;
}

describe('TcpConnection and TcpConnectionFactory', () => {
  const servers: KafkaServer[] = [];
  const connections: TcpConnection[] = [];
  const netServers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const releases: Array<() => void> = [];

  afterEach(async () => {
    for (const c of connections.splice(0)) c.close();
    for (const release of releases.splice(0)) release();
    for (const s of sockets.splice(0)) s.destroy();
    for (const s of netServers.splice(0)) await new Promise((r) => s.close(r));
    for (const s of servers.splice(0)) await s.stop();
  });

  async function startBroker(
    options: { accept?: VersionFilter; ranges?: Ranges; onProduce?: (r: ProduceRequest) => void } = {},
  ): Promise<TestBroker> {
    const requests: DecodedRequest[] = [];
    const heldHeartbeats: Array<() => void> = [];
    let signal = deferred<void>();
    const handler: KafkaRequestHandler = async (request) => {
      requests.push(request);
      switch (request.apiKey) {
        case ApiKey.ApiVersions:
          return apiVersionsBody(options.ranges);
        case ApiKey.FindCoordinator:
          return coordinatorFor(request.body.key);
        case ApiKey.Produce:
          options.onProduce?.(request.body);
          return request.body.acks === 0 ? noResponse : produceResponse(42);
        case ApiKey.Fetch:
          // The fetch offset says how many bytes of records to answer with.
          return fetchResponse(request.body, (offset) => patterned(offset, offset));
        case ApiKey.Heartbeat: {
          const held = deferred<void>();
          heldHeartbeats.push(() => held.resolve());
          releases.push(() => held.resolve());
          signal.resolve();
          signal = deferred<void>();
          broker.heartbeatArrived = signal.promise;
          await held.promise;
          return { throttleTimeMs: 0, errorCode: 0 };
        }
        default:
          throw new Error(`unexpected api ${request.apiKey}`);
      }
    };
    const server = new KafkaServer({ host: '127.0.0.1', port: 0, handler, accept: options.accept });
    servers.push(server);
    const port = await server.start();
    const broker: TestBroker = {
      server,
      port,
      address: { nodeId: 1, host: '127.0.0.1', port },
      requests,
      heldHeartbeats,
      heartbeatArrived: signal.promise,
    };
    return broker;
  }

  async function connect(
    address: BrokerAddress,
    options: Partial<ConstructorParameters<typeof TcpConnectionFactory>[0]> = {},
  ): Promise<TcpConnection> {
    const factory = new TcpConnectionFactory({
      bootstrapServers: [`${address.host}:${address.port}`],
      ...options,
    });
    const connection = await factory.connect(address, { clientId: 'test-client' });
    connections.push(connection);
    return connection;
  }

  /** A listener on 127.0.0.1:0 whose connections go to `onSocket`. */
  async function listen(onSocket: (socket: net.Socket) => void): Promise<number> {
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
      onSocket(socket);
    });
    netServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  describe('API version negotiation', () => {
    it('sends ApiVersions v3 with the client software name and picks the highest common version per API', async () => {
      const seen: Array<[number, number]> = [];
      const broker = await startBroker({
        accept: (k, v) => {
          seen.push([k, v]);
          return true;
        },
        ranges: new Map([[ApiKey.Produce, [0, 5] as const]]),
      });
      const c = await connect(broker.address);
      assert.deepEqual(seen, [[ApiKey.ApiVersions, 3]]);
      const first = broker.requests[0]!;
      assert.equal(first.apiKey, ApiKey.ApiVersions);
      assert.equal(first.header.clientId, 'test-client');
      assert.equal(first.apiKey === ApiKey.ApiVersions && first.body.clientSoftwareName, clientSoftwareName);
      assert.equal(c.apiVersionsVersion, 3);
      assert.equal(c.versionFor(ApiKey.Produce), 5); // the broker's max, below ours
      assert.equal(c.versionFor(ApiKey.Fetch), 11); // our implemented max
      assert.equal(c.versionFor(ApiKey.OffsetFetch), 5);
      assert.deepEqual(c.brokerVersions(ApiKey.Produce), { minVersion: 0, maxVersion: 5 });
      assert.equal(c.versionFor(ApiKey.SaslHandshake), -1); // not listed by the broker
    });

    it('reports -1 and rejects with UNSUPPORTED_VERSION for an API whose ranges do not overlap', async () => {
      const broker = await startBroker({ ranges: new Map([[ApiKey.Fetch, [0, 3] as const]]) });
      const c = await connect(broker.address);
      assert.equal(c.versionFor(ApiKey.Fetch), -1); // we need Fetch v4 (magic 2)
      await rejectsWith(
        c.send(ApiKey.Fetch, fetchRequestOf([], { maxBytes: 1024 })),
        ErrorCode.UNSUPPORTED_VERSION,
        'Fetch',
      );
      assert.equal(c.closed, false);
    });

    it('falls back to the highest version the broker lists when it refuses ApiVersions v3', async () => {
      const seen: number[] = [];
      const broker = await startBroker({
        accept: (k, v) => {
          if (k !== ApiKey.ApiVersions) return true;
          seen.push(v);
          return v <= 2;
        },
      });
      const c = await connect(broker.address);
      assert.deepEqual(seen, [3, 2]);
      assert.equal(c.apiVersionsVersion, 2);
      assert.equal(c.versionFor(ApiKey.Produce), 8);
      const answer = await c.send(ApiKey.FindCoordinator, { key: 'g1', keyType: 0, coordinatorKeys: [] });
      assert.equal(answer.host, 'g1');
    });

    it('steps down to ApiVersions v0 for a broker that serves only v0', async () => {
      const seen: number[] = [];
      const broker = await startBroker({
        accept: (k, v) => {
          if (k !== ApiKey.ApiVersions) return true;
          seen.push(v);
          return v === 0;
        },
      });
      const c = await connect(broker.address);
      assert.deepEqual(seen, [3, 2, 1, 0]);
      assert.equal(c.apiVersionsVersion, 0);
      assert.equal(c.versionFor(ApiKey.Metadata), 8);
    });

    it('fails the connect with UNSUPPORTED_VERSION when even ApiVersions v0 is refused', async () => {
      const broker = await startBroker({ accept: (k) => k !== ApiKey.ApiVersions });
      const factory = new TcpConnectionFactory({ bootstrapServers: [`127.0.0.1:${broker.port}`] });
      await rejectsWith(factory.connect(broker.address, { clientId: 'x' }), ErrorCode.UNSUPPORTED_VERSION);
    });
  });

  describe('requests and responses', () => {
    it('pipelines requests and resolves each with its own response', async () => {
      const broker = await startBroker();
      const c = await connect(broker.address);
      const keys = Array.from({ length: 50 }, (_, i) => `group-${i}`);
      const answers = keys.map((key) =>
        c.send(ApiKey.FindCoordinator, { key, keyType: 0, coordinatorKeys: [] }),
      );
      assert.equal(c.inFlightCount, 50); // all written before any answer came back
      const hosts = (await Promise.all(answers)).map((a) => a.host);
      assert.deepEqual(hosts, keys);
      assert.equal(c.inFlightCount, 0);
    });

    it('decodes responses that arrive one byte per TCP chunk', async () => {
      const broker = await startBroker();
      let singleByteWrites = 0;
      // A proxy that forwards requests as they come and answers one byte per write, each after the last flushed.
      const port = await listen((client) => {
        const upstream = net.connect(broker.port, '127.0.0.1');
        sockets.push(upstream);
        upstream.on('error', () => {});
        client.on('data', (chunk) => upstream.write(chunk));
        client.on('close', () => upstream.destroy());
        const pending: number[] = [];
        let writing = false;
        const pump = (): void => {
          const byte = pending.shift();
          if (byte === undefined || client.destroyed) {
            writing = false;
            return;
          }
          singleByteWrites++;
          client.write(Buffer.of(byte), () => setImmediate(pump));
        };
        upstream.on('data', (chunk: Buffer) => {
          for (const b of chunk) pending.push(b);
          if (!writing) {
            writing = true;
            pump();
          }
        });
      });
      const c = await connect({ nodeId: 1, host: '127.0.0.1', port });
      const [a, b] = await Promise.all([
        c.send(ApiKey.FindCoordinator, { key: 'split-a', keyType: 0, coordinatorKeys: [] }),
        c.send(ApiKey.FindCoordinator, { key: 'split-b', keyType: 0, coordinatorKeys: [] }),
      ]);
      assert.equal(a.host, 'split-a');
      assert.equal(b.host, 'split-b');
      assert.ok(singleByteWrites > 100, `only ${singleByteWrites} single-byte writes`);
    });

    it('rejects a request with REQUEST_TIMED_OUT after its timeout and the rest with NETWORK_EXCEPTION', async () => {
      const broker = await startBroker();
      const clock = new SimulatedClock();
      const c = await connect(broker.address, { clock, requestTimeoutMs: 5000 });
      const slow = track(c.send(ApiKey.Heartbeat, heartbeat, { timeoutMs: 1000 }));
      const behind = track(c.send(ApiKey.FindCoordinator, { key: 'g', keyType: 0, coordinatorKeys: [] }));
      await broker.heartbeatArrived;
      clock.advance(999);
      await new Promise((r) => setImmediate(r));
      assert.equal(slow.settled(), false);
      clock.advance(1);
      await rejectsWith(slow.result, ErrorCode.REQUEST_TIMED_OUT, 'Heartbeat');
      await rejectsWith(behind.result, ErrorCode.NETWORK_EXCEPTION);
      assert.equal(c.closed, true);
      assert.equal(c.inFlightCount, 0);
      await rejectsWith(c.send(ApiKey.FindCoordinator, { key: 'g', keyType: 0, coordinatorKeys: [] }), 13);
    });

    it('times out a request sent after others at its own, earlier deadline', async () => {
      const broker = await startBroker();
      const clock = new SimulatedClock();
      const c = await connect(broker.address, { clock, requestTimeoutMs: 5000 });
      const slow = track(c.send(ApiKey.Heartbeat, heartbeat, { timeoutMs: 3000 }));
      await broker.heartbeatArrived;
      clock.advance(100);
      // Queued behind the held heartbeat at the broker, with the shortest timeout of all.
      const hurried = track(
        c.send(ApiKey.FindCoordinator, { key: 'g', keyType: 0, coordinatorKeys: [] }, { timeoutMs: 500 }),
      );
      clock.advance(499);
      await new Promise((r) => setImmediate(r));
      assert.equal(hurried.settled(), false);
      assert.equal(slow.settled(), false);
      clock.advance(1);
      await rejectsWith(hurried.result, ErrorCode.REQUEST_TIMED_OUT, 'FindCoordinator');
      await rejectsWith(slow.result, ErrorCode.NETWORK_EXCEPTION);
      assert.equal(c.closed, true);
    });

    it('does not time out requests that were answered, however long the connection then stays idle', async () => {
      const broker = await startBroker();
      const clock = new SimulatedClock();
      const c = await connect(broker.address, { clock, requestTimeoutMs: 1000 });
      const first = await c.send(ApiKey.FindCoordinator, { key: 'a', keyType: 0, coordinatorKeys: [] });
      assert.equal(first.host, 'a');
      clock.advance(10_000);
      await new Promise((r) => setImmediate(r));
      assert.equal(c.closed, false);
      // A later request gets its own full timeout, counted from when it is sent.
      const later = track(c.send(ApiKey.Heartbeat, heartbeat));
      await broker.heartbeatArrived;
      clock.advance(999);
      await new Promise((r) => setImmediate(r));
      assert.equal(later.settled(), false);
      clock.advance(1);
      await rejectsWith(later.result, ErrorCode.REQUEST_TIMED_OUT, 'Heartbeat');
    });

    it('rejects outstanding requests with NETWORK_EXCEPTION when the broker closes the connection', async () => {
      const broker = await startBroker();
      const c = await connect(broker.address);
      const outstanding = track(c.send(ApiKey.Heartbeat, heartbeat));
      await broker.heartbeatArrived;
      await broker.server.stop();
      await rejectsWith(outstanding.result, ErrorCode.NETWORK_EXCEPTION, `127.0.0.1:${broker.port}`);
      assert.equal(c.closed, true);
      await rejectsWith(c.sendNoResponse(produceRequest(0, Buffer.alloc(10))), ErrorCode.NETWORK_EXCEPTION);
    });

    it('rejects outstanding requests with NETWORK_EXCEPTION on close()', async () => {
      const broker = await startBroker();
      const c = await connect(broker.address);
      const outstanding = track(c.send(ApiKey.Heartbeat, heartbeat));
      await broker.heartbeatArrived;
      c.close();
      assert.equal(c.closed, true);
      await rejectsWith(outstanding.result, ErrorCode.NETWORK_EXCEPTION, 'closed');
    });

    it('closes the connection on a response whose correlation id does not match', async () => {
      // A hand-written broker: answers ApiVersions properly, then everything else with a wrong correlation id.
      const port = await listen((socket) => {
        const decoder = new FrameDecoder();
        socket.on('data', (chunk: Buffer) => {
          for (const frame of decoder.push(chunk)) {
            const req = decodeRequest(frame);
            if (req.apiKey === ApiKey.ApiVersions) {
              for (const b of encodeResponse(
                ApiKey.ApiVersions,
                req.apiVersion,
                req.header.correlationId,
                apiVersionsBody(),
              ))
                socket.write(b);
            } else if (req.apiKey === ApiKey.FindCoordinator) {
              const wrong = req.header.correlationId + 1000;
              for (const b of encodeResponse(
                ApiKey.FindCoordinator,
                req.apiVersion,
                wrong,
                coordinatorFor('x'),
              ))
                socket.write(b);
            }
          }
        });
      });
      const c = await connect({ nodeId: 3, host: '127.0.0.1', port });
      await rejectsWith(
        c.send(ApiKey.FindCoordinator, { key: 'g', keyType: 0, coordinatorKeys: [] }),
        ErrorCode.NETWORK_EXCEPTION,
        'correlation id',
      );
      assert.equal(c.closed, true);
    });

    it('fails the connect with NETWORK_EXCEPTION when a response frame exceeds socketRequestMaxBytes', async () => {
      const broker = await startBroker();
      const factory = new TcpConnectionFactory({
        bootstrapServers: [`127.0.0.1:${broker.port}`],
        socketRequestMaxBytes: 64, // the ApiVersions answer alone is larger
      });
      await rejectsWith(
        factory.connect(broker.address, { clientId: 'x' }),
        ErrorCode.NETWORK_EXCEPTION,
        'frame',
      );
    });
  });

  describe('connecting', () => {
    it('fails with NETWORK_EXCEPTION naming the address when the connection is refused', async () => {
      const probe = net.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as net.AddressInfo).port;
      await new Promise((r) => probe.close(r));
      const factory = new TcpConnectionFactory({ bootstrapServers: [`127.0.0.1:${port}`] });
      const [address] = factory.bootstrap();
      const err = await rejectsWith(
        factory.connect(address!, { clientId: 'x' }),
        ErrorCode.NETWORK_EXCEPTION,
        `127.0.0.1:${port}`,
      );
      assert.ok(err.message.includes('ECONNREFUSED'), err.message);
      assert.equal(err.retriable, true);
    });

    it('fails with NETWORK_EXCEPTION when the connection setup times out', async () => {
      const clock = new SimulatedClock();
      // The timer is armed synchronously by connect(); advancing the simulated clock at once fires it
      // before the event loop can deliver the real connect event.
      const broker = await startBroker();
      const factory = new TcpConnectionFactory({
        bootstrapServers: [`127.0.0.1:${broker.port}`],
        connectionTimeoutMs: 50,
        clock,
      });
      const pending = factory.connect(broker.address, { clientId: 'x' });
      clock.advance(50);
      await rejectsWith(pending, ErrorCode.NETWORK_EXCEPTION, 'timed out');
    });

    it('lets a ConnectionPool reach the bootstrap server and then brokers by node id', async () => {
      const broker = await startBroker();
      const factory = new TcpConnectionFactory({ bootstrapServers: [`127.0.0.1:${broker.port}`] });
      const pool = new ConnectionPool(factory, { clientId: 'pooled' });
      try {
        const bootstrap = await pool.get(bootstrapNodeId);
        assert.equal(bootstrap.nodeId, -1);
        pool.updateBrokers([{ nodeId: 5, host: '127.0.0.1', port: broker.port }]);
        const node = await pool.get(5);
        assert.equal(node.nodeId, 5);
        const answer = await node.send(ApiKey.FindCoordinator, {
          key: 'via-pool',
          keyType: 0,
          coordinatorKeys: [],
        });
        assert.equal(answer.host, 'via-pool');
        assert.equal(broker.requests.at(-1)!.header.clientId, 'pooled');
        assert.equal(broker.server.stats.connections, 2);
      } finally {
        pool.close();
      }
    });

    it('parses bootstrap servers and rejects malformed entries with INVALID_CONFIG', () => {
      const factory = new TcpConnectionFactory({
        bootstrapServers: ['127.0.0.1:9092', ' [::1]:9093 ', 'kafka-1:19092'],
      });
      assert.deepEqual(factory.bootstrap(), [
        { nodeId: -1, host: '127.0.0.1', port: 9092 },
        { nodeId: -1, host: '::1', port: 9093 },
        { nodeId: -1, host: 'kafka-1', port: 19092 },
      ]);
      for (const bad of [['kafka-1'], ['kafka-1:0'], ['kafka-1:70000'], ['::1:9092'], []]) {
        assert.throws(
          () => parseBootstrapServers(bad),
          (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && e.message.includes('bootstrap.servers'),
        );
      }
      assert.throws(
        () => new TcpConnectionFactory({ bootstrapServers: ['h:1'], requestTimeoutMs: 0 }),
        (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && e.message.includes('request.timeout.ms'),
      );
    });
  });

  describe('produce', () => {
    it('sends an acks=0 produce without expecting a response, and the next request still gets its own answer', async () => {
      const produced: ProduceRequest[] = [];
      const broker = await startBroker({ onProduce: (r) => produced.push(r) });
      const c = await connect(broker.address);
      const records = Buffer.from('fire and forget');
      await c.sendNoResponse(produceRequest(0, records));
      assert.equal(c.inFlightCount, 0);
      const answer = await c.send(ApiKey.FindCoordinator, { key: 'after', keyType: 0, coordinatorKeys: [] });
      assert.equal(answer.host, 'after');
      assert.equal(produced.length, 1);
      assert.deepEqual(produced[0]!.topicData[0]!.partitionData[0]!.records, records);
      await rejectsWith(c.sendNoResponse(produceRequest(1, records)), ErrorCode.INVALID_REQUEST, 'acks=0');
      await rejectsWith(c.send(ApiKey.Produce, produceRequest(0, records)), ErrorCode.INVALID_REQUEST);
      assert.equal(c.closed, false);
    });

    it('delivers a produce request with a 5 MB record buffer intact', async () => {
      const produced: ProduceRequest[] = [];
      const broker = await startBroker({ onProduce: (r) => produced.push(r) });
      const c = await connect(broker.address);
      const records = Buffer.alloc(5 * 1024 * 1024);
      for (let i = 0; i < records.length; i++) records[i] = (i * 2654435761) >>> 24;
      const response = await c.send(ApiKey.Produce, produceRequest(-1, records));
      assert.equal(response.responses[0]!.partitionResponses[0]!.baseOffset, 42);
      const received = produced[0]!.topicData[0]!.partitionData[0]!.records;
      assert.ok(received !== null && received.equals(records), 'record buffer differs');
    });

    it('reads pipelined responses larger than its read slab intact, between small ones, each a buffer of its own', async () => {
      const broker = await startBroker();
      const c = await connect(broker.address);
      const sizes = [3 * 1024 * 1024 + 7, 10, 200 * 1024, 64 * 1024 - 30, 1];
      const answers = await Promise.all(
        sizes.flatMap((size) => [
          c.send(ApiKey.Fetch, fetchRequest(size)),
          c.send(ApiKey.FindCoordinator, { key: `after-${size}`, keyType: 0, coordinatorKeys: [] }),
        ]),
      );
      const views: Buffer[] = [];
      sizes.forEach((size, i) => {
        const fetched = answers[2 * i] as FetchResponse;
        const records = fetched.responses[0]!.partitions[0]!.records;
        assert.ok(
          records !== null && records.equals(patterned(size, size)),
          `records of ${size} bytes differ`,
        );
        views.push(records);
        assert.equal((answers[2 * i + 1] as FindCoordinatorResponse).host, `after-${size}`);
      });
      // Read in place: the multi-megabyte response is the only occupant of its buffer.
      assert.ok(
        views[0]!.buffer.byteLength < 3 * 1024 * 1024 + 1024,
        'the big response shares a larger buffer',
      );
      // Later reads never overwrote what earlier responses handed out.
      sizes.forEach((size, i) => assert.ok(views[i]!.equals(patterned(size, size)), `${size} overwritten`));
    });

    it('resolves sendNoResponse only once the socket has taken the bytes', async () => {
      // A hand-written broker that answers ApiVersions, then stops reading until told to go on.
      let reading: net.Socket | undefined;
      const port = await listen((socket) => {
        const decoder = new FrameDecoder(1 << 30);
        socket.on('data', (chunk: Buffer) => {
          for (const frame of decoder.push(chunk)) {
            const req = decodeRequest(frame);
            if (req.apiKey !== ApiKey.ApiVersions) continue;
            for (const b of encodeResponse(
              ApiKey.ApiVersions,
              req.apiVersion,
              req.header.correlationId,
              apiVersionsBody(),
            ))
              socket.write(b);
            socket.pause();
            reading = socket;
          }
        });
      });
      const c = await connect({ nodeId: 2, host: '127.0.0.1', port });
      await until(() => reading !== undefined);
      // Far more than loopback socket buffers hold, so the write cannot complete while the peer is paused.
      const big = track(c.sendNoResponse(produceRequest(0, Buffer.alloc(64 * 1024 * 1024))));
      await until(() => c.bufferedBytes > 0);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(big.settled(), false);
      assert.ok(c.bufferedBytes > 0);
      reading!.resume();
      await big.result;
      assert.equal(c.closed, false);
    });
  });
});
