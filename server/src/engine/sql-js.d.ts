// Types for the parts of sql.js (the @powersync/sql-js build) that the engine uses; the package ships none.
declare module '@powersync/sql-js/dist/sql-wasm.js' {
  export type SqlValue = number | string | Uint8Array | null;
  export type BindParams = SqlValue[] | Record<string, SqlValue> | null;

  export interface QueryExecResult {
    columns: string[];
    values: SqlValue[][];
  }

  export interface Statement {
    bind(values?: BindParams): boolean;
    step(): boolean;
    get(params?: BindParams): SqlValue[];
    getAsObject(params?: BindParams): Record<string, SqlValue>;
    getColumnNames(): string[];
    /** The statement's own SQL text. */
    getSQL(): string;
    reset(): void;
    free(): boolean;
  }

  export interface Database {
    exec(sql: string, params?: BindParams): QueryExecResult[];
    run(sql: string, params?: BindParams): Database;
    prepare(sql: string, params?: BindParams): Statement;
    getRowsModified(): number;
    /** Prepares the statements of `sql` one at a time. */
    iterateStatements(sql: string): Iterable<Statement>;
    /** The database file's bytes. */
    export(): Uint8Array;
    close(): void;
  }

  export interface SqlJsStatic {
    Database: new (data?: ArrayLike<number> | null) => Database;
  }

  export interface SqlJsConfig {
    locateFile?: (file: string, prefix: string) => string;
    instantiateWasm?: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => void;
  }

  export default function initSqlJs(config?: SqlJsConfig): Promise<SqlJsStatic>;
}
