/**
 * Regenerates core/protocol/generated/ from Kafka's JSON message definitions.
 *
 *   npx tsx core/protocol/generate.ts [path/to/kafka-protocol]
 *
 * The path defaults to ../shared/kafka-protocol beside the repository root. Our own definitions in
 * core/protocol/messages-extra/ (APIs the shared folder lacks) are always read as well. Output is
 * byte-for-byte reproducible (inputs sorted, no timestamps), so the committed files can be checked against a
 * fresh run.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type SourceFile } from './generator.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const defaultDefinitionsDir = resolve(repoRoot, '..', 'shared', 'kafka-protocol');
export const generatedDir = join(here, 'generated');
/** Hand-written definitions in Kafka's format for APIs missing from shared/kafka-protocol. */
export const extraDefinitionsDir = join(here, 'messages-extra');

export function readSources(dir: string): SourceFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Runs the generator on a definitions folder (with messages/ and consumer-offsets/) plus the folder of
 * extra definitions (core/protocol/messages-extra by default).
 */
export function generateFrom(definitionsDir: string, extraDir = extraDefinitionsDir): Map<string, string> {
  const messages = readSources(join(definitionsDir, 'messages'));
  if (messages.length === 0) throw new Error(`no message definitions in ${definitionsDir}/messages`);
  return generate(messages, readSources(join(definitionsDir, 'consumer-offsets')), readSources(extraDir));
}

function main(): void {
  const dir = resolve(process.argv[2] ?? defaultDefinitionsDir);
  const files = generateFrom(dir);
  rmSync(generatedDir, { recursive: true, force: true });
  mkdirSync(generatedDir, { recursive: true });
  for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    writeFileSync(join(generatedDir, name), text);
  }
  console.log(`wrote ${files.size} files to ${generatedDir}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
