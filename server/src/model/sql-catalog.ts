import type { Affinity, ForeignKeyAction } from './workspace';

/** A table as SQLite itself describes it after running a CREATE TABLE statement. */
export interface DescribedTable {
  name: string;
  columns: { name: string; declaredType: string; affinity: Affinity; notNull: boolean; defaultValue?: string; primaryKeyPosition: number }[];
  /** In declaration order. `parentColumns` is empty when the clause names none and the parent is unknown. */
  foreignKeys: { parentTable: string; parentColumns: string[]; childColumns: string[]; onUpdate: ForeignKeyAction; onDelete: ForeignKeyAction; deferred: boolean }[];
  /**
   * `origin` is SQLite's: `c` a CREATE INDEX, `u` a UNIQUE constraint, `pk` a PRIMARY KEY constraint.
   * An expression in an index shows as the column name `(expression)`.
   */
  indices: { name: string; unique: boolean; columns: string[]; origin: 'c' | 'u' | 'pk'; orders?: ('ASC' | 'DESC')[]; sql?: string }[];
  sql: string;
  /** Which of the given statements created the table. */
  statementIndex?: number;
}

/**
 * SQL understood by SQLite's own parser (the engine implements this); the model asks it what a
 * CREATE TABLE statement declares instead of parsing SQL itself.
 */
export interface SqlCatalog {
  /**
   * Runs each CREATE TABLE in a scratch database, in the order given, then each CREATE INDEX;
   * statements SQLite rejects are skipped, and so is a table created again under a name taken.
   */
  describeTables(createStatements: string[]): DescribedTable[];
}
