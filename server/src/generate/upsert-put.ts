import type { InsertStatement } from '../sql/insert-statement';

/** Writes a name bare when SQLite would read it as a plain identifier, else double-quoted. */
export function sqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toUpperCase()) ? name : `"${name.replace(/"/g, '""')}"`;
}

const RESERVED = new Set(['ADD', 'ALL', 'ALTER', 'AND', 'AS', 'AUTOINCREMENT', 'BETWEEN', 'CASE', 'CHECK', 'COLLATE', 'COMMIT', 'CONSTRAINT', 'CREATE', 'DEFAULT', 'DEFERRABLE', 'DELETE', 'DISTINCT', 'DROP', 'ELSE', 'ESCAPE', 'EXCEPT', 'EXISTS', 'FOREIGN', 'FROM', 'GROUP', 'HAVING', 'IN', 'INDEX', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'ISNULL', 'JOIN', 'LIMIT', 'NOT', 'NOTNULL', 'NULL', 'ON', 'OR', 'ORDER', 'PRIMARY', 'REFERENCES', 'SELECT', 'SET', 'TABLE', 'THEN', 'TO', 'TRANSACTION', 'UNION', 'UNIQUE', 'UPDATE', 'USING', 'VALUES', 'WHEN', 'WHERE']);

/**
 * The put rewritten as an upsert over the same columns and values, so the parameter list stays
 * in step: `INSERT INTO t (id, a) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET a = excluded.a`.
 * Returns the statement as lines (the caller decides one line or a raw string), or undefined when
 * the statement has no column list to rebuild from.
 */
export function upsertPutSql(sql: string, insert: InsertStatement, tableColumns: string[] | undefined): string[] | undefined {
  const columns = insert.columns ?? tableColumns?.slice(0, insert.valueTokens.length);
  if (!columns || columns.length !== insert.valueTokens.length || columns.length === 0) return undefined;
  const values = insert.valueTokens.map((tokens) => (tokens.length > 0 ? sql.slice(tokens[0].start, tokens[tokens.length - 1].end) : 'NULL'));
  const updated = columns.filter((c) => c.toLowerCase() !== 'id');
  if (!columns.some((c) => c.toLowerCase() === 'id')) return undefined;
  const head = `INSERT INTO ${sqlName(insert.table)} (${columns.map(sqlName).join(', ')})`;
  const valueLine = `VALUES (${values.join(', ')})`;
  if (updated.length === 0) return [head, valueLine, 'ON CONFLICT(id) DO NOTHING'];
  const assignments = updated.map((c) => `${sqlName(c)} = excluded.${sqlName(c)}`);
  const conflict = `ON CONFLICT(id) DO UPDATE SET ${assignments.join(', ')}`;
  if (conflict.length <= 100) return [head, valueLine, conflict];
  // One assignment a line once the clause gets long, as one would write it by hand.
  return [head, valueLine, 'ON CONFLICT(id) DO UPDATE SET', ...assignments.map((a, i) => `  ${a}${i < assignments.length - 1 ? ',' : ''}`)];
}
