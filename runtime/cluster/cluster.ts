// The embedded cluster: N brokers in one process, each a supervised actor owning its log dir, plus
// the controller actor hosted by one of them. On the real ports (SystemClock, NodeFileSystem,
// InProcessTransport) it is what `tributary start` and a test's before() hook run; on the simulated
// ports (SimulatedClock, SimulatedFileSystem per broker, SimulatedTransport) it runs hundreds of
// simulated seconds in milliseconds, identical for a given seed. Faults: kill a broker (its actors
// die, its files stay; with `crash` a simulated disk also loses unsynced writes), restart it
// (recovery from disk, catch-up, back into the ISR), cut and heal links between brokers.
import * as nodePath from 'node:path';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import {
  InProcessTransport,
  NodeFileSystem,
  SeededRandom,
  SimulatedClock,
  SimulatedFileSystem,
  SimulatedTransport,
  SystemClock,
  SystemRandom,
  type Clock,
  type FileSystem,
  type Random,
  type SimulatedNetworkOptions,
  type Transport,
} from '../../core/io/index.ts';
import type { LogManagerIntervals } from '../../core/log/index.ts';
import { brokerImplements } from '../../core/protocol/index.ts';
import type { BrokerAddress, ConnectionFactory } from '../../actors/client/connection.ts';
import { KafkaServer, noResponse, type ServerLogger } from '../server/kafka-server.ts';
import { InProcessConnectionFactory } from './in-process-connection.ts';
import { ActorSystem, type ActorRef, type ChildSpec } from '../../actors/system/index.ts';
import type { GroupCoordinatorConfig } from '../../actors/coordinator/index.ts';
import {
  Broker,
  metadataTopic,
  type BrokerSettings,
  type ReplicaRequest,
  type ReplicaResponse,
  type ReplicationConfig,
} from '../../actors/broker/index.ts';
import {
  Controller,
  type ControllerConfig,
  type ControllerRequest,
  type ControllerResponse,
  type CreateTopicSpec,
  type TopicResult,
} from '../../actors/controller/index.ts';

export interface ClusterOptions {
  /** Number of brokers (ids 1..N unless `brokerIds`). Default 1. */
  readonly brokers?: number;
  readonly brokerIds?: readonly number[];
  /** Real storage: broker i keeps its log dir in `<dataDir>/broker-<i>`. */
  readonly dataDir?: string;
  /** Simulated ports under a seed (no dataDir needed): deterministic, fast-forwarded time. */
  readonly simulated?: { readonly seed: number; readonly network?: SimulatedNetworkOptions };
  /** Broker i listens on `basePort + index` (0: no listener, in-process only). */
  readonly basePort?: number;
  readonly brokerSettings?: Partial<BrokerSettings>;
  readonly replication?: Partial<ReplicationConfig>;
  readonly controller?: Partial<ControllerConfig>;
  /**
   * Group coordinator settings of every broker (Kafka's broker keys), e.g.
   * `{ 'group.initial.rebalance.delay.ms': 0 }` as Kafka's development server.properties has it.
   */
  readonly groupCoordinator?: Partial<GroupCoordinatorConfig>;
  /** Broker-wide log config defaults (Kafka topic-config names). */
  readonly logDefaults?: Readonly<Record<string, unknown>>;
  readonly logIntervals?: Partial<LogManagerIntervals>;
  /** Background errors of brokers (fetch failures while a peer is down, and the like). */
  readonly onError?: (error: unknown, where: string) => void;
  /** Listener host (default 127.0.0.1) and the host advertised to clients (default: the listener's). */
  readonly host?: string;
  readonly advertisedHost?: string;
  /**
   * The port broker i (index in brokerIds) gives clients in Metadata (default: its listener port), for
   * listeners behind port forwarding or NAT. Only used when the cluster has listeners (basePort).
   */
  readonly advertisedPort?: (index: number, brokerId: number) => number;
  /** Logger of the TCP listeners (pino-compatible). */
  readonly serverLogger?: ServerLogger;
}

export interface CreateTopicOptions {
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly configs?: Readonly<Record<string, string>>;
}

type BrokerMsg = { readonly type: 'HALT' } | { readonly type: 'PING' };
type ControllerMsg = { readonly type: 'PING' };

const controllerChildId = 'controller';

/** The deterministic or real ports one cluster runs on. */
interface Ports {
  readonly clock: Clock;
  readonly random: Random;
  readonly replicaTransport: Transport<ReplicaRequest, ReplicaResponse>;
  readonly controllerTransport: Transport<ControllerRequest, ControllerResponse>;
  fsFor(brokerId: number): FileSystem;
  dirFor(brokerId: number): string;
}

export class Cluster {
  readonly clock: Clock;
  readonly random: Random;
  readonly brokerIds: readonly number[];
  readonly system: ActorSystem;
  private readonly options: ClusterOptions;
  private readonly ports: Ports;
  private readonly brokers = new Map<number, Broker>();
  private readonly ports_ = new Map<number, number>();
  /** Broker id -> the port Metadata advertises (the listener port unless `advertisedPort` says otherwise). */
  private readonly advertisedPorts = new Map<number, number>();
  private readonly servers = new Map<number, Promise<KafkaServer>>();
  private controllerHost = -1;
  private controller: Controller | undefined;
  private controllerEpoch = 0;
  private stopped = false;

  private constructor(options: ClusterOptions) {
    this.options = options;
    const ids = options.brokerIds ?? Array.from({ length: options.brokers ?? 1 }, (_, i) => i + 1);
    if (ids.length === 0)
      throw new KafkaError(ErrorCode.INVALID_CONFIG, 'a cluster needs at least one broker');
    this.brokerIds = [...ids];
    this.brokerIds.forEach((id, i) => this.ports_.set(id, options.basePort ? options.basePort + i : 0));
    this.brokerIds.forEach((id, i) => {
      const listener = this.ports_.get(id) ?? 0;
      const advertised = listener > 0 && options.advertisedPort ? options.advertisedPort(i, id) : listener;
      if (!Number.isInteger(advertised) || advertised < (listener > 0 ? 1 : 0) || advertised > 65_535)
        throw new KafkaError(ErrorCode.INVALID_CONFIG, `advertised port of broker ${id} is ${advertised}`);
      this.advertisedPorts.set(id, advertised);
    });
    if (options.simulated !== undefined) {
      const clock = new SimulatedClock();
      const random = new SeededRandom(options.simulated.seed);
      const fss = new Map<number, SimulatedFileSystem>();
      const network = options.simulated.network ?? {};
      this.ports = {
        clock,
        random,
        replicaTransport: new SimulatedTransport<ReplicaRequest, ReplicaResponse>(clock, random, network),
        controllerTransport: new SimulatedTransport<ControllerRequest, ControllerResponse>(
          clock,
          random,
          network,
        ),
        fsFor: (id) => {
          let fs = fss.get(id);
          if (fs === undefined) {
            fs = new SimulatedFileSystem();
            fss.set(id, fs);
          }
          return fs;
        },
        dirFor: (id) => `/data/broker-${id}`,
      };
    } else {
      if (options.dataDir === undefined) {
        throw new KafkaError(ErrorCode.INVALID_CONFIG, 'Cluster.start needs a dataDir or simulated options');
      }
      const clock = new SystemClock();
      const fs = new NodeFileSystem();
      const dataDir = nodePath.resolve(options.dataDir);
      this.ports = {
        clock,
        random: new SystemRandom(),
        replicaTransport: new InProcessTransport<ReplicaRequest, ReplicaResponse>(clock),
        controllerTransport: new InProcessTransport<ControllerRequest, ControllerResponse>(clock),
        fsFor: () => fs,
        dirFor: (id) => nodePath.join(dataDir, `broker-${id}`),
      };
    }
    this.clock = this.ports.clock;
    this.random = this.ports.random;
    this.system = ActorSystem.start({ clock: this.clock, random: this.random, name: 'cluster' }, []);
  }

  /** Starts the brokers and the controller; resolves when every broker is registered and caught up. */
  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const cluster = new Cluster(options);
    for (const id of cluster.brokerIds) await cluster.startBroker(id);
    await cluster.ensureController();
    await cluster.waitUntilReady();
    return cluster;
  }

  get simulated(): boolean {
    return this.options.simulated !== undefined;
  }

  /** The simulated clock (simulated clusters only): drive time with `runFor` / `runUntil`. */
  get simulatedClock(): SimulatedClock {
    if (!(this.clock instanceof SimulatedClock)) throw new Error('not a simulated cluster');
    return this.clock;
  }

  /** Waits on the cluster's clock: fast-forwarded on a simulated cluster. */
  async sleep(ms: number): Promise<void> {
    if (this.clock instanceof SimulatedClock) {
      await this.clock.runFor(ms);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * Awaits `promise`; on a simulated cluster, simulated time runs meanwhile (anything that waits on
   * the network or a timer needs it to). On real ports it is just `await promise`.
   */
  async run<T>(promise: Promise<T>): Promise<T> {
    if (!(this.clock instanceof SimulatedClock)) return promise;
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => {});
    while (!settled) await this.clock.runFor(5);
    return watched;
  }

  /** Resolves when `condition` holds, polling on the cluster's clock; rejects after `timeoutMs`. */
  async waitFor(condition: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
    const deadline = this.clock.now() + timeoutMs;
    while (!condition()) {
      if (this.clock.now() >= deadline) {
        throw new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `cluster: ${what} not reached in ${timeoutMs} ms`);
      }
      await this.sleep(10);
    }
  }

  private async waitUntilReady(): Promise<void> {
    await this.waitFor(
      () => [...this.brokers.values()].every((b) => b.ready),
      60_000,
      'all brokers registered and caught up',
    );
  }

  // ------------------------------------------------------------------ brokers as actors

  private brokerChildId(id: number): string {
    return `broker-${id}`;
  }

  private brokerSpec(id: number): ChildSpec<BrokerMsg> {
    return {
      id: this.brokerChildId(id),
      // A crash of the broker actor restarts it (recovery from its log dir); a kill is a normal exit.
      restart: 'transient',
      shutdown: 30_000,
      start: (ctx) => {
        const broker = this.createBroker(id);
        this.brokers.set(id, broker);
        broker.start();
        const port = this.ports_.get(id) ?? 0;
        let server: KafkaServer | undefined;
        if (port > 0) {
          server = new KafkaServer({
            host: this.options.host ?? '127.0.0.1',
            port,
            accept: brokerImplements,
            ...(this.options.serverLogger !== undefined ? { logger: this.options.serverLogger } : {}),
            handler: async (request, context) => {
              const body = await broker.apis.handle(request, {
                clientId: context.clientId ?? '',
                clientHost: context.remoteAddress,
              });
              return body === null ? noResponse : body;
            },
          });
          const started = server;
          this.servers.set(
            id,
            started.start().then(() => started),
          );
        }
        let halted = false;
        return {
          receive: (msg) => {
            if (msg.type === 'HALT') {
              halted = true;
              broker.halt();
              void server?.stop();
              ctx.stop();
            }
          },
          stopping: async () => {
            if (!halted) await broker.shutdown();
          },
          release: () => {
            if (!halted) broker.halt();
            void server?.stop();
            if (this.brokers.get(id) === broker) this.brokers.delete(id);
          },
        };
      },
    };
  }

  private createBroker(id: number): Broker {
    const settings: Partial<BrokerSettings> = {
      'offsets.topic.replication.factor': Math.min(3, this.brokerIds.length),
      'advertised.host': this.options.advertisedHost ?? this.options.host ?? '127.0.0.1',
      ...this.options.brokerSettings,
    };
    return new Broker({
      brokerId: id,
      port: this.advertisedPorts.get(id) ?? 0,
      fs: this.ports.fsFor(id),
      clock: this.clock,
      random: this.random,
      dataDir: this.ports.dirFor(id),
      replicaTransport: this.ports.replicaTransport,
      controllerTransport: this.ports.controllerTransport,
      controllerId: () => this.controllerHost,
      settings,
      ...(this.options.replication !== undefined ? { replication: this.options.replication } : {}),
      ...(this.options.logDefaults !== undefined ? { logDefaults: this.options.logDefaults } : {}),
      ...(this.options.logIntervals !== undefined ? { logIntervals: this.options.logIntervals } : {}),
      ...(this.options.onError !== undefined ? { onError: this.options.onError } : {}),
      ...(this.options.groupCoordinator !== undefined
        ? { groupCoordinator: this.options.groupCoordinator }
        : {}),
    });
  }

  private async startBroker(id: number): Promise<void> {
    await this.run(this.system.root.startChild(this.brokerSpec(id)));
    const server = this.servers.get(id);
    if (server !== undefined) await server;
  }

  /** Where clients connect: one address per running broker. */
  bootstrapAddresses(): BrokerAddress[] {
    return this.liveBrokers().map((b) => ({
      nodeId: b.brokerId,
      host: b.config['advertised.host'],
      port: b.config['advertised.port'],
    }));
  }

  /** `host:port` of each running broker's TCP listener (clusters started with a basePort). */
  bootstrapServers(): string[] {
    return this.bootstrapAddresses()
      .filter((a) => a.port > 0)
      .map((a) => `${a.host}:${a.port}`);
  }

  /** In-process connections for our clients (no sockets, no encoding). */
  connectionFactory(): ConnectionFactory {
    return new InProcessConnectionFactory(
      (nodeId) => this.brokers.get(nodeId)?.apis,
      () => this.bootstrapAddresses(),
    );
  }

  /** The running broker with this id. */
  broker(id: number): Broker {
    const b = this.brokers.get(id);
    if (b === undefined) throw new KafkaError(ErrorCode.BROKER_NOT_AVAILABLE, `broker ${id} is not running`);
    return b;
  }

  isUp(id: number): boolean {
    return this.brokers.has(id);
  }

  liveBrokers(): Broker[] {
    return this.brokerIds.filter((id) => this.brokers.has(id)).map((id) => this.brokers.get(id)!);
  }

  /** The broker hosting the active controller (-1 while none). */
  get controllerId(): number {
    return this.controllerHost;
  }

  /** The active controller (for tests and tools). */
  activeController(): Controller {
    if (this.controller === undefined) throw new KafkaError(ErrorCode.NOT_CONTROLLER, 'no active controller');
    return this.controller;
  }

  // ------------------------------------------------------------------ the controller as an actor

  /**
   * Starts the controller on the live broker with the most up-to-date metadata log (latest epoch, then
   * longest: every record any live broker has applied is there), with an epoch above every earlier
   * controller's.
   */
  private async ensureController(): Promise<void> {
    if (this.controller !== undefined || this.stopped) return;
    const live = this.liveBrokers();
    if (live.length === 0) return;
    // Raft's rule: the most up-to-date log is the one with the latest epoch, then the longest. A
    // longer tail from an older controller epoch (a former controller's unreplicated writes) loses.
    const rank = (b: Broker): [number, number] => [
      b.metadataLogForController.leaderEpochCache.latestEpoch(),
      b.metadataLogForController.logEndOffset,
    ];
    let host = live[0]!;
    for (const b of live) {
      const [epoch, end] = rank(b);
      const [bestEpoch, bestEnd] = rank(host);
      if (epoch > bestEpoch || (epoch === bestEpoch && end > bestEnd)) host = b;
    }
    for (const b of live) {
      const latest = b.metadataLogForController.leaderEpochCache.latestEpoch();
      if (latest >= this.controllerEpoch) this.controllerEpoch = latest;
    }
    this.controllerEpoch++;
    const epoch = this.controllerEpoch;
    const hostId = host.brokerId;
    const spec: ChildSpec<ControllerMsg> = {
      id: controllerChildId,
      restart: 'transient',
      start: () => {
        const controller = new Controller({
          brokerId: hostId,
          epoch,
          clock: this.clock,
          random: this.random,
          log: this.broker(hostId).metadataLogForController,
          ...(this.options.controller !== undefined ? { config: this.options.controller } : {}),
        });
        controller.start();
        const unlisten = this.ports.controllerTransport.listen(hostId, (request) =>
          controller.handle(request),
        );
        this.controller = controller;
        this.controllerHost = hostId;
        return {
          receive: () => {},
          release: () => {
            unlisten();
            controller.stop();
            if (this.controller === controller) {
              this.controller = undefined;
              this.controllerHost = -1;
            }
          },
        };
      },
    };
    await this.run(this.system.root.startChild(spec));
  }

  private async stopController(): Promise<void> {
    if (this.controller === undefined) return;
    await this.run(this.system.root.terminateChild(controllerChildId));
  }

  // ------------------------------------------------------------------ topics

  /** Creates a topic through the controller; resolves once every live broker knows it. */
  async createTopic(name: string, options: CreateTopicOptions = {}): Promise<TopicResult> {
    const spec: CreateTopicSpec = {
      name,
      numPartitions: options.partitions ?? -1,
      replicationFactor: options.replicationFactor ?? -1,
      ...(options.configs !== undefined ? { configs: options.configs } : {}),
    };
    const any = this.liveBrokers()[0];
    if (any === undefined) throw new KafkaError(ErrorCode.BROKER_NOT_AVAILABLE, 'no broker is running');
    const [result] = await this.run(any.controller.createTopics([spec], false));
    if (result!.errorCode !== ErrorCode.NONE) {
      throw new KafkaError(result!.errorCode, result!.errorMessage ?? `creating topic ${name}`);
    }
    await this.waitForLeaders(name);
    return result!;
  }

  /** Resolves once every partition of `topic` has a leader that every live broker agrees on. */
  async waitForLeaders(topic: string, timeoutMs = 30_000): Promise<void> {
    await this.waitFor(
      () => {
        const brokers = this.liveBrokers();
        const t = brokers[0]?.metadata().topicsByName.get(topic);
        if (t === undefined || t.partitions.length === 0) return false;
        return t.partitions.every((p) => {
          if (p === undefined || p.leader < 0 || !this.isUp(p.leader)) return false;
          const leaderReplica = this.broker(p.leader).replicaManager.getPartition(p);
          return (
            leaderReplica?.role === 'leader' &&
            brokers.every((b) => b.metadata().partition(topic, p.partition)?.leaderEpoch === p.leaderEpoch)
          );
        });
      },
      timeoutMs,
      `leaders of ${topic}`,
    );
  }

  // ------------------------------------------------------------------ faults

  /**
   * Kills a broker: its actors die at once, nothing is flushed. Its files stay; with `crash` (simulated
   * clusters) its disk also loses or tears unsynced writes, as on power loss. If it hosted the
   * controller, the controller moves to another live broker.
   */
  async kill(id: number, options: { crash?: boolean } = {}): Promise<void> {
    if (!this.brokers.has(id)) return;
    const ref: ActorRef<BrokerMsg> = this.system.ref(`cluster/${this.brokerChildId(id)}`);
    const hostedController = this.controllerHost === id;
    if (hostedController) await this.stopController();
    this.brokers.get(id)?.halt();
    ref.tell({ type: 'HALT' });
    await this.waitFor(() => !ref.isAlive(), 10_000, `broker ${id} stopped`);
    await this.run(this.system.root.terminateChild(this.brokerChildId(id))).catch(() => {});
    this.brokers.delete(id);
    if (options.crash === true) {
      const fs = this.ports.fsFor(id);
      if (!(fs instanceof SimulatedFileSystem)) throw new Error('crash needs a simulated cluster');
      fs.crash({ random: this.random });
    }
    if (hostedController) await this.ensureController();
  }

  /** Restarts a killed broker: it recovers its logs, registers, catches up and rejoins the ISRs. */
  async restart(id: number): Promise<void> {
    if (this.brokers.has(id)) return;
    await this.startBroker(id);
    if (this.controller === undefined) await this.ensureController();
  }

  /** Cuts the links between brokers `a` and `b` (replication and control plane), both ways. */
  cutLink(a: number, b: number): void {
    this.simulatedTransports().forEach((t) => t.cutLink(a, b));
  }

  healLink(a: number, b: number): void {
    this.simulatedTransports().forEach((t) => t.healLink(a, b));
  }

  healAll(): void {
    this.simulatedTransports().forEach((t) => t.healAll());
  }

  private simulatedTransports(): Array<SimulatedTransport<unknown, unknown>> {
    const out: Array<SimulatedTransport<unknown, unknown>> = [];
    for (const t of [this.ports.replicaTransport, this.ports.controllerTransport]) {
      if (!(t instanceof SimulatedTransport)) throw new Error('link faults need a simulated cluster');
      out.push(t as SimulatedTransport<unknown, unknown>);
    }
    return out;
  }

  // ------------------------------------------------------------------ shutdown

  /** Clean shutdown: brokers leave one by one (controlled shutdown), then the controller stops. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const order = this.brokerIds.filter((id) => id !== this.controllerHost && this.brokers.has(id));
    for (const id of order)
      await this.run(this.system.root.terminateChild(this.brokerChildId(id))).catch(() => {});
    await this.stopController().catch(() => {});
    if (this.controllerHost >= 0 || this.brokers.size > 0) {
      for (const id of [...this.brokers.keys()]) {
        await this.run(this.system.root.terminateChild(this.brokerChildId(id))).catch(() => {});
      }
    }
    await this.run(this.system.stop());
  }
}

export { metadataTopic };
