import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { TimestampedKeyValueStore } from '../../state/typed-key-value-store.ts';
import type { Change } from '../change.ts';
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
