import assert from 'node:assert/strict';
import { ConfigException } from '../../actors/connect/index.ts';
import { SimulatedFileSystem } from '../../core/io/index.ts';
import { loadConnectorConfigFile, parseConnectorConfigJson } from './config-files.ts';
import { parseWorkerConfig } from './worker-config.ts';

const converters = {
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
};

describe('worker config', () => {
  it("fills in Kafka's defaults and the __connect_* internal topics", () => {
    const c = parseWorkerConfig(converters);
    assert.deepEqual(c.bootstrapServers, ['127.0.0.1:9092']);
    assert.equal(c.offsetFlushIntervalMs, 60_000);
    assert.deepEqual(c.offsetStorage, {
      key: 'offset.storage.topic',
      topic: '__connect_offsets',
      partitions: 25,
      replicationFactor: -1,
    });
    assert.deepEqual(c.configStorage, {
      key: 'config.storage.topic',
      topic: '__connect_configs',
      partitions: 1,
      replicationFactor: -1,
    });
    assert.deepEqual(c.statusStorage, {
      key: 'status.storage.topic',
      topic: '__connect_status',
      partitions: 5,
      replicationFactor: -1,
    });
    assert.equal(c.headerConverter, 'org.apache.kafka.connect.storage.StringConverter');
  });

  it('accepts JSON numbers and lists and keeps prefixed settings in originals', () => {
    const c = parseWorkerConfig({
      ...converters,
      'bootstrap.servers': ['a:1', 'b:2'],
      'offset.flush.interval.ms': 250,
      'value.converter.schemas.enable': false,
    });
    assert.deepEqual(c.bootstrapServers, ['a:1', 'b:2']);
    assert.equal(c.offsetFlushIntervalMs, 250);
    assert.equal(c.originals['value.converter.schemas.enable'], 'false');
  });

  it('names the key of each problem', () => {
    const fails = (props: Record<string, unknown>, pattern: RegExp) =>
      assert.throws(
        () => parseWorkerConfig(props),
        (err: unknown) => err instanceof ConfigException && pattern.test(err.message),
      );
    fails({ 'value.converter': 'x' }, /Missing required configuration "key.converter"/);
    fails({ ...converters, 'offset.flush.interval.ms': 'soon' }, /offset.flush.interval.ms: Not a number/);
    fails({ ...converters, 'offset.storage.replication.factor': 0 }, /offset.storage.replication.factor/);
    fails({ ...converters, 'status.storage.topic': '__connect_offsets' }, /must differ/);
    fails(
      { ...converters, 'task.restart.backoff.max.ms': 10 },
      /task.restart.backoff.max.ms \(10\) must be >=/,
    );
    fails({ ...converters, nested: { a: 1 } }, /the value of nested must be a string/);
  });
});

describe('connector config files', () => {
  it('reads the REST shape {name, config} and the flat shape alike, values as strings', () => {
    const rest = parseConnectorConfigJson(
      '{"name":"s","config":{"connector.class":"FileStreamSource","tasks.max":1}}',
      'a.json',
    );
    const flat = parseConnectorConfigJson(
      '{"name":"s","connector.class":"FileStreamSource","tasks.max":"1"}',
      'b.json',
    );
    assert.deepEqual(rest, { name: 's', 'connector.class': 'FileStreamSource', 'tasks.max': '1' });
    assert.deepEqual(flat, rest);
  });

  it('reports unreadable files with their path', () => {
    const fs = new SimulatedFileSystem();
    const h = fs.open('/c.json', 'create');
    h.append(Buffer.from('{"name": '));
    h.close();
    assert.throws(() => loadConnectorConfigFile(fs, '/c.json'), /\/c.json is not valid JSON/);
    assert.throws(() => loadConnectorConfigFile(fs, '/missing.json'), /\/missing.json: no such file/);
    assert.throws(() => parseConnectorConfigJson('[1]', 'x.json'), /x.json must hold a JSON object/);
    assert.throws(
      () => parseConnectorConfigJson('{"name":"a","config":{"name":"b"}}', 'x.json'),
      /name 'a' and config.name 'b' differ/,
    );
  });
});
