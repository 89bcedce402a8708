import assert from 'node:assert/strict';
import { SchemaBuilder, Schemas, Struct, type SinkRecord } from '../../../actors/connect/index.ts';
import { SimulatedFileSystem } from '../../../core/io/index.ts';
import { FileStreamSinkTask, renderValue } from './file-stream-sink-task.ts';

function record(offset: number, value: unknown): SinkRecord {
  return { topic: 't', kafkaPartition: 0, kafkaOffset: offset, key: null, value, headers: [] };
}

describe('FileStreamSinkTask', () => {
  it('appends one line per record, and only what was flushed survives a crash of the disk', async () => {
    const fs = new SimulatedFileSystem();
    const task = new FileStreamSinkTask(fs);
    task.start({ file: '/out/sink.txt' });
    await task.put([record(0, 'a'), record(1, 'b')]);
    await task.flush(new Map());
    await task.put([record(2, 'c')]);
    assert.equal(fs.readFile('/out/sink.txt').toString(), 'a\nb\nc\n');
    fs.crash();
    assert.equal(fs.readFile('/out/sink.txt').toString(), 'a\nb\n');
  });

  it('appends to an existing file rather than replacing it', async () => {
    const fs = new SimulatedFileSystem();
    const first = new FileStreamSinkTask(fs);
    first.start({ file: '/o.txt' });
    await first.put([record(0, 'x')]);
    first.stop();
    const second = new FileStreamSinkTask(fs);
    second.start({ file: '/o.txt' });
    await second.put([record(1, 'y')]);
    second.stop();
    assert.equal(fs.readFile('/o.txt').toString(), 'x\ny\n');
  });

  it('writes strings as they are and structs, maps and arrays as JSON', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).field('name', Schemas.STRING).build();
    const s = new Struct(schema).put('id', 7).put('name', 'n');
    assert.equal(renderValue('plain'), 'plain');
    assert.equal(renderValue(s), '{"id":7,"name":"n"}');
    assert.equal(renderValue({ a: [1, s] }), '{"a":[1,{"id":7,"name":"n"}]}');
    assert.equal(renderValue(new Map([['k', 1]])), '{"k":1}');
    assert.equal(renderValue(null), 'null');
    assert.equal(renderValue(42), '42');
  });
});
