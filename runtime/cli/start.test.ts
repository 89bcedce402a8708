import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { TcpConnectionFactory } from '../network/index.ts';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('tributary start', function () {
  this.timeout(60_000);

  it('prints the bootstrap servers when ready, serves Metadata for every broker, and shuts down cleanly on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-start-'));
    const port = await freePort();
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
});
