import { StreamsException } from '../../errors.ts';
import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import { Change } from '../change.ts';
import type { KeyValuePair } from './map.ts';

/**
 * The `KTABLE-SELECT` node of `KTable.groupBy` (Kafka's KTableRepartitionMap): maps the old and
 * the new value to their grouping keys. If both land on the same key, one change carries both
 * (subtract and add in one record); otherwise the old value goes to its key as a subtraction
 * first, then the new one to its key as an addition. Pairs with a null key or value are skipped.
 */
export class KTableRepartitionMap<K, V, KR, VR> implements Processor<K, Change<V>, KR, Change<VR>> {
  private context!: ProcessorContext<KR, Change<VR>>;
  private readonly selector: (key: K, value: V) => KeyValuePair<KR, VR> | null;

  constructor(selector: (key: K, value: V) => KeyValuePair<KR, VR> | null) {
    this.selector = selector;
  }

  init(context: ProcessorContext<KR, Change<VR>>): void {
    this.context = context;
  }

  private select(key: K, value: V | null): KeyValuePair<KR, VR> | undefined {
    if (value === null) return undefined;
    const pair = this.selector(key, value);
    return pair === null ||
      pair.key === null ||
      pair.key === undefined ||
      pair.value === null ||
      pair.value === undefined
      ? undefined
      : pair;
  }

  process(record: Record<K, Change<V>>): void {
    if (record.key === null)
      throw new StreamsException(
        'Record key for the grouping KTable should not be null.',
        this.context.taskId,
        undefined,
      );
    const newPair = this.select(record.key, record.value.newValue);
    const oldPair = this.select(record.key, record.value.oldValue);
    // Object.is: equal primitives share one record; distinct objects take the two-record path,
    // which gives the same aggregate.
    if (oldPair !== undefined && newPair !== undefined && Object.is(oldPair.key, newPair.key)) {
      this.context.forward(record.withKey(newPair.key).withValue(new Change(newPair.value, oldPair.value)));
      return;
    }
    if (oldPair !== undefined) {
      this.context.forward(record.withKey(oldPair.key).withValue(new Change<VR>(null, oldPair.value)));
    }
    if (newPair !== undefined) {
      this.context.forward(record.withKey(newPair.key).withValue(new Change<VR>(newPair.value, null)));
    }
  }
}
