// Topic configs: the log's own (core/log LogConfig) plus the ones the replication layer reads.
// Validation happens at the controller (CreateTopics, AlterConfigs) so a bad value never reaches the
// metadata log; brokers split the stored map back into the two halves.
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { LogConfig } from '../../core/log/index.ts';

/** Topic configs that are not log configs, with their validators. */
const replicationTopicConfigs: Readonly<Record<string, (value: string) => string | undefined>> = {
  'min.insync.replicas': (v) => (/^[1-9][0-9]*$/.test(v) ? undefined : 'expected a positive integer'),
  'unclean.leader.election.enable': (v) =>
    v === 'true' || v === 'false' ? undefined : 'expected true or false',
};

/** True for topic configs handled outside the log (replication settings). */
export function isReplicationTopicConfig(key: string): boolean {
  return Object.hasOwn(replicationTopicConfigs, key);
}

/** The log-config half of a topic's configs. */
export function logConfigEntries(configs: Iterable<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of configs) if (!isReplicationTopicConfig(k)) out[k] = v;
  return out;
}

/** Validates topic configs; throws INVALID_CONFIG naming the key. */
export function validateTopicConfigs(configs: Readonly<Record<string, string | null>>): void {
  const log: Record<string, string> = {};
  for (const [key, value] of Object.entries(configs)) {
    if (value === null) continue;
    const check = replicationTopicConfigs[key];
    if (check !== undefined) {
      const why = check(value);
      if (why !== undefined) {
        throw new KafkaError(ErrorCode.INVALID_CONFIG, `${key}: ${why}, got ${JSON.stringify(value)}`);
      }
    } else {
      log[key] = value;
    }
  }
  LogConfig.from(log);
}
