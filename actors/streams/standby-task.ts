import { join } from 'node:path';
import { TopologyException, TopologyTask, type StateStore, type Topology } from '../../dsl/index.ts';
import type { ConsumerRecord, TopicPartition } from '../client/index.ts';
import {
  checkpointFileName,
  checkpointKey,
  readCheckpoint,
  writeCheckpoint,
  type CheckpointEntry,
} from './checkpoint.ts';
import type { ResolvedStreamsConfig } from './streams-config.ts';

/** What a standby hands to the active task that replaces it on the same thread. */
export interface StandbyHandover {
  /** In-memory stores, kept warm: the active task reuses them instead of building new ones. */
  readonly stores: ReadonlyMap<string, StateStore>;
  /** Changelog offset of the last record each handed-over store holds. */
  readonly offsets: ReadonlyMap<string, number>;
}

/**
 * Kafka's StandbyTask: a task's stores, never processing, kept warm by applying its changelog
 * partitions as they grow. Persistent stores start from (and are checkpointed to) the task's
 * `.checkpoint`; when the task becomes active on this thread, persistent stores are closed after a
 * checkpoint (the active reopens them and restores only the tail) and in-memory stores are handed over.
 */
export class StandbyTask {
  readonly id: string;
  private readonly task: TopologyTask;
  private readonly persistent = new Set<string>();
  /** Changelog topic -> store name. */
  private readonly storeOfTopic = new Map<string, string>();
  /** Store name -> changelog offset of the last applied record. */
  readonly offsets = new Map<string, number>();
  private readonly checkpointFile: string | undefined;
  readonly partition: number;
  /** Changelog records applied (for tests and metrics). */
  applied = 0;
  private closed = false;

  constructor(topology: Topology, taskId: string, config: ResolvedStreamsConfig) {
    this.id = taskId;
    const [sub, partition] = taskId.split('_').map(Number) as [number, number];
    this.partition = partition;
    this.task = new TopologyTask(topology, sub, {
      applicationId: config.applicationId,
      partition,
      sink: () => {
        throw new TopologyException(`standby task ${taskId} does not process records`);
      },
      wallClockMs: () => 0,
      defaultKeySerde: config.defaultKeySerde,
      defaultValueSerde: config.defaultValueSerde,
      stateDir: config.stateDir,
    });
    this.task.init();
    const builders = topology.storeBuilders();
    this.checkpointFile =
      config.stateDir === undefined
        ? undefined
        : join(config.stateDir, config.applicationId, taskId, checkpointFileName);
    const checkpoint =
      this.checkpointFile === undefined ? new Map() : readCheckpointOrNone(this.checkpointFile);
    for (const [store, topic] of this.task.changelogTopics()) {
      this.storeOfTopic.set(topic, store);
      if (this.checkpointFile !== undefined && builders.get(store)?.persistent === true) {
        this.persistent.add(store);
        const entry = checkpoint.get(checkpointKey(topic, partition));
        if (entry !== undefined) this.offsets.set(store, entry.offset);
      }
    }
  }

  /** The changelog partitions to follow, each with the offset to start at (undefined: the log start). */
  changelogPartitions(): { tp: TopicPartition; from: number | undefined }[] {
    return [...this.storeOfTopic].map(([topic, store]) => {
      const last = this.offsets.get(store);
      return { tp: { topic, partition: this.partition }, from: last === undefined ? undefined : last + 1 };
    });
  }

  /** Applies fetched changelog records of this task's partitions. */
  apply(records: readonly ConsumerRecord<Buffer, Buffer>[]): void {
    const byStore = new Map<string, { key: Buffer | null; value: Buffer | null; timestamp: number }[]>();
    for (const r of records) {
      const store = this.storeOfTopic.get(r.topic);
      if (store === undefined || r.partition !== this.partition) continue;
      if (r.offset <= (this.offsets.get(store) ?? -1)) continue;
      let list = byStore.get(store);
      if (list === undefined) byStore.set(store, (list = []));
      list.push({ key: r.rawKey, value: r.rawValue, timestamp: r.timestamp });
      this.offsets.set(store, r.offset);
    }
    for (const [store, list] of byStore) {
      this.task.restore(store, list);
      this.applied += list.length;
    }
  }

  /** Writes the persistent stores' offsets to the task's `.checkpoint`. */
  checkpoint(): void {
    if (this.checkpointFile === undefined || this.closed) return;
    const entries: CheckpointEntry[] = [];
    for (const [topic, store] of this.storeOfTopic) {
      const offset = this.offsets.get(store);
      if (this.persistent.has(store) && offset !== undefined)
        entries.push({ topic, partition: this.partition, offset });
    }
    if (entries.length === 0) return;
    this.task.flush();
    writeCheckpoint(this.checkpointFile, entries);
  }

  /** Stops following; the in-memory stores (and their offsets) go to the active task replacing it. */
  handover(): StandbyHandover {
    this.checkpoint();
    const stores = new Map<string, StateStore>();
    const offsets = new Map<string, number>();
    for (const [name, store] of this.task.stateStores()) {
      if (this.persistent.has(name)) continue;
      stores.set(name, store);
      const offset = this.offsets.get(name);
      if (offset !== undefined) offsets.set(name, offset);
    }
    this.close();
    return { stores, offsets };
  }

  close(): void {
    if (this.closed) return;
    this.checkpoint();
    this.closed = true;
    this.task.close();
  }
}

function readCheckpointOrNone(file: string): Map<string, CheckpointEntry> {
  try {
    return readCheckpoint(file);
  } catch {
    return new Map();
  }
}
