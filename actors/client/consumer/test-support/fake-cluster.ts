/**
 * Test support (not exported): a fake Kafka cluster behind the client's ConnectionFactory port. Partition
 * data lives in real PartitionLogs on a SimulatedFileSystem; Metadata, ListOffsets and Fetch (with long
 * polling on the SimulatedClock) are answered from them; group APIs go to a real GroupCoordinator.
 * Every request and response is encoded and decoded with the real codecs at the negotiated version, and
 * each connection answers in request order, as a TCP connection to Kafka does.
 */
import { ErrorCode, KafkaError } from '../../../../core/errors/index.ts';
import { SeededRandom, SimulatedClock, SimulatedFileSystem } from '../../../../core/io/index.ts';
import { LogConfig, PartitionLog } from '../../../../core/log/index.ts';
import {
  brokerApiSupport,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type FetchRequest,
  type FetchResponse,
  type FetchResponsePartitionData,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
  type MetadataRequest,
  type MetadataResponse,
  type RequestInputByKey,
  type ResponseBodyByKey,
  type ResponseInputByKey,
} from '../../../../core/protocol/index.ts';
import {
  encodeRecordBatch,
  encodeRecordBatchAsync,
  type EncodeBatchOptions,
  type RecordInput,
} from '../../../../core/records/index.ts';
import {
  GroupCoordinator,
  consumerOffsetsTopic,
  findCoordinator,
  type GroupCoordinatorConfig,
} from '../../../coordinator/index.ts';
import type {
  BrokerAddress,
  BrokerConnection,
  ClientApiKey,
  ConnectionFactory,
  RequestOptions,
} from '../../connection.ts';

const zeroUuid = '00000000-0000-0000-0000-000000000000';

export interface FakeClusterOptions {
  readonly brokers?: number;
  readonly clock?: SimulatedClock;
  /** Force a version per API key (default: the broker's highest implemented one). */
  readonly versions?: Partial<Record<number, number>>;
  readonly groupConfig?: Partial<GroupCoordinatorConfig>;
  /** The broker hosting the group coordinator. */
  readonly coordinatorNode?: number;
}

interface FakePartition {
  readonly log: PartitionLog;
  leader: number;
  leaderEpoch: number;
}

interface LoggedRequest {
  readonly nodeId: number;
  readonly apiKey: number;
  readonly version: number;
  readonly clientId: string;
  readonly body: unknown;
}

/** Answers a request instead of the fake broker when it returns a body (fault injection). */
export type Interceptor = (nodeId: number, apiKey: number, body: unknown) => unknown;

export class FakeCluster implements ConnectionFactory {
  readonly clock: SimulatedClock;
  readonly fs = new SimulatedFileSystem();
  readonly brokerAddresses: BrokerAddress[];
  readonly coordinator: GroupCoordinator;
  readonly requests: LoggedRequest[] = [];
  readonly connections: FakeConnection[] = [];
  coordinatorNode: number;
  interceptor: Interceptor | undefined;
  /** Clients that crashed: their connections are gone and they cannot connect again. */
  readonly crashedClients = new Set<string>();
  /** Every offset the coordinator accepted, in the order it accepted them. */
  readonly commitLog: { groupId: string; topic: string; partition: number; offset: number }[] = [];
  private readonly versions: Partial<Record<number, number>>;
  private readonly partitions = new Map<string, FakePartition[]>();
  private readonly offsetsLog: PartitionLog;
  private offsetsLoaded: Promise<void> | undefined;
  private appendWaiters = new Set<() => void>();

  constructor(options: FakeClusterOptions = {}) {
    this.clock = options.clock ?? new SimulatedClock();
    this.versions = options.versions ?? {};
    this.coordinatorNode = options.coordinatorNode ?? 0;
    this.brokerAddresses = Array.from({ length: options.brokers ?? 1 }, (_, nodeId) => ({
      nodeId,
      host: `broker-${nodeId}`,
      port: 9092,
    }));
    this.offsetsLog = PartitionLog.open({
      fs: this.fs,
      clock: this.clock,
      dir: `/data/${consumerOffsetsTopic}-0`,
      topic: consumerOffsetsTopic,
      partition: 0,
      config: LogConfig.from({ 'cleanup.policy': 'compact' }),
    });
    this.coordinator = new GroupCoordinator({
      clock: this.clock,
      random: new SeededRandom(3),
      config: { 'offsets.topic.num.partitions': 1, ...options.groupConfig },
      appendToOffsetsTopic: (_partition, batch) => {
        this.offsetsLog.append(batch, { leaderEpoch: 0, origin: 'coordinator' });
        return Promise.resolve();
      },
    });
  }

  // ------------------------------------------------------------------ test controls

  createTopic(name: string, partitions: number, leaders?: readonly number[]): void {
    const list: FakePartition[] = [];
    for (let p = 0; p < partitions; p++) {
      list.push({
        log: PartitionLog.open({
          fs: this.fs,
          clock: this.clock,
          dir: `/data/${name}-${p}`,
          topic: name,
          partition: p,
          config: LogConfig.from({}),
        }),
        leader: leaders?.[p] ?? p % this.brokerAddresses.length,
        leaderEpoch: 0,
      });
    }
    this.partitions.set(name, list);
  }

  partition(topic: string, partition: number): FakePartition {
    const p = this.partitions.get(topic)?.[partition];
    if (p === undefined) throw new Error(`no partition ${topic}-${partition}`);
    return p;
  }

  /** Appends one batch; returns its base offset. Wakes long-polling fetches. */
  produce(
    topic: string,
    partition: number,
    records: readonly RecordInput[],
    options: EncodeBatchOptions = {},
  ): number {
    return this.append(
      topic,
      partition,
      encodeRecordBatch(records, { baseTimestamp: this.clock.now(), ...options }),
    );
  }

  /** produce() for every codec (zstd compresses asynchronously only). */
  async produceAsync(
    topic: string,
    partition: number,
    records: readonly RecordInput[],
    options: EncodeBatchOptions = {},
  ): Promise<number> {
    const batch = await encodeRecordBatchAsync(records, { baseTimestamp: this.clock.now(), ...options });
    return this.append(topic, partition, batch);
  }

  private append(topic: string, partition: number, batch: Buffer): number {
    const p = this.partition(topic, partition);
    const result = p.log.append(batch, { leaderEpoch: p.leaderEpoch });
    const waiters = this.appendWaiters;
    this.appendWaiters = new Set();
    for (const w of waiters) w();
    return result.baseOffset;
  }

  /** Produces `count` records with values `${prefix}${i}`, `perBatch` to a batch. */
  produceValues(
    topic: string,
    partition: number,
    count: number,
    perBatch = 10,
    prefix = `${topic}-${partition}-`,
  ): void {
    let i = 0;
    while (i < count) {
      const n = Math.min(perBatch, count - i);
      const records: RecordInput[] = [];
      for (let k = 0; k < n; k++, i++) records.push({ key: `k${i}`, value: `${prefix}${i}` });
      this.produce(topic, partition, records);
    }
  }

  /** Moves leadership to another broker with a new leader epoch. */
  moveLeader(topic: string, partition: number, leader: number): void {
    const p = this.partition(topic, partition);
    p.leader = leader;
    p.leaderEpoch++;
  }

  count(apiKey: number, nodeId?: number): number {
    return this.requests.filter((r) => r.apiKey === apiKey && (nodeId === undefined || r.nodeId === nodeId))
      .length;
  }

  // ------------------------------------------------------------------ ConnectionFactory

  bootstrap(): readonly BrokerAddress[] {
    return this.brokerAddresses;
  }

  /** The client's process died: its connections drop and nothing it sends arrives any more. */
  crash(clientId: string): void {
    this.crashedClients.add(clientId);
    for (const c of this.connections) if (c.clientId === clientId) c.close();
  }

  connect(address: BrokerAddress, options: { readonly clientId: string }): Promise<BrokerConnection> {
    if (this.crashedClients.has(options.clientId))
      return Promise.reject(
        new KafkaError(ErrorCode.NETWORK_EXCEPTION, `client ${options.clientId} crashed`),
      );
    const broker = this.brokerAddresses.find((b) => b.host === address.host && b.port === address.port);
    if (broker === undefined)
      return Promise.reject(
        new KafkaError(ErrorCode.NETWORK_EXCEPTION, `no broker at ${address.host}:${address.port}`),
      );
    const conn = new FakeConnection(this, broker.nodeId, options.clientId);
    this.connections.push(conn);
    return Promise.resolve(conn);
  }

  versionFor(apiKey: number): number {
    const forced = this.versions[apiKey];
    if (forced !== undefined) return forced;
    return brokerApiSupport(apiKey)?.implementedMax ?? -1;
  }

  // ------------------------------------------------------------------ request handling

  async handle(
    nodeId: number,
    apiKey: number,
    version: number,
    body: unknown,
    clientId: string,
  ): Promise<unknown> {
    this.requests.push({ nodeId, apiKey, version, clientId, body });
    const intercepted = this.interceptor?.(nodeId, apiKey, body);
    if (intercepted !== undefined) return intercepted;
    const ctx = { apiVersion: version, clientId, clientHost: '/127.0.0.1' };
    switch (apiKey) {
      case 1:
        return this.fetch(nodeId, body as FetchRequest);
      case 2:
        return this.listOffsets(nodeId, body as ListOffsetsRequest);
      case 3:
        return this.metadata(body as MetadataRequest);
      case 10:
        return findCoordinator(
          body as RequestInputByKey[10],
          version,
          () => this.brokerAddresses[this.coordinatorNode],
          1,
        );
    }
    if (nodeId !== this.coordinatorNode) return this.notCoordinator(apiKey, body);
    await this.ensureOffsetsLoaded();
    const c = this.coordinator;
    switch (apiKey) {
      case 8: {
        const request = body as RequestInputByKey[8];
        const response = await c.offsetCommit(request, ctx);
        for (const t of response.topics)
          for (const p of t.partitions) {
            if (p.errorCode !== 0) continue;
            const sent = request.topics
              .find((x) => x.name === t.name)
              ?.partitions.find((x) => x.partitionIndex === p.partitionIndex);
            if (sent !== undefined)
              this.commitLog.push({
                groupId: request.groupId,
                topic: t.name,
                partition: p.partitionIndex,
                offset: sent.committedOffset,
              });
          }
        return response;
      }
      case 9:
        return c.offsetFetch(body as RequestInputByKey[9], ctx);
      case 11:
        return c.joinGroup(body as RequestInputByKey[11], ctx);
      case 12:
        return c.heartbeat(body as RequestInputByKey[12], ctx);
      case 13:
        return c.leaveGroup(body as RequestInputByKey[13], ctx);
      case 14:
        return c.syncGroup(body as RequestInputByKey[14], ctx);
      default:
        throw new KafkaError(ErrorCode.UNSUPPORTED_VERSION, `fake broker does not serve API ${apiKey}`);
    }
  }

  private ensureOffsetsLoaded(): Promise<void> {
    this.offsetsLoaded ??= this.coordinator.loadPartition(0, this.offsetsLog);
    return this.offsetsLoaded;
  }

  /** Simulates the coordinator moving away: its groups are unloaded and must be reloaded from the log. */
  unloadCoordinator(): void {
    this.coordinator.unloadPartition(0);
    this.offsetsLoaded = undefined;
  }

  private notCoordinator(apiKey: number, body: unknown): unknown {
    const e = ErrorCode.NOT_COORDINATOR;
    switch (apiKey) {
      case 8: {
        const r = body as RequestInputByKey[8];
        return {
          throttleTimeMs: 0,
          topics: r.topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: e })),
          })),
        };
      }
      case 9:
        return { throttleTimeMs: 0, topics: [], errorCode: e, groups: [] };
      case 11:
        return {
          throttleTimeMs: 0,
          errorCode: e,
          generationId: -1,
          protocolType: null,
          protocolName: '',
          leader: '',
          skipAssignment: false,
          memberId: '',
          members: [],
        };
      case 12:
        return { throttleTimeMs: 0, errorCode: e };
      case 13:
        return { throttleTimeMs: 0, errorCode: e, members: [] };
      case 14:
        return {
          throttleTimeMs: 0,
          errorCode: e,
          protocolType: null,
          protocolName: null,
          assignment: Buffer.alloc(0),
        };
      default:
        throw new KafkaError(ErrorCode.UNSUPPORTED_VERSION, `fake broker does not serve API ${apiKey}`);
    }
  }

  private metadata(request: MetadataRequest): MetadataResponse {
    const names =
      request.topics === null ? [...this.partitions.keys()] : request.topics.map((t) => t.name ?? '');
    return {
      throttleTimeMs: 0,
      brokers: this.brokerAddresses.map((b) => ({ ...b, rack: null })),
      clusterId: 'fake-cluster',
      controllerId: 0,
      clusterAuthorizedOperations: -2147483648,
      topics: names.map((name) => {
        const list = this.partitions.get(name);
        if (list === undefined)
          return {
            errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            name,
            topicId: zeroUuid,
            isInternal: false,
            partitions: [],
            topicAuthorizedOperations: -2147483648,
          };
        return {
          errorCode: 0,
          name,
          topicId: zeroUuid,
          isInternal: false,
          topicAuthorizedOperations: -2147483648,
          partitions: list.map((p, i) => ({
            errorCode: 0,
            partitionIndex: i,
            leaderId: p.leader,
            leaderEpoch: p.leaderEpoch,
            replicaNodes: [p.leader],
            isrNodes: [p.leader],
            offlineReplicas: [],
          })),
        };
      }),
    };
  }

  private async listOffsets(nodeId: number, request: ListOffsetsRequest): Promise<ListOffsetsResponse> {
    const topics = [];
    for (const t of request.topics) {
      const partitions = [];
      for (const q of t.partitions) {
        const base = {
          partitionIndex: q.partitionIndex,
          oldStyleOffsets: [],
          timestamp: -1,
          offset: -1,
          leaderEpoch: -1,
        };
        const p = this.partitions.get(t.name)?.[q.partitionIndex];
        if (p === undefined) {
          partitions.push({ ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
        } else if (p.leader !== nodeId) {
          partitions.push({ ...base, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
        } else if (q.timestamp === -2) {
          partitions.push({
            ...base,
            errorCode: 0,
            offset: p.log.logStartOffset,
            leaderEpoch: p.leaderEpoch,
          });
        } else if (q.timestamp === -1) {
          partitions.push({ ...base, errorCode: 0, offset: p.log.highWatermark, leaderEpoch: p.leaderEpoch });
        } else {
          const found = await p.log.offsetForTimestamp(q.timestamp);
          partitions.push({
            ...base,
            errorCode: 0,
            offset: found?.offset ?? -1,
            timestamp: found?.timestamp ?? -1,
            leaderEpoch: p.leaderEpoch,
          });
        }
      }
      topics.push({ name: t.name, partitions });
    }
    return { throttleTimeMs: 0, topics };
  }

  private readFetch(nodeId: number, request: FetchRequest): { response: FetchResponse; bytes: number } {
    let bytes = 0;
    let budget = request.maxBytes;
    const responses = request.topics.map((t) => ({
      topic: t.topic,
      topicId: t.topicId,
      partitions: t.partitions.map((q): FetchResponsePartitionData => {
        const base: FetchResponsePartitionData = {
          partitionIndex: q.partition,
          errorCode: 0,
          highWatermark: -1,
          lastStableOffset: -1,
          logStartOffset: -1,
          divergingEpoch: { epoch: -1, endOffset: -1 },
          currentLeader: { leaderId: -1, leaderEpoch: -1 },
          snapshotId: { endOffset: -1, epoch: -1 },
          abortedTransactions: null,
          preferredReadReplica: -1,
          records: null,
        };
        const p = this.partitions.get(t.topic)?.[q.partition];
        if (p === undefined) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        if (p.leader !== nodeId) return { ...base, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
        if (q.currentLeaderEpoch >= 0 && q.currentLeaderEpoch < p.leaderEpoch)
          return { ...base, errorCode: ErrorCode.FENCED_LEADER_EPOCH };
        const hw = p.log.highWatermark;
        const withOffsets = {
          ...base,
          highWatermark: hw,
          lastStableOffset: hw,
          logStartOffset: p.log.logStartOffset,
        };
        try {
          // KIP-74: the first batch goes out whole even when larger than the limits.
          const max = Math.max(1, Math.min(q.partitionMaxBytes, budget));
          const read = p.log.read(q.fetchOffset, max, { maxOffset: hw });
          bytes += read.bytes.length;
          budget = Math.max(0, budget - read.bytes.length);
          return { ...withOffsets, records: Buffer.from(read.bytes) };
        } catch (e) {
          if (e instanceof KafkaError) return { ...withOffsets, errorCode: e.code };
          throw e;
        }
      }),
    }));
    return {
      response: { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses, nodeEndpoints: [] },
      bytes,
    };
  }

  private async fetch(nodeId: number, request: FetchRequest): Promise<FetchResponse> {
    const first = this.readFetch(nodeId, request);
    const anyError = first.response.responses.some((t) => t.partitions.some((p) => p.errorCode !== 0));
    if (first.bytes >= Math.max(1, request.minBytes) || anyError) return first.response;
    // Long poll: wait for an append or maxWaitMs on the clock.
    await new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.appendWaiters.delete(done);
        resolve();
      }, request.maxWaitMs);
      const done = (): void => {
        timer.cancel();
        resolve();
      };
      this.appendWaiters.add(done);
    });
    return this.readFetch(nodeId, request).response;
  }
}

export class FakeConnection implements BrokerConnection {
  readonly nodeId: number;
  private readonly cluster: FakeCluster;
  readonly clientId: string;
  private tail: Promise<unknown> = Promise.resolve();
  private correlationId = 0;
  private closedFlag = false;
  private readonly rejectors = new Set<(e: KafkaError) => void>();

  constructor(cluster: FakeCluster, nodeId: number, clientId: string) {
    this.cluster = cluster;
    this.nodeId = nodeId;
    this.clientId = clientId;
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
    const version = this.versionFor(apiKey);
    const correlationId = ++this.correlationId;
    // Round trip through the real codecs: what the client sends must encode at this version.
    const frame = Buffer.concat(
      encodeRequest({ apiKey, apiVersion: version, correlationId, clientId: this.clientId }, body),
    ).subarray(4);
    const decoded = decodeRequest(frame);
    const handled = this.cluster.handle(this.nodeId, apiKey, version, decoded.body, this.clientId);
    const inOrder = this.tail.then(() => handled);
    this.tail = inOrder.catch(() => undefined);
    return new Promise<ResponseBodyByKey[K]>((resolve, reject) => {
      let settled = false;
      const fail = (e: KafkaError): void => {
        if (settled) return;
        settled = true;
        timer?.cancel();
        this.rejectors.delete(fail);
        reject(e);
      };
      this.rejectors.add(fail);
      const timeoutMs = options?.timeoutMs;
      const timer =
        timeoutMs === undefined
          ? undefined
          : this.cluster.clock.setTimeout(
              () => fail(new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `api ${apiKey} after ${timeoutMs} ms`)),
              timeoutMs,
            );
      inOrder.then(
        (response) => {
          if (settled) return;
          if (this.closedFlag) return fail(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection closed'));
          settled = true;
          timer?.cancel();
          this.rejectors.delete(fail);
          const out = Buffer.concat(
            encodeResponse(apiKey, version, correlationId, response as ResponseInputByKey[K]),
          ).subarray(4);
          resolve(decodeResponse(apiKey, version, out).body);
        },
        (e: unknown) =>
          fail(e instanceof KafkaError ? e : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, String(e))),
      );
    });
  }

  sendNoResponse(): Promise<void> {
    return Promise.reject(new KafkaError(ErrorCode.UNSUPPORTED_VERSION, 'not used by consumers'));
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const r of [...this.rejectors]) r(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'connection closed'));
  }
}
