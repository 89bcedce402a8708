import assert from 'node:assert/strict';
import * as net from 'node:net';
import {
  ApiKey,
  FrameDecoder,
  brokerApiVersions,
  decodeResponse,
  encodeRequest,
  type ApiVersionsResponse,
} from '../../core/protocol/index.ts';
import { KafkaServer, noResponse, type KafkaRequestHandler } from './kafka-server.ts';

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

describe('KafkaServer', () => {
  let server: KafkaServer;
  let port = 0;
  const clients: RawClient[] = [];

  beforeEach(async () => {
    server = new KafkaServer({ port: 0, handler, socketRequestMaxBytes: 1024 });
    port = await server.start();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await server.stop();
  });

  const connect = async (): Promise<RawClient> => {
    const c = await RawClient.connect(port);
    clients.push(c);
    return c;
  };

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
    assert.equal(server.stats.protocolErrors, 3);
  });
});
