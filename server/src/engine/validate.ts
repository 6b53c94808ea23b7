import type { Statement } from '@powersync/sql-js/dist/sql-wasm.js';
import { errorText, type CoreDatabase } from './database';
import { splitSqlStatements } from '../sql/sql-text';

export type ValidationResult =
  | { ok: true; parameterCount: number }
  | {
      ok: false;
      /** SQLite's own error text, or ours for `empty` and `multiple-statements`. */
      message: string;
      reason: 'sqlite' | 'empty' | 'multiple-statements';
    };

/**
 * Prepares one statement against the database's current schema, as the core prepares a raw
 * table's put or delete, without running it. Never throws.
 */
export function validate(db: CoreDatabase, sql: string): ValidationResult {
  const statements = splitSqlStatements(sql);
  if (statements.length === 0) return { ok: false, reason: 'empty', message: 'The SQL text holds no statement.' };
  if (statements.length > 1) {
    return { ok: false, reason: 'multiple-statements', message: `The SQL text holds ${statements.length} statements; only the first one would be prepared.` };
  }
  let statement: Statement | undefined;
  try {
    statement = db.sqlite.prepare(sql);
    return { ok: true, parameterCount: parameterCount(statement) };
  } catch (error) {
    return { ok: false, reason: 'sqlite', message: errorText(error) };
  } finally {
    statement?.free();
  }
}

/**
 * sqlite3_bind_parameter_count, which sql.js does not export: binding n values succeeds exactly
 * when n is at most the largest parameter index (`?3` counts 3, a repeated `:a` counts once).
 * EXPLAIN's Variable opcodes would miss parameters that code generation drops (`WHERE 0 AND ?`).
 */
export function parameterCount(statement: Statement): number {
  const binds = (n: number): boolean => {
    try {
      statement.bind(new Array<number>(n).fill(0));
      return true;
    } catch {
      return false;
    }
  };
  let low = 0; // binds
  let high = 1; // may not bind
  while (binds(high)) {
    low = high;
    if (high > SQLITE_MAX_VARIABLE_NUMBER) return low;
    high = Math.min(high * 2, SQLITE_MAX_VARIABLE_NUMBER + 1);
  }
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (binds(middle)) low = middle;
    else high = middle;
  }
  statement.reset();
  return low;
}

// SQLite's default upper bound for a parameter index (since 3.32).
const SQLITE_MAX_VARIABLE_NUMBER = 32766;
