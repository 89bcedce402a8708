import type { Serde } from '../../core/serdes/index.ts';
import type { TestRecord } from './test-record.ts';
import type { TopologyTestDriver } from './topology-test-driver.ts';

/**
 * Pipes typed records into one topic of a TopologyTestDriver (Kafka's TestInputTopic). Without an
 * explicit timestamp a record gets the topic's current time, which then moves by `autoAdvanceMs`.
 */
export class TestInputTopic<K, V> {
  readonly name: string;
  private readonly driver: TopologyTestDriver;
  private readonly keySerde: Serde<K>;
  private readonly valueSerde: Serde<V>;
  private currentTimeMs: number;
  private readonly autoAdvanceMs: number;

  /** @internal use TopologyTestDriver.createInputTopic */
  constructor(
    driver: TopologyTestDriver,
    name: string,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    startTimestampMs: number,
    autoAdvanceMs: number,
  ) {
    if (autoAdvanceMs < 0) throw new RangeError('autoAdvance must not be negative');
    this.driver = driver;
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.currentTimeMs = startTimestampMs;
    this.autoAdvanceMs = autoAdvanceMs;
  }

  /** Moves this topic's time forward for records piped without a timestamp. */
  advanceTime(ms: number): void {
    if (ms < 0) throw new RangeError('advanceTime must not go backwards');
    this.currentTimeMs += ms;
  }

  /** `pipeInput(value)`, `pipeInput(key, value[, timestampMs])`, or `pipeInput(record)`. */
  pipeInput(record: TestRecord<K, V>): void;
  pipeInput(key: K | null, value: V | null, timestampMs?: number): void;
  pipeInput(...args: [TestRecord<K, V>] | [K | null, V | null, number?]): void {
    if (args.length === 1) {
      const r = args[0];
      this.pipe(r.key, r.value, r.timestamp, r.headers ?? []);
      return;
    }
    this.pipe(args[0], args[1], args[2], []);
  }

  pipeValueList(values: readonly (V | null)[]): void {
    for (const v of values) this.pipe(null, v, undefined, []);
  }

  pipeKeyValueList(pairs: readonly { key: K | null; value: V | null }[]): void {
    for (const p of pairs) this.pipe(p.key, p.value, undefined, []);
  }

  pipeRecordList(records: readonly TestRecord<K, V>[]): void {
    for (const r of records) this.pipe(r.key, r.value, r.timestamp, r.headers ?? []);
  }

  private pipe(
    key: K | null,
    value: V | null,
    timestampMs: number | undefined,
    headers: TestRecord<K, V>['headers'] & object,
  ): void {
    let ts = timestampMs;
    if (ts === undefined) {
      ts = this.currentTimeMs;
      this.currentTimeMs += this.autoAdvanceMs;
    }
    this.driver.pipeRaw(
      this.name,
      this.keySerde.serializer(this.name, key, headers),
      this.valueSerde.serializer(this.name, value, headers),
      ts,
      headers,
    );
  }
}
