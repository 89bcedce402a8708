import { strict as assert } from 'node:assert';
import { SimulatedClock } from '../../../core/io/index.ts';
import type { Props, SourceConnector, SourceTask, SourceTaskContext } from '../api/connector.ts';
import type { SourceRecord } from '../api/records.ts';
import { MemoryOffsetStorage } from '../api/offset-storage.ts';
import { Schemas } from '../api/schema.ts';
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE } from '../config/config-def.ts';
import { parseConnectorConfig, parseSinkConnectorConfig } from '../config/connector-config.ts';
import { ConnectException } from '../api/connect-errors.ts';
import { JsonConverter } from '../converters/json-converter.ts';
import { StringConverter } from '../converters/string-converter.ts';
import type { DlqRecord } from '../errors/dead-letter-queue-reporter.ts';
import { createErrorHandling } from '../errors/error-handling.ts';
import type { ConsumedRecord } from '../errors/processing-context.ts';
import { PluginRegistry } from '../plugins.ts';
import { TransformationChain } from '../transforms/transformation-chain.ts';
import { SinkRecordProcessor } from './sink-record-processor.ts';
import { SourceRecordProcessor } from './source-record-processor.ts';

const registry = PluginRegistry.withBuiltins();

/** A FileStreamSource-like connector over in-memory lines: the shape a real connector takes. */
class LinesSourceTask implements SourceTask {
  private lines: readonly string[] = [];
  private position = 0;
  private context: SourceTaskContext | undefined;
  private readonly source: readonly string[];
  constructor(source: readonly string[]) {
    this.source = source;
  }
  version(): string {
    return '1.0';
  }
  initialize(context: SourceTaskContext): void {
    this.context = context;
  }
  async start(props: Props): Promise<void> {
    this.lines = this.source;
    const offset = await this.context!.offsetStorageReader().offset({ filename: props['file']! });
    this.position = (offset?.['position'] as number | undefined) ?? 0;
  }
  async poll(): Promise<SourceRecord[] | null> {
    if (this.position >= this.lines.length) return null;
    const line = this.lines[this.position]!;
    this.position++;
    return [
      {
        sourcePartition: { filename: 'test.txt' },
        sourceOffset: { position: this.position },
        topic: 'connect-test',
        valueSchema: Schemas.STRING,
        value: line,
        key: null,
        headers: [],
      },
    ];
  }
  stop(): void {}
}

class LinesSourceConnector implements SourceConnector {
  readonly kind = 'source' as const;
  private props: Props = {};
  private readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    this.lines = lines;
  }
  version(): string {
    return '1.0';
  }
  start(props: Props): void {
    this.props = props;
  }
  taskConfigs(maxTasks: number): Props[] {
    // One file is one task, whatever tasks.max says.
    return maxTasks >= 1 ? [{ file: this.props['file']! }] : [];
  }
  stop(): void {}
  config(): ConfigDef {
    return new ConfigDef().define(
      'file',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      undefined,
      Importance.HIGH,
      'Source file.',
    );
  }
  createTask(): SourceTask {
    return new LinesSourceTask(this.lines);
  }
}

describe('SourceRecordProcessor', () => {
  it('runs a source connector task from its committed offset through SMTs and converters (the Kafka quickstart)', async () => {
    const props = {
      name: 'local-file-source',
      'connector.class': 'LinesSource',
      file: 'test.txt',
      transforms: 'MakeMap,InsertSource',
      'transforms.MakeMap.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
      'transforms.MakeMap.field': 'line',
      'transforms.InsertSource.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
      'transforms.InsertSource.static.field': 'data_source',
      'transforms.InsertSource.static.value': 'test-file-source',
    };
    const config = parseConnectorConfig(props);
    const connector = new LinesSourceConnector(['skipped', 'foo', 'bar']);
    connector.config().parse(props);
    connector.start(props);
    const [taskProps] = connector.taskConfigs(config.tasksMax);
    const offsets = new MemoryOffsetStorage();
    offsets.put({ filename: 'test.txt' }, { position: 1 });
    const task = connector.createTask();
    task.initialize({ configs: taskProps!, offsetStorageReader: () => offsets });
    await task.start(taskProps!);

    const json = new JsonConverter();
    json.configure({ 'schemas.enable': 'false' }, false);
    const processor = new SourceRecordProcessor({
      chain: TransformationChain.fromConfig(props, registry),
      keyConverter: new StringConverter(),
      valueConverter: json,
      headerConverter: new StringConverter(),
      operator: createErrorHandling(config, {
        clock: new SimulatedClock(),
        taskId: { connector: config.name, task: 0 },
      }),
    });
    const out: string[] = [];
    for (let batch = await task.poll(); batch !== null; batch = await task.poll()) {
      for (const r of batch) out.push((await processor.process(r))!.value!.toString());
    }
    assert.deepEqual(out, [
      '{"line":"foo","data_source":"test-file-source"}',
      '{"line":"bar","data_source":"test-file-source"}',
    ]);
  });

  it('fails the task on an SMT error under errors.tolerance=none', async () => {
    const props = {
      name: 'c',
      'connector.class': 'X',
      transforms: 'e',
      'transforms.e.type': 'ExtractField$Value',
      'transforms.e.field': 'f',
    };
    const processor = new SourceRecordProcessor({
      chain: TransformationChain.fromConfig(props, registry),
      keyConverter: new StringConverter(),
      valueConverter: new StringConverter(),
      headerConverter: new StringConverter(),
      operator: createErrorHandling(parseConnectorConfig(props), {
        clock: new SimulatedClock(),
        taskId: { connector: 'c', task: 0 },
      }),
    });
    const record: SourceRecord = {
      sourcePartition: {},
      sourceOffset: {},
      topic: 't',
      key: null,
      value: 'not a map',
      headers: [],
    };
    await assert.rejects(processor.process(record), ConnectException);
  });
});

describe('SinkRecordProcessor', () => {
  const consumed = (offset: number, value: string): ConsumedRecord => ({
    topic: 'orders',
    partition: 0,
    offset,
    timestamp: 1000 + offset,
    key: Buffer.from(`k${offset}`),
    value: Buffer.from(value),
    headers: [{ key: 'h', value: Buffer.from('x') }],
  });

  it('converts and transforms good records and sends bad ones, bytes untouched, to the DLQ under tolerance=all', async () => {
    const props = {
      name: 'sink',
      'connector.class': 'X',
      topics: 'orders',
      transforms: 'mask',
      'transforms.mask.type': 'MaskField$Value',
      'transforms.mask.fields': 'card',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'dlq',
      'errors.deadletterqueue.context.headers.enable': 'true',
    };
    const dlq: DlqRecord[] = [];
    const json = new JsonConverter();
    json.configure({ 'schemas.enable': 'false' }, false);
    const processor = new SinkRecordProcessor({
      chain: TransformationChain.fromConfig(props, registry),
      keyConverter: new StringConverter(),
      valueConverter: json,
      headerConverter: new StringConverter(),
      operator: createErrorHandling(parseSinkConnectorConfig(props), {
        clock: new SimulatedClock(),
        taskId: { connector: 'sink', task: 0 },
        sendToDlq: async (r) => {
          dlq.push(r);
        },
      }),
    });
    const good = await processor.process(consumed(5, '{"id":1,"card":"4111"}'));
    assert.deepEqual(good!.value, { id: 1, card: '' });
    assert.equal(good!.key, 'k5');
    assert.equal(good!.kafkaOffset, 5);
    assert.deepEqual(good!.headers, [{ key: 'h', schema: Schemas.OPTIONAL_STRING, value: 'x' }]);

    assert.equal(await processor.process(consumed(6, '{oops')), null);
    assert.equal(dlq.length, 1);
    assert.equal(dlq[0]!.value!.toString(), '{oops');
    const stage = dlq[0]!.headers.find((h) => h.key === '__connect.errors.stage')!.value!.toString();
    assert.equal(stage, 'VALUE_CONVERTER');
    assert.equal(dlq[0]!.headers.find((h) => h.key === '__connect.errors.offset')!.value!.toString(), '6');
  });
});
