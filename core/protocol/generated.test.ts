import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDefinitionsDir, generateFrom, generatedDir } from './generate.ts';
import { generatorCommand } from './generator.ts';

describe('generated codecs', () => {
  it('are up to date with the message definitions (re-run in memory, compared byte for byte)', function () {
    if (!existsSync(join(defaultDefinitionsDir, 'messages'))) {
      // CI keeps shared/ beside the clone; only a bare checkout without it lands here.
      console.warn(`SKIPPED: ${defaultDefinitionsDir} is absent, cannot check core/protocol/generated`);
      this.skip();
    }
    const fresh = generateFrom(defaultDefinitionsDir);
    const committed = readdirSync(generatedDir).sort();
    assert.deepEqual(committed, [...fresh.keys()].sort(), `file list differs: run ${generatorCommand}`);
    for (const [name, text] of fresh) {
      assert.ok(
        readFileSync(join(generatedDir, name), 'utf8') === text,
        `${name} is stale: run ${generatorCommand}`,
      );
    }
  });

  it('say in their header that they are generated and by which command', () => {
    for (const name of readdirSync(generatedDir)) {
      const first = readFileSync(join(generatedDir, name), 'utf8').split('\n', 1)[0];
      assert.equal(first, `// GENERATED FILE - DO NOT EDIT. Regenerate with \`${generatorCommand}\`.`, name);
    }
  });

  it('are reproducible: two runs give identical output', function () {
    if (!existsSync(join(defaultDefinitionsDir, 'messages'))) this.skip();
    assert.deepEqual(generateFrom(defaultDefinitionsDir), generateFrom(defaultDefinitionsDir));
  });

  it('contain no JSON parsing and no closures per field at runtime', () => {
    for (const name of readdirSync(generatedDir)) {
      if (name === 'schemas.ts') continue;
      const text = readFileSync(join(generatedDir, name), 'utf8');
      assert.ok(!text.includes('JSON.'), `${name} uses JSON`);
      assert.ok(!text.includes('=>'), `${name} creates closures`);
    }
  });
});
