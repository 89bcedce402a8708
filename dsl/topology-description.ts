import type { InternalTopologyBuilder } from './internals/internal-topology-builder.ts';
import type { NodeDef } from './internals/node-defs.ts';

export interface NodeDescription {
  readonly name: string;
  readonly kind: 'source' | 'processor' | 'sink';
  readonly predecessors: readonly string[];
  readonly successors: readonly string[];
  /** Source topics, or the sink topic (one element); empty for processors. */
  readonly topics: readonly string[];
  readonly stores: readonly string[];
}

export interface SubtopologyDescription {
  readonly id: number;
  readonly global?: boolean;
  readonly nodes: readonly NodeDescription[];
}

/**
 * The shape of a topology (Kafka's TopologyDescription). `toString()` prints Kafka Streams' exact
 * text, so tooling and eyes trained on Kafka read it unchanged.
 */
export class TopologyDescription {
  readonly subtopologies: readonly SubtopologyDescription[];
  private readonly text: string;

  constructor(builder: InternalTopologyBuilder) {
    const children = builder.children();
    const size = subtreeSizes(builder, children);
    // Kafka's NodeComparator: larger sub-tree first, then by name.
    const order = (a: string, b: string): number =>
      size.get(b)! - size.get(a)! || (a < b ? -1 : a > b ? 1 : 0);
    this.subtopologies = builder.subtopologies().map((sub) => ({
      id: sub.id,
      ...(sub.global === true ? { global: true } : {}),
      nodes: sub.nodes
        .map((n) => describeNode(n, [...(children.get(n.name) ?? [])].sort(order), order))
        .sort((a, b) => order(a.name, b.name)),
    }));
    this.text = render(this.subtopologies, builder);
  }

  toString(): string {
    return this.text;
  }
}

function subtreeSizes(
  builder: InternalTopologyBuilder,
  children: Map<string, string[]>,
): Map<string, number> {
  // Creation order is topological, so walking it backwards sees children before parents.
  const size = new Map<string, number>();
  const names = [...builder.nodes.keys()].reverse();
  for (const name of names) {
    let total = 1;
    for (const c of children.get(name) ?? []) total += size.get(c)!;
    size.set(name, total);
  }
  return size;
}

function describeNode(
  node: NodeDef,
  successors: string[],
  order: (a: string, b: string) => number,
): NodeDescription {
  const predecessors = node.kind === 'source' ? [] : [...node.parents].sort(order);
  return {
    name: node.name,
    kind: node.kind,
    predecessors,
    successors,
    topics:
      node.kind === 'source'
        ? node.topics
        : node.kind === 'sink' && node.topic !== undefined
          ? [node.topic]
          : [],
    stores: node.kind === 'processor' ? node.stores : [],
  };
}

const names = (list: readonly string[]): string => (list.length === 0 ? 'none' : list.join(', '));

function render(subs: readonly SubtopologyDescription[], builder: InternalTopologyBuilder): string {
  let out = 'Topologies:\n ';
  for (const sub of subs) {
    out += `  Sub-topology: ${sub.id}${sub.global === true ? ' for global store (will not generate tasks)' : ''}\n`;
    for (const n of sub.nodes) {
      const def = builder.nodes.get(n.name)!;
      out += '    ';
      if (def.kind === 'source') {
        const topics = def.pattern !== undefined ? def.pattern.source : `[${def.topics.join(', ')}]`;
        out += `Source: ${n.name} (topics: ${topics})\n      --> ${names(n.successors)}`;
      } else if (def.kind === 'processor') {
        out += `Processor: ${n.name} (stores: [${def.stores.join(', ')}])\n      --> ${names(n.successors)}\n      <-- ${names(n.predecessors)}`;
      } else {
        const target =
          def.topic !== undefined
            ? `topic: ${def.topic}`
            : `extractor class: ${def.extractor?.name || 'TopicNameExtractor'}`;
        out += `Sink: ${n.name} (${target})\n      <-- ${names(n.predecessors)}`;
      }
      out += '\n';
    }
    out += '\n';
  }
  return out;
}
