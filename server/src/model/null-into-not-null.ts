import { readInsertStatement } from '../sql/insert-statement';
import { outlineCreateTable } from '../sql/sql-outline';
import { isWord, sameSqlName, tokenizeSql } from '../sql/sql-text';
import type { Column, Table } from './workspace';

/**
 * What SQLite does when the put binds NULL into the NOT NULL `column` (measured in the core, see
 * test/unit/backend/core-not-null-default.test.ts): the conflict resolution is the put's
 * `OR <action>`, else the column's own `NOT NULL ON CONFLICT <action>`, else ABORT.
 * - `fails`: ABORT, FAIL, ROLLBACK, or REPLACE without a DEFAULT: the checkpoint is not applied;
 * - `stores-default`: REPLACE with a DEFAULT stores the DEFAULT;
 * - `skips-row`: IGNORE leaves the row out;
 * undefined when the table's CREATE TABLE cannot be outlined to tell the column's own action.
 */
export function nullIntoNotNull(table: Table, column: Column, putSql: string | undefined): 'fails' | 'stores-default' | 'skips-row' | undefined {
  const action = conflictAction(table, column, readInsertStatement(putSql ?? '')?.orAction);
  if (action === undefined) return undefined;
  if (action === 'IGNORE') return 'skips-row';
  if (action === 'REPLACE' && column.defaultValue !== undefined) return 'stores-default';
  return 'fails';
}

function conflictAction(table: Table, column: Column, putAction: string | undefined): string | undefined {
  if (putAction) return putAction;
  if (table.origin !== 'sql') return 'ABORT';
  const declared = outlineCreateTable(tokenizeSql(table.createSql))?.columns.filter((c) => sameSqlName(c.name.value, column.name));
  if (!declared || declared.length !== 1) return undefined;
  const t = declared[0].tokens;
  const at = t.findIndex((token, i) => isWord(token, 'NOT') && isWord(t[i + 1], 'NULL') && isWord(t[i + 2], 'ON') && isWord(t[i + 3], 'CONFLICT'));
  return at < 0 ? 'ABORT' : t[at + 4]?.value.toUpperCase();
}
