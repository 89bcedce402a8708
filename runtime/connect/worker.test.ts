import assert from 'node:assert/strict';
import { Admin, Producer } from '../../actors/client/index.ts';
import { ConfigException } from '../../actors/connect/index.ts';
import { ConnectorConfigError } from './connector-validation.ts';
import { jsonConverter, startRig, testWorkerConfig, type Rig } from './test-support.ts';

const inFile = '/files/in.txt';
const outFile = '/files/out.txt';

function numbered(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `line-${from + i}`);
}

/** Byte position just after line `n` of a file of `numbered(0, ...)` lines. */
function endOfLine(n: number): number {
  let bytes = 0;
  for (let i = 0; i <= n; i++) bytes += `line-${i}\n`.length;
  return bytes;
}

function source(extra: Record<string, string> = {}): Record<string, string> {
  return { name: 'src', 'connector.class': 'FileStreamSource', file: inFile, topic: 'lines', ...extra };
}

function sink(extra: Record<string, string> = {}): Record<string, string> {
  return { name: 'out', 'connector.class': 'FileStreamSink', file: outFile, topics: 'lines', ...extra };
}

describe('Connect worker on a simulated cluster', function () {
  this.timeout(120_000);
  let rig: Rig;

  afterEach(async () => {
    await rig?.close();
  });

  it('copies a file through a topic into another file with SMTs on both sides (the Kafka quickstart with HoistField, InsertField and MaskField)', async () => {
    rig = await startRig(11);
    rig.append(inFile, ['foo', 'bar']);
    const worker = await rig.startWorker();
    const json = { 'value.converter': jsonConverter, 'value.converter.schemas.enable': 'false' };
    await rig.cluster.run(
      worker.addConnector({
        name: 'local-file-source',
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
        file: inFile,
        topic: 'connect-test',
        ...json,
        transforms: 'MakeMap,InsertSource',
        'transforms.MakeMap.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
        'transforms.MakeMap.field': 'line',
        'transforms.InsertSource.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
        'transforms.InsertSource.static.field': 'data_source',
        'transforms.InsertSource.static.value': 'test-file-source',
      }),
    );
    await rig.cluster.run(
      worker.addConnector({
        name: 'local-file-sink',
        'connector.class': 'FileStreamSink',
        file: outFile,
        topics: 'connect-test',
        ...json,
        transforms: 'mask',
        'transforms.mask.type': 'MaskField$Value',
        'transforms.mask.fields': 'data_source',
      }),
    );
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 2, 30_000, 'two lines in the sink file');
    rig.append(inFile, ['baz']);
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 3, 30_000, 'the appended line');
    await rig.cluster.run(worker.stop());

    const onLog = (await rig.readTopic('connect-test')).map((r) => r.value!.toString());
    assert.deepEqual(onLog, [
      '{"line":"foo","data_source":"test-file-source"}',
      '{"line":"bar","data_source":"test-file-source"}',
      '{"line":"baz","data_source":"test-file-source"}',
    ]);
    assert.deepEqual(rig.lines(outFile), [
      '{"line":"foo","data_source":""}',
      '{"line":"bar","data_source":""}',
      '{"line":"baz","data_source":""}',
    ]);
    // Kafka Connect's offsets-topic format: key ["<connector>",{partition}], value the offset map.
    const offsets = (await readAll(rig, '__connect_offsets')).map(
      (r) => [r.key, JSON.parse(r.value!)] as const,
    );
    const last = offsets.filter(([k]) => k === `["local-file-source",{"filename":"${inFile}"}]`).at(-1);
    assert.ok(last !== undefined, JSON.stringify(offsets));
    assert.equal(last[1].position, 'foo\nbar\nbaz\n'.length);
    const configs = new Map((await readAll(rig, '__connect_configs')).map((r) => [r.key, r.value] as const));
    assert.equal(JSON.parse(configs.get('connector-local-file-source')!).properties.topic, 'connect-test');
    assert.deepEqual(JSON.parse(configs.get('task-local-file-source-0')!).properties, {
      file: inFile,
      topic: 'connect-test',
    });
    assert.deepEqual(JSON.parse(configs.get('commit-local-file-sink')!), { tasks: 1 });
    assert.deepEqual(JSON.parse(configs.get('target-state-local-file-sink')!), { state: 'STARTED' });
    const statuses = new Map((await readAll(rig, '__connect_status')).map((r) => [r.key, r.value] as const));
    assert.equal(JSON.parse(statuses.get('status-task-local-file-source-0')!).state, 'UNASSIGNED');
    assert.ok(
      (await readAll(rig, '__connect_status')).some(
        (r) => r.key === 'status-task-local-file-sink-0' && JSON.parse(r.value!).state === 'RUNNING',
      ),
    );
  });

  it('restarts a source task that failed mid-file after a backoff, and it resumes at the committed offset: no line lost', async () => {
    rig = await startRig(12);
    const all = numbered(0, 3000);
    rig.append(inFile, all);
    const worker = await rig.startWorker();
    // The 25th read of the file fails: the task crashes part way through.
    rig.fs.injectFault({ op: 'read', code: 'EIO', path: inFile, after: 24, times: 1 });
    await rig.cluster.run(worker.addConnector(source({ 'batch.size': '100' })));
    await rig.cluster.run(worker.addConnector(sink()));
    await rig.cluster.waitFor(() => new Set(rig.lines(outFile)).size >= all.length, 60_000, 'every line');

    const starts = await rig.cluster.run(worker.taskStarts('src'));
    assert.equal(starts.get(0), 2, 'the source task was restarted once');
    assert.equal(worker.connectorStatus('src')!.tasks[0]!.state, 'RUNNING');
    const failure = rig.logger.lines.find((l) => l.msg === 'task failed');
    assert.ok(failure !== undefined && JSON.stringify(failure.obj).includes('EIO'));
    assertAtLeastOnceInOrder(rig.lines(outFile), all);
  });

  it('a worker killed mid-file and started again resumes at the last committed offset: every line at least once, duplicates only after that offset', async () => {
    rig = await startRig(13);
    const all = numbered(0, 4000);
    const first = await rig.startWorker();
    await rig.cluster.run(first.addConnector(source({ 'batch.size': '50' })));
    // A writer appends 100 lines every 100 ms; the worker dies once it has committed an offset.
    let written = 0;
    const committedByFirst = () =>
      (first.offsets.offsets('src')[0]?.offset['position'] as number | undefined) ?? 0;
    while (written < all.length && (committedByFirst() === 0 || written < 2000)) {
      rig.append(inFile, all.slice(written, written + 100));
      written += 100;
      await rig.cluster.sleep(100);
    }
    await rig.cluster.run(first.kill());
    rig.append(inFile, all.slice(written));

    const second = await rig.startWorker();
    const committed = second.offsets.offsets('src')[0]!.offset['position'] as number;
    const resumeAt = all.findIndex((_, i) => endOfLine(i) === committed) + 1;
    assert.ok(resumeAt > 0 && resumeAt < all.length, `committed mid-file (${committed})`);
    await rig.cluster.run(second.addConnector(source({ 'batch.size': '50' })));
    await rig.cluster.run(second.addConnector(sink()));
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= all.length, 60_000, 'the whole file');
    await rig.cluster.run(second.stop());

    const log = (await rig.readTopic('lines')).map((r) => r.value!.toString());
    // The log holds line 0..k from the first worker, then line resumeAt.. from the second.
    const restart = log.findIndex((line, i) => i > 0 && line !== `line-${Number(log[i - 1]!.slice(5)) + 1}`);
    const firstRun = restart < 0 ? log : log.slice(0, restart);
    const secondRun = restart < 0 ? [] : log.slice(restart);
    assert.deepEqual(firstRun, numbered(0, firstRun.length));
    assert.deepEqual(secondRun, numbered(resumeAt, all.length));
    assert.ok(resumeAt <= firstRun.length, 'the second worker started no later than where the first stopped');
    assert.deepEqual(rig.lines(outFile), log);
  });

  it('a graceful stop commits every acknowledged offset: a worker started again neither loses nor repeats a line', async () => {
    rig = await startRig(14);
    rig.append(inFile, numbered(0, 500));
    const first = await rig.startWorker();
    await rig.cluster.run(first.addConnector(source()));
    await rig.cluster.run(first.addConnector(sink()));
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 500, 30_000, 'the first 500 lines');
    await rig.cluster.run(first.stop());
    rig.append(inFile, numbered(500, 600));

    const second = await rig.startWorker();
    await rig.cluster.run(second.addConnector(source()));
    await rig.cluster.run(second.addConnector(sink()));
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 600, 30_000, 'the appended lines');
    await rig.cluster.sleep(3000);
    await rig.cluster.run(second.stop());
    assert.deepEqual(rig.lines(outFile), numbered(0, 600));
  });

  it('follows a source file that is truncated or replaced while the task runs, from the start of the new content', async () => {
    rig = await startRig(15);
    rig.append(inFile, ['a1', 'a2']);
    const worker = await rig.startWorker();
    await rig.cluster.run(worker.addConnector(source()));
    await rig.cluster.run(worker.addConnector(sink()));
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 2, 30_000, 'a1, a2');
    // Truncated (copytruncate-style), then written again.
    const h = rig.fs.open(inFile, 'rw');
    h.truncate(0);
    h.close();
    rig.append(inFile, ['b1']);
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 3, 30_000, 'b1');
    // Rotated: renamed away and a new, longer file created under the same name.
    rig.fs.rename(inFile, `${inFile}.1`);
    rig.append(inFile, ['c1-is-a-longer-line', 'c2']);
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 5, 30_000, 'c1, c2');
    await rig.cluster.run(worker.stop());
    assert.deepEqual(rig.lines(outFile), ['a1', 'a2', 'b1', 'c1-is-a-longer-line', 'c2']);
    const resets = rig.logger.lines.filter((l) => l.level === 'warn' && l.msg.includes('reading it again'));
    assert.deepEqual(
      resets.map((l) => (l.obj as { reset: string }).reset),
      ['truncated', 'replaced'],
    );
  });

  it('sends records a sink cannot convert, bytes untouched, to the DLQ with error context headers under errors.tolerance=all, and commits past them', async () => {
    rig = await startRig(16);
    await rig.cluster.createTopic('orders', { partitions: 1, replicationFactor: 1 });
    await produce(rig, 'orders', ['{"id":1,"card":"4111"}', '{not json', '{"id":2,"card":"5500"}']);
    const worker = await rig.startWorker();
    await rig.cluster.run(
      worker.addConnector({
        name: 'orders-sink',
        'connector.class': 'FileStreamSink',
        file: outFile,
        topics: 'orders',
        'value.converter': jsonConverter,
        'value.converter.schemas.enable': 'false',
        transforms: 'mask',
        'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
        'transforms.mask.fields': 'card',
        'errors.tolerance': 'all',
        'errors.deadletterqueue.topic.name': 'orders-dlq',
        'errors.deadletterqueue.context.headers.enable': 'true',
      }),
    );
    await rig.cluster.waitFor(() => rig.lines(outFile).length >= 2, 30_000, 'the two good records');
    await rig.cluster.run(worker.stop());

    assert.deepEqual(rig.lines(outFile), ['{"id":1,"card":""}', '{"id":2,"card":""}']);
    const dlq = await rig.readTopic('orders-dlq');
    assert.equal(dlq.length, 1);
    assert.equal(dlq[0]!.value!.toString(), '{not json');
    const header = (key: string) => dlq[0]!.headers.find((h) => h.key === key)?.value?.toString();
    assert.equal(header('__connect.errors.topic'), 'orders');
    assert.equal(header('__connect.errors.offset'), '1');
    assert.equal(header('__connect.errors.stage'), 'VALUE_CONVERTER');
    assert.equal(header('__connect.errors.connector.name'), 'orders-sink');
    assert.equal(header('__connect.errors.exception.class.name'), 'DataException');
    assert.equal(await committedOffset(rig, 'connect-orders-sink', 'orders'), 3);
  });

  it('fails a sink task on an unconvertible record under errors.tolerance=none: status FAILED with the trace, restarted with backoff, nothing committed past the good records', async () => {
    rig = await startRig(17);
    await rig.cluster.createTopic('orders', { partitions: 1, replicationFactor: 1 });
    await produce(rig, 'orders', ['{"id":1}', '{not json', '{"id":2}']);
    const worker = await rig.startWorker(testWorkerConfig({ 'task.restart.max': 2 }));
    await rig.cluster.run(
      worker.addConnector({
        name: 'strict',
        'connector.class': 'FileStreamSink',
        file: outFile,
        topics: 'orders',
        'value.converter': jsonConverter,
        'value.converter.schemas.enable': 'false',
      }),
    );
    await rig.cluster.waitFor(
      () => rig.logger.lines.some((l) => l.msg.startsWith('tasks failed too often')),
      60_000,
      'the supervisor giving up',
    );
    const status = worker.connectorStatus('strict')!;
    assert.equal(status.tasks[0]!.state, 'FAILED');
    assert.match(status.tasks[0]!.trace!, /Tolerance exceeded in error handler/);
    assert.equal(
      rig.logger.lines.filter((l) => l.msg === 'task failed').length,
      3,
      'first run and two restarts',
    );
    assert.ok((await committedOffset(rig, 'connect-strict', 'orders')) <= 1);
    await rig.cluster.run(worker.flushStatus());
    const stored = (await readAll(rig, '__connect_status'))
      .filter((r) => r.key === 'status-task-strict-0')
      .at(-1)!;
    assert.equal(JSON.parse(stored.value!).state, 'FAILED');
    assert.equal(JSON.parse(stored.value!).worker_id, 'worker-1');
  });

  it('refuses to start on an existing internal topic that is not compacted, naming the worker key', async () => {
    rig = await startRig(19);
    await rig.cluster.createTopic('my-offsets', { partitions: 1, replicationFactor: 1 });
    await assert.rejects(
      rig.startWorker(testWorkerConfig({ 'offset.storage.topic': 'my-offsets' })),
      /Topic 'my-offsets' supplied via the 'offset.storage.topic' property is required to have 'cleanup.policy=compact'.*'cleanup.policy=delete'/,
    );
    await rig.cluster.createTopic('my-configs', {
      partitions: 1,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'compact' },
    });
    const worker = await rig.startWorker(testWorkerConfig({ 'config.storage.topic': 'my-configs' }));
    assert.deepEqual(worker.connectorNames(), []);
  });

  it('rejects an invalid connector config with every problem named by its key, and a taken name', async () => {
    rig = await startRig(18);
    const worker = await rig.startWorker();
    await assert.rejects(
      rig.cluster.run(
        worker.addConnector({
          name: 'bad',
          'connector.class': 'FileStreamSource',
          'tasks.max': '0',
          'batch.size': 'many',
          transforms: 'x',
          'transforms.x.type': 'NoSuchTransform',
        }),
      ),
      (err: unknown) => {
        assert.ok(err instanceof ConnectorConfigError);
        assert.deepEqual(
          err.problems.map((p) => p.key),
          ['tasks.max', 'file', 'topic', 'batch.size', 'transforms.x.type'],
        );
        assert.match(err.message, /contains the following 5 error\(s\)/);
        assert.match(err.message, /file: Missing required configuration "file"/);
        return true;
      },
    );
    await assert.rejects(
      rig.cluster.run(worker.addConnector({ name: 'x', 'connector.class': 'NoSuchConnector' })),
      /connector.class: .*NoSuchConnector.*available connectors are: org.apache.kafka.connect.file.FileStreamSourceConnector/,
    );
    await assert.rejects(
      rig.cluster.run(worker.addConnector(sink({ 'errors.deadletterqueue.topic.name': 'lines' }))),
      /errors.deadletterqueue.topic.name: The DLQ topic 'lines' may not be included/,
    );
    await assert.rejects(
      rig.cluster.run(worker.addConnector(sink({ 'value.converter': 'NoSuchConverter' }))),
      /value.converter: .*NoSuchConverter could not be found/,
    );
    rig.append(inFile, ['x']);
    await rig.cluster.run(worker.addConnector(source()));
    await assert.rejects(rig.cluster.run(worker.addConnector(source())), (err: unknown) => {
      assert.ok(err instanceof ConfigException);
      assert.match(err.message, /Connector src already exists/);
      return true;
    });
    assert.deepEqual(worker.connectorNames(), ['src']);
  });
});

async function readAll(rig: Rig, topic: string): Promise<{ key: string; value: string | null }[]> {
  const admin = new Admin(rig.cluster.connectionFactory(), { clock: rig.clock });
  try {
    const [description] = await rig.cluster.run(admin.describeTopics([topic]));
    const { Consumer } = await import('../../actors/client/index.ts');
    const consumer = new Consumer(
      { 'enable.auto.commit': false, 'auto.offset.reset': 'earliest' },
      { connectionFactory: rig.cluster.connectionFactory(), clock: rig.clock },
    );
    const tps = description!.partitions.map((p) => ({ topic, partition: p.partition }));
    const ends = await rig.cluster.run(consumer.endOffsets(tps));
    const total = ends.reduce((n, e) => n + e.offset, 0);
    consumer.assign(tps);
    const out: { key: string; value: string | null }[] = [];
    while (out.length < total) {
      for (const r of await rig.cluster.run(consumer.poll(200))) {
        out.push({ key: r.rawKey?.toString() ?? '', value: r.rawValue?.toString() ?? null });
      }
    }
    await rig.cluster.run(consumer.close({ timeoutMs: 0 }));
    return out;
  } finally {
    await admin.close();
  }
}

async function produce(rig: Rig, topic: string, values: readonly string[]): Promise<void> {
  const producer = new Producer(rig.cluster.connectionFactory(), { clock: rig.clock });
  for (const value of values) await rig.cluster.run(producer.send({ topic, value }));
  await rig.cluster.run(producer.close());
}

async function committedOffset(rig: Rig, group: string, topic: string): Promise<number> {
  const admin = new Admin(rig.cluster.connectionFactory(), { clock: rig.clock });
  try {
    const offsets = await rig.cluster.run(admin.fetchOffsets({ groupId: group, topics: [topic] }));
    return offsets[0]!.partitions[0]!.offset;
  } finally {
    await admin.close();
  }
}

/** Every expected line at least once, and the first occurrences in the original order. */
function assertAtLeastOnceInOrder(actual: readonly string[], expected: readonly string[]): void {
  const seen = new Set<string>();
  const firsts: string[] = [];
  for (const line of actual) {
    if (!seen.has(line)) firsts.push(line);
    seen.add(line);
  }
  assert.deepEqual(firsts, expected);
}
