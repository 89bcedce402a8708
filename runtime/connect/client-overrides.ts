import type { ConsumerConfig, ProducerConfigInput } from '../../actors/client/index.ts';
import { withPrefix } from './worker-config.ts';

/** A properties-file string as the JSON value a client config expects: numbers and booleans typed. */
function typed(value: string): string | number | boolean {
  const trimmed = value.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

function typedAll(props: Readonly<Record<string, string>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(props)) out[k] = typed(v);
  return out;
}

/**
 * The worker's `producer.*` settings as a producer config (Kafka passes them to every producer it
 * makes); the client validates them and names a bad key.
 */
export function producerOverrides(originals: Readonly<Record<string, string>>): ProducerConfigInput {
  return typedAll(withPrefix(originals, 'producer.')) as ProducerConfigInput;
}

/** The worker's `consumer.*` settings as a consumer config (sink tasks' consumers). */
export function consumerOverrides(originals: Readonly<Record<string, string>>): ConsumerConfig {
  return typedAll(withPrefix(originals, 'consumer.')) as ConsumerConfig;
}
