import type { Clock, Random } from '../../../core/io/index.ts';
import type { ConnectorConfig, SinkConnectorConfig } from '../config/connector-config.ts';
import { DeadLetterQueueReporter, type DlqRecord } from './dead-letter-queue-reporter.ts';
import { LogReporter } from './log-reporter.ts';
import type { ConnectorTaskId, ErrorReporter } from './processing-context.ts';
import { RetryWithToleranceOperator } from './retry-with-tolerance-operator.ts';

export interface ErrorHandlingPorts {
  readonly clock: Clock;
  readonly random?: Random;
  readonly taskId: ConnectorTaskId;
  /** The worker's DLQ producer; needed only for sinks with a DLQ topic. */
  readonly sendToDlq?: (record: DlqRecord) => Promise<void>;
  readonly log?: (message: string, error: Error | null) => void;
}

function isSinkConfig(config: ConnectorConfig): config is SinkConnectorConfig {
  return 'dlqTopicName' in config;
}

/**
 * The operator and reporters a task gets from its connector config, as the worker wires them:
 * a LogReporter when `errors.log.enable`, a DeadLetterQueueReporter for sinks with a DLQ topic.
 */
export function createErrorHandling(
  config: ConnectorConfig,
  ports: ErrorHandlingPorts,
): RetryWithToleranceOperator {
  const reporters: ErrorReporter[] = [];
  if (config.errorsLogEnable && ports.log !== undefined) {
    reporters.push(
      new LogReporter({
        taskId: ports.taskId,
        includeMessages: config.errorsLogIncludeMessages,
        log: ports.log,
      }),
    );
  }
  if (isSinkConfig(config) && config.dlqTopicName !== '' && ports.sendToDlq !== undefined) {
    reporters.push(
      new DeadLetterQueueReporter({
        topic: config.dlqTopicName,
        contextHeadersEnable: config.dlqContextHeadersEnable,
        taskId: ports.taskId,
        send: ports.sendToDlq,
      }),
    );
  }
  return new RetryWithToleranceOperator({
    retryTimeoutMs: config.errorsRetryTimeoutMs,
    retryDelayMaxMs: config.errorsRetryDelayMaxMs,
    tolerance: config.errorsTolerance,
    clock: ports.clock,
    ...(ports.random !== undefined ? { random: ports.random } : {}),
    reporters,
  });
}
