import type { ClassFact, FileFacts, PropertyFact } from '../facts';
import type { SourceLocation } from '../location';
import type { WorkspaceNames } from '../names';
import type { SqlCatalog } from '../sql-catalog';
import { evaluateString } from '../evaluate';
import { perSqlLoopItem } from '../triggers';
import { splitSqlStatements } from '../../sql/sql-text';
import { statementKind } from '../../sql/sql-outline';
import type { UnreadTable } from '../unread-tables';
import type { Column, ForeignKey, Table } from '../workspace';
import type { CallValue, Value } from '../value';
import {
  driftCreateTableSql, driftSnakeCase, driftStringLiteral,
  type DriftColumnSpec, type DriftSqlType, type DriftTableSpec,
} from './create-sql';

/** The library Drift's `Table` and column builders come from. */
const DRIFT_LIBRARY = 'package:drift/drift';

/** Column builders (drift/lib/src/dsl/table.dart) and the SQLite type Drift writes for each (docs/facts.md §12). */
const BUILDERS: Record<string, { type: DriftSqlType | 'dateTime'; bool?: true }> = {
  text: { type: 'TEXT' }, textEnum: { type: 'TEXT' },
  integer: { type: 'INTEGER' }, int64: { type: 'INTEGER' }, intEnum: { type: 'INTEGER' },
  boolean: { type: 'INTEGER', bool: true },
  real: { type: 'REAL' }, blob: { type: 'BLOB' },
  dateTime: { type: 'dateTime' },
};

/** Column getters' declared types (drift/lib/src/dsl/columns.dart typedefs). */
const COLUMN_TYPES = new Set(['Column', 'TextColumn', 'IntColumn', 'Int64Column', 'BoolColumn', 'DateTimeColumn', 'RealColumn', 'BlobColumn', 'GeneratedColumn']);

/** Builder methods that write no SQL: a Dart-side length check, a client default, a type converter. */
const CLIENT_SIDE_METHODS = new Set(['withLength', 'clientDefault', 'map']);

/** `KeyAction` values and the SQL drift_dev writes for them (column_constraints.dart `description`). */
const ACTIONS: Record<string, string> = { setNull: 'SET NULL', setDefault: 'SET DEFAULT', cascade: 'CASCADE', restrict: 'RESTRICT', noAction: 'NO ACTION' };

/** The Table getters drift_dev reads as overrides (not columns). */
const TABLE_OVERRIDES = new Set(['tableName', 'primaryKey', 'uniqueKeys', 'customConstraints', 'withoutRowId', 'isStrict', 'dontWriteConstraints']);

/** What the model makes of the workspace's Drift tables. */
export interface DriftTables {
  tables: Table[];
  /** Drift tables whose DDL could not be derived exactly: they exist, with an unknown shape. */
  unread: UnreadTable[];
}

interface Unresolved {
  reason: string;
  loc: SourceLocation;
}

interface DraftColumn {
  getter: string;
  spec: DriftColumnSpec;
  /** The class and `#column` a `references(…)` names, resolved once every table is read. */
  reference?: { call: CallValue; table: string; column: string; onUpdate?: string; onDelete?: string; initiallyDeferred: boolean };
  loc: SourceLocation;
}

interface Draft {
  cls: ClassFact;
  facts: FileFacts;
  name?: string;
  nameLoc: SourceLocation;
  columns: DraftColumn[];
  primaryKey?: string[];
  uniqueKeys: string[][];
  customConstraints: string[];
  withoutRowId: boolean;
  strict: boolean;
  unresolved?: Unresolved;
}

/** drift_dev's build options as the workspace's build.yaml files set them. */
interface BuildOptions {
  /** DateTime columns: TEXT when true, INTEGER when false; unknown with why. */
  dateTimeAsText: boolean | { reason: string };
  /** Names derived from Dart names: snake_case (the default), else unknown with why. */
  snakeCase: true | { reason: string };
}

function readBuildOptions(files: ReadonlyMap<string, FileFacts>): BuildOptions {
  let dateTimeAsText: BuildOptions['dateTimeAsText'] = false;
  let snakeCase: BuildOptions['snakeCase'] = true;
  const seenStore: unknown[] = [];
  const seenCase: unknown[] = [];
  for (const facts of files.values()) {
    const options = facts.driftBuildOptions;
    if (!options) continue;
    if (options.unreadable) {
      return { dateTimeAsText: { reason: options.unreadable }, snakeCase: { reason: options.unreadable } };
    }
    if (options.storeDateTimeValuesAsText !== undefined) seenStore.push(options.storeDateTimeValuesAsText);
    if (options.caseFromDartToSql !== undefined) seenCase.push(options.caseFromDartToSql);
  }
  if (seenStore.length > 0) {
    if (seenStore.some((v) => v !== seenStore[0]) || typeof seenStore[0] !== 'boolean') dateTimeAsText = { reason: 'the store_date_time_values_as_text option of build.yaml could not be read' };
    else dateTimeAsText = seenStore[0];
  }
  if (seenCase.length > 0 && !seenCase.every((v) => v === 'snake_case')) snakeCase = { reason: 'build.yaml sets case_from_dart_to_sql to something other than snake_case' };
  return { dateTimeAsText, snakeCase };
}

/**
 * Tables declared as Drift `Table` classes (package:drift), with the CREATE TABLE Drift's
 * migrator runs for them (docs/facts.md §12). A class is a table the app creates only when a
 * `@DriftDatabase(tables: […])` lists it and that database's migration creates every table
 * (`createAll()`, or no `migration` override: Drift's default); a migration that creates none
 * (PowerSync's views stand in) makes no tables, one that calls `createTable` unread ones. A name a Room entity or a CREATE
 * TABLE creates is left to that. The DDL is described by SQLite (the catalog) for the model's
 * columns and keys. Anything not read exactly (a builder or method Rawsync does not know, a
 * `check` or `generatedAs`, a default other than a literal `Constant`, a name whose casing is not
 * pinned down, DateTime columns without the storage option known, mixins, instance fields) leaves
 * the table unread with the reason.
 */
export function buildDriftTables(
  files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, otherTables: Table[], unreadTables: UnreadTable[], sql: SqlCatalog | undefined,
): DriftTables {
  const created = createdTables(files);
  const candidates: { cls: ClassFact; facts: FileFacts }[] = [];
  for (const facts of files.values()) {
    if (facts.language !== 'dart') continue;
    for (const cls of facts.classes) {
      if (cls.modifiers.includes('abstract') || cls.outer.length > 0) continue;
      // A Table subclass, or any class a @DriftDatabase lists (one extending a table base class too).
      if (cls.superTypes[0]?.name === 'Table' || created.has(cls.name)) candidates.push({ cls, facts });
    }
  }
  const anyRawTables = [...files.values()].some((f) => f.rawTables.length > 0);
  // Tables of .drift files: drift_dev re-renders their columns, so their DDL is not read (docs/facts.md §12).
  const driftFileUnread: UnreadTable[] = [];
  for (const facts of files.values()) {
    for (const table of facts.driftFileTables ?? []) {
      driftFileUnread.push({
        ...(table.name === undefined ? {} : { name: table.name }),
        unresolved: { what: `the Drift table ${table.name === undefined ? '(name unknown)' : `'${table.name}'`} of a .drift file`, reason: 'Drift re-renders the columns of a .drift file (its own type names, each constraint re-serialized), which Rawsync does not reproduce', loc: table.loc },
      });
    }
  }
  const named = new Set(driftFileUnread.map((u) => u.name?.toLowerCase()));
  const alsoFromFiles = (result: DriftTables): DriftTables => ({
    tables: result.tables.filter((t) => !named.has(t.name.toLowerCase())),
    unread: anyRawTables ? [...result.unread, ...driftFileUnread.filter((u) => u.name === undefined || !otherTables.some((t) => t.name.toLowerCase() === u.name!.toLowerCase()))] : [],
  });
  if (candidates.length === 0 || !sql) return alsoFromFiles({ tables: [], unread: [] });
  const options = readBuildOptions(files);
  const drafts: Draft[] = [];
  const unread: UnreadTable[] = [];
  for (const { cls, facts } of candidates) {
    // A Table class no database lists is never created by Drift (it may be another library's Table).
    // A class a @DriftDatabase lists is Drift's (its part file or a re-exporting library may import
    // drift); one only a database of unreadable tables may hold must import Drift's Table itself.
    const listed = created.get(cls.name);
    const creation = listed ?? created.get('*');
    if (!creation) continue;
    if (!listed && !importsDriftTable(facts)) continue;
    const draft = readDraft(cls, facts, options);
    if (creation !== true && !draft.unresolved) draft.unresolved = creation;
    drafts.push(draft);
  }
  // A class a database lists that the workspace does not declare: a table of unknown name and shape.
  for (const [name, creation] of created) {
    if (name === '*' || candidates.some((c) => c.cls.name === name)) continue;
    unread.push({ unresolved: { what: `the Drift table of class ${name}`, reason: `@DriftDatabase lists ${name}, which is not declared in the workspace`, loc: creation === true ? firstDatabaseLoc(files) : creation.loc } });
  }
  const others = new Set(otherTables.map((t) => t.name.toLowerCase()));
  const takenByOthers = (name: string | undefined) => name !== undefined && (others.has(name.toLowerCase()) || unreadTables.some((u) => u.name === undefined || u.name.toLowerCase() === name.toLowerCase()));
  const kept = drafts.filter((d) => !takenByOthers(d.name));
  // References name tables by class: resolved once all are read.
  for (const draft of kept) {
    if (draft.unresolved) continue;
    for (const column of draft.columns) {
      const ref = column.reference;
      if (!ref) continue;
      const targets = kept.filter((d) => d.cls.name === ref.table);
      if (targets.length !== 1 || targets[0].name === undefined || (targets[0].unresolved && targets[0] !== draft)) {
        draft.unresolved = { reason: `its column '${column.spec.name}' references ${ref.table}, which is no Drift table Rawsync read`, loc: ref.call.loc };
        break;
      }
      const target = targets[0].columns.find((c) => c.getter === ref.column);
      if (!target) {
        draft.unresolved = { reason: `its column '${column.spec.name}' references #${ref.column}, which is no column of ${ref.table} Rawsync read`, loc: ref.call.loc };
        break;
      }
      column.spec.references = { table: targets[0].name, column: target.spec.name, ...(ref.onUpdate ? { onUpdate: ref.onUpdate } : {}), ...(ref.onDelete ? { onDelete: ref.onDelete } : {}), initiallyDeferred: ref.initiallyDeferred };
    }
  }
  const ready = kept.filter((d) => !d.unresolved);
  const ddl = ready.map((d) => driftCreateTableSql(specOf(d)));
  // CREATE INDEX statements the app runs (customStatement, execute) may index Drift's tables.
  const indexes = createIndexStatements(files, names);
  const described = sql.describeTables([...ddl, ...indexes.map((i) => i.text)]);
  const tables: Table[] = [];
  ready.forEach((draft, i) => {
    const table = described.find((t) => t.statementIndex === i);
    if (!table) {
      draft.unresolved = { reason: 'SQLite rejects the CREATE TABLE Drift writes for it', loc: draft.cls.nameLoc };
      return;
    }
    tables.push(toTable(draft, ddl[i], table, indexes));
  });
  for (const draft of kept) {
    if (!draft.unresolved) continue;
    unread.push({
      ...(draft.name === undefined ? {} : { name: draft.name }),
      unresolved: { what: `the Drift table ${draft.name === undefined ? draft.cls.name : `'${draft.name}'`}`, reason: draft.unresolved.reason, loc: draft.unresolved.loc },
    });
  }
  // Two classes of one name: which one Drift creates first is not known.
  const result = tables.filter((t, i) => tables.findIndex((o) => o.name.toLowerCase() === t.name.toLowerCase()) === i && tables.filter((o) => o.name.toLowerCase() === t.name.toLowerCase()).length === 1);
  // Without raw tables no rule reads a local table: what was not derived is not worth a finding.
  return alsoFromFiles({ tables: result.filter((t) => !unread.some((u) => u.name?.toLowerCase() === t.name.toLowerCase())), unread });
}

/** The CREATE INDEX statements of the workspace's SQL whose text is known. */
function createIndexStatements(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): { text: string; loc: SourceLocation }[] {
  const out: { text: string; loc: SourceLocation }[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.sqlStatements.flatMap((f) => perSqlLoopItem(f, names.scope(facts.uri, f.owner ?? [])))) {
      if (fact.source === 'crud-trigger-call') continue;
      const text = evaluateString(fact.sql, names.scope(facts.uri, fact.owner ?? []));
      if (text === undefined) continue;
      for (const statement of splitSqlStatements(text)) {
        if (statementKind(statement.tokens) === 'create-index') out.push({ text: statement.text, loc: fact.sql.loc });
      }
    }
  }
  return out;
}

/** Whether the file imports Drift's `Table` (package:drift/drift.dart, whole or `show Table`). */
function importsDriftTable(facts: FileFacts): boolean {
  return facts.imports.some((imp) => imp.alias === undefined && ((imp.wildcard && imp.path === DRIFT_LIBRARY) || (!imp.wildcard && imp.path === `${DRIFT_LIBRARY}.Table`)));
}

/**
 * The Table classes each `@DriftDatabase(tables: […])` lists: `true` when the database creates all
 * its tables (no `migration` override, or one that calls `createAll()`), else why that is not known.
 * `*` stands for every class when a database's list cannot be read.
 */
function createdTables(files: ReadonlyMap<string, FileFacts>): Map<string, true | Unresolved> {
  const out = new Map<string, true | Unresolved>();
  for (const facts of files.values()) {
    if (facts.language !== 'dart') continue;
    for (const cls of facts.classes) {
      const annotation = cls.annotations.find((a) => a.name === 'DriftDatabase');
      if (!annotation) continue;
      const migration = cls.functions.find((f) => f.name === 'migration');
      // No createAll() and no createTable(…): Drift creates none of the tables (PowerSync's views
      // stand in, or SQL creates them); with createTable(…), which ones is not read.
      let creates: true | Unresolved;
      if (!migration || mentions(migration.code, 'createAll')) creates = true;
      else if (mentions(migration.code, 'createTable') || mentions(migration.code, 'create')) {
        creates = { reason: `the migration of ${cls.name} creates tables one by one (createTable), which Rawsync does not follow`, loc: migration.loc };
      } else continue;
      const tables = annotation.args.find((a) => a.name === 'tables');
      const include = annotation.args.find((a) => a.name === 'include');
      if (include && !out.has('*')) out.set('*', { reason: `@DriftDatabase of ${cls.name} includes .drift files, which Rawsync does not read`, loc: include.loc });
      if (!tables) continue;
      if (tables.value.kind !== 'list' || tables.value.items.some((i) => i.kind !== 'ref')) {
        out.set('*', { reason: `the tables of @DriftDatabase on ${cls.name} could not be read`, loc: tables.loc });
        continue;
      }
      for (const item of tables.value.items) {
        const name = (item as Extract<Value, { kind: 'ref' }>).name;
        const before = out.get(name);
        if (before === undefined || before === true) out.set(name, before === true && creates !== true ? creates : before ?? creates);
      }
    }
  }
  return out;
}

/** Where the first @DriftDatabase annotation is written. */
function firstDatabaseLoc(files: ReadonlyMap<string, FileFacts>): SourceLocation {
  for (const facts of files.values()) {
    for (const cls of facts.classes) {
      const annotation = cls.annotations.find((a) => a.name === 'DriftDatabase');
      if (annotation) return annotation.loc;
    }
  }
  return { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** Whether a name occurs anywhere in code (a call or member named `name`). */
function mentions(code: unknown, name: string, depth = 0): boolean {
  if (depth > 200 || code === null || typeof code !== 'object') return false;
  if (Array.isArray(code)) return code.some((c) => mentions(c, name, depth + 1));
  const record = code as Record<string, unknown>;
  if ((record.kind === 'member' || record.kind === 'ref') && record.name === name) return true;
  // An expression the front end keeps only as text (`await m.createAll()`).
  if (record.kind === 'unknown' && typeof record.text === 'string' && new RegExp(`\\.${name}\\s*\\(`).test(record.text)) return true;
  return Object.entries(record).some(([key, value]) => key !== 'loc' && mentions(value, name, depth + 1));
}

/** A call chain `base(…).a(…).b(…)`: the base call and the method calls after it, in source order. */
function unchain(value: Value): { base: CallValue; methods: { name: string; call: CallValue }[] } | undefined {
  const methods: { name: string; call: CallValue }[] = [];
  let current: Value = value;
  for (let i = 0; i < 256; i++) {
    if (current.kind !== 'call') return undefined;
    if (current.callee.kind === 'member' && current.callee.receiver.kind === 'call') {
      methods.unshift({ name: current.callee.name, call: current });
      current = current.callee.receiver;
      continue;
    }
    return { base: current, methods };
  }
  return undefined;
}

function readDraft(cls: ClassFact, facts: FileFacts, options: BuildOptions): Draft {
  const draft: Draft = { cls, facts, nameLoc: cls.nameLoc, columns: [], uniqueKeys: [], customConstraints: [], withoutRowId: false, strict: false };
  const fail = (reason: string, loc: SourceLocation) => {
    draft.unresolved ??= { reason, loc };
  };
  if (cls.superTypes[0]?.name !== 'Table') fail(`it extends ${cls.superTypes[0]?.name ?? 'no class'} rather than Drift's Table, and Rawsync does not read the columns it inherits`, cls.superTypes[0]?.loc ?? cls.nameLoc);
  if (cls.superTypes.length > 1) fail('it mixes in or implements other types, whose columns Rawsync does not read', cls.superTypes[1].loc);
  if (cls.annotations.some((a) => a.name === 'TableIndex' || a.name === 'TableIndex.sql')) fail('its @TableIndex indexes are not read', cls.loc);
  const overrides = new Map(cls.properties.filter((p) => TABLE_OVERRIDES.has(p.name)).map((p) => [p.name, p]));
  // The name: `String get tableName => 'x';`, else the class name in snake_case.
  const tableName = overrides.get('tableName');
  if (tableName) {
    if (tableName.getter?.kind !== 'string') fail('its tableName getter does not return a string literal with =>', tableName.loc);
    else {
      draft.name = tableName.getter.value;
      draft.nameLoc = tableName.getter.loc;
    }
  } else if (options.snakeCase !== true) fail(`its name comes from the class name, and ${options.snakeCase.reason}`, cls.nameLoc);
  else {
    const name = driftSnakeCase(cls.name);
    if (name === undefined) fail(`how Drift writes the class name ${cls.name} in snake_case is not pinned down`, cls.nameLoc);
    else draft.name = name;
  }
  // drift_dev reads only `=>` getters (returnExpressionOfMethod, resolver/dart/helper.dart).
  const blockBodied = new Set(cls.functions.filter((f) => f.modifiers.includes('get') && !f.modifiers.includes('static') && f.body).map((f) => f.name));
  for (const property of cls.properties) {
    if (blockBodied.has(property.name) && (TABLE_OVERRIDES.has(property.name) || COLUMN_TYPES.has(property.type?.name ?? ''))) {
      fail(`its getter '${property.name}' has a block body, which Drift does not read (only \`=>\` getters)`, property.loc);
      continue;
    }
    if (TABLE_OVERRIDES.has(property.name)) continue;
    if (property.hasBackingField) {
      fail(`it has an instance field '${property.name}', which Rawsync does not read as a column`, property.loc);
      continue;
    }
    const type = property.type?.name;
    if (type === undefined) {
      fail(`the getter '${property.name}' has no declared type, so whether it is a column is not known`, property.loc);
      continue;
    }
    if (!COLUMN_TYPES.has(type)) {
      // Drift reads every getter whose type is a Column (a typedef of the app's own too).
      const chain = property.getter?.kind === 'call' && property.getter.callee.kind === 'call';
      if (/Column$/.test(type) || chain) fail(`the getter '${property.name}' is typed ${type}, which Rawsync does not know to be a column type or not`, property.loc);
      continue;
    }
    const column = readColumn(property, options, fail);
    if (column) draft.columns.push(column);
  }
  if (draft.columns.length === 0) fail('it declares no column Rawsync read', cls.loc);
  const seen = new Set<string>();
  for (const c of draft.columns) {
    if (seen.has(c.spec.name.toLowerCase())) fail(`two columns are named '${c.spec.name}'`, c.loc);
    seen.add(c.spec.name.toLowerCase());
  }
  const columnsOf = (value: Value | undefined, what: string): string[] | undefined => {
    if (value?.kind !== 'list' || value.items.length === 0) {
      fail(`its ${what} is not a set literal of its columns`, value?.loc ?? cls.loc);
      return undefined;
    }
    const out: string[] = [];
    for (const item of value.items) {
      const column = item.kind === 'ref' ? draft.columns.find((c) => c.getter === item.name) : undefined;
      if (!column) {
        fail(`its ${what} names something other than one of its columns`, item.loc);
        return undefined;
      }
      out.push(column.spec.name);
    }
    return out;
  };
  const primaryKey = overrides.get('primaryKey');
  if (primaryKey) {
    const key = columnsOf(primaryKey.getter, 'primaryKey');
    if (key) draft.primaryKey = key;
    if (draft.columns.some((c) => c.spec.autoIncrement)) fail('it overrides primaryKey and uses autoIncrement(), which Drift rejects', primaryKey.loc);
  }
  const uniqueKeys = overrides.get('uniqueKeys');
  if (uniqueKeys) {
    if (uniqueKeys.getter?.kind !== 'list') fail('its uniqueKeys is not a list literal of sets', uniqueKeys.loc);
    else for (const set of uniqueKeys.getter.items) {
      const key = columnsOf(set, 'uniqueKeys');
      if (key) draft.uniqueKeys.push(key);
    }
  }
  // drift_dev reports these as errors (resolver/dart/table.dart): what it then writes is not pinned down.
  if (draft.primaryKey?.length === 1 && draft.columns.some((c) => c.spec.unique && c.spec.name === draft.primaryKey![0])) fail('its single primary key column is also unique(), which Drift reports as an error', cls.loc);
  if (draft.primaryKey && draft.uniqueKeys.some((k) => k.length === draft.primaryKey!.length && k.every((c) => draft.primaryKey!.includes(c)))) fail('its uniqueKeys repeat the primary key, which Drift reports as an error', cls.loc);
  const customConstraints = overrides.get('customConstraints');
  if (customConstraints) {
    const list = customConstraints.getter;
    if (list?.kind !== 'list' || list.items.some((i) => i.kind !== 'string')) fail('its customConstraints is not a list of string literals', customConstraints.loc);
    else draft.customConstraints = list.items.map((i) => (i as Extract<Value, { kind: 'string' }>).value);
  }
  for (const flag of ['withoutRowId', 'isStrict'] as const) {
    const property = overrides.get(flag);
    if (!property) continue;
    if (property.getter?.kind !== 'boolean') fail(`its ${flag} getter does not return a boolean literal`, property.loc);
    else if (flag === 'withoutRowId') draft.withoutRowId = property.getter.value;
    else draft.strict = property.getter.value;
  }
  if (overrides.has('dontWriteConstraints')) fail('it overrides dontWriteConstraints', overrides.get('dontWriteConstraints')!.loc);
  return draft;
}

/** One column getter: `TextColumn get id => text().named('x').nullable()…();`. */
function readColumn(property: PropertyFact, options: BuildOptions, fail: (reason: string, loc: SourceLocation) => void): DraftColumn | undefined {
  const value = property.getter;
  const what = `column '${property.name}'`;
  // The column is the builder chain called once more: `text()()`.
  if (!value || value.kind !== 'call' || value.args.length > 0 || value.callee.kind !== 'call') {
    fail(`${what} is not a column builder chain Rawsync reads (\`text()…()\`)`, value?.loc ?? property.loc);
    return undefined;
  }
  const chain = unchain(value.callee);
  const starter = chain && chain.base.callee.kind === 'ref' ? chain.base.callee.name : undefined;
  const builder = starter === undefined ? undefined : BUILDERS[starter];
  if (!chain || !builder) {
    fail(`${what} is built by ${starter ?? 'a call'}(…), which is not one of Drift's column builders Rawsync knows (text, integer, int64, boolean, real, blob, dateTime, intEnum, textEnum)`, value.loc);
    return undefined;
  }
  let type: DriftSqlType;
  if (builder.type === 'dateTime') {
    if (typeof options.dateTimeAsText !== 'boolean') {
      fail(`${what} is a DateTime column, whose SQL type depends on drift_dev's store_date_time_values_as_text, and ${options.dateTimeAsText.reason}`, value.loc);
      return undefined;
    }
    type = options.dateTimeAsText ? 'TEXT' : 'INTEGER';
  } else type = builder.type;
  let name: string | undefined;
  let named = false;
  const spec: DriftColumnSpec = { name: '', type, nullable: false, bool: builder.bool === true, autoIncrement: false, unique: false };
  let reference: DraftColumn['reference'];
  for (const { name: method, call } of chain.methods) {
    const args = call.args;
    switch (method) {
      case 'named': {
        const arg = args[0]?.value;
        if (named || args.length !== 1 || arg?.kind !== 'string') {
          fail(`the name of ${what} is not one string literal given to .named(…)`, call.loc);
          return undefined;
        }
        named = true;
        name = arg.value;
        break;
      }
      case 'nullable':
        spec.nullable = true;
        break;
      case 'autoIncrement':
        spec.autoIncrement = true;
        break;
      case 'unique':
        spec.unique = true;
        break;
      case 'customConstraint': {
        const arg = args[0]?.value;
        if (spec.customConstraint !== undefined || args.length !== 1 || arg?.kind !== 'string') {
          fail(`the customConstraint of ${what} is not one string literal`, call.loc);
          return undefined;
        }
        spec.customConstraint = arg.value;
        break;
      }
      case 'withDefault': {
        const sql = args.length === 1 && args[0].name === undefined ? constantSql(args[0].value, builder.type, starter!) : undefined;
        if (sql === undefined || spec.defaultSql !== undefined) {
          fail(`the default of ${what} is not a Constant literal Rawsync renders as Drift does`, call.loc);
          return undefined;
        }
        spec.defaultSql = sql;
        break;
      }
      case 'references': {
        const read = readReference(call);
        if ('reason' in read || reference) {
          fail('reason' in read ? `the references(…) of ${what}: ${read.reason}` : `${what} has more than one references(…)`, call.loc);
          return undefined;
        }
        reference = read;
        break;
      }
      default:
        if (CLIENT_SIDE_METHODS.has(method)) break;
        fail(`${what} calls .${method}(…), which Rawsync does not read into Drift's DDL`, call.loc);
        return undefined;
    }
  }
  if (spec.unique && spec.autoIncrement) {
    fail(`${what} is both autoIncrement() and unique(), which Drift rejects`, value.loc);
    return undefined;
  }
  if (name === undefined) {
    if (options.snakeCase !== true) {
      fail(`the name of ${what} comes from the getter, and ${options.snakeCase.reason}`, value.loc);
      return undefined;
    }
    name = driftSnakeCase(property.name);
    if (name === undefined) {
      fail(`how Drift writes the getter name ${property.name} in snake_case is not pinned down`, property.nameLoc);
      return undefined;
    }
  }
  if (name.includes('"')) {
    fail(`the name of ${what} holds a double quote`, value.loc);
    return undefined;
  }
  spec.name = name;
  return { getter: property.name, spec, ...(reference ? { reference } : {}), loc: value.loc };
}

/** `references(Lists, #id, onUpdate: KeyAction.x, onDelete: KeyAction.y, initiallyDeferred: true)`. */
function readReference(call: CallValue): NonNullable<DraftColumn['reference']> | { reason: string } {
  const [table, column, ...named] = call.args;
  if (!table || table.name !== undefined || table.value.kind !== 'ref') return { reason: 'its first argument is not a class name' };
  if (!column || column.name !== undefined || column.value.kind !== 'unknown' || column.value.symbol === undefined) return { reason: 'its second argument is not a symbol literal (#column)' };
  const out: NonNullable<DraftColumn['reference']> = { call, table: table.value.name, column: column.value.symbol, initiallyDeferred: false };
  for (const arg of named) {
    if (arg.name === 'onUpdate' || arg.name === 'onDelete') {
      const v = arg.value;
      const action = v.kind === 'member' && v.receiver.kind === 'ref' && v.receiver.name === 'KeyAction' ? ACTIONS[v.name] : undefined;
      if (action === undefined) return { reason: `its ${arg.name} is not a KeyAction value Rawsync knows` };
      out[arg.name] = action;
    } else if (arg.name === 'initiallyDeferred') {
      if (arg.value.kind !== 'boolean') return { reason: 'its initiallyDeferred is not a true or false literal' };
      out.initiallyDeferred = arg.value.value;
    } else return { reason: 'it has an argument Rawsync does not read' };
  }
  return out;
}

/**
 * A `Constant(x)` / `const Constant(x)` default as `mapToSqlLiteral` writes it for the column's
 * type: a bool `1`/`0`, a String quoted, an int as Dart prints it, a double as Dart prints it.
 */
function constantSql(value: Value, type: DriftSqlType | 'dateTime', starter: string): string | undefined {
  if (value.kind !== 'call' || value.callee.kind !== 'ref' || value.callee.name !== 'Constant' || value.args.length !== 1 || value.args[0].name !== undefined) return undefined;
  const inner = value.args[0].value;
  if (starter === 'boolean') return inner.kind === 'boolean' ? (inner.value ? '1' : '0') : undefined;
  if (type === 'TEXT' && starter === 'text') return inner.kind === 'string' ? driftStringLiteral(inner.value) : undefined;
  if (inner.kind !== 'number') return undefined;
  if (starter === 'integer') return Number.isSafeInteger(inner.value) && /^-?[\d_]+$/.test(inner.text) ? String(inner.value) : undefined;
  if (starter === 'real') {
    // Dart prints a double with a fraction: 2.0, 1.5 (large or tiny values in exponent form are left out).
    if (!Number.isFinite(inner.value) || Math.abs(inner.value) >= 1e15 || (inner.value !== 0 && Math.abs(inner.value) < 1e-6)) return undefined;
    return Number.isInteger(inner.value) ? `${inner.value}.0` : String(inner.value);
  }
  return undefined;
}

function specOf(draft: Draft): DriftTableSpec {
  return {
    name: draft.name!,
    columns: draft.columns.map((c) => c.spec),
    ...(draft.primaryKey ? { primaryKey: draft.primaryKey } : {}),
    uniqueKeys: draft.uniqueKeys,
    customConstraints: draft.customConstraints,
    withoutRowId: draft.withoutRowId,
    strict: draft.strict,
  };
}

/** The model's table: SQLite's description of Drift's DDL, with the places of the Dart declaration. */
function toTable(draft: Draft, createSql: string, described: ReturnType<SqlCatalog['describeTables']>[number], indexes: { text: string; loc: SourceLocation }[]): Table {
  const columnOf = (name: string) => draft.columns.find((c) => c.spec.name.toLowerCase() === name.toLowerCase());
  const columns: Column[] = described.columns.map((c) => ({
    name: c.name,
    affinity: c.affinity,
    notNull: c.notNull,
    ...(c.defaultValue === undefined ? {} : { defaultValue: c.defaultValue }),
    loc: columnOf(c.name)?.loc ?? draft.cls.loc,
  }));
  const keyColumns = described.columns.filter((c) => c.primaryKeyPosition > 0).sort((a, b) => a.primaryKeyPosition - b.primaryKeyPosition);
  const foreignKeys: ForeignKey[] = described.foreignKeys.map((fk) => {
    const child = fk.childColumns.length === 1 ? columnOf(fk.childColumns[0]) : undefined;
    // A key Drift wrote from references(…) (not from a customConstraint, which replaces it).
    const reference = child?.reference && child.spec.customConstraint === undefined ? child.reference : undefined;
    return { ...fk, loc: reference?.call.loc ?? child?.loc ?? draft.cls.loc, ...(reference ? { driftReference: reference.call } : {}) };
  });
  return {
    name: described.name,
    origin: 'drift',
    columns,
    ...(keyColumns.length > 0
      ? {
          primaryKey: {
            columns: keyColumns.map((c) => c.name),
            autoGenerate: draft.columns.some((c) => c.spec.autoIncrement),
            rowidAlias: keyColumns.length === 1 && !described.indices.some((i) => i.origin === 'pk'),
          },
        }
      : {}),
    foreignKeys,
    indices: described.indices.filter((i) => i.origin !== 'pk').map((i) => {
      const named = new RegExp(`^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?["\`[]?${i.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`, 'i');
      const statement = i.origin === 'c' ? indexes.find((s) => named.test(s.text)) : undefined;
      return { name: i.name, unique: i.unique, columns: i.columns, ...(i.orders ? { orders: i.orders } : {}), createSql: statement?.text ?? i.sql ?? '', loc: statement?.loc ?? draft.cls.loc };
    }),
    createSql,
    loc: draft.cls.loc,
    nameLoc: draft.nameLoc,
  };
}
