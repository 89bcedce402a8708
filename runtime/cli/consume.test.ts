import assert from 'node:assert/strict';
import { ConsumerRecord } from '../../actors/client/index.ts';
import { checkConsumeOptions, formatRecord, recordToJson, type ConsumeOptions } from './consume.ts';

function record(fields: {
  key: Buffer | null;
  value: Buffer | null;
  headers?: { key: string; value: Buffer | null }[];
}): ConsumerRecord<unknown, unknown> {
  const raw = (_topic: string, data: Buffer | null) => data;
  return new ConsumerRecord<unknown, unknown>(
    't',
    2,
    7,
    1234,
    'CreateTime',
    0,
    fields.headers ?? [],
    fields.key,
    fields.value,
    raw,
    raw,
  );
}

const base: ConsumeOptions = { bootstrapServers: 'h:1', keySeparator: '\t' };

describe('tributary consume output', () => {
  it('writes a record as one JSON object with UTF-8 text fields', () => {
    const r = record({
      key: Buffer.from('k'),
      value: Buffer.from('héllo'),
      headers: [{ key: 'h', value: Buffer.from('v') }],
    });
    assert.equal(
      recordToJson(r),
      '{"topic":"t","partition":2,"offset":7,"timestamp":1234,"key":"k","value":"héllo","headers":[{"key":"h","value":"v"}]}',
    );
  });

  it('writes bytes that are not UTF-8 as base64 flagged by an encoding field, and nulls as null', () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe]);
    const parsed = JSON.parse(
      recordToJson(
        record({
          key: null,
          value: bytes,
          headers: [
            { key: 'b', value: bytes },
            { key: 'n', value: null },
          ],
        }),
      ),
    ) as Record<string, unknown>;
    assert.equal(parsed.key, null);
    assert.equal(parsed.value, bytes.toString('base64'));
    assert.equal(parsed.valueEncoding, 'base64');
    assert.ok(!('keyEncoding' in parsed));
    assert.deepEqual(parsed.headers, [
      { key: 'b', value: bytes.toString('base64'), valueEncoding: 'base64' },
      { key: 'n', value: null },
    ]);
  });

  it('writes text as the value, or key and value with --print-key', () => {
    const r = record({ key: Buffer.from('k'), value: Buffer.from('v') });
    assert.equal(formatRecord(r, base), 'v');
    assert.equal(formatRecord(r, { ...base, printKey: true, keySeparator: '=' }), 'k=v');
    assert.equal(formatRecord(record({ key: null, value: null }), { ...base, printKey: true }), 'null\tnull');
  });

  it('rejects a group with partitions, offsets or times, and more than one start position', () => {
    assert.throws(
      () => checkConsumeOptions({ ...base, group: 'g', partition: [0] }),
      /--group and --partition/,
    );
    assert.throws(() => checkConsumeOptions({ ...base, group: 'g', offset: 3 }), /--group and --offset/);
    assert.throws(
      () => checkConsumeOptions({ ...base, group: 'g', fromTimestamp: 1 }),
      /--group and --from-timestamp/,
    );
    assert.throws(
      () => checkConsumeOptions({ ...base, offset: 'latest', fromBeginning: true }),
      /--offset and --from-beginning cannot be used together/,
    );
    checkConsumeOptions({ ...base, partition: [0, 1], offset: 5 });
    checkConsumeOptions({ ...base, group: 'g', fromBeginning: true });
  });
});
