/**
 * What the consumer reads and where it stands (Java's SubscriptionState): the subscription (topics, a
 * pattern, or a user assignment), the assigned partitions in assignment order, and per partition its
 * fetch position, pause flag, pending offset reset and the last high watermark seen.
 *
 * A partition's position is the offset of the next record poll() will hand out. It is null while the
 * consumer does not know it yet: first the group's committed offset is looked up (when there is a
 * group), then `auto.offset.reset` applies (a pending reset is recorded as `resetStrategy`).
 */
import { IllegalStateError } from './errors.ts';
import { tpKey, type TopicPartition } from './consumer-record.ts';

export type SubscriptionType = 'NONE' | 'AUTO_TOPICS' | 'AUTO_PATTERN' | 'USER_ASSIGNED';
export type ResetStrategy = 'earliest' | 'latest';

/** A fetch position: the next offset, and the leader epoch of the record before it (-1 when unknown). */
export interface FetchPosition {
  readonly offset: number;
  readonly offsetEpoch: number;
}

export class PartitionState {
  readonly tp: TopicPartition;
  readonly key: string;
  position: FetchPosition | null = null;
  paused = false;
  resetStrategy: ResetStrategy | null = null;
  highWatermark = -1;
  logStartOffset = -1;
  lastStableOffset = -1;
  /** Cooperative rebalancing: the partition is about to be revoked; stop fetching it. */
  pendingRevocation = false;
  /** Bumped on every seek and reset, so answers computed for an older position are dropped. */
  positionVersion = 0;
  /**
   * After a leadership error: the metadata version seen then. The partition is not fetched again until
   * the metadata has changed (so a stale leader is not asked again and again).
   */
  awaitingMetadataAfter = -1;

  constructor(tp: TopicPartition) {
    this.tp = { topic: tp.topic, partition: tp.partition };
    this.key = tpKey(tp.topic, tp.partition);
  }

  get hasValidPosition(): boolean {
    return this.position !== null && this.resetStrategy === null;
  }

  /** Fetchable: a known position, not paused, not about to move to another member. */
  get isFetchable(): boolean {
    return this.hasValidPosition && !this.paused && !this.pendingRevocation;
  }
}

export class SubscriptionState {
  private type: SubscriptionType = 'NONE';
  private topics: ReadonlySet<string> = new Set();
  private patternValue: RegExp | null = null;
  /** Topics the whole group subscribes to (the leader assigns these; others track only their own). */
  private groupTopics: ReadonlySet<string> = new Set();
  private readonly assigned = new Map<string, PartitionState>();
  /** Bumped whenever the assignment changes. */
  assignmentVersion = 0;

  get subscriptionType(): SubscriptionType {
    return this.type;
  }

  get pattern(): RegExp | null {
    return this.patternValue;
  }

  /** Whether partitions come from the group (subscribe) rather than from the user (assign). */
  get hasAutoAssignedPartitions(): boolean {
    return this.type === 'AUTO_TOPICS' || this.type === 'AUTO_PATTERN';
  }

  private setType(type: SubscriptionType): void {
    if (this.type !== 'NONE' && this.type !== type)
      throw new IllegalStateError('subscribe() and assign() cannot be mixed; call unsubscribe() first');
    this.type = type;
  }

  /** Subscribes to topics; returns whether the topic set changed (the group must then rejoin). */
  subscribe(topics: readonly string[]): boolean {
    this.setType('AUTO_TOPICS');
    this.patternValue = null;
    return this.changeSubscription(topics);
  }

  subscribePattern(pattern: RegExp): void {
    this.setType('AUTO_PATTERN');
    this.patternValue = pattern;
  }

  /** Sets the topics a pattern subscription currently matches; returns whether they changed. */
  changeSubscription(topics: Iterable<string>): boolean {
    const next = new Set(topics);
    const changed = next.size !== this.topics.size || [...next].some((t) => !this.topics.has(t));
    this.topics = next;
    return changed;
  }

  subscription(): string[] {
    return [...this.topics].sort();
  }

  isSubscribedTo(topic: string): boolean {
    return this.topics.has(topic);
  }

  setGroupSubscription(topics: Iterable<string>): void {
    this.groupTopics = new Set(topics);
  }

  /** Every topic the group subscribes to as far as this member knows (the leader knows them all). */
  groupSubscription(): string[] {
    return [...new Set([...this.topics, ...this.groupTopics])].sort();
  }

  /** A user assignment (assign()): positions of partitions kept are kept. */
  assignFromUser(partitions: readonly TopicPartition[]): void {
    this.setType('USER_ASSIGNED');
    this.topics = new Set(partitions.map((tp) => tp.topic));
    this.replaceAssignment(partitions);
  }

  /** The group's assignment for this member (after SyncGroup). */
  assignFromSubscribed(partitions: readonly TopicPartition[]): void {
    if (!this.hasAutoAssignedPartitions) throw new IllegalStateError('not subscribed to topics');
    this.replaceAssignment(partitions);
  }

  unsubscribe(): void {
    this.type = 'NONE';
    this.topics = new Set();
    this.groupTopics = new Set();
    this.patternValue = null;
    this.replaceAssignment([]);
  }

  private replaceAssignment(partitions: readonly TopicPartition[]): void {
    const previous = new Map(this.assigned);
    this.assigned.clear();
    for (const tp of partitions) {
      const key = tpKey(tp.topic, tp.partition);
      this.assigned.set(key, previous.get(key) ?? new PartitionState(tp));
    }
    this.assignmentVersion++;
  }

  /** The assigned partitions, in assignment order. */
  assignedPartitions(): TopicPartition[] {
    return [...this.assigned.values()].map((s) => s.tp);
  }

  states(): IterableIterator<PartitionState> {
    return this.assigned.values();
  }

  get size(): number {
    return this.assigned.size;
  }

  state(tp: TopicPartition): PartitionState | undefined {
    return this.assigned.get(tpKey(tp.topic, tp.partition));
  }

  stateByKey(key: string): PartitionState | undefined {
    return this.assigned.get(key);
  }

  isAssigned(tp: TopicPartition): boolean {
    return this.assigned.has(tpKey(tp.topic, tp.partition));
  }

  /** The state of an assigned partition; IllegalStateError for one that is not assigned (as Java). */
  assignedState(tp: TopicPartition): PartitionState {
    const s = this.state(tp);
    if (s === undefined)
      throw new IllegalStateError(`no current assignment for partition ${tp.topic}-${tp.partition}`);
    return s;
  }

  seek(tp: TopicPartition, position: FetchPosition): void {
    const s = this.assignedState(tp);
    s.position = position;
    s.resetStrategy = null;
    s.positionVersion++;
  }

  requestOffsetReset(tp: TopicPartition, strategy: ResetStrategy): void {
    const s = this.assignedState(tp);
    s.resetStrategy = strategy;
    s.positionVersion++;
  }

  /** Partitions with neither a position nor a pending reset: their committed offset is needed. */
  initializingPartitions(): PartitionState[] {
    return [...this.assigned.values()].filter((s) => s.position === null && s.resetStrategy === null);
  }

  partitionsNeedingReset(): PartitionState[] {
    return [...this.assigned.values()].filter((s) => s.resetStrategy !== null);
  }

  hasAllFetchPositions(): boolean {
    for (const s of this.assigned.values()) if (!s.hasValidPosition) return false;
    return true;
  }

  /** The positions of every partition that has one (what commit() without arguments commits). */
  allConsumed(): Map<string, { tp: TopicPartition; position: FetchPosition }> {
    const out = new Map<string, { tp: TopicPartition; position: FetchPosition }>();
    for (const s of this.assigned.values()) {
      if (s.position !== null) out.set(s.key, { tp: s.tp, position: s.position });
    }
    return out;
  }

  pause(tp: TopicPartition): void {
    this.assignedState(tp).paused = true;
  }

  resume(tp: TopicPartition): void {
    this.assignedState(tp).paused = false;
  }

  pausedPartitions(): TopicPartition[] {
    return [...this.assigned.values()].filter((s) => s.paused).map((s) => s.tp);
  }
}
