import type { Database, SqlValue } from '@powersync/sql-js/dist/sql-wasm.js';
import { errorText } from './database';

/** A cell as the console shows it: a blob is shown by its size, never sent whole. */
export type ConsoleCell = string | number | null | { blobBytes: number };

export interface ConsoleResultSet {
  /** The statement's text, as SQLite split it. */
  sql: string;
  columns: string[];
  rows: ConsoleCell[][];
  /** More rows were left out than `maxRows`. */
  truncated: boolean;
  /** Rows the statement inserted, updated or deleted. */
  rowsModified: number;
}

export interface ConsoleResult {
  ok: boolean;
  /** One per statement that ran, in order; statements after a failing one do not run. */
  results: ConsoleResultSet[];
  /** SQLite's (or the core's) own text for the statement that failed. */
  error?: string;
  milliseconds: number;
}

export interface ConsoleLimits {
  maxRows: number;
  /** Longer text is cut, so one huge value cannot flood the panel. */
  maxTextLength: number;
}

export const DEFAULT_CONSOLE_LIMITS: ConsoleLimits = { maxRows: 500, maxTextLength: 2000 };

function cell(value: SqlValue, limits: ConsoleLimits): ConsoleCell {
  if (value instanceof Uint8Array) return { blobBytes: value.byteLength };
  if (typeof value === 'string' && value.length > limits.maxTextLength) return `${value.slice(0, limits.maxTextLength)}…`;
  return value;
}

/**
 * Runs what the user typed into the console, statement by statement, on the preview database.
 * Rows past the limit are counted out, not read; the caller bounds the time (see preview-console).
 */
export function runConsoleQuery(db: Database, sql: string, limits: ConsoleLimits = DEFAULT_CONSOLE_LIMITS): ConsoleResult {
  const started = performance.now();
  const results: ConsoleResultSet[] = [];
  const done = (error?: string): ConsoleResult => ({
    ok: error === undefined,
    results,
    ...(error === undefined ? {} : { error }),
    milliseconds: Math.round((performance.now() - started) * 10) / 10,
  });
  try {
    for (const statement of db.iterateStatements(sql)) {
      try {
        const columns = statement.getColumnNames();
        const rows: ConsoleCell[][] = [];
        let truncated = false;
        while (statement.step()) {
          if (rows.length === limits.maxRows) {
            truncated = true;
            break;
          }
          rows.push(statement.get().map((value) => cell(value, limits)));
        }
        results.push({ sql: statement.getSQL().trim(), columns, rows, truncated, rowsModified: columns.length === 0 ? db.getRowsModified() : 0 });
      } finally {
        statement.free();
      }
    }
  } catch (error) {
    return done(errorText(error));
  }
  return done(results.length === 0 ? 'Nothing to run: type one or more SQL statements.' : undefined);
}
