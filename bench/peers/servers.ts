/**
 * The servers the peers benchmark compares, each started fresh in its own temp directory, bound to
 * 127.0.0.1 on free ports, as a separate process (so every system gets the second core for its
 * server while the benchmark process runs the clients), and stopped with its directory removed:
 *
 * - nats-server with JetStream file storage (a generated config file);
 * - redis-server with `appendonly yes`, `appendfsync everysec`, no RDB snapshots;
 * - Tributary: `Cluster.start({ brokers, dataDir, basePort })` in a child Node process
 *   (bench/peers/tributary-server.ts), as `tributary start` runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as nodeFs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

/** How long a server may take to accept connections (Tributary's 3-broker start included). */
const serverStartTimeoutMs = 60_000;
/** How long a server may take to exit after SIGTERM before it is killed. */
const serverStopTimeoutMs = 30_000;
/** Attempts at finding `count` consecutive free ports. */
const freePortAttemptsMax = 50;
/** Last lines of a server's output kept for error messages. */
const outputLinesMax = 40;

export interface RunningServer {
  /** What clients connect to: `127.0.0.1:<port>` per listener. */
  readonly addresses: readonly string[];
  readonly ports: readonly number[];
  readonly pid: number;
  /** SIGTERM, wait for exit (SIGKILL after a timeout), remove the directory. Idempotent. */
  stop(): Promise<void>;
}

function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/** `count` consecutive ports free on 127.0.0.1 (Tributary's broker i listens on basePort + i). */
export async function freePorts(count: number): Promise<number[]> {
  for (let attempt = 0; attempt < freePortAttemptsMax; attempt++) {
    const base = await listenOnce(0);
    if (base === undefined || base + count - 1 > 65_535) continue;
    let ok = true;
    for (let i = 1; i < count && ok; i++) ok = (await listenOnce(base + i)) === base + i;
    if (ok) return Array.from({ length: count }, (_, i) => base + i);
  }
  throw new Error(`no ${count} consecutive free ports on 127.0.0.1`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A child process with its output kept (the last lines) for error messages. */
class ServerProcess {
  readonly child: ChildProcess;
  readonly name: string;
  private readonly lines: string[] = [];
  private exitCode: number | null | undefined;
  readonly exited: Promise<void>;

  constructor(name: string, command: string, args: readonly string[], cwd?: string) {
    this.name = name;
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.lines.push(line);
      if (this.lines.length > outputLinesMax) this.lines.splice(0, this.lines.length - outputLinesMax);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => {
        this.exitCode = code;
        resolve();
      });
      this.child.once('error', (err) => {
        this.lines.push(String(err));
        this.exitCode = -1;
        resolve();
      });
    });
  }

  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  output(): string {
    return this.lines.join('\n');
  }

  /** Resolves once `ready()` holds; rejects if the process exits first or the timeout passes. */
  async waitUntil(ready: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + serverStartTimeoutMs;
    for (;;) {
      if (this.hasExited)
        throw new Error(
          `${this.name} exited (code ${String(this.exitCode)}) before ${what}:\n${this.output()}`,
        );
      if (await ready()) return;
      if (Date.now() > deadline)
        throw new Error(`${this.name}: ${what} not reached in ${serverStartTimeoutMs} ms:\n${this.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async stop(): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), serverStopTimeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

function tempDir(prefix: string): string {
  return nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), `tributary-bench-peers-${prefix}-`));
}

function running(proc: ServerProcess, ports: number[], dir: string): RunningServer {
  let stopping: Promise<void> | undefined;
  return {
    addresses: ports.map((p) => `127.0.0.1:${p}`),
    ports,
    pid: proc.child.pid ?? -1,
    stop: () =>
      (stopping ??= proc.stop().finally(() => nodeFs.rmSync(dir, { recursive: true, force: true }))),
  };
}

/** Starts nats-server with JetStream on file storage in a fresh directory. */
export async function startNats(binary: string): Promise<RunningServer> {
  const dir = tempDir('nats');
  const [port] = await freePorts(1);
  const config = nodePath.join(dir, 'nats.conf');
  nodeFs.writeFileSync(
    config,
    [
      `listen: 127.0.0.1:${port!}`,
      `jetstream {`,
      `  store_dir: ${JSON.stringify(nodePath.join(dir, 'store'))}`,
      `}`,
      '',
    ].join('\n'),
  );
  const proc = new ServerProcess('nats-server', binary, ['-c', config]);
  const server = running(proc, [port!], dir);
  try {
    await proc.waitUntil(() => canConnect(port!), `listening on ${port!}`);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/** Starts redis-server with an append-only file fsynced every second, no snapshots, in a fresh directory. */
export async function startRedis(binary: string): Promise<RunningServer> {
  const dir = tempDir('redis');
  const [port] = await freePorts(1);
  const args = [
    '--port',
    String(port!),
    '--bind',
    '127.0.0.1',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
  ];
  const proc = new ServerProcess('redis-server', binary, args);
  const server = running(proc, [port!], dir);
  try {
    await proc.waitUntil(() => canConnect(port!), `listening on ${port!}`);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

export interface TributaryServerOptions {
  readonly brokers: number;
  readonly topic: string;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  /** Directory for the child's `--cpu-prof` output (profiling runs), if any. */
  readonly cpuProfileDir?: string;
}

/** What bench/peers/tributary-server.ts receives as its one argument (JSON). */
export interface TributaryServerArgs {
  readonly brokers: number;
  readonly dataDir: string;
  readonly basePort: number;
  readonly topic: string;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
}

/** The line the child prints once the cluster serves clients and the topic has its leader. */
export const tributaryReadyPrefix = 'TRIBUTARY READY ';

const repoRoot = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Starts a Tributary cluster (`brokers` brokers, listeners on consecutive free ports) in a child Node
 * process and creates the benchmark's topic (one partition) before resolving.
 */
export async function startTributary(options: TributaryServerOptions): Promise<RunningServer> {
  const dir = tempDir('tributary');
  const ports = await freePorts(options.brokers);
  const args: TributaryServerArgs = {
    brokers: options.brokers,
    dataDir: nodePath.join(dir, 'data'),
    basePort: ports[0]!,
    topic: options.topic,
    replicationFactor: options.replicationFactor,
    minInsyncReplicas: options.minInsyncReplicas,
  };
  const script = nodePath.join(repoRoot, 'bench', 'peers', 'tributary-server.ts');
  const nodeArgs = ['--import', 'tsx'];
  if (options.cpuProfileDir !== undefined)
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const proc = new ServerProcess(
    `tributary (${options.brokers} broker${options.brokers > 1 ? 's' : ''})`,
    process.execPath,
    [...nodeArgs, script, JSON.stringify(args)],
    repoRoot,
  );
  let ready = false;
  proc.child.stdout!.on('data', (chunk: Buffer) => {
    if (chunk.toString('utf8').includes(tributaryReadyPrefix)) ready = true;
  });
  const server = running(proc, ports, dir);
  try {
    await proc.waitUntil(() => Promise.resolve(ready), 'the cluster and its topic are ready');
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}
