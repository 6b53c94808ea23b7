import { readInsertStatement } from '../sql/insert-statement';
import { isSymbol, isWord, sameSqlName, splitSqlStatements, tokenizeSql, type SqlToken } from '../sql/sql-text';
import { rowReferences } from '../sql/row-references';
import { sqlSourceMap } from '../model/sql-source-map';
import type { RawTable, Table, WorkspaceModel } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { parameterText } from '../model/powersync/api-text';
import { appendedColumnParameter, appendedListItem, placeholderSources } from './parameter-list-fix';
import { writerOfFile } from '../frontends/registry';
import { sourceEdits, type SqlTextChange } from './sql-source-edits';
import { sqlName } from './upsert-put';

/**
 * Adds a column the sync config sends to the put of its raw table: the column to the INSERT's
 * column list, a `?` to its VALUES, `c = excluded.c` to its `ON CONFLICT … DO UPDATE SET`, and
 * `Column("c")` to the parameter list (in the list's own spelling: `appendedColumnParameter`).
 * Only when the local table already has a column of exactly that name that the INSERT does not
 * write, and the put is plain: its own column list, every placeholder a bare `?` in VALUES, its
 * parameters its columns in order (`Id` for id, `Column("c")` for c), at most one ON CONFLICT.
 * Preferred unless a CRUD trigger on the table leaves the column out of its upload (then it looks
 * local-only by design: syncing it would overwrite local values), or the local column is NOT NULL
 * and the server may send NULL (the put would then fail on that row and stall the sync).
 */
export function syncedColumnPutFix(model: WorkspaceModel, rawTable: RawTable, table: Table, column: string, sentNullable: boolean | undefined): Fix | undefined {
  const put = rawTable.put;
  if (!put?.sql || !put.parameters) return undefined;
  const local = table.columns.find((c) => c.name === column);
  const insert = readInsertStatement(put.sql);
  if (!local || !insert?.columns || !sameSqlName(insert.table, table.name) || insert.columns.some((c) => sameSqlName(c, column))) return undefined;
  if (insert.upserts.length > 1 || insert.valueTokens.length !== insert.columns.length) return undefined;
  const statement = splitSqlStatements(put.sql);
  if (statement.length !== 1) return undefined;
  const tokens = tokenizeSql(put.sql);
  const placeholders = tokens.filter((t) => t.kind === 'parameter');
  const inValues = insert.valueTokens.filter((v) => v.length === 1 && v[0].kind === 'parameter' && v[0].text === '?');
  if (placeholders.some((t) => t.text !== '?') || placeholders.length !== inValues.length || inValues.length !== insert.valueTokens.length) return undefined;
  // The list rebuilt from the SQL must be the list as it is: every key is its column's name.
  const sources = placeholderSources(put.sql, table);
  if (!sources || sources.length !== put.parameters.length || !sources.every((s, i) => {
    const p = put.parameters![i];
    return s.kind === 'Id' ? p.kind === 'Id' : p.kind === 'Column' && p.name === s.name;
  })) return undefined;

  const name = sqlName(column);
  const closeOfColumns = columnListClose(tokens, insert.verbEnd);
  const lastValue = insert.valueTokens[insert.valueTokens.length - 1];
  if (closeOfColumns === undefined || !lastValue.length) return undefined;
  const changes: SqlTextChange[] = [
    { start: closeOfColumns, end: closeOfColumns, newText: `, ${name}` },
    { start: lastValue[lastValue.length - 1].end, end: lastValue[lastValue.length - 1].end, newText: ', ?' },
  ];
  if (insert.upserts[0]?.action === 'UPDATE') {
    const end = setListEnd(tokens);
    if (end === undefined) return undefined;
    changes.push({ start: end, end, newText: `, ${name} = excluded.${name}` });
  }
  const map = sqlSourceMap(put.sqlValue);
  if (!map || map.text !== put.sql) return undefined;
  const sqlEdits = sourceEdits(map, changes);
  const list = appendedColumnParameter(put, column, model.files.get(put.parametersValue?.loc.uri ?? ''));
  if (!sqlEdits || !list) return undefined;
  return {
    title: `Sync '${column}' into '${table.name}.${local.name}': add it to the put (${parameterText({ kind: 'Column', name: column }, rawTable.api)})`,
    preferred: !leftOutByTriggers(model, table, column) && !(local.notNull && sentNullable !== false),
    edits: [...sqlEdits, ...list],
  };
}

/**
 * Adds a column the sync config sends to an inferred raw table's `syncedColumns`, written in place
 * as a list of string literals, when the local table has a column of exactly that name: the core's
 * inferred put then writes it (and its trigger helper uploads it). Preferred on the same terms as
 * the put fix.
 */
export function syncedColumnsEntryFix(model: WorkspaceModel, rawTable: RawTable, table: Table, column: string, sentNullable: boolean | undefined): Fix | undefined {
  const list = rawTable.schema?.syncedColumnsValue;
  const local = table.columns.find((c) => c.name === column);
  if (rawTable.put || !local || list?.kind !== 'list' || list.items.length === 0 || list.items.some((i) => i.kind !== 'string')) return undefined;
  const literal = writerOfFile(list.loc.uri)?.stringLiteral;
  if (!literal) return undefined;
  return {
    title: `Sync '${column}' into '${table.name}.${local.name}': add it to syncedColumns`,
    preferred: !leftOutByTriggers(model, table, column) && !(local.notNull && sentNullable !== false),
    edits: [appendedListItem(list, literal(column))],
  };
}

/** The offset of the `)` closing the INSERT's column list (after `INTO table`). */
function columnListClose(tokens: SqlToken[], verbEnd: number): number | undefined {
  const open = tokens.findIndex((t) => t.start >= verbEnd && isSymbol(t, '('));
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    else if (isSymbol(tokens[i], ')') && --depth === 0) return tokens[i].start;
  }
  return undefined;
}

/** The end offset of the last assignment of `DO UPDATE SET …` (before a WHERE, RETURNING or `;`). */
function setListEnd(tokens: SqlToken[]): number | undefined {
  const set = tokens.findIndex((t, i) => isWord(t, 'SET') && isWord(tokens[i - 1], 'UPDATE') && isWord(tokens[i - 2], 'DO'));
  if (set < 0) return undefined;
  let depth = 0;
  let last: SqlToken | undefined;
  for (let i = set + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'comment') continue;
    if (isSymbol(t, '(')) depth++;
    if (isSymbol(t, ')')) depth--;
    if (depth === 0 && (isWord(t, 'WHERE', 'RETURNING') || isSymbol(t, ';'))) break;
    last = t;
  }
  return last?.end;
}

/** True when a CRUD trigger on the table does not upload the column, or cannot be read. */
function leftOutByTriggers(model: WorkspaceModel, table: Table, column: string): boolean {
  return model.triggers.some((t) => {
    if (!t.writesPowerSyncCrud || t.table === undefined || !sameSqlName(t.table, table.name) || t.event === 'DELETE') return false;
    // The core's helper uploads every column of a raw table without synced_columns.
    if (t.form === 'crud-trigger-call') return false;
    if (t.sql === undefined) return true;
    return !rowReferences(splitSqlStatements(t.sql)[0]?.tokens ?? []).some((r) => sameSqlName(r.column, column));
  });
}
