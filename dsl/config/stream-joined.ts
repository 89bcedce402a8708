import type { Serde } from '../../core/serdes/index.ts';

interface Fields<K, V1, V2> {
  readonly keySerde?: Serde<K> | undefined;
  readonly valueSerde?: Serde<V1> | undefined;
  readonly otherValueSerde?: Serde<V2> | undefined;
  readonly name?: string | undefined;
  readonly storeName?: string | undefined;
  readonly loggingEnabled?: boolean;
  readonly topicConfig?: Readonly<Record<string, string>>;
}

function checkName(name: string): void {
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) throw new TypeError(`name "${name}" may only use [a-zA-Z0-9._-]`);
}

/**
 * Settings of a stream-stream join (Kafka's StreamJoined): serdes of the join stores and
 * repartition topics, the processor name (`<name>-this-join`, ...) and the base store name
 * (`<storeName>-this-join-store`, `<storeName>-other-join-store`), and changelog logging.
 */
export class StreamJoined<K, V1, V2> {
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V1> | undefined;
  readonly otherValueSerde: Serde<V2> | undefined;
  readonly name: string | undefined;
  readonly storeName: string | undefined;
  readonly loggingEnabled: boolean;
  readonly topicConfig: Readonly<Record<string, string>>;

  private constructor(f: Fields<K, V1, V2>) {
    if (f.name !== undefined) checkName(f.name);
    if (f.storeName !== undefined) checkName(f.storeName);
    this.keySerde = f.keySerde;
    this.valueSerde = f.valueSerde;
    this.otherValueSerde = f.otherValueSerde;
    this.name = f.name;
    this.storeName = f.storeName;
    this.loggingEnabled = f.loggingEnabled ?? true;
    this.topicConfig = f.topicConfig ?? {};
  }

  static with<K, V1, V2>(
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V1> | undefined,
    otherValueSerde: Serde<V2> | undefined,
  ): StreamJoined<K, V1, V2> {
    return new StreamJoined<K, V1, V2>({ keySerde, valueSerde, otherValueSerde });
  }
  /** Names the join stores (and so their changelogs) after `storeName`. */
  static as<K, V1, V2>(storeName: string): StreamJoined<K, V1, V2> {
    return new StreamJoined<K, V1, V2>({ storeName });
  }
  private fields(): Fields<K, V1, V2> {
    return { ...this };
  }
  withName(name: string): StreamJoined<K, V1, V2> {
    return new StreamJoined({ ...this.fields(), name });
  }
  withStoreName(storeName: string): StreamJoined<K, V1, V2> {
    return new StreamJoined({ ...this.fields(), storeName });
  }
  withKeySerde(keySerde: Serde<K>): StreamJoined<K, V1, V2> {
    return new StreamJoined({ ...this.fields(), keySerde });
  }
  withValueSerde(valueSerde: Serde<V1>): StreamJoined<K, V1, V2> {
    return new StreamJoined({ ...this.fields(), valueSerde });
  }
  withOtherValueSerde(otherValueSerde: Serde<V2>): StreamJoined<K, V1, V2> {
    return new StreamJoined({ ...this.fields(), otherValueSerde });
  }
  withLoggingEnabled(topicConfig: Readonly<Record<string, string>> = {}): StreamJoined<K, V1, V2> {
    return new StreamJoined({ ...this.fields(), loggingEnabled: true, topicConfig });
  }
  withLoggingDisabled(): StreamJoined<K, V1, V2> {
    return new StreamJoined({ ...this.fields(), loggingEnabled: false, topicConfig: {} });
  }
}

/**
 * Settings of a stream-table join (Kafka's Joined): serdes for the repartition topic of a stream
 * whose key changed, and a name for the join processor.
 */
export class Joined<K, V1, V2> {
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V1> | undefined;
  readonly otherValueSerde: Serde<V2> | undefined;
  readonly name: string | undefined;

  private constructor(
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V1> | undefined,
    otherValueSerde: Serde<V2> | undefined,
    name: string | undefined,
  ) {
    if (name !== undefined) checkName(name);
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.otherValueSerde = otherValueSerde;
    this.name = name;
  }

  static with<K, V1, V2>(
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V1> | undefined,
    otherValueSerde: Serde<V2> | undefined,
  ): Joined<K, V1, V2> {
    return new Joined(keySerde, valueSerde, otherValueSerde, undefined);
  }
  static as<K, V1, V2>(name: string): Joined<K, V1, V2> {
    return new Joined<K, V1, V2>(undefined, undefined, undefined, name);
  }
  withName(name: string): Joined<K, V1, V2> {
    return new Joined(this.keySerde, this.valueSerde, this.otherValueSerde, name);
  }
}
