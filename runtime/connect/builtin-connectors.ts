import {
  FileStreamSinkConnector,
  FileStreamSourceConnector,
  fileStreamSinkClassName,
  fileStreamSourceClassName,
} from '../connectors/file/index.ts';
import {
  PostgresSinkConnector,
  PostgresSourceConnector,
  postgresConnectorClasses,
} from '../connectors/postgres/index.ts';
import { ConnectorPlugins } from './connector-plugins.ts';

/** The connector classes Tributary ships: the file source and sink, and the PostgreSQL CDC source and sink. */
export function builtinConnectorPlugins(): ConnectorPlugins {
  const [pgSourceClass, ...pgSourceAliases] = postgresConnectorClasses.source;
  const [pgSinkClass, ...pgSinkAliases] = postgresConnectorClasses.sink;
  return new ConnectorPlugins()
    .register(
      fileStreamSourceClassName,
      'source',
      (ports) =>
        new FileStreamSourceConnector(ports.fs, (path, reset) =>
          ports.log('warn', `${path} was ${reset}; reading it again from the start`, { file: path, reset }),
        ),
    )
    .register(fileStreamSinkClassName, 'sink', (ports) => new FileStreamSinkConnector(ports.fs))
    .register(
      pgSourceClass,
      'source',
      (ports) => new PostgresSourceConnector({ clock: ports.clock }),
      pgSourceAliases,
    )
    .register(pgSinkClass, 'sink', () => new PostgresSinkConnector(), pgSinkAliases);
}
