import { isSymbol, isWord, splitSqlStatements, type SqlToken } from '../sql/sql-text';
import { outlineCreateTrigger, type CreateTriggerOutline } from '../sql/sql-outline';
import { triggerSourceMap } from '../model/sql-source-map';
import type { Table, Trigger } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { sourceEdits } from './sql-source-edits';
import { sqlName } from './upsert-put';

/** Conditions longer than this go one `OR` per line when the statement spans lines. */
const ONE_LINE_CONDITION = 80;

/** A CREATE TRIGGER's tokens with its WHEN clause and BEGIN located (offsets into its SQL text). */
export interface TriggerHead {
  tokens: SqlToken[];
  outline: CreateTriggerOutline;
  /** Index of the head's `WHEN`, or -1 when it has none. */
  when: number;
  /** Index of `BEGIN`. */
  begin: number;
}

export function triggerHead(sql: string): TriggerHead | undefined {
  const tokens = splitSqlStatements(sql)[0]?.tokens;
  const outline = tokens ? outlineCreateTrigger(tokens) : undefined;
  if (!tokens || !outline?.table) return undefined;
  const from = tokens.indexOf(outline.table) + 1;
  const begin = tokens.findIndex((t, k) => k >= from && isWord(t, 'BEGIN'));
  if (begin < 0) return undefined;
  const when = tokens.findIndex((t, k) => k >= from && k < begin && isWord(t, 'WHEN'));
  return { tokens, outline, when, begin };
}

/** The WHEN condition split at its top-level ORs (parenthesised ORs stay inside one term). */
export function whenTerms(head: TriggerHead): SqlToken[][] {
  if (head.when < 0) return [];
  const terms: SqlToken[][] = [[]];
  let depth = 0;
  for (const token of head.tokens.slice(head.when + 1, head.begin)) {
    if (isSymbol(token, '(')) depth++;
    else if (isSymbol(token, ')')) depth--;
    if (depth === 0 && isWord(token, 'OR')) terms.push([]);
    else terms[terms.length - 1].push(token);
  }
  return terms;
}

/** The table's synced columns in its own order, as written in its DDL. */
export function syncedColumnNames(table: Table, syncedColumns: ReadonlySet<string>): string[] {
  return table.columns.filter((c) => c.name.toLowerCase() !== 'id' && syncedColumns.has(c.name.toLowerCase())).map((c) => c.name);
}

/**
 * `OLD.a IS NOT NEW.a OR OLD.b IS NOT NEW.b`: true when any of the columns changed, NULL
 * included. `lineBreak` (a new line and indentation) puts each OR on its own line when long.
 */
export function syncedChangeCondition(columns: string[], lineBreak?: string): string {
  const comparisons = columns.map((c) => `OLD.${sqlName(c)} IS NOT NEW.${sqlName(c)}`);
  const oneLine = comparisons.join(' OR ');
  return lineBreak === undefined || oneLine.length <= ONE_LINE_CONDITION ? oneLine : comparisons.join(`${lineBreak}    OR `);
}

/** The line break and indentation of the line `offset` is on, when the text before it on that line is blank. */
export function lineStartBefore(sql: string, offset: number): string | undefined {
  const lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart === 0 || sql.slice(lineStart, offset).trim() !== '') return undefined;
  return `\n${sql.slice(lineStart, offset)}`;
}

/**
 * Gives an UPDATE trigger that fires on every update a WHEN over the synced columns, so an edit
 * of only local-only columns queues no upload. Placed before BEGIN, on its own line when BEGIN
 * starts one. A WHEN that is already there but names no synced column is left to the user.
 */
export function syncedChangeWhenFix(trigger: Trigger, table: Table, syncedColumns: ReadonlySet<string>): Fix | undefined {
  const map = triggerSourceMap(trigger);
  const head = map && triggerHead(map.text);
  const columns = syncedColumnNames(table, syncedColumns);
  if (!map || !head || head.when >= 0 || head.outline.event !== 'UPDATE' || columns.length === 0) return undefined;
  const begin = head.tokens[head.begin];
  const lineBreak = lineStartBefore(map.text, begin.start);
  const clause = `WHEN ${syncedChangeCondition(columns, lineBreak)}`;
  const edits = sourceEdits(map, [{ start: begin.start, end: begin.start, newText: lineBreak === undefined ? `${clause} ` : `${clause}${lineBreak}` }]);
  return edits ? { title: 'Add WHEN OLD.c IS NOT NEW.c OR … over the synced columns', preferred: true, edits } : undefined;
}
