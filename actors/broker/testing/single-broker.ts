// A real one-broker BrokerServices for tests: a ReplicaManager on a SimulatedFileSystem and
// SimulatedClock, a ClusterImage fed with metadata records, a GroupCoordinator writing to
// `__consumer_offsets` through the ReplicaManager, and a ControllerChannel that applies topic
// operations to the image and makes this broker lead what it hosts.
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import {
  InProcessTransport,
  SeededRandom,
  SimulatedClock,
  SimulatedFileSystem,
} from '../../../core/io/index.ts';
import { LogConfig, logConfigDefaults } from '../../../core/log/index.ts';
import { ClusterImage, type MetadataRecord } from '../../controller/index.ts';
import {
  GroupCoordinator,
  consumerOffsetsTopic,
  type GroupCoordinatorConfig,
} from '../../coordinator/index.ts';
import type { BrokerConfig, BrokerServices, CreateTopicSpec } from '../broker-services.ts';
import {
  ReplicaManager,
  openReplicatedLog,
  replicationConfig,
  topicPartitionKey,
  type ReplicaRequest,
  type ReplicaResponse,
  type ReplicationConfig,
} from '../partition/index.ts';
import { SingleBrokerController } from './single-broker-controller.ts';

export interface SingleBrokerOptions {
  /** Default 1. */
  readonly brokerId?: number;
  /** Overrides of `singleBrokerConfig`'s values. */
  readonly config?: Partial<BrokerConfig>;
  /** Group coordinator settings; `offsets.topic.num.partitions` always follows the broker config. */
  readonly groupConfig?: Partial<GroupCoordinatorConfig>;
  /** Seed of the Random used for topic ids and member ids. Default 7. */
  readonly seed?: number;
}

/** The broker config of the test broker: Kafka's defaults, but 5 offsets partitions (fewer logs to open). */
export function singleBrokerConfig(brokerId: number, overrides: Partial<BrokerConfig> = {}): BrokerConfig {
  return {
    'broker.id': brokerId,
    'advertised.host': 'localhost',
    'advertised.port': 9092,
    'cluster.id': 'tributary-test-cluster',
    'auto.create.topics.enable': true,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'offsets.topic.replication.factor': 3,
    'offsets.topic.num.partitions': 5,
    'message.max.bytes': 1024 * 1024 + 12,
    'fetch.max.bytes': 55 * 1024 * 1024,
    'min.insync.replicas': 1,
    ...overrides,
  };
}

const logConfigKeys: ReadonlySet<string> = new Set(Object.keys(logConfigDefaults));
/** How long a coordinator append to `__consumer_offsets` waits for acks=all. */
const offsetsAppendTimeoutMs = 5000;

/** One broker with everything it needs, on simulated I/O. `services` is what KafkaApis takes. */
export class SingleBroker {
  readonly brokerId: number;
  readonly clock = new SimulatedClock();
  readonly fs = new SimulatedFileSystem();
  readonly random: SeededRandom;
  readonly transport: InProcessTransport<ReplicaRequest, ReplicaResponse>;
  readonly config: BrokerConfig;
  readonly image = new ClusterImage();
  readonly replicaManager: ReplicaManager;
  readonly groupCoordinator: GroupCoordinator;
  readonly controller: SingleBrokerController;
  readonly services: BrokerServices;
  /** Errors the replica manager reported (fetcher and partition failures). */
  readonly errors: unknown[] = [];
  /** The active controller id Metadata reports through `services.controllerId()`; default this broker. */
  controllerId: number;
  private nextMetadataOffset = 0;

  constructor(options: SingleBrokerOptions = {}) {
    this.brokerId = options.brokerId ?? 1;
    this.controllerId = this.brokerId;
    this.random = new SeededRandom(options.seed ?? 7);
    this.config = singleBrokerConfig(this.brokerId, options.config);
    this.transport = new InProcessTransport(this.clock);
    this.replicaManager = new ReplicaManager({
      brokerId: this.brokerId,
      brokerEpoch: 1,
      clock: this.clock,
      transport: this.transport,
      config: replicationConfig({ minInsyncReplicas: this.config['min.insync.replicas'] }),
      configFor: (topic) => this.replicationConfigFor(topic),
      openLog: (tp) =>
        openReplicatedLog({
          fs: this.fs,
          clock: this.clock,
          dir: this.logDir(tp.topic, tp.partition),
          topic: tp.topic,
          partition: tp.partition,
          config: this.logConfigFor(tp.topic),
        }),
      onError: (err) => this.errors.push(err),
    });
    this.replicaManager.serve();
    this.groupCoordinator = new GroupCoordinator({
      clock: this.clock,
      random: this.random,
      config: {
        ...options.groupConfig,
        'offsets.topic.num.partitions': this.config['offsets.topic.num.partitions'],
      },
      appendToOffsetsTopic: async (partition, batch) => {
        await this.replicaManager.appendToLeader(
          { topic: consumerOffsetsTopic, partition },
          batch,
          -1,
          offsetsAppendTimeoutMs,
        );
      },
    });
    this.controller = new SingleBrokerController({
      config: this.config,
      random: this.random,
      image: () => this.image,
      apply: (record) => this.apply(record),
      partitionsChanged: (topic, partitions) => this.partitionsChanged(topic, partitions),
      topicRemoved: (topic, count) => this.topicRemoved(topic, count),
      configsChanged: (topic) => this.configsChanged(topic),
    });
    this.services = {
      brokerId: this.brokerId,
      clock: this.clock,
      config: this.config,
      replicaManager: this.replicaManager,
      groupCoordinator: this.groupCoordinator,
      metadata: () => this.image,
      controllerId: () => this.controllerId,
      controller: this.controller,
      logConfigFor: (topic) => this.logConfigFor(topic),
    };
    this.registerBroker(this.brokerId, {
      host: this.config['advertised.host'],
      port: this.config['advertised.port'],
    });
  }

  /** Applies one metadata record to the image (as replaying `__cluster_metadata` would). */
  apply(record: MetadataRecord): void {
    this.image.apply(record, this.nextMetadataOffset++);
  }

  /** Registers (and by default unfences) a broker in the image; other brokers exist only as metadata. */
  registerBroker(brokerId: number, options: { host?: string; port?: number; fenced?: boolean } = {}): void {
    this.apply({
      type: 'RegisterBroker',
      brokerId,
      brokerEpoch: 1,
      host: options.host ?? `broker-${brokerId}`,
      port: options.port ?? 9092 + brokerId,
      rack: null,
    });
    if (options.fenced !== true) this.apply({ type: 'UnfenceBroker', brokerId, brokerEpoch: 1 });
  }

  /** A topic's log config: the broker defaults (max.message.bytes from message.max.bytes) under its overrides. */
  logConfigFor(topic: string): LogConfig {
    const base = LogConfig.from({ 'max.message.bytes': this.config['message.max.bytes'] });
    const overrides: Record<string, string> = {};
    for (const [key, value] of this.image.topicsByName.get(topic)?.configs ?? []) {
      if (logConfigKeys.has(key)) overrides[key] = value;
    }
    return LogConfig.from(overrides, base);
  }

  private replicationConfigFor(topic: string): ReplicationConfig {
    const own = this.image.topicsByName.get(topic)?.configs.get('min.insync.replicas');
    return replicationConfig({
      minInsyncReplicas: own !== undefined ? Number(own) : this.config['min.insync.replicas'],
    });
  }

  private logDir(topic: string, partition: number): string {
    return `/data/${topicPartitionKey({ topic, partition })}`;
  }

  /** Creates a topic through the controller; throws its error. */
  async createTopic(
    name: string,
    numPartitions = 1,
    configs: Readonly<Record<string, string>> = {},
    assignments?: readonly (readonly number[])[],
  ): Promise<void> {
    const spec: CreateTopicSpec =
      assignments === undefined
        ? { name, numPartitions, replicationFactor: 1, configs }
        : { name, numPartitions: -1, replicationFactor: -1, configs, assignments };
    const [result] = await this.controller.createTopics([spec], false);
    if (result!.errorCode !== ErrorCode.NONE)
      throw new KafkaError(result!.errorCode, result!.errorMessage ?? undefined);
  }

  /** This broker applies the image's leader and ISR of the partitions; it loads offsets partitions it leads. */
  private async partitionsChanged(topic: string, partitions: readonly number[]): Promise<void> {
    const loads: Promise<void>[] = [];
    for (const index of partitions) {
      const p = this.image.partition(topic, index);
      if (p === undefined || !p.replicas.includes(this.brokerId)) continue;
      const [result] = this.replicaManager.applyLeaderAndIsr([
        {
          topic,
          partition: index,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          partitionEpoch: p.partitionEpoch,
          isr: p.isr,
          replicas: p.replicas,
        },
      ]);
      if (result!.errorCode !== ErrorCode.NONE) {
        throw new KafkaError(result!.errorCode, `broker ${this.brokerId} refused ${topic}-${index}`);
      }
      if (topic === consumerOffsetsTopic && p.leader === this.brokerId) {
        const replica = this.replicaManager.getPartition({ topic, partition: index })!;
        loads.push(this.groupCoordinator.loadPartition(index, replica.log));
      }
    }
    await Promise.all(loads);
  }

  private topicRemoved(topic: string, partitionCount: number): void {
    for (let index = 0; index < partitionCount; index++) {
      const tp = { topic, partition: index };
      if (topic === consumerOffsetsTopic) this.groupCoordinator.unloadPartition(index);
      const replica = this.replicaManager.getPartition(tp);
      this.replicaManager.stopReplica(tp);
      if (replica !== undefined) {
        replica.log.close();
        this.fs.rmrf(this.logDir(topic, index));
      }
    }
  }

  private configsChanged(topic: string): void {
    const logConfig = this.logConfigFor(topic);
    const replication = this.replicationConfigFor(topic);
    for (const p of this.replicaManager.allPartitions()) {
      if (p.topic !== topic) continue;
      p.log.updateConfig(logConfig);
      p.updateConfig(replication);
    }
  }

  /** Stops the coordinator's timers and the replicas (closing the logs). */
  shutdown(): void {
    this.groupCoordinator.close();
    this.replicaManager.shutdown();
  }
}

/** Builds a one-broker cluster on simulated I/O. */
export function createSingleBroker(options: SingleBrokerOptions = {}): SingleBroker {
  return new SingleBroker(options);
}
