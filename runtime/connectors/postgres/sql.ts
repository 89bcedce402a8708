/** SQL text helpers: identifiers and literals are always quoted, never spliced in raw. */

/** `"name"` with embedded quotes doubled, as quote_ident does for any name. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new TypeError('an identifier cannot contain NUL');
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with embedded quotes doubled (standard_conforming_strings, the default since 9.1). */
export function quoteLiteral(text: string): string {
  if (text.includes('\u0000')) throw new TypeError('a literal cannot contain NUL');
  return `'${text.replace(/'/g, "''")}'`;
}

/** A schema-qualified table, each part quoted. */
export interface TableId {
  readonly schema: string;
  readonly table: string;
}

export function quoteTable(id: TableId): string {
  return `${quoteIdent(id.schema)}.${quoteIdent(id.table)}`;
}

/** `schema.table` as the include/exclude lists and logs name it. */
export function tableName(id: TableId): string {
  return `${id.schema}.${id.table}`;
}
