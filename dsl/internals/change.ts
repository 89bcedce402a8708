import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Serde } from '../../core/serdes/index.ts';
import { DeserializationError } from '../../core/serdes/index.ts';

/**
 * What KTable processors forward to each other (Kafka's internal Change): the key's new value and,
 * when a downstream operator asked for it (`sendOldValues`), its previous value. A null new value is
 * a delete. Table aggregations need the old value to subtract it.
 */
export class Change<V> {
  readonly newValue: V | null;
  readonly oldValue: V | null;

  constructor(newValue: V | null, oldValue: V | null) {
    this.newValue = newValue;
    this.oldValue = oldValue;
  }

  toString(): string {
    return `(${String(this.newValue)}<-${String(this.oldValue)})`;
  }
}

/** Trailing flag byte of a serialized Change: which values the bytes carry. */
const ChangeFlag = { OLD: 0, NEW: 1, BOTH: 2 } as const;
const lengthBytes = 4;

/**
 * Kafka's ChangedSerializer/Deserializer (3.5+ layout) for the repartition topic of
 * `KTable.groupBy`: `[new][1]`, `[old][0]`, or `[newLength: int32][new][old][2]`. One record carries
 * subtract-and-add when the grouping key did not change.
 */
export function changeSerde<V>(inner: Serde<V>): Serde<Change<V>> {
  return {
    serializer: (topic, data, headers) => {
      if (data === null) return null;
      const newBytes = data.newValue === null ? null : inner.serializer(topic, data.newValue, headers);
      const oldBytes = data.oldValue === null ? null : inner.serializer(topic, data.oldValue, headers);
      if (newBytes !== null && oldBytes !== null) {
        const out = Buffer.allocUnsafe(lengthBytes + newBytes.length + oldBytes.length + 1);
        out.writeInt32BE(newBytes.length, 0);
        newBytes.copy(out, lengthBytes);
        oldBytes.copy(out, lengthBytes + newBytes.length);
        out[out.length - 1] = ChangeFlag.BOTH;
        return out;
      }
      if (newBytes !== null) return Buffer.concat([newBytes, Buffer.from([ChangeFlag.NEW])]);
      if (oldBytes !== null) return Buffer.concat([oldBytes, Buffer.from([ChangeFlag.OLD])]);
      throw new KafkaError(
        ErrorCode.INVALID_RECORD,
        `both old and new values are null in a change for ${topic}`,
      );
    },
    deserializer: (topic, data, headers) => {
      if (data === null) return null;
      if (data.length < 1) throw new DeserializationError(topic, 'empty change record');
      const flag = data[data.length - 1];
      const body = data.subarray(0, data.length - 1);
      switch (flag) {
        case ChangeFlag.NEW:
          return new Change(inner.deserializer(topic, body, headers), null);
        case ChangeFlag.OLD:
          return new Change(null, inner.deserializer(topic, body, headers));
        case ChangeFlag.BOTH: {
          if (body.length < lengthBytes) throw new DeserializationError(topic, 'truncated change record');
          const newLength = body.readInt32BE(0);
          if (newLength < 0 || lengthBytes + newLength > body.length)
            throw new DeserializationError(topic, `bad new-value length ${newLength} in change record`);
          const newBytes = body.subarray(lengthBytes, lengthBytes + newLength);
          const oldBytes = body.subarray(lengthBytes + newLength);
          return new Change(
            inner.deserializer(topic, newBytes, headers),
            inner.deserializer(topic, oldBytes, headers),
          );
        }
        default:
          throw new DeserializationError(topic, `unknown change flag ${String(flag)}`);
      }
    },
  };
}
