/** Names an operator's processor node instead of the generated `KSTREAM-...-0000000007` name. */
export class Named {
  readonly name: string;
  private constructor(name: string) {
    this.name = name;
  }
  static as(name: string): Named {
    if (name.length === 0) throw new TypeError('Named.as needs a non-empty name');
    if (!/^[a-zA-Z0-9._-]+$/.test(name)) throw new TypeError(`name "${name}" may only use [a-zA-Z0-9._-]`);
    return new Named(name);
  }
}
