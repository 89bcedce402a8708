import type { SourceRecord } from '../api/records.ts';
import { ProcessingContext, Stage, type RawHeader } from '../errors/processing-context.ts';
import { RecordProcessor } from './record-processor.ts';

export type { RecordProcessorParts } from './record-processor.ts';

/** What the worker hands its producer for one source record. */
export interface ProducerRecordBytes {
  readonly topic: string;
  readonly partition: number | null;
  readonly timestamp: number | null;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RawHeader[];
}

/**
 * A source task's per-record path before the producer (WorkerSourceTask.convertTransformedRecord):
 * SMTs stage by stage, then key, value and header converters, each step under the retry/tolerance
 * operator. Resolves to null when an SMT dropped the record or a tolerated error skipped it; the
 * worker still commits the record's source offset then, as Kafka does.
 */
export class SourceRecordProcessor extends RecordProcessor {
  async process(record: SourceRecord): Promise<ProducerRecordBytes | null> {
    const { operator, keyConverter, valueConverter, headerConverter } = this.parts;
    const context = new ProcessingContext({ sourceRecord: record });
    const out = await this.transform(context, record);
    if (out === null) return null;
    const key = await operator.execute(
      context,
      Stage.KEY_CONVERTER,
      keyConverter.constructor.name,
      async () => {
        await keyConverter.prepareFromConnectData?.(out.topic, out.keySchema ?? null);
        return keyConverter.fromConnectData(out.topic, out.keySchema ?? null, out.key);
      },
    );
    if (context.failed()) return null;
    const value = await operator.execute(
      context,
      Stage.VALUE_CONVERTER,
      valueConverter.constructor.name,
      async () => {
        await valueConverter.prepareFromConnectData?.(out.topic, out.valueSchema ?? null);
        return valueConverter.fromConnectData(out.topic, out.valueSchema ?? null, out.value);
      },
    );
    if (context.failed()) return null;
    const headers = await operator.execute(
      context,
      Stage.HEADER_CONVERTER,
      headerConverter.constructor.name,
      () =>
        out.headers.map((h) => ({
          key: h.key,
          value: Buffer.isBuffer(h.value)
            ? h.value
            : headerConverter.fromConnectData(out.topic, h.schema, h.value),
        })),
    );
    if (context.failed() || headers === null) return null;
    return {
      topic: out.topic,
      partition: out.kafkaPartition ?? null,
      timestamp: out.timestamp ?? null,
      key,
      value,
      headers,
    };
  }
}
