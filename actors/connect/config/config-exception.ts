import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';

/**
 * A configuration problem naming the key and what is wrong with it
 * (org.apache.kafka.common.config.ConfigException): `Invalid value x for configuration k: reason`.
 */
export class ConfigException extends KafkaError {
  readonly key: string | undefined;
  readonly problem: string;

  constructor(key: string | undefined, problem: string, value?: unknown) {
    const text =
      key === undefined
        ? problem
        : value === undefined
          ? problem
          : `Invalid value ${String(value)} for configuration ${key}${problem === '' ? '' : `: ${problem}`}`;
    super(ErrorCode.INVALID_CONFIG, text);
    this.name = 'ConfigException';
    this.key = key;
    this.problem = problem;
  }
}
