import { findTable } from '../model/synced-tables';
import type { SourceLocation } from '../model/location';
import type { PowerSyncSchema, RawTable, RoomDatabase, Table, ViewTable, WorkspaceModel } from '../model/workspace';
import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';

const RULE = 'view-name-clash';

/**
 * Why a Schema's view-backed tables share one database with some tables: the tables, what ties
 * them, and whether those tables certainly exist before PowerSync applies the schema.
 */
interface SharedDatabase {
  tables: Table[];
  /** "Room's database …", for messages. */
  owner: string;
  related: RelatedLocation;
  /** True when the tables exist before `powersync_replace_schema` runs (Room opens first). */
  tablesFirst: boolean;
}

/**
 * A view-backed `Table(…)` whose view name is a table that Room or a CREATE TABLE creates in the
 * database PowerSync applies the schema to. `powersync_replace_schema` drops and creates a view of
 * that name; SQLite refuses while the name is a table, so the schema update fails (docs/facts.md §4,
 * checked in the core by test/unit/rules/view-name-clash.test.ts).
 */
export const viewNameClash: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'A view-backed PowerSync Table whose view name is a table Room or a CREATE TABLE creates in the same database: PowerSync cannot apply its schema.',
    docs: 'docs/rules/view-name-clash.md',
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const schema of model.schemas) {
      if (schema.viewTables.length === 0) continue;
      const shared = sharedDatabases(schema, model);
      if (shared.length === 0) continue;
      // Kotlin's Schema.validate() throws first on a name used twice (exact match): that is another
      // failure. The JS SDK's Schema checks no names, and Dart's validate() only the view-backed
      // tables among themselves, so there a raw table's twin is still created as a view.
      const names = [...schema.viewTables.map((v) => v.name), ...schema.rawTables.map((r) => r?.name)];
      const viewNames = schema.viewTables.map((v) => v.name);
      for (const view of schema.viewTables) {
        if (view.viewName === undefined || view.name === undefined) continue;
        if ((schema.api ?? 'kotlin') === 'kotlin' && names.filter((n) => n === view.name).length > 1) continue;
        if (schema.api === 'dart' && viewNames.filter((n) => n === view.name).length > 1) continue;
        const clash = firstClash(view.viewName, shared);
        const rawTwin = schema.api === 'js' || schema.api === 'dart' ? schema.rawTables.find((r) => r?.name === view.name) : undefined;
        if (clash) findings.push(finding(view, clash.table, clash.shared, schema.api ?? 'kotlin', rawTwin));
      }
    }
    return findings;
  },
};

function firstClash(viewName: string, shared: SharedDatabase[]): { table: Table; shared: SharedDatabase } | undefined {
  // Certain order first: its message is the plainer one.
  const ordered = [...shared.filter((s) => s.tablesFirst), ...shared.filter((s) => !s.tablesFirst)];
  for (const s of ordered) {
    const table = s.tables.find((t) => t.name.toLowerCase() === viewName.toLowerCase());
    if (table) return { table, shared: s };
  }
  return undefined;
}

function finding(view: ViewTable, table: Table, shared: SharedDatabase, api: 'kotlin' | 'js' | 'dart', rawTwin: RawTable | undefined): Finding {
  const overridden = view.viewNameLoc !== undefined && view.viewName !== view.name;
  const what = overridden ? `The view name '${view.viewName}' of PowerSync table '${view.name ?? view.viewName}'` : `PowerSync table '${view.viewName}'`;
  const holder = table.origin === 'sql' ? `the table '${table.name}' of a CREATE TABLE` : table.origin === 'drizzle' ? `the Drizzle table '${table.name}'` : table.origin === 'drift' ? `the Drift table '${table.name}'` : `Room's table '${table.name}'`;
  const order = shared.tablesFirst
    ? ''
    : ` Should PowerSync get there first, the view takes the name instead: CREATE TABLE IF NOT EXISTS '${table.name}' then creates nothing, and the app's reads and writes of '${table.name}' hit PowerSync's view.`;
  const rename = view.viewNameLoc && !overridden ? 'a different view name' : api === 'js' ? 'the viewName option' : api === 'dart' ? 'the viewName argument' : 'viewNameOverride';
  const remedy = rawTwin
    ? `Raw table '${view.name}' already syncs '${table.name}', and a JSON-backed table of the same name takes its synced rows: remove '${view.name}' from ${api === 'dart' ? "the Schema's tables" : 'new Schema({…})'}.`
    : api === 'js'
      ? `Sync '${table.name}' through a raw table (withRawTables) over the existing table, or name the view apart with ${rename}.`
      : api === 'dart'
        ? `Sync '${table.name}' through a RawTable (Schema's rawTables) over the existing table, or name the view apart with ${rename}.`
        : `Sync '${table.name}' through a RawTable over the existing table (PowerSync's docs: Room needs raw tables), or name the view apart with ${rename}.`;
  return {
    rule: RULE,
    severity: 'error',
    message:
      `PowerSync cannot apply its schema: view '${view.viewName}' clashes with a table. ` +
      `${what} needs a view named '${view.viewName}', a name ${holder} holds in the same database. ` +
      `They share the database because ${shared.owner}. ` +
      `powersync_replace_schema drops and creates the view '${view.viewName}', SQLite refuses while '${table.name}' is a table (the core reports 'internal SQLite call returned ERROR'), and opening PowerSync fails.${order} ` +
      remedy,
    loc: overridden ? view.viewNameLoc! : view.nameLoc,
    related: [{ loc: table.nameLoc, message: `table '${table.name}'` }, shared.related],
    fixes: [],
  };
}

/** Every way this schema is known to run in a database whose tables the workspace declares. */
function sharedDatabases(schema: PowerSyncSchema, model: WorkspaceModel): SharedDatabase[] {
  const out: SharedDatabase[] = [];
  // PowerSync on Room's own connections: Room creates its tables when the pool first opens them.
  const onlyRoom = model.roomDatabases.length === 1 ? model.roomDatabases[0] : undefined;
  for (const pool of model.roomConnectionPools) {
    for (const opened of pool.openedWith ?? []) {
      if (opened.schema !== schema || !onlyRoom) continue;
      out.push({
        tables: entityTables(onlyRoom, model),
        owner: `PowerSyncDatabase.opened runs this schema on ${onlyRoom.className}'s connections (a RoomConnectionPool), after Room has created its tables`,
        related: { loc: opened.loc, message: `PowerSyncDatabase.opened with a RoomConnectionPool over ${onlyRoom.className}` },
        tablesFirst: true,
      });
    }
  }
  // PowerSyncDatabase(…) and Room opening one file.
  for (const db of model.roomDatabases) {
    const same = sameFile(schema, db, model);
    if (same) {
      out.push({
        tables: entityTables(db, model),
        owner: `PowerSyncDatabase opens this schema on the file ${db.className} uses, ${same.path}`,
        related: { loc: same.loc, message: `PowerSyncDatabase on ${same.path}` },
        tablesFirst: false,
      });
    }
  }
  // The schema's own raw tables write into tables: those are in its database, and so is every
  // table of the Room database such a table belongs to (unless the two are known to open different files).
  for (const rawTable of schema.rawTables) {
    if (!rawTable?.localTable) continue;
    const table = findTable(model, rawTable.localTable);
    if (!table) continue;
    const room = model.roomDatabases.find((db) => db.entities.some((e) => e.tableName?.toLowerCase() === table.name.toLowerCase()));
    if (room && filesDiffer(schema, room, model)) continue;
    out.push({
      tables: room ? entityTables(room, model) : [table],
      owner: room
        ? `the schema's raw table '${rawTable.name ?? rawTable.localTable}' writes ${room.className}'s table '${table.name}'`
        : `the schema's raw table '${rawTable.name ?? rawTable.localTable}' writes that table`,
      related: { loc: rawTable.nameLoc, message: `raw table '${rawTable.name ?? rawTable.localTable}' of the same schema` },
      tablesFirst: false,
    });
  }
  return out;
}

function entityTables(db: RoomDatabase, model: WorkspaceModel): Table[] {
  return db.entities
    .map((e) => (e.tableName === undefined ? undefined : findTable(model, e.tableName)))
    .filter((t): t is Table => t !== undefined);
}

/** Room builders of this database class, by the name written at the builder. */
function roomPaths(db: RoomDatabase, model: WorkspaceModel) {
  return model.databasePaths.filter(
    (p) => p.opener === 'room' && p.roomDatabaseClass !== undefined && (p.roomDatabaseClass === db.className || p.roomDatabaseClass === db.qualifiedName),
  );
}

function powerSyncPaths(schema: PowerSyncSchema, model: WorkspaceModel) {
  return model.databasePaths.filter((p) => p.opener === 'powersync' && p.schema === schema);
}

/** A PowerSyncDatabase(…) with this schema and a builder of this Room database on one known path. */
function sameFile(schema: PowerSyncSchema, db: RoomDatabase, model: WorkspaceModel): { path: string; loc: SourceLocation } | undefined {
  const rooms = roomPaths(db, model);
  for (const ps of powerSyncPaths(schema, model)) {
    if (ps.path === undefined) continue;
    if (rooms.some((r) => r.platform === ps.platform && r.path === ps.path)) return { path: ps.path, loc: ps.fileNameLoc ?? ps.loc };
  }
  return undefined;
}

/** A PowerSyncDatabase(…) with this schema and a builder of this Room database on known, different paths. */
function filesDiffer(schema: PowerSyncSchema, db: RoomDatabase, model: WorkspaceModel): boolean {
  const rooms = roomPaths(db, model);
  return powerSyncPaths(schema, model).some(
    (ps) => ps.path !== undefined && rooms.some((r) => r.platform === ps.platform && r.path !== undefined && r.path !== ps.path),
  );
}
