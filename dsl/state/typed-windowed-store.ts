import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Serde } from '../../core/serdes/index.ts';
import type { ChangelogRecord, StateStore, StateStoreContext } from './state-store.ts';
import { changelogTopicFor } from './typed-key-value-store.ts';
import { WrappedStateStore } from './wrapped-state-store.ts';

/** The declared serde, else the task's default; neither is a config error naming the store. */
export function pickSerde<T>(
  declared: Serde<T> | undefined,
  fallback: unknown,
  which: string,
  store: string,
): Serde<T> {
  const serde = declared ?? (fallback as Serde<T> | undefined);
  if (serde === undefined) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `no ${which} serde for state store ${store}: set one on Materialized or default.${which}.serde`,
    );
  }
  return serde;
}

/**
 * What the typed window and session stores share (Kafka's MeteredWindowStore and
 * MeteredSessionStore minus metrics): serdes resolved at init (the store's own, else the task's
 * defaults), seeing the changelog topic name as their topic; keys serialized to bytes, null keys
 * refused; restoration only through a logged inner store.
 */
export abstract class TypedWindowedStore<
  S extends StateStore & { readonly retentionPeriodMs: number },
  K,
  V,
> extends WrappedStateStore<S> {
  private readonly declaredKeySerde: Serde<K> | undefined;
  private readonly declaredValueSerde: Serde<V> | undefined;
  protected keySerde!: Serde<K>;
  protected valueSerde!: Serde<V>;
  protected topic: string;

  constructor(inner: S, keySerde: Serde<K> | undefined, valueSerde: Serde<V> | undefined) {
    super(inner);
    this.declaredKeySerde = keySerde;
    this.declaredValueSerde = valueSerde;
    this.topic = inner.name;
  }

  get retentionPeriodMs(): number {
    return this.inner.retentionPeriodMs;
  }

  override init(context: StateStoreContext): void {
    this.keySerde = pickSerde(this.declaredKeySerde, context.defaultKeySerde, 'key', this.name);
    this.valueSerde = this.resolveValueSerde(this.declaredValueSerde, context);
    this.topic = changelogTopicFor(context.applicationId, this.name);
    this.inner.init(context);
  }

  /** @internal The timestamped store wraps the resolved value serde. */
  protected resolveValueSerde(declared: Serde<V> | undefined, context: StateStoreContext): Serde<V> {
    return pickSerde(declared, context.defaultValueSerde, 'value', this.name);
  }

  restore(records: Iterable<ChangelogRecord>): void {
    if (this.inner.restore === undefined)
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `state store ${this.name} has no changelog to restore from`,
      );
    this.inner.restore(records);
  }

  protected keyBytes(key: K): Buffer {
    const bytes = this.keySerde.serializer(this.topic, key);
    if (bytes === null)
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `state store ${this.name} does not accept null keys`);
    return bytes;
  }
  protected bound(key: K | undefined): Buffer | undefined {
    return key === undefined ? undefined : this.keyBytes(key);
  }
}
