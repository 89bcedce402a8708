import type { EmitStrategy } from '../../config/emit-strategy.ts';
import type { Processor, ProcessorContext } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';
import type { StateStore } from '../../state/state-store.ts';
import type { Windowed } from '../../windows/windowed.ts';
import type { Change } from '../change.ts';
import type { KTableState } from '../ktable-state.ts';
import { WindowEmitter } from './window-emitter.ts';

/**
 * What the time, sliding and session window aggregations share (the state of Kafka's
 * AbstractKStreamTimeWindowAggregateProcessor): the windows, the initializer and aggregator, the
 * store named by the table state, the emitter, and this processor's stream time (the largest
 * timestamp it has seen, so it never goes back). Each subclass has its own `process`: how a
 * record finds, updates and closes its windows is what differs between them, as in Kafka.
 */
export abstract class WindowAggregateProcessor<K, V, VAgg, W, S extends StateStore> implements Processor<
  K,
  V,
  Windowed<K>,
  Change<VAgg>
> {
  protected context!: ProcessorContext<Windowed<K>, Change<VAgg>>;
  protected store!: S;
  protected readonly windows: W;
  protected readonly initializer: () => VAgg;
  protected readonly aggregator: (key: K, value: V, aggregate: VAgg) => VAgg;
  private readonly state: KTableState;
  protected readonly emitter: WindowEmitter<K, VAgg>;
  protected sendOldValues = false;
  protected observedStreamTime = -1;

  constructor(
    windows: W,
    emitStrategy: EmitStrategy,
    initializer: () => VAgg,
    aggregator: (key: K, value: V, aggregate: VAgg) => VAgg,
    state: KTableState,
  ) {
    this.windows = windows;
    this.initializer = initializer;
    this.aggregator = aggregator;
    this.state = state;
    this.emitter = new WindowEmitter(emitStrategy);
  }

  init(context: ProcessorContext<Windowed<K>, Change<VAgg>>): void {
    this.context = context;
    this.sendOldValues = this.state.sendOldValues;
    this.store = context.getStateStore(this.state.storeName()!);
    this.emitter.init(context);
  }

  abstract process(record: Record<K, V>): void;
}
