import type { ConnectRecord } from '../api/records.ts';
import { parseType } from '../config/config-def.ts';
import { ConfigException } from '../config/config-exception.ts';
import type { PluginRegistry } from '../plugins.ts';
import type { Predicate, Transformation } from './transformation.ts';

/** One configured transformation, optionally gated by a predicate (TransformationStage). */
export interface TransformationStage<R extends ConnectRecord = ConnectRecord> {
  readonly alias: string;
  readonly transformation: Transformation<R>;
  readonly predicate: Predicate<R> | null;
  readonly negate: boolean;
}

/**
 * The ordered SMTs of a connector (TransformationChain). A stage runs when it has no predicate or
 * when `predicate.test(record) !== negate`; a null result drops the record and ends the chain.
 */
export class TransformationChain<R extends ConnectRecord = ConnectRecord> {
  readonly stages: readonly TransformationStage<R>[];

  constructor(stages: readonly TransformationStage<R>[]) {
    this.stages = stages;
  }

  apply(record: R): R | null {
    let current: R | null = record;
    for (const stage of this.stages) {
      if (current === null) return null;
      const run = stage.predicate === null || stage.predicate.test(current) !== stage.negate;
      if (run) current = stage.transformation.apply(current);
    }
    return current;
  }

  /** Applies one stage; the error handler wraps this so it can retry and attribute failures per stage. */
  applyStage(stage: TransformationStage<R>, record: R): R | null {
    const run = stage.predicate === null || stage.predicate.test(record) !== stage.negate;
    return run ? stage.transformation.apply(record) : record;
  }

  close(): void {
    for (const stage of this.stages) {
      stage.transformation.close();
      stage.predicate?.close();
    }
  }

  /**
   * Builds the chain from connector properties: `transforms=a,b`, `transforms.a.type=...`,
   * `transforms.a.predicate=p`, `transforms.a.negate=true`, `predicates=p`, `predicates.p.type=...`;
   * the remaining `transforms.a.*` / `predicates.p.*` keys configure each plugin.
   */
  static fromConfig(
    props: Readonly<Record<string, string>>,
    registry: PluginRegistry,
  ): TransformationChain<ConnectRecord> {
    const aliases = parseType('transforms', props['transforms'] ?? '', 'LIST') as string[];
    const predicateAliases = parseType('predicates', props['predicates'] ?? '', 'LIST') as string[];
    const predicates = new Map<string, Predicate<ConnectRecord>>();
    for (const alias of predicateAliases) {
      const prefix = `predicates.${alias}.`;
      const type = requireType(props, prefix);
      const predicate = registry.newPredicate(type, `${prefix}type`);
      predicate.configure(subProps(props, prefix, ['type']));
      predicates.set(alias, predicate);
    }
    const stages: TransformationStage<ConnectRecord>[] = [];
    for (const alias of aliases) {
      const prefix = `transforms.${alias}.`;
      const type = requireType(props, prefix);
      const transformation = registry.newTransformation(type, `${prefix}type`);
      transformation.configure(subProps(props, prefix, ['type', 'predicate', 'negate']));
      const predicateAlias = props[`${prefix}predicate`]?.trim();
      const negateRaw = props[`${prefix}negate`];
      const negate =
        negateRaw === undefined ? false : (parseType(`${prefix}negate`, negateRaw, 'BOOLEAN') as boolean);
      let predicate: Predicate<ConnectRecord> | null = null;
      if (predicateAlias !== undefined && predicateAlias !== '') {
        predicate = predicates.get(predicateAlias) ?? null;
        if (predicate === null) {
          throw new ConfigException(
            `${prefix}predicate`,
            `Transformation ${alias} references undefined predicate ${predicateAlias}; add it to "predicates"`,
            predicateAlias,
          );
        }
      } else if (negateRaw !== undefined) {
        throw new ConfigException(
          `${prefix}negate`,
          `Transformation ${alias} sets negate without a predicate`,
          negateRaw,
        );
      }
      stages.push({ alias, transformation, predicate, negate });
    }
    return new TransformationChain(stages);
  }
}

function requireType(props: Readonly<Record<string, string>>, prefix: string): string {
  const type = props[`${prefix}type`];
  if (type === undefined || type.trim() === '') {
    throw new ConfigException(
      `${prefix}type`,
      `Missing required configuration "${prefix}type" which has no default value.`,
    );
  }
  return type.trim();
}

function subProps(
  props: Readonly<Record<string, string>>,
  prefix: string,
  skip: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    if (!k.startsWith(prefix)) continue;
    const sub = k.slice(prefix.length);
    if (!skip.includes(sub)) out[sub] = v;
  }
  return out;
}
