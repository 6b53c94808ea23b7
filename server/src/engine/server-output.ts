import { syncedOutputTable, type SyncConfig, type SyncedOutputTable } from '../model/backend/sync-configs';
import type { Table, WorkspaceModel } from '../model/workspace';
import { asciiLower } from '../sql/sql-text';
import type { PlannedRawTable } from './preview-database';
import { putBindings, putParametersOf } from './put-bindings';
import type { ServerOutput } from './sample-rows';

/**
 * What the service sends for a sync name, from the workspace's sync config, or why that is not
 * known. Only a fully known output counts: a guess is never passed off as the server's.
 */
export function outputForSyncName(model: Pick<WorkspaceModel, 'backend'>, syncName: string): { table: SyncedOutputTable; config: SyncConfig } | { reason: string } {
  const configs = model.backend.syncConfigs;
  if (configs.length === 0) return { reason: 'the workspace holds no sync config' };
  if (configs.length > 1) return { reason: `the workspace holds ${configs.length} sync configs, and which one the app meets is not known` };
  const found = syncedOutputTable(model.backend, syncName);
  if (found) return found;
  const config = configs[0];
  if (config.outputsUnknown) return { reason: `the sync config's output tables are not known: ${config.outputsUnknown}` };
  const unknown = config.unknownOutputTables?.find((t) => t.name === syncName);
  if (unknown) return { reason: `the columns of '${syncName}' in the sync config are not known: ${unknown.reason}` };
  return { reason: `the sync config sends no table '${syncName}'` };
}

/** The server's columns for a planned raw table, with the local column its put binds each key into. */
export function serverOutputOf(model: Pick<WorkspaceModel, 'backend'>, rawTable: PlannedRawTable, table: Table | undefined): { server: ServerOutput } | { reason: string } {
  const output = outputForSyncName(model, rawTable.syncName);
  if ('reason' in output) return output;
  return { server: { columns: output.table.columns, bindings: keyBindings(rawTable, table) } };
}

/** Data key → the local column the put fills with it: by the put's SQL, or by name for an inferred put. */
export function keyBindings(rawTable: PlannedRawTable, table: Table | undefined): Record<string, string> {
  const bindings: Record<string, string> = {};
  const parameters = putParametersOf(rawTable.json);
  if (!parameters) {
    // An inferred put reads each synced column's key by the column's own name.
    const listed = (rawTable.json as { synced_columns?: unknown }).synced_columns;
    for (const column of table?.columns ?? []) {
      if (asciiLower(column.name) === 'id') continue;
      if (Array.isArray(listed) && !listed.includes(column.name)) continue;
      bindings[column.name] = column.name;
    }
    return bindings;
  }
  const sql = (rawTable.json as { put?: { sql?: unknown } }).put?.sql;
  for (const binding of putBindings(typeof sql === 'string' ? sql : undefined, parameters, table?.columns.map((c) => c.name))) {
    if (binding.parameter.kind !== 'Column' || binding.column === undefined) continue;
    bindings[binding.parameter.key] ??= binding.column;
  }
  return bindings;
}
