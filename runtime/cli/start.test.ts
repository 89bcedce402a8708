import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePortRange } from '../compat/compat-support.ts';
import { TcpConnectionFactory } from '../network/index.ts';

interface StartedProcess {
  readonly dir: string;
  /** The servers printed on the ready line. */
  readonly bootstrap: string;
  readonly exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/** Runs `tributary start` with `args` in a fresh data dir until it prints its ready line. */
async function startProcess(args: readonly string[], cleanups: Array<() => void>): Promise<StartedProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-start-'));
  const child = spawn(
    process.execPath,
    ['bin/tributary.js', 'start', '--data-dir', dir, '--log-level', 'warn', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const bootstrap = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /Bootstrap servers: (\S+)/.exec(stdout);
      if (m !== null) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { dir, bootstrap, exited, kill: (signal) => child.kill(signal) };
}

/** Metadata v8 from the listener at 127.0.0.1:`port`. */
async function metadata(port: number, topics: string[] | null, autoCreate = false) {
  const factory = new TcpConnectionFactory({ bootstrapServers: [`127.0.0.1:${port}`] });
  const conn = await factory.connect(factory.bootstrap()[0]!, { clientId: 'start-test' });
  try {
    return await conn.send(3, {
      topics: topics === null ? null : topics.map((name) => ({ name, topicId: '' })),
      allowAutoTopicCreation: autoCreate,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
  } finally {
    conn.close();
  }
}

function assertCleanShutdown(dir: string, brokers: number): void {
  for (let i = 1; i <= brokers; i++) {
    const marker = path.join(dir, `broker-${i}`, '.kafka_cleanshutdown');
    assert.ok(fs.existsSync(marker), `broker-${i} shut down cleanly`);
  }
}

describe('tributary start', function () {
  this.timeout(60_000);

  it('prints the bootstrap servers when ready, serves Metadata for every broker, and shuts down cleanly on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-start-'));
    // Two brokers listen on port and port + 1: both must be free.
    const port = await freePortRange(2);
    const child = spawn(
      process.execPath,
      [
        'bin/tributary.js',
        'start',
        '--brokers',
        '2',
        '--port',
        String(port),
        '--data-dir',
        dir,
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /Bootstrap servers: (\S+)/.exec(stdout);
          if (m !== null) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      });
      assert.equal(line, `127.0.0.1:${port},127.0.0.1:${port + 1}`);
      const factory = new TcpConnectionFactory({ bootstrapServers: line.split(',') });
      const conn = await factory.connect(factory.bootstrap()[1]!, { clientId: 'start-test' });
      const meta = await conn.send(3, {
        topics: null,
        allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false,
        includeTopicAuthorizedOperations: false,
      });
      conn.close();
      assert.deepEqual(meta.brokers.map((b) => b.port).sort(), [port, port + 1]);
      assert.ok(meta.controllerId === 1 || meta.controllerId === 2);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      for (const b of ['broker-1', 'broker-2']) {
        assert.ok(fs.existsSync(path.join(dir, b, '.kafka_cleanshutdown')), `${b} shut down cleanly`);
      }
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  describe('options and signals', () => {
    const cleanups: Array<() => void> = [];
    afterEach(() => {
      for (const c of cleanups.splice(0)) c();
    });

    it('gives an auto-created topic --partitions partitions and --replication-factor replicas, and shuts down cleanly on SIGINT', async () => {
      const port = await freePortRange(3);
      const started = await startProcess(
        ['--brokers', '3', '--port', String(port), '--partitions', '4', '--replication-factor', '2'],
        cleanups,
      );
      let topic: Awaited<ReturnType<typeof metadata>>['topics'][number] | undefined;
      const deadline = Date.now() + 30_000;
      do {
        topic = (await metadata(port, ['auto-created'], true)).topics[0];
        if (topic?.errorCode === 0 && topic.partitions.every((p) => p.leaderId >= 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      } while (Date.now() < deadline);
      assert.equal(topic?.errorCode, 0);
      assert.deepEqual(topic!.partitions.map((p) => p.partitionIndex).sort(), [0, 1, 2, 3]);
      for (const p of topic!.partitions) {
        assert.equal(p.replicaNodes.length, 2, `partition ${p.partitionIndex} has 2 replicas`);
        assert.ok(p.replicaNodes.includes(p.leaderId));
      }
      started.kill('SIGINT');
      assert.equal(await started.exited, 0);
      assertCleanShutdown(started.dir, 3);
    });

    it('advertises --advertised-host and --advertised-base-port + i in Metadata and the ready line, listening on --port + i', async () => {
      const port = await freePortRange(3);
      const started = await startProcess(
        [
          '--brokers',
          '2',
          '--port',
          String(port),
          '--advertised-host',
          'kafka.example.test',
          '--advertised-base-port',
          '29092',
        ],
        cleanups,
      );
      assert.equal(started.bootstrap, 'kafka.example.test:29092,kafka.example.test:29093');
      const meta = await metadata(port + 1, null);
      assert.deepEqual(meta.brokers.map((b) => [b.nodeId, b.host, b.port]).sort(), [
        [1, 'kafka.example.test', 29092],
        [2, 'kafka.example.test', 29093],
      ]);
      started.kill('SIGTERM');
      assert.equal(await started.exited, 0);
      assertCleanShutdown(started.dir, 2);
    });
  });
});
