import { statementSourceMap, type SqlSourceMap } from '../model/sql-source-map';
import { advancePosition } from '../sql/sql-text';
import type { Table } from '../model/workspace';
import type { TextEdit } from '../findings/finding';
import { writerOfFile } from '../frontends/registry';

/** A change to the SQL text of a source map, in its offsets. */
export interface SqlTextChange {
  start: number;
  end: number;
  newText: string;
}

/** The edits for several non-overlapping changes, or undefined when any of them cannot be written. */
export function sourceEdits(map: SqlSourceMap, changes: SqlTextChange[]): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const change of changes) {
    const placed = sourceEdit(map, change);
    if (!placed) return undefined;
    edits.push(...placed);
  }
  return edits;
}

/**
 * The edits that replace `text[start, end)` with `newText`, escaped for the string it lands in (and
 * indented to survive `.trimIndent()`), or undefined when that cannot be written. A change across
 * concatenated literals puts the new text into the first and empties the rest.
 */
export function sourceEdit(map: SqlSourceMap, change: SqlTextChange): TextEdit[] | undefined {
  const span = map.spanOf(change.start, change.end);
  if (!span) return undefined;
  // The literal's own language escapes the text (a Kotlin `\$` is no escape in Java).
  const written = writerOfFile(span.literal.uri)?.intoLiteral?.(span.literal, span.sourceStart, span.sourceEnd, change.newText, span.lead);
  if (written === undefined) return undefined;
  return span.locations.map((loc, i) => ({ uri: loc.uri, range: loc.range, newText: i === 0 ? written : '' }));
}

/**
 * The change to `createSql` as edits to its source: a `.sql` statement is the file's own text; a
 * string in code goes through its source map (escapes, concatenation, `.trimIndent()`), written by its language's edit writer.
 */
export function createSqlEdits(table: Table, change: { start: number; end: number; newText: string }): TextEdit[] | undefined {
  const source = table.createSqlSource;
  if (!source) return undefined;
  if (source.language === 'code') {
    const map = statementSourceMap(source.value, source.statementStart, table.createSql);
    return map && sourceEdit(map, change);
  }
  const value = source.value;
  if (value.kind !== 'string' || value.value.slice(source.statementStart, source.statementStart + table.createSql.length) !== table.createSql) return undefined;
  const statementStart = advancePosition(value.loc.range.start, value.value, source.statementStart);
  const at = (offset: number) => advancePosition(statementStart, table.createSql, offset);
  return [{ uri: value.loc.uri, range: { start: at(change.start), end: at(change.end) }, newText: change.newText }];
}
