import type { BindParams, Database, SqlValue } from '@powersync/sql-js/dist/sql-wasm.js';
import type { Engine } from './sqljs';

export type { SqlValue };
export type SqlRow = Record<string, SqlValue>;

/** The PowerSync schema JSON the core takes: `{ tables, raw_tables }`. */
export interface CoreSchemaJson {
  tables: unknown[];
  raw_tables: unknown[];
}

/**
 * An in-memory SQLite database with the PowerSync core initialised, as an SDK would open it.
 * Every core function that writes (`powersync_init`, `powersync_replace_schema`,
 * `powersync_control`) runs in its own transaction: the core refuses to run outside one.
 */
export class CoreDatabase {
  private closed = false;

  private constructor(readonly sqlite: Database) {}

  static open(engine: Engine): CoreDatabase {
    const db = new CoreDatabase(new engine.sqlite.Database());
    db.transaction(() => db.query('select powersync_init()'));
    return db;
  }

  /** Runs every statement of `sql`; with parameters, only the first statement runs (sql.js `run`). */
  exec(sql: string, params?: SqlValue[] | Record<string, SqlValue>): void {
    if (params === undefined) this.sqlite.exec(sql);
    else this.sqlite.run(sql, params as BindParams);
  }

  /** Rows of one statement as objects keyed by column name. */
  query(sql: string, params?: SqlValue[] | Record<string, SqlValue>): SqlRow[] {
    const statement = this.sqlite.prepare(sql);
    try {
      if (params !== undefined) statement.bind(params as BindParams);
      const rows: SqlRow[] = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  }

  /** The first column of the first row, or undefined when there is no row. */
  scalar(sql: string, params?: SqlValue[] | Record<string, SqlValue>): SqlValue | undefined {
    const row = this.query(sql, params)[0];
    return row === undefined ? undefined : Object.values(row)[0];
  }

  /** Runs `body` between BEGIN and COMMIT; rolls back and rethrows when it throws. */
  transaction<T>(body: () => T): T {
    this.sqlite.exec('BEGIN');
    let result: T;
    try {
      result = body();
    } catch (error) {
      this.rollbackQuietly();
      throw error;
    }
    try {
      this.sqlite.exec('COMMIT');
    } catch (error) {
      // A failed COMMIT (a deferred foreign key) leaves the transaction open.
      this.rollbackQuietly();
      throw error;
    }
    return result;
  }

  /** `powersync_replace_schema`: the schema the core keeps (used by `powersync_clear`). */
  replaceSchema(schema: CoreSchemaJson | string): void {
    const json = typeof schema === 'string' ? schema : JSON.stringify(schema);
    this.transaction(() => this.query('select powersync_replace_schema(?)', [json]));
  }

  /** The core's version, e.g. `0.5.2/c5c23134`. */
  coreVersion(): string {
    return String(this.scalar('select powersync_rs_version()'));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sqlite.close();
  }

  private rollbackQuietly(): void {
    try {
      this.sqlite.exec('ROLLBACK');
    } catch {
      // No transaction was open: SQLite already rolled back on the error.
    }
  }
}

/** The text of anything sql.js throws (it throws strings for some errors). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
