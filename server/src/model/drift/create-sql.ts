/**
 * The DDL Drift's migrator runs for a Dart-defined table (docs/facts.md §12): `Migrator.createTable`
 * → `_writeCreateTable` (drift/lib/src/runtime/query_builder/migration.dart) with each column's
 * `GeneratedColumn.writeColumnDefinition` (drift/lib/src/runtime/query_builder/schema/column_impl.dart)
 * and the constraints drift_dev generates for it (drift_dev/lib/src/writer/utils/column_constraints.dart),
 * simolus3/drift@d4f6b1aa (2.22.0-dev). Statements are kept without Drift's closing `;`, as the
 * other table sources keep theirs.
 */

/** The SQL types Drift writes for SQLite (`SqlDialect.sqlite`, query_builder.dart). */
export type DriftSqlType = 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB';

/** One column as drift_dev generates it. */
export interface DriftColumnSpec {
  name: string;
  type: DriftSqlType;
  nullable: boolean;
  /** `boolean()`: drift_dev adds `CHECK ("name" IN (0, 1))` for SQLite. */
  bool: boolean;
  /** The DEFAULT text of a `withDefault(Constant(…))`: a literal, written without brackets. */
  defaultSql?: string;
  autoIncrement: boolean;
  unique: boolean;
  references?: { table: string; column: string; onUpdate?: string; onDelete?: string; initiallyDeferred: boolean };
  /** `customConstraint('…')`: written instead of NULL/NOT NULL, DEFAULT and every drift constraint. */
  customConstraint?: string;
}

export interface DriftTableSpec {
  name: string;
  columns: DriftColumnSpec[];
  /** The `primaryKey` override's columns (SQL names), in the set literal's order. */
  primaryKey?: string[];
  uniqueKeys: string[][];
  /** The `customConstraints` override's strings, appended verbatim. */
  customConstraints: string[];
  withoutRowId: boolean;
  strict: boolean;
}

/** `SqlDialect.escape`: always double quotes (drift/lib/src/runtime/query_builder/query_builder.dart). */
export function driftEscape(name: string): string {
  return `"${name}"`;
}

/** `baseKeywords` of drift/lib/sqlite_keywords.dart: names `escapeIfNeeded` quotes. */
const KEYWORDS = new Set(`ADD ABORT ACTION AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY
CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME
CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT
EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FALSE FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS
HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT
LIKE LIMIT MATCH NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA
PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RIGHT RESTRICT ROLLBACK
ROW ROWID ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER TRUE UNBOUNDED UNION UNIQUE
UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT`.split(/\s+/));

/** `escapeIfNeeded` (drift/lib/sqlite_keywords.dart): quoted when a keyword or not `[A-Za-z_0-9]+`. */
export function driftEscapeIfNeeded(name: string): string {
  return KEYWORDS.has(name.toUpperCase()) || /[^A-Za-z_0-9]/.test(name) ? driftEscape(name) : name;
}

/**
 * drift_dev's `defaultConstraints` for SQLite: first the dialect-specific ones
 * (`PRIMARY KEY AUTOINCREMENT`, the bool CHECK), then `UNIQUE` (not on a key column) and
 * `REFERENCES t (c)[ ON UPDATE a][ ON DELETE a][ DEFERRABLE INITIALLY DEFERRED]`, joined by spaces.
 */
function defaultConstraints(column: DriftColumnSpec): string {
  const out: string[] = [];
  if (column.autoIncrement) out.push('PRIMARY KEY AUTOINCREMENT');
  if (column.bool) out.push(`CHECK (${driftEscape(column.name)} IN (0, 1))`);
  if (!column.autoIncrement && column.unique) out.push('UNIQUE');
  const ref = column.references;
  if (ref) {
    let constraint = `REFERENCES ${driftEscapeIfNeeded(ref.table)} (${driftEscapeIfNeeded(ref.column)})`;
    if (ref.onUpdate) constraint += ` ON UPDATE ${ref.onUpdate}`;
    if (ref.onDelete) constraint += ` ON DELETE ${ref.onDelete}`;
    if (ref.initiallyDeferred) constraint += ' DEFERRABLE INITIALLY DEFERRED';
    out.push(constraint);
  }
  return out.join(' ');
}

/** `writeColumnDefinition` for SQLite. */
export function driftColumnSql(column: DriftColumnSpec): string {
  let sql = `${driftEscape(column.name)} ${column.type}`;
  if (column.customConstraint === undefined) {
    sql += column.nullable ? ' NULL' : ' NOT NULL';
    if (column.defaultSql !== undefined) sql += ` DEFAULT ${column.defaultSql}`;
    const constraints = defaultConstraints(column);
    if (constraints) sql += ` ${constraints}`;
  } else if (column.customConstraint.length > 0) {
    sql += ` ${column.customConstraint}`;
  }
  return sql;
}

/**
 * `_writeCreateTable`: `CREATE TABLE IF NOT EXISTS "t" (<columns>[, PRIMARY KEY (…)][, UNIQUE (…)]…[, <custom>…])[ WITHOUT ROWID][ STRICT]`
 * (Drift then writes `;`).
 * The key is written as a table constraint unless a column has autoIncrement (which is the key).
 */
export function driftCreateTableSql(table: DriftTableSpec): string {
  let sql = `CREATE TABLE IF NOT EXISTS ${driftEscape(table.name)} (${table.columns.map(driftColumnSql).join(', ')}`;
  const hasAutoIncrement = table.columns.some((c) => c.autoIncrement);
  if (table.primaryKey && table.primaryKey.length > 0 && !hasAutoIncrement) sql += `, PRIMARY KEY (${table.primaryKey.map(driftEscape).join(', ')})`;
  for (const key of table.uniqueKeys) sql += `, UNIQUE (${key.map(driftEscape).join(', ')})`;
  for (const constraint of table.customConstraints) sql += `, ${constraint}`;
  sql += ')';
  if (table.withoutRowId) sql += ' WITHOUT ROWID';
  if (table.strict) sql += ' STRICT';
  return sql;
}

/** `mapToSqlLiteral` of a String (drift/lib/src/runtime/types/mapping.dart): single quotes, `'` doubled. */
export function driftStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A Dart name as drift_dev's default `case_from_dart_to_sql: snake_case` writes it (ReCase's
 * `snakeCase`): a new word at each capital, words lower-cased and joined by `_`. Names whose
 * splitting Rawsync does not pin down (two capitals in a row, `_`, `$`, a leading capital run)
 * are undefined.
 */
export function driftSnakeCase(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name) || /[A-Z]{2}/.test(name)) return undefined;
  return name.replace(/(?!^)([A-Z])/g, '_$1').toLowerCase();
}
