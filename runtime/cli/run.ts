// `tributary run <app-module>`: loads a module that exports a Streams topology (or a function
// building one) and runs it as a StreamsApp against --bootstrap-servers until SIGINT/SIGTERM, which
// close it cleanly (commit, close the tasks, leave the group).
//
// The module exports `topology` or a default export: a Topology, or a (possibly async) function
// returning one. It may export `config` (Kafka Streams keys: application.id, default serdes, ...);
// command-line options win over it.
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino, type Logger } from 'pino';
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { Topology } from '../../dsl/index.ts';
import type { StreamsConfig } from '../../actors/streams/index.ts';
import type { StateRestoreListener } from '../../actors/streams/index.ts';
import { StreamsApp } from '../streams/index.ts';
import { ProgressBar, type ProgressBarOptions } from './progress.ts';

export interface RunOptions {
  /** Path of the module (TypeScript or JavaScript). */
  readonly module: string;
  readonly bootstrapServers: string;
  /** Default: the module's `config['application.id']`, else the module's file name. */
  readonly applicationId?: string;
  readonly threads?: number;
  readonly commitIntervalMs?: number;
  /** Extra Kafka Streams settings as `key=value` (numbers and booleans are converted). */
  readonly configs?: readonly string[];
  readonly logLevel: string;
}

/** What a module gave: the topology and its own Streams settings. */
export interface LoadedApp {
  readonly topology: Topology;
  readonly config: Partial<StreamsConfig>;
}

/** A Topology, also one built by another copy of the library (so not `instanceof`). */
function isTopology(x: unknown): x is Topology {
  if (x instanceof Topology) return true;
  const t = x as { subtopologies?: unknown; describe?: unknown; internalTopics?: unknown } | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.subtopologies === 'function' &&
    typeof t.describe === 'function' &&
    typeof t.internalTopics === 'function'
  );
}

/** Imports the module and resolves its topology (export `topology` or default; value or function). */
export async function loadAppModule(path: string): Promise<LoadedApp> {
  const mod = (await import(pathToFileURL(resolve(path)).href)) as {
    topology?: unknown;
    default?: unknown;
    config?: unknown;
  };
  const exported = mod.topology ?? mod.default;
  const topology = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
  if (!isTopology(topology)) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `${path} exports no topology: export \`topology\` or a default export (a Topology or a function returning one)`,
    );
  }
  const config = mod.config;
  if (config !== undefined && (typeof config !== 'object' || config === null))
    throw new KafkaError(ErrorCode.INVALID_CONFIG, `${path}: export \`config\` must be an object`);
  return { topology, config: (config ?? {}) as Partial<StreamsConfig> };
}

/** `key=value` settings; numbers and booleans become numbers and booleans. */
export function parseConfigs(pairs: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new KafkaError(ErrorCode.INVALID_CONFIG, `--config expects key=value, got ${pair}`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    out[key] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw !== '' && Number.isFinite(Number(raw))
            ? Number(raw)
            : raw;
  }
  return out;
}

/** Builds the app from the module and the options (not started). */
export async function createApp(options: RunOptions): Promise<StreamsApp> {
  const loaded = await loadAppModule(options.module);
  const applicationId =
    options.applicationId ??
    (loaded.config['application.id'] as string | undefined) ??
    basename(options.module, extname(options.module));
  const config: StreamsConfig = {
    ...loaded.config,
    ...parseConfigs(options.configs ?? []),
    'application.id': applicationId,
    'bootstrap.servers': options.bootstrapServers,
    ...(options.threads !== undefined ? { 'num.stream.threads': options.threads } : {}),
    ...(options.commitIntervalMs !== undefined ? { 'commit.interval.ms': options.commitIntervalMs } : {}),
  };
  return new StreamsApp(loaded.topology, config);
}

/**
 * A state-restore listener drawing one progress line (records restored, stores in progress, rate) while
 * stores restore from their changelogs; drawn only when stderr is a terminal. A restore that starts after
 * the previous ones ended (a rebalance) gets a new line.
 */
export function restoreProgress(
  options: Omit<ProgressBarOptions, 'label' | 'unit' | 'total'> = {},
): StateRestoreListener {
  let bar: ProgressBar | undefined;
  let active = 0;
  let restored = 0;
  return {
    onRestoreStart() {
      if (active === 0) {
        bar = new ProgressBar({ ...options, label: 'restore', unit: 'records' });
        restored = 0;
      }
      active++;
      bar?.update(restored);
    },
    onBatchRestored(_tp, _store, _batchEndOffset, numRestored) {
      restored += numRestored;
      bar?.update(restored);
    },
    onRestoreEnd() {
      active = Math.max(0, active - 1);
      if (active === 0) {
        bar?.update(restored);
        bar?.finish();
        bar = undefined;
      }
    },
  };
}

/** Runs the app until `stop` resolves; logs its state changes. */
export async function runApp(app: StreamsApp, stop: Promise<unknown>, logger: Logger): Promise<void> {
  app.on('stateChange', (state, previous) => logger.info({ from: previous, to: state }, 'state change'));
  app.setUncaughtExceptionHandler((error) => {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'stream thread died');
    return 'SHUTDOWN_CLIENT';
  });
  app.setGlobalStateRestoreListener(restoreProgress());
  const ended = new Promise<void>((resolveEnded) =>
    app.on('stateChange', (state) => {
      if (state === 'ERROR' || state === 'NOT_RUNNING') resolveEnded();
    }),
  );
  await app.start();
  logger.info(
    { applicationId: app.config.applicationId, threads: app.config.numStreamThreads },
    'streams app started',
  );
  logger.info(app.topology.describe().toString());
  await Promise.race([stop, ended]);
  await app.close();
  logger.info({ state: app.state }, 'streams app closed');
}

/** The CLI command: runs until SIGINT/SIGTERM; exits non-zero when the app ended in ERROR. */
export async function runRun(options: RunOptions): Promise<void> {
  const logger = pino({ level: options.logLevel, base: { app: 'tributary-run' } });
  const app = await createApp(options);
  const stop = new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
  await runApp(app, stop, logger);
  if (app.state === 'ERROR') process.exitCode = 1;
}
