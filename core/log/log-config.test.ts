import assert from 'node:assert/strict';
import { KafkaError } from '../errors/index.ts';
import { LogConfig } from './log-config.ts';

describe('LogConfig', () => {
  it("has Kafka's defaults", () => {
    const c = LogConfig.defaults;
    assert.equal(c.segmentBytes, 1073741824);
    assert.equal(c.segmentMs, 604800000);
    assert.equal(c.segmentIndexBytes, 10485760);
    assert.equal(c.indexIntervalBytes, 4096);
    assert.equal(c.maxMessageBytes, 1048588);
    assert.equal(c.retentionMs, 604800000);
    assert.equal(c.retentionBytes, -1);
    assert.equal(c.values['cleanup.policy'], 'delete');
    assert.equal(c.deleteRetentionMs, 86400000);
    assert.equal(c.fileDeleteDelayMs, 60000);
  });

  it('parses numeric strings and policy lists', () => {
    const c = LogConfig.from({
      'retention.ms': '-1',
      'cleanup.policy': 'delete, compact',
      'min.cleanable.dirty.ratio': '0.1',
    });
    assert.equal(c.retentionMs, -1);
    assert.equal(c.values['cleanup.policy'], 'compact,delete');
    assert.equal(c.minCleanableDirtyRatio, 0.1);
  });

  it('rejects unknown keys and bad values with INVALID_CONFIG naming the key', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ 'segment.bytes': 10 }, 'segment.bytes'],
      [{ 'segment.bytes': 1.5 }, 'segment.bytes'],
      [{ 'retention.ms': -2 }, 'retention.ms'],
      [{ 'cleanup.policy': 'shred' }, 'cleanup.policy'],
      [{ 'message.timestamp.type': 'Now' }, 'message.timestamp.type'],
      [{ 'min.cleanable.dirty.ratio': 2 }, 'min.cleanable.dirty.ratio'],
      [{ 'segment.size': 100 }, 'segment.size'],
    ];
    for (const [overrides, key] of cases) {
      assert.throws(
        () => LogConfig.from(overrides),
        (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && e.message.includes(key),
        key,
      );
    }
  });
});
