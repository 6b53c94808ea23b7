import type { SqlToken } from '../sql/sql-text';
import { triggerSourceMap } from '../model/sql-source-map';
import type { Trigger } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { sourceEdits } from './sql-source-edits';

/**
 * Rewrites `!=` / `<>` comparisons of a trigger's WHEN to `IS NOT` (same precedence in SQLite, so
 * the condition keeps its shape). Only where the SQL maps back to its literals (see model/sql-source-map.ts).
 */
export function nullSafeWhenFix(trigger: Trigger, operators: SqlToken[]): Fix | undefined {
  const map = triggerSourceMap(trigger);
  if (operators.length === 0 || !map) return undefined;
  const sql = map.text;
  const space = (ch: string | undefined) => ch === undefined || /\s|\(|\)/.test(ch);
  const edits = sourceEdits(
    map,
    operators.map((token) => ({ start: token.start, end: token.end, newText: `${space(sql[token.start - 1]) ? '' : ' '}IS NOT${space(sql[token.end]) ? '' : ' '}` })),
  );
  return edits ? { title: 'Compare with IS NOT in the WHEN clause (NULL-safe)', preferred: true, edits } : undefined;
}
