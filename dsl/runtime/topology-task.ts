import { join } from 'node:path';
import type { Headers, Serde } from '../../core/serdes/index.ts';
import { DeserializationError } from '../../core/serdes/index.ts';
import { failOnInvalidTimestamp } from '../config/timestamp-extractor.ts';
import { StreamsException, TopologyException } from '../errors.ts';
import type {
  AnyProcessor,
  NodeDef,
  SinkNodeDef,
  SourceNodeDef,
  Subtopology,
} from '../internals/node-defs.ts';
import {
  PunctuationType,
  type Cancellable,
  type ProcessorContext,
  type Punctuator,
  type RecordMetadata,
} from '../processor/processor.ts';
import { Record } from '../processor/record.ts';
import type { NamedCache, RecordCache } from '../state/record-cache.ts';
import type {
  ChangelogRecord,
  StateStore,
  StateStoreContext,
  StoreCacheProvider,
} from '../state/state-store.ts';
import { changelogTopicFor } from '../state/typed-key-value-store.ts';
import type { Topology } from '../topology.ts';
import type { AppConfigReader, DropRecorder } from '../internals/drop-recorder.ts';
import { PunctuationQueue, type PunctuationSchedule } from './punctuation-queue.ts';

const noHeaders: Headers = [];

/** A consumed record as bytes, exactly as a fetch returns it. */
export interface TaskInputRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Headers;
}

/** A record a sink produced: bytes plus where it goes. */
export interface TaskOutputRecord {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: number;
  readonly headers: Headers;
  /**
   * Set when the sink has a StreamPartitioner: call with the topic's partition count; undefined
   * (or no partitioner) means the default murmur2-over-key-bytes partitioner.
   */
  readonly partitioner: ((numPartitions: number) => number | undefined) | undefined;
}

/** What to do with a record whose bytes cannot be deserialized. */
export type DeserializationHandlerResponse = 'CONTINUE' | 'FAIL';

export interface TopologyTaskOptions {
  readonly applicationId: string;
  readonly partition: number;
  /** Receives every record a sink writes, in processing order. */
  readonly sink: (record: TaskOutputRecord) => void;
  /** Wall-clock time in ms, for WALL_CLOCK punctuation scheduling and currentSystemTimeMs(). */
  readonly wallClockMs: () => number;
  readonly defaultKeySerde?: Serde<unknown> | undefined;
  readonly defaultValueSerde?: Serde<unknown> | undefined;
  /** Kafka's default is to fail; CONTINUE logs-and-skips (the caller sees `droppedRecords`). */
  readonly onDeserializationError?: (
    error: DeserializationError,
    record: TaskInputRecord,
  ) => DeserializationHandlerResponse;
  /** Pre-built stores (e.g. restored by a runtime); others are built from the topology's builders. */
  readonly stores?: ReadonlyMap<string, StateStore>;
  /** `state.dir`: persistent stores live in `<state.dir>/<application.id>/<taskId>/`. */
  readonly stateDir?: string | undefined;
  /** Told about each record a DSL operator drops (null key or value); Kafka logs these at WARN. */
  readonly onDroppedRecord?: (event: DroppedRecordEvent) => void;
  /**
   * Application configs processors may read (Kafka's `context.appConfigs()`), e.g. the internal
   * emit intervals `__emit.interval.ms.kstreams.windowed.aggregation__` and
   * `__emit.interval.ms.kstreams.outer.join.spurious.results.fix__` (wall-clock ms, default 1000).
   */
  readonly appConfigs?: Readonly<{ [name: string]: string | number | boolean }>;
  /**
   * Global stores (from the global sub-topology's task, loaded before this task processes), for
   * processors that join against a GlobalKTable.
   */
  readonly globalStores?: ReadonlyMap<string, StateStore>;
  /**
   * The instance's record cache (`statestore.cache.max.bytes`), shared by its tasks: caching stores
   * keep recent writes there until `flush()` or an eviction. Without one (TopologyTestDriver), every
   * update is forwarded as it happens.
   */
  readonly recordCache?: RecordCache | undefined;
}

/** A record dropped by an operator, as Kafka's "Skipping record due to ..." warning reports it. */
export interface DroppedRecordEvent {
  readonly taskId: string;
  readonly processorName: string;
  readonly reason: string;
  /** True for a record dropped because its window had closed (later than window end + grace). */
  readonly late?: boolean;
  /** Where the record came from; null inside a punctuation. */
  readonly metadata: RecordMetadata | null;
}

interface RuntimeNode {
  readonly def: NodeDef;
  readonly processor: AnyProcessor | undefined;
  readonly children: RuntimeNode[];
  readonly childByName: Map<string, RuntimeNode>;
  /** A sink's physical topic, resolved once; undefined for extractor sinks and other nodes. */
  readonly sinkTopic: string | undefined;
  /** A source's or sink's serdes, resolved once against the defaults (undefined: none configured). */
  readonly keySerde: Serde<unknown> | undefined;
  readonly valueSerde: Serde<unknown> | undefined;
}

/**
 * Runs one sub-topology for one input partition, independent of any runtime: the
 * TopologyTestDriver drives it synchronously and stream-task actors drive it from fetched batches.
 * It deserializes with the source's serdes, extracts timestamps, tracks stream time, pushes each
 * record depth-first through the processors, serializes at the sinks, and fires punctuators.
 */
export class TopologyTask {
  readonly taskId: string;
  readonly subtopology: Subtopology;
  private readonly topology: Topology;
  private readonly options: TopologyTaskOptions;
  private readonly nodes = new Map<string, RuntimeNode>();
  private readonly sourceByTopic = new Map<string, RuntimeNode>();
  private readonly patternSources: RuntimeNode[] = [];
  private lastSourceTopic: string | undefined;
  private lastSource: RuntimeNode | undefined;
  private readonly stores = new Map<string, StateStore>();
  private readonly streamTimeQueue = new PunctuationQueue();
  private readonly wallClockQueue = new PunctuationQueue();
  private currentNode: RuntimeNode | undefined;
  private currentMetadata: RecordMetadata | null = null;
  private streamTime = -1;
  /** Timestamp of the record at the current node (Kafka's context.timestamp()), for changelog records. */
  private currentTimestamp = 0;
  /** Headers of the record at the current node, for the record cache's entries. */
  private currentHeaders: Headers = [];
  /** This task's named caches (of its caching stores), flushed until clean by `flush()`. */
  private readonly caches: NamedCache[] = [];
  private readonly cacheProvider: StoreCacheProvider | undefined;
  private readonly changelogs = new Map<string, string>();
  private commitNeeded = false;
  private initialized = false;
  private closed = false;
  /** Records skipped: by a CONTINUE deserialization handler, or by an operator (null key or value). */
  droppedRecords = 0;
  /** Of those, records dropped because their window had closed (Kafka's "Skipping record for expired window"). */
  lateRecordsDropped = 0;

  constructor(topology: Topology, subtopologyId: number, options: TopologyTaskOptions) {
    const sub = topology.subtopologies()[subtopologyId];
    if (sub === undefined) throw new TopologyException(`no sub-topology ${subtopologyId}`);
    this.topology = topology;
    this.subtopology = sub;
    this.options = options;
    this.taskId = `${subtopologyId}_${options.partition}`;
    const cache = options.recordCache;
    this.cacheProvider =
      cache === undefined
        ? undefined
        : {
            maxBytes: cache.maxBytes,
            namedCache: (name, onFlush) => {
              const named = cache.namedCache(name, onFlush);
              this.caches.push(named);
              return named;
            },
          };
  }

  /** Physical topics this task consumes (internal topics carry the application-id prefix). */
  sourceTopics(): string[] {
    return this.subtopology.sourceTopics.map((t) =>
      this.topology.physicalTopic(t, this.options.applicationId),
    );
  }

  /** True if this task reads `topic` (by name or pattern). */
  consumes(topic: string): boolean {
    return this.sourceFor(topic) !== undefined;
  }

  /** Builds stores and processors and calls their init, stores first (Kafka's order). */
  init(): void {
    if (this.initialized) return;
    this.initialized = true;
    const builders = this.topology.storeBuilders();
    for (const name of this.subtopology.storeNames) {
      const store = this.options.stores?.get(name) ?? builders.get(name)!.build();
      const logged = builders.get(name)?.loggingEnabled ?? false;
      const changelogTopic = logged ? changelogTopicFor(this.options.applicationId, name) : null;
      if (changelogTopic !== null) this.changelogs.set(name, changelogTopic);
      store.init(this.storeContext(changelogTopic));
      this.stores.set(name, store);
    }
    for (const def of this.subtopology.nodes) {
      const node: RuntimeNode = {
        def,
        processor: def.kind === 'processor' ? def.supplier() : undefined,
        children: [],
        childByName: new Map(),
        sinkTopic:
          def.kind === 'sink' && def.topic !== undefined
            ? this.topology.physicalTopic(def.topic, this.options.applicationId)
            : undefined,
        keySerde: def.kind === 'processor' ? undefined : (def.keySerde ?? this.options.defaultKeySerde),
        valueSerde: def.kind === 'processor' ? undefined : this.resolveValueSerde(def),
      };
      this.nodes.set(def.name, node);
      if (def.kind === 'source') {
        for (const t of def.topics)
          this.sourceByTopic.set(this.topology.physicalTopic(t, this.options.applicationId), node);
        if (def.pattern !== undefined) this.patternSources.push(node);
      } else {
        for (const p of def.parents) {
          const parent = this.nodes.get(p)!;
          parent.children.push(node);
          parent.childByName.set(def.name, node);
        }
      }
    }
    for (const node of this.nodes.values()) {
      if (node.processor?.init === undefined) continue;
      this.withNode(node, null, () => node.processor!.init!(this.contextFor(node)));
    }
  }

  get streamTimeMs(): number {
    return this.streamTime;
  }

  /** True once a processor asked for a commit; the runtime clears it with `commitDone()`. */
  get commitRequested(): boolean {
    return this.commitNeeded;
  }
  commitDone(): void {
    this.commitNeeded = false;
  }

  getStateStore(name: string): StateStore | undefined {
    return this.stores.get(name);
  }
  stateStores(): ReadonlyMap<string, StateStore> {
    return this.stores;
  }

  /** Logged stores of this task and their physical changelog topics (one partition each: this task's). */
  changelogTopics(): ReadonlyMap<string, string> {
    if (!this.initialized) this.init();
    return this.changelogs;
  }

  /**
   * Rebuilds a store from its changelog: the runtime fetches `<application.id>-<store>-changelog`
   * at this task's partition and hands the records over, oldest first, before processing starts
   * (Kafka's RESTORING). Restored changes are not logged again.
   */
  restore(storeName: string, records: Iterable<ChangelogRecord>): void {
    if (!this.initialized) this.init();
    const store = this.stores.get(storeName);
    if (store === undefined)
      throw new TopologyException(`task ${this.taskId} has no state store ${storeName}`);
    if (store.restore === undefined || !this.changelogs.has(storeName)) {
      throw new TopologyException(`state store ${storeName} is not logged, so it cannot be restored`);
    }
    store.restore(records);
  }

  private storeContext(changelogTopic: string | null): StateStoreContext {
    const partition = this.options.partition;
    const toTaskPartition = (): number => partition;
    return {
      applicationId: this.options.applicationId,
      taskId: this.taskId,
      partition,
      changelogTopic,
      stateDir:
        this.options.stateDir === undefined
          ? undefined
          : join(this.options.stateDir, this.options.applicationId, this.taskId),
      defaultKeySerde: this.options.defaultKeySerde,
      defaultValueSerde: this.options.defaultValueSerde,
      logChange: (_storeName, key, value, timestamp) => {
        if (changelogTopic === null) return;
        // Through the same collector as to(), pinned to the task's partition: the changelog of a
        // store has one partition per task, and restore reads exactly that one.
        this.options.sink({
          topic: changelogTopic,
          key,
          value,
          timestamp,
          headers: noHeaders,
          partitioner: toTaskPartition,
        });
      },
      recordTimestamp: () => this.currentTimestamp,
      recordHeaders: () => this.currentHeaders,
      recordMetadata: () => this.currentMetadata,
      recordCache: this.cacheProvider,
      withRecordContext: (timestamp, headers, metadata, fn) => {
        const previousTimestamp = this.currentTimestamp;
        const previousHeaders = this.currentHeaders;
        const previousMetadata = this.currentMetadata;
        this.currentTimestamp = timestamp;
        this.currentHeaders = headers;
        this.currentMetadata = metadata;
        try {
          return fn();
        } finally {
          this.currentTimestamp = previousTimestamp;
          this.currentHeaders = previousHeaders;
          this.currentMetadata = previousMetadata;
        }
      },
    };
  }

  private resolveValueSerde(def: SourceNodeDef | SinkNodeDef): Serde<unknown> | undefined {
    const serde = def.valueSerde ?? this.options.defaultValueSerde;
    if (serde === undefined || def.wrapValueSerde === undefined) return serde;
    return def.wrapValueSerde(serde);
  }

  private sourceFor(topic: string): RuntimeNode | undefined {
    // Consecutive records mostly come from one topic.
    if (topic === this.lastSourceTopic) return this.lastSource;
    const source = this.findSource(topic);
    this.lastSourceTopic = topic;
    this.lastSource = source;
    return source;
  }

  private findSource(topic: string): RuntimeNode | undefined {
    const exact = this.sourceByTopic.get(topic);
    if (exact !== undefined) return exact;
    return this.patternSources.find((n) => (n.def as SourceNodeDef).pattern!.test(topic));
  }

  /**
   * Processes one consumed record, then fires due stream-time punctuators. Returns false if the
   * record was skipped by the deserialization handler.
   */
  process(input: TaskInputRecord): boolean {
    this.checkRunning();
    const source = this.sourceFor(input.topic);
    if (source === undefined)
      throw new TopologyException(`task ${this.taskId} does not consume topic ${input.topic}`);
    const def = source.def as SourceNodeDef;
    let key: unknown;
    let value: unknown;
    try {
      key = this.serde(source.keySerde, 'key', def.name).deserializer(input.topic, input.key, input.headers);
      value = this.serde(source.valueSerde, 'value', def.name).deserializer(
        input.topic,
        input.value,
        input.headers,
      );
    } catch (err) {
      const error =
        err instanceof DeserializationError ? err : new DeserializationError(input.topic, String(err), err);
      const response = this.options.onDeserializationError?.(error, input) ?? 'FAIL';
      if (response === 'CONTINUE') {
        this.droppedRecords++;
        return false;
      }
      throw new StreamsException(
        `deserialization failed in task ${this.taskId}`,
        this.taskId,
        def.name,
        error,
      );
    }
    const extractor = def.timestampExtractor ?? failOnInvalidTimestamp;
    const metadata: RecordMetadata = { topic: input.topic, partition: input.partition, offset: input.offset };
    let record: Record<unknown, unknown>;
    // The default extractor takes a valid record timestamp as it is: no consumed-record view needed.
    if (extractor === failOnInvalidTimestamp && input.timestamp >= 0) {
      record = new Record(key, value, input.timestamp, input.headers);
    } else
      try {
        const consumed = {
          topic: input.topic,
          partition: input.partition,
          offset: input.offset,
          timestamp: input.timestamp,
          key,
          value,
          headers: input.headers,
        };
        record = new Record(key, value, extractor(consumed, this.streamTime), input.headers);
      } catch (err) {
        throw this.wrap(err, source, metadata);
      }
    if (record.timestamp > this.streamTime) this.streamTime = record.timestamp;
    const previousNode = this.currentNode;
    const previousMetadata = this.currentMetadata;
    const previousTimestamp = this.currentTimestamp;
    this.currentNode = source;
    this.currentMetadata = metadata;
    this.currentTimestamp = record.timestamp;
    try {
      this.forwardFrom(source, record, undefined);
    } finally {
      this.currentNode = previousNode;
      this.currentMetadata = previousMetadata;
      this.currentTimestamp = previousTimestamp;
    }
    this.punctuateStreamTime();
    return true;
  }

  /** Fires stream-time punctuators due at the current stream time (never before the first record). */
  punctuateStreamTime(): boolean {
    if (this.streamTime < 0) return false;
    return this.streamTimeQueue.mayPunctuate(this.streamTime, this.fire);
  }

  /** Fires wall-clock punctuators due at `nowMs`. */
  punctuateWallClock(nowMs: number): boolean {
    this.checkRunning();
    return this.wallClockQueue.mayPunctuate(nowMs, this.fire);
  }

  /** Runs one due schedule (one function for every call: the queues are asked once per record). */
  private readonly fire = (s: PunctuationSchedule, nowMs: number): void =>
    this.punctuate(s.nodeName, s.punctuator, nowMs);

  /**
   * Flushes stores; a runtime commits offsets after this. Caching stores write their dirty entries
   * down and forward them; what that forwards may dirty another caching store of this task, so the
   * stores are flushed again until every cache is clean (a pass per store at most, as forwarding only
   * goes downstream).
   */
  flush(): void {
    for (let pass = 0; pass <= this.stores.size; pass++) {
      for (const store of this.stores.values()) store.flush();
      if (!this.cachesDirty()) return;
    }
  }

  private cachesDirty(): boolean {
    for (const cache of this.caches) if (cache.dirtyCount > 0) return true;
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const node of this.nodes.values()) node.processor?.close?.();
    for (const store of this.stores.values()) store.close();
  }

  private checkRunning(): void {
    if (!this.initialized) this.init();
    if (this.closed) throw new TopologyException(`task ${this.taskId} is closed`);
  }

  private punctuate(nodeName: string, punctuator: Punctuator, nowMs: number): void {
    const node = this.nodes.get(nodeName)!;
    const previousTimestamp = this.currentTimestamp;
    this.currentTimestamp = nowMs;
    try {
      this.withNode(node, null, () => this.guard(node, null, () => punctuator(nowMs)));
    } finally {
      this.currentTimestamp = previousTimestamp;
    }
  }

  private withNode<T>(node: RuntimeNode, metadata: RecordMetadata | null, fn: () => T): T {
    const previousNode = this.currentNode;
    const previousMetadata = this.currentMetadata;
    this.currentNode = node;
    this.currentMetadata = metadata;
    try {
      return fn();
    } finally {
      this.currentNode = previousNode;
      this.currentMetadata = previousMetadata;
    }
  }

  private guard<T>(node: RuntimeNode, metadata: RecordMetadata | null, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.wrap(err, node, metadata);
    }
  }

  private wrap(err: unknown, node: RuntimeNode, metadata: RecordMetadata | null): StreamsException {
    if (err instanceof StreamsException) return err;
    const where =
      metadata === null
        ? 'punctuation'
        : `topic=${metadata.topic}, partition=${metadata.partition}, offset=${metadata.offset}`;
    return new StreamsException(
      `exception caught in process. taskId=${this.taskId}, processor=${node.def.name}, ${where}: ${err instanceof Error ? err.message : String(err)}`,
      this.taskId,
      node.def.name,
      err,
    );
  }

  private forwardFrom(
    node: RuntimeNode,
    record: Record<unknown, unknown>,
    childName: string | undefined,
  ): void {
    if (childName !== undefined) {
      const child = node.childByName.get(childName);
      if (child === undefined) throw new TopologyException(`${childName} is not a child of ${node.def.name}`);
      this.deliver(child, record);
      return;
    }
    for (const child of node.children) this.deliver(child, record);
  }

  // Hot path: no closures per hop. The record metadata stays the same while one record flows,
  // so only the current node is saved and restored.
  private deliver(node: RuntimeNode, record: Record<unknown, unknown>): void {
    const previous = this.currentNode;
    const previousTimestamp = this.currentTimestamp;
    const previousHeaders = this.currentHeaders;
    this.currentNode = node;
    this.currentTimestamp = record.timestamp;
    this.currentHeaders = record.headers;
    try {
      if (node.def.kind === 'sink') this.writeSink(node, node.def, record);
      else node.processor!.process(record);
    } catch (err) {
      throw this.wrap(err, node, this.currentMetadata);
    } finally {
      this.currentNode = previous;
      this.currentTimestamp = previousTimestamp;
      this.currentHeaders = previousHeaders;
    }
  }

  private writeSink(node: RuntimeNode, def: SinkNodeDef, record: Record<unknown, unknown>): void {
    const topic =
      node.sinkTopic ??
      this.topology.physicalTopic(
        def.extractor!(record.key, record.value, record),
        this.options.applicationId,
      );
    const key = this.serde(node.keySerde, 'key', def.name).serializer(topic, record.key, record.headers);
    const value = this.serde(node.valueSerde, 'value', def.name).serializer(
      topic,
      record.value,
      record.headers,
    );
    const partitioner = def.partitioner;
    this.options.sink({
      topic,
      key,
      value,
      timestamp: record.timestamp,
      headers: record.headers,
      partitioner:
        partitioner === undefined ? undefined : (n) => partitioner(topic, record.key, record.value, n),
    });
  }

  private serde(serde: Serde<unknown> | undefined, which: 'key' | 'value', nodeName: string): Serde<unknown> {
    const chosen = serde;
    if (chosen === undefined) {
      throw new TopologyException(
        `no ${which} serde for ${nodeName}: set one on the operator or default.${which}.serde`,
      );
    }
    return chosen;
  }

  private contextFor(node: RuntimeNode): ProcessorContext<unknown, unknown> & DropRecorder & AppConfigReader {
    return {
      applicationId: this.options.applicationId,
      taskId: this.taskId,
      forward: (record, childName) => this.forwardFrom(node, record, childName),
      schedule: (intervalMs, type, punctuator) => this.schedule(node, intervalMs, type, punctuator),
      getStateStore: <S extends StateStore>(name: string): S => {
        const def = node.def;
        if (def.kind !== 'processor' || !def.stores.includes(name)) {
          throw new TopologyException(
            `processor ${def.name} has no access to state store ${name}; connect it in process()`,
          );
        }
        return (this.stores.get(name) ?? this.globalStore(name)) as S;
      },
      recordMetadata: () => this.currentMetadata,
      currentStreamTimeMs: () => this.streamTime,
      currentSystemTimeMs: () => this.options.wallClockMs(),
      commit: () => {
        this.commitNeeded = true;
      },
      recordDropped: (reason: string, late?: boolean) => {
        this.droppedRecords++;
        if (late === true) this.lateRecordsDropped++;
        this.options.onDroppedRecord?.({
          taskId: this.taskId,
          processorName: node.def.name,
          reason,
          ...(late === true ? { late } : {}),
          metadata: this.currentMetadata,
        });
      },
      appConfig: (name: string) => this.options.appConfigs?.[name],
      defaultKeySerde: () => this.options.defaultKeySerde,
      defaultValueSerde: () => this.options.defaultValueSerde,
    };
  }

  private globalStore(name: string): StateStore {
    const store = this.options.globalStores?.get(name);
    if (store === undefined)
      throw new TopologyException(`global state store ${name} is not available to task ${this.taskId}`);
    return store;
  }

  private schedule(
    node: RuntimeNode,
    intervalMs: number,
    type: PunctuationType,
    punctuator: Punctuator,
  ): Cancellable {
    if (!Number.isInteger(intervalMs) || intervalMs < 1)
      throw new RangeError(`punctuation interval must be >= 1 ms, got ${intervalMs}`);
    if (type === PunctuationType.STREAM_TIME) {
      // Aligned to 0 so it fires on the first record, as Kafka's StreamTask does.
      return this.streamTimeQueue.schedule(node.def.name, 0, intervalMs, punctuator);
    }
    return this.wallClockQueue.schedule(
      node.def.name,
      this.options.wallClockMs() + intervalMs,
      intervalMs,
      punctuator,
    );
  }
}
