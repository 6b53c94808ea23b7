import type { Position, SourceLocation } from './location';
import type { Argument, CallValue, Statement, Value } from './value';

/** The platform a source file is compiled for, from its source set. */
export type Platform = 'android' | 'ios' | 'jvm' | 'common' | 'unknown';

/**
 * The language a file is read as, named by the language plugin that reads it (frontends/registry.ts):
 * today `kotlin`, `gradle-kts`, `java`, `sql`, `gradle-groovy`, `version-catalog`, `room-schema-json`.
 * A string, so a new plugin brings its own without editing the model.
 */
export type SourceLanguage = string;

/**
 * What one front end found in one file. Facts are syntactic: names stay as written and are
 * resolved across the workspace by the model (server/src/model/), never here.
 */
export interface FileFacts {
  uri: string;
  language: SourceLanguage;
  platform: Platform;
  /** The source set folder name, e.g. `androidMain`, `iosMain`, `main`. */
  sourceSet?: string;
  packageName?: string;
  /** The `package …` header, for edits that add imports after it. */
  packageLoc?: SourceLocation;
  /** The position just past the file's last character, for edits that append to the file. */
  end?: Position;
  /** Where the file's final line break starts, when it ends with one (edits that append replace it). */
  finalLineBreak?: Position;
  imports: ImportFact[];
  classes: ClassFact[];
  /** Top-level functions (members are on their class). Optional. */
  functions?: FunctionFact[];
  typeAliases: TypeAliasFact[];
  constants: ConstantFact[];
  typeConverters: TypeConverterFact[];
  /** Every call the Kotlin front end recognised as relevant, in source order. */
  rawTables: RawTableFact[];
  schemas: SchemaFact[];
  roomBuilders: RoomBuilderFact[];
  powerSyncDatabases: PowerSyncDatabaseFact[];
  roomConnectionPools: RoomConnectionPoolFact[];
  connects: ConnectFact[];
  sqlStatements: SqlStatementFact[];
  /** `loadPowerSyncExtension()` calls. */
  extensionLoads: SourceLocation[];
  /** `disconnectAndClear(…)` calls. */
  clearCalls: ClearCallFact[];
  /** Drizzle: `sqliteTable(…)` calls (TypeScript). Optional. */
  drizzleTables?: DrizzleTableFact[];
  /**
   * Drizzle tables handed to `@powersync/drizzle-driver`'s `toPowerSyncTable(…)` or
   * `new DrizzleAppSchema(…)`: PowerSync makes view-backed tables of them. Optional.
   */
  drizzleViewTables?: DrizzleViewTablesFact[];
  /**
   * A `drizzle.config.*` file's default export (`defineConfig({ … })` or an object literal): the
   * options drizzle-kit generates with (its `casing` names key-named columns). Optional.
   */
  drizzleConfig?: { options: Value; loc: SourceLocation };
  /** A `.drift` file's CREATE TABLE statements, by name (their DDL is not read). Optional. */
  driftFileTables?: { name?: string; loc: SourceLocation }[];
  /**
   * A Dart package's `build.yaml`: the options it gives drift_dev's builders (`targets: … builders:
   * drift_dev…: options:`), which change the DDL Drift writes. `unreadable` says why they could not
   * be read. Optional.
   */
  driftBuildOptions?: { storeDateTimeValuesAsText?: unknown; caseFromDartToSql?: unknown; unreadable?: string; loc: SourceLocation };
  /** Kysely: `db.schema.createTable(…)…execute()`, `createIndex(…)` and `alterTable(…)` chains (TypeScript). Optional. */
  kyselySchemaCalls?: KyselySchemaCallFact[];
  /** Calls that order the code after them in their block: awaits, completions, Room uses. Optional. */
  sequencedCalls?: SequencedCallFact[];
  /** `syncRoomUpdatesToPowerSync(…)` / `transferPendingRoomUpdatesToPowerSync()` calls. Optional. */
  roomUpdateForwards?: SourceLocation[];
  /** The callee name of every call in the file, each once (`open` for `opener.open()`). Optional. */
  calledNames?: string[];
  /** Room callbacks: classes extending `RoomDatabase.Callback`, with the overridden methods. */
  roomCallbacks: RoomCallbackFact[];
  /** Room schema JSON tables (`schemas/<db>/<version>.json`, or `schemas/<variant>/<db>/<version>.json`). */
  exportedSchemas: ExportedSchemaFact[];
  /** Library coordinates with versions (gradle files, version catalogs). */
  dependencies: DependencyFact[];
  /** Gradle plugin ids (`id("androidx.room3")`, a catalog's `[plugins]`), where a gradle file names them. */
  plugins?: PluginFact[];
  /**
   * JS modules: what the module re-exports from another (`export { A, B as C } from './x'`, or
   * `export * from './x'` with no name), by the other module's id. Optional.
   */
  reExports?: { module: string; name?: string; as?: string }[];
  /**
   * A tsconfig.json/jsconfig.json: its `compilerOptions.paths`, in module-id form (see the
   * TypeScript plugin's moduleIdOf): `@/*` → `/w/src/*`. Applies to the modules under `root`. Optional.
   */
  moduleAliases?: { root: string; pattern: string; targets: string[] }[];
  /**
   * JS SDK: `db.triggers.trackTableDiff({ source, … })` and `db.triggers.createDiffTrigger({ source, … })`
   * calls (PowerSync's High Performance Diffs). Optional.
   */
  diffTriggers?: DiffTriggerFact[];
  /**
   * JS SDK: `x.connect(connector[, options])` calls in files that import from `@powersync/*`. Optional.
   */
  jsConnects?: { options?: Value; loc: SourceLocation }[];
  /**
   * JS SDK: every `clientImplementation` written as an object key (`{ clientImplementation: … }`,
   * `{ clientImplementation }`) or assigned (`options.clientImplementation = …`), with its value:
   * where the app picks its sync client. Optional.
   */
  clientImplementations?: { value: Value; loc: SourceLocation }[];
  /** Dart SDK: `x.connect(connector: …[, options: …])` calls, with their options. Optional. */
  dartConnects?: { options?: Value; loc: SourceLocation }[];
  /**
   * Dart SDK: every `syncImplementation:` argument (of `SyncOptions(…)`), with its value: where the
   * app picks its sync client. Optional.
   */
  dartSyncImplementations?: { value: Value; loc: SourceLocation }[];
  /**
   * npm: the `@powersync/*` packages a package.json depends on (the range as written) or a
   * lockfile resolves (the exact version installed). Optional.
   */
  npmPackages?: NpmPackageFact[];
  /**
   * A PowerSync sync config (YAML holding `bucket_definitions` or `streams`): its text, which the
   * model compiles with PowerSync's own compiler against the Postgres schema. Optional.
   */
  syncConfig?: SyncConfigFact;
  /** A service config naming the sync config file it runs. Optional. */
  syncConfigReference?: SyncConfigReferenceFact;
  /**
   * A Postgres migration (`supabase/migrations/*.sql`), parsed by Postgres's own parser: the
   * changes its statements make to tables, in order. Optional.
   */
  postgresChanges?: PostgresChange[];
  /** `// rawsync-disable-next-line id…` and `-- rawsync-disable-next-line id…` comments. */
  disableComments: DisableCommentFact[];
  /** Ranges the parser could not make sense of. */
  syntaxErrors: SourceLocation[];
  /**
   * Set when the front end gave up on the file, or on its part from `from` on (a parse over its
   * time budget, an error while reading it): what it declares there is unknown, not absent.
   */
  unread?: { reason: string; from: Position };
  /**
   * Set when the pre-screen found nothing in the file's text that Rawsync reads but declarations,
   * so it was not parsed: the facts are empty until the model asks for a name it may declare.
   */
  screened?: true;
}

export interface ImportFact {
  /** Dotted path without the trailing `.*`. */
  path: string;
  alias?: string;
  wildcard: boolean;
  loc: SourceLocation;
}

export interface TypeRef {
  /** The name as written, possibly qualified: `String`, `kotlin.String`, `Outer.Inner`. */
  name: string;
  args: TypeRef[];
  nullable: boolean;
  /** The source text of the type. */
  text: string;
  loc: SourceLocation;
}

export interface AnnotationFact {
  /** As written: `Entity`, `androidx.room.Entity`, `ColumnInfo`. */
  name: string;
  args: Argument[];
  /** A use-site target such as `field` in `@field:ColumnInfo`. */
  target?: string;
  loc: SourceLocation;
}

export type ClassKind = 'class' | 'interface' | 'object' | 'companion' | 'enum' | 'annotation';

export interface ClassFact {
  name: string;
  /** Names of enclosing classes, outermost first. */
  outer: string[];
  kind: ClassKind;
  modifiers: string[];
  annotations: AnnotationFact[];
  /** Supertypes as written, with constructor arguments dropped. */
  superTypes: TypeRef[];
  /** In source order: primary-constructor `val`/`var` parameters, then body properties. */
  properties: PropertyFact[];
  /** Every primary-constructor parameter, plain ones too (visible to initializers). Optional. */
  constructorParameters?: { name: string; type?: TypeRef }[];
  /** Enum entry names, for enums. */
  enumEntries: string[];
  /** Functions declared in the body with the names of their overrides, used for callbacks. */
  functions: FunctionFact[];
  loc: SourceLocation;
  nameLoc: SourceLocation;
}

export interface PropertyFact {
  name: string;
  type?: TypeRef;
  annotations: AnnotationFact[];
  modifiers: string[];
  /** A primary-constructor `val`/`var` parameter. */
  fromConstructor: boolean;
  mutable: boolean;
  /** False for `get() = …` without `field`, `by` delegates, and abstract properties. */
  hasBackingField: boolean;
  initializer?: Value;
  /** The expression of an expression-bodied getter (`get() = ready`). */
  getter?: Value;
  loc: SourceLocation;
  nameLoc: SourceLocation;
}

export interface FunctionFact {
  name: string;
  modifiers: string[];
  annotations: AnnotationFact[];
  parameters: { name: string; type?: TypeRef }[];
  returnType?: TypeRef;
  /** A block body (`{ … }`) with its top-level statements, for edits that add a call. Optional. */
  body?: { loc: SourceLocation; statements: { loc: SourceLocation; superCall: boolean }[] };
  /** What it computes, for the bounded evaluator: an expression body is one `return`. Optional. */
  code?: Statement[];
  loc: SourceLocation;
}

export interface TypeAliasFact {
  name: string;
  type: TypeRef;
  loc: SourceLocation;
}

/**
 * A `const val` or a `val` with an initializer at top level, in an `object`, or in a
 * `companion object`. `owner` is the enclosing object path (`Names`, `Db.Companion` is written
 * `Db`), empty for top level.
 */
export interface ConstantFact {
  name: string;
  owner: string[];
  isConst: boolean;
  value: Value;
  loc: SourceLocation;
}

/** A `@TypeConverter` function: one parameter type in, one type out. */
export interface TypeConverterFact {
  className: string;
  functionName: string;
  from?: TypeRef;
  /** Undefined when the function has an inferred return type. */
  to?: TypeRef;
  loc: SourceLocation;
}

/** A `val x = RawTable(…)` or an inline `RawTable(…)` argument. */
export interface RawTableFact {
  /** The property the raw table is assigned to, if any, with its owner path. */
  variable?: { name: string; owner: string[] };
  /** The enclosing class/object path (companions left out), for resolving names in the call. */
  owner?: string[];
  /** The nearest enclosing named function. */
  enclosingFunction?: string;
  /** Kotlin: the `RawTable(…)` call. */
  call?: CallValue;
  /**
   * JS SDK: the argument of `schema.withRawTables(…)`, a map from each raw table's name to its
   * declaration (`{ put: { sql, params }, delete, clear, schema }`), written inline or named; the
   * model reads one raw table per entry.
   */
  map?: Value;
  /** JS SDK: the receiver of `withRawTables` (the schema whose raw tables these become). */
  schema?: Value;
  /**
   * JS SDK: where the value of the `withRawTables(…)` call (which returns nothing) is used: it
   * initializes a variable, is a property's value or is assigned. `split` is where the statement
   * `const name = receiver.withRawTables(…)` splits in two (just past the receiver), with the
   * statement's indentation, when it is one declaration of one name in a block.
   */
  result?: {
    use: 'variable' | 'property' | 'assignment';
    name?: string;
    nameLoc?: SourceLocation;
    split?: { at: Position; indent: string };
  };
  loc: SourceLocation;
}

/** A High Performance Diffs call: `db.triggers.trackTableDiff(options)` or `db.triggers.createDiffTrigger(options)`. */
export interface DiffTriggerFact {
  method: 'trackTableDiff' | 'createDiffTrigger';
  /** The options object (its `source` names the table or view the triggers watch). */
  options: Value;
  owner?: string[];
  enclosingFunction?: string;
  loc: SourceLocation;
}

/** One `@powersync/*` package of a package.json or a lockfile. */
export interface NpmPackageFact {
  /** `@powersync/web`. */
  name: string;
  /** package.json: the range as written (`^1.35.0`, `1.34.2`); a lockfile: the version it resolved. */
  version: string;
  /** Where it is read: `declared` in a package.json's dependencies or devDependencies, or `resolved` by a lockfile. */
  source: 'declared' | 'resolved';
  loc: SourceLocation;
}

/**
 * `sqliteTable(name, columns, extraConfig)` as written: whether the callee is Drizzle's
 * (`drizzle-orm/sqlite-core`) is told by the file's imports, in the model.
 */
export interface DrizzleTableFact {
  call: CallValue;
  /** The const it initializes (`export const todos = sqliteTable(…)`), for `.references(() => todos.id)`. */
  variable?: string;
  loc: SourceLocation;
}

/** A Kysely schema builder chain run with `.execute()`: the model compiles it as Kysely's SQLite compiler does. */
export interface KyselySchemaCallFact {
  /** The `.execute()` call, its receiver the whole chain. */
  call: CallValue;
  enclosingFunction?: string;
  loc: SourceLocation;
}

/** The argument of `toPowerSyncTable(table)` or `new DrizzleAppSchema({ … })`. */
export interface DrizzleViewTablesFact {
  form: 'toPowerSyncTable' | 'DrizzleAppSchema';
  argument: Value;
  loc: SourceLocation;
}

/** A `Schema(…)` construction: vararg or `tables = listOf(…)`; in JS `new Schema({ … })`. */
export interface SchemaFact {
  variable?: { name: string; owner: string[] };
  /** The enclosing class/object path (companions left out), for resolving names in the call. */
  owner?: string[];
  call: CallValue;
  /** Source text of each argument and of each item of an inline list argument, for messages and fixes. */
  itemTexts?: { loc: SourceLocation; text: string }[];
  loc: SourceLocation;
}

/** `Room.databaseBuilder(…)` with what is chained onto it. */
export interface RoomBuilderFact {
  call: CallValue;
  /** The database class from the type argument or the `klass` argument. */
  databaseClass?: string;
  /** The `name` argument: a path or file name. */
  name?: Value;
  /** `.setDriver(…)` argument. */
  driver?: Value;
  /** `.addCallback(…)` arguments. */
  callbacks: Value[];
  /** The enclosing class/object path (companions left out), for resolving names in the call. */
  owner?: string[];
  /** `name` with same-file local vals and simple helper functions substituted, for reading paths. */
  pathArguments?: { name?: Value };
  loc: SourceLocation;
}

export interface PowerSyncDatabaseFact {
  form: 'constructor' | 'opened';
  call: CallValue;
  variable?: { name: string; owner: string[] };
  /** The enclosing class/object path (companions left out), for resolving names in the call. */
  owner?: string[];
  /** Path arguments with same-file local vals and simple helper functions substituted. */
  pathArguments?: { dbFilename?: Value; dbDirectory?: Value; identifier?: Value };
  /** The `schema` argument read through this file's locals (a local `val schema = Schema(…)` becomes that call). */
  schemaArgument?: Value;
  /** The nearest enclosing named function. */
  enclosingFunction?: string;
  /** Callee names of the lambdas around the call inside that function, innermost first (`launch`, `lazy`). */
  enclosingLambdas?: string[];
  loc: SourceLocation;
}

export interface RoomConnectionPoolFact {
  call: CallValue;
  variable?: { name: string; owner: string[] };
  /** The enclosing class/object path (companions left out), for resolving names in the call. */
  owner?: string[];
  loc: SourceLocation;
}

/** `db.connect(connector, options = SyncOptions(…))`. */
export interface ConnectFact {
  /** Set for the JS SDKs' `db.connect(connector, options)`, whose options are an object. */
  api?: 'js';
  call: CallValue;
  /** The `SyncOptions(…)` call, if one is passed inline (JS: the options argument). */
  options?: Value;
  /** The enclosing class/object path (companions left out), for resolving names in the call. */
  owner?: string[];
  /** The nearest enclosing named function. */
  enclosingFunction?: string;
  /** Callee names of the lambdas around the call inside that function, innermost first. */
  enclosingLambdas?: string[];
  loc: SourceLocation;
}

/** `db.disconnectAndClear(…)`: which database it clears is told by its receiver. */
export interface ClearCallFact {
  /**
   * The receiver read through this file's locals and properties (a `PowerSyncDatabase(…)` call
   * when `db` is a local or property holding one; unknown for a parameter or a `var`).
   * Undefined for a call without a receiver.
   */
  receiver?: Value;
  /** The enclosing class/object path (companions left out), for resolving the receiver. */
  owner?: string[];
  /** The nearest enclosing named function. */
  enclosingFunction?: string;
  loc: SourceLocation;
}

/**
 * A call the statements after it in its block wait for: `x.join()`, `x.await()`, `joinAll(…)`,
 * `awaitAll(…)` ('await'); `x.complete(…)` ('complete'); a Room connection use such as
 * `db.useWriterConnection { … }` ('room-connection'); a no-argument getter whose result is called
 * on, such as `db.todoDao().insert(…)` ('getter-call': a DAO use when the model finds the name
 * among a Room database's functions).
 */
export interface SequencedCallFact {
  kind: 'await' | 'complete' | 'room-connection' | 'getter-call' | 'close';
  /** The callee's last name. */
  name: string;
  /** What is awaited, completed or closed: the receiver, or the arguments of `joinAll(a, b)`. */
  targets: Value[];
  /** From the end of this call's statement to the end of its block: code that runs after it. */
  after?: SourceLocation;
  /** Names of the calls in that range (lambdas included), each once, for following one call level. */
  laterCalls: string[];
  /** The nearest enclosing named function. */
  enclosingFunction?: string;
  /** The enclosing class/object path (companions left out). */
  owner: string[];
  loc: SourceLocation;
}

/** Why a SQL string was found. */
export type SqlSource =
  | 'execSQL'
  | 'execute'
  | 'crud-trigger-call'
  | 'sql-file'
  | 'migration'
  | 'other';

export interface SqlStatementFact {
  source: SqlSource;
  /** The string expression handed over (resolve it with the model's evaluator). */
  sql: Value;
  /** The enclosing call, for `execute(sql, params)` and trigger helper calls. */
  call?: CallValue;
  /** For `prepare(sql).use { it.bindText(1, v) … }`: the values bound, by index from 1 (gaps unknown). */
  preparedBindings?: Value[];
  /** Name of the enclosing function, e.g. `onOpen` or `migrate`. */
  enclosingFunction?: string;
  /** The enclosing class/object path (companions left out), for resolving names in the SQL. */
  owner?: string[];
  /**
   * The loops the call runs in, innermost first, up to its function: `for (x in items)` and
   * `items.forEach { x -> … }`; the model runs the statement once per item it can evaluate.
   */
  loops?: { variable: string; items: Value }[];
  loc: SourceLocation;
}

export interface RoomCallbackFact {
  className: string;
  /** `onCreate`, `onOpen`, `onDestructiveMigration` as overridden. */
  overrides: string[];
  loc: SourceLocation;
}

/** One entity of a Room schema export (`schemas/<fully.qualified.Db>/<version>.json`). */
export interface ExportedSchemaFact {
  /** The fully qualified database class, from the folder name. */
  databaseClass: string;
  /** `database.version`, the same as the file name's. */
  version: number;
  /** The folders between `schemas/` and the database folder, when there are any (a variant's folder). */
  variant?: string;
  tableName: string;
  /** As exported, with `${TABLE_NAME}` replaced by `tableName`: the statement Room runs. */
  createSql: string;
  /** The entity's index `createSql`s, in export order, the placeholder replaced. */
  indexSql: string[];
  /** The `createSql` string value in the JSON text, quotes included. */
  loc: SourceLocation;
}

export interface DependencyFact {
  group: string;
  artifact: string;
  /** Resolved version text, or undefined when it comes from something we cannot read. */
  version?: string;
  /** pubspec.lock: where the package came from (`hosted`, `path`, `git`, `sdk`). */
  source?: string;
  loc: SourceLocation;
}

/** A Gradle plugin named by id: `id("androidx.room")`, `id 'androidx.room3'`, `[plugins] room = { id = … }`. */
export interface PluginFact {
  id: string;
  version?: string;
  loc: SourceLocation;
}

export interface DisableCommentFact {
  /** The line the comment silences (0-based): the one after the comment. */
  line: number;
  /** Rule ids; empty means every rule. */
  rules: string[];
  loc: SourceLocation;
}

export function emptyFacts(uri: string, language: SourceLanguage, platform: Platform): FileFacts {
  return {
    uri,
    language,
    platform,
    imports: [],
    classes: [],
    functions: [],
    typeAliases: [],
    constants: [],
    typeConverters: [],
    rawTables: [],
    schemas: [],
    roomBuilders: [],
    powerSyncDatabases: [],
    roomConnectionPools: [],
    connects: [],
    sqlStatements: [],
    extensionLoads: [],
    clearCalls: [],
    drizzleTables: [],
    drizzleViewTables: [],
    kyselySchemaCalls: [],
    sequencedCalls: [],
    roomUpdateForwards: [],
    calledNames: [],
    roomCallbacks: [],
    exportedSchemas: [],
    dependencies: [],
    disableComments: [],
    syntaxErrors: [],
  };
}

/**
 * A sync config: its whole text (the compiler's positions are offsets into it), in a file of its
 * own or inline in a PowerSync service config (`sync_config: content: |`).
 */
export interface SyncConfigFact {
  text: string;
  /** The top-level key that makes it one (`bucket_definitions` or `streams`). */
  keyLoc: SourceLocation;
  /**
   * For a sync config inline in a service config: where each line of `text` starts in the file (a
   * block scalar keeps each line whole, after its indentation). Absent for a file of its own.
   */
  lineStarts?: Position[];
  /** For an inline sync config whose lines cannot be placed (a quoted scalar): the whole `content` value. */
  contentLoc?: SourceLocation;
}

/** A PowerSync service config's `sync_config: path:` (or the older `sync_rules:`): which sync config file the service runs. */
export interface SyncConfigReferenceFact {
  /** As written, relative to the service config's folder. */
  path: string;
  loc: SourceLocation;
}

/** A Postgres column as a migration declares it. */
export interface PostgresColumnFact {
  name: string;
  /** The type as Postgres names it (`int4`, `text`, `uuid`, `status` for an enum), `[]` for arrays. */
  pgType: string;
  notNull: boolean;
}

/** A table named in a migration: its schema (`public` when unqualified) and name. */
export interface PostgresTableName {
  schema: string;
  table: string;
}

/**
 * One change a migration statement makes to the Postgres tables, in file order. `unread`: a
 * statement that may change tables in a way not followed (then that table, or with no table every
 * table, is unknown from there on).
 */
export type PostgresChange = { loc: SourceLocation } & (
  | { kind: 'create-table'; name: PostgresTableName; columns: PostgresColumnFact[] }
  | { kind: 'drop-table'; name: PostgresTableName }
  | { kind: 'rename-table'; name: PostgresTableName; to: string }
  | { kind: 'add-column'; name: PostgresTableName; column: PostgresColumnFact }
  | { kind: 'drop-column'; name: PostgresTableName; column: string }
  | { kind: 'rename-column'; name: PostgresTableName; column: string; to: string }
  | { kind: 'set-not-null'; name: PostgresTableName; column: string; notNull: boolean }
  | { kind: 'column-type'; name: PostgresTableName; column: string; pgType: string }
  | { kind: 'create-enum'; type: string }
  | { kind: 'unread'; reason: string; name?: PostgresTableName }
);
