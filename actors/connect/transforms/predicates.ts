import type { ConnectRecord } from '../api/records.ts';
import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE } from '../config/config-def.ts';
import { ConfigException } from '../config/config-exception.ts';
import type { Predicate, TransformProps } from './transformation.ts';

/** TopicNameMatches: true when the whole topic name matches `pattern`. */
export class TopicNameMatches<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  private pattern = /^$/;

  configure(props: TransformProps): void {
    const source = this.config().parse(props)['pattern'] as string;
    try {
      this.pattern = new RegExp(`^(?:${source})$`);
    } catch (err) {
      throw new ConfigException(
        'pattern',
        `entry must be a Java-compatible regular expression: ${(err as Error).message}`,
        source,
      );
    }
  }
  test(record: R): boolean {
    return this.pattern.test(record.topic);
  }
  config(): ConfigDef {
    return new ConfigDef().define(
      'pattern',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      {
        ensureValid(name, value) {
          if (value === '') throw new ConfigException(name, 'String may not be empty', value);
        },
        describe: () => 'non-empty regex',
      },
      Importance.MEDIUM,
      'A regular expression for matching the name of a record topic.',
    );
  }
  close(): void {}
}

/** HasHeaderKey: true when the record has at least one header called `name`. */
export class HasHeaderKey<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  private name = '';
  configure(props: TransformProps): void {
    this.name = this.config().parse(props)['name'] as string;
  }
  test(record: R): boolean {
    return record.headers.some((h) => h.key === this.name);
  }
  config(): ConfigDef {
    return new ConfigDef().define(
      'name',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      undefined,
      Importance.MEDIUM,
      'The header name.',
    );
  }
  close(): void {}
}

/** RecordIsTombstone: true when the value is null. */
export class RecordIsTombstone<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  configure(): void {}
  test(record: R): boolean {
    return record.value === null || record.value === undefined;
  }
  config(): ConfigDef {
    return new ConfigDef();
  }
  close(): void {}
}
