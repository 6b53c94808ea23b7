import { schemaReport } from '../model/schema-report';
import { anyFileUnread, syncedTables } from '../model/synced-tables';
import type { WorkspaceModel } from '../model/workspace';
import type { PreviewSimulation } from './sync-scenario';
import { syncChains, type SyncChain } from './sync-chain';

/** What a column is to sync: written by a raw table, kept on the device only, or the row id. */
export type ColumnSync = 'id' | 'synced' | 'local-only' | 'unknown';

/** Sync facts per table, beside the schema: what the preview's tables view shows per column. */
export interface TableSync {
  table: string;
  /** Sync names of the raw tables writing into it; empty for a local-only table. */
  rawTables: string[];
  /** Per column name; absent when no raw table writes into the table. */
  columns?: Record<string, ColumnSync>;
  /** Whether a raw table Rawsync could not resolve may write into it (then it is not known to be local). */
  syncUnknown?: boolean;
  /** Whether a trigger Rawsync could not resolve may be on it (then "no trigger" is not known). */
  triggersUnknown?: boolean;
}

export interface TriggerReport {
  name?: string;
  table?: string;
  event?: string;
  form: 'create-trigger' | 'crud-trigger-call';
  writesPowerSyncCrud: boolean;
  sql?: string;
  file: string;
  line: number;
}

/** The JSON `preview --format json` prints and `preview --out` embeds in the HTML report. */
export interface PreviewReport {
  version: 1;
  schema: ReturnType<typeof schemaReport>;
  sync: TableSync[];
  triggers: TriggerReport[];
  simulation: PreviewSimulation;
  /** Per raw table: Postgres column → output column → put parameter → local column → uploaded key. */
  chains: SyncChain[];
}

export function previewReport(model: WorkspaceModel, simulation: PreviewSimulation, fileOf: (uri: string) => string): PreviewReport {
  const synced = syncedTables(model);
  const unread = anyFileUnread(model);
  const rawTablesUnknown = unread || model.rawTables.some((r) => r.localTable === undefined);
  const sync = model.tables.map((table): TableSync => {
    const triggersUnknown = unread || model.triggers.some((t) => t.unresolved !== undefined && (t.table === undefined || t.table.toLowerCase() === table.name.toLowerCase()));
    const unknowns = { ...(triggersUnknown ? { triggersUnknown } : {}) };
    const entry = synced.find((s) => s.table === table);
    if (!entry) return { table: table.name, rawTables: [], ...unknowns, ...(rawTablesUnknown ? { syncUnknown: true } : {}) };
    const localOnly = new Set(entry.localOnlyColumns.map((c) => c.name));
    const columns: Record<string, ColumnSync> = {};
    for (const column of table.columns) {
      const lower = column.name.toLowerCase();
      columns[column.name] = lower === 'id' ? 'id'
        : !entry.syncedColumns ? 'unknown'
        : entry.syncedColumns.has(lower) ? 'synced'
        : localOnly.has(column.name) ? 'local-only'
        : 'unknown';
    }
    return { table: table.name, rawTables: entry.rawTables.map((rt) => rt.name ?? '?'), columns, ...unknowns };
  });
  const triggers = model.triggers.map((t): TriggerReport => ({
    name: t.name,
    table: t.table,
    event: t.event,
    form: t.form,
    writesPowerSyncCrud: t.writesPowerSyncCrud,
    sql: t.sql,
    file: fileOf(t.loc.uri),
    line: t.loc.range.start.line,
  }));
  return { version: 1, schema: schemaReport(model, fileOf), sync, triggers, simulation, chains: syncChains(model, simulation, fileOf) };
}
