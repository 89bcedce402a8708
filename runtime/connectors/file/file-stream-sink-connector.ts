import type { ConfigDef, Props, SinkConnector, SinkTask } from '../../../actors/connect/index.ts';
import type { FileSystem } from '../../../core/io/index.ts';
import { fileStreamSinkConfigDef } from './file-stream-config.ts';
import { FileStreamSinkTask } from './file-stream-sink-task.ts';

/**
 * Writes the records of its topics to one file, a line each
 * (org.apache.kafka.connect.file.FileStreamSinkConnector). One task, since one file has one writer.
 * Unlike Kafka's, `file` is required (no stdout).
 */
export class FileStreamSinkConnector implements SinkConnector {
  readonly kind = 'sink' as const;
  private readonly fs: FileSystem;
  private props: Props = {};

  constructor(fs: FileSystem) {
    this.fs = fs;
  }

  version(): string {
    return '1.0';
  }

  start(props: Props): void {
    fileStreamSinkConfigDef().parse(props);
    this.props = props;
  }

  taskConfigs(_maxTasks: number): Props[] {
    return [{ file: this.props['file']! }];
  }

  stop(): void {}

  config(): ConfigDef {
    return fileStreamSinkConfigDef();
  }

  createTask(): SinkTask {
    return new FileStreamSinkTask(this.fs);
  }
}
