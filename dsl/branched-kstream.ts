import { Branched } from './config/branched.ts';
import type { Named } from './config/named.ts';
import type { KStream } from './kstream.ts';
import { KStream as KStreamClass } from './kstream.ts';
import { NodePrefix } from './internals/names.ts';
import type { AnyProcessor } from './internals/node-defs.ts';
import { KStreamBranch } from './internals/processors/branch.ts';
import { PassThrough } from './internals/processors/pass-through.ts';

/**
 * The result of `split()` (Kafka's BranchedKStream): declare branches in order, then finish with
 * `defaultBranch()` or `noDefaultBranch()` to get the branches by name (`<split name><branch name>`,
 * or `<split name><index>` counting from 1, the default branch being `<split name>0`).
 */
export class BranchedKStream<K, V> {
  private readonly source: KStream<K, V>;
  private readonly splitterName: string;
  private readonly predicates: ((key: K, value: V) => boolean)[] = [];
  private readonly childNames: string[] = [];
  private defaultChild: string | undefined;
  private readonly outputs = new Map<string, KStream<K, V>>();
  private index = 1;

  /** @internal */
  constructor(source: KStream<K, V>, named: Named | undefined) {
    this.source = source;
    this.splitterName = source.builder.nameOrGenerate(named?.name, NodePrefix.BRANCH);
    const predicates = this.predicates;
    const childNames = this.childNames;
    source.builder.addProcessor({
      name: this.splitterName,
      parents: [source.nodeName],
      supplier: () => new KStreamBranch(predicates, childNames, () => this.defaultChild) as AnyProcessor,
      stores: [],
    });
  }

  /** Adds a branch taking the records that match `predicate` and no earlier predicate. */
  branch(predicate: (key: K, value: V) => boolean, branched: Branched<K, V> = Branched.as<K, V>('')): this {
    const child = this.addChild(branched, this.index++);
    this.predicates.push(predicate);
    this.childNames.push(child);
    return this;
  }

  /** Finishes the split with a branch for records that matched no predicate. */
  defaultBranch(branched: Branched<K, V> = Branched.as<K, V>('')): Map<string, KStream<K, V>> {
    this.defaultChild = this.addChild(branched, 0);
    return this.outputs;
  }

  /** Finishes the split; records that matched no predicate are dropped. */
  noDefaultBranch(): Map<string, KStream<K, V>> {
    return this.outputs;
  }

  private addChild(branched: Branched<K, V>, index: number): string {
    const name =
      this.splitterName +
      (branched.name === undefined || branched.name === '' ? String(index) : branched.name);
    const builder = this.source.builder;
    builder.newName(NodePrefix.BRANCHCHILD); // Kafka burns an index per branch
    builder.addProcessor({
      name,
      parents: [this.splitterName],
      supplier: () => new PassThrough() as AnyProcessor,
      stores: [],
    });
    const stream = new KStreamClass<K, V>(
      builder,
      name,
      this.source.keySerde,
      this.source.valueSerde,
      this.source.repartitionRequired,
    );
    if (branched.chain === undefined) {
      this.outputs.set(name, stream);
    } else {
      const result = branched.chain(stream);
      if (result !== undefined) this.outputs.set(name, result);
    }
    return name;
  }
}
