import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLogDemo } from './log-demo.ts';

describe('tributary demo (the embedded default job)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-demo-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes and verifies records, and a second run continues at the next offset after a clean shutdown', () => {
    const quiet = { print: () => {} };
    const first = runLogDemo({
      dataDir: dir,
      records: 5000,
      recordsPerBatch: 100,
      valueBytes: 100,
      ...quiet,
    });
    assert.equal(first.firstOffset, 0);
    assert.equal(first.lastOffset, 4999);
    assert.equal(first.recordsRead, 5000);
    const second = runLogDemo({
      dataDir: dir,
      records: 3000,
      recordsPerBatch: 1000,
      valueBytes: 10,
      ...quiet,
    });
    assert.equal(second.firstOffset, 5000);
    assert.equal(second.lastOffset, 7999);
    assert.equal(second.recordsRead, 3000);
  });
});
