/**
 * The file connectors (Kafka's FileStreamSource and FileStreamSink): tail a file into a topic, one
 * record per line, resuming at the committed byte position; append a topic's records to a file, one
 * line each, fsynced before offsets are committed.
 */
export { FileStreamSourceConnector } from './file-stream-source-connector.ts';
export { FileStreamSinkConnector } from './file-stream-sink-connector.ts';
export {
  FileStreamSourceTask,
  filenameField,
  headField,
  headLengthField,
  positionField,
  positionOf,
  type ResetListener,
} from './file-stream-source-task.ts';
export { FileStreamSinkTask, renderValue } from './file-stream-sink-task.ts';
export {
  fileSourceBatchSizeDefault,
  fileStreamSinkConfigDef,
  fileStreamSourceConfigDef,
} from './file-stream-config.ts';
export {
  FileTail,
  fingerprintBytesMax,
  lineBytesMax,
  readChunkBytes,
  startOfFile,
  type TailLine,
  type TailPosition,
  type TailRead,
  type TailReset,
} from './file-tail.ts';

/** Kafka's class names, which `connector.class` may use (or their simple names and aliases). */
export const fileStreamSourceClassName = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
export const fileStreamSinkClassName = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
