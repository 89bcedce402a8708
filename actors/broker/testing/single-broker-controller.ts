// The ControllerChannel of the one-broker test cluster: validates topic creations, deletions,
// partition growth and config changes against the cluster image, appends the metadata records the
// real controller would, and has the broker apply them (leadership, coordinator loading).
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Random } from '../../../core/io/index.ts';
import { LogConfig, logConfigDefaults, validateTopicName } from '../../../core/log/index.ts';
import {
  assignReplicas,
  electLeader,
  type ClusterImage,
  type MetadataRecord,
} from '../../controller/index.ts';
import type {
  BrokerConfig,
  ConfigChange,
  ControllerChannel,
  CreateTopicSpec,
  TopicResult,
} from '../broker-services.ts';

/** What the controller needs from the broker it runs beside. */
export interface SingleBrokerControllerHost {
  readonly config: BrokerConfig;
  readonly random: Random;
  image(): ClusterImage;
  /** Appends a record to the metadata log (applied to the image at once). */
  apply(record: MetadataRecord): void;
  /** The broker takes up the image's decisions for these partitions of `topic`. */
  partitionsChanged(topic: string, partitions: readonly number[]): Promise<void>;
  /** The broker drops its replicas of a deleted topic (the image no longer has it). */
  topicRemoved(topic: string, partitionCount: number): void;
  /** A topic's configs changed: the broker refreshes its logs' settings. */
  configsChanged(topic: string): void;
}

/** Producer ids handed out per allocateProducerIds call (Kafka's block size). */
export const producerIdBlockSize = 1000;

const logConfigKeys: ReadonlySet<string> = new Set(Object.keys(logConfigDefaults));
const compressionTypes: ReadonlySet<string> = new Set([
  'producer',
  'uncompressed',
  'none',
  'gzip',
  'snappy',
  'lz4',
  'zstd',
]);

/** Throws INVALID_CONFIG naming the first topic config that Kafka would refuse. */
export function validateTopicConfigs(configs: Readonly<Record<string, string>>): void {
  const logOverrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(configs)) {
    if (logConfigKeys.has(key)) {
      logOverrides[key] = value;
    } else if (key === 'min.insync.replicas') {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 1) {
        throw new KafkaError(
          ErrorCode.INVALID_CONFIG,
          `min.insync.replicas: expected an integer >= 1, got ${value}`,
        );
      }
    } else if (key === 'unclean.leader.election.enable') {
      if (value !== 'true' && value !== 'false') {
        throw new KafkaError(ErrorCode.INVALID_CONFIG, `${key}: expected true or false, got ${value}`);
      }
    } else if (key === 'compression.type') {
      if (!compressionTypes.has(value))
        throw new KafkaError(ErrorCode.INVALID_CONFIG, `${key}: unknown type ${value}`);
    } else {
      throw new KafkaError(ErrorCode.INVALID_CONFIG, `unknown topic config name: ${key}`);
    }
  }
  LogConfig.from(logOverrides);
}

function ok(name: string, extra: Partial<TopicResult> = {}): TopicResult {
  return { name, errorCode: ErrorCode.NONE, errorMessage: null, ...extra };
}

function failed(name: string, err: unknown): TopicResult {
  if (err instanceof KafkaError) return { name, errorCode: err.code, errorMessage: err.message };
  throw err;
}

/**
 * A controller for one broker (plus any brokers a test registers by hand): Kafka's KRaft rules for
 * the topic operations, replica placement by `assignReplicas`, leaders by `electLeader`. `hold()` parks
 * every operation until released, for tests of requests that time out waiting for the controller.
 */
export class SingleBrokerController implements ControllerChannel {
  private readonly host: SingleBrokerControllerHost;
  private nextProducerId = 0;
  private gate: Promise<void> | undefined;
  /** Operations answered (for tests). */
  operations = 0;

  constructor(host: SingleBrokerControllerHost) {
    this.host = host;
  }

  /** Parks every operation until the returned function is called. */
  hold(): () => void {
    let release = (): void => {};
    this.gate = new Promise<void>((resolve) => {
      release = () => {
        this.gate = undefined;
        resolve();
      };
    });
    return release;
  }

  private async enter(): Promise<void> {
    while (this.gate !== undefined) await this.gate;
    this.operations++;
  }

  async createTopics(topics: readonly CreateTopicSpec[], validateOnly: boolean): Promise<TopicResult[]> {
    await this.enter();
    const results: TopicResult[] = [];
    for (const spec of topics) {
      try {
        results.push(await this.createTopic(spec, validateOnly));
      } catch (err) {
        results.push(failed(spec.name, err));
      }
    }
    return results;
  }

  private async createTopic(spec: CreateTopicSpec, validateOnly: boolean): Promise<TopicResult> {
    const image = this.host.image();
    const config = this.host.config;
    validateTopicName(spec.name);
    if (spec.name === '__cluster_metadata') {
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        'creation of internal topic __cluster_metadata is prohibited',
      );
    }
    if (image.topicsByName.has(spec.name)) {
      throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `topic '${spec.name}' already exists`);
    }
    const configs = spec.configs ?? {};
    validateTopicConfigs(configs);
    const live = image.liveBrokerIds();
    let assignment: number[][];
    if (spec.assignments !== undefined && spec.assignments.length > 0) {
      for (const replicas of spec.assignments) {
        for (const id of replicas) {
          if (!image.brokers.has(id)) {
            throw new KafkaError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `broker ${id} is not registered`);
          }
        }
      }
      assignment = spec.assignments.map((r) => [...r]);
    } else {
      const partitions = spec.numPartitions === -1 ? config['num.partitions'] : spec.numPartitions;
      const replicationFactor =
        spec.replicationFactor === -1 ? config['default.replication.factor'] : spec.replicationFactor;
      assignment = assignReplicas(live, partitions, replicationFactor, { start: 0, shift: 0 });
    }
    const topicId = this.uuid();
    const result = ok(spec.name, {
      topicId,
      numPartitions: assignment.length,
      replicationFactor: assignment[0]!.length,
    });
    if (validateOnly) return result;
    this.host.apply({ type: 'Topic', name: spec.name, topicId });
    for (const [key, value] of Object.entries(configs)) {
      this.host.apply({ type: 'Config', resourceType: 'topic', resourceName: spec.name, key, value });
    }
    assignment.forEach((replicas, partition) => this.addPartition(topicId, partition, replicas));
    await this.host.partitionsChanged(
      spec.name,
      assignment.map((_, i) => i),
    );
    return result;
  }

  private addPartition(topicId: string, partition: number, replicas: readonly number[]): void {
    const image = this.host.image();
    const isAlive = (id: number): boolean => image.brokers.get(id)?.fenced === false;
    const isr = replicas.filter(isAlive);
    const { leader } = electLeader(replicas, isr, isAlive, false);
    this.host.apply({
      type: 'Partition',
      topicId,
      partition,
      replicas: [...replicas],
      isr,
      leader,
      leaderEpoch: 0,
      partitionEpoch: 0,
    });
  }

  async deleteTopics(names: readonly string[]): Promise<TopicResult[]> {
    await this.enter();
    return names.map((name) => {
      const topic = this.host.image().topicsByName.get(name);
      if (topic === undefined) {
        return failed(
          name,
          new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic ${name} does not exist`),
        );
      }
      this.host.apply({ type: 'RemoveTopic', topicId: topic.topicId });
      this.host.topicRemoved(name, topic.partitions.length);
      return ok(name, { topicId: topic.topicId });
    });
  }

  async createPartitions(
    topics: readonly { readonly name: string; readonly totalCount: number }[],
    validateOnly: boolean,
  ): Promise<TopicResult[]> {
    await this.enter();
    const results: TopicResult[] = [];
    for (const { name, totalCount } of topics) {
      try {
        const image = this.host.image();
        const topic = image.topicsByName.get(name);
        if (topic === undefined) {
          throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic ${name} does not exist`);
        }
        const current = topic.partitions.length;
        if (totalCount < current) {
          throw new KafkaError(
            ErrorCode.INVALID_PARTITIONS,
            `topic currently has ${current} partitions, which is higher than the requested ${totalCount}`,
          );
        }
        if (totalCount === current) {
          throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `topic already has ${current} partitions`);
        }
        const replicationFactor = topic.partitions[0]?.replicas.length ?? 1;
        const added = assignReplicas(image.liveBrokerIds(), totalCount - current, replicationFactor, {
          start: 0,
          shift: 0,
          firstPartition: current,
        });
        if (!validateOnly) {
          added.forEach((replicas, i) => this.addPartition(topic.topicId, current + i, replicas));
          await this.host.partitionsChanged(
            name,
            added.map((_, i) => current + i),
          );
        }
        results.push(ok(name, { numPartitions: totalCount, replicationFactor }));
      } catch (err) {
        results.push(failed(name, err));
      }
    }
    return results;
  }

  async alterConfigs(changes: readonly ConfigChange[], validateOnly: boolean): Promise<TopicResult[]> {
    await this.enter();
    const byResource = new Map<string, ConfigChange[]>();
    for (const c of changes) {
      const key = `${c.resourceType}\u0000${c.resourceName}`;
      let list = byResource.get(key);
      if (list === undefined) byResource.set(key, (list = []));
      list.push(c);
    }
    const results: TopicResult[] = [];
    for (const list of byResource.values()) {
      const { resourceType, resourceName } = list[0]!;
      try {
        if (resourceType === 'topic') {
          const topic = this.host.image().topicsByName.get(resourceName);
          if (topic === undefined) {
            throw new KafkaError(
              ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              `topic ${resourceName} does not exist`,
            );
          }
          const next = Object.fromEntries(topic.configs);
          for (const c of list) {
            if (c.value === null) delete next[c.key];
            else next[c.key] = c.value;
          }
          validateTopicConfigs(next);
        }
        if (!validateOnly) {
          for (const c of list)
            this.host.apply({ type: 'Config', resourceType, resourceName, key: c.key, value: c.value });
          if (resourceType === 'topic') this.host.configsChanged(resourceName);
        }
        results.push(ok(resourceName));
      } catch (err) {
        results.push(failed(resourceName, err));
      }
    }
    return results;
  }

  async allocateProducerIds(): Promise<{ firstProducerId: number; count: number }> {
    await this.enter();
    const firstProducerId = this.nextProducerId;
    this.nextProducerId += producerIdBlockSize;
    return { firstProducerId, count: producerIdBlockSize };
  }

  private uuid(): string {
    const b = Buffer.alloc(16);
    for (let i = 0; i < 16; i++) b[i] = this.host.random.int(256);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
