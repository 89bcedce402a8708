import type { Processor } from '../../processor/processor.ts';
import type { Record } from '../../processor/record.ts';

/** `print`: writes `[label]: key, value` (or the mapper's text) per record. */
export class KStreamPrint<K, V> implements Processor<K, V> {
  private readonly write: (line: string) => void;
  private readonly label: string;
  private readonly mapper: (key: K, value: V) => string;

  constructor(
    write: (line: string) => void,
    label: string,
    mapper: ((key: K, value: V) => string) | undefined,
  ) {
    this.write = write;
    this.label = label;
    this.mapper = mapper ?? ((key, value) => `${String(key)}, ${String(value)}`);
  }
  process(record: Record<K, V>): void {
    this.write(`[${this.label}]: ${this.mapper(record.key, record.value)}`);
  }
}
