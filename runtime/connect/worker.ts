import { hostname } from 'node:os';
import { Admin, Producer } from '../../actors/client/index.ts';
import type { ConnectionFactory } from '../../actors/client/connection.ts';
import {
  ConfigException,
  PluginRegistry,
  TransformationChain,
  parseConnectorConfig,
  parseSinkConnectorConfig,
  type ConfigProps,
  type ConnectorContext,
  type Props,
} from '../../actors/connect/index.ts';
import {
  ActorSystem,
  Supervisor,
  supervisorSpec,
  watch,
  type AnyChildSpec,
  type ChildSpec,
} from '../../actors/system/index.ts';
import { KafkaError } from '../../core/errors/index.ts';
import {
  NodeFileSystem,
  SystemClock,
  SystemRandom,
  type Clock,
  type FileSystem,
  type Random,
} from '../../core/io/index.ts';
import { builtinConnectorPlugins } from './builtin-connectors.ts';
import { consumerOverrides, producerOverrides } from './client-overrides.ts';
import { KafkaConfigStore } from './config-store.ts';
import { taskConverters } from './connector-converters.ts';
import type { AnyConnector, ConnectorPlugins, ConnectorPorts } from './connector-plugins.ts';
import { requireValidConnector, validateConnector, type ConfigProblem } from './connector-validation.ts';
import { KafkaBasedLog } from './kafka-based-log.ts';
import { KafkaOffsetStore } from './offset-store.ts';
import { KafkaStatusStore, type ConnectState, type StatusEntry } from './status-store.ts';
import type { TaskStateListener } from './task-state.ts';
import { parseWorkerConfig, type WorkerConfig } from './worker-config.ts';
import { silentWorkerLogger, type WorkerLogger } from './worker-logger.ts';
import { sinkTaskBehavior, type SinkTaskMsg } from './worker-sink-task.ts';
import { sourceTaskBehavior, type SourceTaskMsg } from './worker-source-task.ts';

export interface WorkerOptions {
  /** How the worker's clients reach the cluster: `cluster.connectionFactory()` or a TcpConnectionFactory. */
  readonly connections: ConnectionFactory;
  /** The worker's settings (a parsed WorkerConfig, or the raw keys of a worker.json). */
  readonly config: WorkerConfig | ConfigProps;
  /** Time, randomness and files (simulated in tests); default the real ones. */
  readonly clock?: Clock;
  readonly random?: Random;
  readonly fs?: FileSystem;
  /** The connector classes it can run; default the built-ins (file source and sink). */
  readonly plugins?: ConnectorPlugins;
  /** Converters, transformations and predicates; default the built-ins. */
  readonly registry?: PluginRegistry;
  readonly logger?: WorkerLogger;
  /** Written into status records; default `<hostname>:standalone`. */
  readonly workerId?: string;
}

/** A connector's state and its tasks', as `GET /connectors/{name}/status` answers. */
export interface ConnectorStateInfo {
  readonly name: string;
  readonly type: 'source' | 'sink';
  readonly connector: { readonly state: ConnectState; readonly workerId: string; readonly trace?: string };
  readonly tasks: readonly {
    readonly id: number;
    readonly state: ConnectState;
    readonly workerId: string;
    readonly trace?: string;
  }[];
}

/** A running connector's description, as `POST /connectors` answers. */
export interface ConnectorInfo {
  readonly name: string;
  readonly type: 'source' | 'sink';
  readonly config: Props;
  readonly tasks: readonly Props[];
}

interface RunningConnector {
  readonly name: string;
  readonly type: 'source' | 'sink';
  readonly config: Props;
  readonly connector: AnyConnector;
  tasks: Props[];
  supervisor: Supervisor | undefined;
  connectorGeneration: number;
  readonly taskGenerations: Map<number, number>;
  readonly taskStates: Map<number, StatusEntry>;
  connectorState: StatusEntry;
  reconfiguring: Promise<void> | undefined;
}

function isWorkerConfig(c: WorkerConfig | ConfigProps): c is WorkerConfig {
  return typeof (c as Partial<WorkerConfig>).offsetStorage === 'object';
}

function errorTrace(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * A Kafka Connect worker (standalone mode) on Tributary's log. It keeps source offsets, connector
 * and task configs, and statuses in compacted topics (`__connect_offsets`, `__connect_configs`,
 * `__connect_status` by default), runs each connector's tasks as actors under a per-connector
 * supervisor that restarts a failed task after an exponential backoff, and stops them cleanly
 * (flush, commit) on `stop()`.
 *
 * ```ts
 * const worker = await Worker.start({ connections: cluster.connectionFactory(), config: workerJson });
 * await worker.addConnector({ name: 'lines', 'connector.class': 'FileStreamSource', file: 'in.txt', topic: 'lines' });
 * console.log(worker.connectorStatus('lines'));
 * await worker.stop();
 * ```
 */
export class Worker {
  readonly config: WorkerConfig;
  readonly workerId: string;
  readonly offsets: KafkaOffsetStore;
  readonly configs: KafkaConfigStore;
  readonly statuses: KafkaStatusStore;
  readonly plugins: ConnectorPlugins;
  readonly registry: PluginRegistry;
  private readonly connections: ConnectionFactory;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly fs: FileSystem;
  private readonly logger: WorkerLogger;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly system: ActorSystem;
  private readonly connectors = new Map<string, RunningConnector>();
  private statusWrites: Promise<void> = Promise.resolve();
  private killedFlag = false;
  private stopping: Promise<void> | undefined;

  private constructor(options: WorkerOptions, config: WorkerConfig) {
    this.config = config;
    this.connections = options.connections;
    this.clock = options.clock ?? new SystemClock();
    this.random = options.random ?? new SystemRandom();
    this.fs = options.fs ?? new NodeFileSystem();
    this.logger = options.logger ?? silentWorkerLogger;
    this.workerId = options.workerId ?? `${hostname()}:standalone`;
    this.plugins = options.plugins ?? builtinConnectorPlugins();
    this.registry = options.registry ?? PluginRegistry.withBuiltins();
    this.producer = new Producer(this.connections, {
      clock: this.clock,
      random: this.random,
      config: { ...producerOverrides(config.originals), 'client.id': 'connect-worker', acks: 'all' },
    });
    this.admin = new Admin(this.connections, {
      clock: this.clock,
      config: { 'client.id': 'connect-worker-admin' },
    });
    const log = (topic: WorkerConfig['offsetStorage'], suffix: string): KafkaBasedLog =>
      new KafkaBasedLog({
        topic,
        connections: this.connections,
        clock: this.clock,
        producer: this.producer,
        admin: this.admin,
        clientId: `connect-worker-${suffix}`,
      });
    this.offsets = new KafkaOffsetStore(log(config.offsetStorage, 'offsets'));
    this.configs = new KafkaConfigStore(log(config.configStorage, 'configs'));
    this.statuses = new KafkaStatusStore(log(config.statusStorage, 'status'));
    this.system = ActorSystem.start(
      {
        clock: this.clock,
        random: this.random,
        name: 'connect',
        // Each connector's supervisor is a temporary child: when it gives up, its tasks stay FAILED.
        supervisor: { strategy: 'one_for_one', intensity: 1000, periodMs: 1000 },
        logger: {
          warn: (obj, msg) => this.logger.warn(obj, msg),
          error: (obj, msg) => this.logger.error(obj, msg),
        },
      },
      [],
    );
  }

  /** Validates the worker config, creates or reads the internal topics, and returns the running worker. */
  static async start(options: WorkerOptions): Promise<Worker> {
    const config = isWorkerConfig(options.config) ? options.config : parseWorkerConfig(options.config);
    const worker = new Worker(options, config);
    try {
      await worker.offsets.start();
      await worker.configs.start();
      await worker.statuses.start();
    } catch (err) {
      await worker.kill();
      throw err;
    }
    worker.logger.info(
      {
        workerId: worker.workerId,
        offsets: config.offsetStorage.topic,
        configs: config.configStorage.topic,
        status: config.statusStorage.topic,
      },
      'connect worker started',
    );
    return worker;
  }

  private get ports(): ConnectorPorts {
    return {
      clock: this.clock,
      random: this.random,
      fs: this.fs,
      log: (level, message, fields) => this.logger[level]({ ...fields }, message),
    };
  }

  /** Validates a connector config without running it; problems name their keys. */
  validate(props: ConfigProps): readonly ConfigProblem[] {
    return validateConnector(this.plugins, this.registry, this.ports, stringify(props)).problems;
  }

  /**
   * Validates and starts a connector: stores its config, starts the connector, stores its task
   * configs and starts one supervised actor per task. Throws ConnectorConfigError listing every
   * problem when the config is invalid, and ConfigException when the name is taken.
   */
  async addConnector(raw: ConfigProps): Promise<ConnectorInfo> {
    this.checkRunning();
    const props = stringify(raw);
    const validated = requireValidConnector(this.plugins, this.registry, this.ports, props);
    const name = validated.name;
    if (this.connectors.has(name)) {
      throw new ConfigException('name', `Connector ${name} already exists`, name);
    }
    const connector = validated.connector;
    const running: RunningConnector = {
      name,
      type: validated.type,
      config: props,
      connector,
      tasks: [],
      supervisor: undefined,
      connectorGeneration: 0,
      taskGenerations: new Map(),
      taskStates: new Map(),
      connectorState: { state: 'UNASSIGNED', trace: null, workerId: this.workerId, generation: 0 },
      reconfiguring: undefined,
    };
    this.connectors.set(name, running);
    try {
      await this.configs.putConnectorConfig(name, props);
      const context: ConnectorContext = {
        requestTaskReconfiguration: () => this.requestReconfiguration(running),
        raiseError: (error) => this.connectorFailed(running, error),
      };
      connector.initialize?.(context);
      await connector.start(props);
      this.setConnectorState(running, 'RUNNING', null);
      if (validated.type === 'sink') await this.ensureDlqTopic(props);
      await this.startTasks(running);
    } catch (err) {
      this.connectors.delete(name);
      this.setConnectorState(running, 'FAILED', err);
      throw err;
    }
    this.logger.info({ connector: name, tasks: running.tasks.length }, 'connector started');
    return { name, type: running.type, config: props, tasks: running.tasks };
  }

  /** Stops a connector's tasks (committing their offsets) and the connector, and removes its config. */
  async removeConnector(name: string): Promise<void> {
    const running = this.connectors.get(name);
    if (running === undefined) throw new ConfigException('name', `Connector ${name} not found`, name);
    await this.stopConnector(running);
    this.connectors.delete(name);
    await this.configs.removeConnector(name);
    await this.enqueueStatus(() => this.statuses.remove(name));
  }

  /** Names of the connectors this worker runs. */
  connectorNames(): string[] {
    return [...this.connectors.keys()].sort();
  }

  /** The connector's state and its tasks', or undefined for a connector this worker does not run. */
  connectorStatus(name: string): ConnectorStateInfo | undefined {
    const running = this.connectors.get(name);
    if (running === undefined) return undefined;
    const c = running.connectorState;
    return {
      name,
      type: running.type,
      connector: { state: c.state, workerId: c.workerId, ...(c.trace !== null ? { trace: c.trace } : {}) },
      tasks: running.tasks.map((_, id) => {
        const t = running.taskStates.get(id) ?? { state: 'UNASSIGNED', trace: null, workerId: this.workerId };
        return { id, state: t.state, workerId: t.workerId, ...(t.trace !== null ? { trace: t.trace } : {}) };
      }),
    };
  }

  /** How many times each task of a connector has been started (1 when it never failed). */
  async taskStarts(name: string): Promise<ReadonlyMap<number, number>> {
    const running = this.connectors.get(name);
    const out = new Map<number, number>();
    if (running?.supervisor === undefined) return out;
    for (const child of await running.supervisor.whichChildren()) {
      out.set(Number(child.id.slice('task-'.length)), child.generation);
    }
    return out;
  }

  /** Resolves once every status write so far has been acknowledged (or failed and been logged). */
  async flushStatus(): Promise<void> {
    await this.statusWrites;
  }

  /**
   * Graceful stop: every task flushes and commits its offsets, every connector stops, then the
   * clients close.
   */
  stop(): Promise<void> {
    this.stopping ??= this.doStop(false);
    return this.stopping;
  }

  /**
   * Stops at once, the way a crashed process would: no flush, no offset commit, records in flight
   * may or may not reach the log. A new worker resumes from the last committed offsets.
   */
  kill(): Promise<void> {
    this.killedFlag = true;
    this.stopping ??= this.doStop(true);
    return this.stopping;
  }

  private async doStop(killed: boolean): Promise<void> {
    if (!killed) {
      for (const running of [...this.connectors.values()].reverse()) await this.stopConnector(running);
    }
    await this.system.stop();
    if (!killed) await this.flushStatus();
    await this.producer.close({ timeoutMs: killed ? 0 : this.config.offsetFlushTimeoutMs });
    await this.admin.close();
    this.logger.info({ workerId: this.workerId, killed }, 'connect worker stopped');
  }

  private checkRunning(): void {
    if (this.stopping !== undefined) throw new ConfigException(undefined, 'the worker is stopping');
  }

  private async stopConnector(running: RunningConnector): Promise<void> {
    await this.stopTasks(running);
    try {
      await running.connector.stop();
    } catch (err) {
      this.logger.warn({ connector: running.name, err: errorTrace(err) }, 'connector stop failed');
    }
    this.setConnectorState(running, 'UNASSIGNED', null);
  }

  private async stopTasks(running: RunningConnector): Promise<void> {
    const supervisor = running.supervisor;
    running.supervisor = undefined;
    if (supervisor === undefined) return;
    try {
      await this.system.root.terminateChild(supervisorId(running.name));
    } catch (err) {
      // Already gone: its restart intensity was exceeded.
      if (!(err instanceof KafkaError)) throw err;
    }
  }

  /** Asks the connector for task configs, stores them and starts a supervisor with one actor per task. */
  private async startTasks(running: RunningConnector): Promise<void> {
    const connectorConfig = parseConnectorConfig(running.config);
    let tasks = running.connector.taskConfigs(connectorConfig.tasksMax);
    if (tasks.length > connectorConfig.tasksMax) {
      this.logger.warn(
        { connector: running.name, tasks: tasks.length, max: connectorConfig.tasksMax },
        'connector returned more task configs than tasks.max; the rest are ignored',
      );
      tasks = tasks.slice(0, connectorConfig.tasksMax);
    }
    if (running.type === 'sink') {
      const topics = running.config['topics'];
      const regex = running.config['topics.regex'];
      tasks = tasks.map((t) => ({
        ...t,
        ...(topics !== undefined ? { topics } : {}),
        ...(regex !== undefined ? { 'topics.regex': regex } : {}),
      }));
    }
    running.tasks = tasks;
    await this.configs.putTaskConfigs(running.name, tasks);
    const children = tasks.map((taskProps, id) => this.taskSpec(running, id, taskProps));
    const c = this.config;
    const spec = supervisorSpec(
      supervisorId(running.name),
      {
        strategy: 'one_for_one',
        intensity: c.taskRestartMax,
        periodMs: c.taskRestartPeriodMs,
        backoff: { minMs: c.taskRestartBackoffMs, maxMs: c.taskRestartBackoffMaxMs, jitter: 0.2 },
      },
      children,
      { restart: 'temporary' },
    );
    const ref = await this.system.root.startChild(spec);
    running.supervisor = new Supervisor(ref);
    watch(ref, (down) => {
      if (down.reason.kind !== 'crash') return;
      this.logger.error(
        { connector: running.name, err: errorTrace(down.reason.error) },
        'tasks failed too often; they stay FAILED until the connector is restarted',
      );
    });
  }

  private taskSpec(running: RunningConnector, id: number, taskProps: Props): AnyChildSpec {
    const name = running.name;
    const onState: TaskStateListener = (state, error) => this.setTaskState(running, id, state, error);
    const common = {
      connector: name,
      taskId: id,
      taskProps,
      worker: this.config,
      connections: this.connections,
      producerConfig: producerOverrides(this.config.originals),
      createConverters: () => taskConverters(this.registry, this.config, running.config),
      createChain: () => TransformationChain.fromConfig(running.config, this.registry),
      onState,
      logger: this.logger,
      killed: () => this.killedFlag,
    };
    const shutdown = this.config.taskShutdownGracefulTimeoutMs;
    if (running.connector.kind === 'source') {
      const connector = running.connector;
      const spec: ChildSpec<SourceTaskMsg> = {
        id: `task-${id}`,
        restart: 'transient',
        shutdown,
        start: sourceTaskBehavior({
          ...common,
          connectorConfig: parseConnectorConfig(running.config),
          offsets: this.offsets,
          createTask: () => connector.createTask(),
        }),
      };
      return spec as AnyChildSpec;
    }
    const connector = running.connector;
    const spec: ChildSpec<SinkTaskMsg> = {
      id: `task-${id}`,
      restart: 'transient',
      shutdown,
      start: sinkTaskBehavior({
        ...common,
        connectorConfig: parseSinkConnectorConfig(running.config),
        consumerConfig: consumerOverrides(this.config.originals),
        createTask: () => connector.createTask(),
      }),
    };
    return spec as AnyChildSpec;
  }

  /** Creates the sink's DLQ topic if it names one that does not exist yet. */
  private async ensureDlqTopic(props: Props): Promise<void> {
    const config = parseSinkConnectorConfig(props);
    if (config.dlqTopicName === '') return;
    const cluster = await this.admin.describeCluster();
    // Kafka creates it with the configured factor (default 3) and fails on smaller clusters; a
    // one-broker development cluster gets a DLQ with one replica here instead.
    const replicationFactor = Math.min(config.dlqTopicReplicationFactor, cluster.brokers.length);
    try {
      await this.admin.createTopics([{ topic: config.dlqTopicName, numPartitions: 1, replicationFactor }]);
    } catch (err) {
      if (!KafkaError.is(err, 'TOPIC_ALREADY_EXISTS')) throw err;
    }
  }

  private requestReconfiguration(running: RunningConnector): void {
    if (this.stopping !== undefined || running.reconfiguring !== undefined) return;
    const previous = JSON.stringify(running.tasks);
    running.reconfiguring = (async () => {
      const connectorConfig = parseConnectorConfig(running.config);
      const next = running.connector.taskConfigs(connectorConfig.tasksMax);
      if (JSON.stringify(next) === previous) return;
      this.logger.info({ connector: running.name }, 'reconfiguring tasks');
      await this.stopTasks(running);
      if (this.connectors.get(running.name) === running) await this.startTasks(running);
    })()
      .catch((err: unknown) => this.connectorFailed(running, err))
      .finally(() => {
        running.reconfiguring = undefined;
      });
  }

  private connectorFailed(running: RunningConnector, error: unknown): void {
    this.logger.error({ connector: running.name, err: errorTrace(error) }, 'connector failed');
    this.setConnectorState(running, 'FAILED', error);
  }

  private setConnectorState(running: RunningConnector, state: ConnectState, error: unknown): void {
    running.connectorGeneration++;
    const entry: StatusEntry = {
      state,
      trace: state === 'FAILED' ? errorTrace(error) : null,
      workerId: this.workerId,
      generation: running.connectorGeneration,
    };
    running.connectorState = entry;
    void this.enqueueStatus(() => this.statuses.putConnector(running.name, entry));
  }

  private setTaskState(running: RunningConnector, id: number, state: ConnectState, error: unknown): void {
    const generation = (running.taskGenerations.get(id) ?? 0) + 1;
    running.taskGenerations.set(id, generation);
    const entry: StatusEntry = {
      state,
      trace: state === 'FAILED' ? errorTrace(error) : null,
      workerId: this.workerId,
      generation,
    };
    running.taskStates.set(id, entry);
    if (state === 'FAILED') {
      this.logger.error({ connector: running.name, task: id, err: errorTrace(error) }, 'task failed');
    }
    void this.enqueueStatus(() => this.statuses.putTask(running.name, id, entry));
  }

  /** Status writes go out one after another, so a later state is never overtaken by an earlier one. */
  private enqueueStatus(write: () => Promise<void>): Promise<void> {
    const next = this.statusWrites.then(write).catch((err: unknown) => {
      this.logger.warn({ err: errorTrace(err) }, 'status write failed');
    });
    this.statusWrites = next;
    return next;
  }
}

function supervisorId(connector: string): string {
  return `connector-${connector}`;
}

/** Connector configs are string properties; JSON numbers and booleans become their text. */
function stringify(raw: ConfigProps): Props {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.map(String).join(',');
    else
      throw new ConfigException(
        k,
        `the value of ${k} must be a string, number, boolean or list`,
        JSON.stringify(v),
      );
  }
  return out;
}
