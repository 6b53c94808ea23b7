import { readInsertStatement } from '../sql/insert-statement';
import { sameSqlName } from '../sql/sql-text';
import { sqlSourceMap } from '../model/sql-source-map';
import type { PendingStatement } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { sourceEdit } from './sql-source-edits';

/**
 * Adds the `?` an INSERT's VALUES list lacks, when nothing else is in doubt: the statement names
 * its columns, every value it has is a plain `?`, and its parameters are exactly its columns in
 * order (`Id` for `id`, `Column("x")` for `x`). Then the missing placeholders are the whole
 * mistake, and adding them keeps every column the code means to sync. Anything less certain gets
 * no fix: which part is wrong would be a guess.
 */
export function missingPlaceholdersFix(statement: PendingStatement): Fix | undefined {
  const { sql, parameters } = statement;
  if (sql === undefined || !parameters) return undefined;
  const insert = readInsertStatement(sql);
  if (!insert?.columns || insert.valueTokens.length === 0) return undefined;
  const missing = insert.columns.length - insert.valueTokens.length;
  if (missing <= 0 || parameters.length !== insert.columns.length) return undefined;
  if (!insert.valueTokens.every((v) => v.length === 1 && v[0].kind === 'parameter' && v[0].text === '?')) return undefined;
  const matches = insert.columns.every((column, i) => {
    const p = parameters[i];
    return p.kind === 'Id' ? sameSqlName(column, 'id') : p.kind === 'Column' && p.name !== undefined && sameSqlName(column, p.name);
  });
  if (!matches) return undefined;
  const map = sqlSourceMap(statement.sqlValue);
  if (!map || map.text !== sql) return undefined;
  const last = insert.valueTokens[insert.valueTokens.length - 1][0];
  const edits = sourceEdit(map, { start: last.end, end: last.end, newText: ', ?'.repeat(missing) });
  if (!edits) return undefined;
  return { title: `Add the missing ${missing === 1 ? 'placeholder' : `${missing} placeholders`} (one ? per column and parameter)`, preferred: true, edits };
}
