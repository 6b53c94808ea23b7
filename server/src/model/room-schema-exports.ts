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

/** One exported version of a Room database: the tables of each of its export files (one per variant folder). */
export interface ExportedVersion {
  version: number;
  /** Per export file of the version: its tables by lower-cased name (SQLite compares names so). */
  files: { variant?: string; tables: ReadonlyMap<string, ExportedSchemaFact> }[];
}

/** Every version of a Room database that the workspace holds an export of, oldest first. */
export interface RoomSchemaHistory {
  database: RoomDatabase;
  versions: ExportedVersion[];
  /**
   * True when an export file in the database's folder could not be read (or holds no table): some
   * version's tables are then unknown, so no version can be said to lack a table.
   */
  incomplete: boolean;
}

/**
 * The exports of every version of each Room database of the model (by its fully qualified class),
 * whatever version the code declares: how the database looked at each version an install may be at.
 */
export function roomSchemaHistory(model: WorkspaceModel): RoomSchemaHistory[] {
  const byClass = new Map<string, { versions: Map<number, ExportedVersion>; incomplete: boolean }>();
  const entry = (databaseClass: string) => {
    let found = byClass.get(databaseClass);
    if (!found) byClass.set(databaseClass, (found = { versions: new Map(), incomplete: false }));
    return found;
  };
  for (const file of model.files.values()) {
    if (file.language !== 'room-schema-json') continue;
    const [first] = file.exportedSchemas;
    if (file.unread || !first) {
      const folder = exportFolderOf(file.uri);
      if (folder !== undefined) entry(folder).incomplete = true;
      continue;
    }
    const tables = new Map<string, ExportedSchemaFact>();
    for (const fact of file.exportedSchemas) tables.set(fact.tableName.toLowerCase(), fact);
    const { versions } = entry(first.databaseClass);
    const version = versions.get(first.version) ?? { version: first.version, files: [] };
    version.files.push({ ...(first.variant === undefined ? {} : { variant: first.variant }), tables });
    versions.set(first.version, version);
  }
  const histories: RoomSchemaHistory[] = [];
  for (const database of model.roomDatabases) {
    const found = byClass.get(database.qualifiedName);
    if (!found) continue;
    histories.push({ database, versions: [...found.versions.values()].sort((a, b) => a.version - b.version), incomplete: found.incomplete });
  }
  return histories;
}

/** The folder an export file sits in (Room names it after the database class). */
function exportFolderOf(uri: string): string | undefined {
  const segments = uri.split('/');
  return segments.length >= 2 ? decodeURIComponent(segments[segments.length - 2]) : undefined;
}
