import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { TimestampedKeyValueStore } from '../../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import { recordDropped } from '../drop-recorder.ts';
import type { KTableState, KTableValueGetter, KTableValueGetterSupplier } from '../ktable-state.ts';

export type TableJoinKind = 'inner' | 'left' | 'outer';

/**
 * The value of a table-table join for one key, given both sides (null: absent): Kafka's truth
 * table. Inner needs both, left needs the left side, outer either.
 */
export function tableJoinValue<V1, V2, VR>(
  kind: TableJoinKind,
  left: V1 | null,
  right: V2 | null,
  joiner: (l: V1 | null, r: V2 | null) => VR,
): VR | null {
  if (kind === 'inner') return left !== null && right !== null ? joiner(left, right) : null;
  if (kind === 'left') return left !== null ? joiner(left, right) : null;
  return left !== null || right !== null ? joiner(left, right) : null;
}

/**
 * One side of a table-table join (Kafka's KTableKTable{Inner,Left,Right,Outer}Join): a change on
 * this side looks up the other side's current value and forwards the joined (new, old) pair with
 * timestamp max(this, other). No output when the key is in the result neither before nor after.
 */
export class KTableKTableJoinSide<K, V1, V2, VR> implements Processor<K, Change<unknown>, K, Change<VR>> {
  private context!: ProcessorContext<K, Change<VR>>;
  private getter!: KTableValueGetter<K, unknown>;
  private readonly otherGetter: KTableValueGetterSupplier<K, unknown>;
  private readonly kind: TableJoinKind;
  private readonly isLeftSide: boolean;
  private readonly joiner: (l: V1 | null, r: V2 | null, key: K) => VR;
  private readonly state: KTableState;

  constructor(
    otherGetter: KTableValueGetterSupplier<K, unknown>,
    kind: TableJoinKind,
    isLeftSide: boolean,
    joiner: (l: V1 | null, r: V2 | null, key: K) => VR,
    state: KTableState,
  ) {
    this.otherGetter = otherGetter;
    this.kind = kind;
    this.isLeftSide = isLeftSide;
    this.joiner = joiner;
    this.state = state;
  }

  init(context: ProcessorContext<K, Change<VR>>): void {
    this.context = context;
    this.getter = this.otherGetter.get();
    this.getter.init(context);
  }

  private join(key: K, mine: unknown, other: unknown): VR {
    return this.isLeftSide
      ? this.joiner(mine as V1 | null, other as V2 | null, key)
      : this.joiner(other as V1 | null, mine as V2 | null, key);
  }

  /** Does this side's value count on its own (left side of left joins, either side of outer)? */
  private get selfOuter(): boolean {
    return this.kind === 'outer' || (this.kind === 'left' && this.isLeftSide);
  }

  process(record: Record<K, Change<unknown>>): void {
    if (record.key === null) {
      recordDropped(this.context, 'Skipping record due to null key.');
      return;
    }
    const key = record.key;
    const other = this.getter.get(key);
    const otherValue = other?.value ?? null;
    const change = record.value;
    const sendOld = this.state.sendOldValues;
    let newValue: VR | null = null;
    let oldValue: VR | null = null;
    if (!this.selfOuter) {
      // Inner, or the right side of a left join: nothing without the other (left) side's row.
      if (otherValue === null) return;
      const otherOuter = this.kind === 'left';
      if (change.newValue !== null || otherOuter) newValue = this.join(key, change.newValue, otherValue);
      if (sendOld && (change.oldValue !== null || otherOuter))
        oldValue = this.join(key, change.oldValue, otherValue);
    } else {
      if (otherValue === null && change.newValue === null && change.oldValue === null) return;
      const otherOuter = this.kind === 'outer';
      if (change.newValue !== null || (otherOuter && otherValue !== null))
        newValue = this.join(key, change.newValue, otherValue);
      if (sendOld && (change.oldValue !== null || (otherOuter && otherValue !== null)))
        oldValue = this.join(key, change.oldValue, otherValue);
    }
    const timestamp = other === null ? record.timestamp : Math.max(record.timestamp, other.timestamp);
    this.context.forward(record.withValue(new Change<VR>(newValue, oldValue)).withTimestamp(timestamp));
  }
}

/**
 * Joins the two sides' outputs into the result table (Kafka's KTableKTableJoinMerger): passes
 * changes on, and when materialized keeps the result and forwards its previous value as old.
 */
export class KTableKTableJoinMerger<K, VR> implements Processor<K, Change<VR>, K, Change<VR>> {
  private context!: ProcessorContext<K, Change<VR>>;
  private store: TimestampedKeyValueStore<K, VR> | undefined;
  private readonly state: KTableState;

  constructor(state: KTableState) {
    this.state = state;
  }

  init(context: ProcessorContext<K, Change<VR>>): void {
    this.context = context;
    const name = this.state.storeName();
    if (name !== undefined) this.store = context.getStateStore<TimestampedKeyValueStore<K, VR>>(name);
  }

  process(record: Record<K, Change<VR>>): void {
    if (this.store === undefined) {
      this.context.forward(record);
      return;
    }
    const old = ValueAndTimestamp.getValueOrNull(this.store.get(record.key));
    this.store.put(record.key, ValueAndTimestamp.make(record.value.newValue, record.timestamp));
    this.context.forward(
      record.withValue(new Change<VR>(record.value.newValue, this.state.sendOldValues ? old : null)),
    );
  }
}
