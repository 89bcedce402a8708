/**
 * A Streams application instance (Kafka's KafkaStreams): runs a Topology against a cluster with
 * `num.stream.threads` stream threads, each a supervised subtree (thread loop + its stream-task
 * actors). Instances sharing an `application.id` form one consumer group and split the tasks.
 *
 * ```ts
 * const app = new StreamsApp(builder.build(), { 'application.id': 'wordcount', 'bootstrap.servers': 'localhost:9092' });
 * app.on('stateChange', (state, previous) => console.log(previous, '->', state));
 * await app.start();
 * // ...
 * await app.close();
 * ```
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SystemClock, SystemRandom, type Clock, type Random } from '../../core/io/index.ts';
import { RecordCache, type StateStore, type Topology } from '../../dsl/index.ts';
import type { Serializer } from '../../core/serdes/index.ts';
import type { ConnectionFactory } from '../../actors/client/connection.ts';
import { Admin, partitionForKey, type TopicPartitionOffset } from '../../actors/client/index.ts';
import {
  GlobalStateUpdater,
  TaskLayout,
  compareTaskIds,
  globalThreadSpec,
  type GlobalThreadMsg,
  resolveStreamsConfig,
  streamThreadSpec,
  threadShutdownMs,
  type ChangelogReader,
  type ResolvedStreamsConfig,
  type StateRestoreListener,
  type StreamsAssignmentInfo,
  type StreamsConfig,
  type StreamTaskState,
  type StreamThreadMsg,
  type StreamThreadState,
} from '../../actors/streams/index.ts';
import {
  ActorSystem,
  ask,
  describeExit,
  watch,
  type ActorLogger,
  type Down,
} from '../../actors/system/index.ts';
import { TcpConnectionFactory } from '../network/index.ts';
import {
  InvalidStateStoreException,
  StateStoreNotAvailableException,
  StreamsNotStartedException,
  StreamsRebalancingException,
  UnknownStateStoreException,
  hostInfoOf,
  type KeyQueryMetadata,
  type QueryableStoreType,
  type StreamsMetadata,
} from './interactive-queries.ts';
import { createInternalTopics } from './internal-topics.ts';

/** Kafka's KeyQueryMetadata.NOT_AVAILABLE. */
const keyQueryNotAvailable: KeyQueryMetadata = Object.freeze({
  activeHost: Object.freeze({ host: 'unavailable', port: -1 }),
  standbyHosts: Object.freeze([]),
  partition: -1,
});

/** Kafka's KafkaStreams.State. */
export type StreamsAppState =
  'CREATED' | 'REBALANCING' | 'RUNNING' | 'PENDING_SHUTDOWN' | 'NOT_RUNNING' | 'PENDING_ERROR' | 'ERROR';

/** Kafka's allowed KafkaStreams.State transitions. */
const transitions: Readonly<Record<StreamsAppState, readonly StreamsAppState[]>> = {
  CREATED: ['REBALANCING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  REBALANCING: ['RUNNING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  RUNNING: ['REBALANCING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  PENDING_SHUTDOWN: ['NOT_RUNNING'],
  NOT_RUNNING: [],
  PENDING_ERROR: ['ERROR'],
  ERROR: [],
};

/**
 * What to do when a stream thread dies (Kafka's StreamsUncaughtExceptionHandler responses):
 * REPLACE_THREAD starts a new thread (its tasks come back through a rebalance); SHUTDOWN_CLIENT closes
 * this instance into ERROR (the default, as in Kafka); SHUTDOWN_APPLICATION asks the group to shut
 * every instance of the application down (a live thread rejoins with Kafka's SHUTDOWN_REQUESTED
 * assignor error; the leader hands that error to every member), each ending in ERROR.
 */
export type StreamThreadExceptionResponse = 'REPLACE_THREAD' | 'SHUTDOWN_CLIENT' | 'SHUTDOWN_APPLICATION';

export type StreamsUncaughtExceptionHandler = (error: unknown) => StreamThreadExceptionResponse;

/** The app's configuration: Kafka Streams' keys, plus how to reach the cluster and the ports to run on. */
export interface StreamsAppConfig extends StreamsConfig {
  /** How the clients reach brokers (the in-process cluster's); without it, TCP to `bootstrap.servers`. */
  readonly connectionFactory?: ConnectionFactory;
  /** Time source (a cluster's SimulatedClock in tests); default the system clock. */
  readonly clock?: Clock;
  readonly random?: Random;
  /** Crashes of the app's actors are logged here (default silent; they are always counted). */
  readonly logger?: ActorLogger;
  /** How restores read changelogs (default: a group-less consumer per restore). */
  readonly changelogReader?: ChangelogReader;
}

/** Kafka's ThreadMetadata, reduced: a local thread, its state, its running and its standby tasks. */
export interface ThreadMetadata {
  readonly threadName: string;
  readonly threadState: StreamThreadState;
  /** Task ids (`<subtopology>_<partition>`) in RUNNING, sorted. */
  readonly activeTasks: readonly string[];
  /** Standby task ids this thread keeps warm, sorted. */
  readonly standbyTasks: readonly string[];
}

/** Counters of the app's work, for tests and metrics. */
export interface StreamsAppStats {
  /** Task incarnations that failed (each is restarted by its thread's task supervisor). */
  taskErrors: number;
  /** Threads that died (crashed loop, or too many task restarts). */
  threadDeaths: number;
  threadsReplaced: number;
  /** Offset commits by all threads. */
  commits: number;
  /** Records the deserialization handler was called for (whatever it answered). */
  deserializationErrors: number;
  /** Records skipped because the deserialization handler said CONTINUE (Kafka's dropped-records). */
  skippedRecords: number;
}

type StateListener = (state: StreamsAppState, previous: StreamsAppState) => void;

/** Where defaults are taken when no bootstrap.servers is given to a TCP app. */
export const bootstrapServersDefault = '127.0.0.1:9092';
/** Bound on the internal-topic set-up at start(). */
const startTimeoutMsDefault = 60_000;
/** Bound on close() (Kafka's close() waits without limit; ours gives up and stops the actors). */
const closeTimeoutMsDefault = threadShutdownMs;

interface ThreadRecord {
  readonly index: number;
  readonly name: string;
  state: StreamThreadState;
  readonly runningTasks: Set<string>;
  standbyTasks: readonly string[];
  lastError: unknown;
  alive: boolean;
  unwatch: () => void;
}

let instanceSequence = 0;

/** `bootstrap.servers` as a list: a comma-separated string or an array of `host:port`. */
function serverList(servers: string | readonly string[]): string[] {
  const list = typeof servers === 'string' ? servers.split(',') : [...servers];
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

export class StreamsApp {
  readonly config: ResolvedStreamsConfig;
  readonly topology: Topology;
  readonly clock: Clock;
  private readonly random: Random;
  private readonly connectionFactory: ConnectionFactory;
  private readonly layout: TaskLayout;
  private readonly logger: ActorLogger | undefined;
  private readonly changelogReader: ChangelogReader | undefined;
  private readonly listeners: StateListener[] = [];
  private readonly threads = new Map<number, ThreadRecord>();
  private readonly instanceName: string;
  private readonly processId: string;
  /** `statestore.cache.max.bytes`: one record cache for the instance, shared by its threads. */
  private readonly recordCache: RecordCache;
  private stateValue: StreamsAppState = 'CREATED';
  private system: ActorSystem | undefined;
  private nextThreadIndex = 1;
  private handler: StreamsUncaughtExceptionHandler = () => 'SHUTDOWN_CLIENT';
  private closing: Promise<void> | undefined;
  private applicationShutdownRequested = false;
  private global: GlobalStateUpdater | undefined;
  private restoreListener: StateRestoreListener | undefined;
  /** Active tasks' stores on this instance, for interactive queries. */
  private readonly taskStores = new Map<string, ReadonlyMap<string, StateStore>>();
  /** The latest assignment's view of the group (hosts, partitions, standbys). */
  private assignmentInfo: StreamsAssignmentInfo | undefined;
  private unwatchGlobal: () => void = () => undefined;
  readonly stats: StreamsAppStats = {
    taskErrors: 0,
    threadDeaths: 0,
    threadsReplaced: 0,
    commits: 0,
    deserializationErrors: 0,
    skippedRecords: 0,
  };

  constructor(topology: Topology, config: StreamsAppConfig) {
    const { connectionFactory, clock, random, logger, changelogReader, ...streamsConfig }: StreamsAppConfig =
      config;
    this.config = resolveStreamsConfig(streamsConfig);
    this.topology = topology;
    this.clock = clock ?? new SystemClock();
    this.random = random ?? new SystemRandom();
    this.logger = logger;
    this.changelogReader = changelogReader;
    this.connectionFactory =
      connectionFactory ??
      new TcpConnectionFactory({
        bootstrapServers: serverList(this.config.bootstrapServers ?? bootstrapServersDefault),
        clientId: this.config.clientId,
        clock: this.clock,
      });
    this.layout = new TaskLayout(topology, this.config.applicationId);
    this.instanceName = `streams-${this.config.applicationId}-${++instanceSequence}`;
    // Kafka's process id: one per instance, shared by its threads' subscriptions.
    this.processId = `${this.instanceName}-${this.random.int(2 ** 30).toString(36)}`;
    this.recordCache = new RecordCache(this.config.cacheMaxBytes);
  }

  get state(): StreamsAppState {
    return this.stateValue;
  }

  /** Listens to state changes (Kafka's StateListener: new state, old state). */
  on(event: 'stateChange', listener: StateListener): this {
    if (event !== 'stateChange')
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `unknown event ${String(event)}`);
    this.listeners.push(listener);
    return this;
  }

  off(event: 'stateChange', listener: StateListener): this {
    const i = this.listeners.indexOf(listener);
    if (event === 'stateChange' && i >= 0) this.listeners.splice(i, 1);
    return this;
  }

  /**
   * Kafka's setGlobalStateRestoreListener: told when a task's store restore starts, after each batch,
   * and when it ends (per store and changelog partition). Set before start().
   */
  setGlobalStateRestoreListener(listener: StateRestoreListener): this {
    if (this.stateValue !== 'CREATED')
      throw new KafkaError(ErrorCode.INVALID_REQUEST, 'the state restore listener is set before start()');
    this.restoreListener = listener;
    return this;
  }

  /** Kafka's setUncaughtExceptionHandler: decides what happens when a stream thread dies. */
  setUncaughtExceptionHandler(handler: StreamsUncaughtExceptionHandler): this {
    if (this.stateValue !== 'CREATED')
      throw new KafkaError(ErrorCode.INVALID_REQUEST, 'the uncaught exception handler is set before start()');
    this.handler = handler;
    return this;
  }

  /**
   * Creates the internal topics (repartition topics with their source's partition count, compacted
   * changelogs), then starts the stream threads; resolves once they run (the group forms in the
   * background: the state goes REBALANCING -> RUNNING). Rejects, leaving the app in ERROR, when a
   * source topic is missing or an internal topic has the wrong partition count.
   */
  async start(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.stateValue !== 'CREATED')
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `start() needs state CREATED, not ${this.stateValue}`);
    this.setState('REBALANCING');
    const admin = new Admin(this.connectionFactory, {
      clock: this.clock,
      config: { 'client.id': `${this.config.clientId}-admin` },
    });
    let sourcePartitions: ReadonlyMap<string, number>;
    try {
      ({ sourcePartitions } = await createInternalTopics(
        admin,
        this.topology,
        this.config.applicationId,
        this.config.replicationFactor,
        options.timeoutMs ?? startTimeoutMsDefault,
      ));
      await this.bootstrapGlobalStores(sourcePartitions, options.timeoutMs);
    } catch (error) {
      await this.global?.close().catch(() => undefined);
      this.setState('PENDING_ERROR');
      this.setState('ERROR');
      throw error;
    } finally {
      await admin.close();
    }
    // close() may have run meanwhile (the compiler cannot see that state changes across the await).
    if ((this.stateValue as StreamsAppState) !== 'REBALANCING') return;
    this.system = ActorSystem.start({
      clock: this.clock,
      random: this.random,
      name: this.instanceName,
      // Threads are temporary children: the root only hosts them; replacing one is the handler's call.
      supervisor: { strategy: 'one_for_one', intensity: 1000, periodMs: 1000 },
      ...(this.logger !== undefined ? { logger: this.logger } : {}),
    });
    if (this.global !== undefined) await this.startGlobalThread(this.global);
    for (let i = 0; i < this.config.numStreamThreads; i++) await this.startThread();
  }

  /**
   * GlobalKTables: every partition of their topics is read up to its end offset before any stream
   * thread starts (Kafka's global-store bootstrap); the global thread then keeps following them.
   */
  private async bootstrapGlobalStores(
    partitionCounts: ReadonlyMap<string, number>,
    timeoutMs?: number,
  ): Promise<void> {
    if (!this.topology.subtopologies().some((s) => s.global === true)) return;
    this.global = new GlobalStateUpdater({
      topology: this.topology,
      config: this.config,
      connectionFactory: this.connectionFactory,
      clock: this.clock,
      partitionCounts,
    });
    await this.global.bootstrap(timeoutMs);
  }

  private async startGlobalThread(updater: GlobalStateUpdater): Promise<void> {
    const system = this.system!;
    const name = `${this.instanceName}/GlobalStreamThread`;
    await system.root.startChild(globalThreadSpec(updater, this.config.pollMs, name));
    this.unwatchGlobal = watch(system.ref(name), (down) => {
      if (down.reason.kind !== 'crash' && down.reason.kind !== 'killed') return;
      this.stats.threadDeaths++;
      // Kafka: a dead global thread takes the client down (REPLACE_THREAD is not allowed for it).
      this.shutdownOnError();
    });
  }

  // ------------------------------------------------------------------ interactive queries

  /**
   * Kafka's `store(StoreQueryParameters)`: a read-only view of store `name` over every active task of
   * this instance (or the global store). Reads re-check the app: while it rebalances they throw
   * StreamsRebalancingException, after close StateStoreNotAvailableException, and when no local task
   * holds the store (it moved) InvalidStateStoreException; retry, or ask the host
   * `queryMetadataForKey` names.
   */
  store<T>(name: string, type: QueryableStoreType<T>): T {
    this.checkQueryable(name);
    if (!this.topology.storeBuilders().has(name))
      throw new UnknownStateStoreException(`cannot get state store ${name}: the topology has no such store`);
    const provider = (): StateStore[] => {
      this.checkQueryable(name);
      const found: StateStore[] = [];
      const global = this.global?.stores.get(name);
      if (global !== undefined) found.push(global);
      for (const id of [...this.taskStores.keys()].sort(compareTaskIds)) {
        const store = this.taskStores.get(id)!.get(name);
        if (store !== undefined) found.push(store);
      }
      if (found.length === 0)
        throw new InvalidStateStoreException(
          `the state store ${name} may have migrated to another instance (no local task holds it)`,
        );
      const wrongType = found.find((s) => !type.accepts(s));
      if (wrongType !== undefined)
        throw new InvalidStateStoreException(
          `cannot get state store ${name}: the queryable store type ${type.name} does not accept ${wrongType.constructor.name}`,
          ErrorCode.INVALID_REQUEST,
        );
      return found;
    };
    return type.create(provider, name);
  }

  private checkQueryable(name: string): void {
    switch (this.stateValue) {
      case 'RUNNING':
        return;
      case 'CREATED':
        throw new StreamsNotStartedException(`cannot query state store ${name}: the app was not started`);
      case 'REBALANCING':
        throw new StreamsRebalancingException(`cannot query state store ${name}: the app is rebalancing`);
      default:
        throw new StateStoreNotAvailableException(
          `cannot query state store ${name}: the app is ${this.stateValue}`,
        );
    }
  }

  /**
   * Kafka's queryMetadataForKey: which instance (its `application.server`) hosts the active task for
   * `key` in store `storeName`, which instances keep standbys, and the partition. NOT_AVAILABLE
   * (host 'unavailable', port -1) until an assignment was seen, or for a global store.
   */
  queryMetadataForKey<K>(storeName: string, key: K, keySerializer: Serializer<K>): KeyQueryMetadata {
    if (this.stateValue === 'CREATED')
      throw new StreamsNotStartedException('queryMetadataForKey needs a started app');
    const sub = this.topology
      .subtopologies()
      .find((s) => s.global !== true && s.storeNames.includes(storeName));
    if (sub === undefined) {
      if (this.topology.storeBuilders().has(storeName)) return keyQueryNotAvailable;
      throw new UnknownStateStoreException(`the topology has no state store ${storeName}`);
    }
    const info = this.assignmentInfo;
    if (info === undefined) return keyQueryNotAvailable;
    const topics = sub.sourceTopics.map((t) => this.topology.physicalTopic(t, this.config.applicationId));
    const topic = topics.find((t) => info.partitionCounts.has(t));
    if (topic === undefined) return keyQueryNotAvailable;
    const bytes = keySerializer(topic, key);
    if (bytes === null)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, 'a query key must not serialize to null');
    const partition = partitionForKey(bytes, info.partitionCounts.get(topic)!);
    const holds = (tps: readonly { topic: string; partition: number }[]): boolean =>
      tps.some((tp) => tp.topic === topic && tp.partition === partition);
    const active = [...info.partitionsByHost].find(([, tps]) => holds(tps));
    const standbys = [...(info.standbyPartitionsByHost ?? new Map<string, never[]>())]
      .filter(([, tps]) => holds(tps))
      .map(([host]) => hostInfoOf(host));
    return {
      activeHost: active === undefined ? keyQueryNotAvailable.activeHost : hostInfoOf(active[0]),
      standbyHosts: standbys,
      partition,
    };
  }

  /** Kafka's metadataForAllStreamsClients: every instance with an `application.server`, what it hosts. */
  metadataForAllStreamsClients(): StreamsMetadata[] {
    if (this.stateValue === 'CREATED')
      throw new StreamsNotStartedException('metadataForAllStreamsClients needs a started app');
    const info = this.assignmentInfo;
    if (info === undefined) return [];
    const globalStores = this.topology
      .subtopologies()
      .filter((s) => s.global === true)
      .flatMap((s) => s.storeNames);
    const storesOf = (tps: readonly { topic: string; partition: number }[]): string[] => {
      const names = new Set<string>();
      for (const tp of tps) {
        const sub = this.layout.subtopologyOf(tp.topic);
        if (sub !== undefined) for (const n of this.topology.subtopologies()[sub]!.storeNames) names.add(n);
      }
      return [...names].sort();
    };
    const standbyByHost = info.standbyPartitionsByHost ?? new Map<string, never[]>();
    const hosts = new Set([...info.partitionsByHost.keys(), ...standbyByHost.keys()]);
    return [...hosts].sort().map((host) => {
      const tps = info.partitionsByHost.get(host) ?? [];
      const standbyTps = standbyByHost.get(host) ?? [];
      return {
        hostInfo: hostInfoOf(host),
        stateStoreNames: [...globalStores, ...storesOf(tps)],
        topicPartitions: tps,
        standbyStateStoreNames: storesOf(standbyTps),
        standbyTopicPartitions: standbyTps,
      };
    });
  }

  /** The local threads, their states and running tasks (Kafka's metadataForLocalThreads). */
  metadataForLocalThreads(): ThreadMetadata[] {
    return [...this.threads.values()]
      .filter((t) => t.alive)
      .map((t) => ({
        threadName: t.name,
        threadState: t.state,
        activeTasks: [...t.runningTasks].sort(compareTaskIds),
        standbyTasks: t.standbyTasks,
      }));
  }

  /**
   * Commits, closes every task, leaves the group and stops the threads (PENDING_SHUTDOWN ->
   * NOT_RUNNING; from PENDING_ERROR it ends in ERROR). Idempotent.
   */
  close(options: { timeoutMs?: number } = {}): Promise<void> {
    this.closing ??= this.doClose(options.timeoutMs ?? closeTimeoutMsDefault);
    return this.closing;
  }

  private async doClose(timeoutMs: number): Promise<void> {
    if (this.stateValue === 'NOT_RUNNING' || this.stateValue === 'ERROR') return;
    const toError = this.stateValue === 'PENDING_ERROR';
    if (!toError) this.setState('PENDING_SHUTDOWN');
    const system = this.system;
    if (system !== undefined) {
      await Promise.all(
        [...this.threads.values()]
          .filter((t) => t.alive)
          .map((t) =>
            ask<StreamThreadMsg, void>(
              system.ref<StreamThreadMsg>(`${t.name}/loop`),
              (replyTo) => ({ type: 'SHUTDOWN', replyTo }),
              timeoutMs,
            ).catch((error: unknown) => {
              // Stopping the actors below still closes the clients.
              t.lastError = error;
            }),
          ),
      );
      for (const t of this.threads.values()) t.unwatch();
      this.unwatchGlobal();
      if (this.global !== undefined) {
        await ask<GlobalThreadMsg, void>(
          system.ref<GlobalThreadMsg>(`${this.instanceName}/GlobalStreamThread`),
          (replyTo) => ({ type: 'SHUTDOWN', replyTo }),
          timeoutMs,
        ).catch(() => undefined);
      }
      await system.stop();
    }
    await this.global?.close().catch(() => undefined);
    for (const t of this.threads.values()) t.alive = false;
    this.setState(toError ? 'ERROR' : 'NOT_RUNNING');
  }

  // ------------------------------------------------------------------ threads

  private async startThread(options: { requestShutdown?: boolean } = {}): Promise<void> {
    const system = this.system!;
    const index = this.nextThreadIndex++;
    const name = `${this.instanceName}/StreamThread-${index}`;
    const record: ThreadRecord = {
      index,
      name,
      state: 'CREATED',
      runningTasks: new Set(),
      standbyTasks: [],
      lastError: undefined,
      alive: true,
      unwatch: () => undefined,
    };
    this.threads.set(index, record);
    const spec = streamThreadSpec(
      {
        index,
        topology: this.topology,
        layout: this.layout,
        config: this.config,
        connectionFactory: this.connectionFactory,
        clock: this.clock,
        name,
        ...(this.changelogReader !== undefined ? { changelogReader: this.changelogReader } : {}),
        ...(options.requestShutdown === true ? { requestShutdown: true } : {}),
        ...(this.global !== undefined ? { globalStores: this.global.stores } : {}),
        ...(this.restoreListener !== undefined ? { restoreListener: this.restoreListener } : {}),
        processId: this.processId,
        recordCache: this.recordCache,
        listener: {
          onShutdownRequested: () => this.shutdownOnError(),
          onStandbyTasksChanged: (ids) => {
            record.standbyTasks = ids;
          },
          onTaskStores: (taskId, stores, available) => {
            if (available) this.taskStores.set(taskId, stores);
            else if (this.taskStores.get(taskId) === stores) this.taskStores.delete(taskId);
          },
          onAssignmentInfo: (info) => {
            this.assignmentInfo = info;
          },
          onStateChange: (state) => this.threadStateChanged(record, state),
          onTaskStateChange: (taskId, state) => this.taskStateChanged(record, taskId, state),
          onTaskError: (_taskId, error) => {
            this.stats.taskErrors++;
            record.lastError = error;
          },
          onThreadError: (error) => {
            record.lastError = error;
          },
          onCommit: (offsets: readonly TopicPartitionOffset[]) => {
            if (offsets.length > 0) this.stats.commits++;
          },
          onDeserializationError: (taskId, error, record, response) => {
            this.stats.deserializationErrors++;
            if (response === 'CONTINUE') this.stats.skippedRecords++;
            const where = { taskId, topic: record.topic, partition: record.partition, offset: record.offset };
            if (response === 'CONTINUE')
              this.logger?.warn(
                { ...where, error },
                'deserialization failed; skipping the record (CONTINUE)',
              );
            else
              this.logger?.error(
                { ...where, error },
                'deserialization failed; the stream thread fails (FAIL)',
              );
          },
        },
      },
      `StreamThread-${index}`,
    );
    await system.root.startChild(spec);
    record.unwatch = watch(system.ref(name), (down) => this.threadDied(record, down));
  }

  private threadStateChanged(record: ThreadRecord, state: StreamThreadState): void {
    record.state = state;
    this.recomputeState();
  }

  private taskStateChanged(record: ThreadRecord, taskId: string, state: StreamTaskState): void {
    if (state === 'RUNNING') record.runningTasks.add(taskId);
    else record.runningTasks.delete(taskId);
  }

  /** REBALANCING while any live thread is, RUNNING once all are (Kafka's rule). */
  private recomputeState(): void {
    if (this.stateValue !== 'REBALANCING' && this.stateValue !== 'RUNNING') return;
    const live = [...this.threads.values()].filter((t) => t.alive);
    if (live.length === 0) return;
    this.setState(live.every((t) => t.state === 'RUNNING') ? 'RUNNING' : 'REBALANCING');
  }

  private threadDied(record: ThreadRecord, down: Down): void {
    if (!record.alive) return;
    record.alive = false;
    record.state = 'DEAD';
    record.runningTasks.clear();
    record.standbyTasks = [];
    if (this.stateValue !== 'REBALANCING' && this.stateValue !== 'RUNNING') return;
    if (down.reason.kind !== 'crash' && down.reason.kind !== 'killed') {
      this.recomputeState();
      return;
    }
    this.stats.threadDeaths++;
    const error =
      record.lastError ??
      (down.reason.kind === 'crash'
        ? down.reason.error
        : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `${record.name} ${describeExit(down.reason)}`));
    let response: StreamThreadExceptionResponse;
    try {
      response = this.handler(error);
    } catch {
      response = 'SHUTDOWN_CLIENT';
    }
    if (response === 'REPLACE_THREAD') {
      this.stats.threadsReplaced++;
      this.setState('REBALANCING');
      this.startThread().catch(() => this.shutdownOnError());
      return;
    }
    if (response === 'SHUTDOWN_APPLICATION') {
      this.requestApplicationShutdown();
      return;
    }
    this.shutdownOnError();
  }

  /**
   * Kafka's SHUTDOWN_APPLICATION: every live thread rejoins asking for the shutdown; with none left, a
   * helper thread joins only to ask. The instance itself shuts down when its assignment says so.
   */
  private requestApplicationShutdown(): void {
    if (this.applicationShutdownRequested) return;
    this.applicationShutdownRequested = true;
    const live = [...this.threads.values()].filter((t) => t.alive);
    if (live.length === 0) {
      this.startThread({ requestShutdown: true }).catch(() => this.shutdownOnError());
      return;
    }
    for (const t of live)
      this.system!.ref<StreamThreadMsg>(`${t.name}/loop`).tell({ type: 'REQUEST_SHUTDOWN' });
  }

  /** SHUTDOWN_CLIENT: PENDING_ERROR, stop the other threads, then ERROR. */
  private shutdownOnError(): void {
    if (this.stateValue === 'PENDING_ERROR' || this.stateValue === 'ERROR') return;
    if (this.stateValue === 'PENDING_SHUTDOWN' || this.stateValue === 'NOT_RUNNING') return;
    this.setState('PENDING_ERROR');
    void this.close();
  }

  private setState(state: StreamsAppState): void {
    const previous = this.stateValue;
    if (previous === state) return;
    if (!transitions[previous].includes(state))
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `streams app cannot go from ${previous} to ${state}`);
    this.stateValue = state;
    for (const l of [...this.listeners]) {
      try {
        l(state, previous);
      } catch {
        // A listener's failure must not change the app's state machine (Kafka ignores them too).
      }
    }
  }
}
