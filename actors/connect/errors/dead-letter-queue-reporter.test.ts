import { strict as assert } from 'node:assert';
import { SimulatedClock } from '../../../core/io/index.ts';
import { DataException } from '../api/connect-errors.ts';
import type { SinkRecord } from '../api/records.ts';
import { Schemas } from '../api/schema.ts';
import { parseSinkConnectorConfig } from '../config/connector-config.ts';
import { StringConverter } from '../converters/string-converter.ts';
import { DeadLetterQueueReporter, DlqHeaders, type DlqRecord } from './dead-letter-queue-reporter.ts';
import { createErrantRecordReporter } from './errant-record-reporter.ts';
import { createErrorHandling } from './error-handling.ts';
import { ProcessingContext, Stage, type ConsumedRecord } from './processing-context.ts';
import { RetryWithToleranceOperator } from './retry-with-tolerance-operator.ts';

const consumed: ConsumedRecord = {
  topic: 'orders',
  partition: 3,
  offset: 1234,
  timestamp: 1_700_000_000_123,
  key: Buffer.from('k1'),
  value: Buffer.from('{not json'),
  headers: [{ key: 'trace', value: Buffer.from('abc') }],
};

function headerMap(record: DlqRecord): Record<string, string | null> {
  return Object.fromEntries(
    record.headers.map((h) => [h.key, h.value === null ? null : h.value.toString('utf8')]),
  );
}

describe('DeadLetterQueueReporter', () => {
  it('sends the original key and value bytes with __connect.errors.* context headers', async () => {
    const sent: DlqRecord[] = [];
    const reporter = new DeadLetterQueueReporter({
      topic: 'dlq-orders',
      contextHeadersEnable: true,
      taskId: { connector: 'jdbc-sink', task: 2 },
      send: async (r) => {
        sent.push(r);
      },
    });
    const ctx = new ProcessingContext({ consumerRecord: consumed });
    ctx.stage = Stage.VALUE_CONVERTER;
    ctx.executingClass = 'org.apache.kafka.connect.json.JsonConverter';
    ctx.error = new DataException('Converting byte[] to Kafka Connect data failed');
    await reporter.report(ctx);
    assert.equal(sent.length, 1);
    const r = sent[0]!;
    assert.equal(r.topic, 'dlq-orders');
    assert.equal(r.partition, null);
    assert.equal(r.timestamp, consumed.timestamp);
    assert.equal(r.key, consumed.key);
    assert.equal(r.value, consumed.value);
    const h = headerMap(r);
    assert.deepEqual(
      r.headers.map((x) => x.key),
      [
        'trace',
        DlqHeaders.ORIG_TOPIC,
        DlqHeaders.ORIG_PARTITION,
        DlqHeaders.ORIG_OFFSET,
        DlqHeaders.CONNECTOR_NAME,
        DlqHeaders.TASK_ID,
        DlqHeaders.STAGE,
        DlqHeaders.EXECUTING_CLASS,
        DlqHeaders.EXCEPTION,
        DlqHeaders.EXCEPTION_MESSAGE,
        DlqHeaders.EXCEPTION_STACK_TRACE,
      ],
    );
    assert.equal(h['__connect.errors.topic'], 'orders');
    assert.equal(h['__connect.errors.partition'], '3');
    assert.equal(h['__connect.errors.offset'], '1234');
    assert.equal(h['__connect.errors.connector.name'], 'jdbc-sink');
    assert.equal(h['__connect.errors.task.id'], '2');
    assert.equal(h['__connect.errors.stage'], 'VALUE_CONVERTER');
    assert.equal(h['__connect.errors.class.name'], 'org.apache.kafka.connect.json.JsonConverter');
    assert.equal(h['__connect.errors.exception.class.name'], 'DataException');
    assert.equal(
      h['__connect.errors.exception.message'],
      'INVALID_RECORD: Converting byte[] to Kafka Connect data failed',
    );
    assert.ok(h['__connect.errors.exception.stacktrace']!.includes('DataException'));
  });

  it('adds no context headers when they are disabled, and no timestamp when the original had none', () => {
    const reporter = new DeadLetterQueueReporter({
      topic: 'dlq',
      contextHeadersEnable: false,
      taskId: { connector: 'c', task: 0 },
      send: async () => {},
    });
    const ctx = new ProcessingContext({ consumerRecord: { ...consumed, timestamp: -1 } });
    ctx.error = new Error('x');
    const r = reporter.dlqRecord(ctx)!;
    assert.deepEqual(r.headers, consumed.headers);
    assert.equal('timestamp' in r, false);
  });

  it('sends nothing for source-side failures (no consumed record)', () => {
    const reporter = new DeadLetterQueueReporter({
      topic: 'dlq',
      contextHeadersEnable: true,
      taskId: { connector: 'c', task: 0 },
      send: async () => {},
    });
    assert.equal(reporter.dlqRecord(new ProcessingContext({})), null);
  });
});

describe('error handling wired from connector config', () => {
  const props = {
    name: 'jdbc-sink',
    'connector.class': 'JdbcSink',
    topics: 'orders',
    'errors.tolerance': 'all',
    'errors.deadletterqueue.topic.name': 'dlq-orders',
    'errors.deadletterqueue.context.headers.enable': 'true',
  };

  it('routes a tolerated converter failure to the DLQ and skips the record', async () => {
    const sent: DlqRecord[] = [];
    const op = createErrorHandling(parseSinkConnectorConfig(props), {
      clock: new SimulatedClock(),
      taskId: { connector: 'jdbc-sink', task: 0 },
      sendToDlq: async (r) => {
        sent.push(r);
      },
    });
    const ctx = new ProcessingContext({ consumerRecord: consumed });
    const out = await op.execute(ctx, Stage.VALUE_CONVERTER, 'JsonConverter', () => {
      throw new DataException('bad');
    });
    assert.equal(out, null);
    assert.equal(sent.length, 1);
    assert.equal(headerMap(sent[0]!)['__connect.errors.stage'], 'VALUE_CONVERTER');
  });

  it('gives sink tasks an errant record reporter that re-serialises the record and reports stage TASK_PUT', async () => {
    const sent: DlqRecord[] = [];
    const operator: RetryWithToleranceOperator = createErrorHandling(parseSinkConnectorConfig(props), {
      clock: new SimulatedClock(),
      taskId: { connector: 'jdbc-sink', task: 0 },
      sendToDlq: async (r) => {
        sent.push(r);
      },
    });
    const report = createErrantRecordReporter({
      operator,
      keyConverter: new StringConverter(),
      valueConverter: new StringConverter(),
      taskClass: 'JdbcSinkTask',
    });
    const record: SinkRecord = {
      topic: 'orders',
      kafkaPartition: 1,
      kafkaOffset: 99,
      keySchema: Schemas.STRING,
      key: 'k',
      valueSchema: Schemas.STRING,
      value: 'v',
      timestamp: 5,
      headers: [],
    };
    await report(record, new Error('constraint violation'));
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.value!.toString(), 'v');
    const h = headerMap(sent[0]!);
    assert.equal(h['__connect.errors.stage'], 'TASK_PUT');
    assert.equal(h['__connect.errors.offset'], '99');
    assert.equal(h['__connect.errors.class.name'], 'JdbcSinkTask');
  });
});
