import { StreamsException } from '../../errors.ts';
import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { TimestampedKeyValueStore } from '../../state/typed-key-value-store.ts';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.ts';
import { Change } from '../change.ts';
import type { KTableState } from '../ktable-state.ts';
import { TimestampedTupleForwarder } from '../timestamped-tuple-forwarder.ts';

/**
 * What the key-value aggregations of grouped streams and grouped tables share (Kafka's
 * KStreamAggregate, KStreamReduce, KTableAggregate and KTableReduce): the timestamped store named
 * by the table state, whether old values are sent, and the forwarder that lets a caching store
 * emit on flush. Each subclass keeps its own `process`, as Kafka does: null handling, the initial
 * aggregate and the subtract/add steps differ between them.
 */
export abstract class KeyValueAggregateProcessor<K, VIn, VAgg> implements Processor<K, VIn, K, Change<VAgg>> {
  protected context!: ProcessorContext<K, Change<VAgg>>;
  protected store!: TimestampedKeyValueStore<K, VAgg>;
  protected forwarder!: TimestampedTupleForwarder<K, VAgg>;
  protected readonly state: KTableState;
  protected sendOldValues = false;

  constructor(state: KTableState) {
    this.state = state;
  }

  init(context: ProcessorContext<K, Change<VAgg>>): void {
    this.context = context;
    this.sendOldValues = this.state.sendOldValues;
    this.store = context.getStateStore(this.state.storeName()!);
    this.forwarder = new TimestampedTupleForwarder(this.store, context, this.sendOldValues);
  }

  abstract process(record: Record<K, VIn>): void;
}

/**
 * A grouped table's aggregation (Kafka's KTableAggregate and KTableReduce, whose `process` is the
 * same): subtract the old value first, then add the new one; an insert only adds, a delete only
 * subtracts; the result's timestamp is the max of the record's and the old aggregate's when that
 * takes part. A null aggregate deletes the key. Subclasses say how to subtract and add (and so what
 * a key's first aggregate is); `operator` names them in the null-key error.
 */
export abstract class KTableFoldProcessor<K, V, VAgg> extends KeyValueAggregateProcessor<K, Change<V>, VAgg> {
  private readonly operator: string;

  constructor(operator: string, state: KTableState) {
    super(state);
    this.operator = operator;
  }

  /** The aggregate without `value` (null: none left). */
  protected abstract subtract(key: K, value: V, aggregate: VAgg): VAgg | null;

  /** The aggregate with `value` added to `intermediate` (null: the key has no aggregate yet). */
  protected abstract add(key: K, value: V, intermediate: VAgg | null): VAgg;

  process(record: Record<K, Change<V>>): void {
    if (record.key === null)
      throw new StreamsException(
        `Record key for KTable ${this.operator} operator with state ${this.state.storeName()} should not be null.`,
        this.context.taskId,
        undefined,
      );
    const key = record.key;
    const old = this.store.get(key);
    const oldAgg = old === null ? null : old.value;
    let timestamp = record.timestamp;
    let intermediate: VAgg | null = oldAgg;
    if (record.value.oldValue !== null && oldAgg !== null) {
      intermediate = this.subtract(key, record.value.oldValue, oldAgg);
      timestamp = Math.max(record.timestamp, old!.timestamp);
    }
    let newAgg: VAgg | null = intermediate;
    if (record.value.newValue !== null) {
      newAgg = this.add(key, record.value.newValue, intermediate);
      if (old !== null) timestamp = Math.max(record.timestamp, old.timestamp);
    }
    this.store.put(key, ValueAndTimestamp.make(newAgg, timestamp));
    if (this.forwarder.cached) return;
    this.context.forward(
      record.withValue(new Change<VAgg>(newAgg, this.sendOldValues ? oldAgg : null)).withTimestamp(timestamp),
    );
  }
}
