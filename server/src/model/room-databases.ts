import type { FileFacts } from './facts';
import type { WorkspaceNames } from './names';
import type { RoomDatabase, Table } from './workspace';
import { readDatabaseDeclarations, type DatabaseDeclaration } from './room/databases';
import { createRoomReading } from './room/entity-context';

/**
 * `@Database` classes with their entities in declaration order; an entity's `tableId` is its
 * position, as Room's invalidation tracker numbers tables.
 */
export function buildRoomDatabases(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, tables: Table[]): RoomDatabase[] {
  return readDatabaseDeclarations(createRoomReading(files, names)).map((db) => roomDatabase(db, tables));
}

function roomDatabase(db: DatabaseDeclaration, tables: Table[]): RoomDatabase {
  const entities = db.entities.map((entity, tableId) => {
    const entry: RoomDatabase['entities'][number] = { className: entity.className, tableId, loc: entity.loc };
    if (entity.entry) entry.qualifiedName = entity.entry.qualifiedName;
    const table = entity.entry && tables.find((t) => t.entity?.qualifiedName === entity.entry!.qualifiedName);
    if (table) entry.tableName = table.name;
    return entry;
  });
  const database: RoomDatabase = {
    className: db.entry.fact.name,
    qualifiedName: db.entry.qualifiedName,
    entities,
    entitiesLoc: db.entitiesValue?.loc ?? db.annotation.loc,
    annotationLoc: db.annotation.loc,
    loc: db.entry.fact.loc,
  };
  if (db.version !== undefined) database.version = db.version;
  if (db.roomPackage) database.roomPackage = db.roomPackage;
  return database;
}
