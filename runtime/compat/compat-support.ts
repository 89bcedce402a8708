// Shared fixtures of the real-client compatibility tests: a cluster on free loopback ports in a temp
// dir, child processes (kcat, Debian's python3) with hard timeouts, and a raw Fetch that shows how
// the broker stored what a client produced (codec and record count per batch).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  baseOffsetAt,
  batchPositions,
  compressionAt,
  decodeRecordsAsync,
  recordsCountAt,
} from '../../core/records/index.ts';
import { Cluster } from '../cluster/index.ts';
import type { ServerLogger } from '../server/kafka-server.ts';
import { TcpConnectionFactory } from '../network/index.ts';

/** Debian's python3: the one with python3-kafka and python3-confluent-kafka (not a pyenv on PATH). */
export const systemPython = '/usr/bin/python3';
export const kcat = '/usr/bin/kcat';

/** How often a cluster start retries when another process took one of the chosen ports. */
const clusterStartAttemptsMax = 5;
const portRangeAttemptsMax = 50;
/**
 * Chosen ports stay below Linux's ephemeral range (32768-60999 by default), which the kernel hands to
 * outgoing connections and port-0 listeners at any moment: a port checked free there can be taken
 * before the broker binds it.
 */
const portMin = 20_000;
const portMax = 32_000;

async function canListen(port: number): Promise<boolean> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (ok) await new Promise<void>((resolve) => server.close(() => resolve()));
  return ok;
}

/** The first of `count` consecutive ports that are free on 127.0.0.1 right now. */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < portRangeAttemptsMax; attempt++) {
    const base = portMin + Math.floor(Math.random() * (portMax - portMin - count));
    let free = true;
    for (let i = 0; i < count && free; i++) free = await canListen(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/** A cluster for one test file; `problems()` lists what its listeners logged (for failure messages). */
export interface CompatCluster {
  readonly cluster: Cluster;
  readonly dataDir: string;
  /** `host:port` of every broker. */
  readonly bootstrapServers: readonly string[];
  /** Warnings and errors of the brokers' TCP listeners (closed connections, undecodable requests). */
  problems(): string[];
  /** Stops the cluster and removes its data dir. */
  stop(): Promise<void>;
}

/** Starts `brokers` brokers listening on consecutive free ports of 127.0.0.1, in a fresh temp dir. */
export async function startCompatCluster(brokers: number): Promise<CompatCluster> {
  const logged: string[] = [];
  const record =
    (level: string) =>
    (obj: object, msg?: string): void => {
      logged.push(`${level} ${msg ?? ''} ${JSON.stringify(obj)}`);
    };
  const serverLogger: ServerLogger = { info: () => {}, warn: record('warn'), error: record('error') };
  let lastError: unknown;
  for (let attempt = 0; attempt < clusterStartAttemptsMax; attempt++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-compat-'));
    const basePort = await freePortRange(brokers);
    try {
      const cluster = await Cluster.start({
        brokers,
        dataDir,
        basePort,
        serverLogger,
        onError: () => {},
      });
      return {
        cluster,
        dataDir,
        bootstrapServers: cluster.bootstrapServers(),
        problems: () => [...logged],
        stop: async () => {
          try {
            await cluster.stop();
          } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
          }
        },
      };
    } catch (err) {
      lastError = err;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  throw lastError;
}

/**
 * A `brokers`-broker compat cluster for the enclosing describe: started before its tests, stopped after
 * them, with the brokers' last listener problems printed when a test fails. `env` is read in hooks and
 * tests (it exists once the describe's `before` ran).
 */
export function compatClusterPerSuite(brokers: number): { readonly env: CompatCluster } {
  let env: CompatCluster | undefined;
  before(async () => {
    env = await startCompatCluster(brokers);
  });
  after(async () => {
    await env?.stop();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && env !== undefined) {
      console.log(`broker listener problems:\n${env.problems().slice(-40).join('\n')}`);
    }
  });
  return {
    get env(): CompatCluster {
      if (env === undefined) throw new Error("the compat cluster starts in the describe's before hook");
      return env;
    },
  };
}

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the process was killed for running past its timeout. */
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly timeoutMs: number;
  readonly stdin?: string | Buffer;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs a program to completion with a hard timeout: past it the process gets SIGKILL and the result
 * says `timedOut`. The process never outlives the returned promise.
 */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ProcessResult> {
  const child = spawn(command, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => {});
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  try {
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    child.stdin.end(options.stdin ?? '');
    const { code, signal } = await exit;
    return { code, signal, stdout, stderr, timedOut };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Fails with the process's output unless it exited 0 in time. */
export function assertExitedCleanly(what: string, result: ProcessResult): void {
  if (result.code === 0 && !result.timedOut) return;
  throw new Error(
    `${what} ${result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`}\n` +
      `stdout:\n${result.stdout.slice(-4000)}\nstderr:\n${result.stderr.slice(-4000)}`,
  );
}

/** Polls `condition` every 50 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, timeoutMs: number, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One stored batch as a Fetch from offset 0 returns it. */
export interface StoredBatch {
  readonly partition: number;
  readonly baseOffset: number;
  /** Compression codec id (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd). */
  readonly codec: number;
  readonly records: number;
}

/** One stored record, decoded by our own record reader. */
export interface StoredRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
}

/**
 * Reads every partition of `topic` from offset 0 with our own client (Fetch to each leader), so a
 * test can see what the broker stored: batch codecs and the records, independently of the client
 * that produced them. Reads at most 8 MiB per partition.
 */
export async function readTopic(
  bootstrapServers: readonly string[],
  topic: string,
): Promise<{ batches: StoredBatch[]; records: StoredRecord[] }> {
  const factory = new TcpConnectionFactory({ bootstrapServers: [...bootstrapServers] });
  const bootstrap = await factory.connect(factory.bootstrap()[0]!, { clientId: 'compat-reader' });
  const connections = [bootstrap];
  try {
    const meta = await bootstrap.send(3, {
      topics: [{ name: topic, topicId: '' }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    const t = meta.topics[0];
    if (t === undefined || t.errorCode !== 0) throw new Error(`no metadata for ${topic}: ${t?.errorCode}`);
    const batches: StoredBatch[] = [];
    const records: StoredRecord[] = [];
    for (const p of [...t.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex)) {
      const leader = meta.brokers.find((b) => b.nodeId === p.leaderId);
      if (leader === undefined) throw new Error(`${topic}-${p.partitionIndex} has no leader`);
      const conn = await factory.connect(
        { nodeId: leader.nodeId, host: leader.host, port: leader.port },
        { clientId: 'compat-reader' },
      );
      connections.push(conn);
      const fetched = await conn.send(1, {
        clusterId: null,
        replicaId: -1,
        replicaState: { replicaId: -1, replicaEpoch: -1 },
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 8 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [
          {
            topic,
            topicId: '',
            partitions: [
              {
                partition: p.partitionIndex,
                currentLeaderEpoch: -1,
                fetchOffset: 0,
                lastFetchedEpoch: -1,
                logStartOffset: -1,
                partitionMaxBytes: 8 << 20,
              },
            ],
          },
        ],
        forgottenTopicsData: [],
        rackId: '',
      });
      const fp = fetched.responses[0]?.partitions[0];
      if (fp === undefined || fp.errorCode !== 0) {
        throw new Error(`fetch ${topic}-${p.partitionIndex} failed: ${fp?.errorCode}`);
      }
      const data = fp.records ?? Buffer.alloc(0);
      for (const [pos, size] of batchPositions(data)) {
        const batch = data.subarray(pos, pos + size);
        batches.push({
          partition: p.partitionIndex,
          baseOffset: baseOffsetAt(batch),
          codec: compressionAt(batch),
          records: recordsCountAt(batch),
        });
        for (const r of await decodeRecordsAsync(batch)) {
          records.push({
            partition: p.partitionIndex,
            offset: r.offset,
            key: r.key === null ? null : r.key.toString(),
            value: r.value === null ? null : r.value.toString(),
          });
        }
      }
    }
    return { batches, records };
  } finally {
    for (const c of connections) c.close();
  }
}
