import {
  FileStreamSinkConnector,
  FileStreamSourceConnector,
  fileStreamSinkClassName,
  fileStreamSourceClassName,
} from '../connectors/file/index.ts';
import { ConnectorPlugins } from './connector-plugins.ts';

/** The connector classes Tributary ships: the file source and sink. */
export function builtinConnectorPlugins(): ConnectorPlugins {
  return new ConnectorPlugins()
    .register(
      fileStreamSourceClassName,
      'source',
      (ports) =>
        new FileStreamSourceConnector(ports.fs, (path, reset) =>
          ports.log('warn', `${path} was ${reset}; reading it again from the start`, { file: path, reset }),
        ),
    )
    .register(fileStreamSinkClassName, 'sink', (ports) => new FileStreamSinkConnector(ports.fs));
}
