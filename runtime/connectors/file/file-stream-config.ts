import {
  ConfigDef,
  ConfigType,
  Importance,
  NO_DEFAULT_VALUE,
  nonEmptyString,
  range,
} from '../../../actors/connect/index.ts';

/** Kafka's FileStreamSourceConnector `batch.size` default: lines per poll. */
export const fileSourceBatchSizeDefault = 2000;

/** The source connector's own keys (FileStreamSourceConnector.CONFIG_DEF). */
export function fileStreamSourceConfigDef(): ConfigDef {
  return new ConfigDef()
    .define(
      'file',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'Source filename.',
    )
    .define(
      'topic',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      nonEmptyString(),
      Importance.HIGH,
      'The topic to publish data to.',
    )
    .define(
      'batch.size',
      ConfigType.INT,
      fileSourceBatchSizeDefault,
      range(1),
      Importance.LOW,
      'The maximum number of records the source task can read from the file each time it is polled.',
    );
}

/** The sink connector's own keys (FileStreamSinkConnector.CONFIG_DEF); `topics` is a common sink key. */
export function fileStreamSinkConfigDef(): ConfigDef {
  return new ConfigDef().define(
    'file',
    ConfigType.STRING,
    NO_DEFAULT_VALUE,
    nonEmptyString(),
    Importance.HIGH,
    'Destination filename.',
  );
}
