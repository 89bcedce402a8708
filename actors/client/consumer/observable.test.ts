import assert from 'node:assert/strict';
import { concatMap, from, map, take, tap, toArray, type Subscription } from 'rxjs';
import { stringSerde } from '../../../core/serdes/index.ts';
import { Consumer, type ConsumerRecord } from './index.ts';
import { drive, until } from './test-support/drive.ts';
import { FakeCluster } from './test-support/fake-cluster.ts';

describe('Consumer.asObservable (RxJS adapter)', () => {
  let cluster: FakeCluster;
  let consumer: Consumer<string, string>;
  let subscription: Subscription | undefined;

  beforeEach(() => {
    cluster = new FakeCluster();
    cluster.createTopic('t', 2);
    consumer = new Consumer<string, string>(
      {
        'auto.offset.reset': 'earliest',
        'value.deserializer': stringSerde(),
        'max.poll.records': 10,
        // Small fetches, so the log takes many fetches to read.
        'max.partition.fetch.bytes': 200,
      },
      { connectionFactory: cluster, clock: cluster.clock },
    );
    consumer.assign([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
    ]);
  });

  afterEach(async () => {
    subscription?.unsubscribe();
    subscription = undefined;
    await drive(cluster.clock, consumer.close());
  });

  it('emits every record in partition order through a pipeline', async () => {
    cluster.produceValues('t', 0, 40, 5);
    cluster.produceValues('t', 1, 40, 5);
    const values = drive(
      cluster.clock,
      new Promise<string[]>((resolve, reject) => {
        subscription = consumer
          .asObservable({ bufferSize: 16 })
          .pipe(
            map((r) => r.value!),
            take(80),
            toArray(),
          )
          .subscribe({ next: resolve, error: reject });
      }),
    );
    const got = await values;
    const p0 = got.filter((v) => v.startsWith('t-0-'));
    const p1 = got.filter((v) => v.startsWith('t-1-'));
    assert.deepEqual(
      p0,
      Array.from({ length: 40 }, (_, i) => `t-0-${i}`),
    );
    assert.deepEqual(
      p1,
      Array.from({ length: 40 }, (_, i) => `t-1-${i}`),
    );
  });

  it('stops fetching while its buffer is full of unacknowledged records, and resumes on ack', async () => {
    cluster.produceValues('t', 0, 200, 5);
    cluster.produceValues('t', 1, 200, 5);
    const records$ = consumer.asObservable({ bufferSize: 30, ackMode: 'manual' });
    const received: ConsumerRecord<string, string>[] = [];
    subscription = records$.subscribe((r) => received.push(r));
    await until(cluster.clock, () => records$.full);
    const fetchesWhenFull = cluster.count(1);
    const receivedWhenFull = received.length;
    assert.ok(receivedWhenFull >= 30 && receivedWhenFull < 30 + 10, `received ${receivedWhenFull}`);
    await cluster.clock.runFor(30_000);
    assert.equal(cluster.count(1), fetchesWhenFull, 'no Fetch while the buffer is full');
    assert.equal(received.length, receivedWhenFull);
    assert.ok(records$.pausedCount >= 1);

    // Processing catches up: the pump polls and fetching resumes, until everything has arrived.
    const ackAll = (): void => records$.ack(records$.buffered);
    ackAll();
    await until(cluster.clock, () => {
      ackAll();
      return received.length === 400;
    });
    assert.ok(cluster.count(1) > fetchesWhenFull);
    const offsets0 = received.filter((r) => r.partition === 0).map((r) => r.offset);
    assert.deepEqual(
      offsets0,
      Array.from({ length: 200 }, (_, i) => i),
    );
  });

  it('acknowledges after asynchronous processing with concatMap', async () => {
    cluster.produceValues('t', 0, 25, 5);
    const records$ = consumer.asObservable({ bufferSize: 5, ackMode: 'manual' });
    const processed: string[] = [];
    let maxOutstanding = 0;
    subscription = records$
      .pipe(
        tap(() => (maxOutstanding = Math.max(maxOutstanding, records$.buffered))),
        concatMap((r) =>
          from(new Promise<string>((resolve) => cluster.clock.setTimeout(() => resolve(r.value!), 50))),
        ),
        tap(() => records$.ack()),
      )
      .subscribe((v) => processed.push(v));
    await until(cluster.clock, () => processed.length === 25);
    assert.deepEqual(
      processed,
      Array.from({ length: 25 }, (_, i) => `t-0-${i}`),
    );
    // At most one poll's worth beyond the bound is ever outstanding.
    assert.ok(maxOutstanding <= 5 + 10 - 1, `max outstanding ${maxOutstanding}`);
  });

  it('allows one subscriber at a time and completes when the consumer closes', async () => {
    const records$ = consumer.asObservable();
    let completed = false;
    subscription = records$.subscribe({ complete: () => (completed = true) });
    let secondError: unknown;
    records$.subscribe({ error: (e: unknown) => (secondError = e) });
    assert.match(String(secondError), /already has a subscriber/);
    await cluster.clock.runFor(1000);
    await drive(cluster.clock, consumer.close());
    await until(cluster.clock, () => completed);
  });
});
