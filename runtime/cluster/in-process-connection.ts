// The clients' BrokerConnection to a broker in the same process: request bodies (and the record batch
// Buffers in them) go straight to the broker's request layer, responses come straight back. No
// encoding, no copies (except joining a chunked record list into one Buffer). Each request runs at the
// highest version we implement, so every field is present.
//
// Answers come back as promise continuations, with no I/O in between: a client whose next request
// always follows the last answer (a consumer with data to read, a producer with a full accumulator)
// would keep the event loop in its microtask queue and starve timers and I/O (its own linger and
// request timeouts, the brokers' heartbeats and metadata polls, sockets). So the connections of one
// factory (one client) yield to the event loop once every `yieldEveryRequests` requests, as a socket's
// read callback would.
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import {
  brokerApiSupport,
  type DecodedRequest,
  type FetchResponse,
  type ProduceRequest,
  type Records,
  type RequestInputByKey,
  type ResponseBodyByKey,
} from '../../core/protocol/index.ts';
import type { KafkaApis } from '../../actors/broker/index.ts';
import type {
  BrokerAddress,
  BrokerConnection,
  ClientApiKey,
  ConnectionFactory,
  RequestOptions,
} from '../../actors/client/connection.ts';

function joinRecords(records: Records): Buffer | null {
  if (records === null || Buffer.isBuffer(records)) return records;
  const list = records as readonly Buffer[];
  return list.length === 1 ? list[0]! : Buffer.concat(list);
}

function normalizeProduce(body: ProduceRequest<Records>): ProduceRequest {
  return {
    ...body,
    topicData: body.topicData.map((t) => ({
      ...t,
      partitionData: t.partitionData.map((p) => ({ ...p, records: joinRecords(p.records) })),
    })),
  };
}

function normalizeFetch(body: FetchResponse<Records>): FetchResponse {
  for (const t of body.responses) {
    for (const p of t.partitions) (p as { records: Records }).records = joinRecords(p.records);
  }
  return body as FetchResponse;
}

/** How many requests a client's in-process connections send between two event-loop turns. */
export const yieldEveryRequests = 64;

/**
 * Requests sent by one factory's connections, shared so several connections cannot multiply the run; and
 * the factory's connections so far, which number each one's client host. The numbering is per factory,
 * not per process, so a simulated cluster run twice in one process writes the same client hosts (group
 * members' `clientHost` lands in __consumer_offsets).
 */
interface RequestCounter {
  sent: number;
  connections: number;
}

function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

export class InProcessConnection implements BrokerConnection {
  readonly nodeId: number;
  private readonly apis: () => KafkaApis | undefined;
  private readonly clientId: string;
  private readonly clientHost: string;
  private readonly counter: RequestCounter;
  private correlationId = 0;
  private closedValue = false;
  /** Set while requests wait for an event-loop turn; later requests queue behind it. */
  private gate: Promise<void> | null = null;

  constructor(
    nodeId: number,
    apis: () => KafkaApis | undefined,
    clientId: string,
    counter: RequestCounter = { sent: 0, connections: 0 },
  ) {
    this.nodeId = nodeId;
    this.apis = apis;
    this.clientId = clientId;
    this.clientHost = `in-process/${++counter.connections}`;
    this.counter = counter;
  }

  /**
   * Every `yieldEveryRequests`-th request of the client waits for the next event-loop turn first, and
   * the requests after it on this connection wait behind it, so they still reach the broker in order.
   */
  private turn(): Promise<void> | null {
    if (++this.counter.sent % yieldEveryRequests === 0 && this.gate === null) {
      const gate: Promise<void> = nextTurn().then(() => {
        if (this.gate === gate) this.gate = null;
      });
      this.gate = gate;
    }
    return this.gate;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  versionFor(apiKey: ClientApiKey): number {
    return brokerApiSupport(apiKey)?.implementedMax ?? -1;
  }

  private target(): KafkaApis {
    const apis = this.apis();
    if (this.closedValue || apis === undefined) {
      this.closedValue = true;
      throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, `broker ${this.nodeId} is not reachable`);
    }
    return apis;
  }

  private request<K extends ClientApiKey>(apiKey: K, body: RequestInputByKey[K]): DecodedRequest {
    const apiVersion = this.versionFor(apiKey);
    if (apiVersion < 0) throw new KafkaError(ErrorCode.UNSUPPORTED_VERSION, `api ${apiKey} is not served`);
    const correlationId = this.correlationId++;
    const decodedBody = apiKey === 0 ? normalizeProduce(body as ProduceRequest<Records>) : body;
    return {
      header: {
        requestApiKey: apiKey,
        requestApiVersion: apiVersion,
        correlationId,
        clientId: this.clientId,
      },
      apiKey,
      apiVersion,
      body: decodedBody,
    } as DecodedRequest;
  }

  async send<K extends ClientApiKey>(
    apiKey: K,
    body: RequestInputByKey[K],
    _options?: RequestOptions,
  ): Promise<ResponseBodyByKey[K]> {
    this.target();
    if (apiKey === 0 && (body as ProduceRequest<Records>).acks === 0) {
      throw new KafkaError(ErrorCode.INVALID_REQUEST, 'acks=0 produce goes through sendNoResponse');
    }
    const turn = this.turn();
    if (turn !== null) await turn;
    const apis = this.target();
    const response = await apis.handle(this.request(apiKey, body), {
      clientId: this.clientId,
      clientHost: this.clientHost,
    });
    if (this.apis() !== apis) {
      this.closedValue = true;
      throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, `broker ${this.nodeId} went away`);
    }
    if (response === null) throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, 'no response');
    const out = apiKey === 1 ? normalizeFetch(response as FetchResponse<Records>) : response;
    return out as ResponseBodyByKey[K];
  }

  async sendNoResponse(body: RequestInputByKey[0]): Promise<void> {
    this.target();
    const turn = this.turn();
    if (turn !== null) await turn;
    const apis = this.target();
    // Fire and forget, as on a socket: failures are the broker's to count.
    apis
      .handle(this.request(0, body), { clientId: this.clientId, clientHost: this.clientHost })
      .catch(() => {});
  }

  close(): void {
    this.closedValue = true;
  }
}

/** Connections to the brokers of an in-process cluster. */
export class InProcessConnectionFactory implements ConnectionFactory {
  private readonly resolve: (nodeId: number) => KafkaApis | undefined;
  private readonly addresses: () => readonly BrokerAddress[];
  private readonly counter: RequestCounter = { sent: 0, connections: 0 };

  constructor(resolve: (nodeId: number) => KafkaApis | undefined, addresses: () => readonly BrokerAddress[]) {
    this.resolve = resolve;
    this.addresses = addresses;
  }

  bootstrap(): readonly BrokerAddress[] {
    return this.addresses();
  }

  async connect(address: BrokerAddress, options: { readonly clientId: string }): Promise<BrokerConnection> {
    // Bootstrap addresses carry the broker id; a Metadata answer's host/port map back to it too.
    const nodeId =
      address.nodeId >= 0
        ? address.nodeId
        : (this.addresses().find((a) => a.host === address.host && a.port === address.port)?.nodeId ?? -1);
    const apis = this.resolve(nodeId);
    if (apis === undefined) {
      throw new KafkaError(
        ErrorCode.NETWORK_EXCEPTION,
        `broker ${address.host}:${address.port} is not reachable`,
      );
    }
    return new InProcessConnection(nodeId, () => this.resolve(nodeId), options.clientId, this.counter);
  }
}
