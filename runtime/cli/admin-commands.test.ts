import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Admin, AdminError, Consumer, Producer, type ConsumerRecord } from '../../actors/client/index.ts';
import { KafkaError } from '../../core/errors/index.ts';
import { Cluster } from '../cluster/index.ts';
import { CliProcess, runCli, startCluster } from './cli-test-support.ts';

describe('tributary topics alter-config and groups reset-offsets/delete against a `tributary start` cluster', function () {
  this.timeout(300_000);
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let bs: string[];

  before(async () => {
    cluster = await startCluster(1);
    // The spelling, --bootstrap, is an alias of --bootstrap-servers.
    bs = ['--bootstrap', cluster.bootstrap];
  });

  after(async () => {
    await cluster?.stop();
  });

  it('alter-config sets and deletes keys while keeping the others, prints the changes, and reports invalid values', async () => {
    const created = await runCli([
      'topics',
      'create',
      'configured',
      '--config',
      'retention.ms=60000',
      '--config',
      'segment.ms=3600000',
      ...bs,
    ]);
    assert.equal(created.code, 0, created.stderr);
    const altered = await runCli([
      'topics',
      'alter-config',
      'configured',
      '--config',
      'retention.ms=120000',
      '--config',
      'cleanup.policy=compact',
      '--delete-config',
      'segment.ms',
      ...bs,
    ]);
    assert.equal(altered.code, 0, altered.stderr);
    assert.equal(
      altered.stdout,
      'Altered configs of topic configured:\n' +
        '  set cleanup.policy=compact\n' +
        '  set retention.ms=120000 (was 60000)\n' +
        '  deleted segment.ms (was 3600000)\n',
    );
    const described = await runCli(['topics', 'describe', 'configured', ...bs]);
    assert.match(described.stdout, /Configs: (.*)\n/);
    const configs = /Configs: (.*)\n/.exec(described.stdout)![1]!.split(',').sort();
    assert.deepEqual(configs, ['cleanup.policy=compact', 'retention.ms=120000']);

    const invalid = await runCli([
      'topics',
      'alter-config',
      'configured',
      '--config',
      'retention.ms=abc',
      ...bs,
    ]);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /^Error: INVALID_CONFIG: .*retention\.ms/m);
    const notSet = await runCli([
      'topics',
      'alter-config',
      'configured',
      '--delete-config',
      'segment.ms',
      ...bs,
    ]);
    assert.equal(notSet.code, 1);
    assert.match(notSet.stderr, /^Error: INVALID_CONFIG: Invalid config\(s\): segment\.ms/m);
    const after = await runCli(['topics', 'describe', 'configured', ...bs]);
    assert.match(after.stdout, /retention\.ms=120000/, 'a rejected change leaves the configs as they were');
  });

  it('reset-offsets prints a dry-run plan, commits only with --execute, and keeps offsets within the log', async () => {
    assert.equal((await runCli(['topics', 'create', 'resets', '--partitions', '2', ...bs])).code, 0);
    // Keys a and d hash to partitions 0 and 1 of 2 (murmur2), five records each.
    const input = Array.from({ length: 10 }, (_, i) => `${i % 2 === 0 ? 'a' : 'd'}:v${i}`).join('\n');
    assert.equal((await runCli(['produce', 'resets', '--key-separator', ':', ...bs], { input })).code, 0);
    const read = await runCli([
      'consume',
      'resets',
      '--group',
      'resetters',
      '--from-beginning',
      '--max-messages',
      '10',
      ...bs,
    ]);
    assert.equal(read.code, 0, read.stderr);
    const ends = await runCli(['groups', 'describe', 'resetters', ...bs]);
    const lag = [...ends.stdout.matchAll(/^resets\s+(\d)\s+(\d+)\s+(\d+)\s+0\s/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    assert.equal(lag.length, 2, ends.stdout);

    const dry = await runCli([
      'groups',
      'reset-offsets',
      'resetters',
      '--all-topics',
      '--to-earliest',
      ...bs,
    ]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout, 'TOPIC   PARTITION  NEW-OFFSET\nresets  0          0\nresets  1          0\n');
    assert.match(dry.stderr, /Dry run/);
    const unchanged = await runCli(['groups', 'describe', 'resetters', ...bs]);
    assert.equal(unchanged.stdout, ends.stdout, 'a dry run commits nothing');

    const shifted = await runCli([
      'groups',
      'reset-offsets',
      'resetters',
      '--topic',
      'resets:1',
      '--shift-by',
      '-2',
      '--execute',
      ...bs,
    ]);
    assert.equal(shifted.code, 0, shifted.stderr);
    const end1 = lag.find(([p]) => p === 1)![1]!;
    assert.equal(shifted.stdout, `TOPIC   PARTITION  NEW-OFFSET\nresets  1          ${end1 - 2}\n`);
    const described = await runCli(['groups', 'describe', 'resetters', ...bs]);
    assert.match(described.stdout, new RegExp(`^resets\\s+1\\s+${end1 - 2}\\s+${end1}\\s+2\\s`, 'm'));
    const resumed = await runCli(['consume', 'resets', '--group', 'resetters', '--max-messages', '2', ...bs]);
    assert.equal(resumed.stdout.split('\n').filter((l) => l !== '').length, 2, resumed.stderr);

    const beyond = await runCli([
      'groups',
      'reset-offsets',
      'resetters',
      '--topic',
      'resets',
      '--to-offset',
      '1000',
      ...bs,
    ]);
    assert.match(beyond.stdout, new RegExp(`^resets\\s+1\\s+${end1}$`, 'm'), 'offsets stay within the log');
    const future = await runCli([
      'groups',
      'reset-offsets',
      'resetters',
      '--topic',
      'resets:0',
      '--to-datetime',
      '2999-01-01T00:00:00Z',
      ...bs,
    ]);
    const end0 = lag.find(([p]) => p === 0)![1]!;
    assert.match(future.stdout, new RegExp(`^resets\\s+0\\s+${end0}$`, 'm'));
    const twoTargets = await runCli([
      'groups',
      'reset-offsets',
      'resetters',
      '--all-topics',
      '--to-earliest',
      '--to-latest',
      ...bs,
    ]);
    assert.equal(twoTargets.code, 1);
    assert.match(twoTargets.stderr, /give exactly one of/);
  });

  it('groups delete deletes inactive groups and reports the others one by one with a non-zero exit', async () => {
    assert.equal((await runCli(['topics', 'create', 'deletions', ...bs])).code, 0);
    await runCli(['produce', 'deletions', ...bs], { input: 'x\n' });
    const read = await runCli([
      'consume',
      'deletions',
      '--group',
      'doomed',
      '--from-beginning',
      '--max-messages',
      '1',
      ...bs,
    ]);
    assert.equal(read.code, 0, read.stderr);
    const deleted = await runCli(['groups', 'delete', 'doomed', 'never-existed', ...bs]);
    assert.equal(deleted.code, 1);
    assert.equal(deleted.stdout, 'Deleted group doomed.\n');
    assert.match(deleted.stderr, /Could not delete group never-existed: GROUP_ID_NOT_FOUND/);
    const listed = await runCli(['groups', 'list', ...bs]);
    assert.doesNotMatch(listed.stdout, /^doomed\s/m);
  });

  it('reset-offsets refuses a group with active members', async () => {
    assert.equal((await runCli(['topics', 'create', 'busy', ...bs])).code, 0);
    const member = new CliProcess(['consume', 'busy', '--group', 'busy-group', ...bs]);
    try {
      let refused = await runCli([
        'groups',
        'reset-offsets',
        'busy-group',
        '--topic',
        'busy',
        '--to-earliest',
        ...bs,
      ]);
      // The member is joining; wait until the group is not inactive any more.
      for (let i = 0; i < 100 && refused.code === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        refused = await runCli([
          'groups',
          'reset-offsets',
          'busy-group',
          '--topic',
          'busy',
          '--to-earliest',
          ...bs,
        ]);
      }
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Assignments can only be reset if the group 'busy-group' is inactive/);
      const notDeleted = await runCli(['groups', 'delete', 'busy-group', ...bs]);
      assert.equal(notDeleted.code, 1);
      assert.match(notDeleted.stderr, /NON_EMPTY_GROUP/);
    } finally {
      member.kill();
    }
  });
});

describe('Admin consumer-group offsets against an embedded cluster', function () {
  this.timeout(120_000);
  let dir: string;
  let cluster: Cluster;
  let admin: Admin;
  const consumers: Consumer<Buffer | null, Buffer | null>[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-group-offsets-'));
    cluster = await Cluster.start({ brokers: 3, dataDir: dir });
    admin = new Admin(cluster.connectionFactory(), { config: { 'client.id': 'offsets-test' } });
    await admin.createTopics([{ topic: 'ten', numPartitions: 2, replicationFactor: 2 }]);
    const producer = new Producer(cluster.connectionFactory(), { config: { 'linger.ms': 0 } });
    try {
      for (const partition of [0, 1])
        await producer.send({
          topic: 'ten',
          messages: Array.from({ length: 10 }, (_, i) => ({ partition, value: `p${partition}-${i}` })),
        });
    } finally {
      await producer.close();
    }
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.close({ timeoutMs: 10_000 });
  });
  after(async () => {
    await admin?.close();
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function consumerOf(groupId: string): Consumer<Buffer | null, Buffer | null> {
    const consumer = new Consumer(
      {
        'client.id': `member-of-${groupId}`,
        'group.id': groupId,
        'enable.auto.commit': false,
        'auto.offset.reset': 'earliest',
        'fetch.max.wait.ms': 100,
      },
      { connectionFactory: cluster.connectionFactory() },
    );
    consumers.push(consumer);
    return consumer;
  }

  /** Polls until `ready` holds for what was received (or the attempts run out). */
  async function pollUntil(
    consumer: Consumer<Buffer | null, Buffer | null>,
    ready: (received: readonly ConsumerRecord<Buffer | null, Buffer | null>[]) => boolean,
  ): Promise<ConsumerRecord<Buffer | null, Buffer | null>[]> {
    const received: ConsumerRecord<Buffer | null, Buffer | null>[] = [];
    for (let i = 0; i < 200 && !ready(received); i++) received.push(...(await consumer.poll(200)));
    return received;
  }

  const committed = async (groupId: string) =>
    (await admin.fetchOffsets({ groupId, topics: ['ten'] }))[0]!.partitions.map((p) => [
      p.partition,
      p.offset,
    ]);

  it('setOffsets commits offsets that fetchOffsets returns and that a new consumer of the group starts from', async () => {
    await admin.setOffsets({
      groupId: 'set',
      topic: 'ten',
      partitions: [
        { partition: 0, offset: 3, metadata: 'moved by hand' },
        { partition: 1, offset: 7 },
      ],
    });
    assert.deepEqual(await admin.fetchOffsets({ groupId: 'set' }), [
      {
        topic: 'ten',
        partitions: [
          { partition: 0, offset: 3, leaderEpoch: -1, metadata: 'moved by hand' },
          { partition: 1, offset: 7, leaderEpoch: -1, metadata: '' },
        ],
      },
    ]);
    const consumer = consumerOf('set');
    consumer.subscribe(['ten']);
    const received = await pollUntil(consumer, (r) => r.length >= 10);
    const firstOffset = (partition: number) =>
      Math.min(...received.filter((r) => r.partition === partition).map((r) => r.offset));
    assert.equal(
      received.length,
      10,
      'partition 0 from offset 3 (7 records), partition 1 from 7 (3 records)',
    );
    assert.equal(firstOffset(0), 3);
    assert.equal(firstOffset(1), 7);
  });

  it('resetOffsets commits every partition’s log start with earliest and its end by default', async () => {
    await admin.deleteRecords([{ topic: 'ten', partition: 1, offset: 4 }]);
    await admin.alterConsumerGroupOffsets('reset', [{ topic: 'ten', partition: 0, offset: 5 }]);
    assert.deepEqual(await admin.resetOffsets({ groupId: 'reset', topic: 'ten', earliest: true }), [
      { partition: 0, offset: 0 },
      { partition: 1, offset: 4 },
    ]);
    assert.deepEqual(await committed('reset'), [
      [0, 0],
      [1, 4],
    ]);
    await admin.resetOffsets({ groupId: 'reset', topic: 'ten' });
    assert.deepEqual(await committed('reset'), [
      [0, 10],
      [1, 10],
    ]);
  });

  it('is refused with UNKNOWN_MEMBER_ID while the group has an active member, and changes nothing', async () => {
    await admin.alterConsumerGroupOffsets('busy', [
      { topic: 'ten', partition: 0, offset: 2 },
      { topic: 'ten', partition: 1, offset: 2 },
    ]);
    const consumer = consumerOf('busy');
    consumer.subscribe(['ten']);
    await pollUntil(consumer, () => consumer.assignment().length === 2);
    assert.equal(consumer.assignment().length, 2, 'the member joined');
    try {
      await admin.alterConsumerGroupOffsets('busy', [{ topic: 'ten', partition: 0, offset: 9 }]);
      assert.fail('the commit should be refused');
    } catch (e) {
      assert.ok(e instanceof AdminError, String(e));
      assert.equal(e.errorName, 'UNKNOWN_MEMBER_ID', e.message);
      assert.ok(e.failureFor("group 'busy'") !== undefined, e.message);
      assert.match(e.message, /active members/);
    }
    await assert.rejects(admin.resetOffsets({ groupId: 'busy', topic: 'ten', earliest: true }), (e) =>
      KafkaError.is(e, 'UNKNOWN_MEMBER_ID'),
    );
    assert.deepEqual(await committed('busy'), [
      [0, 2],
      [1, 2],
    ]);
    await consumers.splice(0)[0]!.close({ timeoutMs: 10_000 });
    await admin.setOffsets({ groupId: 'busy', topic: 'ten', partitions: [{ partition: 0, offset: 9 }] });
    assert.deepEqual(await committed('busy'), [
      [0, 9],
      [1, 2],
    ]);
  });

  it('fails partitions the cluster does not have with UNKNOWN_TOPIC_OR_PARTITION, naming each', async () => {
    try {
      await admin.alterConsumerGroupOffsets('unknowns', [
        { topic: 'no-such-topic', partition: 0, offset: 1 },
        { topic: 'ten', partition: 5, offset: 1 },
      ]);
      assert.fail('the commit should be refused');
    } catch (e) {
      assert.ok(e instanceof AdminError, String(e));
      assert.equal(e.errorName, 'UNKNOWN_TOPIC_OR_PARTITION');
      assert.deepEqual(
        e.failures.map((f) => f.resource),
        ['partition no-such-topic-0', 'partition ten-5'],
      );
    }
    assert.deepEqual(await admin.fetchOffsets({ groupId: 'unknowns' }), []);
    await assert.rejects(admin.resetOffsets({ groupId: 'unknowns', topic: 'no-such-topic' }), (e) =>
      KafkaError.is(e, 'UNKNOWN_TOPIC_OR_PARTITION'),
    );
  });
});
