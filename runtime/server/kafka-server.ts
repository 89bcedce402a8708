import * as net from 'node:net';
import { KafkaError } from '../../core/errors/index.ts';
import {
  FrameDecoder,
  FrameReader,
  UnsupportedRequestError,
  brokerApiSupport,
  decodeRequest,
  encodeResponse,
  socketRequestMaxBytesDefault,
  unsupportedApiVersionsResponse,
  type DecodedRequest,
  type ResponseInputByKey,
  type VersionFilter,
} from '../../core/protocol/index.ts';
import { unsupportedVersionResponse } from './unsupported-version.ts';

const apiVersionsKey = 18;

/** Who sent a request: enough for logging, quotas and client-id based decisions. */
export interface RequestContext {
  readonly connectionId: number;
  readonly remoteAddress: string;
  readonly clientId: string | null;
  readonly correlationId: number;
}

/** The body of a response for any API; the handler must return the one for the request's api key. */
export type AnyResponseBody = ResponseInputByKey[keyof ResponseInputByKey];

/**
 * Handles one decoded request. Resolves with the response body for the request's api key, or with
 * `noResponse` when the protocol says nothing is sent back (Produce with acks=0). Rejecting with a
 * KafkaError makes the server close the connection, as Kafka does when it cannot answer.
 */
export type KafkaRequestHandler = (
  request: DecodedRequest,
  context: RequestContext,
) => Promise<AnyResponseBody | typeof noResponse>;

/** The handler's way to say "send nothing back" (acks=0). */
export const noResponse: unique symbol = Symbol('noResponse');

/** Minimal logger shape (pino-compatible). */
export interface ServerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface KafkaServerOptions {
  host?: string;
  port?: number;
  handler: KafkaRequestHandler;
  /** `socket.request.max.bytes`: larger frames close the connection without being buffered. */
  socketRequestMaxBytes?: number;
  /** Only (apiKey, version) pairs this accepts are decoded; others get UNSUPPORTED_VERSION handling. */
  accept?: VersionFilter;
  logger?: ServerLogger;
  /**
   * Read requests in place (default true): each request frame lands in one buffer of its size, read
   * there by the kernel. False reads Node's 'data' chunks and joins a frame spread over several (a
   * copy of every produce request's records); the server does that anyway when it cannot take an
   * accepted socket's handle over.
   */
  readInPlace?: boolean;
}

const silentLogger: ServerLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** What an accepted socket holds that `readInPlace` moves to a socket of its own. */
interface SocketHandleHolder {
  _handle: object | null;
}

/**
 * The accepted socket's connection as a socket whose reads land where `onread` says (Node's `onread`,
 * which `net.Server` does not offer for the sockets it accepts): the libuv handle moves to a new
 * `net.Socket` made with it, and the accepted one, left without a handle, is destroyed (which only
 * settles the server's connection count). The server must accept with `pauseOnConnect`, so no byte
 * has been read yet. Null when the accepted socket has no handle (it is closed already).
 */
function readInPlace(accepted: net.Socket, onread: net.OnReadOpts): net.Socket | null {
  const holder = accepted as unknown as SocketHandleHolder;
  const handle = holder._handle;
  if (handle === null || typeof handle !== 'object') return null;
  holder._handle = null;
  accepted.destroy();
  const options = { handle, onread, readable: true, writable: true };
  return new net.Socket(options as net.SocketConstructorOpts);
}

/**
 * One broker's TCP listener speaking the Kafka protocol: size-prefixed frames, requests of one
 * connection handled strictly one after another (as Kafka mutes a channel while it processes a
 * request, which keeps produce ordering and answers pipelined requests in order), responses written
 * as chunk lists (record data is never copied into a response buffer).
 *
 * Bad input never reaches beyond its connection: an oversized frame, an unknown api key, or bytes
 * that do not decode close that connection (logged); an unsupported version of a known API is
 * answered with UNSUPPORTED_VERSION where the protocol allows, else the connection is closed.
 */
export class KafkaServer {
  private readonly options: KafkaServerOptions;
  private readonly logger: ServerLogger;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private nextConnectionId = 1;
  /** Counters for tests and metrics. */
  readonly stats = { connections: 0, requests: 0, protocolErrors: 0 };

  constructor(options: KafkaServerOptions) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
  }

  /** Starts listening; resolves with the bound port (useful with port 0). */
  async start(): Promise<number> {
    const server = net.createServer({ pauseOnConnect: true }, (socket) => this.onConnection(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 9092, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
    return address.port;
  }

  /** Stops accepting, closes every connection, resolves when the listener is closed. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private onConnection(accepted: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    const remoteAddress = `${accepted.remoteAddress ?? '?'}:${accepted.remotePort ?? '?'}`;
    this.stats.connections++;
    const frameBytesMax = this.options.socketRequestMaxBytes ?? socketRequestMaxBytesDefault;
    // Requests are read in place (see FrameReader): a produce request's records arrive in one buffer
    // of the frame's size, never gathered from socket chunks and joined.
    const reader = new FrameReader(frameBytesMax);
    let onFrames: (read: () => Buffer[]) => void = () => undefined;
    const inPlace =
      this.options.readInPlace === false
        ? null
        : readInPlace(accepted, {
            buffer: () => reader.nextBuffer(),
            callback: (n) => {
              onFrames(() => reader.onRead(n));
              return true;
            },
          });
    const socket = inPlace ?? accepted;
    if (inPlace === null) {
      const decoder = new FrameDecoder(frameBytesMax);
      socket.on('data', (chunk: Buffer) => onFrames(() => decoder.push(chunk)));
      socket.resume();
    }
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const queue: Buffer[] = [];
    let queueHead = 0;
    let busy = false;
    let closed = false;

    const close = (reason: string, err?: unknown): void => {
      if (closed) return;
      closed = true;
      this.stats.protocolErrors++;
      this.logger.warn(
        { connectionId, remoteAddress, reason, err: err instanceof Error ? err.message : err },
        'closing connection',
      );
      socket.destroy();
    };

    const drain = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        while (queueHead < queue.length && !closed) {
          const frame = queue[queueHead]!;
          queue[queueHead++] = undefined as unknown as Buffer;
          if (queueHead === queue.length) {
            queue.length = 0;
            queueHead = 0;
          }
          const chunks = await this.handleFrame(frame, connectionId, remoteAddress).catch((err: unknown) => {
            close('request failed', err);
            return null;
          });
          if (chunks === null || closed) continue;
          if (chunks === 'close') {
            close('unanswerable request');
            continue;
          }
          // One writev per response: the header and record chunks go to the kernel together.
          socket.cork();
          for (const chunk of chunks) if (chunk.length > 0) socket.write(chunk);
          socket.uncork();
        }
      } finally {
        busy = false;
      }
    };

    onFrames = (read) => {
      if (closed) return;
      let frames: Buffer[];
      try {
        frames = read();
      } catch (err) {
        close('bad frame', err);
        return;
      }
      if (frames.length === 0) return;
      for (const f of frames) queue.push(f);
      void drain();
    };
    socket.on('error', () => {
      closed = true;
    });
    socket.on('close', () => {
      closed = true;
      this.sockets.delete(socket);
    });
  }

  /**
   * A known API at a version the broker does not serve: answered with UNSUPPORTED_VERSION at the
   * request's version when the request decodes there and the API has an error layout for it (see
   * unsupported-version.ts), else the connection is closed (Kafka's behaviour for versions it cannot parse).
   */
  private answerUnsupportedVersion(
    frame: Buffer,
    err: UnsupportedRequestError,
    connectionId: number,
    remoteAddress: string,
  ): Buffer[] | 'close' {
    const ids = { connectionId, remoteAddress, apiKey: err.apiKey, apiVersion: err.apiVersion };
    let body: AnyResponseBody | undefined;
    try {
      body = unsupportedVersionResponse(decodeRequest(frame));
    } catch (decodeErr) {
      this.logger.warn({ ...ids, err: (decodeErr as Error).message }, 'unsupported api version, undecodable');
      return 'close';
    }
    if (body === undefined) {
      this.logger.warn(ids, 'unsupported api version, connection closed');
      return 'close';
    }
    try {
      const chunks = encodeResponse(err.apiKey as never, err.apiVersion, err.correlationId, body as never);
      this.logger.warn(ids, 'unsupported api version, answered UNSUPPORTED_VERSION');
      return chunks;
    } catch (encodeErr) {
      this.logger.warn({ ...ids, err: (encodeErr as Error).message }, 'unsupported api version, unencodable');
      return 'close';
    }
  }

  /** Decodes and handles one frame; returns the response chunks, null for no response, or 'close'. */
  private async handleFrame(
    frame: Buffer,
    connectionId: number,
    remoteAddress: string,
  ): Promise<Buffer[] | null | 'close'> {
    this.stats.requests++;
    let request: DecodedRequest;
    try {
      request = decodeRequest(frame, this.options.accept);
    } catch (err) {
      if (err instanceof UnsupportedRequestError && !err.closeConnection && err.apiKey === apiVersionsKey) {
        const support = brokerApiSupport(apiVersionsKey);
        return unsupportedApiVersionsResponse(
          err.correlationId,
          support?.implementedMin ?? 0,
          support?.implementedMax ?? 0,
        );
      }
      if (err instanceof UnsupportedRequestError && !err.closeConnection) {
        return this.answerUnsupportedVersion(frame, err, connectionId, remoteAddress);
      }
      this.logger.warn({ connectionId, remoteAddress, err: (err as Error).message }, 'undecodable request');
      return 'close';
    }
    const context: RequestContext = {
      connectionId,
      remoteAddress,
      clientId: request.header.clientId,
      correlationId: request.header.correlationId,
    };
    const body = await this.options.handler(request, context);
    if (body === noResponse) return null;
    try {
      return encodeResponse(request.apiKey, request.apiVersion, request.header.correlationId, body as never);
    } catch (err) {
      this.logger.error(
        { connectionId, apiKey: request.apiKey, err: (err as Error).message },
        'cannot encode response',
      );
      if (err instanceof KafkaError) return 'close';
      throw err;
    }
  }
}
