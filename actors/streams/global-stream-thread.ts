import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock } from '../../core/io/index.ts';
import { TopologyException, TopologyTask, type StateStore, type Topology } from '../../dsl/index.ts';
import type { ConnectionFactory } from '../client/connection.ts';
import { Consumer, type ConsumerRecord, type TopicPartition } from '../client/index.ts';
import type { ActorContext, Behavior, BehaviorFactory, ChildSpec, ReplyTo } from '../system/index.ts';
import type { ResolvedStreamsConfig } from './streams-config.ts';

/** How long bootstrapping the global stores may take before start() fails. */
export const globalBootstrapTimeoutMsDefault = 300_000;

export interface GlobalStateUpdaterOptions {
  readonly topology: Topology;
  readonly config: ResolvedStreamsConfig;
  readonly connectionFactory: ConnectionFactory;
  readonly clock: Clock;
  /** Partition counts of the global source topics (the app looked them up when it started). */
  readonly partitionCounts: ReadonlyMap<string, number>;
  /** Records per global store applied while bootstrapping, once it ends. */
  readonly onBootstrapped?: (records: number) => void;
}

/**
 * Kafka's GlobalStateManager + GlobalStreamThread's work: one TopologyTask per global sub-topology,
 * fed by a group-less consumer assigned every partition of the global topics. `bootstrap()` reads up
 * to the end offsets seen when it starts (the stores are complete before any stream task processes);
 * `pollOnce()` then keeps following the topics. The stores are shared with every stream task of the
 * instance (same event loop: a lookup sees the latest applied update).
 */
export class GlobalStateUpdater {
  /** Global store name -> store, for `TopologyTaskOptions.globalStores`. */
  readonly stores = new Map<string, StateStore>();
  private readonly options: GlobalStateUpdaterOptions;
  private readonly tasks: TopologyTask[];
  private readonly taskOfTopic = new Map<string, TopologyTask>();
  private readonly consumer: Consumer<Buffer, Buffer>;
  private readonly partitions: TopicPartition[] = [];
  /** Records applied to the global stores since start. */
  applied = 0;
  private closed = false;

  constructor(options: GlobalStateUpdaterOptions) {
    this.options = options;
    const { topology, config } = options;
    this.tasks = topology
      .subtopologies()
      .filter((s) => s.global === true)
      .map(
        (sub) =>
          new TopologyTask(topology, sub.id, {
            applicationId: config.applicationId,
            partition: 0,
            sink: () => {
              throw new TopologyException(`global sub-topology ${sub.id} cannot write to a topic`);
            },
            wallClockMs: () => options.clock.now(),
            defaultKeySerde: config.defaultKeySerde,
            defaultValueSerde: config.defaultValueSerde,
            onDeserializationError: config.onDeserializationError,
            stateDir: config.stateDir,
          }),
      );
    for (const task of this.tasks) {
      task.init();
      for (const [name, store] of task.stateStores()) this.stores.set(name, store);
      for (const topic of task.sourceTopics()) {
        this.taskOfTopic.set(topic, task);
        const count = options.partitionCounts.get(topic);
        if (count === undefined)
          throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `global topic ${topic} does not exist`);
        for (let partition = 0; partition < count; partition++) this.partitions.push({ topic, partition });
      }
    }
    this.consumer = new Consumer<Buffer, Buffer>(
      {
        ...withoutGroupSettings(config.consumer),
        'client.id': `${config.clientId}-GlobalStreamThread-consumer`,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'allow.auto.create.topics': false,
      },
      { connectionFactory: options.connectionFactory, clock: options.clock },
    );
  }

  /** True when the topology has global tables. */
  get hasGlobalStores(): boolean {
    return this.tasks.length > 0;
  }

  /** Reads every partition of the global topics from the beginning up to its current end offset. */
  async bootstrap(timeoutMs = globalBootstrapTimeoutMsDefault): Promise<void> {
    if (this.partitions.length === 0) return;
    this.consumer.assign(this.partitions);
    this.consumer.seekToBeginning(this.partitions);
    const ends = await this.consumer.endOffsets(this.partitions);
    const deadline = this.options.clock.now() + timeoutMs;
    const behind = async (): Promise<boolean> => {
      for (const e of ends) if ((await this.consumer.position(e)) < e.offset) return true;
      return false;
    };
    while (await behind()) {
      if (this.options.clock.now() >= deadline)
        throw new KafkaError(
          ErrorCode.REQUEST_TIMED_OUT,
          `bootstrapping the global stores did not finish in ${timeoutMs} ms`,
        );
      this.apply(await this.consumer.poll(100));
    }
    this.options.onBootstrapped?.(this.applied);
  }

  /** One poll of the global topics, applied to the stores. */
  async pollOnce(pollMs: number): Promise<void> {
    if (this.closed || this.partitions.length === 0) return;
    this.apply(await this.consumer.poll(pollMs));
  }

  private apply(records: readonly ConsumerRecord<Buffer, Buffer>[]): void {
    for (const r of records) {
      const task = this.taskOfTopic.get(r.topic);
      if (task === undefined) continue;
      task.process({
        topic: r.topic,
        partition: r.partition,
        offset: r.offset,
        timestamp: r.timestamp,
        key: r.rawKey,
        value: r.rawValue,
        headers: r.headers,
      });
      this.applied++;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.consumer.closed) await this.consumer.close({ timeoutMs: 0 });
    } finally {
      for (const task of this.tasks) task.close();
    }
  }
}

function withoutGroupSettings(config: ResolvedStreamsConfig['consumer']): ResolvedStreamsConfig['consumer'] {
  const {
    'group.instance.id': _instance,
    'partition.assignment.strategy': _strategy,
    'session.timeout.ms': _session,
    'heartbeat.interval.ms': _heartbeat,
    ...rest
  } = config;
  return rest;
}

export type GlobalThreadMsg =
  { readonly type: 'RUN_ONCE' } | { readonly type: 'SHUTDOWN'; readonly replyTo: ReplyTo<void> };

/**
 * Kafka's GlobalStreamThread as an actor: keeps following the global topics after the bootstrap. It is
 * `temporary`: when it dies the app shuts down (Kafka refuses REPLACE_THREAD for the global thread).
 */
export function globalThreadSpec(
  updater: GlobalStateUpdater,
  pollMs: number,
  name: string,
): ChildSpec<GlobalThreadMsg> {
  return {
    id: 'GlobalStreamThread',
    name,
    start: globalThreadBehavior(updater, pollMs),
    restart: 'temporary',
    shutdown: 10_000,
  };
}

function globalThreadBehavior(updater: GlobalStateUpdater, pollMs: number): BehaviorFactory<GlobalThreadMsg> {
  return (ctx: ActorContext<GlobalThreadMsg>) => {
    let stopped = false;
    ctx.self.tell({ type: 'RUN_ONCE' });
    const behavior: Behavior<GlobalThreadMsg> = {
      async receive(msg) {
        if (msg.type === 'SHUTDOWN') {
          stopped = true;
          await updater.close();
          msg.replyTo.reply(undefined);
          ctx.stop();
          return;
        }
        if (stopped) return;
        await updater.pollOnce(pollMs);
        ctx.self.tell({ type: 'RUN_ONCE' });
      },
      async stopping() {
        stopped = true;
        await updater.close();
      },
      release() {
        stopped = true;
        void updater.close().catch(() => undefined);
      },
    };
    return behavior;
  };
}
