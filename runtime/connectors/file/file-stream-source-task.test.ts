import assert from 'node:assert/strict';
import { MemoryOffsetStorage, Schemas, type SourceRecord } from '../../../actors/connect/index.ts';
import { SimulatedFileSystem } from '../../../core/io/index.ts';
import { FileStreamSourceConnector } from './file-stream-source-connector.ts';
import { FileStreamSourceTask } from './file-stream-source-task.ts';

function setup(text: string): SimulatedFileSystem {
  const fs = new SimulatedFileSystem();
  fs.mkdirp('/d');
  const h = fs.open('/d/in.txt', 'create');
  h.append(Buffer.from(text, 'utf8'));
  h.close();
  return fs;
}

async function started(
  fs: SimulatedFileSystem,
  offsets: MemoryOffsetStorage,
  extra: Record<string, string> = {},
) {
  const props = { file: '/d/in.txt', topic: 'lines', ...extra };
  const task = new FileStreamSourceTask(fs);
  task.initialize({ configs: props, offsetStorageReader: () => offsets });
  await task.start(props);
  return task;
}

const values = (records: SourceRecord[] | null) => (records ?? []).map((r) => r.value);

describe('FileStreamSourceTask', () => {
  it('emits one STRING record per line with source partition {filename} and offset {position} after the line', async () => {
    const fs = setup('a\nbb\n');
    const task = await started(fs, new MemoryOffsetStorage());
    const records = (await task.poll())!;
    assert.deepEqual(values(records), ['a', 'bb']);
    assert.deepEqual(records[1]!.sourcePartition, { filename: '/d/in.txt' });
    assert.equal(records[1]!.sourceOffset['position'], 5);
    assert.equal(records[1]!.topic, 'lines');
    assert.equal(records[1]!.valueSchema, Schemas.STRING);
    assert.equal(records[1]!.key, null);
    assert.equal(await task.poll(), null);
  });

  it('resumes at the committed offset, including a Kafka-written one that holds only the position', async () => {
    const fs = setup('a\nbb\nccc\n');
    const offsets = new MemoryOffsetStorage();
    const first = await started(fs, offsets, { 'batch.size': '1' });
    const [r] = (await first.poll())!;
    offsets.put(r!.sourcePartition, r!.sourceOffset);
    assert.deepEqual(values(await (await started(fs, offsets)).poll()), ['bb', 'ccc']);
    offsets.put({ filename: '/d/in.txt' }, { position: 5 });
    assert.deepEqual(values(await (await started(fs, offsets)).poll()), ['ccc']);
  });

  it('reads the file again from the start when it was replaced since the committed offset, and says so', async () => {
    const fs = setup('old line\n');
    const offsets = new MemoryOffsetStorage();
    const first = await started(fs, offsets);
    const [r] = (await first.poll())!;
    offsets.put(r!.sourcePartition, r!.sourceOffset);
    fs.unlink('/d/in.txt');
    const h = fs.open('/d/in.txt', 'create');
    h.append(Buffer.from('brand new file\n'));
    h.close();
    const resets: string[] = [];
    const task = new FileStreamSourceTask(fs, (path, reset) => resets.push(`${path} ${reset}`));
    const props = { file: '/d/in.txt', topic: 'lines' };
    task.initialize({ configs: props, offsetStorageReader: () => offsets });
    await task.start(props);
    assert.deepEqual(values(await task.poll()), ['brand new file']);
    assert.deepEqual(resets, ['/d/in.txt replaced']);
  });

  it('refuses a stored offset without a position', async () => {
    const fs = setup('x\n');
    const offsets = new MemoryOffsetStorage();
    offsets.put({ filename: '/d/in.txt' }, { pos: 1 });
    await assert.rejects(started(fs, offsets), /has no valid 'position'/);
  });
});

describe('FileStreamSourceConnector', () => {
  it('makes one task config whatever tasks.max says, and requires file and topic', () => {
    const c = new FileStreamSourceConnector(new SimulatedFileSystem());
    c.start({ file: '/d/in.txt', topic: 't', 'batch.size': '10' });
    assert.deepEqual(c.taskConfigs(4), [{ file: '/d/in.txt', topic: 't', 'batch.size': '10' }]);
    const problems = c
      .config()
      .validate({})
      .filter((v) => v.errorMessages.length > 0);
    assert.deepEqual(
      problems.map((v) => v.name),
      ['file', 'topic'],
    );
  });
});
