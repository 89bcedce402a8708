import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkaError } from '../../core/errors/index.ts';
import { checkpointKey, readCheckpoint, writeCheckpoint } from './checkpoint.ts';

describe('checkpoint files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-checkpoint-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes Kafka's OffsetCheckpoint format through a renamed temporary file and reads it back", () => {
    const file = path.join(dir, 'app', '0_1', '.checkpoint');
    writeCheckpoint(file, [
      { topic: 'app-counts-changelog', partition: 1, offset: 41 },
      { topic: 'app-other-changelog', partition: 1, offset: 0 },
    ]);
    assert.equal(fs.readFileSync(file, 'utf8'), '0\n2\napp-counts-changelog 1 41\napp-other-changelog 1 0\n');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.checkpoint']);
    const read = readCheckpoint(file);
    assert.deepEqual(read.get(checkpointKey('app-counts-changelog', 1)), {
      topic: 'app-counts-changelog',
      partition: 1,
      offset: 41,
    });
    assert.equal(read.size, 2);
    writeCheckpoint(file, [{ topic: 'app-counts-changelog', partition: 1, offset: 50 }]);
    assert.equal(readCheckpoint(file).get(checkpointKey('app-counts-changelog', 1))?.offset, 50);
  });

  it('reads a missing file as no checkpoint and refuses a malformed one with CORRUPT_MESSAGE', () => {
    assert.equal(readCheckpoint(path.join(dir, 'none')).size, 0);
    const bad = (text: string): void => {
      const file = path.join(dir, 'bad');
      fs.writeFileSync(file, text);
      assert.throws(
        () => readCheckpoint(file),
        (e: unknown) => e instanceof KafkaError && KafkaError.is(e, 'CORRUPT_MESSAGE'),
      );
    };
    bad('1\n0\n');
    bad('0\n2\nt 0 1\n');
    bad('0\n1\nt zero 1\n');
  });
});
