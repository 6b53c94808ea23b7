import type { AnnotationFact, FileFacts } from './facts';
import type { SourceLocation } from './location';
import type { ClassEntry, WorkspaceNames } from './names';
import type { Column, Table } from './workspace';
import { annotationArgument } from './room/annotations';
import { combineConverters } from './room/converters';
import { createTableSql } from './room/create-sql';
import { entityParent, readDataClass } from './room/data-class';
import { databasesListing, readDatabaseDeclarations, type DatabaseDeclaration } from './room/databases';
import { classAnnotation, classPath, createRoomReading, type EntityContext, type RoomReading } from './room/entity-context';
import { readForeignKeys } from './room/foreign-keys';
import { createFtsTableSql, ftsAnnotation, ftsTableInfo, readFtsOptions, visibleFtsColumns } from './room/fts';
import { readIndices } from './room/indices';
import { choosePrimaryKey } from './room/primary-key';
import { entityTableName } from './room/table-name';

/**
 * Room entities as tables, with Room's exact createSql and index SQL; FTS entities as the
 * virtual tables Room creates for them. Abstract entities are left out.
 */
export function buildEntityTables(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): Table[] {
  const reading = createRoomReading(files, names);
  const databases = readDatabaseDeclarations(reading);
  const tables: Table[] = [];
  for (const entry of names.allClasses()) {
    const entity = classAnnotation(entry, 'Entity', reading);
    if (!entity || !isConcreteClass(entry)) continue;
    const table = buildEntityTable(entry, entity, databasesListing(entry, databases), reading);
    if (table) tables.push(table);
  }
  return tables;
}

/** One entity's table; undefined when its table name cannot be known. */
function buildEntityTable(entry: ClassEntry, entity: AnnotationFact, databases: DatabaseDeclaration[], reading: RoomReading): Table | undefined {
  const { name, loc: nameLoc } = entityTableName(entry, entity, reading);
  if (name === undefined) return undefined;
  const ctx: EntityContext = { ...reading, unresolved: [] };
  const databaseConverters = databases.map((db) => reading.converters.scopeOf(db.entry.fact.annotations, db.entry.uri, classPath(db.entry)));
  const data = readDataClass(entry, entityParent(combineConverters(...databaseConverters)), ctx);
  const columns = data.columns.map((c) => c.column);
  const primaryKey = choosePrimaryKey(entry, data, ctx);
  const fts = ftsAnnotation(entry, reading);
  if (fts) return buildFtsTable(entry, entity, name, nameLoc, fts, columns, primaryKey?.columns, ctx);
  const foreignKeys = readForeignKeys(entry, entity, ctx);
  // Room rejects an entity without fields: no column derived means the names are unknown, and
  // `CREATE TABLE t ()` is no SQL at all. The table is kept, unresolved, without a statement.
  const empty = columns.length === 0;
  if (empty && ctx.unresolved.length === 0) ctx.unresolved.push(entry.fact.nameLoc);
  const table: Table = {
    name,
    origin: 'room-entity',
    columns,
    foreignKeys,
    indices: empty ? [] : readIndices(entry, entity, name, data, ctx),
    createSql: empty ? '' : createTableSql(name, columns, primaryKey, foreignKeys),
    entity: { className: entry.fact.name, qualifiedName: entry.qualifiedName },
    loc: entry.fact.loc,
    nameLoc,
  };
  if (primaryKey) table.primaryKey = primaryKey;
  if (ctx.unresolved.length > 0) table.unresolved = distinctLocations(ctx.unresolved);
  return table;
}

/**
 * An FTS entity's virtual table. Room rejects indices and foreign keys on one, so any given leave
 * the table unresolved; so does an option that cannot be evaluated (the statement would be a guess).
 */
function buildFtsTable(
  entry: ClassEntry,
  entity: AnnotationFact,
  name: string,
  nameLoc: SourceLocation,
  fts: NonNullable<ReturnType<typeof ftsAnnotation>>,
  columns: Column[],
  primaryKeyColumns: string[] | undefined,
  ctx: EntityContext,
): Table {
  for (const [argument, position] of [['indices', 1], ['foreignKeys', 4]] as const) {
    const value = annotationArgument(entity, argument, position);
    if (value && !(value.kind === 'list' && value.items.length === 0)) ctx.unresolved.push(value.loc);
  }
  const options = readFtsOptions(entry, fts.annotation, fts.version, ctx);
  const visible = options ? visibleFtsColumns(columns, primaryKeyColumns, options, fts.annotation.loc, ctx) : undefined;
  if (visible?.length === 0 && ctx.unresolved.length === 0) ctx.unresolved.push(entry.fact.nameLoc);
  const table: Table = {
    name,
    origin: 'room-entity',
    columns: visible ?? columns,
    foreignKeys: [],
    indices: [],
    createSql: options && visible && visible.length > 0 ? createFtsTableSql(name, fts.version, visible, options) : '',
    entity: { className: entry.fact.name, qualifiedName: entry.qualifiedName },
    fts: ftsTableInfo(fts.version, options),
    loc: entry.fact.loc,
    nameLoc,
  };
  if (ctx.unresolved.length > 0) table.unresolved = distinctLocations(ctx.unresolved);
  return table;
}

/** A class embedded twice is read twice; each unknown place is reported once. */
function distinctLocations(locations: SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>();
  return locations.filter((loc) => {
    const key = `${loc.uri}:${loc.range.start.line}:${loc.range.start.character}:${loc.range.end.line}:${loc.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An abstract `@Entity` is only a base for inheritance: Room cannot make rows of it. */
function isConcreteClass(entry: ClassEntry): boolean {
  return entry.fact.kind === 'class' && !entry.fact.modifiers.some((m) => m === 'abstract' || m === 'sealed');
}
