// `tributary topics create|list|describe|delete|alter-config`: kafka-topics.sh (and kafka-configs.sh
// --entity-type topics --alter) against --bootstrap-servers.
import { InvalidArgumentError, type Command } from 'commander';
import type { Admin } from '../../actors/client/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import {
  keyValues,
  printTable,
  runCommand,
  withAdmin,
  withBootstrapServers,
  type ClusterOptions,
} from './cluster-client.ts';

/** Brokers that predate topic ids answer with the nil UUID. */
const zeroUuid = /^[0-]+$/;

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface CreateTopicOptions extends ClusterOptions {
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly config: string[];
}

/** Creates a topic; without --partitions / --replication-factor the brokers' defaults apply. */
export async function createTopic(topic: string, options: CreateTopicOptions): Promise<void> {
  await withAdmin(options, async (admin) => {
    await admin.createTopics([
      {
        topic,
        numPartitions: options.partitions ?? -1,
        replicationFactor: options.replicationFactor ?? -1,
        configs: keyValues(options.config, '--config'),
      },
    ]);
    process.stdout.write(`Created topic ${topic}.\n`);
  });
}

/** Prints the topic names, one per line, sorted. */
export async function listTopics(options: ClusterOptions & { readonly internal?: boolean }): Promise<void> {
  await withAdmin(options, async (admin) => {
    const names = await admin.listTopics({ listInternal: options.internal === true });
    for (const name of [...names].sort()) process.stdout.write(`${name}\n`);
  });
}

/** Prints each topic's id, partition count and non-default configs, then one row per partition. */
export async function describeTopics(topics: readonly string[], options: ClusterOptions): Promise<void> {
  await withAdmin(options, async (admin) => {
    const names = topics.length > 0 ? topics : (await admin.listTopics()).sort();
    const descriptions = await admin.describeTopics(names);
    const configs = await topicConfigs(admin, names);
    for (const d of descriptions) {
      const replicas = d.partitions[0]?.replicas.length ?? 0;
      const own = configs.get(d.name) ?? '';
      process.stdout.write(
        `Topic: ${d.name}\t${zeroUuid.test(d.topicId) ? '' : `TopicId: ${d.topicId}\t`}PartitionCount: ${d.partitions.length}\tReplicationFactor: ${replicas}\tConfigs: ${own}\n`,
      );
      printTable(
        ['PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'OFFLINE'],
        d.partitions.map((p) => [
          String(p.partition),
          String(p.leader),
          p.replicas.join(','),
          p.isr.join(','),
          p.offlineReplicas.join(','),
        ]),
      );
    }
  });
}

async function topicConfigs(admin: Admin, names: readonly string[]): Promise<Map<string, string>> {
  const described = await admin.describeConfigs(names.map((name) => ({ type: 'topic' as const, name })));
  return new Map(
    described.map((r) => [
      r.name,
      r.configEntries
        .filter((e) => e.source === 'DYNAMIC_TOPIC_CONFIG')
        .map((e) => `${e.name}=${e.value ?? ''}`)
        .join(','),
    ]),
  );
}

export async function deleteTopics(topics: readonly string[], options: ClusterOptions): Promise<void> {
  await withAdmin(options, async (admin) => {
    await admin.deleteTopics(topics);
    for (const t of topics) process.stdout.write(`Deleted topic ${t}.\n`);
  });
}

export interface AlterTopicConfigOptions extends ClusterOptions {
  readonly config: string[];
  readonly deleteConfig: string[];
}

/** One line per key that alterTopicConfig changed. */
export interface ConfigChange {
  readonly key: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/**
 * Sets (--config k=v) and removes (--delete-config k) dynamic configs of a topic, keeping the others:
 * the admin's alterConfigs is Kafka's full-replace AlterConfigs, so the topic's current dynamic configs
 * are described first and merged. Deleting a key the topic does not set is INVALID_CONFIG, as in
 * kafka-configs.sh. Returns the changes, which are also printed.
 */
export async function alterTopicConfig(
  topic: string,
  options: AlterTopicConfigOptions,
): Promise<ConfigChange[]> {
  const sets = keyValues(options.config, '--config');
  const deletes = options.deleteConfig.map((k) => k.trim());
  if (Object.keys(sets).length === 0 && deletes.length === 0)
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      'nothing to alter: give --config k=v or --delete-config k',
    );
  const both = deletes.filter((k) => k in sets);
  if (both.length > 0)
    throw new KafkaError(ErrorCode.INVALID_CONFIG, `both set and deleted: ${both.join(', ')}`);
  return withAdmin(options, async (admin) => {
    const [described] = await admin.describeConfigs([{ type: 'topic', name: topic }]);
    const current = new Map<string, string>();
    for (const e of described?.configEntries ?? []) {
      if (e.source === 'DYNAMIC_TOPIC_CONFIG' && e.value !== null) current.set(e.name, e.value);
    }
    const missing = deletes.filter((k) => !current.has(k));
    if (missing.length > 0)
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `Invalid config(s): ${missing.join(', ')} (not set on topic ${topic})`,
      );
    const next = new Map(current);
    for (const k of deletes) next.delete(k);
    for (const [k, v] of Object.entries(sets)) next.set(k, v);
    await admin.alterConfigs([{ type: 'topic', name: topic, configs: Object.fromEntries(next) }]);
    const changes: ConfigChange[] = [];
    for (const key of [...new Set([...current.keys(), ...next.keys()])].sort()) {
      const before = current.get(key);
      const after = next.get(key);
      if (before !== after) changes.push({ key, before, after });
    }
    if (changes.length === 0) process.stdout.write(`No change to the configs of topic ${topic}.\n`);
    else process.stdout.write(`Altered configs of topic ${topic}:\n`);
    for (const c of changes) {
      if (c.after === undefined) process.stdout.write(`  deleted ${c.key} (was ${c.before})\n`);
      else if (c.before === undefined) process.stdout.write(`  set ${c.key}=${c.after}\n`);
      else process.stdout.write(`  set ${c.key}=${c.after} (was ${c.before})\n`);
    }
    return changes;
  });
}

/** Registers `tributary topics ...`. */
export function registerTopicsCommand(program: Command): void {
  const topics = program
    .command('topics')
    .description('create, list, describe, delete and alter the configs of topics');
  withBootstrapServers(
    topics
      .command('create <topic>')
      .description('create a topic')
      .option('--partitions <n>', 'number of partitions (default: the brokers’ num.partitions)', count)
      .option(
        '--replication-factor <n>',
        'replicas per partition (default: the brokers’ default.replication.factor)',
        count,
      )
      .option(
        '--config <key=value>',
        'a topic config, e.g. cleanup.policy=compact (repeatable)',
        collect,
        [],
      ),
  ).action((topic: string, opts: CreateTopicOptions) => runCommand(() => createTopic(topic, opts)));
  withBootstrapServers(
    topics
      .command('list')
      .description('list topic names')
      .option('--internal', 'include internal topics such as __consumer_offsets'),
  ).action((opts: ClusterOptions & { internal?: boolean }) => runCommand(() => listTopics(opts)));
  withBootstrapServers(
    topics
      .command('describe [topics...]')
      .description('show partitions, leaders, replicas and ISR (all topics by default)'),
  ).action((names: string[], opts: ClusterOptions) => runCommand(() => describeTopics(names, opts)));
  withBootstrapServers(topics.command('delete <topics...>').description('delete topics')).action(
    (names: string[], opts: ClusterOptions) => runCommand(() => deleteTopics(names, opts)),
  );
  withBootstrapServers(
    topics
      .command('alter-config <topic>')
      .description("set or remove a topic's dynamic configs, keeping the others; prints what changed")
      .option('--config <key=value>', 'a config to set, e.g. retention.ms=86400000 (repeatable)', collect, [])
      .option('--delete-config <key>', 'a config to remove, back to its default (repeatable)', collect, []),
  ).action((topic: string, opts: AlterTopicConfigOptions) =>
    runCommand(async () => {
      await alterTopicConfig(topic, opts);
    }),
  );
}
