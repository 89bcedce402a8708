/**
 * What the peers benchmark needs from outside the repository, installed when missing: Debian's
 * `nats-server` and `redis-server` (apt-get, with sudo unless root), and the npm clients `nats` and
 * `ioredis` (devDependencies; loaded with a dynamic import so the rest of the suite and the type check
 * work without them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian puts the servers (nats-server lands in /usr/sbin, often not on a user's PATH). */
const systemBinDirs = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/sbin', '/bin'];

/** The Debian package that ships each server binary. */
export const debianPackageOf = { 'nats-server': 'nats-server', 'redis-server': 'redis-server' } as const;
export type ServerBinary = keyof typeof debianPackageOf;

/** Absolute path of an executable on PATH or in the system bin directories, or undefined. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== ''), ...systemBinDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${String(result.status)}`);
}

/**
 * Paths of the server binaries, installing their Debian packages first when any is missing. Throws
 * with what to do by hand when apt-get is not there or the install fails.
 */
export function ensureServers(
  binaries: readonly ServerBinary[],
  log: (message: string) => void,
): Record<ServerBinary, string> {
  const missing = binaries.filter((b) => findExecutable(b) === undefined);
  if (missing.length > 0) {
    const packages = missing.map((b) => debianPackageOf[b]);
    const aptGet = findExecutable('apt-get');
    const byHand = `install ${packages.join(' and ')} by hand (Debian/Ubuntu: apt-get install ${packages.join(' ')})`;
    if (aptGet === undefined) {
      throw new Error(
        `the peers benchmark needs ${missing.join(' and ')}, and apt-get is not available: ${byHand}`,
      );
    }
    const sudo = isRoot() ? [] : [findExecutable('sudo') ?? 'sudo'];
    const as = (args: string[]): [string, string[]] =>
      sudo.length > 0 ? [sudo[0]!, [aptGet, ...args]] : [aptGet, args];
    log(`installing ${packages.join(' ')} with apt-get${sudo.length > 0 ? ' (sudo)' : ''}`);
    try {
      run(...as(['update', '-qq']));
      run(...as(['install', '-y', '-qq', '--no-install-recommends', ...packages]));
    } catch (err) {
      throw new Error(`apt-get could not install ${packages.join(' ')} (${String(err)}): ${byHand}`, {
        cause: err,
      });
    }
  }
  const paths = {} as Record<ServerBinary, string>;
  for (const b of binaries) {
    const path = findExecutable(b);
    if (path === undefined) throw new Error(`${b} is still not found after installing ${debianPackageOf[b]}`);
    paths[b] = path;
  }
  return paths;
}

/** The first line a server prints for `--version` (recorded in the results). */
export function serverVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Imports an npm client the benchmark needs (a devDependency), with the install command in the error
 * when it is missing. The specifier is a variable, so the type check does not need the package.
 */
export async function importClient<T>(name: 'nats' | 'ioredis'): Promise<T> {
  const specifier: string = name;
  try {
    return (await import(specifier)) as T;
  } catch (err) {
    throw new Error(
      `the peers benchmark needs the npm package "${name}" (a devDependency: run npm install) (${String(err)})`,
      { cause: err },
    );
  }
}
