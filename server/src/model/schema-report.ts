import type { SourceLocation } from './location';
import type { Table, WorkspaceModel } from './workspace';

/**
 * The derived schema as plain JSON: what `rawsync schema` prints and the preview shows.
 * `fileOf` turns a URI into the path the door wants (relative for the CLI).
 */
export function schemaReport(model: WorkspaceModel, fileOf: (uri: string) => string) {
  const where = (loc: SourceLocation) => ({ file: fileOf(loc.uri), line: loc.range.start.line });
  return {
    version: 1,
    tables: model.tables.map((t) => ({
      name: t.name,
      origin: t.origin,
      ...where(t.loc),
      entity: t.entity?.qualifiedName,
      // A virtual table: its version, tokenizer and external content table.
      fts: t.fts,
      columns: t.columns.map((c) => ({
        name: c.name,
        affinity: c.affinity,
        notNull: c.notNull,
        defaultValue: c.defaultValue,
        collate: c.collate,
        fieldPath: c.fieldPath,
        // Its type came from something Rawsync could not read: the affinity is a fallback.
        ...(c.affinityUnresolved ? { affinityUnresolved: true } : {}),
      })),
      primaryKey: t.primaryKey ? { columns: t.primaryKey.columns, autoGenerate: t.primaryKey.autoGenerate } : undefined,
      foreignKeys: t.foreignKeys.map((fk) => ({
        parentTable: fk.parentTable,
        parentColumns: fk.parentColumns,
        childColumns: fk.childColumns,
        onUpdate: fk.onUpdate,
        onDelete: fk.onDelete,
        deferred: fk.deferred,
      })),
      createSql: t.createSql,
      indexSql: t.indices.map((i) => i.createSql),
      // Parts that could not be resolved (left out of createSql or guessed): the statement may not be Room's.
      ...(t.unresolved ? { unresolved: t.unresolved.map(where) } : {}),
      // Not fully derivable from the code: the shape above is Room's own export of the database's version.
      ...(t.exportedFrom ? { exportedFrom: { ...where(t.exportedFrom.loc), version: t.exportedFrom.version } } : {}),
      // Created with different shapes: the fields above are the first; which applies depends on where code runs.
      ...(t.definitions
        ? { definitions: t.definitions.map((d) => ({ ...where(d.loc), function: d.definedIn?.enclosingFunction, createSql: d.createSql })) }
        : {}),
    })),
    roomDatabases: model.roomDatabases.map((db) => ({
      className: db.className,
      qualifiedName: db.qualifiedName,
      version: db.version,
      ...where(db.loc),
      entities: db.entities.map((e) => ({ className: e.className, tableName: e.tableName, tableId: e.tableId })),
    })),
    rawTables: model.rawTables.map((rt) => ({
      name: rt.name,
      localTable: rt.localTable,
      platform: rt.platform,
      ...where(rt.loc),
      json: rt.coreJson,
    })),
    schemas: model.schemas.map((s) => ({
      variable: s.variable?.name,
      ...where(s.loc),
      rawTables: s.rawTables.map((rt) => rt?.name ?? null),
    })),
    databasePaths: model.databasePaths.map((p) => ({
      opener: p.opener,
      platform: p.platform,
      path: p.path ?? null,
      description: p.description,
      ...where(p.loc),
    })),
    sdkVersions: Object.fromEntries(Object.entries(model.sdkVersions).flatMap(([k, v]) => (Array.isArray(v) ? [] : [[k, v?.version]]))),
  };
}

/** Every table's DDL in the order a fresh database would be created: Room databases first. */
export function schemaSql(model: WorkspaceModel): string {
  const out: string[] = [];
  const emitted = new Set<Table>();
  const emit = (t: Table) => {
    if (emitted.has(t)) return;
    emitted.add(t);
    // An entity whose columns are all unknown has no statement.
    if (t.createSql.trim().length > 0) out.push(`${t.createSql};`);
    for (const index of t.indices) out.push(`${index.createSql};`);
  };
  for (const db of model.roomDatabases) {
    out.push(`-- ${db.qualifiedName}${db.version !== undefined ? ` (version ${db.version})` : ''}`);
    for (const entity of db.entities) {
      const table = model.tables.find((t) => t.origin === 'room-entity' && t.name === entity.tableName);
      if (table) emit(table);
    }
  }
  const rest = model.tables.filter((t) => !emitted.has(t));
  if (rest.length > 0 && model.roomDatabases.length > 0) out.push('-- other tables');
  rest.forEach(emit);
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}
