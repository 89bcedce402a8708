import type { ConnectHeader, SinkRecord } from '../api/records.ts';
import { ProcessingContext, Stage, type ConsumedRecord } from '../errors/processing-context.ts';
import { RecordProcessor } from './record-processor.ts';

/**
 * A sink task's per-record path after the consumer (WorkerSinkTask.convertAndTransformRecord):
 * key, value and header converters, then SMTs, each under the retry/tolerance operator, which
 * reports failures with the original bytes (so a DLQ gets exactly what was consumed). Resolves to
 * null when the record was dropped by an SMT or skipped by a tolerated error.
 */
export class SinkRecordProcessor extends RecordProcessor {
  async process(consumed: ConsumedRecord): Promise<SinkRecord | null> {
    const { operator, keyConverter, valueConverter, headerConverter } = this.parts;
    const context = new ProcessingContext({ consumerRecord: consumed });
    const key = await operator.execute(
      context,
      Stage.KEY_CONVERTER,
      keyConverter.constructor.name,
      async () => {
        await keyConverter.prepareToConnectData?.(consumed.topic, consumed.key);
        return keyConverter.toConnectData(consumed.topic, consumed.key);
      },
    );
    if (context.failed() || key === null) return null;
    const value = await operator.execute(
      context,
      Stage.VALUE_CONVERTER,
      valueConverter.constructor.name,
      async () => {
        await valueConverter.prepareToConnectData?.(consumed.topic, consumed.value);
        return valueConverter.toConnectData(consumed.topic, consumed.value);
      },
    );
    if (context.failed() || value === null) return null;
    const headers = await operator.execute(
      context,
      Stage.HEADER_CONVERTER,
      headerConverter.constructor.name,
      () =>
        consumed.headers.map((h): ConnectHeader => {
          const converted = headerConverter.toConnectData(consumed.topic, h.value);
          return { key: h.key, schema: converted.schema, value: converted.value };
        }),
    );
    if (context.failed() || headers === null) return null;
    const initial: SinkRecord = {
      topic: consumed.topic,
      kafkaPartition: consumed.partition,
      kafkaOffset: consumed.offset,
      keySchema: key.schema,
      key: key.value,
      valueSchema: value.schema,
      value: value.value,
      timestamp: consumed.timestamp >= 0 ? consumed.timestamp : null,
      headers,
    };
    return (await this.transform(context, initial)) as SinkRecord | null;
  }
}
