import type { Affinity, ForeignKeyAction } from './workspace';

/** A table as SQLite itself describes it after running a CREATE TABLE statement. */
export interface DescribedTable {
  name: string;
  columns: { name: string; declaredType: string; affinity: Affinity; notNull: boolean; defaultValue?: string; primaryKeyPosition: number }[];
  foreignKeys: { parentTable: string; parentColumns: string[]; childColumns: string[]; onUpdate: ForeignKeyAction; onDelete: ForeignKeyAction; deferred: boolean }[];
  indices: { name: string; unique: boolean; columns: string[]; origin: 'c' | 'u' | 'pk' }[];
  sql: string;
}

/**
 * SQL understood by SQLite's own parser (the engine implements this); the model asks it what a
 * CREATE TABLE statement declares instead of parsing SQL itself.
 */
export interface SqlCatalog {
  /** Runs each CREATE TABLE in a scratch database; statements SQLite rejects are skipped. */
  describeTables(createStatements: string[]): DescribedTable[];
}
