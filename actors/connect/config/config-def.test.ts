import { strict as assert } from 'node:assert';
import {
  ConfigDef,
  ConfigType,
  Importance,
  NO_DEFAULT_VALUE,
  Password,
  range,
  validString,
} from './config-def.ts';
import { ConfigException } from './config-exception.ts';
import {
  parseConnectorConfig,
  parseSinkConnectorConfig,
  validateConnectorConfig,
} from './connector-config.ts';

function def(): ConfigDef {
  return new ConfigDef()
    .define('host', ConfigType.STRING, NO_DEFAULT_VALUE, undefined, Importance.HIGH, 'Host.')
    .define('port', ConfigType.INT, 5432, range(1, 65535), Importance.HIGH, 'Port.')
    .define('ssl', ConfigType.BOOLEAN, false, undefined, Importance.LOW, 'TLS.')
    .define('tables', ConfigType.LIST, '', undefined, Importance.MEDIUM, 'Tables.')
    .define('ratio', ConfigType.DOUBLE, 0.5, undefined, Importance.LOW, 'Ratio.')
    .define('password', ConfigType.PASSWORD, null, undefined, Importance.HIGH, 'Password.')
    .define('mode', ConfigType.STRING, 'bulk', validString('bulk', 'incrementing'), Importance.HIGH, 'Mode.');
}

function configError(key: string, fragment: string) {
  return (e: unknown) => e instanceof ConfigException && e.key === key && e.message.includes(fragment);
}

describe('ConfigDef', () => {
  it('parses string properties into typed values with defaults', () => {
    const v = def().parse({ host: ' db ', port: '6543', ssl: 'TRUE', tables: 'a, b ,c', password: 's3cret' });
    assert.equal(v['host'], 'db');
    assert.equal(v['port'], 6543);
    assert.equal(v['ssl'], true);
    assert.deepEqual(v['tables'], ['a', 'b', 'c']);
    assert.equal(v['ratio'], 0.5);
    assert.equal(v['mode'], 'bulk');
    assert.ok(v['password'] instanceof Password);
    assert.equal(String(v['password']), '[hidden]');
  });

  it('names the key of a missing required value', () => {
    assert.throws(
      () => def().parse({}),
      configError('host', 'Missing required configuration "host" which has no default value.'),
    );
  });

  it('names the key and the problem for a wrong type', () => {
    assert.throws(
      () => def().parse({ host: 'h', port: 'eighty' }),
      configError('port', 'Invalid value eighty for configuration port: Not a number of type INT'),
    );
    assert.throws(
      () => def().parse({ host: 'h', ssl: 'yes' }),
      configError('ssl', 'Expected value to be either true or false'),
    );
    assert.throws(
      () => def().parse({ host: 'h', port: '3000000000' }),
      configError('port', 'Not a number of type INT'),
    );
  });

  it('names the key for a validator failure', () => {
    assert.throws(
      () => def().parse({ host: 'h', port: '0' }),
      configError('port', 'Value must be at least 1'),
    );
    assert.throws(
      () => def().parse({ host: 'h', mode: 'magic' }),
      configError('mode', 'String must be one of: bulk, incrementing'),
    );
  });

  it('validate collects every key error instead of stopping at the first', () => {
    const values = def().validate({ port: '0', mode: 'magic' });
    const errors = Object.fromEntries(values.map((v) => [v.name, v.errorMessages]));
    assert.equal(errors['host']!.length, 1);
    assert.equal(errors['port']!.length, 1);
    assert.equal(errors['mode']!.length, 1);
    assert.deepEqual(errors['ssl'], []);
  });

  it('rejects defining a key twice', () => {
    assert.throws(
      () => def().define('host', ConfigType.STRING, '', undefined, Importance.LOW, ''),
      ConfigException,
    );
  });
});

describe('connector config', () => {
  it('applies Kafka defaults to the common keys', () => {
    const c = parseConnectorConfig({ name: 'src', 'connector.class': 'FileStreamSource' });
    assert.equal(c.tasksMax, 1);
    assert.equal(c.errorsTolerance, 'none');
    assert.equal(c.errorsRetryTimeoutMs, 0);
    assert.equal(c.errorsRetryDelayMaxMs, 60_000);
    assert.equal(c.errorsLogEnable, false);
    assert.deepEqual(c.transforms, []);
  });

  it('rejects tasks.max below 1, an unknown tolerance and duplicate transform aliases', () => {
    const base = { name: 'c', 'connector.class': 'X' };
    assert.throws(
      () => parseConnectorConfig({ ...base, 'tasks.max': '0' }),
      configError('tasks.max', 'at least 1'),
    );
    assert.throws(
      () => parseConnectorConfig({ ...base, 'errors.tolerance': 'some' }),
      configError('errors.tolerance', 'none, all'),
    );
    assert.throws(
      () => parseConnectorConfig({ ...base, transforms: 'a,a' }),
      configError('transforms', 'Duplicate alias provided: a'),
    );
  });

  it('requires exactly one of topics and topics.regex for sinks, and keeps the DLQ out of them', () => {
    const base = { name: 'c', 'connector.class': 'X' };
    assert.throws(
      () => parseSinkConnectorConfig(base),
      configError('topics', 'Must configure one of topics or topics.regex'),
    );
    assert.throws(
      () => parseSinkConnectorConfig({ ...base, topics: 'a', 'topics.regex': 'a.*' }),
      configError('topics', 'but not both'),
    );
    assert.throws(
      () =>
        parseSinkConnectorConfig({ ...base, topics: 'a,dlq', 'errors.deadletterqueue.topic.name': 'dlq' }),
      configError('errors.deadletterqueue.topic.name', "The DLQ topic 'dlq' may not be included"),
    );
    const ok = parseSinkConnectorConfig({ ...base, topics: 'a', 'errors.deadletterqueue.topic.name': 'dlq' });
    assert.equal(ok.dlqTopicName, 'dlq');
    assert.equal(ok.dlqContextHeadersEnable, false);
    assert.equal(ok.dlqTopicReplicationFactor, 3);
  });

  it('answers validate like the REST API, merging common and connector keys with an error count', () => {
    const own = new ConfigDef().define(
      'file',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      undefined,
      Importance.HIGH,
      'File.',
    );
    const infos = validateConnectorConfig('sink', own, { 'connector.class': 'FileSink', 'tasks.max': 'x' });
    const byName = Object.fromEntries(infos.configs.map((c) => [c.value.name, c.value]));
    assert.equal(infos.name, 'FileSink');
    assert.equal(byName['name']!.errors.length, 1);
    assert.equal(byName['tasks.max']!.errors.length, 1);
    assert.equal(byName['file']!.errors.length, 1);
    assert.equal(byName['topics']!.errors.length, 1);
    assert.equal(infos.error_count, 4);
  });
});
