import {
  type ConfigDef,
  type Props,
  type SourceConnector,
  type SourceTask,
} from '../../../actors/connect/index.ts';
import type { FileSystem } from '../../../core/io/index.ts';
import { fileStreamSourceConfigDef } from './file-stream-config.ts';
import { FileStreamSourceTask, type ResetListener } from './file-stream-source-task.ts';

/**
 * Tails one file into a topic (org.apache.kafka.connect.file.FileStreamSourceConnector): a single
 * task whatever `tasks.max` says, since one file has one reader. Unlike Kafka's, `file` is required
 * (no stdin) and the task follows truncation and rotation.
 */
export class FileStreamSourceConnector implements SourceConnector {
  readonly kind = 'source' as const;
  private readonly fs: FileSystem;
  private readonly onReset: ResetListener | undefined;
  private props: Props = {};

  constructor(fs: FileSystem, onReset?: ResetListener) {
    this.fs = fs;
    this.onReset = onReset;
  }

  version(): string {
    return '1.0';
  }

  start(props: Props): void {
    fileStreamSourceConfigDef().parse(props);
    this.props = props;
  }

  taskConfigs(_maxTasks: number): Props[] {
    const config: Record<string, string> = { file: this.props['file']!, topic: this.props['topic']! };
    if (this.props['batch.size'] !== undefined) config['batch.size'] = this.props['batch.size'];
    return [config];
  }

  stop(): void {}

  config(): ConfigDef {
    return fileStreamSourceConfigDef();
  }

  createTask(): SourceTask {
    return new FileStreamSourceTask(this.fs, this.onReset);
  }
}
