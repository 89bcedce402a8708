/** Where and how `print()` writes: `[label]: key, value` per record, as Kafka's Printed. */
export class Printed<K, V> {
  readonly write: (line: string) => void;
  readonly label: string | undefined;
  readonly mapper: ((key: K, value: V) => string) | undefined;
  readonly name: string | undefined;

  private constructor(
    write: (line: string) => void,
    label: string | undefined,
    mapper: ((key: K, value: V) => string) | undefined,
    name: string | undefined,
  ) {
    this.write = write;
    this.label = label;
    this.mapper = mapper;
    this.name = name;
  }

  static toSysOut<K, V>(): Printed<K, V> {
    return new Printed<K, V>((line) => process.stdout.write(`${line}\n`), undefined, undefined, undefined);
  }
  /** Sends each printed line to `write` (Kafka's toFile, generalized; handy in tests). */
  static toWriter<K, V>(write: (line: string) => void): Printed<K, V> {
    return new Printed<K, V>(write, undefined, undefined, undefined);
  }
  withLabel(label: string): Printed<K, V> {
    return new Printed(this.write, label, this.mapper, this.name);
  }
  withKeyValueMapper(mapper: (key: K, value: V) => string): Printed<K, V> {
    return new Printed(this.write, this.label, mapper, this.name);
  }
  withName(name: string): Printed<K, V> {
    return new Printed(this.write, this.label, this.mapper, name);
  }
}
