import { nullSafeWhenFix } from '../generate/null-safe-when-fix';
import { syncedChangeWhenFix } from '../generate/synced-change-when';
import { isSymbol, sameSqlName, type SqlToken } from '../sql/sql-text';
import type { Table } from '../model/workspace';
import type { Finding } from '../findings/finding';
import { triggerSpan, handWrittenCrudTriggers, namesColumn } from './hand-written-triggers';
import { rowReferenceAt, rowReferences, type RowReference } from '../sql/row-references';
import type { Rule } from '../findings/rule';

const RULE = 'trigger-update-not-null-safe';

/** A hand-written UPDATE CRUD trigger whose WHEN misses changes, or uploads changes to local-only columns. */
export const triggerUpdateNotNullSafe: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'warning',
    description: 'An UPDATE trigger into powersync_crud whose WHEN compares with != or <> instead of IS NOT, or has no WHEN over synced columns while local-only columns exist.',
    docs: 'docs/rules/trigger-update-not-null-safe.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const { trigger, outline, when, table, synced } of handWrittenCrudTriggers(model)) {
      if (outline.event !== 'UPDATE' || !table) continue;
      const name = trigger.name === undefined ? 'This UPDATE trigger' : `UPDATE trigger '${trigger.name}'`;
      const nullable = nullableComparisons(when, table);
      if (nullable.length > 0) {
        const [first] = nullable;
        const columns = [...new Set(nullable.map((c) => c.column))];
        findings.push({
          rule: RULE,
          severity: 'warning',
          message: `${name} never uploads edits to or from NULL. It compares ${first.text} in its WHEN clause. In SQLite NULL ${first.operator} 'x' is NULL, not true, so an edit that only moves ${columns.map((c) => `'${c}'`).join(' or ')} from or to NULL does not fire the trigger and is never uploaded. Compare with IS NOT instead.`,
          loc: triggerSpan(trigger, first.token),
          related: columns.flatMap((c) => {
            const column = table.columns.find((col) => sameSqlName(col.name, c));
            return column ? [{ loc: column.loc, message: `nullable column '${column.name}'` }] : [];
          }),
          fixes: [nullSafeWhenFix(trigger, nullable.map((c) => c.token))].filter((f) => f !== undefined),
        });
      }
      const localOnly = synced?.localOnlyColumns ?? [];
      if (localOnly.length === 0 || !synced?.syncedColumns) continue;
      const syncedNames = synced.syncedColumns;
      const guarded = rowReferences(when).some((r) => namesColumn(syncedNames, r.column));
      // `UPDATE OF a, b` over synced columns only also keeps local-only edits out.
      const limited = outline.updateOf.length > 0 && outline.updateOf.every((c) => namesColumn(syncedNames, c));
      if (guarded || limited) continue;
      const list = localOnly.map((c) => `'${c.name}'`).join(', ');
      findings.push({
        rule: RULE,
        severity: 'warning',
        message: `${name} uploads unchanged rows. It has no WHEN clause over the synced columns of '${table.name}', so it also fires when only the local-only column${localOnly.length > 1 ? 's' : ''} ${list} change${localOnly.length > 1 ? '' : 's'}. Each such edit queues an upload of unchanged synced data. Add WHEN OLD.c IS NOT NEW.c OR … over the synced columns.`,
        loc: triggerSpan(trigger, outline.name),
        related: localOnly.map((c) => ({ loc: c.loc, message: `local-only column '${c.name}'` })),
        fixes: [syncedChangeWhenFix(trigger, table, syncedNames)].filter((f) => f !== undefined),
      });
    }
    return findings;
  },
};

interface NullableComparison {
  text: string;
  operator: string;
  column: string;
  /** The `!=` / `<>` token. */
  token: SqlToken;
}

/**
 * `OLD.x != NEW.x` (or `<>`) in the WHEN where a compared column may hold NULL. Comparisons of
 * NOT NULL columns are safe with `!=`; a column the table does not have is left to SQLite.
 */
function nullableComparisons(when: SqlToken[], table: Table): NullableComparison[] {
  const out: NullableComparison[] = [];
  when.forEach((token, i) => {
    if (!isSymbol(token, '!=') && !isSymbol(token, '<>')) return;
    const left = i >= 3 ? rowReferenceAt(when, i - 3) : undefined;
    const right = rowReferenceAt(when, i + 1);
    const sides = [left, right].filter((r): r is RowReference => r !== undefined);
    // An FTS column's NOT NULL is parsed and ignored: it may hold NULL.
    const nullable = sides.find((side) => {
      const column = table.columns.find((c) => sameSqlName(c.name, side.column));
      return column !== undefined && (!column.notNull || table.fts !== undefined);
    });
    if (!nullable) return;
    const operand = (from: number, reference: RowReference | undefined) =>
      reference ? when.slice(from, from + 3).map((t) => t.text).join('') : (when[from + (from < i ? 2 : 0)]?.text ?? '…');
    out.push({ text: `${operand(i - 3, left)} ${token.text} ${operand(i + 1, right)}`, operator: token.text, column: nullable.column, token });
  });
  return out;
}
