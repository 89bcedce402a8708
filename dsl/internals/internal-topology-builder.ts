import { StoreType } from '../config/materialized.ts';
import { TopologyException } from '../errors.ts';
import { changelogTopicSuffix, storeNameInfix } from './names.ts';
import type { StateStore, StoreBuilder } from '../state/state-store.ts';
import type {
  InternalTopicConfig,
  NodeDef,
  ProcessorNodeDef,
  SinkNodeDef,
  SourceNodeDef,
  Subtopology,
} from './node-defs.ts';

/** Kafka pads generated indices to 10 digits: `KSTREAM-FILTER-0000000001`. */
const generatedIndexDigits = 10;

/**
 * The mutable graph behind StreamsBuilder and Topology (Kafka's InternalTopologyBuilder): nodes in
 * creation order, stores and which processors use them, internal topics. `subtopologies()` splits
 * it into independently runnable pieces.
 */
export class InternalTopologyBuilder {
  private index = 0;
  private readonly nodeDefs = new Map<string, NodeDef>();
  private readonly storeBuilders = new Map<string, StoreBuilder<StateStore>>();
  private readonly topicToSource = new Map<string, string>();
  private readonly internal = new Map<string, InternalTopicConfig>();
  private readonly copartition: string[][] = [];
  private readonly globalStoreNames = new Set<string>();
  private readonly globalNodeNames = new Set<string>();
  private cached: Subtopology[] | undefined;

  /** Store type the DSL builds when Materialized names none (`default.dsl.store`). */
  defaultStoreType: StoreType = StoreType.IN_MEMORY;

  /** One global counter per builder, shared by processors, stores and repartition topics. */
  newName(prefix: string): string {
    return prefix + String(this.index++).padStart(generatedIndexDigits, '0');
  }

  /**
   * The user's name if given, else a generated one; the index is taken either way, as Kafka's
   * NamedInternal.orElseGenerateWithPrefix does, so naming one operator never renumbers the rest.
   */
  nameOrGenerate(name: string | undefined, prefix: string): string {
    const generated = this.newName(prefix);
    return name ?? generated;
  }

  /** `<name><suffix>` if named, else a generated name; the index is taken either way (suffixWithOrElseGet). */
  suffixOrGenerate(name: string | undefined, suffix: string, prefix: string): string {
    const generated = this.newName(prefix);
    return name === undefined ? generated : name + suffix;
  }

  /** A generated store name: `<prefix>STATE-STORE-<index>` on the same counter. */
  newStoreName(prefix: string): string {
    return this.newName(prefix + storeNameInfix);
  }

  private add(node: NodeDef): void {
    if (this.nodeDefs.has(node.name))
      throw new TopologyException(`processor name ${node.name} is already used`);
    if (node.kind !== 'source') {
      if (node.parents.length === 0) throw new TopologyException(`${node.name} needs at least one parent`);
      for (const p of node.parents) {
        const parent = this.nodeDefs.get(p);
        if (parent === undefined) throw new TopologyException(`parent ${p} of ${node.name} is not defined`);
        if (parent.kind === 'sink')
          throw new TopologyException(`sink ${p} cannot have children (${node.name})`);
      }
    }
    this.nodeDefs.set(node.name, node);
    this.cached = undefined;
  }

  addSource(node: Omit<SourceNodeDef, 'kind'>): void {
    if (node.topics.length === 0 && node.pattern === undefined)
      throw new TopologyException(`source ${node.name} has no topics`);
    for (const topic of node.topics) {
      const other = this.topicToSource.get(topic);
      if (other !== undefined)
        throw new TopologyException(`topic ${topic} is already registered by source ${other}`);
    }
    this.add({ kind: 'source', ...node });
    for (const topic of node.topics) this.topicToSource.set(topic, node.name);
  }

  addProcessor(node: Omit<ProcessorNodeDef, 'kind'>): void {
    this.add({ kind: 'processor', ...node });
  }

  addSink(node: Omit<SinkNodeDef, 'kind'>): void {
    if (node.topic === undefined && node.extractor === undefined)
      throw new TopologyException(`sink ${node.name} has no topic`);
    this.add({ kind: 'sink', ...node });
  }

  addStateStore(builder: StoreBuilder<StateStore>, allowReplace = false): void {
    const existing = this.storeBuilders.get(builder.name);
    if (existing !== undefined && existing !== builder && !allowReplace) {
      throw new TopologyException(`state store ${builder.name} is already added`);
    }
    this.storeBuilders.set(builder.name, builder);
    this.cached = undefined;
  }

  connectProcessorAndStateStores(processorName: string, storeNames: readonly string[]): void {
    const node = this.nodeDefs.get(processorName);
    if (node === undefined || node.kind !== 'processor')
      throw new TopologyException(`${processorName} is not a processor`);
    for (const s of storeNames) if (!node.stores.includes(s)) node.stores.push(s);
    this.cached = undefined;
  }

  addInternalTopic(config: InternalTopicConfig): void {
    this.internal.set(config.name, config);
  }

  /** True for repartition and changelog topics (names without the application id). */
  isInternalTopic(name: string): boolean {
    if (this.internal.has(name)) return true;
    // Changelogs are derived from the stores; only names with the suffix pay for the lookup.
    return name.endsWith(changelogTopicSuffix) && this.internalTopics.has(name);
  }

  /**
   * Marks a global table's store and nodes (Kafka's addGlobalStore): they form a sub-topology of
   * their own that generates no tasks, and processors anywhere may read the store.
   */
  addGlobalStore(storeName: string, nodeNames: readonly string[]): void {
    this.globalStoreNames.add(storeName);
    for (const n of nodeNames) this.globalNodeNames.add(n);
    this.cached = undefined;
  }

  isGlobalStore(storeName: string): boolean {
    return this.globalStoreNames.has(storeName);
  }

  /** Records that these source topics must be co-partitioned (for joins). */
  addCopartitionGroup(topics: readonly string[]): void {
    this.copartition.push([...topics]);
  }

  get nodes(): ReadonlyMap<string, NodeDef> {
    return this.nodeDefs;
  }
  get stores(): ReadonlyMap<string, StoreBuilder<StateStore>> {
    return this.storeBuilders;
  }
  /**
   * Repartition topics, then the changelog topic of every logged store a processor uses
   * (`<store>-changelog`; the runtime prefixes `<application.id>-`), compacted as in Kafka.
   */
  get internalTopics(): ReadonlyMap<string, InternalTopicConfig> {
    const out = new Map(this.internal);
    const used = new Set<string>();
    for (const node of this.nodeDefs.values())
      if (node.kind === 'processor') for (const s of node.stores) used.add(s);
    for (const [name, builder] of this.storeBuilders) {
      if (!builder.loggingEnabled || !used.has(name)) continue;
      const topic = name + changelogTopicSuffix;
      out.set(topic, {
        name: topic,
        numberOfPartitions: undefined,
        kind: 'changelog',
        storeName: name,
        config: {
          'cleanup.policy': 'compact',
          'message.timestamp.type': 'CreateTime',
          ...builder.changelogConfig,
          ...builder.logConfig,
        },
      });
    }
    return out;
  }
  get copartitionGroups(): readonly (readonly string[])[] {
    return this.copartition;
  }

  /** Children of each node, in creation order. */
  children(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const name of this.nodeDefs.keys()) out.set(name, []);
    for (const node of this.nodeDefs.values()) {
      if (node.kind === 'source') continue;
      for (const p of node.parents) out.get(p)?.push(node.name);
    }
    return out;
  }

  /** Fails on unknown stores and on cycles; everything else is checked as nodes are added. */
  validate(): void {
    for (const node of this.nodeDefs.values()) {
      if (node.kind !== 'processor') continue;
      for (const s of node.stores) {
        if (!this.storeBuilders.has(s))
          throw new TopologyException(`state store ${s} used by ${node.name} is not added`);
      }
    }
    this.checkAcyclic();
  }

  private checkAcyclic(): void {
    // Iterative DFS with colours (no recursion on graphs users build).
    const children = this.children();
    const colour = new Map<string, 1 | 2>();
    for (const start of this.nodeDefs.keys()) {
      if (colour.has(start)) continue;
      const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
      colour.set(start, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const kids = children.get(top.name) ?? [];
        if (top.next >= kids.length) {
          colour.set(top.name, 2);
          stack.pop();
          continue;
        }
        const kid = kids[top.next++]!;
        const c = colour.get(kid);
        if (c === 1) throw new TopologyException(`cycle through ${kid}`);
        if (c === undefined) {
          colour.set(kid, 1);
          stack.push({ name: kid, next: 0 });
        }
      }
    }
  }

  /**
   * Splits the graph into sub-topologies: nodes joined by an edge or by a shared store belong
   * together. Ids follow Kafka: groups are numbered in the sorted order of their source names.
   */
  subtopologies(): readonly Subtopology[] {
    if (this.cached !== undefined) return this.cached;
    this.validate();
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let root = x;
      while (parent.get(root) !== root) root = parent.get(root)!;
      parent.set(x, root);
      return root;
    };
    const union = (a: string, b: string): void => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(rb, ra);
    };
    for (const name of this.nodeDefs.keys()) parent.set(name, name);
    const storeOwner = new Map<string, string>();
    for (const node of this.nodeDefs.values()) {
      if (node.kind === 'source') continue;
      for (const p of node.parents) union(node.name, p);
      if (node.kind === 'processor') {
        for (const s of node.stores) {
          // A global store is read everywhere; it ties no sub-topologies together.
          if (this.globalStoreNames.has(s) && !this.globalNodeNames.has(node.name)) continue;
          const owner = storeOwner.get(s);
          if (owner === undefined) storeOwner.set(s, node.name);
          else union(owner, node.name);
        }
      }
    }
    const sourceNames = [...this.nodeDefs.values()].filter((n) => n.kind === 'source').map((n) => n.name);
    const otherNames = [...this.nodeDefs.values()].filter((n) => n.kind !== 'source').map((n) => n.name);
    const groupIds = new Map<string, number>();
    for (const name of [...sourceNames.sort(), ...otherNames.sort()]) {
      const root = find(name);
      if (!groupIds.has(root)) groupIds.set(root, groupIds.size);
    }
    const groups: NodeDef[][] = [...groupIds.keys()].map(() => []);
    for (const node of this.nodeDefs.values()) groups[groupIds.get(find(node.name))!]!.push(node);
    this.cached = groups.map((nodes, id) => {
      const sources = nodes.filter((n): n is SourceNodeDef => n.kind === 'source');
      const global = nodes.some((n) => this.globalNodeNames.has(n.name));
      const stores = new Set<string>();
      for (const n of nodes)
        if (n.kind === 'processor')
          for (const s of n.stores) if (global || !this.globalStoreNames.has(s)) stores.add(s);
      return {
        id,
        global,
        nodes,
        sources,
        sinks: nodes.filter((n): n is SinkNodeDef => n.kind === 'sink'),
        storeNames: [...stores],
        sourceTopics: sources.flatMap((s) => s.topics),
        sourcePatterns: sources.flatMap((s) => (s.pattern === undefined ? [] : [s.pattern])),
      };
    });
    return this.cached;
  }
}
