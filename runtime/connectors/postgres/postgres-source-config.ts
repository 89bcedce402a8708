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
import { tableName, type TableId } from './sql.ts';

/** The snapshot modes Debezium's PostgreSQL connector has that this one implements. */
export const snapshotModes = [
  'initial',
  'always',
  'initial_only',
  'no_data',
  'never',
  'when_needed',
] as const;
export type SnapshotMode = (typeof snapshotModes)[number];

export const publicationAutocreateModes = ['all_tables', 'filtered', 'disabled'] as const;
export type PublicationAutocreateMode = (typeof publicationAutocreateModes)[number];

export const slotNameDefault = 'debezium';
export const publicationNameDefault = 'dbz_publication';
export const snapshotFetchSizeDefault = 10_240;
export const maxBatchSizeDefault = 2_048;
export const maxQueueSizeDefault = 8_192;
export const pollIntervalMsDefault = 500;
export const statusUpdateIntervalMsDefault = 10_000;

/** A replication slot name as the server accepts it: lower-case letters, digits and underscores. */
function slotNameValidator(): Validator {
  return {
    ensureValid(name, value) {
      if (typeof value !== 'string' || !/^[a-z0-9_]{1,63}$/.test(value)) {
        throw new ConfigException(name, 'Slot names may contain only a-z, 0-9 and _ (at most 63)', value);
      }
    },
    describe: () => '[a-z0-9_]{1,63}',
  };
}

/** Every entry compiles as a regular expression. */
function regexList(): Validator {
  return {
    ensureValid(name, value) {
      for (const entry of (value ?? []) as string[]) {
        try {
          new RegExp(entry);
        } catch (err) {
          throw new ConfigException(name, `not a regular expression: ${(err as Error).message}`, entry);
        }
      }
    },
    describe: () => 'comma-separated regular expressions',
  };
}

/** The PostgreSQL source connector's settings, with Debezium's names and defaults. */
export function postgresSourceConfigDef(): ConfigDef {
  return new ConfigDef()
    .define(
      'database.hostname',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'Host of the PostgreSQL server.',
    )
    .define(
      'database.port',
      ConfigType.INT,
      5432,
      range(1, 65535),
      Importance.HIGH,
      'Port of the PostgreSQL server.',
    )
    .define(
      'database.user',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'User with the REPLICATION attribute (and CREATE on the database to create the publication).',
    )
    .define(
      'database.password',
      ConfigType.PASSWORD,
      null,
      undefined,
      Importance.HIGH,
      'Password of database.user.',
    )
    .define(
      'database.dbname',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'The database to capture.',
    )
    .define(
      'topic.prefix',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'Prefix of the topics (<prefix>.<schema>.<table>), source.name, and the source partition.',
    )
    .define(
      'plugin.name',
      ConfigType.STRING,
      'pgoutput',
      validString('pgoutput'),
      Importance.MEDIUM,
      'Logical decoding output plugin; only pgoutput (built into PostgreSQL 10+).',
    )
    .define(
      'slot.name',
      ConfigType.STRING,
      slotNameDefault,
      slotNameValidator(),
      Importance.MEDIUM,
      'Logical replication slot; created when missing.',
    )
    .define(
      'slot.drop.on.stop',
      ConfigType.BOOLEAN,
      false,
      undefined,
      Importance.LOW,
      'Drop the slot when the task stops gracefully (it pins WAL while it exists).',
    )
    .define(
      'publication.name',
      ConfigType.STRING,
      publicationNameDefault,
      nonEmptyString(),
      Importance.MEDIUM,
      'Publication pgoutput streams.',
    )
    .define(
      'publication.autocreate.mode',
      ConfigType.STRING,
      'all_tables',
      validString(...publicationAutocreateModes),
      Importance.MEDIUM,
      'all_tables: CREATE PUBLICATION ... FOR ALL TABLES when missing (superuser); filtered: create or set it FOR TABLE the captured tables; disabled: it must exist.',
    )
    .define(
      'table.include.list',
      ConfigType.LIST,
      '',
      regexList(),
      Importance.MEDIUM,
      'Regular expressions matching the <schema>.<table> names to capture (all when empty).',
    )
    .define(
      'table.exclude.list',
      ConfigType.LIST,
      '',
      regexList(),
      Importance.MEDIUM,
      'Regular expressions matching <schema>.<table> names not to capture.',
    )
    .define(
      'snapshot.mode',
      ConfigType.STRING,
      'initial',
      validString(...snapshotModes),
      Importance.MEDIUM,
      'initial: snapshot when no offsets exist, then stream; always: snapshot on every start; initial_only: snapshot then stop; no_data (never): stream only; when_needed: also snapshot when the slot is gone. An existing slot is kept: after the snapshot it streams every change since its confirmed position (at least once).',
    )
    .define(
      'snapshot.fetch.size',
      ConfigType.INT,
      snapshotFetchSizeDefault,
      range(1),
      Importance.LOW,
      'Rows fetched per round trip while snapshotting.',
    )
    .define(
      'tombstones.on.delete',
      ConfigType.BOOLEAN,
      true,
      undefined,
      Importance.MEDIUM,
      'Follow each delete event with a tombstone (same key, null value).',
    )
    .define(
      'unavailable.value.placeholder',
      ConfigType.STRING,
      '__debezium_unavailable_value',
      undefined,
      Importance.LOW,
      'Value of unchanged TOASTed columns that pgoutput did not send.',
    )
    .define(
      'max.batch.size',
      ConfigType.INT,
      maxBatchSizeDefault,
      range(1),
      Importance.LOW,
      'Most records one poll returns.',
    )
    .define(
      'max.queue.size',
      ConfigType.INT,
      maxQueueSizeDefault,
      range(1),
      Importance.LOW,
      'Records buffered before the replication stream is paused.',
    )
    .define(
      'poll.interval.ms',
      ConfigType.LONG,
      pollIntervalMsDefault,
      range(1),
      Importance.LOW,
      'How long a poll waits for records.',
    )
    .define(
      'status.update.interval.ms',
      ConfigType.LONG,
      statusUpdateIntervalMsDefault,
      range(1),
      Importance.LOW,
      'How often the confirmed LSN is re-sent to the server without being asked.',
    );
}

export interface PostgresSourceConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | undefined;
  readonly database: string;
  readonly topicPrefix: string;
  readonly slotName: string;
  readonly slotDropOnStop: boolean;
  readonly publicationName: string;
  readonly publicationAutocreateMode: PublicationAutocreateMode;
  readonly tableIncludeList: readonly RegExp[];
  readonly tableExcludeList: readonly RegExp[];
  readonly snapshotMode: SnapshotMode;
  readonly snapshotFetchSize: number;
  readonly tombstonesOnDelete: boolean;
  readonly unavailableValuePlaceholder: string;
  readonly maxBatchSize: number;
  readonly maxQueueSize: number;
  readonly pollIntervalMs: number;
  readonly statusUpdateIntervalMs: number;
}

/** Parses and validates; throws ConfigException naming the first bad key. */
export function parsePostgresSourceConfig(props: Props): PostgresSourceConfig {
  const v = postgresSourceConfigDef().parse(props);
  const anchored = (list: unknown): RegExp[] => (list as string[]).map((re) => new RegExp(`^(?:${re})$`));
  const password = v['database.password'] as Password | null;
  return {
    host: v['database.hostname'] as string,
    port: v['database.port'] as number,
    user: v['database.user'] as string,
    password: password?.value,
    database: v['database.dbname'] as string,
    topicPrefix: v['topic.prefix'] as string,
    slotName: v['slot.name'] as string,
    slotDropOnStop: v['slot.drop.on.stop'] as boolean,
    publicationName: v['publication.name'] as string,
    publicationAutocreateMode: v['publication.autocreate.mode'] as PublicationAutocreateMode,
    tableIncludeList: anchored(v['table.include.list']),
    tableExcludeList: anchored(v['table.exclude.list']),
    snapshotMode: v['snapshot.mode'] as SnapshotMode,
    snapshotFetchSize: v['snapshot.fetch.size'] as number,
    tombstonesOnDelete: v['tombstones.on.delete'] as boolean,
    unavailableValuePlaceholder: v['unavailable.value.placeholder'] as string,
    maxBatchSize: v['max.batch.size'] as number,
    maxQueueSize: v['max.queue.size'] as number,
    pollIntervalMs: v['poll.interval.ms'] as number,
    statusUpdateIntervalMs: v['status.update.interval.ms'] as number,
  };
}

/** Whether `schema.table` is captured under the include and exclude lists (Debezium's table filter). */
export function isCaptured(config: PostgresSourceConfig, id: TableId): boolean {
  const name = tableName(id);
  if (config.tableIncludeList.length > 0 && !config.tableIncludeList.some((re) => re.test(name)))
    return false;
  return !config.tableExcludeList.some((re) => re.test(name));
}
