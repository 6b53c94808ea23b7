import { isName, splitSqlStatements } from '../sql/sql-text';
import { tablesAt } from '../model/table-definitions';
import type { CodeScope, WorkspaceModel } from '../model/workspace';
import type { RuleContext } from '../findings/rule';

/** The model and SQLite's answers as code at one place sees them. */
export interface ScopedTables {
  model: WorkspaceModel;
  ctx: RuleContext;
  /** Lower-cased names of tables created with different shapes that this place does not pin. */
  unknown: Set<string>;
}

/**
 * The workspace as statements written at `scope` meet it: a table created with different shapes
 * (tests or migrations each with their own CREATE TABLE) is the definition that `scope`'s
 * function or file pins, or unknown. SQL that names an unknown table is not judged (validateSql
 * answers undefined), so no rule reports against a shape the statement may never meet.
 */
export function scopedTables(model: WorkspaceModel, ctx: RuleContext, scope: CodeScope | undefined): ScopedTables {
  if (!model.tables.some((t) => t.definitions)) return { model, ctx, unknown: new Set() };
  const { tables, unknown, pinned } = tablesAt(model, scope);
  const base = pinned.length === 0 ? ctx : ctx.withTables?.(tables) ?? {};
  const validate = base.validateSql?.bind(base);
  return {
    model: { ...model, tables },
    ctx: { ...base, ...(validate ? { validateSql: (sql: string) => (namesAnyOf(sql, unknown) ? undefined : validate(sql)) } : {}) },
    unknown,
  };
}

/** True when a name in the SQL is one of `names` (lower-cased). */
function namesAnyOf(sql: string, names: Set<string>): boolean {
  if (names.size === 0) return false;
  return splitSqlStatements(sql).some((s) => s.tokens.some((t) => isName(t) && names.has(t.value.toLowerCase())));
}
