/**
 * The DDL drizzle-kit writes for a SQLite table (docs/facts.md §10): drizzle-kit's
 * `SQLiteCreateTableConvertor` and `CreateSqliteIndexConvertor` (drizzle-kit/src/sqlgenerator.ts,
 * drizzle-team/drizzle-orm@b7862528). Statements are kept without drizzle-kit's closing `;`.
 */

/** One column as drizzle-kit's snapshot holds it (drizzle-kit/src/serializer/sqliteSerializer.ts). */
export interface DrizzleColumnSpec {
  name: string;
  /** `getSQLType()`: `text`, `text(256)`, `integer`, `real`, `blob`, `numeric`. */
  type: string;
  primaryKey: boolean;
  autoincrement: boolean;
  notNull: boolean;
  /** The DEFAULT text, rendered as drizzle-kit renders it. */
  defaultSql?: string;
}

/** A foreign key as drizzle-kit writes it: actions lower-case, `no action` when not given. */
export interface DrizzleForeignKeySpec {
  columnsFrom: string[];
  tableTo: string;
  columnsTo: string[];
  onUpdate: string;
  onDelete: string;
}

/**
 * `CREATE TABLE \`t\` (\n\t\`c\` type[ PRIMARY KEY][ AUTOINCREMENT][ DEFAULT d][ NOT NULL],\n…`, then
 * each composite key `PRIMARY KEY(\`a\`, \`b\`)`, then each foreign key
 * `FOREIGN KEY (\`a\`) REFERENCES \`p\`(\`id\`) ON UPDATE <action> ON DELETE <action>`, then `\n)`.
 */
export function drizzleCreateTableSql(table: string, columns: DrizzleColumnSpec[], compositeKeys: string[][], foreignKeys: DrizzleForeignKeySpec[]): string {
  const lines = columns.map((c) =>
    `\t\`${c.name}\` ${c.type}${c.primaryKey ? ' PRIMARY KEY' : ''}${c.autoincrement ? ' AUTOINCREMENT' : ''}` +
    `${c.defaultSql !== undefined ? ` DEFAULT ${c.defaultSql}` : ''}${c.notNull ? ' NOT NULL' : ''}`);
  for (const key of compositeKeys) lines.push(`\tPRIMARY KEY(${key.map((k) => `\`${k}\``).join(', ')})`);
  for (const fk of foreignKeys) {
    lines.push(
      `\tFOREIGN KEY (${fk.columnsFrom.map((c) => `\`${c}\``).join(',')}) REFERENCES \`${fk.tableTo}\`(${fk.columnsTo.map((c) => `\`${c}\``).join(',')})` +
        ` ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete}`,
    );
  }
  return `CREATE TABLE \`${table}\` (\n${lines.join(',\n')}\n)`;
}

/** `CREATE [UNIQUE ]INDEX \`name\` ON \`table\` (\`a\`,\`b\`)`. */
export function drizzleCreateIndexSql(table: string, index: { name: string; unique: boolean; columns: string[] }): string {
  return `CREATE ${index.unique ? 'UNIQUE INDEX' : 'INDEX'} \`${index.name}\` ON \`${table}\` (${index.columns.map((c) => `\`${c}\``).join(',')})`;
}

/**
 * A JavaScript default as drizzle-kit writes it: a string single-quoted with `'` doubled, a
 * number or boolean as JavaScript prints it. Other values (null, objects, dates) are not rendered.
 */
export function drizzleDefaultSql(value: string | number | boolean): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

/**
 * The words drizzle-orm's casing helpers split a key into (drizzle-orm/src/casing.ts): runs of
 * lower-case letters and digits, runs of capitals not followed by a lower-case letter, and a
 * capital followed by lower-case letters and digits; apostrophes dropped.
 */
function casingWords(key: string): string[] {
  return key.replace(/['\u2019]/g, '').match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [];
}

export type DrizzleCasing = 'snake_case' | 'camelCase';

/** A key as drizzle-kit's `casing` option rewrites it (`toSnakeCase`, `toCamelCase`). */
export function casedKey(key: string, casing: DrizzleCasing): string {
  const words = casingWords(key);
  return casing === 'snake_case'
    ? words.map((w) => w.toLowerCase()).join('_')
    : words.map((w, i) => (i === 0 ? w.toLowerCase() : `${w[0].toUpperCase()}${w.slice(1)}`)).join('');
}

/**
 * Whether drizzle-kit names a column keyed `key` (no name given) `key` whatever its `casing`
 * option: neither `snake_case` nor `camelCase` changes it.
 */
export function keyNameIsCasingProof(key: string): boolean {
  return casedKey(key, 'snake_case') === key && casedKey(key, 'camelCase') === key;
}
