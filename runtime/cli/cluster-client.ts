// What the client commands (topics, produce, consume, groups, connect) share: the
// --bootstrap-servers option, TCP connections to it, and one way to report a failure.
import { Option, type Command } from 'commander';
import { Admin } from '../../actors/client/index.ts';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { TcpConnectionFactory } from '../network/index.ts';

/** Where the commands look for a cluster unless told otherwise (`tributary start`'s first broker). */
export const bootstrapServersDefault = '127.0.0.1:9092';
/** How long one admin call of a command may take, retries included. */
export const cliApiTimeoutMsDefault = 30_000;

export interface ClusterOptions {
  readonly bootstrapServers: string;
}

/** Adds `--bootstrap-servers <host:port,...>` (and its alias `--bootstrap`) to a command. */
export function withBootstrapServers(command: Command): Command {
  return withBootstrapAlias(
    command.addOption(
      new Option('--bootstrap-servers <list>', 'comma-separated host:port of brokers to start from').default(
        bootstrapServersDefault,
      ),
    ),
  );
}

/**
 * Adds `--bootstrap <list>` to a command that has `--bootstrap-servers`, as an alias: its value
 * becomes `bootstrapServers` before the action runs (commander has no option aliases).
 */
export function withBootstrapAlias(command: Command): Command {
  return command
    .addOption(new Option('--bootstrap <list>', 'alias of --bootstrap-servers'))
    .hook('preAction', (_program, action) => {
      const alias = action.getOptionValue('bootstrap') as string | undefined;
      if (alias !== undefined) action.setOptionValue('bootstrapServers', alias);
    });
}

/**
 * Gives every command under `program` that has `--bootstrap-servers` but not yet `--bootstrap` the
 * alias (for commands registered without withBootstrapServers, such as `run` and `connect standalone`).
 */
export function addBootstrapAliases(program: Command): void {
  for (const command of program.commands) {
    const longs = command.options.map((o) => o.long);
    if (longs.includes('--bootstrap-servers') && !longs.includes('--bootstrap')) withBootstrapAlias(command);
    addBootstrapAliases(command);
  }
}

/** TCP connections to the cluster named by `--bootstrap-servers`. */
export function connectionsFor(options: ClusterOptions, clientId = 'tributary-cli'): TcpConnectionFactory {
  const servers = options.bootstrapServers
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return new TcpConnectionFactory({ bootstrapServers: servers, clientId });
}

/** Runs `fn` with an admin client that is closed afterwards. */
export async function withAdmin<T>(options: ClusterOptions, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin(connectionsFor(options), {
    config: { 'client.id': 'tributary-cli', 'default.api.timeout.ms': cliApiTimeoutMsDefault },
  });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/**
 * Runs a command's body: a failure is printed as one line (`Error: <message>`) on stderr and the
 * exit code is 1, instead of a stack trace.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Error: ${message}\n`);
    process.exitCode = 1;
  }
}

/** Prints rows as left-aligned columns separated by two spaces (the Kafka tools' table shape). */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
}

/** `key=value` pairs of a repeatable option, as a record. */
export function keyValues(pairs: readonly string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new KafkaError(ErrorCode.INVALID_CONFIG, `${what} must be key=value, got '${pair}'`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}
