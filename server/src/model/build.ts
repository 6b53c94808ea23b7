import type { FileFacts } from './facts';
import { WorkspaceNames, type PassedOverFiles } from './names';
import type { SqlCatalog } from './sql-catalog';
import type { WorkspaceModel } from './workspace';
import { buildEntityTables } from './room-entities';
import { buildRoomDatabases } from './room-databases';
import { buildSqlTables } from './sql-tables';
import { completeEntityTablesFromExports } from './room/export-tables';
import { buildUnreadTables } from './unread-tables';
import { buildRawTables } from './raw-tables';
import { buildSchemas } from './schemas';
import { buildTriggers } from './triggers';
import { buildDatabasePaths } from './database-paths';
import { buildSyncConnections } from './sync-connections';
import { buildRoomConnectionPools } from './room-connection-pools';
import { buildSdkVersions } from './sdk-versions';
import { buildDatabaseClears } from './database-clears';
import { buildDrizzleTables } from './drizzle/tables';
import { buildDriftTables } from './drift/tables';
import { buildKyselyStatements } from './kysely/schema-statements';
import { buildPostgresSchema } from './backend/postgres-schema';
import { buildSyncConfigs } from './backend/sync-configs';

export interface ModelInputs {
  files: ReadonlyMap<string, FileFacts>;
  /** SQLite's view of CREATE TABLE strings; without it, SQL tables are left out. */
  sql?: SqlCatalog;
  /** Reads the files the pre-screen passed over when a name needs them (WorkspaceIndex). */
  passedOver?: PassedOverFiles;
}

/**
 * Resolves every file's facts into one workspace model. Reads no files from disk; a name it looks up
 * may make `passedOver` parse a file the pre-screen passed over (its facts join `files`).
 */
export function buildModel({ files, sql, passedOver }: ModelInputs): WorkspaceModel {
  const names = new WorkspaceNames(files, passedOver);
  const entityTables = buildEntityTables(files, names);
  const kysely = buildKyselyStatements(files, names);
  const sqlTables = buildSqlTables(files, names, entityTables, sql, kysely.statements);
  const unreadTables = [...buildUnreadTables(files, names), ...kysely.unread];
  // After the others: a name Room or SQL creates is theirs (see buildDrizzleTables).
  const drizzle = buildDrizzleTables(files, names, [...entityTables, ...sqlTables], unreadTables);
  const drift = buildDriftTables(files, names, [...entityTables, ...sqlTables], unreadTables, sql);
  const tables = [...entityTables, ...sqlTables, ...drizzle.tables, ...drift.tables];
  const roomDatabases = buildRoomDatabases(files, names, tables);
  completeEntityTablesFromExports(tables, roomDatabases, files, sql);
  const rawTables = buildRawTables(files, names, tables);
  const schemas = buildSchemas(files, names, rawTables);
  const postgres = buildPostgresSchema(files);
  const model: Omit<WorkspaceModel, 'names'> = {
    files,
    tables,
    unreadTables: [...unreadTables, ...drizzle.unread, ...drift.unread],
    roomDatabases,
    rawTables,
    schemas,
    triggers: buildTriggers(files, names, rawTables),
    databasePaths: buildDatabasePaths(files, names, schemas),
    connections: buildSyncConnections(files, names),
    clears: buildDatabaseClears(files, names, schemas),
    roomConnectionPools: buildRoomConnectionPools(files, names, schemas),
    sdkVersions: buildSdkVersions(files),
    backend: { postgres, syncConfigs: buildSyncConfigs(files, postgres) },
  };
  // Not enumerable: a structured clone of the model (the preview thread's copy) leaves the index
  // behind; the copy makes its own from the files (see withNames).
  return Object.defineProperty(model, 'names', { value: names, enumerable: false }) as WorkspaceModel;
}
