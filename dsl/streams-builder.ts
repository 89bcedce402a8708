import type { Serde } from '../core/serdes/index.ts';
import { Consumed } from './config/consumed.ts';
import { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import { NodePrefix } from './internals/names.ts';
import { KStream } from './kstream.ts';
import type { StateStore, StoreBuilder } from './state/state-store.ts';
import { Topology } from './topology.ts';
import type { TimestampExtractor } from './config/timestamp-extractor.ts';

/** Build-time settings; `application.id` names internal topics at runtime, not here. */
export interface TopologyProps {
  readonly 'topology.optimization'?: 'none';
}

/** The entry point of the DSL (Kafka's StreamsBuilder). */
export class StreamsBuilder {
  private readonly internals = new InternalTopologyBuilder();

  /** A stream over one topic, several topics, or every topic matching a pattern. */
  stream<K, V>(topics: string | readonly string[] | RegExp, consumed?: Consumed<K, V>): KStream<K, V> {
    const c = consumed ?? Consumed.as<K, V>(this.internals.newName(NodePrefix.SOURCE));
    const name = c.name ?? this.internals.newName(NodePrefix.SOURCE);
    const list = typeof topics === 'string' ? [topics] : topics instanceof RegExp ? [] : [...topics];
    this.internals.addSource({
      name,
      topics: list,
      pattern: topics instanceof RegExp ? topics : undefined,
      keySerde: c.keySerde as Serde<unknown> | undefined,
      valueSerde: c.valueSerde as Serde<unknown> | undefined,
      timestampExtractor: c.timestampExtractor as TimestampExtractor | undefined,
      offsetReset: c.offsetReset,
    });
    return new KStream<K, V>(this.internals, name, c.keySerde, c.valueSerde, false);
  }

  /** Registers a state store so processors can name it in `process(supplier, 'store')`. */
  addStateStore(builder: StoreBuilder<StateStore>): this {
    this.internals.addStateStore(builder);
    return this;
  }

  /** Compiles the graph; throws TopologyException for unknown stores or cycles. */
  build(_props: TopologyProps = {}): Topology {
    const topology = new Topology(this.internals);
    topology.subtopologies();
    return topology;
  }
}
