import type { SqlToken } from '../engine/sql-text';
import type { Position } from '../model/location';
import type { Trigger } from '../model/workspace';
import type { Fix, TextEdit } from '../rules/finding';

/**
 * Rewrites `!=` / `<>` comparisons of a trigger's WHEN to `IS NOT` (same precedence in SQLite, so
 * the condition keeps its shape). Only for SQL written as a plain literal without escapes, where
 * each character of the SQL sits at a known place in the source.
 */
export function nullSafeWhenFix(trigger: Trigger, operators: SqlToken[]): Fix | undefined {
  const literal = trigger.sqlValue;
  const sql = trigger.sql;
  if (operators.length === 0 || !literal || literal.kind !== 'string' || sql === undefined || trigger.sqlStart === undefined) return undefined;
  const { range } = literal.loc;
  const delimiter = literal.raw ? 3 : 1;
  // An escape (`\n`, `\"`, `\u0041`) makes the source longer than the value: offsets no longer line up.
  const plain = literal.raw || (range.start.line === range.end.line && range.end.character - range.start.character - 2 === literal.value.length);
  if (!plain || literal.value.slice(trigger.sqlStart, trigger.sqlStart + sql.length) !== sql) return undefined;
  const positionOf = (offset: number): Position => {
    const before = literal.value.slice(0, trigger.sqlStart! + offset);
    const lastBreak = before.lastIndexOf('\n');
    if (lastBreak < 0) return { line: range.start.line, character: range.start.character + delimiter + before.length };
    return { line: range.start.line + before.split('\n').length - 1, character: before.length - lastBreak - 1 };
  };
  const edits: TextEdit[] = operators.map((token) => {
    const space = (ch: string | undefined) => ch === undefined || /\s|\(|\)/.test(ch);
    const newText = `${space(sql[token.start - 1]) ? '' : ' '}IS NOT${space(sql[token.end]) ? '' : ' '}`;
    return { uri: literal.loc.uri, range: { start: positionOf(token.start), end: positionOf(token.end) }, newText };
  });
  return { title: 'Compare with IS NOT in the WHEN clause (NULL-safe)', preferred: true, edits };
}
