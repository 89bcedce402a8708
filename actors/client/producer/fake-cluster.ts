/**
 * Test support: an in-memory ConnectionFactory whose "brokers" answer Metadata, InitProducerId and
 * Produce by appending to real core/log PartitionLogs on a SimulatedFileSystem, so idempotent
 * duplicates and out-of-order sequences are judged by the real producer state. One log per partition
 * (as if replication were perfect); the leader only decides which broker answers. Faults are injected
 * per request: lose the response after processing, let the request time out, refuse it, or answer
 * with an error. Requests travel `latencyMs` on the Clock each way, in order per connection.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import { SimulatedFileSystem, type Clock, type Timer } from '../../../core/io/index.ts';
import { LogConfig, PartitionLog } from '../../../core/log/index.ts';
import type {
  MetadataRequest,
  MetadataResponse,
  MetadataResponseTopic,
  ProduceRequest,
  ProduceResponse,
  ProduceResponsePartitionProduceResponse,
  Records,
  RequestInputByKey,
  ResponseBodyByKey,
} from '../../../core/protocol/index.ts';
import { batchPositions, decodeRecordsAsync, type Record as LogRecord } from '../../../core/records/index.ts';
import type {
  BrokerAddress,
  BrokerConnection,
  ClientApiKey,
  ConnectionFactory,
  RequestOptions,
} from '../connection.ts';

/** What happens to one request. */
export type FaultAction =
  | { readonly kind: 'none' }
  /** Processed, then the connection drops before the answer: NETWORK_EXCEPTION. */
  | { readonly kind: 'lose-response' }
  /**
   * Processed, never answered: the broker hangs on this connection (as Kafka answers a connection's
   * requests in order, later ones get no answer either); requests time out (REQUEST_TIMED_OUT).
   */
  | { readonly kind: 'timeout' }
  /** Not processed; the connection drops: NETWORK_EXCEPTION. */
  | { readonly kind: 'drop-request' }
  /** Produce only: not processed; every partition answers this error. */
  | { readonly kind: 'error'; readonly errorCode: number };

export interface FaultContext {
  readonly nodeId: number;
  readonly apiKey: number;
  readonly body: unknown;
}

export type FaultInjector = (ctx: FaultContext) => FaultAction;

export interface FakeClusterOptions {
  readonly clock: Clock;
  readonly brokers?: number;
  /** Create unknown topics on Metadata requests that allow it (answered LEADER_NOT_AVAILABLE first, as Kafka). */
  readonly autoCreateTopics?: boolean;
  readonly defaultPartitions?: number;
  /** One-way latency of a request or response on the clock (default 1 ms). */
  readonly latencyMs?: number;
  /** Versions the fake "negotiates" (default: Produce 9, Metadata 12, InitProducerId 4). */
  readonly versions?: Partial<Record<ClientApiKey, number>>;
  /** Topic configs for every log (e.g. `{ 'message.timestamp.type': 'LogAppendTime' }`). */
  readonly logConfig?: Record<string, unknown>;
}

interface FakePartition {
  leader: number;
  leaderEpoch: number;
  readonly log: PartitionLog;
}

/** A request as the fake saw it (tests look at Produce requests: partitions per request, the Buffers). */
export interface SeenRequest {
  readonly nodeId: number;
  readonly apiKey: number;
  readonly body: unknown;
  readonly fault: FaultAction['kind'];
}

const noFault: FaultAction = { kind: 'none' };

export class FakeCluster implements ConnectionFactory {
  readonly clock: Clock;
  readonly fs = new SimulatedFileSystem();
  readonly brokerCount: number;
  readonly latencyMs: number;
  faults: FaultInjector | undefined;
  readonly seen: SeenRequest[] = [];
  /** Brokers that are down: connects fail, their connections are closed. */
  readonly down = new Set<number>();
  private readonly topics = new Map<string, FakePartition[]>();
  private readonly creating = new Set<string>();
  private readonly connections = new Set<FakeConnection>();
  private readonly autoCreate: boolean;
  private readonly defaultPartitions: number;
  private readonly versions: Partial<Record<ClientApiKey, number>>;
  private readonly logConfig: LogConfig;
  private nextProducerId = 1000;

  constructor(options: FakeClusterOptions) {
    this.clock = options.clock;
    this.brokerCount = options.brokers ?? 3;
    this.latencyMs = options.latencyMs ?? 1;
    this.autoCreate = options.autoCreateTopics ?? true;
    this.defaultPartitions = options.defaultPartitions ?? 3;
    this.versions = { 0: 9, 3: 12, 22: 4, ...options.versions };
    this.logConfig = LogConfig.from(options.logConfig ?? {});
  }

  address(nodeId: number): BrokerAddress {
    return { nodeId, host: 'fake', port: 9092 + nodeId };
  }

  bootstrap(): readonly BrokerAddress[] {
    return [{ ...this.address(0), nodeId: -1 }];
  }

  connect(address: BrokerAddress, options: { readonly clientId: string }): Promise<BrokerConnection> {
    void options;
    const nodeId = address.port - 9092;
    if (nodeId < 0 || nodeId >= this.brokerCount || this.down.has(nodeId))
      return Promise.reject(
        new KafkaError(ErrorCode.NETWORK_EXCEPTION, `cannot connect to ${address.host}:${address.port}`),
      );
    const conn = new FakeConnection(this, nodeId, address.nodeId);
    this.connections.add(conn);
    return Promise.resolve(conn);
  }

  /** Creates a topic; partition p's leader is `leaders[p]` (default p mod brokers). */
  createTopic(name: string, partitions: number, leaders?: readonly number[]): void {
    const list: FakePartition[] = [];
    for (let p = 0; p < partitions; p++)
      list.push({
        leader: leaders?.[p] ?? p % this.brokerCount,
        leaderEpoch: 0,
        log: PartitionLog.open({
          fs: this.fs,
          clock: this.clock,
          dir: `/data/${name}-${p}`,
          topic: name,
          partition: p,
          config: this.logConfig,
        }),
      });
    this.topics.set(name, list);
  }

  /** Moves leadership (the new leader's epoch is one higher); clients learn it from errors and Metadata. */
  moveLeader(topic: string, partition: number, leader: number): void {
    const p = this.partitionOf(topic, partition);
    p.leader = leader;
    p.leaderEpoch++;
  }

  leaderOf(topic: string, partition: number): number {
    return this.partitionOf(topic, partition).leader;
  }

  /** Takes a broker down (its connections drop) or brings it back. */
  setDown(nodeId: number, down: boolean): void {
    if (down) {
      this.down.add(nodeId);
      for (const c of [...this.connections]) if (c.brokerId === nodeId) c.close();
    } else this.down.delete(nodeId);
  }

  log(topic: string, partition: number): PartitionLog {
    return this.partitionOf(topic, partition).log;
  }

  /** Every record of a partition's log, in offset order. */
  async records(topic: string, partition: number): Promise<LogRecord[]> {
    const log = this.log(topic, partition);
    const out: LogRecord[] = [];
    let offset = log.logStartOffset;
    while (offset < log.logEndOffset) {
      const { bytes, nextOffset } = log.read(offset, 1 << 20);
      for (const [pos, size] of batchPositions(bytes))
        for (const r of await decodeRecordsAsync(bytes.subarray(pos, pos + size))) out.push(r);
      offset = nextOffset;
    }
    return out;
  }

  /** The values of a partition's records as UTF-8 strings. */
  async values(topic: string, partition: number): Promise<string[]> {
    return (await this.records(topic, partition)).map((r) => r.value?.toString('utf8') ?? '<null>');
  }

  partitionCount(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }

  produceRequests(): SeenRequest[] {
    return this.seen.filter((r) => r.apiKey === 0);
  }

  versionFor(apiKey: ClientApiKey): number {
    return this.versions[apiKey] ?? -1;
  }

  forget(conn: FakeConnection): void {
    this.connections.delete(conn);
  }

  private partitionOf(topic: string, partition: number): FakePartition {
    const p = this.topics.get(topic)?.[partition];
    if (p === undefined) throw new Error(`no partition ${topic}-${partition}`);
    return p;
  }

  /** Decides the fault for a request and records it. */
  faultFor(nodeId: number, apiKey: number, body: unknown): FaultAction {
    const fault = this.faults?.({ nodeId, apiKey, body }) ?? noFault;
    this.seen.push({ nodeId, apiKey, body, fault: fault.kind });
    return fault;
  }

  /** Handles a request as broker `nodeId`. */
  handle(nodeId: number, apiKey: number, body: unknown, fault: FaultAction): unknown {
    switch (apiKey) {
      case 3:
        return this.metadata(body as MetadataRequest);
      case 22:
        return { throttleTimeMs: 0, errorCode: 0, producerId: this.nextProducerId++, producerEpoch: 0 };
      case 0:
        return this.produce(nodeId, body as ProduceRequest<Records>, fault);
      default:
        throw new KafkaError(ErrorCode.UNSUPPORTED_VERSION, `fake broker does not serve api ${apiKey}`);
    }
  }

  private metadata(req: MetadataRequest): MetadataResponse {
    const names = req.topics === null ? [...this.topics.keys()] : req.topics.map((t) => t.name ?? '');
    const topics: MetadataResponseTopic[] = [];
    for (const name of names) {
      // Kafka creates an unknown topic and answers LEADER_NOT_AVAILABLE until its leaders are elected:
      // here the first request starts the creation, the next one sees the topic.
      if (this.creating.delete(name)) this.createTopic(name, this.defaultPartitions);
      const partitions = this.topics.get(name);
      if (partitions === undefined) {
        let errorCode: number = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (this.autoCreate && req.allowAutoTopicCreation && req.topics !== null) {
          this.creating.add(name);
          errorCode = ErrorCode.LEADER_NOT_AVAILABLE;
        }
        topics.push({
          errorCode,
          name,
          topicId: '00000000-0000-0000-0000-000000000000',
          isInternal: false,
          partitions: [],
          topicAuthorizedOperations: -2147483648,
        });
        continue;
      }
      topics.push({
        errorCode: 0,
        name,
        topicId: '00000000-0000-0000-0000-000000000000',
        isInternal: false,
        partitions: partitions.map((p, i) => ({
          errorCode: 0,
          partitionIndex: i,
          leaderId: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicaNodes: [p.leader],
          isrNodes: [p.leader],
          offlineReplicas: [],
        })),
        topicAuthorizedOperations: -2147483648,
      });
    }
    const brokers = [];
    for (let i = 0; i < this.brokerCount; i++)
      if (!this.down.has(i)) brokers.push({ ...this.address(i), rack: null });
    return {
      throttleTimeMs: 0,
      brokers,
      clusterId: 'fake-cluster',
      controllerId: 0,
      topics,
      clusterAuthorizedOperations: -2147483648,
    };
  }

  private produce(nodeId: number, req: ProduceRequest<Records>, fault: FaultAction): ProduceResponse {
    const responses = req.topicData.map((t) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((pd) =>
        this.producePartition(nodeId, t.name, pd.index, pd.records, fault),
      ),
    }));
    return { responses, throttleTimeMs: 0, nodeEndpoints: [] };
  }

  private producePartition(
    nodeId: number,
    topic: string,
    index: number,
    records: Records,
    fault: FaultAction,
  ): ProduceResponsePartitionProduceResponse {
    const answer = (
      errorCode: number,
      baseOffset = -1,
      leader = -1,
      leaderEpoch = -1,
      logAppendTimeMs = -1,
    ) => ({
      index,
      errorCode,
      baseOffset,
      logAppendTimeMs,
      logStartOffset: -1,
      recordErrors: [],
      errorMessage: null,
      currentLeader: { leaderId: leader, leaderEpoch },
    });
    if (fault.kind === 'error') return answer(fault.errorCode);
    const p = this.topics.get(topic)?.[index];
    if (p === undefined) return answer(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (p.leader !== nodeId) return answer(ErrorCode.NOT_LEADER_OR_FOLLOWER, -1, p.leader, p.leaderEpoch);
    if (records === null || !Buffer.isBuffer(records)) return answer(ErrorCode.CORRUPT_MESSAGE);
    try {
      // A copy, as the network would make: the log stamps offsets into the bytes it appends.
      const result = p.log.append(Buffer.from(records), { leaderEpoch: p.leaderEpoch });
      return answer(0, result.baseOffset, -1, -1, result.logAppendTime ?? -1);
    } catch (e) {
      if (e instanceof KafkaError) return answer(e.code);
      throw e;
    }
  }
}

/** One client connection to one fake broker. */
export class FakeConnection implements BrokerConnection {
  readonly nodeId: number;
  readonly brokerId: number;
  private readonly cluster: FakeCluster;
  private closedFlag = false;
  /** A request timed out here: the broker answers nothing more on this connection. */
  private stuck = false;
  private readonly outstanding = new Set<{ reject: (e: Error) => void; timer?: Timer }>();

  constructor(cluster: FakeCluster, brokerId: number, nodeId: number) {
    this.cluster = cluster;
    this.brokerId = brokerId;
    this.nodeId = nodeId;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  versionFor(apiKey: ClientApiKey): number {
    return this.cluster.versionFor(apiKey);
  }

  send<K extends ClientApiKey>(
    apiKey: K,
    body: RequestInputByKey[K],
    options?: RequestOptions,
  ): Promise<ResponseBodyByKey[K]> {
    if (this.closedFlag)
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection closed'));
    const latency = this.cluster.latencyMs;
    const clock = this.cluster.clock;
    return new Promise<ResponseBodyByKey[K]>((resolve, reject) => {
      const entry: { reject: (e: Error) => void; timer?: Timer } = { reject };
      this.outstanding.add(entry);
      const settle = (fn: () => void): void => {
        if (!this.outstanding.delete(entry)) return;
        entry.timer?.cancel();
        fn();
      };
      const timeoutMs = options?.timeoutMs ?? 30000;
      entry.timer = clock.setTimeout(
        () =>
          settle(() =>
            reject(new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `api ${apiKey} after ${timeoutMs} ms`)),
          ),
        timeoutMs,
      );
      clock.setTimeout(() => {
        if (this.closedFlag || this.cluster.down.has(this.brokerId)) return; // rejected by close()
        if (this.stuck) return; // behind a hung request: times out unprocessed
        const fault = this.cluster.faultFor(this.brokerId, apiKey, body);
        if (fault.kind === 'drop-request') {
          this.close();
          return;
        }
        let response: unknown;
        try {
          response = this.cluster.handle(this.brokerId, apiKey, body, fault);
        } catch (e) {
          settle(() => reject(e instanceof Error ? e : new Error(String(e))));
          return;
        }
        if (fault.kind === 'timeout') {
          this.stuck = true;
          return;
        }
        if (fault.kind === 'lose-response') {
          this.close();
          return;
        }
        clock.setTimeout(() => settle(() => resolve(response as ResponseBodyByKey[K])), latency);
      }, latency);
    });
  }

  sendNoResponse(body: RequestInputByKey[0]): Promise<void> {
    if (this.closedFlag)
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection closed'));
    const fault = this.cluster.faultFor(this.brokerId, 0, body);
    if (fault.kind === 'drop-request') {
      this.close();
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection closed'));
    }
    this.cluster.clock.setTimeout(() => {
      if (this.closedFlag) return;
      const response = this.cluster.handle(this.brokerId, 0, body, fault) as ProduceResponse;
      // acks=0: Kafka closes the connection when an append fails, so the client refreshes metadata.
      if (response.responses.some((t) => t.partitionResponses.some((p) => p.errorCode !== 0))) this.close();
    }, this.cluster.latencyMs);
    return Promise.resolve();
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.cluster.forget(this);
    for (const entry of [...this.outstanding]) {
      this.outstanding.delete(entry);
      entry.timer?.cancel();
      entry.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection closed'));
    }
  }
}
