// The active controller: the single writer of `__cluster_metadata`. It registers brokers (their epoch
// is the offset of their registration record, as in KRaft), tracks their heartbeats on the Clock and
// fences a broker whose session expires (moving leadership off it and out of every ISR), creates and
// deletes topics with balanced replica assignment, accepts or rejects leaders' ISR changes
// (AlterPartition, with KIP-903 broker-epoch checks), and hands out producer id blocks. Brokers
// replicate the metadata log from it (FETCH_METADATA, long-polled); a controller started on another
// broker rebuilds the same image by replaying that broker's copy.
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock, Random, Timer } from '../../core/io/index.ts';
import type { PartitionLog } from '../../core/log/index.ts';
import { batchPositions, encodeRecordBatch, forEachRecord } from '../../core/records/index.ts';
import { ClusterImage, type PartitionInfo, type TopicInfo } from './cluster-image.ts';
import type {
  ConfigChange,
  ControllerRequest,
  ControllerResponse,
  CreateTopicSpec,
  TopicResult,
} from './controller-messages.ts';
import { electLeader } from './leader-election.ts';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecord } from './metadata-records.ts';
import { assignReplicas } from './replica-assignment.ts';
import { validateTopicConfigs } from './topic-config.ts';

/** Controller settings under Kafka's names, with Kafka's defaults. */
export interface ControllerConfig {
  /** A broker without a heartbeat for this long is fenced. */
  readonly 'broker.session.timeout.ms': number;
  readonly 'broker.heartbeat.interval.ms': number;
  readonly 'unclean.leader.election.enable': boolean;
  readonly 'num.partitions': number;
  readonly 'default.replication.factor': number;
  /** Producer ids handed to a broker per request (KRaft: 1000). */
  readonly 'producer.id.block.size': number;
  /**
   * How long an admin write (topics, partitions, configs, producer-id blocks) waits to be committed,
   * that is fetched by a majority of the registered brokers (the controller's own among them), before
   * the request is answered REQUEST_TIMED_OUT. It must stay below the brokers'
   * controller.request.timeout.ms so the forwarding broker gets this answer rather than its own timeout.
   * A committed write survives the loss of any minority of brokers: the next controller is the live
   * broker with the latest-epoch, longest metadata log, which holds every committed record.
   */
  readonly 'metadata.replication.wait.ms': number;
}

export const controllerConfigDefaults: ControllerConfig = Object.freeze({
  'broker.session.timeout.ms': 9000,
  'broker.heartbeat.interval.ms': 2000,
  'unclean.leader.election.enable': false,
  'num.partitions': 1,
  'default.replication.factor': 1,
  'producer.id.block.size': 1000,
  'metadata.replication.wait.ms': 4000,
});

export interface ControllerOptions {
  /** The broker hosting this controller. */
  readonly brokerId: number;
  /** This controller's epoch: higher than every previous controller's (stamped on its metadata batches). */
  readonly epoch: number;
  readonly clock: Clock;
  readonly random: Random;
  /** The host broker's copy of `__cluster_metadata` (a log whose high watermark follows its end). */
  readonly log: PartitionLog;
  readonly config?: Partial<ControllerConfig>;
}

/** Kafka's legal topic names. */
const legalTopicChars = /^[a-zA-Z0-9._-]+$/;
export const topicNameLengthMax = 249;

/** The reason a topic name is invalid, or undefined when it is legal. */
export function invalidTopicName(name: string): string | undefined {
  if (name.length === 0) return 'topic name is empty';
  if (name === '.' || name === '..') return `topic name cannot be "${name}"`;
  if (name.length > topicNameLengthMax) return `topic name is longer than ${topicNameLengthMax} characters`;
  if (!legalTopicChars.test(name)) {
    return `topic name "${name}" is illegal: only ASCII alphanumerics, '.', '_' and '-' are allowed`;
  }
  return undefined;
}

const metadataFetchMaxBytes = 1024 * 1024;

/** The metadata log's own name: a topic of that name would share its partition folder on every broker. */
const clusterMetadataTopic = '__cluster_metadata';

interface ReplicationWaiter {
  readonly offset: number;
  readonly resolve: () => void;
  readonly abandon: () => void;
}

function result(name: string, errorCode: number, errorMessage: string | null = null): TopicResult {
  return { name, errorCode, errorMessage };
}

function errorResult(name: string, err: unknown): TopicResult {
  if (err instanceof KafkaError) return result(name, err.code, err.message);
  return result(name, ErrorCode.UNKNOWN_SERVER_ERROR, (err as Error).message ?? String(err));
}

/** A topic id: 22 characters of url-safe base64 of 16 random bytes, like Kafka's Uuid. */
function newTopicId(random: Random): string {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) bytes[i] = random.int(256);
  return bytes.toString('base64url');
}

export class Controller {
  readonly brokerId: number;
  readonly epoch: number;
  readonly image = new ClusterImage();
  readonly config: ControllerConfig;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly log: PartitionLog;
  private readonly lastHeartbeat = new Map<number, number>();
  /** Per broker: the metadata offset it has fetched up to (its next fetch offset). */
  private readonly fetchedUpTo = new Map<number, number>();
  /** Brokers asking for a controlled shutdown. */
  private readonly shuttingDown = new Set<number>();
  private replicationWaiters: ReplicationWaiter[] = [];
  private readonly fetchWaiters = new Set<() => void>();
  private sessionTimer: Timer | undefined;
  private stopped = false;

  constructor(options: ControllerOptions) {
    this.brokerId = options.brokerId;
    this.epoch = options.epoch;
    this.clock = options.clock;
    this.random = options.random;
    this.log = options.log;
    this.config = Object.freeze({ ...controllerConfigDefaults, ...options.config });
  }

  /** Rebuilds the image from the metadata log and starts the session checks. */
  start(): void {
    // Brokers detect divergence by epoch: an epoch not above the log's would stamp this controller's
    // batches as an older controller's (and the log's epoch cache would not record where they start).
    const latest = this.log.leaderEpochCache.latestEpoch();
    if (this.epoch <= latest) {
      throw new KafkaError(
        ErrorCode.STALE_CONTROLLER_EPOCH,
        `controller epoch ${this.epoch} is not above epoch ${latest} of the metadata log`,
      );
    }
    this.replay();
    const now = this.clock.now();
    // Brokers alive under the previous controller get a full session to find this one.
    for (const b of this.image.brokers.values()) if (!b.fenced) this.lastHeartbeat.set(b.brokerId, now);
    this.fetchedUpTo.set(this.brokerId, this.log.logEndOffset);
    this.scheduleSessionCheck();
  }

  stop(): void {
    this.stopped = true;
    this.sessionTimer?.cancel();
    for (const w of this.replicationWaiters) w.abandon();
    this.replicationWaiters = [];
    for (const wake of [...this.fetchWaiters]) wake();
  }

  private replay(): void {
    let offset = this.log.logStartOffset;
    while (offset < this.log.logEndOffset) {
      const r = this.log.read(offset, metadataFetchMaxBytes);
      if (r.nextOffset <= offset) break;
      for (const [pos, size] of batchPositions(r.bytes)) {
        forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
          if (rec.value !== null) this.image.apply(decodeMetadataRecord(rec.value), rec.offset);
        });
      }
      offset = r.nextOffset;
    }
  }

  get logEndOffset(): number {
    return this.log.logEndOffset;
  }

  // ------------------------------------------------------------------ writing the metadata log

  /** Appends records (one batch, fsynced), applies them to the image, wakes metadata fetchers. */
  private write(records: readonly MetadataRecord[]): number {
    if (records.length === 0) return this.log.logEndOffset;
    if (this.stopped) throw new KafkaError(ErrorCode.NOT_CONTROLLER, 'controller stopped');
    const batch = encodeRecordBatch(
      records.map((r) => ({ key: null, value: encodeMetadataRecord(r) })),
      { baseTimestamp: Math.floor(this.clock.now()) },
    );
    const appended = this.log.append(batch, { leaderEpoch: this.epoch });
    this.log.flush();
    this.log.updateHighWatermark(this.log.logEndOffset);
    records.forEach((r, i) => this.image.apply(r, appended.baseOffset + i));
    this.fetchedUpTo.set(this.brokerId, this.log.logEndOffset);
    for (const wake of [...this.fetchWaiters]) wake();
    return appended.lastOffset;
  }

  /**
   * Resolves true once the record at `offset` is committed (a majority of the registered brokers has
   * fetched it), false after metadata.replication.wait.ms without that; rejects with NOT_CONTROLLER if
   * this controller stops first.
   */
  private replicated(offset: number): Promise<boolean> {
    if (this.committed(offset)) return Promise.resolve(true);
    return new Promise<boolean>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.replicationWaiters = this.replicationWaiters.filter((w) => w !== waiter);
        resolve(false);
      }, this.config['metadata.replication.wait.ms']);
      const waiter: ReplicationWaiter = {
        offset,
        resolve: () => {
          timer.cancel();
          resolve(true);
        },
        abandon: () => {
          timer.cancel();
          reject(
            new KafkaError(ErrorCode.NOT_CONTROLLER, 'the controller stopped before the write was committed'),
          );
        },
      };
      this.replicationWaiters.push(waiter);
    });
  }

  /**
   * Waits for what was written since `before` (the log end offset before the operation) to commit;
   * turns the successful results into REQUEST_TIMED_OUT if it does not.
   */
  private async committedResults(before: number, results: TopicResult[]): Promise<TopicResult[]> {
    const offset = this.log.logEndOffset - 1;
    if (offset < before || !results.some((r) => r.errorCode === ErrorCode.NONE)) return results;
    if (await this.replicated(offset)) return results;
    const why = this.notCommittedMessage(offset);
    return results.map((r) =>
      r.errorCode === ErrorCode.NONE ? result(r.name, ErrorCode.REQUEST_TIMED_OUT, why) : r,
    );
  }

  private notCommittedMessage(offset: number): string {
    const { have, voters } = this.fetchedCount(offset);
    return (
      `metadata record ${offset} was written but not committed: ${have} of ${voters} brokers fetched it ` +
      `within ${this.config['metadata.replication.wait.ms']} ms (a majority is needed); it may still commit`
    );
  }

  /** Voters are the registered brokers (a static set once the cluster formed) and the controller's own. */
  private fetchedCount(offset: number): { have: number; voters: number } {
    let have = 0;
    let voters = 0;
    const count = (id: number): void => {
      voters++;
      if ((this.fetchedUpTo.get(id) ?? -1) > offset) have++;
    };
    for (const id of this.image.brokers.keys()) count(id);
    if (!this.image.brokers.has(this.brokerId)) count(this.brokerId);
    return { have, voters };
  }

  /** A record is committed once a majority of the voters has fetched it (Raft's commit rule). */
  private committed(offset: number): boolean {
    const { have, voters } = this.fetchedCount(offset);
    return have >= Math.floor(voters / 2) + 1;
  }

  private checkReplicationWaiters(): void {
    if (this.replicationWaiters.length === 0) return;
    const keep: ReplicationWaiter[] = [];
    for (const w of this.replicationWaiters) {
      if (this.committed(w.offset)) w.resolve();
      else keep.push(w);
    }
    this.replicationWaiters = keep;
  }

  // ------------------------------------------------------------------ requests

  /** Answers one request; never throws (errors become error codes). */
  async handle(request: ControllerRequest): Promise<ControllerResponse> {
    try {
      return await this.dispatch(request);
    } catch (err) {
      const code = err instanceof KafkaError ? err.code : ErrorCode.UNKNOWN_SERVER_ERROR;
      return errorResponse(request, code);
    }
  }

  private async dispatch(request: ControllerRequest): Promise<ControllerResponse> {
    if (this.stopped) return errorResponse(request, ErrorCode.NOT_CONTROLLER);
    switch (request.type) {
      case 'REGISTER_BROKER': {
        const brokerEpoch = this.registerBroker(request.brokerId, request.host, request.port, request.rack);
        return { type: 'REGISTERED', errorCode: ErrorCode.NONE, brokerEpoch };
      }
      case 'HEARTBEAT':
        return this.heartbeat(request);
      case 'FETCH_METADATA':
        return this.fetchMetadata(request);
      case 'ALTER_PARTITION':
        return this.alterPartition(request);
      case 'CREATE_TOPICS': {
        const before = this.log.logEndOffset;
        const results = await this.committedResults(
          before,
          request.topics.map((t) => this.createTopic(t, request.validateOnly)),
        );
        return { type: 'RESULTS', errorCode: ErrorCode.NONE, results, logEndOffset: this.log.logEndOffset };
      }
      case 'DELETE_TOPICS': {
        const before = this.log.logEndOffset;
        const results = await this.committedResults(
          before,
          request.names.map((name) => this.deleteTopic(name)),
        );
        return { type: 'RESULTS', errorCode: ErrorCode.NONE, results, logEndOffset: this.log.logEndOffset };
      }
      case 'CREATE_PARTITIONS': {
        const before = this.log.logEndOffset;
        const results = await this.committedResults(
          before,
          request.topics.map((t) => this.createPartitions(t.name, t.totalCount, request.validateOnly)),
        );
        return { type: 'RESULTS', errorCode: ErrorCode.NONE, results, logEndOffset: this.log.logEndOffset };
      }
      case 'ALTER_CONFIGS': {
        const before = this.log.logEndOffset;
        const results = await this.committedResults(
          before,
          this.alterConfigs(request.changes, request.validateOnly),
        );
        return { type: 'RESULTS', errorCode: ErrorCode.NONE, results, logEndOffset: this.log.logEndOffset };
      }
      case 'ALLOCATE_PRODUCER_IDS': {
        this.checkBrokerEpoch(request.brokerId, request.brokerEpoch);
        const first = this.image.nextProducerId;
        const count = this.config['producer.id.block.size'];
        const end = this.write([
          {
            type: 'ProducerIds',
            brokerId: request.brokerId,
            brokerEpoch: request.brokerEpoch,
            nextProducerId: first + count,
          },
        ]);
        if (!(await this.replicated(end))) {
          throw new KafkaError(ErrorCode.REQUEST_TIMED_OUT, this.notCommittedMessage(end));
        }
        return { type: 'PRODUCER_IDS', errorCode: ErrorCode.NONE, firstProducerId: first, count };
      }
      case 'CONTROLLED_SHUTDOWN': {
        this.checkBrokerEpoch(request.brokerId, request.brokerEpoch);
        this.shuttingDown.add(request.brokerId);
        this.fenceBroker(request.brokerId);
        return { type: 'HEARTBEAT', errorCode: ErrorCode.NONE, fenced: true, shouldShutDown: true };
      }
      default: {
        const never: never = request;
        return never;
      }
    }
  }

  private checkBrokerEpoch(brokerId: number, brokerEpoch: number): void {
    const b = this.image.brokers.get(brokerId);
    if (b === undefined || b.brokerEpoch !== brokerEpoch) {
      throw new KafkaError(
        ErrorCode.STALE_BROKER_EPOCH,
        `broker ${brokerId} epoch ${brokerEpoch} is not its registered epoch ${b?.brokerEpoch ?? 'none'}`,
      );
    }
  }

  // ------------------------------------------------------------------ brokers

  /** Registers a broker (a restart is a new incarnation: the old one is fenced first). Returns its epoch. */
  registerBroker(brokerId: number, host: string, port: number, rack: string | null): number {
    if (!Number.isInteger(brokerId) || brokerId < 0) {
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `invalid broker id ${brokerId}`);
    }
    const previous = this.image.brokers.get(brokerId);
    if (previous !== undefined && !previous.fenced) this.fenceBroker(brokerId);
    this.shuttingDown.delete(brokerId);
    const brokerEpoch = this.log.logEndOffset;
    this.write([{ type: 'RegisterBroker', brokerId, brokerEpoch, host, port, rack }]);
    this.lastHeartbeat.set(brokerId, this.clock.now());
    return brokerEpoch;
  }

  private heartbeat(request: Extract<ControllerRequest, { type: 'HEARTBEAT' }>): ControllerResponse {
    const b = this.image.brokers.get(request.brokerId);
    if (b === undefined || b.brokerEpoch !== request.brokerEpoch) {
      return {
        type: 'HEARTBEAT',
        errorCode: ErrorCode.STALE_BROKER_EPOCH,
        fenced: true,
        shouldShutDown: false,
      };
    }
    this.lastHeartbeat.set(request.brokerId, this.clock.now());
    if (request.wantShutdown) {
      this.shuttingDown.add(request.brokerId);
      if (!b.fenced) this.fenceBroker(request.brokerId);
      return { type: 'HEARTBEAT', errorCode: ErrorCode.NONE, fenced: true, shouldShutDown: true };
    }
    // Unfence once the broker has caught up with the metadata log past its own registration.
    if (b.fenced && request.metadataOffset > b.brokerEpoch && !this.shuttingDown.has(b.brokerId)) {
      this.unfenceBroker(b.brokerId, b.brokerEpoch);
    }
    return { type: 'HEARTBEAT', errorCode: ErrorCode.NONE, fenced: b.fenced, shouldShutDown: false };
  }

  private isAlive = (brokerId: number): boolean => {
    const b = this.image.brokers.get(brokerId);
    return b !== undefined && !b.fenced;
  };

  private unfenceBroker(brokerId: number, brokerEpoch: number): void {
    const records: MetadataRecord[] = [{ type: 'UnfenceBroker', brokerId, brokerEpoch }];
    // Offline partitions this broker can now lead (it is in their ISR, or unclean election is on).
    const alive = (id: number): boolean => id === brokerId || this.isAlive(id);
    const partitions = this.allPartitions().filter((p) => p.replicas.includes(brokerId));
    records.push(...this.offlineElections(partitions, alive));
    this.write(records);
  }

  /** Leader elections for the offline ones among `partitions`, as PartitionChange records. */
  private offlineElections(
    partitions: readonly PartitionInfo[],
    alive: (brokerId: number) => boolean,
  ): MetadataRecord[] {
    const records: MetadataRecord[] = [];
    for (const p of partitions) {
      if (p.leader !== -1) continue;
      const elected = electLeader(p.replicas, p.isr, alive, this.uncleanFor(p.topic));
      if (elected.leader === -1) continue;
      records.push({
        type: 'PartitionChange',
        topicId: p.topicId,
        partition: p.partition,
        leader: elected.leader,
        isr: elected.unclean ? [elected.leader] : null,
        replicas: null,
      });
    }
    return records;
  }

  /** Fences a broker: out of every ISR (unless it is the last member), leadership moved elsewhere. */
  fenceBroker(brokerId: number): void {
    const b = this.image.brokers.get(brokerId);
    if (b === undefined || b.fenced) return;
    const records: MetadataRecord[] = [{ type: 'FenceBroker', brokerId, brokerEpoch: b.brokerEpoch }];
    const alive = (id: number): boolean => id !== brokerId && this.isAlive(id);
    for (const p of this.allPartitions()) {
      if (!p.replicas.includes(brokerId)) continue;
      const inIsr = p.isr.includes(brokerId);
      // The last ISR member stays in the ISR (it holds every committed record): the partition goes offline.
      const isr = inIsr && p.isr.length > 1 ? p.isr.filter((id) => id !== brokerId) : p.isr;
      let leader = p.leader;
      let uncleanIsr: number[] | null = null;
      if (p.leader === brokerId || p.leader === -1) {
        const elected = electLeader(p.replicas, isr, alive, this.uncleanFor(p.topic));
        leader = elected.leader;
        if (elected.unclean) uncleanIsr = [elected.leader];
      }
      const isrChanged = uncleanIsr !== null || isr.length !== p.isr.length;
      if (leader === p.leader && !isrChanged) continue;
      records.push({
        type: 'PartitionChange',
        topicId: p.topicId,
        partition: p.partition,
        leader: leader === p.leader ? null : leader,
        isr: uncleanIsr ?? (isrChanged ? isr : null),
        replicas: null,
      });
    }
    this.write(records);
  }

  /**
   * Arms the session timer for the earliest session expiry, so a broker is fenced exactly
   * broker.session.timeout.ms after its last heartbeat (as KRaft schedules its stale-broker check).
   * Deadlines only move later (heartbeats) or start a full session from now (registration, a new
   * controller), so the timer never fires after one of them.
   */
  private scheduleSessionCheck(): void {
    if (this.stopped) return;
    this.sessionTimer?.cancel();
    const timeout = this.config['broker.session.timeout.ms'];
    const now = this.clock.now();
    let next = now + timeout;
    for (const b of this.image.brokers.values()) {
      if (b.fenced || b.brokerId === this.brokerId) continue;
      next = Math.min(next, (this.lastHeartbeat.get(b.brokerId) ?? 0) + timeout);
    }
    this.sessionTimer = this.clock.setTimeout(
      () => {
        this.checkSessions();
        this.scheduleSessionCheck();
      },
      Math.max(1, next - now),
    );
  }

  /** Fences every unfenced broker whose last heartbeat is older than the session timeout. */
  checkSessions(): void {
    const now = this.clock.now();
    for (const b of [...this.image.brokers.values()]) {
      if (b.fenced || b.brokerId === this.brokerId) continue;
      const last = this.lastHeartbeat.get(b.brokerId) ?? 0;
      if (now - last >= this.config['broker.session.timeout.ms']) this.fenceBroker(b.brokerId);
    }
  }

  // ------------------------------------------------------------------ metadata replication

  private async fetchMetadata(
    request: Extract<ControllerRequest, { type: 'FETCH_METADATA' }>,
  ): Promise<ControllerResponse> {
    const base = { type: 'METADATA' as const, controllerEpoch: this.epoch };
    // Divergence (a broker that fetched from an older controller records this one never had).
    if (request.lastFetchedEpoch >= 0 && request.fetchOffset > 0) {
      const end = this.log.endOffsetForEpoch(request.lastFetchedEpoch);
      if (end.epoch !== request.lastFetchedEpoch || end.endOffset < request.fetchOffset) {
        return {
          ...base,
          errorCode: ErrorCode.NONE,
          records: Buffer.alloc(0),
          logEndOffset: this.log.logEndOffset,
          divergingEpoch: end,
        };
      }
    }
    if (request.fetchOffset > this.log.logEndOffset) {
      return {
        ...base,
        errorCode: ErrorCode.OFFSET_OUT_OF_RANGE,
        records: Buffer.alloc(0),
        logEndOffset: this.log.logEndOffset,
      };
    }
    this.noteFetched(request.brokerId, request.fetchOffset);
    if (request.fetchOffset === this.log.logEndOffset && request.maxWaitMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          timer.cancel();
          this.fetchWaiters.delete(wake);
          resolve();
        };
        const timer = this.clock.setTimeout(wake, request.maxWaitMs);
        this.fetchWaiters.add(wake);
      });
    }
    if (request.fetchOffset >= this.log.logEndOffset) {
      return {
        ...base,
        errorCode: ErrorCode.NONE,
        records: Buffer.alloc(0),
        logEndOffset: this.log.logEndOffset,
      };
    }
    const r = this.log.read(request.fetchOffset, metadataFetchMaxBytes);
    return { ...base, errorCode: ErrorCode.NONE, records: r.bytes, logEndOffset: this.log.logEndOffset };
  }

  private noteFetched(brokerId: number, offset: number): void {
    if ((this.fetchedUpTo.get(brokerId) ?? -1) < offset) this.fetchedUpTo.set(brokerId, offset);
    this.checkReplicationWaiters();
  }

  // ------------------------------------------------------------------ partitions

  private allPartitions(): PartitionInfo[] {
    const out: PartitionInfo[] = [];
    for (const t of this.image.topicsByName.values())
      for (const p of t.partitions) if (p !== undefined) out.push(p);
    return out;
  }

  private uncleanFor(topic: string): boolean {
    const v = this.image.topicsByName.get(topic)?.configs.get('unclean.leader.election.enable');
    return v === undefined ? this.config['unclean.leader.election.enable'] : v === 'true';
  }

  /**
   * Applies an ISR change proposed by a partition's leader and answers once it is committed (the leader
   * keeps using the maximal ISR meanwhile, KIP-497), or REQUEST_TIMED_OUT so the leader aborts it.
   */
  private async alterPartition(
    request: Extract<ControllerRequest, { type: 'ALTER_PARTITION' }>,
  ): Promise<ControllerResponse> {
    const reject = (errorCode: number, p?: PartitionInfo): ControllerResponse => ({
      type: 'ALTER_PARTITION',
      errorCode,
      isr: p?.isr ?? [],
      leaderEpoch: p?.leaderEpoch ?? -1,
      partitionEpoch: p?.partitionEpoch ?? -1,
    });
    const b = this.image.brokers.get(request.brokerId);
    if (b === undefined || b.brokerEpoch !== request.brokerEpoch || b.fenced) {
      return reject(ErrorCode.STALE_BROKER_EPOCH);
    }
    const p = this.image.partition(request.topic, request.partition);
    if (p === undefined) return reject(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (request.leaderEpoch < p.leaderEpoch) return reject(ErrorCode.FENCED_LEADER_EPOCH, p);
    // Kafka's codes (ReplicationControlManager): epochs ahead of the controller's mean this controller
    // is behind (NOT_CONTROLLER, the broker retries elsewhere); a proposal from a non-leader is invalid.
    if (request.leaderEpoch > p.leaderEpoch) return reject(ErrorCode.NOT_CONTROLLER, p);
    if (p.leader !== request.brokerId) return reject(ErrorCode.INVALID_REQUEST, p);
    if (request.partitionEpoch > p.partitionEpoch) return reject(ErrorCode.NOT_CONTROLLER, p);
    if (request.partitionEpoch < p.partitionEpoch) return reject(ErrorCode.INVALID_UPDATE_VERSION, p);
    const isr = request.isrWithBrokerEpochs.map((m) => m.brokerId);
    // As Kafka's Replicas.validateIsr: distinct replicas of the partition, the leader among them.
    const wellFormed =
      new Set(isr).size === isr.length &&
      isr.every((id) => p.replicas.includes(id)) &&
      isr.includes(p.leader);
    if (!wellFormed) return reject(ErrorCode.INVALID_REQUEST, p);
    for (const m of request.isrWithBrokerEpochs) {
      const member = this.image.brokers.get(m.brokerId);
      const eligible =
        member !== undefined &&
        !member.fenced &&
        !this.shuttingDown.has(m.brokerId) &&
        (m.brokerEpoch < 0 || m.brokerEpoch === member.brokerEpoch);
      if (!eligible) return reject(ErrorCode.INELIGIBLE_REPLICA, p);
    }
    const end = this.write([
      {
        type: 'PartitionChange',
        topicId: p.topicId,
        partition: p.partition,
        leader: null,
        isr,
        replicas: null,
      },
    ]);
    if (!(await this.replicated(end))) return reject(ErrorCode.REQUEST_TIMED_OUT, p);
    return {
      type: 'ALTER_PARTITION',
      errorCode: ErrorCode.NONE,
      isr: p.isr,
      leaderEpoch: p.leaderEpoch,
      partitionEpoch: p.partitionEpoch,
    };
  }

  // ------------------------------------------------------------------ topics

  createTopic(spec: CreateTopicSpec, validateOnly: boolean): TopicResult {
    try {
      const invalid = invalidTopicName(spec.name);
      if (invalid !== undefined) throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, invalid);
      if (spec.name === clusterMetadataTopic) {
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          `creation of internal topic ${clusterMetadataTopic} is prohibited`,
        );
      }
      if (this.image.topicsByName.has(spec.name)) {
        throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `topic '${spec.name}' already exists`);
      }
      const collision = this.collidingTopic(spec.name);
      if (collision !== undefined) {
        throw new KafkaError(
          ErrorCode.INVALID_TOPIC_EXCEPTION,
          `topic '${spec.name}' collides with existing topic '${collision}'`,
        );
      }
      const configs = spec.configs ?? {};
      // Validates the topic configs (throws INVALID_CONFIG with the key).
      validateTopicConfigs(configs);
      const live = this.image.liveBrokerIds();
      let assignment: number[][];
      if (spec.assignments !== undefined && spec.assignments.length > 0) {
        const size = spec.assignments[0]!.length;
        assignment = spec.assignments.map((replicas, i) => {
          if (replicas.length === 0 || new Set(replicas).size !== replicas.length) {
            throw new KafkaError(
              ErrorCode.INVALID_REPLICA_ASSIGNMENT,
              `partition ${i}: invalid replica list`,
            );
          }
          if (replicas.length !== size) {
            throw new KafkaError(
              ErrorCode.INVALID_REPLICA_ASSIGNMENT,
              `partition ${i} has ${replicas.length} replicas, partition 0 has ${size}: every partition needs the same number`,
            );
          }
          for (const r of replicas) {
            if (!this.image.brokers.has(r)) {
              throw new KafkaError(
                ErrorCode.INVALID_REPLICA_ASSIGNMENT,
                `partition ${i}: unknown broker ${r}`,
              );
            }
          }
          return [...replicas];
        });
      } else {
        const partitions = spec.numPartitions === -1 ? this.config['num.partitions'] : spec.numPartitions;
        const rf =
          spec.replicationFactor === -1 ? this.config['default.replication.factor'] : spec.replicationFactor;
        if (partitions <= 0) {
          throw new KafkaError(
            ErrorCode.INVALID_PARTITIONS,
            `number of partitions must be > 0, got ${partitions}`,
          );
        }
        if (rf <= 0) {
          throw new KafkaError(
            ErrorCode.INVALID_REPLICATION_FACTOR,
            `replication factor must be > 0, got ${rf}`,
          );
        }
        if (rf > live.length) {
          throw new KafkaError(
            ErrorCode.INVALID_REPLICATION_FACTOR,
            `replication factor ${rf} larger than available brokers ${live.length}`,
          );
        }
        assignment = assignReplicas(live, partitions, rf, {
          start: this.random.int(live.length),
          shift: this.random.int(live.length),
        });
      }
      const rf = assignment[0]!.length;
      if (validateOnly) {
        return {
          ...result(spec.name, ErrorCode.NONE),
          topicId: '',
          numPartitions: assignment.length,
          replicationFactor: rf,
        };
      }
      const topicId = newTopicId(this.random);
      const records: MetadataRecord[] = [{ type: 'Topic', name: spec.name, topicId }];
      for (const [key, value] of Object.entries(configs)) {
        records.push({ type: 'Config', resourceType: 'topic', resourceName: spec.name, key, value });
      }
      assignment.forEach((replicas, partition) => {
        const isr = replicas.filter((r) => this.isAlive(r));
        const leader = isr[0] ?? -1;
        records.push({
          type: 'Partition',
          topicId,
          partition,
          replicas,
          isr: isr.length > 0 ? isr : replicas,
          leader,
          leaderEpoch: 0,
          partitionEpoch: 0,
        });
      });
      this.write(records);
      return {
        ...result(spec.name, ErrorCode.NONE),
        topicId,
        numPartitions: assignment.length,
        replicationFactor: rf,
      };
    } catch (err) {
      return errorResult(spec.name, err);
    }
  }

  /**
   * An existing topic whose name equals `name` once '.' and '_' are equated: their metric names would
   * clash, so Kafka refuses the second one (Topic.hasCollision).
   */
  private collidingTopic(name: string): string | undefined {
    const unified = (n: string): string => n.replaceAll('.', '_');
    const u = unified(name);
    for (const existing of this.image.topicsByName.keys()) {
      if (existing !== name && unified(existing) === u) return existing;
    }
    return undefined;
  }

  deleteTopic(name: string): TopicResult {
    const topic: TopicInfo | undefined = this.image.topicsByName.get(name);
    if (topic === undefined) {
      return result(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic '${name}' does not exist`);
    }
    this.write([{ type: 'RemoveTopic', topicId: topic.topicId }]);
    return { ...result(name, ErrorCode.NONE), topicId: topic.topicId };
  }

  createPartitions(name: string, totalCount: number, validateOnly: boolean): TopicResult {
    try {
      const topic = this.image.topicsByName.get(name);
      if (topic === undefined) {
        throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic '${name}' does not exist`);
      }
      const current = topic.partitions.length;
      if (totalCount <= current) {
        throw new KafkaError(
          ErrorCode.INVALID_PARTITIONS,
          `topic '${name}' has ${current} partitions; the new count must be larger, got ${totalCount}`,
        );
      }
      const rf = topic.partitions[0]?.replicas.length ?? 1;
      const live = this.image.liveBrokerIds();
      if (rf > live.length) {
        throw new KafkaError(
          ErrorCode.INVALID_REPLICATION_FACTOR,
          `replication factor ${rf} larger than available brokers ${live.length}`,
        );
      }
      const assignment = assignReplicas(live, totalCount - current, rf, {
        start: this.random.int(live.length),
        shift: this.random.int(live.length),
        firstPartition: current,
      });
      if (validateOnly) return result(name, ErrorCode.NONE);
      this.write(
        assignment.map((replicas, i) => ({
          type: 'Partition' as const,
          topicId: topic.topicId,
          partition: current + i,
          replicas,
          isr: replicas,
          leader: replicas[0]!,
          leaderEpoch: 0,
          partitionEpoch: 0,
        })),
      );
      return result(name, ErrorCode.NONE);
    } catch (err) {
      return errorResult(name, err);
    }
  }

  alterConfigs(changes: readonly ConfigChange[], validateOnly: boolean): TopicResult[] {
    const byResource = new Map<string, ConfigChange[]>();
    for (const c of changes) {
      const key = `${c.resourceType}:${c.resourceName}`;
      const list = byResource.get(key) ?? [];
      list.push(c);
      byResource.set(key, list);
    }
    const results: TopicResult[] = [];
    for (const list of byResource.values()) {
      const first = list[0]!;
      try {
        if (first.resourceType === 'topic') {
          const topic = this.image.topicsByName.get(first.resourceName);
          if (topic === undefined) {
            throw new KafkaError(
              ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              `topic '${first.resourceName}' does not exist`,
            );
          }
          const merged: Record<string, string> = Object.fromEntries(topic.configs);
          for (const c of list) {
            if (c.value === null) delete merged[c.key];
            else merged[c.key] = c.value;
          }
          validateTopicConfigs(merged);
        }
        if (!validateOnly) {
          this.write(
            list.map((c) => ({
              type: 'Config' as const,
              resourceType: c.resourceType,
              resourceName: c.resourceName,
              key: c.key,
              value: c.value,
            })),
          );
          // Turning unclean.leader.election.enable on takes effect at once for offline partitions
          // (Kafka's controller elects them on the config change or its next unclean-election run).
          const topic = this.image.topicsByName.get(first.resourceName);
          if (first.resourceType === 'topic' && topic !== undefined) {
            const partitions = topic.partitions.filter((p): p is PartitionInfo => p !== undefined);
            this.write(this.offlineElections(partitions, this.isAlive));
          }
        }
        results.push(result(first.resourceName, ErrorCode.NONE));
      } catch (err) {
        results.push(errorResult(first.resourceName, err));
      }
    }
    return results;
  }
}

function errorResponse(request: ControllerRequest, errorCode: number): ControllerResponse {
  switch (request.type) {
    case 'REGISTER_BROKER':
      return { type: 'REGISTERED', errorCode, brokerEpoch: -1 };
    case 'HEARTBEAT':
    case 'CONTROLLED_SHUTDOWN':
      return { type: 'HEARTBEAT', errorCode, fenced: true, shouldShutDown: false };
    case 'FETCH_METADATA':
      return { type: 'METADATA', errorCode, records: Buffer.alloc(0), logEndOffset: -1, controllerEpoch: -1 };
    case 'ALTER_PARTITION':
      return { type: 'ALTER_PARTITION', errorCode, isr: [], leaderEpoch: -1, partitionEpoch: -1 };
    case 'ALLOCATE_PRODUCER_IDS':
      return { type: 'PRODUCER_IDS', errorCode, firstProducerId: -1, count: 0 };
    case 'CREATE_TOPICS':
      return {
        type: 'RESULTS',
        errorCode,
        logEndOffset: -1,
        results: request.topics.map((t) => result(t.name, errorCode)),
      };
    case 'DELETE_TOPICS':
      return {
        type: 'RESULTS',
        errorCode,
        logEndOffset: -1,
        results: request.names.map((n) => result(n, errorCode)),
      };
    case 'CREATE_PARTITIONS':
      return {
        type: 'RESULTS',
        errorCode,
        logEndOffset: -1,
        results: request.topics.map((t) => result(t.name, errorCode)),
      };
    case 'ALTER_CONFIGS':
      return {
        type: 'RESULTS',
        errorCode,
        logEndOffset: -1,
        results: request.changes.map((c) => result(c.resourceName, errorCode)),
      };
    default: {
      const never: never = request;
      return never;
    }
  }
}
