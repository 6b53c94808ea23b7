import type { DrizzleTableFact, FileFacts } from '../facts';
import type { SourceLocation } from '../location';
import type { WorkspaceNames } from '../names';
import type { UnreadTable } from '../unread-tables';
import type { Affinity, Column, ForeignKey, ForeignKeyAction, Table, TableIndex } from '../workspace';
import { evaluateList, evaluateObject, evaluateScalar, evaluateString, type NameScope } from '../evaluate';
import { whyUnknown } from '../unknown-reason';
import type { Argument, CallValue, LambdaValue, Value } from '../value';
import {
  casedKey, drizzleCreateIndexSql, drizzleCreateTableSql, drizzleDefaultSql, keyNameIsCasingProof,
  type DrizzleCasing, type DrizzleColumnSpec, type DrizzleForeignKeySpec,
} from './create-sql';

/** The module Drizzle's SQLite table and column builders come from. */
const SQLITE_CORE = 'drizzle-orm/sqlite-core';
/** Modules `sql` comes from. */
const SQL_MODULES = ['drizzle-orm', 'drizzle-orm/sql'];

/** Column builders by the name drizzle-orm/sqlite-core exports: their `getSQLType()` family. */
const BUILDERS: Record<string, 'text' | 'integer' | 'real' | 'blob' | 'numeric'> = {
  text: 'text', integer: 'integer', int: 'integer', real: 'real', blob: 'blob', numeric: 'numeric',
};
const AFFINITY: Record<string, Affinity> = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', blob: 'BLOB', numeric: 'NUMERIC' };
/** Builder modes per builder (drizzle-orm/src/sqlite-core/columns/*.ts); none changes the SQL type but text's length. */
const MODES: Record<string, string[]> = {
  text: ['text', 'json'], integer: ['number', 'timestamp', 'timestamp_ms', 'boolean'], real: [], blob: ['buffer', 'json', 'bigint'], numeric: ['string', 'number', 'bigint'],
};
/** Column methods that only change what the app reads and writes, not the DDL. */
const CLIENT_SIDE_METHODS = new Set(['$type', '$default', '$defaultFn', '$onUpdate', '$onUpdateFn']);
const ACTIONS = new Set(['cascade', 'restrict', 'no action', 'set null', 'set default']);

/** What the model makes of the workspace's Drizzle tables. */
export interface DrizzleTables {
  tables: Table[];
  /** Drizzle tables whose DDL could not be derived exactly: they exist, with an unknown shape. */
  unread: UnreadTable[];
}

interface Unresolved {
  reason: string;
  loc: SourceLocation;
}

interface DraftColumn {
  key: string;
  /** The name before drizzle-kit's casing (the name given, else the key): default unique names use it. */
  baseName: string;
  spec: DrizzleColumnSpec;
  references: { call: CallValue; target: Value; actions?: Value }[];
  unique?: { name?: string };
  loc: SourceLocation;
}

/** One `sqliteTable(…)` as read so far. */
interface Draft {
  fact: DrizzleTableFact;
  facts: FileFacts;
  uri: string;
  scope: NameScope;
  name?: string;
  columns: DraftColumn[];
  unresolved?: Unresolved;
  /** A PowerSync view is made of it (`toPowerSyncTable`, `DrizzleAppSchema`): no table of its own. */
  view?: boolean;
  casing: CasingSetting;
}

/** drizzle-kit's `casing` option: known (none, or one of the two), or unknown with why. */
type CasingSetting = { known: true; casing?: DrizzleCasing } | { known: false; reason: string };

/**
 * The `casing` of the workspace's SQLite drizzle.config (`dialect` 'sqlite' or 'turso'): known when
 * every such file says the same (no `casing` key counts as none); unknown without one, or with one
 * Rawsync cannot read.
 */
function readCasing(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): CasingSetting {
  const found: (DrizzleCasing | undefined)[] = [];
  for (const facts of files.values()) {
    if (!facts.drizzleConfig) continue;
    const scope = names.scope(facts.uri);
    const options = evaluateObject(facts.drizzleConfig.options, scope);
    if (!options) return { known: false, reason: 'the options of drizzle.config could not be read' };
    // A config for another database (a server's Postgres) says nothing about the SQLite tables.
    const dialect = options.members.find((m) => m.key === 'dialect');
    const dialectValue = dialect ? evaluateScalar(dialect.value, dialect.scope) : undefined;
    if (typeof dialectValue === 'string' && dialectValue !== 'sqlite' && dialectValue !== 'turso') continue;
    if (dialectValue === undefined) return { known: false, reason: 'the dialect of drizzle.config could not be read' };
    const member = options.members.find((m) => m.key === 'casing');
    const value = member ? evaluateScalar(member.value, member.scope) : undefined;
    if (member && value !== 'snake_case' && value !== 'camelCase') return { known: false, reason: 'the casing option of drizzle.config could not be read' };
    found.push(value as DrizzleCasing | undefined);
  }
  if (found.length === 0) return { known: false, reason: 'no drizzle.config Rawsync could read says which' };
  if (found.some((c) => c !== found[0])) return { known: false, reason: 'the drizzle.config files of the workspace set different casings' };
  return { known: true, ...(found[0] ? { casing: found[0] } : {}) };
}

/**
 * Tables declared with Drizzle's `sqliteTable(…)` (drizzle-orm/sqlite-core), with the CREATE TABLE
 * and CREATE INDEX text drizzle-kit generates for them. A Drizzle declaration is only the app's
 * description of a table: the DDL that runs is drizzle-kit's migration (`drizzle/*.sql`, read as
 * SQL) or, without one, drizzle-kit's output for the declaration. So a name that a Room entity, a
 * CREATE TABLE or a CREATE TABLE read only in part creates is left to that; a table PowerSync makes
 * a view of is no table. Anything not read exactly (a builder or method Rawsync does not know, a
 * value it cannot evaluate, a column named by its key, which drizzle-kit's `casing` may rewrite)
 * leaves the table unread, with the reason.
 */
export function buildDrizzleTables(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, otherTables: Table[], unreadTables: UnreadTable[]): DrizzleTables {
  const drafts: Draft[] = [];
  let casing: CasingSetting | undefined;
  for (const facts of files.values()) {
    for (const fact of facts.drizzleTables ?? []) {
      // Another library's sqliteTable (or an app's own helper of that name) is no Drizzle table.
      if (!isImported(facts, fact.call.callee, SQLITE_CORE, 'sqliteTable')) continue;
      casing ??= readCasing(files, names);
      drafts.push(readDraft(fact, facts, names, casing));
    }
  }
  if (drafts.length === 0) return { tables: [], unread: [] };
  const viewsKnown = markViews(files, names, drafts);
  const others = new Set(otherTables.map((t) => t.name.toLowerCase()));
  const tables: Table[] = [];
  const unread: UnreadTable[] = [];
  const anyRawTables = [...files.values()].some((f) => f.rawTables.length > 0);
  for (const draft of drafts) {
    if (draft.view) continue;
    const name = draft.name;
    // Another source creates the name: its DDL is what runs (drizzle-kit's own migrations are read as SQL).
    if (name !== undefined && (others.has(name.toLowerCase()) || unreadTables.some((u) => u.name === undefined || u.name.toLowerCase() === name.toLowerCase()))) continue;
    if (!viewsKnown) {
      if (anyRawTables) unread.push(unreadOf(draft, { reason: 'the Drizzle tables handed to PowerSync\'s DrizzleAppSchema could not all be read, so this one may be a view PowerSync creates', loc: draft.fact.loc }));
      continue;
    }
    const result = draft.unresolved ?? finishTable(draft, drafts, names);
    if ('reason' in result) {
      unread.push(unreadOf(draft, result));
      continue;
    }
    const same = tables.findIndex((t) => t.name.toLowerCase() === result.name.toLowerCase());
    if (same < 0) tables.push(result);
    else if (tables[same].createSql !== result.createSql) {
      // Declared twice with different DDL: which one drizzle-kit was run on is not known.
      unread.push(unreadOf(draft, { reason: `it is declared more than once, with different columns or keys`, loc: draft.fact.loc }));
      tables.splice(same, 1);
    }
  }
  // Without raw tables no rule reads a local table: what was not derived is not worth a finding.
  return { tables: tables.filter((t) => !unread.some((u) => u.name?.toLowerCase() === t.name.toLowerCase())), unread: anyRawTables ? unread : [] };
}

function unreadOf(draft: Draft, unresolved: Unresolved): UnreadTable {
  return {
    ...(draft.name === undefined ? {} : { name: draft.name }),
    unresolved: { what: `the Drizzle table ${draft.name === undefined ? '(name unknown)' : `'${draft.name}'`}`, reason: unresolved.reason, loc: unresolved.loc },
  };
}

/** Whether `callee` is the name `exported` imported from `module` into the file (under its own name or an alias). */
function isImported(facts: FileFacts, callee: Value, module: string | string[], exported: string): boolean {
  if (callee.kind !== 'ref' || callee.declaredLocally !== undefined || callee.localValue !== undefined) return false;
  const modules = Array.isArray(module) ? module : [module];
  return facts.imports.some((imp) => !imp.wildcard && modules.some((m) => imp.path === `${m}.${exported}`) && (imp.alias ?? exported) === callee.name);
}

/** The name exported from `module` that `callee` stands for in the file, if it is one. */
function importedName(facts: FileFacts, callee: Value, module: string): string | undefined {
  if (callee.kind !== 'ref' || callee.declaredLocally !== undefined || callee.localValue !== undefined) return undefined;
  for (const imp of facts.imports) {
    if (imp.wildcard || !imp.path.startsWith(`${module}.`)) continue;
    const exported = imp.path.slice(module.length + 1);
    if ((imp.alias ?? exported) === callee.name) return exported;
  }
  return undefined;
}

/** A call chain `base(…).a(…).b(…)`: the base call and the method calls after it, in order. */
function unchain(value: Value): { base: CallValue; methods: { name: string; call: CallValue }[] } | undefined {
  const methods: { name: string; call: CallValue }[] = [];
  let current: Value = value;
  for (let i = 0; i < 64; i++) {
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

function positional(call: CallValue): Value[] | undefined {
  if (call.args.some((a: Argument) => a.spread || a.name !== undefined)) return undefined;
  return call.args.map((a) => a.value);
}

/** The name, columns and key-level facts of one `sqliteTable(name, columns, extraConfig)`. */
function readDraft(fact: DrizzleTableFact, facts: FileFacts, names: WorkspaceNames, casing: CasingSetting): Draft {
  const scope = names.scope(facts.uri);
  const draft: Draft = { fact, facts, uri: facts.uri, scope, columns: [], casing };
  const fail = (reason: string, loc: SourceLocation) => {
    draft.unresolved ??= { reason, loc };
  };
  const args = positional(fact.call);
  if (!args || args.length < 2 || args.length > 3) {
    fail('its arguments are not the (name, columns, extraConfig) Rawsync reads', fact.loc);
    return draft;
  }
  const name = evaluateString(args[0], scope);
  if (name === undefined) fail(`its name is unknown: ${whyUnknown(args[0], scope)}`, args[0].loc);
  else draft.name = name;
  readColumns(args[1], facts, draft, fail);
  return draft;
}

function readColumns(value: Value, facts: FileFacts, draft: Draft, fail: (reason: string, loc: SourceLocation) => void): void {
  // `(t) => ({ id: t.text() })`: the builders come as the lambda's parameter.
  let builderParam: string | undefined;
  let columnsValue = value;
  if (value.kind === 'lambda') {
    const returned = lambdaResult(value);
    if (!returned || value.params?.length !== 1) {
      fail('its columns are built by a function Rawsync does not read', value.loc);
      return;
    }
    builderParam = value.params[0];
    columnsValue = returned;
  }
  const object = evaluateObject(columnsValue, draft.scope);
  if (!object) {
    fail(`its columns are unknown: ${whyUnknown(columnsValue, draft.scope)}`, columnsValue.loc);
    return;
  }
  if (object.members.length === 0) fail('it declares no column', columnsValue.loc);
  for (const member of object.members) {
    // A column spread in from an object of another declaration is read in that one's file and scope: not followed.
    if (member.scope !== draft.scope) {
      fail(`column '${member.key}' comes from an object spread into the columns, which Rawsync does not follow`, member.loc);
      return;
    }
    const column = readColumn(member.key, member.value, facts, builderParam, draft, fail);
    if (!column) return;
    draft.columns.push(column);
  }
  const seen = new Set<string>();
  for (const c of draft.columns) {
    if (seen.has(c.spec.name.toLowerCase())) fail(`two columns are named '${c.spec.name}'`, c.loc);
    seen.add(c.spec.name.toLowerCase());
  }
}

/** The value a lambda returns: an expression body, or a body of one `return`. */
function lambdaResult(lambda: LambdaValue): Value | undefined {
  const body = lambda.body ?? [];
  if (body.length !== 1 || body[0].kind !== 'return') return undefined;
  return body[0].value;
}

/** One column: `key: builder('name', { mode }).notNull().default(…)…`. */
function readColumn(
  key: string, value: Value, facts: FileFacts, builderParam: string | undefined, draft: Draft,
  fail: (reason: string, loc: SourceLocation) => void,
): DraftColumn | undefined {
  const chain = unchain(value);
  if (!chain) {
    fail(`column '${key}' is not a column builder call Rawsync reads`, value.loc);
    return undefined;
  }
  const { base, methods } = chain;
  const callee = base.callee;
  const builderName = builderParam !== undefined && callee.kind === 'member' && callee.receiver.kind === 'ref' && callee.receiver.name === builderParam
    ? callee.name
    : importedName(facts, callee, SQLITE_CORE);
  const family = builderName === undefined ? undefined : BUILDERS[builderName];
  if (!family) {
    fail(`column '${key}' is built by ${builderName ?? calleeText(callee)}(…), which is not one of Drizzle's SQLite column builders Rawsync knows (text, integer, real, blob, numeric)`, base.loc);
    return undefined;
  }
  const args = positional(base);
  if (!args || args.length > 2) {
    fail(`the arguments of column '${key}' are not the (name, config) Rawsync reads`, base.loc);
    return undefined;
  }
  // drizzle-orm's getColumnNameAndConfig: a non-empty string first is the name; an object first or second is the config.
  let name: string | undefined;
  let config: Value | undefined;
  if (args[0]) {
    const first = args[0].kind === 'object' ? undefined : evaluateScalar(args[0], draft.scope);
    if (args[0].kind === 'object' || (first === undefined && evaluateObject(args[0], draft.scope))) config = args[0];
    else if (typeof first === 'string') name = first.length > 0 ? first : undefined;
    else {
      fail(`the name of column '${key}' is unknown: ${whyUnknown(args[0], draft.scope)}`, args[0].loc);
      return undefined;
    }
    if (args[1] && config === undefined) config = args[1];
  }
  let type: string = family;
  if (config && family === 'real') {
    // real(name) takes no options (drizzle-orm/src/sqlite-core/columns/real.ts).
    fail(`column '${key}' passes options to real(…), which takes none`, config.loc);
    return undefined;
  }
  if (config) {
    const options = evaluateObject(config, draft.scope);
    if (!options) {
      fail(`the options of column '${key}' are unknown: ${whyUnknown(config, draft.scope)}`, config.loc);
      return undefined;
    }
    let mode: string | undefined;
    let length: number | undefined;
    for (const option of options.members) {
      const v = evaluateScalar(option.value, option.scope);
      if (option.key === 'mode') {
        if (typeof v !== 'string' || !MODES[family].includes(v)) {
          fail(`the mode of column '${key}' is not one Rawsync knows`, option.loc);
          return undefined;
        }
        mode = v;
      } else if (option.key === 'length' && family === 'text') {
        if (v !== null && typeof v !== 'number') {
          fail(`the length of column '${key}' is unknown: ${whyUnknown(option.value, option.scope)}`, option.loc);
          return undefined;
        }
        length = v ?? undefined;
      }
    }
    // text({ mode: 'json' }) is SQLiteTextJson, whose type is plain `text`.
    if (family === 'text' && mode !== 'json' && length) type = `text(${length})`;
  }
  const baseName = name ?? key;
  if (name === undefined) {
    // drizzle-kit names a key-named column by its `casing` option (getColumnCasing).
    const setting = draft.casing;
    if (setting.known) name = setting.casing ? casedKey(key, setting.casing) : key;
    else if (keyNameIsCasingProof(key)) name = key;
    else {
      fail(`column '${key}' is named by its key, which drizzle-kit's casing option ('snake_case', 'camelCase') may rewrite, and ${setting.reason}; give the name as the builder's first argument`, base.loc);
      return undefined;
    }
  }
  const column: DraftColumn = {
    key,
    baseName,
    spec: { name, type, primaryKey: false, autoincrement: false, notNull: false },
    references: [],
    // The builder call (`integer('id')`): where the column's type is written.
    loc: base.loc,
  };
  for (const { name: method, call } of methods) {
    const margs = positional(call);
    if (!margs) {
      fail(`the arguments of .${method}(…) on column '${key}' are not read`, call.loc);
      return undefined;
    }
    if (CLIENT_SIDE_METHODS.has(method)) continue;
    if (method === 'notNull') column.spec.notNull = true;
    else if (method === 'primaryKey') {
      column.spec.primaryKey = true;
      column.spec.notNull = true;
      // Only integer's primaryKey takes { autoIncrement } (SQLiteBaseIntegerBuilder); the others ignore arguments.
      if (family === 'integer' && margs[0]) {
        const options = evaluateObject(margs[0], draft.scope);
        const auto = options?.members.find((m) => m.key === 'autoIncrement');
        const flag = auto ? evaluateScalar(auto.value, auto.scope) : false;
        if (!options || (flag !== true && flag !== false && flag !== null)) {
          fail(`the primaryKey options of column '${key}' are unknown`, margs[0].loc);
          return undefined;
        }
        column.spec.autoincrement = flag === true;
      }
    } else if (method === 'default') {
      const rendered = margs[0] ? defaultSql(margs[0], facts, draft.scope) : undefined;
      if (rendered === undefined) {
        fail(`the default of column '${key}' is not a value Rawsync renders as drizzle-kit does (a string, number or boolean literal, or sql\`…\` without substitutions)`, margs[0]?.loc ?? call.loc);
        return undefined;
      }
      column.spec.defaultSql = rendered;
    } else if (method === 'unique') {
      const uniqueName = margs[0] === undefined ? undefined : evaluateString(margs[0], draft.scope);
      if (margs[0] !== undefined && uniqueName === undefined) {
        fail(`the unique name of column '${key}' is unknown`, margs[0].loc);
        return undefined;
      }
      column.unique = uniqueName === undefined ? {} : { name: uniqueName };
    } else if (method === 'references' && margs[0]?.kind === 'lambda') {
      const target = lambdaResult(margs[0]);
      if (!target) {
        fail(`the column that .references(…) of '${key}' names is not read`, margs[0].loc);
        return undefined;
      }
      column.references.push({ call, target, ...(margs[1] ? { actions: margs[1] } : {}) });
    } else {
      fail(`column '${key}' calls .${method}(…), which Rawsync does not read into the DDL`, call.loc);
      return undefined;
    }
  }
  return column;
}

function calleeText(callee: Value): string {
  if (callee.kind === 'ref') return callee.name;
  if (callee.kind === 'member') return `${calleeText(callee.receiver)}.${callee.name}`;
  return 'an expression';
}

/** `.default(v)` as drizzle-kit writes it, or undefined when `v` is nothing it renders that Rawsync reads. */
function defaultSql(value: Value, facts: FileFacts, scope: NameScope): string | undefined {
  if (value.kind === 'call' && isImported(facts, value.callee, SQL_MODULES, 'sql')) {
    const args = positional(value);
    // A tagged template without substitutions: its text, as drizzle-kit's sqlToStr writes it.
    if (args?.length === 1 && args[0].kind === 'string' && args[0].quote === '`') return args[0].value;
    return undefined;
  }
  if (value.kind === 'number' && /n$/.test(value.text)) return undefined;
  const v = evaluateScalar(value, scope);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return drizzleDefaultSql(v);
  return undefined;
}

/**
 * Marks the drafts PowerSync makes views of. False when `new DrizzleAppSchema(…)` is handed
 * tables Rawsync cannot list: which Drizzle tables are views is then unknown.
 */
function markViews(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, drafts: Draft[]): boolean {
  let known = true;
  for (const facts of files.values()) {
    for (const fact of facts.drizzleViewTables ?? []) {
      const scope = names.scope(facts.uri);
      if (fact.form === 'toPowerSyncTable') {
        const draft = draftOf(fact.argument, facts.uri, scope, drafts, names);
        if (draft) draft.view = true;
        else known = false;
        continue;
      }
      const object = evaluateObject(fact.argument, scope);
      if (!object) {
        known = false;
        continue;
      }
      for (const member of object.members) {
        const draft = draftOf(member.value, facts.uri, member.scope, drafts, names);
        // A relations(…) entry or another value is no table; one that names a table marks it.
        if (draft) draft.view = true;
      }
    }
  }
  return known;
}

/** The draft a name stands for (`lists`, an import of it), or undefined. */
function draftOf(value: Value, uri: string, scope: NameScope, drafts: Draft[], names: WorkspaceNames): Draft | undefined {
  if (value.kind === 'ref' && value.localValue) return draftOf(value.localValue, uri, scope, drafts, names);
  if (value.kind === 'call') return drafts.find((d) => d.uri === uri && sameStart(d.fact.loc, value.loc));
  if (value.kind !== 'ref' || value.declaredLocally !== undefined) return undefined;
  const entry = names.resolveConstant([value.name], uri);
  if (!entry) return undefined;
  return drafts.find((d) => d.uri === entry.uri && sameStart(d.fact.loc, entry.fact.value.loc));
}

function sameStart(a: SourceLocation, b: SourceLocation): boolean {
  return a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** The columns' foreign keys and the extra config, then the Table; an Unresolved when a part is not read. */
function finishTable(draft: Draft, drafts: Draft[], names: WorkspaceNames): Table | Unresolved {
  const name = draft.name!;
  const foreignKeys: { key: string; spec: DrizzleForeignKeySpec; loc: SourceLocation }[] = [];
  // drizzle-kit keys foreign keys by name: a later one of the same name takes the earlier one's place.
  const addForeignKey = (fkName: string | undefined, spec: DrizzleForeignKeySpec, loc: SourceLocation) => {
    const key = fkName ?? `${name}_${spec.columnsFrom.join('_')}_${spec.tableTo}_${spec.columnsTo.join('_')}_fk`;
    const at = foreignKeys.findIndex((f) => f.key === key);
    if (at >= 0) foreignKeys[at] = { key, spec, loc };
    else foreignKeys.push({ key, spec, loc });
  };
  for (const column of draft.columns) {
    for (const ref of column.references) {
      const target = columnOf(ref.target, draft, drafts, names);
      if ('reason' in target) return target;
      const actions = readActions(ref.actions, draft.scope);
      if ('reason' in actions) return actions;
      // The key's place: `.references(…)`'s arguments (the call's own range starts at the column's builder).
      const loc = { uri: ref.call.loc.uri, range: { start: ref.call.args[0].loc.range.start, end: ref.call.loc.range.end } };
      addForeignKey(undefined, { columnsFrom: [column.spec.name], tableTo: target.table, columnsTo: [target.column], ...actions }, loc);
    }
  }
  const indexes: { name: string; unique: boolean; columns: string[]; loc: SourceLocation }[] = [];
  for (const column of draft.columns) {
    // The default name is made when the column is built, from its name before casing (uniqueKeyName).
    if (column.unique) indexes.push({ name: column.unique.name ?? `${name}_${column.baseName}_unique`, unique: true, columns: [column.spec.name], loc: column.loc });
  }
  const compositeKeys: string[][] = [];
  const args = positional(draft.fact.call)!;
  if (args[2]) {
    const extra = readExtraConfig(args[2], draft, drafts, names);
    if ('reason' in extra) return extra;
    // drizzle-kit's order: column uniques, then index()/uniqueIndex(), then unique() constraints.
    for (const item of extra) if (item.kind === 'index' && !item.constraint) indexes.push(item.index);
    for (const item of extra) if (item.kind === 'index' && item.constraint) indexes.push(item.index);
    for (const item of extra) {
      if (item.kind === 'index') continue;
      else if (item.kind === 'primaryKey') {
        if (item.columns.length === 1) {
          const column = draft.columns.find((c) => c.spec.name === item.columns[0]);
          if (column) column.spec.primaryKey = true;
        } else compositeKeys.push(item.columns);
      } else addForeignKey(item.name, item.spec, item.loc);
    }
  }
  const keyColumns = draft.columns.filter((c) => c.spec.primaryKey);
  if (keyColumns.length + compositeKeys.length > 1) return { reason: 'it declares more than one primary key, which SQLite rejects', loc: draft.fact.loc };
  const indexNames = new Set<string>();
  for (const index of indexes) {
    if (indexNames.has(index.name)) return { reason: `two of its indexes are named '${index.name}'`, loc: index.loc };
    indexNames.add(index.name);
  }
  const columns: Column[] = draft.columns.map((c) => ({
    name: c.spec.name,
    affinity: AFFINITY[c.spec.type.replace(/\(.*$/, '')],
    notNull: c.spec.notNull,
    ...(c.spec.defaultSql === undefined ? {} : { defaultValue: c.spec.defaultSql }),
    loc: c.loc,
  }));
  const keyNames = keyColumns.length === 1 ? [keyColumns[0].spec.name] : compositeKeys[0];
  const indices: TableIndex[] = indexes.map((i) => ({ name: i.name, unique: i.unique, columns: i.columns, createSql: drizzleCreateIndexSql(name, i), loc: i.loc }));
  const table: Table = {
    name,
    origin: 'drizzle',
    columns,
    foreignKeys: foreignKeys.map(({ spec, loc }): ForeignKey => ({
      parentTable: spec.tableTo,
      parentColumns: spec.columnsTo,
      childColumns: spec.columnsFrom,
      onUpdate: spec.onUpdate.toUpperCase() as ForeignKeyAction,
      onDelete: spec.onDelete.toUpperCase() as ForeignKeyAction,
      // drizzle-orm's SQLite foreign keys have no deferrable option; drizzle-kit writes none.
      deferred: false,
      loc,
    })),
    indices,
    createSql: drizzleCreateTableSql(name, draft.columns.map((c) => c.spec), compositeKeys, foreignKeys.map((f) => f.spec)),
    loc: draft.fact.loc,
    nameLoc: draft.fact.call.args[0].loc,
  };
  if (keyNames) {
    table.primaryKey = {
      columns: keyNames,
      autoGenerate: keyColumns.length === 1 && keyColumns[0].spec.autoincrement,
      // SQLite's rowid alias: a single key column declared exactly INTEGER.
      rowidAlias: keyColumns.length === 1 && keyColumns[0].spec.type === 'integer',
    };
  }
  return table;
}

/** `t.key` inside the table's own lambda, or `other.key` naming another Drizzle table's column. */
function columnOf(target: Value, draft: Draft, drafts: Draft[], names: WorkspaceNames, param?: string): { table: string; column: string } | Unresolved {
  if (target.kind !== 'member') return { reason: `${whyUnknown(target, draft.scope)}; a column is written table.column`, loc: target.loc };
  const receiver = target.receiver;
  const owner = param !== undefined && receiver.kind === 'ref' && receiver.name === param ? draft : draftOf(receiver, draft.uri, draft.scope, drafts, names);
  if (!owner) return { reason: `'${calleeText(receiver)}' is no Drizzle table Rawsync can see`, loc: receiver.loc };
  if (owner.name === undefined || (owner.unresolved && owner !== draft)) return { reason: `the Drizzle table it names could not be read`, loc: target.loc };
  const column = owner.columns.find((c) => c.key === target.name);
  if (!column) return { reason: `the Drizzle table '${owner.name}' has no column '${target.name}' Rawsync read`, loc: target.loc };
  return { table: owner.name, column: column.spec.name };
}

function readActions(value: Value | undefined, scope: NameScope): { onUpdate: string; onDelete: string } | Unresolved {
  const out = { onUpdate: 'no action', onDelete: 'no action' };
  if (!value) return out;
  const object = evaluateObject(value, scope);
  if (!object) return { reason: `the foreign key's actions are unknown: ${whyUnknown(value, scope)}`, loc: value.loc };
  for (const member of object.members) {
    if (member.key !== 'onUpdate' && member.key !== 'onDelete') continue;
    const action = evaluateScalar(member.value, member.scope);
    if (action === undefined || action === null) continue;
    if (typeof action !== 'string' || !ACTIONS.has(action)) return { reason: `the foreign key's ${member.key} is not an action Rawsync knows`, loc: member.loc };
    out[member.key] = action;
  }
  return out;
}

type ExtraItem =
  /** `constraint`: a unique() constraint, which drizzle-kit lists after the indexes. */
  | { kind: 'index'; index: { name: string; unique: boolean; columns: string[]; loc: SourceLocation }; constraint: boolean }
  | { kind: 'primaryKey'; columns: string[] }
  | { kind: 'foreignKey'; name?: string; spec: DrizzleForeignKeySpec; loc: SourceLocation };

/** `(t) => [index('x').on(t.a), primaryKey({ columns: [t.a, t.b] }), …]` (or the older object form). */
function readExtraConfig(value: Value, draft: Draft, drafts: Draft[], names: WorkspaceNames): ExtraItem[] | Unresolved {
  const facts = draft.facts;
  if (value.kind !== 'lambda' || (value.params?.length ?? 0) > 1) return { reason: 'its third argument is not a function Rawsync reads', loc: value.loc };
  const param = value.params?.[0] ?? '';
  const result = lambdaResult(value);
  let items: Value[] | undefined;
  if (result?.kind === 'list') items = result.items;
  else if (result?.kind === 'object' && result.entries.every((e) => !('spread' in e))) items = result.entries.map((e) => ('value' in e ? e.value : e.spread));
  if (!items) return { reason: 'its third argument does not return a list Rawsync reads', loc: value.loc };
  const out: ExtraItem[] = [];
  const columnsOf = (values: Value[]): string[] | Unresolved => {
    const found = draftColumnsOf(values);
    return 'reason' in found ? found : found.map((c) => c.spec.name);
  };
  const draftColumnsOf = (values: Value[]): DraftColumn[] | Unresolved => {
    const columns: DraftColumn[] = [];
    for (const v of values) {
      if (v.kind !== 'member' || v.receiver.kind !== 'ref' || v.receiver.name !== param) return { reason: 'an index or key names something other than one of the table\'s columns', loc: v.loc };
      const column = draft.columns.find((c) => c.key === v.name);
      if (!column) return { reason: `the table has no column '${v.name}'`, loc: v.loc };
      columns.push(column);
    }
    return columns;
  };
  for (const item of items) {
    const chain = item.kind === 'call' ? unchain(item) : undefined;
    const builder = chain ? importedName(facts, chain.base.callee, SQLITE_CORE) : undefined;
    if (!chain || !builder) return { reason: 'an entry of its third argument is not one of Drizzle\'s index or key builders Rawsync reads', loc: item.loc };
    const baseArgs = positional(chain.base);
    const methods = chain.methods;
    if (!baseArgs) return { reason: `the arguments of ${builder}(…) are not read`, loc: chain.base.loc };
    if (builder === 'index' || builder === 'uniqueIndex' || builder === 'unique') {
      const on = methods[0];
      if (methods.length !== 1 || on.name !== 'on') return { reason: `${builder}(…) is chained with something other than .on(…) (a partial index's .where is not read)`, loc: item.loc };
      const onArgs = positional(on.call);
      const onColumns = onArgs ? draftColumnsOf(onArgs) : { reason: 'its columns are not read', loc: on.call.loc };
      if ('reason' in onColumns) return onColumns;
      const columns = onColumns.map((c) => c.spec.name);
      const indexName = baseArgs[0] === undefined ? undefined : evaluateString(baseArgs[0], draft.scope);
      if (baseArgs[0] !== undefined && indexName === undefined) return { reason: `the name of ${builder}(…) is unknown`, loc: baseArgs[0].loc };
      if (indexName === undefined && builder !== 'unique') return { reason: `${builder}(…) has no name`, loc: item.loc };
      // unique().on(…)'s default name is made from the columns' names before casing (UniqueConstraint).
      out.push({
        kind: 'index',
        index: { name: indexName ?? `${draft.name}_${onColumns.map((c) => c.baseName).join('_')}_unique`, unique: builder !== 'index', columns, loc: item.loc },
        constraint: builder === 'unique',
      });
    } else if (builder === 'primaryKey') {
      if (methods.length > 0) return { reason: 'primaryKey(…) is chained with a call Rawsync does not read', loc: item.loc };
      const config = baseArgs.length === 1 ? evaluateObject(baseArgs[0], draft.scope) : undefined;
      const listed = config ? config.members.find((m) => m.key === 'columns') : undefined;
      const values = listed ? evaluateList(listed.value, listed.scope)?.items : baseArgs;
      if (!values || values.length === 0) return { reason: 'the columns of primaryKey(…) are not read', loc: item.loc };
      const columns = columnsOf(values);
      if ('reason' in columns) return columns;
      out.push({ kind: 'primaryKey', columns });
    } else if (builder === 'foreignKey') {
      const config = baseArgs.length === 1 ? evaluateObject(baseArgs[0], draft.scope) : undefined;
      const from = config?.members.find((m) => m.key === 'columns');
      const to = config?.members.find((m) => m.key === 'foreignColumns');
      const fkName = config?.members.find((m) => m.key === 'name');
      const fromItems = from ? evaluateList(from.value, from.scope)?.items : undefined;
      const toItems = to ? evaluateList(to.value, to.scope)?.items : undefined;
      if (!config || !fromItems || !toItems || fromItems.length === 0 || fromItems.length !== toItems.length) return { reason: 'the columns of foreignKey(…) are not read', loc: item.loc };
      const columnsFrom = columnsOf(fromItems);
      if ('reason' in columnsFrom) return columnsFrom;
      const targets = toItems.map((t) => columnOf(t, draft, drafts, names, param));
      const failed = targets.find((t) => 'reason' in t);
      if (failed) return failed as Unresolved;
      const resolved = targets as { table: string; column: string }[];
      if (resolved.some((t) => t.table !== resolved[0].table)) return { reason: 'foreignKey(…) names columns of several tables', loc: item.loc };
      const actions = { onUpdate: 'no action', onDelete: 'no action' };
      for (const method of methods) {
        const arg = positional(method.call)?.[0];
        const action = arg ? evaluateScalar(arg, draft.scope) : undefined;
        if ((method.name !== 'onUpdate' && method.name !== 'onDelete') || typeof action !== 'string' || !ACTIONS.has(action)) {
          return { reason: `foreignKey(…).${method.name}(…) is not read`, loc: method.call.loc };
        }
        actions[method.name] = action;
      }
      const nameValue = fkName ? evaluateString(fkName.value, fkName.scope) : undefined;
      if (fkName && nameValue === undefined) return { reason: 'the name of foreignKey(…) is unknown', loc: fkName.loc };
      out.push({ kind: 'foreignKey', ...(nameValue === undefined ? {} : { name: nameValue }), spec: { columnsFrom, tableTo: resolved[0].table, columnsTo: resolved.map((t) => t.column), ...actions }, loc: item.loc });
    } else {
      return { reason: `${builder}(…) is not read into the DDL (a CHECK constraint or another builder)`, loc: item.loc };
    }
  }
  return out;
}
