/**
 * Test support: a ConnectionFactory whose brokers answer with whatever a test's handler returns, so a
 * test can script NOT_CONTROLLER on the first try, a leader move, a dropped connection, or a broker
 * speaking an old API version, and then look at every request the admin client sent (to which node,
 * which API, which body).
 */
import { ErrorCode, KafkaError } from '../../../../core/errors/index.ts';
import type {
  MetadataResponse,
  MetadataResponseTopic,
  RequestInputByKey,
  ResponseBodyByKey,
} from '../../../../core/protocol/index.ts';
import type { BrokerAddress, BrokerConnection, ClientApiKey, ConnectionFactory } from '../../connection.ts';

/** A request as a scripted broker saw it. */
export interface ScriptedRequest {
  readonly nodeId: number;
  readonly apiKey: number;
  readonly version: number;
  readonly body: unknown;
}

/**
 * Answers one request: a response body, or a thrown KafkaError (a transport failure such as
 * NETWORK_EXCEPTION, which also closes the connection, as a dropped socket would).
 */
export type ScriptedHandler = (request: ScriptedRequest) => unknown;

export interface ScriptedBrokersOptions {
  readonly nodeIds?: readonly number[];
  /** The version each API "negotiates" at (default 10 for everything: the newest layouts). */
  readonly versions?: Partial<Record<number, number>>;
  readonly handle: ScriptedHandler;
}

export class ScriptedBrokers implements ConnectionFactory {
  readonly nodeIds: readonly number[];
  readonly requests: ScriptedRequest[] = [];
  private readonly versions: Partial<Record<number, number>>;
  private readonly handle: ScriptedHandler;

  constructor(options: ScriptedBrokersOptions) {
    this.nodeIds = options.nodeIds ?? [1, 2, 3];
    this.versions = options.versions ?? {};
    this.handle = options.handle;
  }

  bootstrap(): readonly BrokerAddress[] {
    return this.nodeIds.map((nodeId) => ({ nodeId, host: 'broker', port: 9000 + nodeId }));
  }

  versionFor(apiKey: number): number {
    return this.versions[apiKey] ?? 10;
  }

  /** The requests of one API key, optionally to one node. */
  sent(apiKey: number, nodeId?: number): ScriptedRequest[] {
    return this.requests.filter((r) => r.apiKey === apiKey && (nodeId === undefined || r.nodeId === nodeId));
  }

  async connect(address: BrokerAddress): Promise<BrokerConnection> {
    const nodeId = address.nodeId >= 0 ? address.nodeId : address.port - 9000;
    if (!this.nodeIds.includes(nodeId))
      throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, `broker ${nodeId} is not reachable`);
    return new ScriptedConnection(this, nodeId);
  }

  /** Called by the connections. */
  answer(request: ScriptedRequest): unknown {
    this.requests.push(request);
    return this.handle(request);
  }
}

class ScriptedConnection implements BrokerConnection {
  readonly nodeId: number;
  private readonly brokers: ScriptedBrokers;
  private closedValue = false;

  constructor(brokers: ScriptedBrokers, nodeId: number) {
    this.brokers = brokers;
    this.nodeId = nodeId;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  async send<K extends ClientApiKey>(apiKey: K, body: RequestInputByKey[K]): Promise<ResponseBodyByKey[K]> {
    if (this.closedValue) throw new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection closed');
    await Promise.resolve(); // answers arrive asynchronously, as from a socket
    try {
      return this.brokers.answer({
        nodeId: this.nodeId,
        apiKey,
        version: this.versionFor(apiKey),
        body,
      }) as ResponseBodyByKey[K];
    } catch (e) {
      if (e instanceof KafkaError && e.code === ErrorCode.NETWORK_EXCEPTION) this.closedValue = true;
      throw e;
    }
  }

  async sendNoResponse(): Promise<void> {
    throw new KafkaError(ErrorCode.INVALID_REQUEST, 'not scripted');
  }

  versionFor(apiKey: ClientApiKey): number {
    return this.brokers.versionFor(apiKey);
  }

  close(): void {
    this.closedValue = true;
  }
}

/** A topic of a Metadata response: `leaders[i]` leads partition i (epoch `epochs[i]`, default 0). */
export function metadataTopic(
  name: string,
  leaders: readonly number[],
  options: { errorCode?: number; epochs?: readonly number[]; isInternal?: boolean } = {},
): MetadataResponseTopic {
  return {
    errorCode: options.errorCode ?? ErrorCode.NONE,
    name,
    topicId: '00000000-0000-0000-0000-000000000000',
    isInternal: options.isInternal ?? false,
    partitions: leaders.map((leaderId, partitionIndex) => ({
      errorCode: leaderId < 0 ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NONE,
      partitionIndex,
      leaderId,
      leaderEpoch: options.epochs?.[partitionIndex] ?? 0,
      replicaNodes: [leaderId],
      isrNodes: [leaderId],
      offlineReplicas: [],
    })),
    topicAuthorizedOperations: -2147483648,
  };
}

/** A Metadata response for brokers `nodeIds` with a controller, answering the requested topics from `known`. */
export function metadataResponse(
  request: ScriptedRequest,
  options: {
    nodeIds?: readonly number[];
    controllerId?: number;
    known?: readonly MetadataResponseTopic[];
  } = {},
): MetadataResponse {
  const nodeIds = options.nodeIds ?? [1, 2, 3];
  const known = options.known ?? [];
  const asked = (request.body as RequestInputByKey[3]).topics;
  const topics =
    asked === null
      ? [...known]
      : asked.map(
          (t) =>
            known.find((k) => k.name === t.name) ?? {
              ...metadataTopic(t.name!, []),
              errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            },
        );
  return {
    throttleTimeMs: 0,
    brokers: nodeIds.map((nodeId) => ({ nodeId, host: 'broker', port: 9000 + nodeId, rack: null })),
    clusterId: 'scripted',
    controllerId: options.controllerId ?? nodeIds[0]!,
    topics,
    clusterAuthorizedOperations: -2147483648,
  };
}

/** A FindCoordinator v4+ answer naming broker `nodeOf(key)` as the coordinator of every key asked. */
export function coordinatorAnswer(request: ScriptedRequest, nodeOf: (key: string) => number): unknown {
  const body = request.body as RequestInputByKey[10];
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: null,
    nodeId: -1,
    host: '',
    port: -1,
    coordinators: body.coordinatorKeys.map((key) => ({
      key,
      nodeId: nodeOf(key),
      host: 'broker',
      port: 9000 + nodeOf(key),
      errorCode: 0,
      errorMessage: null,
    })),
  };
}
