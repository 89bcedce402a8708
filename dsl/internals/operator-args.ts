import { Materialized } from '../config/materialized.ts';
import { Named } from '../config/named.ts';

/** Optional trailing arguments of table operators and aggregations, in any order (Kafka's overloads). */
export type TableOpArg<K, V> = Named | Materialized<K, V>;

export function splitTableArgs<K, V>(
  args: readonly TableOpArg<K, V>[],
): { named: Named | undefined; materialized: Materialized<K, V> | undefined } {
  return {
    named: args.find((a): a is Named => a instanceof Named),
    materialized: args.find((a): a is Materialized<K, V> => a instanceof Materialized),
  };
}
