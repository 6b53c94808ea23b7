import type { FileFacts, NpmPackageFact, Platform } from './facts';
import type { SourceLocation } from './location';
import type { CallValue, Value } from './value';
import type { UnresolvedPart } from './unknown-reason';
import type { WorkspaceNames } from './names';
import type { UnreadTable } from './unread-tables';
import type { PostgresSchema } from './backend/postgres-schema';
import type { SyncConfig } from './backend/sync-configs';

/** The resolved model of a workspace: plain data built from every file's facts. */
export interface WorkspaceModel {
  files: ReadonlyMap<string, FileFacts>;
  /**
   * Name resolution over `files`, built once per model; every later lookup (rules, fixes, the
   * preview, hovers) goes through it, so files passed over are read when a name needs them.
   */
  names: WorkspaceNames;
  tables: Table[];
  /** CREATE TABLE statements whose text is only known at run time: tables that exist with an unknown shape. */
  unreadTables: UnreadTable[];
  roomDatabases: RoomDatabase[];
  rawTables: RawTable[];
  schemas: PowerSyncSchema[];
  triggers: Trigger[];
  databasePaths: DatabasePath[];
  connections: SyncConnection[];
  /** `disconnectAndClear()` calls, with the schema of the database each clears when that is known. */
  clears: DatabaseClear[];
  roomConnectionPools: RoomConnectionPool[];
  sdkVersions: SdkVersions;
  /** The backend when the workspace holds it: the Postgres schema of its migrations and its sync configs, compiled. */
  backend: BackendModel;
}

export interface BackendModel {
  /** Undefined without migrations (or with several migration folders). */
  postgres?: PostgresSchema;
  syncConfigs: SyncConfig[];
}

/** Room declares only the first four; NUMERIC comes from hand-written SQL (`BOOLEAN`, `DATETIME`, `DECIMAL`). */
export type Affinity = 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB' | 'NUMERIC';

export type ForeignKeyAction = 'NO ACTION' | 'RESTRICT' | 'SET NULL' | 'SET DEFAULT' | 'CASCADE';

export interface Column {
  name: string;
  affinity: Affinity;
  notNull: boolean;
  /** The DEFAULT text as it appears in the DDL (already quoted by Room's rules). */
  defaultValue?: string;
  collate?: string;
  /** Dotted property path for entity columns (`address.street`). */
  fieldPath?: string;
  /**
   * True when the column's type could not be mapped to an affinity (a class or converter outside
   * the workspace): `affinity` then holds Room's fallback TEXT and is not to be trusted.
   */
  affinityUnresolved?: boolean;
  loc: SourceLocation;
}

export interface PrimaryKey {
  columns: string[];
  autoGenerate: boolean;
  /**
   * For SQL tables: true when SQLite made the single key column an alias of the rowid (it then
   * holds only integers), false when it did not; absent for entity tables (see their column type).
   */
  rowidAlias?: boolean;
  loc?: SourceLocation;
}

export interface ForeignKey {
  parentTable: string;
  parentColumns: string[];
  childColumns: string[];
  onUpdate: ForeignKeyAction;
  onDelete: ForeignKeyAction;
  deferred: boolean;
  /** The `ForeignKey(…)` call or the SQL string. */
  loc: SourceLocation;
  /** For Room entities: the `ForeignKey(…)` call as written, for fixes that edit its arguments. */
  roomCall?: CallValue;
  /** For Drift tables: the `references(…)` call as written, for fixes that edit its arguments. */
  driftReference?: CallValue;
}

export interface TableIndex {
  name: string;
  unique: boolean;
  columns: string[];
  orders?: ('ASC' | 'DESC')[];
  createSql: string;
  loc: SourceLocation;
}

export interface FtsTable {
  version: 'FTS3' | 'FTS4';
  /** The tokenizer's name; absent when the options could not be resolved. */
  tokenizer?: string;
  /** `contentEntity`'s table: an external-content table, whose rows live there. */
  contentTable?: string;
}

/**
 * `drizzle`: a Drizzle `sqliteTable(…)`, with the DDL drizzle-kit generates for it (model/drizzle/);
 * `drift`: a Drift `Table` class, with the DDL Drift's migrator runs for it (model/drift/).
 */
export type TableOrigin = 'room-entity' | 'sql' | 'room-schema-json' | 'drizzle' | 'drift';

/** Where code runs: its file, the classes around it and the nearest named function. */
export interface CodeScope {
  uri: string;
  owner: string[];
  enclosingFunction?: string;
}

export interface Table {
  name: string;
  origin: TableOrigin;
  columns: Column[];
  primaryKey?: PrimaryKey;
  foreignKeys: ForeignKey[];
  indices: TableIndex[];
  /**
   * The exact CREATE TABLE text (Room's, for entities; drizzle-kit's, without its closing `;`, for Drizzle tables). Empty for an entity none of whose columns
   * could be derived (then `unresolved` says why).
   */
  createSql: string;
  /**
   * For SQL tables: the string expression (or `.sql` statement) `createSql` was read from, and
   * where `createSql` starts in that expression's text, so a fix can edit the SQL in place.
   */
  createSqlSource?: { value: Value; statementStart: number; language: 'code' | 'sql' };
  /** For entities: the class. */
  entity?: { className: string; qualifiedName: string };
  /**
   * For `@Fts3` / `@Fts4` entities: `createSql` is a CREATE VIRTUAL TABLE. The table has the
   * implicit `rowid` (alias `docid`) beside `columns`, no indices and no foreign keys. SQLite
   * ignores the declared types and constraints of an FTS column: no affinity, NOT NULL unenforced.
   */
  fts?: FtsTable;
  /** The class declaration or the SQL string. */
  loc: SourceLocation;
  /** Where the name is written (the tableName argument or the class name). */
  nameLoc: SourceLocation;
  /**
   * For entities: values that could not be resolved (a constant, class or converter outside the
   * workspace). Those parts are left out of `createSql` (or fall back, see Column), so it must not
   * be compared to the character. Absent when everything resolved.
   */
  unresolved?: SourceLocation[];
  /**
   * For entities that could not be fully derived: the Room schema export of the database's
   * version whose table this one took (model/room/export-tables.ts); `createSql` is then Room's.
   */
  exportedFrom?: { loc: SourceLocation; version: number };
  /** For SQL tables: where the CREATE TABLE runs. */
  definedIn?: CodeScope;
  /**
   * Set when the workspace creates this table name with different shapes (tests that each create
   * their own, migrations): every CREATE TABLE of the name that SQLite accepts, this one first.
   * Which one a statement meets is then told only by where it runs (model/table-definitions.ts):
   * findTable and the derived schema leave the table out rather than pick one.
   */
  definitions?: Table[];
  /**
   * Set with `definitions` when more CREATE TABLEs of the name exist than were described, or an
   * ALTER TABLE changes the table: then no place pins a definition.
   */
  definitionsIncomplete?: true;
}

export interface RoomDatabase {
  className: string;
  qualifiedName: string;
  version?: number;
  /**
   * Entities in `@Database(entities = […])` order; `tableId` is the position. `qualifiedName` is
   * set when the class is in the workspace, `tableName` when its table was derived.
   */
  entities: { className: string; qualifiedName?: string; tableName?: string; tableId: number; loc: SourceLocation }[];
  /** The `entities = […]` list. */
  entitiesLoc: SourceLocation;
  /** The `@Database(…)` annotation. */
  annotationLoc?: SourceLocation;
  /** Room 2 (`androidx.room`) or Room 3 (`androidx.room3`), when the annotation's file says which. */
  roomPackage?: 'androidx.room' | 'androidx.room3';
  loc: SourceLocation;
}

export type ParameterSource =
  | { kind: 'Id'; loc: SourceLocation }
  /** `nameValue`: the name argument as written, so a fix can tell a literal it may rewrite. */
  | { kind: 'Column'; name?: string; nameValue?: Value; loc: SourceLocation }
  | { kind: 'Rest'; loc: SourceLocation }
  | { kind: 'unknown'; loc: SourceLocation };

export interface PendingStatement {
  /** The resolved SQL, or undefined when it cannot be resolved. */
  sql?: string;
  sqlLoc: SourceLocation;
  /** The SQL expression as written at the call, so a fix can tell a literal it may rewrite. */
  sqlValue?: Value;
  /** Undefined when the parameter list cannot be resolved. */
  parameters?: ParameterSource[];
  parametersLoc?: SourceLocation;
  /** The parameter list as written at the call, so a fix can tell a list it may rewrite. */
  parametersValue?: Value;
  loc: SourceLocation;
}

export interface RawTableOptions {
  localOnly?: boolean;
  insertOnly?: boolean;
  trackMetadata?: boolean;
  trackPreviousValues?: boolean | { columns?: string[]; onlyWhenChanged?: boolean };
  ignoreEmptyUpdates?: boolean;
}

export interface RawTableSchema {
  /** Explicit `tableName`, if given. */
  tableName?: string;
  /** `syncedColumns`; `undefined` when absent, `'unknown'` when it cannot be resolved. */
  syncedColumns?: string[] | 'unknown';
  syncedColumnsLoc?: SourceLocation;
  /** The `syncedColumns` expression as written, so a fix can tell a list it may add to. */
  syncedColumnsValue?: Value;
  options: RawTableOptions;
  loc: SourceLocation;
}

export interface RawTable {
  /** Which SDK's API declares it: Kotlin's `RawTable(…)`, the JS SDK's `withRawTables({ … })`, or Dart's `RawTable(…)`. */
  api: 'kotlin' | 'js' | 'dart';
  /** The sync name; undefined when it cannot be resolved. */
  name?: string;
  nameLoc: SourceLocation;
  /** The variable it is assigned to (`todoTable`), used to resolve `Schema(todoTable)`. */
  variable?: { name: string; owner: string[] };
  /** Where the `RawTable(…)` is written. */
  scope?: CodeScope;
  put?: PendingStatement;
  delete?: PendingStatement;
  clear?: { sql?: string; loc: SourceLocation };
  schema?: RawTableSchema;
  /** The local table: `schema.tableName ?? name` for inferred tables, else the put's target. */
  localTable?: string;
  /** The core's JSON, serialized through @powersync/common; undefined if a part is unknown. */
  coreJson?: unknown;
  platform: Platform;
  loc: SourceLocation;
  /** The `RawTable(…)` call as written, for fixes that edit its arguments. */
  call?: CallValue;
  /**
   * JS SDK: the declaration's object literal (`{ put, delete }`), set when every entry is written
   * in it (no spread), for fixes that add an entry after the last one.
   */
  declarationObject?: { loc: SourceLocation; lastEntryLoc: SourceLocation };
  /** JS SDK: the receiver of the `withRawTables(…)` call that declares it (the schema it joins). */
  addedTo?: Value;
  /**
   * JS SDK: table options (`localOnly`, `insertOnly`, `trackMetadata`, `trackPrevious`,
   * `ignoreEmptyUpdates`) written beside `put`/`delete`/`schema` in the declaration, where
   * @powersync/common never reads them (only inside `schema`); each with its key's place.
   */
  optionsOutsideSchema?: { key: string; loc: SourceLocation; entryLoc: SourceLocation }[];
  /** What could not be read of it, and why; absent when everything resolved. */
  unresolved?: UnresolvedPart[];
}

/**
 * A view-backed PowerSync table in a Schema: `Table(…)`, `Table.localOnly(…)`, `Table.insertOnly(…)`.
 * `powersync_replace_schema` creates a view named `viewName` over its own `ps_data__<name>` table.
 */
export interface ViewTable {
  /** The sync name; undefined when it cannot be resolved. */
  name?: string;
  nameLoc: SourceLocation;
  /** `viewNameOverride` (`viewName` in the factories) when given, else `name`; undefined when unknown. */
  viewName?: string;
  /** Where a view-name argument is written, when one is. */
  viewNameLoc?: SourceLocation;
  /** Undefined when it cannot be resolved. */
  localOnly?: boolean;
  insertOnly?: boolean;
  loc: SourceLocation;
}

export interface PowerSyncSchema {
  /** The SDK whose Schema this is: Kotlin's `Schema(…)` (validated on construction) or the JS SDK's `new Schema({…})`. */
  api?: 'kotlin' | 'js' | 'dart';
  /** Raw tables in declared order; an entry is undefined where a name could not be resolved. */
  rawTables: (RawTable | undefined)[];
  /** The view-backed tables the list holds, in declared order (only those it could read as such). */
  viewTables: ViewTable[];
  /** `fromSource`: `text` is the entry exactly as written (else a description of it). */
  entries: { loc: SourceLocation; text: string; fromSource?: boolean }[];
  /** The list node (the vararg arguments or the `listOf(…)`). */
  listLoc: SourceLocation;
  variable?: { name: string; owner: string[] };
  loc: SourceLocation;
  /** Entries that could not be read as raw tables, and why. */
  unresolved?: UnresolvedPart[];
  /** Entries skipped as neither a raw table nor a view-backed table Rawsync knows (a `Table(…)` of another package, maybe). */
  opaqueEntries?: SourceLocation[];
}

export interface Trigger {
  name?: string;
  table?: string;
  event?: 'INSERT' | 'UPDATE' | 'DELETE';
  /** The CREATE TRIGGER text, or the trigger-helper call's arguments. */
  sql?: string;
  form: 'create-trigger' | 'crud-trigger-call';
  /** For crud-trigger calls: the raw table whose JSON is passed, when resolvable. */
  rawTable?: RawTable;
  writesPowerSyncCrud: boolean;
  /** The SQL expression as written at the call, so a fix can tell a literal it may rewrite. */
  sqlValue?: Value;
  /** Where `sql` starts in that expression's text (a string may hold several statements). */
  sqlStart?: number;
  /** Where the SQL that creates it runs. */
  scope?: CodeScope;
  loc: SourceLocation;
  /** What could not be read of it, and why: its SQL, its event or its raw table. */
  unresolved?: UnresolvedPart;
  /** For crud-trigger calls the core is known to refuse: its error (then no trigger exists). */
  fails?: string;
  /**
   * For crud-trigger calls handed the raw table's JSON as text (a literal, not a raw table's own
   * description): that text, which is what the core reads, whatever the raw table declares.
   */
  jsonText?: string;
}

export interface DatabasePath {
  opener: 'room' | 'powersync' | 'powersync-opened';
  platform: Platform;
  /** The resolved absolute-or-symbolic path, e.g. `<android-databases>/app.db`. */
  path?: string;
  /** How the path was built, in words, for messages. */
  description: string;
  /** The file name as given (Room's `name`, PowerSync's `dbFilename`), when resolved. */
  fileName?: string;
  /** PowerSync constructor: whether `dbDirectory` was passed (Kotlin SDK < 1.6 ignores it on iOS). */
  dbDirectoryGiven?: boolean;
  /** `PowerSyncDatabase.opened(…, identifier = …)`, when resolved. */
  identifier?: string;
  /** Where the file name is written (Room's `name`, PowerSync's `dbFilename`), when it is. */
  fileNameLoc?: SourceLocation;
  /** PowerSync constructor: where `dbDirectory` is written, when it is. */
  directoryLoc?: SourceLocation;
  /** Room: the database class as written at the builder (type argument or `klass`), when it is. */
  roomDatabaseClass?: string;
  /** PowerSync constructor: the Schema it opens with, when the argument resolves to one. */
  schema?: PowerSyncSchema;
  loc: SourceLocation;
}

export interface SyncConnection {
  /** Set for a JS SDK `connect(connector, options)`. */
  api?: 'js';
  /**
   * JS SDKs: the `clientImplementation` option, when it is `SyncClientImplementation.JAVASCRIPT` or
   * `.RUST` written at its place (through constants too); `unknown` when given but not readable.
   */
  clientImplementation?: { value: 'javascript' | 'rust' | 'unknown'; loc: SourceLocation; writtenHere: boolean };
  newClientImplementation?: boolean;
  /** True when options are passed but the flag cannot be read (a parameter, a value outside the workspace). */
  newClientImplementationUnknown?: boolean;
  loc: SourceLocation;
  optionsLoc?: SourceLocation;
  /** The `connect(…)` call, for fixes that add an options argument. */
  connectCall?: CallValue;
  /** The `SyncOptions(…)` call the options resolve to (maybe through a constant), for fixes. */
  optionsCall?: CallValue;
}

/** A `disconnectAndClear()` call and the schema of the database it clears. */
export interface DatabaseClear {
  loc: SourceLocation;
  /** The Schema(…) the cleared database is opened with; undefined when that cannot be told. */
  schema?: PowerSyncSchema;
  /**
   * How the schema was told: the call's receiver leads to its opener ('opener'), or the call's
   * Gradle module has no other schema and opens no other ('module').
   */
  via?: 'opener' | 'module';
  /** The `PowerSyncDatabase(…)` / `PowerSyncDatabase.opened(…)` the receiver leads to, if any. */
  openerLoc?: SourceLocation;
}

export interface RoomConnectionPool {
  schema?: PowerSyncSchema;
  /** The schema argument, when one is passed (`schema` is undefined if it cannot be resolved). */
  schemaArgumentLoc?: SourceLocation;
  /** `PowerSyncDatabase.opened(pool, …)` calls handed this pool, with the schema each passes. */
  openedWith?: { schema?: PowerSyncSchema; schemaArgumentLoc?: SourceLocation; loc: SourceLocation }[];
  loc: SourceLocation;
}

export interface SdkVersions {
  /** `com.powersync:core` (or `com.powersync:common`). */
  powersync?: { version: string; loc: SourceLocation };
  powersyncRoom?: { version: string; loc: SourceLocation };
  room?: { version: string; group: 'androidx.room' | 'androidx.room3'; loc: SourceLocation };
  /**
   * Every Room library the build files and catalogs declare (`androidx.room:*`, `androidx.room3:*`),
   * with or without a version: which Room the project builds with, Room 2 or Room 3.
   */
  roomLibraries?: { group: 'androidx.room' | 'androidx.room3'; artifact: string; version?: string; loc: SourceLocation }[];
  /** The Room Gradle plugins the build names (`androidx.room`, `androidx.room3`). */
  roomPlugins?: { id: 'androidx.room' | 'androidx.room3'; version?: string; loc: SourceLocation }[];
  /**
   * npm: each package.json ('manifest') and lockfile naming `@powersync/*` packages, by its folder
   * (a URI without the file name), with the packages it declares or resolves; `unread` when the
   * file could not be read (its versions are unknown).
   */
  npm?: NpmPackageFile[];
  /**
   * pub: each pubspec.yaml ('manifest') and pubspec.lock ('lockfile'), by its folder, with the
   * packages it declares (a version only for an exact pin) or resolves.
   */
  pub?: PubPackageFile[];
}

export interface PubPackageFile {
  uri: string;
  folder: string;
  kind: 'manifest' | 'lockfile';
  packages: { name: string; version?: string; source?: string; loc: SourceLocation }[];
}

export interface NpmPackageFile {
  uri: string;
  folder: string;
  kind: 'manifest' | 'lockfile';
  packages: NpmPackageFact[];
  unread?: true;
}
