import type { ExportedSchemaFact } from './facts';
import type { RoomDatabase, Table, WorkspaceModel } from './workspace';

/**
 * Room's exported schema of one `@Database` at the version its annotation declares: the tables of
 * every `schemas/…/<fully.qualified.Db>/<version>.json` of that class and version in the workspace
 * (one per schema folder: a module may keep one per variant).
 */
export interface RoomSchemaExport {
  database: RoomDatabase;
  version: number;
  /** Each exported entity table by its exact name, as every export of the version has it. */
  tables: ReadonlyMap<string, ExportedSchemaFact[]>;
}

/**
 * Each Room database of the model with the exports of the same fully qualified class and the same
 * `@Database(version)`. A database whose version is not known, or that no export of its version
 * matches, has none: an export of another version says nothing about the code as it is.
 */
export function roomSchemaExports(model: WorkspaceModel): RoomSchemaExport[] {
  const byKey = new Map<string, ExportedSchemaFact[]>();
  for (const file of model.files.values()) {
    if (file.language !== 'room-schema-json') continue;
    for (const fact of file.exportedSchemas) {
      const key = exportKey(fact.databaseClass, fact.version);
      byKey.set(key, [...(byKey.get(key) ?? []), fact]);
    }
  }
  const exports: RoomSchemaExport[] = [];
  for (const database of model.roomDatabases) {
    if (database.version === undefined) continue;
    const facts = byKey.get(exportKey(database.qualifiedName, database.version));
    if (!facts) continue;
    const tables = new Map<string, ExportedSchemaFact[]>();
    for (const fact of facts) tables.set(fact.tableName, [...(tables.get(fact.tableName) ?? []), fact]);
    exports.push({ database, version: database.version, tables });
  }
  return exports;
}

/** The entity tables of a Room database that the model derived, in `@Database(entities)` order. */
export function entityTablesOf(database: RoomDatabase, model: WorkspaceModel): Table[] {
  const out: Table[] = [];
  for (const entity of database.entities) {
    if (entity.qualifiedName === undefined) continue;
    const table = model.tables.find((t) => t.origin === 'room-entity' && t.entity?.qualifiedName === entity.qualifiedName);
    if (table && !out.includes(table)) out.push(table);
  }
  return out;
}

function exportKey(databaseClass: string, version: number): string {
  return `${databaseClass}\u0000${version}`;
}
