import { schemaReport } from '../model/schema-report';
import { syncedTables } from '../model/synced-tables';
import type { WorkspaceModel } from '../model/workspace';
import type { PreviewSimulation } from './sync-scenario';

/** What a column is to sync: written by a raw table, kept on the device only, or the row id. */
export type ColumnSync = 'id' | 'synced' | 'local-only' | 'unknown';

/** Sync facts per table, beside the schema: what the preview's tables view shows per column. */
export interface TableSync {
  table: string;
  /** Sync names of the raw tables writing into it; empty for a local-only table. */
  rawTables: string[];
  /** Per column name; absent when no raw table writes into the table. */
  columns?: Record<string, ColumnSync>;
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
}

export function previewReport(model: WorkspaceModel, simulation: PreviewSimulation, fileOf: (uri: string) => string): PreviewReport {
  const synced = syncedTables(model);
  const sync = model.tables.map((table): TableSync => {
    const entry = synced.find((s) => s.table === table);
    if (!entry) return { table: table.name, rawTables: [] };
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
    return { table: table.name, rawTables: entry.rawTables.map((rt) => rt.name ?? '?'), columns };
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
  return { version: 1, schema: schemaReport(model, fileOf), sync, triggers, simulation };
}
