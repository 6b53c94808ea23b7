import { readInsertStatement } from '../sql/insert-statement';
import { parameterIndexes, splitSqlStatements } from '../sql/sql-text';
import type { FileFacts } from './facts';
import type { Column, RawTable, Table, WorkspaceModel } from './workspace';
import { tableAt } from './table-definitions';

/** A local table that sync writes into, with what sync writes and what stays local. */
export interface SyncedTable {
  table: Table;
  rawTables: RawTable[];
  /** Lower-cased names of the columns sync writes (never `id`); undefined when unknown. */
  syncedColumns?: Set<string>;
  /** Columns other than `id` that no raw table writes; empty when the synced set is unknown. */
  localOnlyColumns: Column[];
  /** Why `syncedColumns` is unknown, when it is: the first reason met. */
  unknownBecause?: SyncUnknownReason;
}

/** What keeps the synced columns of a table from being known. */
export type SyncUnknownReason =
  /** A raw table whose local table is unknown may write this table too. */
  | { kind: 'untargeted'; rawTable: RawTable }
  /** A file went unread: it may declare a raw table writing it. */
  | { kind: 'unread'; uri: string }
  /** The table is created with several shapes and this raw table's is not pinned. */
  | { kind: 'unpinned' }
  /** A put that does not show (consistently) which columns it writes. */
  | { kind: 'unclear-put'; rawTable: RawTable };

const lower = (s: string) => s.toLowerCase();

/**
 * The columns a raw table writes into its local table, lower-cased; undefined when unknown.
 * A put is evidence only when it is consistent: its parameters resolved, one per placeholder, as
 * many values as columns, and every `Column("x")` that names a column of the table bound into
 * that column's value. A put that contradicts itself (a missing `?`, a parameter too many) says
 * nothing about which columns are synced: which of its parts is the mistake is not known.
 */
export function columnsWrittenBy(rawTable: RawTable, table: Table): Set<string> | undefined {
  if (!rawTable.put) {
    if (!rawTable.schema) return undefined;
    const listed = rawTable.schema.syncedColumns;
    if (listed === 'unknown') return undefined;
    // Inferred puts write every column but id, or only the listed ones (exact names).
    const names = table.columns.map((c) => c.name).filter((n) => n !== 'id' && (!listed || listed.includes(n)));
    return new Set(names.map(lower));
  }
  const { sql, parameters } = rawTable.put;
  if (sql === undefined || !parameters) return undefined;
  if (parameters.some((p) => p.kind === 'unknown' || (p.kind === 'Column' && p.name === undefined))) return undefined;
  const insert = readInsertStatement(sql);
  if (!insert) return undefined;
  const placeholders = Math.max(0, ...parameterIndexes(splitSqlStatements(sql)[0]?.tokens ?? []).values());
  if (placeholders !== parameters.length) return undefined;
  const columns = insert.columns ?? table.columns.map((c) => c.name);
  if (columns.length !== insert.valueTokens.length) return undefined;
  const written = new Set<string>();
  columns.forEach((name, i) => {
    if (insert.valueTokens[i].some((t) => t.kind === 'parameter')) written.add(lower(name));
  });
  for (const parameter of parameters) {
    if (parameter.kind !== 'Column') continue;
    const named = lower(parameter.name!);
    if (table.columns.some((c) => lower(c.name) === named) && !written.has(named)) return undefined;
  }
  written.delete('id');
  return written;
}

/**
 * Every table reached by a raw table, with its synced and local-only columns. What sync writes
 * into a table is known only when every raw table's target is known and no file went unread: a
 * raw table whose put is built at run time may write any table, so then no column is local-only.
 */
export function syncedTables(model: WorkspaceModel): SyncedTable[] {
  const byTable = new Map<Table, RawTable[]>();
  // A table created with different shapes: each raw table meets the definition where it is declared,
  // or, where none is pinned, the table of unknown shape (synced, but what it holds is not known).
  const unpinned = new Set<string>();
  for (const rawTable of model.rawTables) {
    if (!rawTable.localTable) continue;
    const { table: pinned, ambiguous } = tableAt(model, rawTable.localTable, rawTable.scope);
    if (ambiguous) unpinned.add(lower(rawTable.localTable));
    const table = pinned ?? (ambiguous ? model.tables.find((t) => lower(t.name) === lower(rawTable.localTable!)) : undefined);
    if (!table) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), rawTable]);
  }
  const untargeted = model.rawTables.find((r) => r.localTable === undefined);
  const unread = [...model.files.values()].find(unreadCode);
  const incomplete: SyncUnknownReason | undefined = untargeted ? { kind: 'untargeted', rawTable: untargeted } : unread ? { kind: 'unread', uri: unread.uri } : undefined;
  return [...byTable].map(([table, rawTables]) => {
    let unknownBecause: SyncUnknownReason | undefined = incomplete ?? (unpinned.has(lower(table.name)) ? { kind: 'unpinned' } : undefined);
    let synced: Set<string> | undefined = unknownBecause ? undefined : new Set();
    for (const rt of rawTables) {
      const written = synced && columnsWrittenBy(rt, table);
      if (!written) {
        unknownBecause ??= { kind: 'unclear-put', rawTable: rt };
        synced = undefined;
        break;
      }
      written.forEach((c) => synced!.add(c));
    }
    const localOnlyColumns = synced ? table.columns.filter((c) => lower(c.name) !== 'id' && !synced!.has(lower(c.name))) : [];
    return { table, rawTables, syncedColumns: synced, localOnlyColumns, ...(unknownBecause ? { unknownBecause } : {}) };
  });
}

/**
 * Whether a front end gave up on some file that may declare code: what it declares there is
 * unknown, not absent. A Room schema export declares no raw table, statement or trigger.
 */
export function anyFileUnread(model: WorkspaceModel): boolean {
  for (const file of model.files.values()) if (unreadCode(file)) return true;
  return false;
}

function unreadCode(file: FileFacts): boolean {
  return file.unread !== undefined && file.language !== 'room-schema-json';
}

/**
 * SQLite table names compare case-insensitively. A table created with different shapes is not
 * found: which one applies depends on where the code runs (model/table-definitions.ts).
 */
export function findTable(model: WorkspaceModel, name: string): Table | undefined {
  return model.tables.find((t) => lower(t.name) === lower(name) && !t.definitions);
}
