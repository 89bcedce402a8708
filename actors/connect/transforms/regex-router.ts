import type { ConnectRecord } from '../api/records.ts';
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE } from '../config/config-def.ts';
import { ConfigException } from '../config/config-exception.ts';
import type { Transformation, TransformProps } from './transformation.ts';

function def(): ConfigDef {
  return new ConfigDef()
    .define(
      'regex',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      undefined,
      Importance.HIGH,
      'Regular expression to use for matching.',
    )
    .define(
      'replacement',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      undefined,
      Importance.HIGH,
      'Replacement string; $1.. refer to groups.',
    );
}

/**
 * RegexRouter: renames the topic when the whole topic name matches `regex` (Java's
 * Matcher.matches, so the pattern is anchored), substituting `$n` groups into `replacement`.
 */
export class RegexRouter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  private regex = /^$/;
  private replacement = '';

  configure(props: TransformProps): void {
    const v = def().parse(props);
    try {
      this.regex = new RegExp(`^(?:${v['regex'] as string})$`);
    } catch (err) {
      throw new ConfigException('regex', `Invalid regex: ${(err as Error).message}`, v['regex']);
    }
    this.replacement = v['replacement'] as string;
  }

  apply(record: R): R {
    if (!this.regex.test(record.topic)) return record;
    return { ...record, topic: record.topic.replace(this.regex, this.replacement) };
  }

  config(): ConfigDef {
    return def();
  }

  close(): void {}
}
