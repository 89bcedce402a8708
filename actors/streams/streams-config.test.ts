import assert from 'node:assert/strict';
import { KafkaError } from '../../core/errors/index.ts';
import { resolveStreamsConfig } from './streams-config.ts';

describe('resolveStreamsConfig', () => {
  it("fills Kafka Streams' defaults and passes consumer./producer. keys to the clients over Streams' own defaults", () => {
    const c = resolveStreamsConfig({
      'application.id': 'app-1',
      'consumer.max.poll.records': 50,
      'producer.linger.ms': 5,
    });
    assert.equal(c.numStreamThreads, 1);
    assert.equal(c.commitIntervalMs, 30_000);
    assert.equal(c.processingGuarantee, 'at_least_once');
    assert.equal(c.clientId, 'app-1');
    assert.deepEqual(c.consumer, {
      'auto.offset.reset': 'earliest',
      'max.poll.records': 50,
      'enable.auto.commit': false,
    });
    assert.deepEqual(c.producer, { 'linger.ms': 5 });
  });

  it('refuses bad input with INVALID_CONFIG naming the key', () => {
    const refuses = (config: Record<string, unknown>, key: RegExp): void =>
      assert.throws(
        () => resolveStreamsConfig(config as never),
        (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && key.test((e as Error).message),
      );
    refuses({}, /application\.id/);
    refuses({ 'application.id': 'bad id' }, /application\.id/);
    refuses({ 'application.id': 'a', 'processing.guarantee': 'exactly_once_v2' }, /processing\.guarantee/);
    refuses({ 'application.id': 'a', 'num.stream.threads': 0 }, /num\.stream\.threads/);
    refuses({ 'application.id': 'a', 'commit.interval.ms': -1 }, /commit\.interval\.ms/);
    refuses({ 'application.id': 'a', 'no.such.key': 1 }, /no\.such\.key/);
    refuses({ 'application.id': 'a', 'consumer.group.id': 'x' }, /consumer\.group\.id/);
    refuses({ 'application.id': 'a', 'consumer.bogus': 1 }, /bogus/);
  });
});
