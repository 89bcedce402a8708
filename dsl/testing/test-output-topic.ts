import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Serde } from '../../core/serdes/index.ts';
import type { TaskOutputRecord } from '../runtime/topology-task.ts';
import type { KeyValueRecord, OutputTestRecord } from './test-record.ts';
import type { TopologyTestDriver } from './topology-test-driver.ts';

/** Reads typed records a topology wrote to one topic (Kafka's TestOutputTopic); reading consumes. */
export class TestOutputTopic<K, V> {
  readonly name: string;
  private readonly driver: TopologyTestDriver;
  private readonly keySerde: Serde<K>;
  private readonly valueSerde: Serde<V>;

  /** @internal use TopologyTestDriver.createOutputTopic */
  constructor(driver: TopologyTestDriver, name: string, keySerde: Serde<K>, valueSerde: Serde<V>) {
    this.driver = driver;
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  readRecord(): OutputTestRecord<K, V> {
    const raw = this.driver.readRaw(this.name);
    if (raw === undefined) {
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `no more records in output topic ${this.name}`);
    }
    return this.decode(raw);
  }

  private decode(raw: TaskOutputRecord): OutputTestRecord<K, V> {
    return {
      topic: raw.topic,
      key: this.keySerde.deserializer(raw.topic, raw.key, raw.headers),
      value: this.valueSerde.deserializer(raw.topic, raw.value, raw.headers),
      timestamp: raw.timestamp,
      headers: raw.headers,
    };
  }

  readKeyValue(): KeyValueRecord<K, V> {
    const r = this.readRecord();
    return { key: r.key, value: r.value };
  }

  readValue(): V | null {
    return this.readRecord().value;
  }

  readRecordsToList(): OutputTestRecord<K, V>[] {
    return this.driver.readAllRaw(this.name).map((raw) => this.decode(raw));
  }

  readKeyValuesToList(): KeyValueRecord<K, V>[] {
    return this.readRecordsToList().map((r) => ({ key: r.key, value: r.value }));
  }

  readValuesToList(): (V | null)[] {
    return this.readRecordsToList().map((r) => r.value);
  }

  /** Last value per key; a null value removes the key (Kafka's readKeyValuesToMap). */
  readKeyValuesToMap(): Map<K | null, V> {
    const out = new Map<K | null, V>();
    for (const r of this.readRecordsToList()) {
      if (r.value === null) out.delete(r.key);
      else out.set(r.key, r.value);
    }
    return out;
  }

  getQueueSize(): number {
    return this.driver.queueSize(this.name);
  }

  isEmpty(): boolean {
    return this.getQueueSize() === 0;
  }
}
