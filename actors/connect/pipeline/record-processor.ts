import type { ConnectRecord } from '../api/records.ts';
import type { Converter } from '../converters/converter.ts';
import { Stage, type ProcessingContext } from '../errors/processing-context.ts';
import type { RetryWithToleranceOperator } from '../errors/retry-with-tolerance-operator.ts';
import type { TransformationChain } from '../transforms/transformation-chain.ts';

export interface RecordProcessorParts {
  readonly chain: TransformationChain<ConnectRecord>;
  readonly keyConverter: Converter;
  readonly valueConverter: Converter;
  readonly headerConverter: Converter;
  readonly operator: RetryWithToleranceOperator;
}

/**
 * What the sink and source record paths share: their converters, SMT chain and retry/tolerance
 * operator, and the SMT chain run stage by stage under the operator (Kafka's
 * TransformationChain.apply with its operator). Each path converts in its own direction and order.
 */
export abstract class RecordProcessor {
  protected readonly parts: RecordProcessorParts;

  constructor(parts: RecordProcessorParts) {
    this.parts = parts;
  }

  /** Runs the SMTs in order, each under the operator; null when one dropped the record or failed tolerated. */
  protected async transform(
    context: ProcessingContext,
    record: ConnectRecord,
  ): Promise<ConnectRecord | null> {
    const { chain, operator } = this.parts;
    let current: ConnectRecord = record;
    for (const stage of chain.stages) {
      const input: ConnectRecord = current;
      const next = await operator.execute(
        context,
        Stage.TRANSFORMATION,
        stage.transformation.constructor.name,
        () => chain.applyStage(stage, input),
      );
      if (next === null) return null;
      current = next;
    }
    return current;
  }
}
