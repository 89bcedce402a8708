// A broker: its log dirs (LogManager), the replicas it hosts (ReplicaManager), the group coordinator
// for the `__consumer_offsets` partitions it leads, and its copy of the cluster metadata, which it
// replicates from the active controller (`__cluster_metadata`, long-polled) and reconciles into
// leader/follower decisions for its replicas. It registers with the controller (getting its broker
// epoch), heartbeats on the Clock, forwards ISR changes (AlterPartition) and admin operations.
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock, FileSystem, Random, Timer, Transport } from '../../core/io/index.ts';
import { LogConfig, LogManager, type LogManagerIntervals, type PartitionLog } from '../../core/log/index.ts';
import { batchPositions, forEachRecord } from '../../core/records/index.ts';
import {
  ClusterImage,
  decodeMetadataRecord,
  logConfigEntries,
  type ConfigChange,
  type ControllerRequest,
  type ControllerResponse,
  type CreateTopicSpec,
  type MetadataRecord,
  type PartitionInfo,
  type TopicResult,
} from '../controller/index.ts';
import { GroupCoordinator, type GroupCoordinatorConfig } from '../coordinator/index.ts';
import type { BrokerConfig, BrokerServices, ControllerChannel } from './broker-services.ts';
import { KafkaApis } from './kafka-apis.ts';
import {
  PartitionActors,
  ReplicaManager,
  replicationConfig,
  topicPartitionKey,
  type IsrChangeProposal,
  type ReplicaRequest,
  type ReplicaResponse,
  type ReplicationConfig,
  type TopicPartition,
} from './partition/index.ts';
import type { ReplicaRole } from '../machines/index.ts';

export const metadataTopic = '__cluster_metadata';
export const offsetsTopic = '__consumer_offsets';

/** Broker settings: the request layer's BrokerConfig plus timing of the control plane (Kafka names). */
export interface BrokerSettings extends BrokerConfig {
  readonly 'broker.heartbeat.interval.ms': number;
  /** How long a broker fetch of metadata waits at the controller when nothing is new. */
  readonly 'metadata.fetch.max.wait.ms': number;
  /** Backoff after a failed control-plane request (controller moving, link cut). */
  readonly 'controller.retry.backoff.ms': number;
  /** Timeout of one control-plane request. */
  readonly 'controller.request.timeout.ms': number;
  /** Bound on forwarded admin operations (CreateTopics...) including retries across controller moves. */
  readonly 'controller.operation.timeout.ms': number;
}

/** A metadata fetch times out this long after its long-poll wait (see metadataLoop). */
const metadataFetchTimeoutMarginMs = 1000;

export const brokerSettingsDefaults: Omit<BrokerSettings, 'broker.id' | 'advertised.port'> = Object.freeze({
  'advertised.host': '127.0.0.1',
  'cluster.id': 'tributary-cluster',
  'auto.create.topics.enable': true,
  'num.partitions': 1,
  'default.replication.factor': 1,
  'offsets.topic.replication.factor': 3,
  'offsets.topic.num.partitions': 50,
  'message.max.bytes': 1_048_588,
  'fetch.max.bytes': 57_671_680,
  'min.insync.replicas': 1,
  'broker.heartbeat.interval.ms': 2000,
  'metadata.fetch.max.wait.ms': 500,
  'controller.retry.backoff.ms': 100,
  'controller.request.timeout.ms': 5000,
  'controller.operation.timeout.ms': 30_000,
});

export interface BrokerOptions {
  readonly brokerId: number;
  /** Advertised listener port (0 when the broker has no TCP listener). */
  readonly port: number;
  readonly rack?: string | null;
  readonly fs: FileSystem;
  readonly clock: Clock;
  readonly random: Random;
  /** This broker's log dir. */
  readonly dataDir: string;
  readonly replicaTransport: Transport<ReplicaRequest, ReplicaResponse>;
  readonly controllerTransport: Transport<ControllerRequest, ControllerResponse>;
  /** The broker id hosting the active controller, -1 while there is none (the quorum's answer). */
  readonly controllerId: () => number;
  readonly settings?: Partial<BrokerSettings>;
  readonly replication?: Partial<ReplicationConfig>;
  readonly logDefaults?: Readonly<Record<string, unknown>>;
  readonly logIntervals?: Partial<LogManagerIntervals>;
  readonly groupCoordinator?: Partial<GroupCoordinatorConfig>;
  /** Background failures (fetch errors, storage errors) for logging. */
  readonly onError?: (error: unknown, where: string) => void;
}

type BrokerState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped';

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/**
 * The Clock as the broker's LogManager sees it: every timer it sets can be cancelled at once. A halted
 * broker is a dead process, so its LogManager must stop flushing and checkpointing (into a log dir the
 * next incarnation has opened) without the flush and checkpoints of LogManager.close().
 */
class HaltableClock implements Clock {
  private readonly clock: Clock;
  private readonly timers = new Set<Timer>();
  private halted = false;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  now(): number {
    return this.clock.now();
  }

  setTimeout(fn: () => void, delayMs: number): Timer {
    return this.track((release) =>
      this.clock.setTimeout(() => {
        release();
        fn();
      }, delayMs),
    );
  }

  setInterval(fn: () => void, intervalMs: number): Timer {
    return this.track(() => this.clock.setInterval(fn, intervalMs));
  }

  /** Cancels every pending timer; later ones are never armed. */
  halt(): void {
    this.halted = true;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
  }

  private track(arm: (release: () => void) => Timer): Timer {
    if (this.halted) return { cancel: () => {} };
    const timer: Timer = arm(() => this.timers.delete(timer));
    this.timers.add(timer);
    return {
      cancel: () => {
        this.timers.delete(timer);
        timer.cancel();
      },
    };
  }
}

export class Broker implements BrokerServices {
  readonly brokerId: number;
  readonly clock: Clock;
  readonly config: BrokerSettings;
  readonly replicaManager: ReplicaManager;
  /** The control plane of the hosted replicas: one supervised actor (replica machine) per replica. */
  readonly partitionActors: PartitionActors;
  readonly groupCoordinator: GroupCoordinator;
  readonly logManager: LogManager;
  readonly controller: ControllerChannel;
  /** The Kafka request layer: what TCP listeners and in-process clients send requests to. */
  readonly apis: KafkaApis;
  private image = new ClusterImage();
  private readonly metadataLog: PartitionLog;
  private readonly options: BrokerOptions;
  private readonly replication: ReplicationConfig;
  private readonly logDefaults: LogConfig;
  /** The LogManager's timers, cancelled by halt(). */
  private readonly logClock: HaltableClock;
  private state: BrokerState = 'created';
  private brokerEpochValue = -1;
  /** True once the local metadata has caught up with the controller's log (then replicas are reconciled). */
  private caughtUp = false;
  /** The next metadata offset to apply to the image. */
  private appliedOffset = 0;
  private readonly ledOffsetsPartitions = new Set<number>();
  private readonly appliedWaiters = new Set<() => void>();
  private loops: Promise<void>[] = [];

  constructor(options: BrokerOptions) {
    this.options = options;
    this.brokerId = options.brokerId;
    this.clock = options.clock;
    this.config = Object.freeze({
      ...brokerSettingsDefaults,
      ...options.settings,
      'broker.id': options.brokerId,
      'advertised.port': options.port,
    });
    this.replication = replicationConfig({
      minInsyncReplicas: this.config['min.insync.replicas'],
      ...options.replication,
    });
    this.logDefaults = LogConfig.from(options.logDefaults ?? {});
    this.logClock = new HaltableClock(options.clock);
    this.logManager = LogManager.open({
      fs: options.fs,
      clock: this.logClock,
      logDirs: [options.dataDir],
      defaultConfig: this.logDefaults,
      configFor: (topic) => this.logConfigFor(topic),
      highWatermarkFollowsLogEnd: false,
      ...(options.logIntervals !== undefined ? { intervals: options.logIntervals } : {}),
    });
    this.metadataLog = this.logManager.getOrCreateLog(metadataTopic, 0);
    this.replayLocalMetadata();
    this.replicaManager = new ReplicaManager({
      brokerId: this.brokerId,
      brokerEpoch: -1,
      clock: options.clock,
      transport: options.replicaTransport,
      config: this.replication,
      configFor: (topic) => this.replicationFor(topic),
      openLog: (tp) => this.logManager.getOrCreateLog(tp.topic, tp.partition, this.logConfigFor(tp.topic)),
      onIsrChange: (proposal) => this.proposeIsrChange(proposal),
      onError: (err, tp) => this.reportError(err, tp === undefined ? 'replica' : topicPartitionKey(tp)),
    });
    this.partitionActors = new PartitionActors({
      replicaManager: this.replicaManager,
      clock: options.clock,
      random: options.random,
      name: `broker-${this.brokerId}`,
      onRoleChanged: (tp, role) => this.replicaRoleChanged(tp, role),
      onError: (err, tp) => this.reportError(err, topicPartitionKey(tp)),
    });
    this.groupCoordinator = new GroupCoordinator({
      clock: options.clock,
      random: options.random,
      config: {
        'offsets.topic.num.partitions': this.config['offsets.topic.num.partitions'],
        ...options.groupCoordinator,
      },
      appendToOffsetsTopic: async (partition, batch) => {
        await this.replicaManager.appendToLeader({ topic: offsetsTopic, partition }, batch, -1, 5000);
      },
    });
    this.controller = this.controllerChannel();
    this.apis = new KafkaApis(this, {
      onError: (err) => this.reportError(err, 'request'),
    });
  }

  get brokerEpoch(): number {
    return this.brokerEpochValue;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** True once registered, caught up with the metadata and serving its replicas. */
  get ready(): boolean {
    return this.state === 'running' && this.caughtUp;
  }

  metadata(): ClusterImage {
    return this.image;
  }

  controllerId(): number {
    return this.options.controllerId();
  }

  /** The offset of the next metadata record this broker will apply. */
  get metadataOffset(): number {
    return this.appliedOffset;
  }

  /** The broker's copy of `__cluster_metadata` (a controller started here replays it). */
  get metadataLogForController(): PartitionLog {
    return this.metadataLog;
  }

  logConfigFor(topic: string): LogConfig {
    const overrides = this.image.topicsByName.get(topic)?.configs;
    if (overrides === undefined || overrides.size === 0) return this.logDefaults;
    try {
      return LogConfig.from(logConfigEntries(overrides), this.logDefaults);
    } catch {
      return this.logDefaults;
    }
  }

  private replicationFor(topic: string): ReplicationConfig {
    const v = this.image.topicsByName.get(topic)?.configs.get('min.insync.replicas');
    if (v === undefined) return this.replication;
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0
      ? { ...this.replication, minInsyncReplicas: n }
      : this.replication;
  }

  private reportError(error: unknown, where: string): void {
    this.options.onError?.(error, where);
  }

  // ------------------------------------------------------------------ lifecycle

  /** Registers with the controller and starts replicating metadata and heartbeating. */
  start(): void {
    if (this.state !== 'created') throw new Error(`broker ${this.brokerId} already started`);
    this.state = 'starting';
    this.replicaManager.serve();
    this.logManager.startPeriodicTasks();
    this.loops = [this.metadataLoop(), this.heartbeatLoop()];
  }

  /** Resolves once the broker is registered and caught up (or rejects after `timeoutMs`). */
  async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    const deadline = this.clock.now() + timeoutMs;
    while (!this.ready) {
      if (this.state === 'stopped' || this.state === 'stopping') {
        throw new KafkaError(ErrorCode.BROKER_NOT_AVAILABLE, `broker ${this.brokerId} stopped`);
      }
      if (this.clock.now() >= deadline) {
        throw new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `broker ${this.brokerId} not ready after ${timeoutMs} ms`,
        );
      }
      await this.waitForApplied(Math.min(50, deadline - this.clock.now()));
    }
  }

  /**
   * Clean shutdown: a controlled shutdown at the controller (leadership moves away first), then the
   * replicas stop and the logs close with checkpoints and the clean-shutdown marker.
   */
  async shutdown(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    const wasRunning = this.state === 'running';
    this.state = 'stopping';
    if (wasRunning && this.brokerEpochValue >= 0) {
      try {
        await this.controllerRequest({
          type: 'CONTROLLED_SHUTDOWN',
          brokerId: this.brokerId,
          brokerEpoch: this.brokerEpochValue,
        });
      } catch {
        // No controller reachable: the session will expire instead.
      }
    }
    this.stopLoops();
    this.groupCoordinator.close();
    await this.partitionActors.stop();
    this.replicaManager.halt();
    this.logManager.close();
    this.state = 'stopped';
  }

  /** A process death: everything stops, nothing is flushed or checkpointed (the next start recovers). */
  halt(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.logClock.halt();
    this.stopLoops();
    this.groupCoordinator.close();
    this.partitionActors.halt();
    this.replicaManager.halt();
  }

  private stopLoops(): void {
    for (const wake of [...this.appliedWaiters]) wake();
  }

  private get active(): boolean {
    return this.state === 'starting' || this.state === 'running';
  }

  // ------------------------------------------------------------------ control plane

  private async controllerRequest(
    request: ControllerRequest,
    timeoutMs = this.config['controller.request.timeout.ms'],
  ): Promise<ControllerResponse> {
    const controllerId = this.options.controllerId();
    if (controllerId < 0) throw new KafkaError(ErrorCode.NOT_CONTROLLER, 'no active controller');
    const response = await this.options.controllerTransport.request(
      this.brokerId,
      controllerId,
      request,
      timeoutMs,
    );
    if (response.errorCode === ErrorCode.NOT_CONTROLLER) {
      throw new KafkaError(ErrorCode.NOT_CONTROLLER, `broker ${controllerId} is no longer the controller`);
    }
    return response;
  }

  private async register(): Promise<void> {
    const response = await this.controllerRequest({
      type: 'REGISTER_BROKER',
      brokerId: this.brokerId,
      host: this.config['advertised.host'],
      port: this.config['advertised.port'],
      rack: this.options.rack ?? null,
    });
    if (response.type !== 'REGISTERED' || response.errorCode !== ErrorCode.NONE) {
      throw new KafkaError(response.errorCode, `broker ${this.brokerId} registration refused`);
    }
    this.brokerEpochValue = response.brokerEpoch;
    this.replicaManager.setBrokerEpoch(response.brokerEpoch);
  }

  private async heartbeatLoop(): Promise<void> {
    while (this.active) {
      try {
        if (this.brokerEpochValue < 0) await this.register();
        const response = await this.controllerRequest({
          type: 'HEARTBEAT',
          brokerId: this.brokerId,
          brokerEpoch: this.brokerEpochValue,
          metadataOffset: this.appliedOffset,
          wantShutdown: false,
        });
        if (response.type === 'HEARTBEAT' && response.errorCode === ErrorCode.STALE_BROKER_EPOCH) {
          // The controller no longer knows this incarnation (a new controller, or we were replaced).
          this.brokerEpochValue = -1;
          continue;
        }
        if (this.state === 'starting' && response.type === 'HEARTBEAT' && !response.fenced) {
          this.state = 'running';
        }
      } catch (err) {
        if (!this.active) return;
        this.reportError(err, 'heartbeat');
        await sleep(this.clock, this.config['controller.retry.backoff.ms']);
        continue;
      }
      // Heartbeat faster while fenced, so unfencing follows catching up promptly.
      const interval = this.state === 'running' ? this.config['broker.heartbeat.interval.ms'] : 50;
      await sleep(this.clock, interval);
    }
  }

  private async metadataLoop(): Promise<void> {
    // True when the last fetch found nothing new: the next one long-polls even before catching up.
    // Otherwise a broker at the log end but not yet registered (its registration may be sleeping on a
    // backoff timer) would re-fetch on microtasks alone and starve every timer: a livelock.
    let atLogEnd = false;
    while (this.active) {
      try {
        const fetchOffset = this.metadataLog.logEndOffset;
        const maxWaitMs = this.caughtUp || atLogEnd ? this.config['metadata.fetch.max.wait.ms'] : 0;
        // A fetch stuck on a controller that died or was cut off gives up soon (KRaft's quorum fetch
        // timeout), so a new controller's writes reach a majority well within its commit wait.
        const response = await this.controllerRequest(
          {
            type: 'FETCH_METADATA',
            brokerId: this.brokerId,
            fetchOffset,
            lastFetchedEpoch: this.metadataLog.leaderEpochCache.latestEpoch(),
            maxWaitMs,
          },
          Math.min(this.config['controller.request.timeout.ms'], maxWaitMs + metadataFetchTimeoutMarginMs),
        );
        if (!this.active) return;
        if (response.type !== 'METADATA') continue;
        if (response.divergingEpoch !== undefined) {
          this.truncateMetadata(Math.min(response.divergingEpoch.endOffset, this.metadataLog.logEndOffset));
          continue;
        }
        if (response.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
          this.truncateMetadata(Math.max(0, response.logEndOffset));
          continue;
        }
        if (response.errorCode !== ErrorCode.NONE) throw new KafkaError(response.errorCode, 'metadata fetch');
        atLogEnd = response.records.length === 0;
        if (response.records.length > 0) this.applyMetadataBatches(response.records, fetchOffset);
        else this.applyLocal();
        // Serve replicas only once this incarnation is registered and its metadata covers its own
        // registration record (KRaft's rule): the records fencing the previous incarnation come before
        // it, so a broker restarted after a crash never leads on the stale epoch it died with.
        const registered = this.brokerEpochValue >= 0 && this.appliedOffset > this.brokerEpochValue;
        if (!this.caughtUp && registered && this.appliedOffset >= response.logEndOffset) {
          this.caughtUp = true;
          this.reconcile(undefined);
        }
      } catch (err) {
        if (!this.active) return;
        this.reportError(err, 'metadata');
        await sleep(this.clock, this.config['controller.retry.backoff.ms']);
      }
    }
  }

  /** Appends fetched metadata batches to the local copy, then applies what is new. */
  private applyMetadataBatches(records: Buffer, fetchOffset: number): void {
    // A controller hosted here writes this same log: what it wrote is already local.
    if (this.metadataLog.logEndOffset === fetchOffset) {
      this.metadataLog.appendAsFollower(records);
      this.metadataLog.flush();
      this.metadataLog.updateHighWatermark(this.metadataLog.logEndOffset);
    }
    this.applyLocal();
  }

  /** Applies the local metadata log from the applied offset to its end, then reconciles the replicas. */
  private applyLocal(): void {
    if (this.appliedOffset >= this.metadataLog.logEndOffset) return;
    const touched = new Set<string>();
    const removedTopics = new Set<string>();
    let offset = this.appliedOffset;
    while (offset < this.metadataLog.logEndOffset) {
      const r = this.metadataLog.read(offset, 1 << 20);
      if (r.nextOffset <= offset) break;
      for (const [pos, size] of batchPositions(r.bytes)) {
        forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
          if (rec.value === null || rec.offset < this.appliedOffset) return;
          const record = decodeMetadataRecord(rec.value);
          this.noteChange(record, touched, removedTopics);
          this.image.apply(record, rec.offset);
        });
      }
      offset = r.nextOffset;
    }
    this.appliedOffset = offset;
    // Deletions apply even while catching up: a topic deleted while this broker was down may be
    // re-created under the same name, and its old log must not pass for the new topic's.
    for (const name of removedTopics) this.removeTopicReplicas(name);
    if (this.caughtUp) this.reconcile(touched);
    for (const wake of [...this.appliedWaiters]) wake();
  }

  private noteChange(record: MetadataRecord, touched: Set<string>, removedTopics: Set<string>): void {
    switch (record.type) {
      case 'Partition':
      case 'PartitionChange': {
        const topic = this.image.topicsById.get(record.topicId);
        if (topic !== undefined) touched.add(`${topic.name}\u0000${record.partition}`);
        return;
      }
      case 'RemoveTopic': {
        const topic = this.image.topicsById.get(record.topicId);
        if (topic !== undefined) removedTopics.add(topic.name);
        return;
      }
      case 'Config':
        if (record.resourceType === 'topic') {
          const topic = this.image.topicsByName.get(record.resourceName);
          if (topic !== undefined) {
            for (const p of topic.partitions)
              if (p !== undefined) touched.add(`${topic.name}\u0000${p.partition}`);
          }
        }
        return;
      default:
        return;
    }
  }

  private replayLocalMetadata(): void {
    this.image = new ClusterImage();
    let offset = this.metadataLog.logStartOffset;
    while (offset < this.metadataLog.logEndOffset) {
      const r = this.metadataLog.read(offset, 1 << 20);
      if (r.nextOffset <= offset) break;
      for (const [pos, size] of batchPositions(r.bytes)) {
        forEachRecord(r.bytes.subarray(pos, pos + size), (rec) => {
          if (rec.value !== null) this.image.apply(decodeMetadataRecord(rec.value), rec.offset);
        });
      }
      offset = r.nextOffset;
    }
    this.appliedOffset = offset;
    this.metadataLog.updateHighWatermark(this.metadataLog.logEndOffset);
  }

  private truncateMetadata(offset: number): void {
    this.metadataLog.truncateTo(offset);
    this.replayLocalMetadata();
    this.caughtUp = false;
  }

  /** Applies the image to this broker's replicas: all partitions, or the touched ones. */
  private reconcile(touched: ReadonlySet<string> | undefined): void {
    const partitions: PartitionInfo[] = [];
    if (touched === undefined) {
      this.removeStrayReplicas();
      for (const t of this.image.topicsByName.values())
        for (const p of t.partitions) if (p !== undefined) partitions.push(p);
    } else {
      for (const k of touched) {
        const [topic, partition] = k.split('\u0000');
        const p = this.image.partition(topic!, Number(partition));
        if (p !== undefined) partitions.push(p);
      }
    }
    for (const p of partitions) {
      const tp: TopicPartition = { topic: p.topic, partition: p.partition };
      if (!p.replicas.includes(this.brokerId)) {
        if (this.partitionActors.hosts(tp) || this.replicaManager.getPartition(tp) !== undefined) {
          this.partitionActors.remove(tp);
          this.deleteLog(tp);
        }
        this.updateCoordinator(p);
        continue;
      }
      const existing = this.replicaManager.getPartition(tp);
      existing?.updateConfig(this.replicationFor(p.topic));
      // The replica's actor applies the decision from its mailbox: its replica machine accepts a role
      // change only at a higher leader epoch, and its effects make the Partition lead or follow.
      this.partitionActors.apply({
        topic: p.topic,
        partition: p.partition,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        partitionEpoch: p.partitionEpoch,
        isr: p.isr,
        replicas: p.replicas,
      });
      const log = this.logManager.getLog(p.topic, p.partition);
      log?.updateConfig(this.logConfigFor(p.topic));
      // Leadership of an offsets partition moves the coordinator once the replica has taken its role.
      if (p.leader !== this.brokerId) this.updateCoordinator(p);
    }
  }

  /** A partition actor's replica took a role: the coordinator follows leadership of offsets partitions. */
  private replicaRoleChanged(tp: TopicPartition, role: ReplicaRole): void {
    if (tp.topic !== offsetsTopic || !this.active) return;
    const p = this.image.partition(tp.topic, tp.partition);
    if (p === undefined) return;
    if (role === 'leader' || role === 'follower') this.updateCoordinator(p);
  }

  private deleteLog(tp: TopicPartition): void {
    try {
      this.logManager.deleteLog(tp.topic, tp.partition);
    } catch (err) {
      this.reportError(err, `delete ${topicPartitionKey(tp)}`);
    }
  }

  /**
   * Deletes local replicas the (caught-up) image does not assign to this broker: logs of topics
   * deleted while it was down, or created by metadata records it then truncated as divergent
   * (Kafka's stray replicas). The metadata log itself is not a replica.
   */
  private removeStrayReplicas(): void {
    for (const log of this.logManager.allLogs()) {
      if (log.topic === metadataTopic) continue;
      const p = this.image.partition(log.topic, log.partition);
      if (p === undefined || !p.replicas.includes(this.brokerId)) {
        this.removeReplica({ topic: log.topic, partition: log.partition });
      }
    }
  }

  /** Stops and deletes every local replica of `topic`, served or only on disk (loaded at start). */
  private removeTopicReplicas(topic: string): void {
    for (const log of this.logManager.allLogs()) {
      if (log.topic === topic) this.removeReplica({ topic, partition: log.partition });
    }
  }

  private removeReplica(tp: TopicPartition): void {
    this.partitionActors.remove(tp);
    if (tp.topic === offsetsTopic) this.stopCoordinating(tp.partition);
    this.deleteLog(tp);
  }

  /** Becomes (or stops being) the group coordinator for an offsets partition it leads. */
  private updateCoordinator(p: PartitionInfo): void {
    if (p.topic !== offsetsTopic) return;
    const leads = p.leader === this.brokerId;
    if (leads && !this.ledOffsetsPartitions.has(p.partition)) {
      this.ledOffsetsPartitions.add(p.partition);
      const log = this.logManager.getLog(offsetsTopic, p.partition);
      if (log !== undefined) {
        this.groupCoordinator.loadPartition(p.partition, log).catch((err: unknown) => {
          this.reportError(err, `load ${offsetsTopic}-${p.partition}`);
        });
      }
    } else if (!leads) {
      this.stopCoordinating(p.partition);
    }
  }

  private stopCoordinating(partition: number): void {
    if (!this.ledOffsetsPartitions.delete(partition)) return;
    this.groupCoordinator.unloadPartition(partition);
  }

  private proposeIsrChange(proposal: IsrChangeProposal): void {
    const tp = { topic: proposal.topic, partition: proposal.partition };
    this.controllerRequest({
      type: 'ALTER_PARTITION',
      brokerId: this.brokerId,
      brokerEpoch: this.brokerEpochValue,
      topic: proposal.topic,
      partition: proposal.partition,
      leaderEpoch: proposal.leaderEpoch,
      partitionEpoch: proposal.partitionEpoch,
      isrWithBrokerEpochs: proposal.isrWithBrokerEpochs,
    })
      .then((response) => {
        if (response.type === 'ALTER_PARTITION' && response.errorCode === ErrorCode.NONE) {
          this.replicaManager.commitIsrChange(tp, {
            isr: response.isr,
            partitionEpoch: response.partitionEpoch,
          });
        } else {
          this.replicaManager.abortIsrChange(tp, proposal.partitionEpoch);
        }
      })
      .catch(() => this.replicaManager.abortIsrChange(tp, proposal.partitionEpoch));
  }

  /** Resolves on the next metadata applied, or after `ms`. */
  private waitForApplied(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        timer.cancel();
        this.appliedWaiters.delete(wake);
        resolve();
      };
      const timer = this.clock.setTimeout(wake, Math.max(1, ms));
      this.appliedWaiters.add(wake);
    });
  }

  /** Waits until this broker's metadata has reached `offset` (bounded). */
  private async waitForMetadata(offset: number, timeoutMs: number): Promise<void> {
    const deadline = this.clock.now() + timeoutMs;
    while (this.appliedOffset < offset && this.clock.now() < deadline && this.active) {
      await this.waitForApplied(deadline - this.clock.now());
    }
  }

  // ------------------------------------------------------------------ the controller channel

  /** Sends an admin operation to the controller, retrying while the controller moves. */
  private async forward(request: ControllerRequest): Promise<ControllerResponse> {
    const deadline = this.clock.now() + this.config['controller.operation.timeout.ms'];
    for (;;) {
      try {
        const response = await this.controllerRequest(request);
        return response;
      } catch (err) {
        if (this.clock.now() >= deadline || !this.active) {
          throw err instanceof KafkaError ? err : new KafkaError(ErrorCode.REQUEST_TIMED_OUT, String(err));
        }
        await sleep(this.clock, this.config['controller.retry.backoff.ms']);
      }
    }
  }

  private async forwardForResults(request: ControllerRequest): Promise<TopicResult[]> {
    const response = await this.forward(request);
    if (response.type !== 'RESULTS')
      throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, 'unexpected answer');
    // The controller answered after its log end covered the change: wait to see it here too.
    await this.waitForMetadata(response.logEndOffset, 5000);
    return [...response.results];
  }

  private controllerChannel(): ControllerChannel {
    return {
      createTopics: (topics: readonly CreateTopicSpec[], validateOnly: boolean) =>
        this.forwardForResults({ type: 'CREATE_TOPICS', topics, validateOnly }),
      deleteTopics: (names: readonly string[]) => this.forwardForResults({ type: 'DELETE_TOPICS', names }),
      createPartitions: (topics, validateOnly) =>
        this.forwardForResults({ type: 'CREATE_PARTITIONS', topics, validateOnly }),
      alterConfigs: (changes: readonly ConfigChange[], validateOnly: boolean) =>
        this.forwardForResults({ type: 'ALTER_CONFIGS', changes, validateOnly }),
      allocateProducerIds: async () => {
        // Until this incarnation is registered (a restart, a new controller) the controller answers
        // STALE_BROKER_EPOCH: wait for the registration, then retry, within the operation timeout.
        const deadline = this.clock.now() + this.config['controller.operation.timeout.ms'];
        let response: ControllerResponse;
        for (;;) {
          response = await this.forward({
            type: 'ALLOCATE_PRODUCER_IDS',
            brokerId: this.brokerId,
            brokerEpoch: this.brokerEpochValue,
          });
          const stale = this.brokerEpochValue < 0 || response.errorCode === ErrorCode.STALE_BROKER_EPOCH;
          if (!stale || this.clock.now() >= deadline || !this.active) break;
          await sleep(this.clock, this.config['controller.retry.backoff.ms']);
        }
        if (response.type !== 'PRODUCER_IDS' || response.errorCode !== ErrorCode.NONE) {
          // Retriable for the client (Kafka answers COORDINATOR_LOAD_IN_PROGRESS while it cannot allocate).
          const code =
            response.errorCode === ErrorCode.STALE_BROKER_EPOCH ||
            response.errorCode === ErrorCode.NOT_CONTROLLER
              ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS
              : response.errorCode === ErrorCode.NONE
                ? ErrorCode.UNKNOWN_SERVER_ERROR
                : response.errorCode;
          throw new KafkaError(code, `producer id allocation failed (${response.errorCode})`);
        }
        return { firstProducerId: response.firstProducerId, count: response.count };
      },
    };
  }
}
