import type { WorkspaceModel } from '../workspace';
import type { PostgresTable } from './postgres-schema';
import type { SyncedOutputTable } from './sync-configs';

/**
 * The Postgres table an upload connector writes a ps_crud row of `type` to: the one table every
 * query of the output table of that name selects from, when it is `public.<type>` (PowerSync's
 * Supabase connectors write `from(op.table)` in the default schema) and the migrations give all its
 * columns. Undefined unless the workspace has one sync config and that much is known.
 */
export function uploadTarget(model: WorkspaceModel, type: string): { table: PostgresTable; output: SyncedOutputTable } | undefined {
  // Several sync configs (staging, production): which one the app meets is not known.
  if (model.backend.syncConfigs.length !== 1) return undefined;
  const postgres = model.backend.postgres;
  if (!postgres || postgres.unknown) return undefined;
  // The sync name is matched as written: the service sends `todos`, never `Todos`.
  const output = model.backend.syncConfigs[0].outputTables?.find((t) => t.name === type);
  if (!output || output.queries.length === 0) return undefined;
  const sources = new Set(output.queries.map((q) => q.source));
  if (sources.size !== 1 || [...sources][0] !== `public.${type}`) return undefined;
  const table = postgres.tables.find((t) => t.schema === 'public' && t.name === type);
  if (!table || table.unknown) return undefined;
  return { table, output };
}
