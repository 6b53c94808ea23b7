import type { BindParams, Database, SqlValue, Statement } from '@powersync/sql-js/dist/sql-wasm.js';
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
  /** Statements prepared once and kept until close (see queryKept). */
  private readonly kept = new Map<string, Statement>();

  private constructor(readonly sqlite: Database) {}

  static open(engine: Engine): CoreDatabase {
    return new CoreDatabase(new engine.sqlite.Database()).connected();
  }

  /**
   * A database from the bytes `export()` returned, opened as `open` opens a new one:
   * `powersync_init` runs again, as it does each time an app opens its database.
   */
  static restore(engine: Engine, bytes: Uint8Array): CoreDatabase {
    return new CoreDatabase(new engine.sqlite.Database(bytes)).connected();
  }

  private connected(): this {
    // sql.js keeps the database in a file of Emscripten's in-memory file system, where every write
    // to a rollback journal is a call out to JavaScript. Nothing else opens that file: keep the
    // journal in memory and the lock held between transactions. What SQL does (ROLLBACK included)
    // is the same; a pragma's setting belongs to the connection, not to the file's bytes.
    this.sqlite.exec('PRAGMA journal_mode = MEMORY; PRAGMA locking_mode = EXCLUSIVE');
    this.transaction(() => this.query('select powersync_init()'));
    return this;
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
      return rowsOf(statement, params);
    } finally {
      statement.free();
    }
  }

  /**
   * Like query, for SQL run many times (the core's powersync_control, reads of ps_crud): the
   * statement is prepared the first time and kept, reset after each use, until close or export.
   */
  queryKept(sql: string, params?: SqlValue[] | Record<string, SqlValue>): SqlRow[] {
    let statement = this.kept.get(sql);
    if (statement === undefined) {
      statement = this.sqlite.prepare(sql);
      this.kept.set(sql, statement);
    }
    try {
      return rowsOf(statement, params);
    } finally {
      statement.reset();
    }
  }

  /** The first column of the first row, or undefined when there is no row. */
  scalar(sql: string, params?: SqlValue[] | Record<string, SqlValue>): SqlValue | undefined {
    return firstValue(this.query(sql, params)[0]);
  }

  /** scalar with a kept statement (see queryKept). */
  scalarKept(sql: string, params?: SqlValue[] | Record<string, SqlValue>): SqlValue | undefined {
    return firstValue(this.queryKept(sql, params)[0]);
  }

  /** Runs `body` between BEGIN and COMMIT; rolls back and rethrows when it throws. */
  transaction<T>(body: () => T): T {
    this.queryKept('BEGIN');
    let result: T;
    try {
      result = body();
    } catch (error) {
      this.rollbackQuietly();
      throw error;
    }
    try {
      this.queryKept('COMMIT');
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

  /**
   * The database file's bytes. sql.js reopens the connection to read them, so what belongs to the
   * connection rather than the file is gone afterwards: PRAGMA foreign_keys, the core's sync state
   * and its schema (powersync_replace_schema), prepared statements.
   */
  export(): Uint8Array {
    this.freeKept();
    return this.sqlite.export();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.freeKept();
    this.sqlite.close();
  }

  private freeKept(): void {
    for (const statement of this.kept.values()) statement.free();
    this.kept.clear();
  }

  private rollbackQuietly(): void {
    try {
      this.sqlite.exec('ROLLBACK');
    } catch {
      // No transaction was open: SQLite already rolled back on the error.
    }
  }
}

/** Steps `statement` (bound to `params`) to the end: one object per row, keyed by column name. */
function rowsOf(statement: Statement, params: SqlValue[] | Record<string, SqlValue> | undefined): SqlRow[] {
  if (params !== undefined) statement.bind(params as BindParams);
  const rows: SqlRow[] = [];
  let columns: string[] | undefined;
  while (statement.step()) {
    // sql.js's getAsObject reads the column names again for every row.
    const names = (columns ??= statement.getColumnNames());
    const values = statement.get();
    const row: SqlRow = {};
    for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
    rows.push(row);
  }
  return rows;
}

function firstValue(row: SqlRow | undefined): SqlValue | undefined {
  return row === undefined ? undefined : Object.values(row)[0];
}

/** The text of anything sql.js throws (it throws strings for some errors). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
