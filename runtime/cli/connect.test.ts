import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, eventually, runCli, startCluster } from './cli-test-support.ts';

function lines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

describe('tributary connect against a `tributary start` cluster', function () {
  this.timeout(240_000);
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let dir: string;

  before(async () => {
    cluster = await startCluster(1);
    dir = cluster.dir;
    fs.writeFileSync(
      path.join(dir, 'worker.json'),
      JSON.stringify({
        'bootstrap.servers': cluster.bootstrap,
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': false,
        'offset.flush.interval.ms': 500,
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'source.json'),
      JSON.stringify({
        name: 'local-file-source',
        config: {
          'connector.class': 'FileStreamSource',
          file: 'in.txt',
          topic: 'connect-test',
          transforms: 'MakeMap',
          'transforms.MakeMap.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
          'transforms.MakeMap.field': 'line',
        },
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'sink.json'),
      JSON.stringify({
        name: 'local-file-sink',
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        file: 'out.txt',
        topics: 'connect-test',
      }),
    );
  });

  after(async () => {
    await cluster?.stop();
  });

  it('standalone copies a file through a topic to another file, stops cleanly on SIGTERM, and a restart continues without repeating a line', async () => {
    const inFile = path.join(dir, 'in.txt');
    const outFile = path.join(dir, 'out.txt');
    fs.writeFileSync(inFile, 'alpha\nbeta\n');
    const args = ['connect', 'standalone', 'worker.json', 'source.json', 'sink.json', '--log-level', 'warn'];
    const first = new CliProcess(args, dir);
    try {
      await first.waitFor(/Connect worker ready\. Connectors: local-file-sink, local-file-source/);
      await eventually(() => lines(outFile).length >= 2, 'the first two lines in out.txt');
      fs.appendFileSync(inFile, 'gamma\n');
      await eventually(() => lines(outFile).length >= 3, 'the appended line');
      assert.equal(await first.stop(), 0, first.stderr);
    } finally {
      first.kill();
    }
    assert.deepEqual(lines(outFile), ['{"line":"alpha"}', '{"line":"beta"}', '{"line":"gamma"}']);

    const bs = ['--bootstrap-servers', cluster.bootstrap];
    const status = await runCli(['connect', 'status', ...bs]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^local-file-source\s+0\s+UNASSIGNED/m);
    assert.match(
      status.stdout,
      /^local-file-sink\s+-\s+UNASSIGNED\s+\S+\s+org.apache.kafka.connect.file.FileStreamSinkConnector/m,
    );
    const offsets = await runCli(['connect', 'offsets', 'local-file-source', ...bs]);
    assert.match(offsets.stdout, /\{"filename":"in.txt"\}\s+\{"position":17,/);
    const groups = await runCli(['groups', 'describe', 'connect-local-file-sink', ...bs]);
    assert.match(groups.stdout, /^connect-test\s+0\s+3\s+3\s+0/m);

    fs.appendFileSync(inFile, 'delta\n');
    const second = new CliProcess(args, dir);
    try {
      await second.waitFor(/Connect worker ready/);
      await eventually(() => lines(outFile).length >= 4, 'the line written while stopped');
      assert.equal(await second.stop(), 0, second.stderr);
    } finally {
      second.kill();
    }
    assert.deepEqual(lines(outFile), [
      '{"line":"alpha"}',
      '{"line":"beta"}',
      '{"line":"gamma"}',
      '{"line":"delta"}',
    ]);
  });

  it('standalone with the Avro converter registers the value schema of its topic on the _schemas topic and carries records through it', async () => {
    fs.writeFileSync(
      path.join(dir, 'worker-avro.json'),
      JSON.stringify({
        'bootstrap.servers': cluster.bootstrap,
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'io.confluent.connect.avro.AvroConverter',
        'offset.flush.interval.ms': 500,
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'avro-source.json'),
      JSON.stringify({
        name: 'avro-file-source',
        'connector.class': 'FileStreamSource',
        file: 'avro-in.txt',
        topic: 'connect-avro',
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'avro-sink.json'),
      JSON.stringify({
        name: 'avro-file-sink',
        'connector.class': 'FileStreamSink',
        file: 'avro-out.txt',
        topics: 'connect-avro',
      }),
    );
    fs.writeFileSync(path.join(dir, 'avro-in.txt'), 'one\ntwo\n');
    const args = ['connect', 'standalone', 'worker-avro.json', 'avro-source.json', 'avro-sink.json'];
    const worker = new CliProcess([...args, '--log-level', 'warn'], dir);
    try {
      await worker.waitFor(/Connect worker ready/);
      const outFile = path.join(dir, 'avro-out.txt');
      await eventually(() => lines(outFile).length >= 2, 'both lines through Avro');
      assert.deepEqual(lines(outFile), ['one', 'two']);
      assert.equal(await worker.stop(), 0, worker.stderr);
    } finally {
      worker.kill();
    }
    const bs = ['--bootstrap-servers', cluster.bootstrap];
    const topics = await runCli(['topics', 'list', ...bs]);
    assert.match(topics.stdout, /^_schemas\b/m);
    const schemas = await runCli(['consume', '_schemas', '--from-beginning', '--max-messages', '1', ...bs]);
    assert.equal(schemas.code, 0, schemas.stderr);
    assert.match(schemas.stdout, /"subject":"connect-avro-value"/);
  });

  it('refuses to start with an invalid connector file, naming the file and every problem', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ name: 'bad', 'connector.class': 'FileStreamSink', 'tasks.max': 'two' }),
    );
    const r = await runCli(['connect', 'standalone', 'worker.json', 'bad.json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /contains the following 3 error\(s\)/);
    assert.match(
      r.stderr,
      /bad.json: tasks.max: Invalid value two for configuration tasks.max: Not a number of type INT/,
    );
    assert.match(r.stderr, /bad.json: topics: Must configure one of topics or topics.regex/);
    assert.match(r.stderr, /bad.json: file: Missing required configuration "file"/);
    const validated = await runCli(['connect', 'validate', 'source.json', 'bad.json'], { cwd: dir });
    assert.equal(validated.code, 1);
    assert.match(validated.stdout, /source.json: valid \(local-file-source\)/);
    assert.match(validated.stdout, /bad.json: 3 error\(s\)/);
  });
});
