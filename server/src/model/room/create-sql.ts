import type { Affinity, Column, ForeignKey, PrimaryKey } from '../workspace';

/** `ColumnInfo.VALUE_UNSPECIFIED`: no default. */
const VALUE_UNSPECIFIED = '[value-unspecified]';
/** Defaults Room writes unquoted into a TEXT column. */
const SQLITE_VALUE_CONSTANTS = new Set(['null', 'current_time', 'current_date', 'current_timestamp', 'true', 'false']);

/**
 * The DEFAULT text Room writes for `@ColumnInfo(defaultValue)`, which depends on the column's
 * resolved affinity; undefined for no DEFAULT clause.
 */
export function defaultValueSql(value: string, affinity: Affinity): string | undefined {
  if (value === VALUE_UNSPECIFIED) return undefined;
  const trimmed = value.trim().toLowerCase();
  if (affinity !== 'TEXT') return trimmed === '' ? undefined : value;
  if (trimmed.startsWith('(') || SQLITE_VALUE_CONSTANTS.has(trimmed)) return value;
  return `'${trimChar(value, "'")}'`;
}

/** `` `name` AFFINITY[ PRIMARY KEY AUTOINCREMENT][ NOT NULL][ COLLATE X][ DEFAULT v] ``. */
export function columnDefinition(column: Column, autoIncrement: boolean): string {
  let spec = '';
  if (autoIncrement) spec += ' PRIMARY KEY AUTOINCREMENT';
  if (column.notNull) spec += ' NOT NULL';
  if (column.collate !== undefined) spec += ` COLLATE ${column.collate}`;
  if (column.defaultValue !== undefined) spec += ` DEFAULT ${column.defaultValue}`;
  return `\`${column.name}\` ${column.affinity}${spec}`;
}

/** Room's FOREIGN KEY clause; a non-deferred key keeps Room's trailing space. */
export function foreignKeyDefinition(fk: ForeignKey): string {
  return `FOREIGN KEY(${quotedList(fk.childColumns)}) REFERENCES \`${fk.parentTable}\`(${quotedList(fk.parentColumns)})` +
    ` ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete} ${fk.deferred ? 'DEFERRABLE INITIALLY DEFERRED' : ''}`;
}

/** The CREATE TABLE statement exactly as Room's `createTableQuery` writes it. */
export function createTableSql(tableName: string, columns: readonly Column[], primaryKey: PrimaryKey | undefined, foreignKeys: readonly ForeignKey[]): string {
  const autoIncrement = primaryKey?.autoGenerate === true;
  const definitions = columns.map((c) => columnDefinition(c, autoIncrement && primaryKey.columns.includes(c.name)));
  if (primaryKey && primaryKey.columns.length > 0 && !autoIncrement) definitions.push(`PRIMARY KEY(${quotedList(primaryKey.columns)})`);
  definitions.push(...foreignKeys.map(foreignKeyDefinition));
  return `CREATE TABLE IF NOT EXISTS \`${tableName}\` (${definitions.join(', ')})`;
}

/** The CREATE INDEX statement exactly as Room's `Index.createQuery` writes it. */
export function createIndexSql(tableName: string, index: { name: string; unique: boolean; columns: readonly string[]; orders?: readonly string[] }): string {
  const orders = index.orders ?? [];
  const columns = index.columns.map((c, i) => (orders.length > 0 ? `\`${c}\` ${orders[i]}` : `\`${c}\``)).join(', ');
  return `CREATE ${index.unique ? 'UNIQUE INDEX' : 'INDEX'} IF NOT EXISTS \`${index.name}\` ON \`${tableName}\` (${columns})`;
}

/** Room's default index name. */
export function defaultIndexName(tableName: string, columns: readonly string[]): string {
  return `index_${tableName}_${columns.join('_')}`;
}

function quotedList(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

/** Kotlin's `String.trim(char)`: every leading and trailing `char` removed. */
function trimChar(text: string, char: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === char) start++;
  while (end > start && text[end - 1] === char) end--;
  return text.slice(start, end);
}
