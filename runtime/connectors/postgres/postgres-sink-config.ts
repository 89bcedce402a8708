import type { ClientConfig } from 'pg';
import {
  ConfigDef,
  ConfigException,
  ConfigType,
  Importance,
  NO_DEFAULT_VALUE,
  Password,
  nonEmptyString,
  range,
  validString,
  type Props,
  type Validator,
} from '../../../actors/connect/index.ts';
import type { TableId } from './sql.ts';

export const insertModes = ['insert', 'upsert', 'update'] as const;
export type InsertMode = (typeof insertModes)[number];
export const pkModes = ['none', 'record_key', 'record_value'] as const;
export type PkMode = (typeof pkModes)[number];

export const batchSizeDefault = 3_000;
export const maxRetriesDefault = 10;
export const retryBackoffMsDefault = 3_000;
export const tableNameFormatDefault = '${topic}';

/** A JDBC-style or libpq-style PostgreSQL URL. */
function connectionUrlValidator(): Validator {
  return {
    ensureValid(name, value) {
      if (typeof value !== 'string') throw new ConfigException(name, 'Expected a string', value);
      parseConnectionUrl(value, name);
    },
    describe: () =>
      'jdbc:postgresql://host[:port]/database or postgres://[user[:password]@]host[:port]/database',
  };
}

/** The PostgreSQL sink connector's settings, with the JDBC sink connector's names. */
export function postgresSinkConfigDef(): ConfigDef {
  return new ConfigDef()
    .define(
      'connection.url',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      connectionUrlValidator(),
      Importance.HIGH,
      'jdbc:postgresql://host:port/database (or postgres://user:password@host:port/database).',
    )
    .define(
      'connection.user',
      ConfigType.STRING,
      null,
      undefined,
      Importance.HIGH,
      'User, unless in the URL.',
    )
    .define(
      'connection.password',
      ConfigType.PASSWORD,
      null,
      undefined,
      Importance.HIGH,
      'Password, unless in the URL.',
    )
    .define(
      'table.name.format',
      ConfigType.STRING,
      tableNameFormatDefault,
      nonEmptyString(),
      Importance.MEDIUM,
      'Target table; ${topic} is the topic with dots replaced by underscores. A dot in the result separates the schema: myschema.${topic}.',
    )
    .define(
      'insert.mode',
      ConfigType.STRING,
      'upsert',
      validString(...insertModes),
      Importance.HIGH,
      'insert: INSERT; upsert: INSERT ... ON CONFLICT (pk) DO UPDATE; update: UPDATE ... WHERE pk.',
    )
    .define(
      'pk.mode',
      ConfigType.STRING,
      'record_key',
      validString(...pkModes),
      Importance.HIGH,
      'Where the primary key comes from: record_key (the key struct or primitive), record_value (pk.fields of the value) or none.',
    )
    .define(
      'pk.fields',
      ConfigType.LIST,
      '',
      undefined,
      Importance.MEDIUM,
      'Primary key columns: for record_key all key fields when empty (a primitive key needs one name); for record_value required.',
    )
    .define(
      'delete.enabled',
      ConfigType.BOOLEAN,
      true,
      undefined,
      Importance.MEDIUM,
      'A tombstone (or a Debezium delete event) deletes the row by key; needs pk.mode=record_key.',
    )
    .define(
      'auto.create',
      ConfigType.BOOLEAN,
      false,
      undefined,
      Importance.MEDIUM,
      'CREATE TABLE from the record schema when the table is missing.',
    )
    .define(
      'batch.size',
      ConfigType.INT,
      batchSizeDefault,
      range(1),
      Importance.MEDIUM,
      'Rows per statement at most.',
    )
    .define(
      'max.retries',
      ConfigType.INT,
      maxRetriesDefault,
      range(0),
      Importance.MEDIUM,
      'Retries of a failed write (the batch is redelivered) before the task fails.',
    )
    .define(
      'retry.backoff.ms',
      ConfigType.INT,
      retryBackoffMsDefault,
      range(0),
      Importance.MEDIUM,
      'Wait before a retry.',
    );
}

export interface PostgresSinkConfig {
  readonly connection: ClientConfig;
  readonly tableNameFormat: string;
  readonly insertMode: InsertMode;
  readonly pkMode: PkMode;
  readonly pkFields: readonly string[];
  readonly deleteEnabled: boolean;
  readonly autoCreate: boolean;
  readonly batchSize: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
}

export function parsePostgresSinkConfig(props: Props): PostgresSinkConfig {
  const v = postgresSinkConfigDef().parse(props);
  const connection = parseConnectionUrl(v['connection.url'] as string, 'connection.url');
  const user = v['connection.user'] as string | null;
  const password = v['connection.password'] as Password | null;
  const config: PostgresSinkConfig = {
    connection: {
      ...connection,
      ...(user !== null ? { user } : {}),
      ...(password !== null ? { password: password.value } : {}),
    },
    tableNameFormat: v['table.name.format'] as string,
    insertMode: v['insert.mode'] as InsertMode,
    pkMode: v['pk.mode'] as PkMode,
    pkFields: v['pk.fields'] as string[],
    deleteEnabled: v['delete.enabled'] as boolean,
    autoCreate: v['auto.create'] as boolean,
    batchSize: v['batch.size'] as number,
    maxRetries: v['max.retries'] as number,
    retryBackoffMs: v['retry.backoff.ms'] as number,
  };
  if (config.deleteEnabled && config.pkMode !== 'record_key') {
    throw new ConfigException('delete.enabled', 'Deletes need pk.mode=record_key', 'true');
  }
  if (config.insertMode !== 'insert' && config.pkMode === 'none') {
    throw new ConfigException('pk.mode', `insert.mode=${config.insertMode} needs a primary key`, 'none');
  }
  if (config.pkMode === 'record_value' && config.pkFields.length === 0) {
    throw new ConfigException('pk.fields', 'pk.mode=record_value needs pk.fields', '');
  }
  return config;
}

/** Host, port, database (and user/password when given) from `jdbc:postgresql://` or `postgres://` URLs. */
export function parseConnectionUrl(text: string, key = 'connection.url'): ClientConfig {
  const m = /^(?:jdbc:postgresql|postgres(?:ql)?):\/\//.exec(text.trim());
  if (m === null) throw new ConfigException(key, 'Expected jdbc:postgresql://host:port/database', text);
  let url: URL;
  try {
    url = new URL(`postgres://${text.trim().slice(m[0].length)}`);
  } catch {
    throw new ConfigException(key, 'Not a URL', text);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.hostname === '' || database === '')
    throw new ConfigException(key, 'The URL needs a host and a database', text);
  const user =
    url.searchParams.get('user') ?? (url.username !== '' ? decodeURIComponent(url.username) : undefined);
  const password =
    url.searchParams.get('password') ?? (url.password !== '' ? decodeURIComponent(url.password) : undefined);
  return {
    host: url.hostname,
    port: url.port === '' ? 5432 : Number(url.port),
    database,
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}

/**
 * The table a topic's records go to: table.name.format with `${topic}` replaced by the topic, its
 * dots turned into underscores (as Debezium's JDBC sink names tables); a dot in the format itself
 * separates the schema (default `public`).
 */
export function tableFor(format: string, topic: string): TableId {
  const name = format.split('${topic}').join(topic.replace(/\./g, '_'));
  const dot = name.indexOf('.');
  if (dot < 0) return { schema: 'public', table: name };
  return { schema: name.slice(0, dot), table: name.slice(dot + 1) };
}
