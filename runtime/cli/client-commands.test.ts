import assert from 'node:assert/strict';
import { runCli, startCluster } from './cli-test-support.ts';

describe('tributary topics, produce, consume and groups against a `tributary start` cluster', function () {
  this.timeout(180_000);
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let bs: string[];

  before(async () => {
    cluster = await startCluster(2);
    bs = ['--bootstrap-servers', cluster.bootstrap];
  });

  after(async () => {
    await cluster?.stop();
  });

  it('creates, lists, describes and deletes topics, and reports a taken name as an error', async () => {
    const created = await runCli([
      'topics',
      'create',
      'orders',
      '--partitions',
      '3',
      '--replication-factor',
      '2',
      '--config',
      'retention.ms=60000',
      ...bs,
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'Created topic orders.\n');
    const listed = await runCli(['topics', 'list', ...bs]);
    assert.ok(listed.stdout.split('\n').includes('orders'), listed.stdout);
    const described = await runCli(['topics', 'describe', 'orders', ...bs]);
    assert.equal(described.code, 0, described.stderr);
    assert.match(
      described.stdout,
      /Topic: orders\t.*PartitionCount: 3\tReplicationFactor: 2\tConfigs: retention.ms=60000/,
    );
    const rows = described.stdout.split('\n').filter((l) => /^\d/.test(l));
    assert.equal(rows.length, 3);
    for (const row of rows) assert.match(row, /^\d\s+[12]\s+(1,2|2,1)\s+/);
    const again = await runCli(['topics', 'create', 'orders', ...bs]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^Error: .*TOPIC_ALREADY_EXISTS|already exists/m);
    const deleted = await runCli(['topics', 'delete', 'orders', ...bs]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.ok(!(await runCli(['topics', 'list', ...bs])).stdout.split('\n').includes('orders'));
  });

  it('produces stdin lines (with keys) and consumes them from the beginning, in order, up to --max-messages', async () => {
    assert.equal((await runCli(['topics', 'create', 'lines', '--partitions', '1', ...bs])).code, 0);
    const produced = await runCli(['produce', 'lines', '--key-separator', ':', ...bs], {
      input: 'k1:first\nk2:second\nk3:third\n',
    });
    assert.equal(produced.code, 0, produced.stderr);
    assert.match(produced.stderr, /Produced 3 record\(s\) to lines/);
    const consumed = await runCli([
      'consume',
      'lines',
      '--from-beginning',
      '--max-messages',
      '2',
      '--print-key',
      ...bs,
    ]);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.equal(consumed.stdout, 'k1\tfirst\nk2\tsecond\n');
    assert.match(consumed.stderr, /Processed a total of 2 messages/);
    const fromEnd = await runCli(['consume', 'lines', '--timeout-ms', '1000', ...bs]);
    assert.equal(fromEnd.stdout, '', 'without --from-beginning only new records are read');
    const badLine = await runCli(['produce', 'lines', '--key-separator', ':', ...bs], {
      input: 'no separator\n',
    });
    assert.equal(badLine.code, 1);
    assert.match(badLine.stderr, /line 1 has no key separator ':'/);
  });

  it('consumes as a group member, commits what it printed, and groups list/describe show the offsets and lag', async () => {
    assert.equal((await runCli(['topics', 'create', 'events', '--partitions', '1', ...bs])).code, 0);
    await runCli(['produce', 'events', ...bs], { input: 'e1\ne2\ne3\n' });
    const first = await runCli([
      'consume',
      'events',
      '--group',
      'readers',
      '--from-beginning',
      '--max-messages',
      '2',
      ...bs,
    ]);
    assert.equal(first.stdout, 'e1\ne2\n', first.stderr);
    const listed = await runCli(['groups', 'list', ...bs]);
    assert.match(listed.stdout, /^readers\s+consumer/m);
    const described = await runCli(['groups', 'describe', 'readers', ...bs]);
    assert.equal(described.code, 0, described.stderr);
    assert.match(described.stdout, /Group: readers\tState: Empty/);
    assert.match(described.stdout, /^events\s+0\s+2\s+3\s+1\s+-/m);
    const second = await runCli(['consume', 'events', '--group', 'readers', '--max-messages', '1', ...bs]);
    assert.equal(second.stdout, 'e3\n', 'the group resumes after its commit');
    const missing = await runCli(['groups', 'describe', 'nobody', ...bs]);
    assert.match(missing.stdout, /Group: nobody\tState: Dead/);
  });

  it('produces headers (--header for all, --headers-separator per line) and consumes chosen partitions from an offset or a time as JSON', async () => {
    assert.equal((await runCli(['topics', 'create', 'assigned', '--partitions', '2', ...bs])).code, 0);
    // Keys a and d hash to partitions 0 and 1 of 2 (murmur2).
    const produced = await runCli(
      [
        'produce',
        'assigned',
        '--key-separator',
        ':',
        '--headers-separator',
        '|',
        '--header',
        'source=cli',
        ...bs,
      ],
      { input: 'trace=1,trace=2|a:zero\n|a:one\n|d:other\n|a:two\n' },
    );
    assert.equal(produced.code, 0, produced.stderr);
    assert.equal(
      produced.stderr,
      'Produced 4 record(s) to assigned.\n',
      'no progress line when stderr is a pipe',
    );
    const json = await runCli([
      'consume',
      'assigned',
      '--partition',
      '0',
      '--offset',
      'earliest',
      '--format',
      'json',
      '--max-messages',
      '3',
      ...bs,
    ]);
    assert.equal(json.code, 0, json.stderr);
    const records = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      records.map(({ timestamp, ...rest }) => (assert.equal(typeof timestamp, 'number'), rest)),
      [
        {
          topic: 'assigned',
          partition: 0,
          offset: 0,
          key: 'a',
          value: 'zero',
          headers: [
            { key: 'source', value: 'cli' },
            { key: 'trace', value: '1' },
            { key: 'trace', value: '2' },
          ],
        },
        {
          topic: 'assigned',
          partition: 0,
          offset: 1,
          key: 'a',
          value: 'one',
          headers: [{ key: 'source', value: 'cli' }],
        },
        {
          topic: 'assigned',
          partition: 0,
          offset: 2,
          key: 'a',
          value: 'two',
          headers: [{ key: 'source', value: 'cli' }],
        },
      ],
    );
    const fromOffset = await runCli([
      'consume',
      'assigned',
      '--partition',
      '0',
      '--offset',
      '1',
      '--timeout-ms',
      '1500',
      ...bs,
    ]);
    assert.equal(fromOffset.stdout, 'one\ntwo\n', fromOffset.stderr);
    const other = await runCli([
      'consume',
      'assigned',
      '--partition',
      '1',
      '--offset',
      '0',
      '--timeout-ms',
      '1500',
      ...bs,
    ]);
    assert.equal(other.stdout, 'other\n', other.stderr);
    const secondTs = records[1]!.timestamp as number;
    const fromTime = await runCli([
      'consume',
      'assigned',
      '--partition',
      '0',
      '--from-timestamp',
      new Date(secondTs).toISOString(),
      '--timeout-ms',
      '1500',
      ...bs,
    ]);
    const expected = records
      .filter((r) => (r.timestamp as number) >= secondTs)
      .map((r) => `${String(r.value)}\n`);
    assert.equal(fromTime.stdout, expected.join(''), fromTime.stderr);
    const future = await runCli([
      'consume',
      'assigned',
      '--from-timestamp',
      '32503680000000',
      '--timeout-ms',
      '1500',
      ...bs,
    ]);
    assert.equal(future.stdout, '', 'a time after every record starts at the end');
    const conflicting = await runCli(['consume', 'assigned', '--group', 'g', '--partition', '0', ...bs]);
    assert.equal(conflicting.code, 1);
    assert.match(conflicting.stderr, /--group and --partition cannot be used together/);
    const missing = await runCli(['consume', 'assigned', '--partition', '5', ...bs]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /topic assigned has no partition 5/);
  });

  it('fails with one clear line on a malformed --bootstrap-servers', async () => {
    const r = await runCli(['topics', 'list', '--bootstrap-servers', 'not-a-host-port']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^Error: INVALID_CONFIG: bootstrap.servers: "not-a-host-port" is not of the form host:port\n$/,
    );
  });
});
