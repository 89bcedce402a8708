/**
 * examples/file-pipeline.ts runs: lines of a file go through a topic (FileStreamSource, Connect
 * worker, 3-broker cluster) into another file (FileStreamSink), all of them, in order.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFilePipeline } from '../../examples/file-pipeline.ts';

describe('examples/file-pipeline.ts', function () {
  this.timeout(180_000);
  let dir: string | undefined;

  afterEach(() => {
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('copies every line of the input file through the topic into the output file, in order', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-pipeline-example-'));
    const lines = Array.from({ length: 25 }, (_, i) => `line ${i + 1}: ${'x'.repeat(i)}`);
    const out = await runFilePipeline({ dir, lines, timeoutMs: 150_000 });
    assert.deepEqual(out, lines);
  });
});
