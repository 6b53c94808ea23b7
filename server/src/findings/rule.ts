import type { Table, WorkspaceModel } from '../model/workspace';
import type { Finding, Severity } from './finding';
import type { CrudEvent, CrudTriggersResult } from '../engine/crud-triggers';

export interface RuleMeta {
  /** Kebab-case, never reused. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /**
   * Path of the rule's page relative to the package root, e.g. `docs/rules/put-not-upsert.md`; the
   * page ships in the VSIX and the npm package (server/src/doors/rule-docs.ts finds it there).
   */
  docs: string;
  fixable: boolean;
}

/** What a rule may use besides the model: SQLite's own answers about SQL. */
export interface RuleContext {
  /**
   * Prepares SQL against the derived schema; absent when no engine is loaded. Returns undefined
   * when the SQL names a table whose shape cannot be told where it runs (see scopedTables).
   */
  validateSql?(sql: string):
    | { ok: true; parameterCount: number }
    | {
        ok: false;
        message: string;
        /** `sqlite` for SQLite's own message; `empty` and `multiple-statements` are ours. */
        reason?: 'sqlite' | 'empty' | 'multiple-statements';
      }
    | undefined;
  /**
   * The triggers the core's powersync_create_raw_table_crud_trigger writes for a raw table
   * (JSON with table_name and synced_columns) against the derived schema, which is left unchanged.
   */
  crudTriggerSql?(rawTableJson: unknown, names: Record<CrudEvent, string>, events: readonly CrudEvent[]): CrudTriggersResult;
  /** The same questions against other tables (a table created one way in one function, another way elsewhere). */
  withTables?(tables: readonly Table[]): RuleContext;
}

/** A rule is a pure function of the model. */
export interface Rule {
  meta: RuleMeta;
  check(model: WorkspaceModel, ctx: RuleContext): Finding[];
}

