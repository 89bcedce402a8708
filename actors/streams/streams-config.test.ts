import assert from 'node:assert/strict';
import { KafkaError } from '../../core/errors/index.ts';
import {
  logAndContinueExceptionHandler,
  logAndFailExceptionHandler,
  resolveStreamsConfig,
} from './streams-config.ts';

describe('resolveStreamsConfig', () => {
  it("fills Kafka Streams' defaults and passes consumer./producer. keys to the clients over Streams' own defaults", () => {
    const c = resolveStreamsConfig({
      'application.id': 'app-1',
      'consumer.max.poll.records': 50,
      'producer.linger.ms': 20,
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
    assert.deepEqual(c.producer, { 'linger.ms': 20 });
    assert.deepEqual(resolveStreamsConfig({ 'application.id': 'app-1' }).producer, { 'linger.ms': 5 });
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
    refuses(
      { 'application.id': 'a', 'default.deserialization.exception.handler': 'Nope' },
      /deserialization/,
    );
    refuses({ 'application.id': 'a', 'errors.dead.letter.queue.topic.name': '' }, /dead\.letter/);
    refuses({ 'application.id': 'a', 'application.server': 'no-port' }, /application\.server/);
    refuses({ 'application.id': 'a', 'num.standby.replicas': -1 }, /num\.standby\.replicas/);
  });

  it("resolves the deserialization handler (log-and-fail by default, Kafka's class names or a function), the dead-letter topic, application.server and standbys", () => {
    const d = resolveStreamsConfig({ 'application.id': 'a' });
    assert.equal(d.onDeserializationError, logAndFailExceptionHandler);
    assert.equal(d.deadLetterQueueTopic, undefined);
    assert.equal(d.numStandbyReplicas, 0);
    const c = resolveStreamsConfig({
      'application.id': 'a',
      'default.deserialization.exception.handler': 'LogAndContinueExceptionHandler',
      'errors.dead.letter.queue.topic.name': 'dlq',
      'application.server': 'localhost:8080',
      'num.standby.replicas': 2,
    });
    assert.equal(c.onDeserializationError, logAndContinueExceptionHandler);
    assert.equal(c.deadLetterQueueTopic, 'dlq');
    assert.equal(c.applicationServer, 'localhost:8080');
    assert.equal(c.numStandbyReplicas, 2);
    const own = (): 'CONTINUE' => 'CONTINUE';
    assert.equal(
      resolveStreamsConfig({ 'application.id': 'a', 'default.deserialization.exception.handler': own })
        .onDeserializationError,
      own,
    );
  });
});
