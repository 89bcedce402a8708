import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Headers, Serde } from '../../core/serdes/index.ts';
import type {
  DeserializationHandlerResponse,
  DroppedRecordEvent,
  TaskInputRecord,
  TaskOutputRecord,
} from '../runtime/topology-task.ts';
import { TopologyTask } from '../runtime/topology-task.ts';
import type { DeserializationError } from '../../core/serdes/index.ts';
import type { KeyValueStore } from '../state/key-value-store.ts';
import type { StateStore } from '../state/state-store.ts';
import {
  TimestampedTypedKeyValueStore,
  type TimestampedKeyValueStore,
} from '../state/typed-key-value-store.ts';
import { PlainValueKeyValueStore } from './plain-value-key-value-store.ts';
import { PlainValueWindowStore } from './plain-value-window-store.ts';
import type { SessionStore } from '../state/session-store.ts';
import { TypedSessionStore } from '../state/typed-session-store.ts';
import { TimestampedTypedWindowStore, TypedWindowStore } from '../state/typed-window-store.ts';
import type { TimestampedWindowStore, WindowStore } from '../state/window-store.ts';
import type { Topology } from '../topology.ts';
import { TestInputTopic } from './test-input-topic.ts';
import { TestOutputTopic } from './test-output-topic.ts';

/**
 * A serde of any type, for the `default.*.serde` settings (method syntax, so a `Serde<string>` fits
 * where the driver cannot know the type).
 */
export interface DefaultSerde {
  serializer(topic: string, data: never, headers?: Headers): Buffer | null;
  deserializer(topic: string, data: Buffer | null, headers?: Headers): unknown;
}

/** Driver settings with Kafka's config names. */
export interface TestDriverProps {
  readonly 'application.id'?: string;
  readonly 'default.key.serde'?: DefaultSerde;
  readonly 'default.value.serde'?: DefaultSerde;
  readonly 'default.deserialization.exception.handler'?: (
    error: DeserializationError,
    record: TaskInputRecord,
  ) => DeserializationHandlerResponse;
  /**
   * Where persistent (LMDB) stores live. Without it the driver makes a temporary directory when the
   * topology has a persistent store, and removes it on `close()`.
   */
  readonly 'state.dir'?: string;
  /** Told about each record an operator drops (Kafka logs "Skipping record due to ..."). */
  readonly onDroppedRecord?: (event: DroppedRecordEvent) => void;
  /**
   * Kafka's internal wall-clock throttle (ms, default 1000) for windowed aggregations with
   * `EmitStrategy.onWindowClose()`: the driver's wall clock moves only through
   * advanceWallClockTime, so tests usually set 0.
   */
  readonly '__emit.interval.ms.kstreams.windowed.aggregation__'?: number;
  /** The same throttle for stream-stream left/outer joins' non-joined results. */
  readonly '__emit.interval.ms.kstreams.outer.join.spurious.results.fix__'?: number;
}

const defaultApplicationId = 'topology-test-driver';

function appConfigsOf(props: TestDriverProps): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [
    '__emit.interval.ms.kstreams.windowed.aggregation__',
    '__emit.interval.ms.kstreams.outer.join.spurious.results.fix__',
  ] as const) {
    const value = props[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Runs a topology synchronously with no broker (Kafka's TopologyTestDriver): one task per
 * sub-topology on partition 0, each piped record processed to completion — including records that
 * pass through repartition topics — before `pipeInput` returns. Wall-clock time moves only through
 * `advanceWallClockTime`, so runs are deterministic.
 */
export class TopologyTestDriver {
  private readonly topology: Topology;
  private readonly tasks: TopologyTask[];
  private readonly applicationId: string;
  private readonly outputs = new Map<string, TaskOutputRecord[]>();
  private readonly pending: TaskOutputRecord[] = [];
  private readonly offsets = new Map<string, number>();
  private wallClockMs: number;
  private closed = false;
  private draining = false;
  private readonly temporaryStateDir: string | undefined;

  constructor(topology: Topology, props: TestDriverProps = {}, initialWallClockMs = 0) {
    this.topology = topology;
    this.applicationId = props['application.id'] ?? defaultApplicationId;
    this.wallClockMs = initialWallClockMs;
    const needsStateDir = [...topology.storeBuilders().values()].some((b) => b.persistent === true);
    this.temporaryStateDir =
      props['state.dir'] === undefined && needsStateDir
        ? mkdtempSync(join(tmpdir(), 'tributary-test-driver-'))
        : undefined;
    const stateDir = props['state.dir'] ?? this.temporaryStateDir;
    // Global sub-topologies first: their stores exist (and are loaded by whatever is piped into
    // their topics) before any stream task processes, as Kafka bootstraps global tables.
    const subs = [...topology.subtopologies()].sort(
      (a, b) => Number(b.global === true) - Number(a.global === true),
    );
    const globalStores = new Map<string, StateStore>();
    this.tasks = subs.map(
      (sub) =>
        new TopologyTask(topology, sub.id, {
          globalStores,
          applicationId: this.applicationId,
          partition: 0,
          sink: (record) => this.pending.push(record),
          wallClockMs: () => this.wallClockMs,
          defaultKeySerde: props['default.key.serde'] as Serde<unknown> | undefined,
          defaultValueSerde: props['default.value.serde'] as Serde<unknown> | undefined,
          onDeserializationError: props['default.deserialization.exception.handler'],
          stateDir,
          onDroppedRecord: props.onDroppedRecord,
          appConfigs: appConfigsOf(props),
        }),
    );
    for (const task of this.tasks) {
      task.init();
      if (task.subtopology.global === true)
        for (const [n, store] of task.stateStores()) globalStores.set(n, store);
    }
    this.drain();
  }

  createInputTopic<K, V>(
    name: string,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    startTimestampMs?: number,
    autoAdvanceMs = 0,
  ): TestInputTopic<K, V> {
    this.checkOpen();
    if (!this.tasks.some((t) => t.consumes(name))) {
      throw new KafkaError(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        `topic ${name} is not a source of this topology`,
      );
    }
    return new TestInputTopic(
      this,
      name,
      keySerde,
      valueSerde,
      startTimestampMs ?? this.wallClockMs,
      autoAdvanceMs,
    );
  }

  createOutputTopic<K, V>(name: string, keySerde: Serde<K>, valueSerde: Serde<V>): TestOutputTopic<K, V> {
    this.checkOpen();
    return new TestOutputTopic(this, name, keySerde, valueSerde);
  }

  /** Moves wall-clock time forward and fires due WALL_CLOCK_TIME punctuators. */
  advanceWallClockTime(ms: number): void {
    this.checkOpen();
    if (ms < 0) throw new RangeError('wall-clock time cannot go backwards');
    this.wallClockMs += ms;
    for (const task of this.tasks) {
      task.punctuateWallClock(this.wallClockMs);
      this.drain();
    }
  }

  getStateStore(name: string): StateStore | undefined {
    for (const task of this.tasks) {
      const store = task.getStateStore(name);
      if (store !== undefined) return store;
    }
    return undefined;
  }

  /**
   * A key-value store by name. For a timestamped store (every DSL KTable and aggregation) this is a
   * view of the plain values, as in Kafka; `getTimestampedKeyValueStore` shows the timestamps.
   */
  getKeyValueStore<K, V>(name: string): KeyValueStore<K, V> | undefined {
    const store = this.getStateStore(name);
    if (store instanceof TimestampedTypedKeyValueStore)
      return new PlainValueKeyValueStore<K, V>(store as TimestampedKeyValueStore<K, V>);
    return store as KeyValueStore<K, V> | undefined;
  }

  /** A timestamped key-value store by name; undefined if there is none or it is not timestamped. */
  getTimestampedKeyValueStore<K, V>(name: string): TimestampedKeyValueStore<K, V> | undefined {
    const store = this.getStateStore(name);
    return store instanceof TimestampedTypedKeyValueStore
      ? (store as TimestampedKeyValueStore<K, V>)
      : undefined;
  }

  /**
   * A window store by name. For a timestamped window store (every windowed aggregation) this is a
   * view of the plain values, as in Kafka; `getTimestampedWindowStore` shows the timestamps.
   */
  getWindowStore<K, V>(name: string): WindowStore<K, V> | undefined {
    const store = this.getStateStore(name);
    if (store instanceof TimestampedTypedWindowStore)
      return new PlainValueWindowStore<K, V>(store as TimestampedWindowStore<K, V>);
    return store instanceof TypedWindowStore ? (store as WindowStore<K, V>) : undefined;
  }

  /** A timestamped window store by name; undefined if there is none or it is not timestamped. */
  getTimestampedWindowStore<K, V>(name: string): TimestampedWindowStore<K, V> | undefined {
    const store = this.getStateStore(name);
    return store instanceof TimestampedTypedWindowStore ? (store as TimestampedWindowStore<K, V>) : undefined;
  }

  /** A session store by name (session aggregations). */
  getSessionStore<K, V>(name: string): SessionStore<K, V> | undefined {
    const store = this.getStateStore(name);
    return store instanceof TypedSessionStore ? (store as SessionStore<K, V>) : undefined;
  }

  /**
   * Task metrics, by Kafka's names: `dropped-records-total` counts records skipped by operators
   * (null keys or values, records too late for their window) and by a CONTINUE deserialization
   * handler; `late-record-drop-total` counts the late ones among them.
   */
  metrics(): ReadonlyMap<string, number> {
    return new Map([
      ['dropped-records-total', this.tasks.reduce((sum, t) => sum + t.droppedRecords, 0)],
      ['late-record-drop-total', this.tasks.reduce((sum, t) => sum + t.lateRecordsDropped, 0)],
    ]);
  }

  getAllStateStores(): Map<string, StateStore> {
    const out = new Map<string, StateStore>();
    for (const task of this.tasks) for (const [name, store] of task.stateStores()) out.set(name, store);
    return out;
  }

  /**
   * Topics that received output so far, including internal repartition topics and store changelogs
   * (`<application.id>-<store>-changelog`, readable with `createOutputTopic`).
   */
  producedTopicNames(): string[] {
    return [...this.outputs.keys()];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const task of this.tasks) task.close();
    if (this.temporaryStateDir !== undefined)
      rmSync(this.temporaryStateDir, { recursive: true, force: true });
  }

  /** @internal used by TestInputTopic */
  pipeRaw(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    timestamp: number,
    headers: Headers,
  ): void {
    this.checkOpen();
    this.deliver({ topic, partition: 0, offset: this.nextOffset(topic), timestamp, key, value, headers });
    this.drain();
  }

  /** @internal used by TestOutputTopic */
  readRaw(topic: string): TaskOutputRecord | undefined {
    return this.outputs.get(topic)?.shift();
  }

  /** @internal used by TestOutputTopic: takes the whole queue at once (no O(n) shift per record). */
  readAllRaw(topic: string): TaskOutputRecord[] {
    const queue = this.outputs.get(topic);
    return queue === undefined ? [] : queue.splice(0, queue.length);
  }

  /** @internal */
  queueSize(topic: string): number {
    return this.outputs.get(topic)?.length ?? 0;
  }

  private nextOffset(topic: string): number {
    const offset = this.offsets.get(topic) ?? 0;
    this.offsets.set(topic, offset + 1);
    return offset;
  }

  private deliver(record: TaskInputRecord): void {
    let consumed = false;
    for (const task of this.tasks) {
      if (!task.consumes(record.topic)) continue;
      consumed = true;
      task.process(record);
    }
    if (!consumed)
      throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `no task consumes topic ${record.topic}`);
  }

  /**
   * Records output to the topic queues and feeds those that are sources (repartition topics, or a
   * topology reading its own output) back in, breadth-first, until nothing is pending.
   */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const record = this.pending.shift()!;
        const queue = this.outputs.get(record.topic) ?? [];
        queue.push(record);
        this.outputs.set(record.topic, queue);
        if (this.tasks.some((t) => t.consumes(record.topic))) {
          this.deliver({ ...record, partition: 0, offset: this.nextOffset(record.topic) });
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new KafkaError(ErrorCode.INVALID_REQUEST, 'the test driver is closed');
  }
}
