// `tributary topics create|list|describe|delete`: kafka-topics.sh against --bootstrap-servers.
import { InvalidArgumentError, type Command } from 'commander';
import type { Admin } from '../../actors/client/index.ts';
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

/** Registers `tributary topics ...`. */
export function registerTopicsCommand(program: Command): void {
  const topics = program.command('topics').description('create, list, describe and delete topics');
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
}
