/**
 * The client's BrokerConnection over TCP with the Kafka protocol: size-prefixed request frames written
 * as chunk lists (record buffers are never copied into a request buffer), responses read in place by a
 * FrameReader (the socket's `onread` buffers: a Fetch response's megabytes land in one buffer of its size,
 * never gathered from chunks and joined) and matched to requests by correlation id, in order, as Kafka
 * answers them.
 *
 * A connection negotiates API versions first (ApiVersions v3, falling back to the version the broker
 * lists when it answers UNSUPPORTED_VERSION, KIP-511), then sends every request at the highest version
 * both sides serve. Like the Java client, it treats anything that could misalign request and response
 * (a request timeout, a correlation id mismatch, an unreadable frame) as fatal for the connection:
 * everything outstanding is rejected and the caller reconnects.
 */
import * as net from 'node:net';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SystemClock, type Clock, type Timer } from '../../core/io/index.ts';
import {
  ApiKey,
  FrameReader,
  apiCodecsByKey,
  brokerApiSupport,
  decodeResponse,
  encodeRequest,
  socketRequestMaxBytesDefault,
  type ApiVersionsResponse,
  type RequestInputByKey,
  type ResponseBodyByKey,
} from '../../core/protocol/index.ts';
import type {
  BrokerAddress,
  BrokerConnection,
  ClientApiKey,
  ConnectionFactory,
  RequestOptions,
} from '../../actors/client/connection.ts';
import { parseBootstrapServers } from './bootstrap-servers.ts';

/** What ApiVersions v3 tells the broker about us (KIP-511; shown in broker metrics and logs). */
export const clientSoftwareName = 'tributary';
export const clientSoftwareVersion = '0.1.0';

/** Kafka's `request.timeout.ms` default. */
export const requestTimeoutMsDefault = 30_000;
/** Kafka's `socket.connection.setup.timeout.ms` default. */
export const connectionTimeoutMsDefault = 10_000;

/** The ApiVersions version a connection tries first (the last one our codecs and profile know). */
const apiVersionsVersionMax = 3;
/** Correlation ids are int32s; they wrap to 0 after this. */
const correlationIdMax = 0x7fffffff;
/** Compact the in-flight queue once this many answered entries sit before its head. */
const inFlightCompactMin = 1024;
const responseHeaderCorrelationIdBytes = 4;

export interface TcpConnectionFactoryOptions {
  /** `bootstrap.servers`: "host:port" entries ("[::1]:9092" for IPv6). */
  readonly bootstrapServers: readonly string[];
  /** `client.id`, used when `connect` is given an empty one. */
  readonly clientId?: string;
  /** `request.timeout.ms`: how long a request waits for its response before the connection is dropped. */
  readonly requestTimeoutMs?: number;
  /** `socket.connection.setup.timeout.ms`: how long the TCP connect may take. */
  readonly connectionTimeoutMs?: number;
  /** The largest response frame accepted (larger ones close the connection without being buffered). */
  readonly socketRequestMaxBytes?: number;
  /** Time source for the timeouts (a SimulatedClock in tests). */
  readonly clock?: Clock;
}

/** A broker's supported version range for one API, from its ApiVersions response. */
export interface BrokerVersionRange {
  readonly minVersion: number;
  readonly maxVersion: number;
}

interface ConnectionConfig {
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  readonly socketRequestMaxBytes: number;
  readonly clock: Clock;
}

/** One request waiting for its response. */
interface InFlight {
  readonly correlationId: number;
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly decode: (frame: Buffer) => unknown;
  readonly resolve: (body: unknown) => void;
  readonly reject: (err: KafkaError) => void;
  readonly timeoutMs: number;
  /** When the request times out (clock ms). */
  readonly deadlineMs: number;
}

function addressText(address: BrokerAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port} (node ${address.nodeId})`;
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code !== undefined && !err.message.includes(code) ? `${code} ${err.message}` : err.message;
  }
  return String(err);
}

function apiName(apiKey: number): string {
  return apiCodecsByKey[apiKey]?.name ?? `API ${apiKey}`;
}

/**
 * Our side of the version range for an API: the broker profile's implemented range (the versions our
 * whole stack understands, e.g. no topic-id Fetch), or the codecs' range for APIs outside the profile.
 */
function clientRange(apiKey: number): BrokerVersionRange | undefined {
  const support = brokerApiSupport(apiKey);
  if (support !== undefined)
    return { minVersion: support.implementedMin, maxVersion: support.implementedMax };
  const codecs = apiCodecsByKey[apiKey];
  return codecs === undefined ? undefined : { minVersion: codecs.minVersion, maxVersion: codecs.maxVersion };
}

function hasCodecs(apiKey: number, version: number): boolean {
  const codecs = apiCodecsByKey[apiKey];
  return codecs?.request[version] !== undefined && codecs.response[version] !== undefined;
}

/** The highest version both we and the broker serve, or -1. */
function negotiate(apiKey: number, broker: BrokerVersionRange): number {
  const ours = clientRange(apiKey);
  if (ours === undefined) return -1;
  const low = Math.max(ours.minVersion, broker.minVersion);
  for (let v = Math.min(ours.maxVersion, broker.maxVersion); v >= low; v--) {
    if (hasCodecs(apiKey, v)) return v;
  }
  return -1;
}

/**
 * An ApiVersions response: a broker that does not serve the version we sent answers UNSUPPORTED_VERSION
 * with a v0 body whatever we sent (KIP-511), so that error is read at v0, as the Java client does. The
 * error code is the body's first field in every version, right after the v0 response header.
 */
function decodeApiVersionsResponse(frame: Buffer, sentVersion: number): ApiVersionsResponse {
  const errorOffset = responseHeaderCorrelationIdBytes;
  const errorCode = frame.length >= errorOffset + 2 ? frame.readInt16BE(errorOffset) : ErrorCode.NONE;
  const version = errorCode === ErrorCode.UNSUPPORTED_VERSION ? 0 : sentVersion;
  return decodeResponse(ApiKey.ApiVersions, version, frame).body;
}

/**
 * Where the bytes of a socket opened with `onread` go: its FrameReader picks the buffer each read lands
 * in, and `onRead` (the TcpConnection's, once it takes the socket) handles what was read. A broker only
 * speaks when spoken to, so nothing should arrive before that; whatever does is kept for the connection.
 */
export class SocketReadSink {
  readonly reader: FrameReader;
  onRead: (n: number) => void;
  /** Frames (or the error) that arrived before a connection took the socket. */
  readonly early: Buffer[] = [];
  earlyError: unknown = null;

  constructor(frameBytesMax: number) {
    this.reader = new FrameReader(frameBytesMax);
    this.onRead = (n) => {
      if (this.earlyError !== null) return;
      try {
        for (const frame of this.reader.onRead(n)) this.early.push(frame);
      } catch (err) {
        this.earlyError = err;
      }
    };
  }

  /** The socket options that route reads through this sink. */
  onreadOption(): net.OnReadOpts {
    return {
      buffer: () => this.reader.nextBuffer(),
      callback: (n) => {
        this.onRead(n);
        return true; // never paused: the client holds what it reads until the caller takes it
      },
    };
  }
}

/** A BrokerConnection over one TCP socket; made by TcpConnectionFactory.connect. */
export class TcpConnection implements BrokerConnection {
  readonly nodeId: number;
  readonly address: BrokerAddress;
  private readonly socket: net.Socket;
  private readonly config: ConnectionConfig;
  private readonly sink: SocketReadSink;
  /** Requests awaiting responses, oldest first, from `inFlightHead` on. */
  private inFlight: InFlight[] = [];
  private inFlightHead = 0;
  /**
   * One timer for all requests in flight, armed for the earliest deadline it knows of (a timer per
   * request cost a timer-list insert and removal each); when it fires it checks every outstanding
   * request and re-arms for the earliest deadline left.
   */
  private timeoutTimer: Timer | null = null;
  private timeoutTimerAtMs = Infinity;
  private nextCorrelationId = 0;
  private isClosed = false;
  private closeReason: KafkaError | null = null;
  private readonly brokerRanges = new Map<number, BrokerVersionRange>();
  private readonly versions = new Map<number, number>();
  private negotiatedApiVersionsVersion = -1;

  /**
   * Wraps a connected socket opened with `sink.onreadOption()` as its `onread`; call
   * `negotiateApiVersions` before anything else.
   */
  constructor(socket: net.Socket, sink: SocketReadSink, address: BrokerAddress, config: ConnectionConfig) {
    this.socket = socket;
    this.sink = sink;
    this.address = address;
    this.nodeId = address.nodeId;
    this.config = config;
    sink.onRead = (n) => this.onRead(n);
    socket.on('error', (err) =>
      this.shutdown(
        this.networkError(`connection to ${addressText(address)} failed: ${errorText(err)}`, err),
      ),
    );
    socket.on('close', () =>
      this.shutdown(this.networkError(`connection to ${addressText(address)} was closed by the broker`)),
    );
    this.takeEarly();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Requests sent and not yet answered. */
  get inFlightCount(): number {
    return this.inFlight.length - this.inFlightHead;
  }

  /** Bytes handed to the socket that the kernel has not taken yet (requests written under backpressure). */
  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  /** The ApiVersions version the broker answered (after any UNSUPPORTED_VERSION fallback). */
  get apiVersionsVersion(): number {
    return this.negotiatedApiVersionsVersion;
  }

  /** The broker's advertised range for an API key, if it listed that key. */
  brokerVersions(apiKey: number): BrokerVersionRange | undefined {
    return this.brokerRanges.get(apiKey);
  }

  versionFor(apiKey: ClientApiKey): number {
    return this.versions.get(apiKey) ?? -1;
  }

  /**
   * Sends ApiVersions at v3 and, on UNSUPPORTED_VERSION, again at the highest version the broker
   * lists below the one refused (v0 when it lists none), then records the broker's ranges.
   */
  async negotiateApiVersions(): Promise<void> {
    let version = apiVersionsVersionMax;
    for (;;) {
      const sent = version;
      const response = await this.request<ApiVersionsResponse>(
        ApiKey.ApiVersions,
        sent,
        { clientSoftwareName, clientSoftwareVersion },
        (frame) => decodeApiVersionsResponse(frame, sent),
        this.config.requestTimeoutMs,
      );
      if (response.errorCode === ErrorCode.UNSUPPORTED_VERSION && sent > 0) {
        const listed = response.apiKeys.find((k) => k.apiKey === ApiKey.ApiVersions);
        // Never retry at the refused version or above, whatever the broker lists: that would loop.
        version = listed === undefined ? 0 : Math.min(sent - 1, listed.maxVersion);
        if (version < 0) version = 0;
        continue;
      }
      if (response.errorCode !== ErrorCode.NONE)
        throw new KafkaError(response.errorCode, `ApiVersions v${sent} from ${addressText(this.address)}`);
      this.recordVersions(response, sent);
      return;
    }
  }

  send<K extends ClientApiKey>(
    apiKey: K,
    body: RequestInputByKey[K],
    options?: RequestOptions,
  ): Promise<ResponseBodyByKey[K]> {
    if (apiKey === ApiKey.Produce && (body as RequestInputByKey[0]).acks === 0)
      return Promise.reject(
        new KafkaError(
          ErrorCode.INVALID_REQUEST,
          'a produce with acks=0 is never answered: use sendNoResponse',
        ),
      );
    const version = this.versionFor(apiKey);
    if (version < 0) return Promise.reject(this.unsupported(apiKey));
    return this.request<ResponseBodyByKey[K]>(
      apiKey,
      version,
      body,
      (frame) => decodeResponse(apiKey, version, frame).body,
      options?.timeoutMs ?? this.config.requestTimeoutMs,
    );
  }

  /**
   * Writes an acks=0 produce: it takes a correlation id but no in-flight entry, since the broker sends
   * nothing back. Resolves once the kernel has taken the bytes, so a caller that awaits each call cannot
   * pile up unbounded data in the socket's buffer while the broker is slow to read.
   */
  sendNoResponse(body: RequestInputByKey[0]): Promise<void> {
    if (this.isClosed) return Promise.reject(this.closedError());
    if (body.acks !== 0)
      return Promise.reject(
        new KafkaError(ErrorCode.INVALID_REQUEST, `sendNoResponse needs acks=0, got acks=${body.acks}`),
      );
    const version = this.versionFor(ApiKey.Produce);
    if (version < 0) return Promise.reject(this.unsupported(ApiKey.Produce));
    let chunks: Buffer[];
    try {
      chunks = encodeRequest(
        {
          apiKey: ApiKey.Produce,
          apiVersion: version,
          correlationId: this.takeCorrelationId(),
          clientId: this.config.clientId,
        },
        body,
      );
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      this.write(chunks, (err) => {
        if (err === null || err === undefined) resolve();
        else
          reject(this.closeReason ?? this.networkError(`write to ${addressText(this.address)} failed`, err));
      });
    });
  }

  close(): void {
    this.shutdown(this.closedError());
  }

  /** Encodes, writes and registers one request; the promise settles with its decoded response. */
  private request<T>(
    apiKey: number,
    apiVersion: number,
    body: unknown,
    decode: (frame: Buffer) => T,
    timeoutMs: number,
  ): Promise<T> {
    if (this.isClosed) return Promise.reject(this.closedError());
    const correlationId = this.takeCorrelationId();
    let chunks: Buffer[];
    try {
      chunks = encodeRequest(
        { apiKey: apiKey as ClientApiKey, apiVersion, correlationId, clientId: this.config.clientId },
        body as never,
      );
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<T>((resolve, reject) => {
      const deadlineMs = this.config.clock.now() + timeoutMs;
      this.inFlight.push({
        correlationId,
        apiKey,
        apiVersion,
        decode,
        resolve: resolve as (body: unknown) => void,
        reject,
        timeoutMs,
        deadlineMs,
      });
      if (deadlineMs < this.timeoutTimerAtMs) this.armTimeout(deadlineMs);
      this.write(chunks);
    });
  }

  /** The next correlation id; one that an encoding failure burns is simply never seen by the broker. */
  private takeCorrelationId(): number {
    const id = this.nextCorrelationId;
    this.nextCorrelationId = id === correlationIdMax ? 0 : id + 1;
    return id;
  }

  /**
   * Writes one frame's chunks in one writev (cork/uncork): large record buffers go to the socket as
   * they are, never concatenated. When the kernel buffer is full Node queues the chunks (references to
   * the caller's buffers, which the caller holds until the response anyway) and writes them on drain.
   */
  private write(chunks: readonly Buffer[], onFlushed?: (err?: Error | null) => void): void {
    const socket = this.socket;
    const last = chunks.length - 1;
    socket.cork();
    for (let i = 0; i < last; i++) {
      if (chunks[i]!.length > 0) socket.write(chunks[i]!);
    }
    socket.write(chunks[last]!, onFlushed);
    socket.uncork();
  }

  /** Frames or an error that came before this connection took the socket (a misbehaving peer). */
  private takeEarly(): void {
    const { early, earlyError } = this.sink;
    for (const frame of early) {
      if (this.isClosed) break;
      this.onResponse(frame);
    }
    early.length = 0;
    if (earlyError !== null) this.unreadable(earlyError);
  }

  /** `n` bytes were read into the buffer the sink's reader chose. */
  private onRead(n: number): void {
    if (this.isClosed) return;
    let frames: Buffer[];
    try {
      frames = this.sink.reader.onRead(n);
    } catch (err) {
      this.unreadable(err);
      return;
    }
    for (const frame of frames) {
      this.onResponse(frame);
      if (this.isClosed) return;
    }
  }

  private unreadable(err: unknown): void {
    this.shutdown(
      this.networkError(
        `unreadable response frame from ${addressText(this.address)}: ${errorText(err)}`,
        err,
      ),
    );
  }

  private onResponse(frame: Buffer): void {
    const entry = this.inFlight[this.inFlightHead];
    if (frame.length < responseHeaderCorrelationIdBytes) {
      this.protocolError(`a response frame of ${frame.length} bytes has no correlation id`);
      return;
    }
    const correlationId = frame.readInt32BE(0);
    if (entry === undefined) {
      this.protocolError(`response with correlation id ${correlationId} while no request is outstanding`);
      return;
    }
    if (correlationId !== entry.correlationId) {
      this.protocolError(
        `correlation id ${correlationId} of a response does not match ${entry.correlationId} of the ` +
          `outstanding ${apiName(entry.apiKey)} v${entry.apiVersion} request`,
      );
      return;
    }
    this.dequeue();
    let body: unknown;
    try {
      body = entry.decode(frame);
    } catch (err) {
      // The frame boundary is intact, so later responses still line up: only this request fails.
      entry.reject(
        new KafkaError(
          ErrorCode.UNKNOWN_SERVER_ERROR,
          `cannot decode ${apiName(entry.apiKey)} v${entry.apiVersion} response from ` +
            `${addressText(this.address)}: ${errorText(err)}`,
          { cause: err },
        ),
      );
      return;
    }
    entry.resolve(body);
  }

  private dequeue(): void {
    this.inFlight[this.inFlightHead] = undefined as unknown as InFlight;
    this.inFlightHead++;
    if (this.inFlightHead === this.inFlight.length) {
      this.inFlight = [];
      this.inFlightHead = 0;
      this.disarmTimeout(); // nothing left to time out (an idle connection holds no timer)
    } else if (this.inFlightHead >= inFlightCompactMin && this.inFlightHead * 2 >= this.inFlight.length) {
      this.inFlight = this.inFlight.slice(this.inFlightHead);
      this.inFlightHead = 0;
    }
  }

  private armTimeout(atMs: number): void {
    this.timeoutTimer?.cancel();
    this.timeoutTimerAtMs = atMs;
    this.timeoutTimer = this.config.clock.setTimeout(
      () => this.onTimeoutTimer(),
      Math.max(0, atMs - this.config.clock.now()),
    );
  }

  private disarmTimeout(): void {
    this.timeoutTimer?.cancel();
    this.timeoutTimer = null;
    this.timeoutTimerAtMs = Infinity;
  }

  /** The timer fired: the oldest request past its deadline times out; else re-arm for the earliest. */
  private onTimeoutTimer(): void {
    this.timeoutTimer = null;
    this.timeoutTimerAtMs = Infinity;
    if (this.isClosed) return;
    const nowMs = this.config.clock.now();
    let earliest = Infinity;
    for (let i = this.inFlightHead; i < this.inFlight.length; i++) {
      const entry = this.inFlight[i]!;
      if (entry.deadlineMs <= nowMs) {
        this.onTimeout(entry);
        return;
      }
      if (entry.deadlineMs < earliest) earliest = entry.deadlineMs;
    }
    if (earliest !== Infinity) this.armTimeout(earliest);
  }

  /**
   * A response that has not come in time: later responses would be taken for answers to the wrong
   * requests if this one arrived after all, so the connection is dropped (as the Java client does).
   */
  private onTimeout(entry: InFlight): void {
    const timedOut = new KafkaError(
      ErrorCode.REQUEST_TIMED_OUT,
      `${apiName(entry.apiKey)} v${entry.apiVersion} request to ${addressText(this.address)} got no ` +
        `response in ${entry.timeoutMs} ms`,
    );
    this.shutdown(
      this.networkError(`connection to ${addressText(this.address)} dropped after a request timed out`),
      entry,
      timedOut,
    );
  }

  private protocolError(message: string): void {
    this.shutdown(
      this.networkError(`protocol error on connection to ${addressText(this.address)}: ${message}`),
    );
  }

  /** Closes the socket once and rejects every outstanding request (`timedOut` gets its own error). */
  private shutdown(reason: KafkaError, timedOut?: InFlight, timedOutError?: KafkaError): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closeReason = reason;
    const pending = this.inFlight.slice(this.inFlightHead);
    this.inFlight = [];
    this.inFlightHead = 0;
    this.disarmTimeout();
    this.socket.destroy();
    for (const entry of pending) {
      entry.reject(entry === timedOut && timedOutError !== undefined ? timedOutError : reason);
    }
  }

  private closedError(): KafkaError {
    return this.closeReason ?? this.networkError(`connection to ${addressText(this.address)} is closed`);
  }

  private networkError(message: string, cause?: unknown): KafkaError {
    return new KafkaError(ErrorCode.NETWORK_EXCEPTION, message, cause === undefined ? undefined : { cause });
  }

  private unsupported(apiKey: number): KafkaError {
    const range = this.brokerRanges.get(apiKey);
    const theirs =
      range === undefined ? 'does not list it' : `serves v${range.minVersion}-${range.maxVersion}`;
    return new KafkaError(
      ErrorCode.UNSUPPORTED_VERSION,
      `no version of ${apiName(apiKey)} that both this client and the broker at ` +
        `${addressText(this.address)} serve (the broker ${theirs})`,
    );
  }

  private recordVersions(response: ApiVersionsResponse, version: number): void {
    this.negotiatedApiVersionsVersion = version;
    this.brokerRanges.clear();
    this.versions.clear();
    for (const { apiKey, minVersion, maxVersion } of response.apiKeys) {
      this.brokerRanges.set(apiKey, { minVersion, maxVersion });
      const v = negotiate(apiKey, { minVersion, maxVersion });
      if (v >= 0) this.versions.set(apiKey, v);
    }
  }
}

function positiveInteger(value: number | undefined, fallback: number, key: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw new KafkaError(ErrorCode.INVALID_CONFIG, `${key} must be a positive integer, got ${value}`);
  return value;
}

/** Opens TcpConnections to brokers; see the file comment. */
export class TcpConnectionFactory implements ConnectionFactory {
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  readonly socketRequestMaxBytes: number;
  private readonly addresses: readonly BrokerAddress[];
  private readonly clock: Clock;

  constructor(options: TcpConnectionFactoryOptions) {
    this.addresses = parseBootstrapServers(options.bootstrapServers);
    this.clientId = options.clientId ?? '';
    this.requestTimeoutMs = positiveInteger(
      options.requestTimeoutMs,
      requestTimeoutMsDefault,
      'request.timeout.ms',
    );
    this.connectionTimeoutMs = positiveInteger(
      options.connectionTimeoutMs,
      connectionTimeoutMsDefault,
      'socket.connection.setup.timeout.ms',
    );
    this.socketRequestMaxBytes = positiveInteger(
      options.socketRequestMaxBytes,
      socketRequestMaxBytesDefault,
      'socket.request.max.bytes',
    );
    this.clock = options.clock ?? new SystemClock();
  }

  bootstrap(): readonly BrokerAddress[] {
    return this.addresses;
  }

  /** Opens a socket, negotiates API versions, and resolves with the ready connection. */
  async connect(address: BrokerAddress, options: { readonly clientId: string }): Promise<TcpConnection> {
    const sink = new SocketReadSink(this.socketRequestMaxBytes);
    const socket = await this.openSocket(address, sink);
    const connection = new TcpConnection(socket, sink, address, {
      clientId: options.clientId === '' ? this.clientId : options.clientId,
      requestTimeoutMs: this.requestTimeoutMs,
      socketRequestMaxBytes: this.socketRequestMaxBytes,
      clock: this.clock,
    });
    try {
      await connection.negotiateApiVersions();
    } catch (err) {
      connection.close();
      throw err;
    }
    return connection;
  }

  private openSocket(address: BrokerAddress, sink: SocketReadSink): Promise<net.Socket> {
    return new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: address.host, port: address.port, onread: sink.onreadOption() });
      const settle = (): void => {
        timer.cancel();
        socket.off('error', onError);
        socket.off('connect', onConnect);
      };
      const onError = (err: Error): void => {
        settle();
        socket.destroy();
        reject(
          new KafkaError(
            ErrorCode.NETWORK_EXCEPTION,
            `cannot connect to ${addressText(address)}: ${errorText(err)}`,
            { cause: err },
          ),
        );
      };
      const onConnect = (): void => {
        settle();
        socket.setNoDelay(true);
        socket.setKeepAlive(true);
        resolve(socket);
      };
      const timer = this.clock.setTimeout(() => {
        settle();
        socket.destroy();
        reject(
          new KafkaError(
            ErrorCode.NETWORK_EXCEPTION,
            `connecting to ${addressText(address)} timed out after ${this.connectionTimeoutMs} ms`,
          ),
        );
      }, this.connectionTimeoutMs);
      socket.on('error', onError);
      socket.on('connect', onConnect);
    });
  }
}
