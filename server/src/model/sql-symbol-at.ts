import { advancePosition, tokenizeSql, type SqlToken } from '../sql/sql-text';
import type { Position, Range, SourceLocation } from './location';
import { sqlSourceMap, statementSourceMap, type SqlSourceMap } from './sql-source-map';
import { containsPosition } from './symbol-at';
import { findTable } from './synced-tables';
import type { Value } from './value';
import type { Column, RawTable, Table, WorkspaceModel } from './workspace';

/** A table or column named inside a put, delete or clear statement, or a CREATE TRIGGER. */
export type SqlSymbol =
  | { kind: 'sql-table'; table: Table; loc: SourceLocation }
  | { kind: 'sql-column'; table: Table; column: Column; loc: SourceLocation };

/** SQL text with where each of its stretches is written in the source. */
interface PlacedSql {
  text: string;
  uri: string;
  /** The source range of `text[start, end)`; undefined where it does not sit in one place. */
  rangeOf(start: number, end: number): Range | undefined;
}

const at = (loc: SourceLocation | undefined, uri: string, p: Position): loc is SourceLocation => !!loc && loc.uri === uri && containsPosition(loc.range, p);

/**
 * The table or column named at a position inside a SQL string the model knows. Only strings that
 * map back to the source character by character count (literals, concatenations of literals,
 * `.trimIndent()`); a name is resolved only when one table of its statement has it.
 */
export function sqlSymbolAt(model: WorkspaceModel, uri: string, position: Position): SqlSymbol | undefined {
  for (const placed of sqlAt(model, uri, position)) {
    const tokens = tokenizeSql(placed.text);
    const index = tokens.findIndex((t) => {
      if (t.kind !== 'identifier') return false;
      const range = placed.rangeOf(t.start, t.end);
      return !!range && containsPosition(range, position);
    });
    if (index < 0) continue;
    const range = placed.rangeOf(tokens[index].start, tokens[index].end)!;
    const named = nameAt(model, tokens, index);
    if (!named) return undefined;
    const loc = { uri: placed.uri, range };
    return named.column ? { kind: 'sql-column', table: named.table, column: named.column, loc } : { kind: 'sql-table', table: named.table, loc };
  }
  return undefined;
}

/** The SQL strings written at the position: raw tables' statements and CREATE TRIGGERs. */
function sqlAt(model: WorkspaceModel, uri: string, position: Position): PlacedSql[] {
  const found: PlacedSql[] = [];
  for (const rawTable of model.rawTables) {
    if (!at(rawTable.loc, uri, position)) continue;
    for (const statement of [rawTable.put, rawTable.delete]) {
      if (statement?.sql === undefined || !at(statement.sqlValue?.loc, uri, position)) continue;
      const placed = kotlinSql(statementSourceMap(statement.sqlValue, 0, statement.sql), uri);
      if (placed && placed.text === statement.sql) found.push(placed);
    }
    const clear = clearValue(rawTable);
    if (clear && rawTable.clear?.sql !== undefined && at(clear.loc, uri, position)) {
      const placed = kotlinSql(sqlSourceMap(clear), uri);
      if (placed && placed.text === rawTable.clear.sql) found.push(placed);
    }
  }
  for (const trigger of model.triggers) {
    if (trigger.form !== 'create-trigger' || trigger.sql === undefined || trigger.sqlStart === undefined || !at(trigger.loc, uri, position)) continue;
    const value = trigger.sqlValue;
    if (uri.endsWith('.sql')) {
      // A `.sql` statement is the file's own text, from its location on.
      if (value?.kind !== 'string' || value.value.slice(trigger.sqlStart, trigger.sqlStart + trigger.sql.length) !== trigger.sql) continue;
      const start = advancePosition(value.loc.range.start, value.value, trigger.sqlStart);
      const text = trigger.sql;
      found.push({ text, uri, rangeOf: (s, e) => ({ start: advancePosition(start, text, s), end: advancePosition(start, text, e) }) });
      continue;
    }
    const placed = kotlinSql(statementSourceMap(value, trigger.sqlStart, trigger.sql), uri);
    if (placed) found.push(placed);
  }
  return found;
}

/** The `clear` argument as written, found by its location among the `RawTable(…)` arguments. */
function clearValue(rawTable: RawTable): Value | undefined {
  const loc = rawTable.clear?.loc;
  if (!loc || !rawTable.call) return undefined;
  const same = (a: Range, b: Range) =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  return rawTable.call.args.find((a) => a.value.loc.uri === loc.uri && same(a.value.loc.range, loc.range))?.value;
}

/** A Kotlin string's SQL, placed through its source map (a stretch across two literals has no one place). */
function kotlinSql(map: SqlSourceMap | undefined, uri: string): PlacedSql | undefined {
  if (!map) return undefined;
  return {
    text: map.text,
    uri,
    rangeOf: (start, end) => {
      const locations = map.locationsOf(start, end);
      return locations?.length === 1 && locations[0].uri === uri ? locations[0].range : undefined;
    },
  };
}

const isWord = (t: SqlToken | undefined, ...words: string[]) => !!t && t.kind === 'keyword' && words.includes(t.value);
const isSymbol = (t: SqlToken | undefined, symbol: string) => !!t && t.kind === 'punctuation' && t.value === symbol;
const isName = (t: SqlToken | undefined): t is SqlToken => !!t && t.kind === 'identifier';
const lower = (s: string) => s.toLowerCase();

/** What the identifier at `index` names: a table, or a column of a table. */
function nameAt(model: WorkspaceModel, tokens: SqlToken[], index: number): { table: Table; column?: Column } | undefined {
  const token = tokens[index];
  const columnOf = (table: Table | undefined) => table?.columns.find((c) => lower(c.name) === lower(token.value));
  const segment = segmentAround(tokens, index);
  if (isTablePosition(tokens, index)) {
    const table = findTable(model, token.value);
    return table ? { table } : undefined;
  }
  if (isSymbol(tokens[index + 1], '.')) {
    // `todo.title`: the qualifier names the table.
    const table = findTable(model, token.value);
    return table ? { table } : undefined;
  }
  if (isSymbol(tokens[index - 1], '.') && isName(tokens[index - 2])) {
    const qualifier = lower(tokens[index - 2].value);
    if (qualifier === 'new' || qualifier === 'old') {
      const table = triggerTable(model, tokens);
      const column = columnOf(table);
      return table && column ? { table, column } : undefined;
    }
    // `excluded.title` in an upsert is the row the INSERT tried to write.
    if (qualifier !== 'excluded') {
      const table = findTable(model, tokens[index - 2].value);
      const column = columnOf(table);
      return table && column ? { table, column } : undefined;
    }
  }
  if (tokens[index + 1]?.kind === 'punctuation' && tokens[index + 1].value === '(') return undefined; // a function
  const tables = [...new Set(tablesNamedIn(model, tokens, segment))];
  if (isTriggerHeader(tokens, segment)) {
    const table = triggerTable(model, tokens);
    if (table && !tables.includes(table)) tables.push(table);
  }
  const holding = tables.filter((t) => columnOf(t));
  return holding.length === 1 ? { table: holding[0], column: columnOf(holding[0]) } : undefined;
}

/** Right after INTO, FROM, JOIN, UPDATE [OR …], or the ON of a trigger header. */
function isTablePosition(tokens: SqlToken[], index: number): boolean {
  const previous = tokens[index - 1];
  if (isWord(previous, 'INTO', 'FROM', 'JOIN')) return true;
  if (isWord(previous, 'UPDATE')) return !isWord(tokens[index - 2], 'DO');
  if (isWord(previous, 'ROLLBACK', 'ABORT', 'REPLACE', 'FAIL', 'IGNORE')) return isWord(tokens[index - 2], 'OR') && isWord(tokens[index - 3], 'UPDATE');
  if (isWord(previous, 'ON')) return isTriggerHeader(tokens, segmentAround(tokens, index));
  return false;
}

/** The statement (or the trigger header, or one statement of a trigger body) holding the token. */
function segmentAround(tokens: SqlToken[], index: number): { start: number; end: number } {
  const ends = (t: SqlToken) => isSymbol(t, ';') || isWord(t, 'BEGIN');
  let start = index;
  while (start > 0 && !ends(tokens[start - 1])) start--;
  let end = index;
  while (end < tokens.length && !ends(tokens[end])) end++;
  return { start, end };
}

function isTriggerHeader(tokens: SqlToken[], segment: { start: number }): boolean {
  return segment.start === 0 && isWord(tokens[0], 'CREATE') && tokens.slice(1, 3).some((t) => isWord(t, 'TRIGGER'));
}

/** The tables a segment writes to or reads from, in table positions. */
function tablesNamedIn(model: WorkspaceModel, tokens: SqlToken[], segment: { start: number; end: number }): Table[] {
  const tables: Table[] = [];
  for (let i = segment.start; i < segment.end; i++) {
    if (!isName(tokens[i]) || !isTablePosition(tokens, i)) continue;
    const table = findTable(model, tokens[i].value);
    if (table) tables.push(table);
  }
  return tables;
}

/** The table after the ON of a CREATE TRIGGER header. */
function triggerTable(model: WorkspaceModel, tokens: SqlToken[]): Table | undefined {
  if (!isTriggerHeader(tokens, { start: 0 })) return undefined;
  for (let i = 1; i < tokens.length && !isWord(tokens[i], 'BEGIN'); i++) {
    if (isWord(tokens[i], 'ON') && isName(tokens[i + 1])) return findTable(model, tokens[i + 1].value);
  }
  return undefined;
}
