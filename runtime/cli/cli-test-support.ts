// Test helpers for the CLI commands: a `tributary start` cluster on free ports and a way to run
// `node bin/tributary.js ...` and collect its output. Used by the *.test.ts files beside it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePortRange } from '../compat/compat-support.ts';

/** A run of the CLI that has exited. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command's upper bound; a command that hangs fails its test rather than the whole run. */
const commandTimeoutMs = 60_000;

/** The first of `count` consecutive free ports on 127.0.0.1 (broker i listens on port + i). */
export async function freePorts(count: number): Promise<number> {
  return freePortRange(count);
}

/** Runs `tributary <args>` to completion, feeding `input` on stdin. */
export function runCli(
  args: readonly string[],
  options: { input?: string; cwd?: string } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, [path.resolve('bin/tributary.js'), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: options.cwd ?? process.cwd(),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tributary ${args.join(' ')} did not exit: ${stdout}\n${stderr}`));
    }, commandTimeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running CLI process (start, connect standalone) with its output so far. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], cwd = process.cwd()) {
    this.child = spawn(process.execPath, [path.resolve('bin/tributary.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd,
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  async waitFor(pattern: RegExp, timeoutMs = commandTimeoutMs): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.stdout);
      if (m !== null) return m;
      if (this.child.exitCode !== null) throw new Error(`exited with ${this.child.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline)
        throw new Error(`no ${pattern} in ${timeoutMs} ms: ${this.stdout}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGTERM, then the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** `tributary start` with `brokers` brokers in a temporary directory; `stop()` removes it. */
export async function startCluster(
  brokers: number,
): Promise<{ bootstrap: string; dir: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-cli-'));
  const port = await freePorts(brokers);
  const proc = new CliProcess([
    'start',
    '--brokers',
    String(brokers),
    '--port',
    String(port),
    '--data-dir',
    path.join(dir, 'data'),
    '--log-level',
    'warn',
  ]);
  try {
    const m = await proc.waitFor(/Bootstrap servers: (\S+)/);
    return {
      bootstrap: m[1]!,
      dir,
      async stop() {
        await proc.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Polls `condition` every 50 ms (real time) until it holds. */
export async function eventually(
  condition: () => boolean,
  what: string,
  timeoutMs = commandTimeoutMs,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
