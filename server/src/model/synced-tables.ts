import { readInsertStatement } from '../frontends/sql/insert-statement';
import type { Column, RawTable, Table, WorkspaceModel } from './workspace';

/** A local table that sync writes into, with what sync writes and what stays local. */
export interface SyncedTable {
  table: Table;
  rawTables: RawTable[];
  /** Lower-cased names of the columns sync writes (never `id`); undefined when unknown. */
  syncedColumns?: Set<string>;
  /** Columns other than `id` that no raw table writes; empty when the synced set is unknown. */
  localOnlyColumns: Column[];
}

const lower = (s: string) => s.toLowerCase();

/** The columns a raw table writes into its local table, lower-cased; undefined when unknown. */
export function columnsWrittenBy(rawTable: RawTable, table: Table): Set<string> | undefined {
  if (!rawTable.put) {
    if (!rawTable.schema) return undefined;
    const listed = rawTable.schema.syncedColumns;
    if (listed === 'unknown') return undefined;
    // Inferred puts write every column but id, or only the listed ones (exact names).
    const names = table.columns.map((c) => c.name).filter((n) => n !== 'id' && (!listed || listed.includes(n)));
    return new Set(names.map(lower));
  }
  const sql = rawTable.put.sql;
  if (sql === undefined) return undefined;
  const insert = readInsertStatement(sql);
  if (!insert) return undefined;
  const columns = insert.columns ?? table.columns.map((c) => c.name);
  const written = new Set<string>();
  columns.forEach((name, i) => {
    const value = insert.valueTokens[i];
    if (value && value.some((t) => t.kind === 'parameter')) written.add(lower(name));
  });
  written.delete('id');
  return written;
}

/** Every table reached by a raw table, with its synced and local-only columns. */
export function syncedTables(model: WorkspaceModel): SyncedTable[] {
  const byTable = new Map<Table, RawTable[]>();
  for (const rawTable of model.rawTables) {
    if (!rawTable.localTable) continue;
    const table = findTable(model, rawTable.localTable);
    if (!table) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), rawTable]);
  }
  return [...byTable].map(([table, rawTables]) => {
    let synced: Set<string> | undefined = new Set();
    for (const rt of rawTables) {
      const written = columnsWrittenBy(rt, table);
      if (!written) {
        synced = undefined;
        break;
      }
      written.forEach((c) => synced!.add(c));
    }
    const localOnlyColumns = synced ? table.columns.filter((c) => lower(c.name) !== 'id' && !synced!.has(lower(c.name))) : [];
    return { table, rawTables, syncedColumns: synced, localOnlyColumns };
  });
}

/** SQLite table names compare case-insensitively. */
export function findTable(model: WorkspaceModel, name: string): Table | undefined {
  return model.tables.find((t) => lower(t.name) === lower(name));
}
