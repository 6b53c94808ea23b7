import { outlineCreateTable } from '../sql/sql-outline';
import { closingParen, isName, isSymbol, isWord, tokenizeSql, type SqlToken } from '../sql/sql-text';
import type { ForeignKey, Table } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { createSqlEdits } from './sql-source-edits';

const DEFER_CLAUSE = 'DEFERRABLE INITIALLY DEFERRED';
const ACTIONS = ['CASCADE', 'RESTRICT'];

/**
 * Defers a foreign key written in SQL: `DEFERRABLE INITIALLY DEFERRED` follows its REFERENCES
 * clause (after ON DELETE / ON UPDATE / MATCH), or replaces a defer clause that does not defer.
 * Only where the statement's text can be placed in the source (a `.sql` file, or a Kotlin string
 * without templates).
 */
export function sqlDeferredForeignKeyFix(table: Table, fk: ForeignKey): Fix | undefined {
  if (fk.deferred || fk.roomCall || table.origin !== 'sql') return undefined;
  const at = table.foreignKeys.indexOf(fk);
  if (at < 0) return undefined;
  const tokens = tokenizeSql(table.createSql);
  const outline = outlineCreateTable(tokens);
  if (!outline || outline.foreignKeys.length !== table.foreignKeys.length) return undefined;
  const edit = deferEdit(tokens, outline.foreignKeys[at].start);
  if (!edit) return undefined;
  // The defer clause SQLite applies is the last one before the next key: check ours wins.
  const edited = table.createSql.slice(0, edit.start) + edit.newText + table.createSql.slice(edit.end);
  const after = outlineCreateTable(tokenizeSql(edited));
  if (!after || after.foreignKeys.length !== outline.foreignKeys.length || !after.foreignKeys[at].deferred) return undefined;
  const edits = createSqlEdits(table, edit);
  if (!edits) return undefined;
  return { title: `Make the foreign key to '${fk.parentTable}' deferred (${DEFER_CLAUSE})`, preferred: true, edits };
}

/** The edit to the statement text that defers the key whose clause starts at `start`. */
function deferEdit(tokens: SqlToken[], start: SqlToken): { start: number; end: number; newText: string } | undefined {
  let i = tokens.indexOf(start);
  if (i < 0 || !isWord(tokens[i], 'REFERENCES') || !isName(tokens[i + 1])) return undefined;
  i += 2;
  if (isSymbol(tokens[i], '(')) i = closingParen(tokens, i) + 1;
  let last = i - 1;
  for (;;) {
    const next = clauseEnd(tokens, i);
    if (next === undefined) break;
    last = next - 1;
    i = next;
  }
  const defer = deferClause(tokens, i);
  if (defer) return { start: tokens[i].start, end: tokens[defer - 1].end, newText: DEFER_CLAUSE };
  const end = tokens[last]?.end;
  return end === undefined ? undefined : { start: end, end, newText: ` ${DEFER_CLAUSE}` };
}

/** The index past an `ON DELETE|UPDATE <action>` or `MATCH name` clause at `i`, if one is there. */
function clauseEnd(tokens: SqlToken[], i: number): number | undefined {
  if (isWord(tokens[i], 'MATCH') && isName(tokens[i + 1])) return i + 2;
  if (!isWord(tokens[i], 'ON') || !isWord(tokens[i + 1], 'DELETE', 'UPDATE')) return undefined;
  const action = tokens[i + 2];
  if (isWord(action, ...ACTIONS)) return i + 3;
  if (isWord(action, 'SET') && isWord(tokens[i + 3], 'NULL', 'DEFAULT')) return i + 4;
  if (isWord(action, 'NO') && isWord(tokens[i + 3], 'ACTION')) return i + 4;
  return undefined;
}

/** The index past a `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]` clause at `i`, if one is there. */
function deferClause(tokens: SqlToken[], i: number): number | undefined {
  let j = i;
  if (isWord(tokens[j], 'NOT')) j++;
  if (!isWord(tokens[j], 'DEFERRABLE')) return undefined;
  j++;
  if (isWord(tokens[j], 'INITIALLY') && isWord(tokens[j + 1], 'DEFERRED', 'IMMEDIATE')) j += 2;
  return j;
}
