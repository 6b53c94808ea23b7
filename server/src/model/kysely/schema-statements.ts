import type { FileFacts, KyselySchemaCallFact } from '../facts';
import type { SourceLocation } from '../location';
import type { WorkspaceNames } from '../names';
import type { UnreadTable } from '../unread-tables';
import type { CodeScope } from '../workspace';
import { evaluateList, evaluateScalar, evaluateString, type NameScope } from '../evaluate';
import { whyUnknown } from '../unknown-reason';
import type { CallValue, LambdaValue, Value } from '../value';

/**
 * The SQL Kysely's SQLite compiler writes for `db.schema.createTable(…)…execute()` and
 * `db.schema.createIndex(…)…execute()` (docs/facts.md §11): DefaultQueryCompiler's
 * visitCreateTable, visitColumnDefinition, visitReferences, visitForeignKeyConstraint,
 * visitPrimaryKeyConstraint, visitUniqueConstraint, visitCreateIndex and appendImmediateValue, with
 * SqliteQueryCompiler's `"` identifiers and `autoincrement` (kysely-org/kysely@478ec67b,
 * src/query-compiler/default-query-compiler.ts, src/dialect/sqlite/sqlite-query-compiler.ts).
 * A chain with a call Rawsync does not compile makes no statement: a table it would create is unread.
 */
export interface KyselyStatement {
  sql: string;
  loc: SourceLocation;
  definedIn: CodeScope;
}

export interface KyselyStatements {
  statements: KyselyStatement[];
  unread: UnreadTable[];
}

/** Kysely's column data types (src/operation-node/data-type-node.ts): the names, and the sized forms. */
const DATA_TYPES = new Set([
  'varchar', 'char', 'text', 'integer', 'int2', 'int4', 'int8', 'smallint', 'bigint', 'boolean', 'real', 'double precision', 'float4', 'float8',
  'decimal', 'numeric', 'binary', 'bytea', 'date', 'datetime', 'time', 'timetz', 'timestamp', 'timestamptz', 'serial', 'bigserial', 'uuid',
  'json', 'jsonb', 'datetime2', 'blob', 'varbinary', 'int4range', 'int4multirange', 'int8range', 'int8multirange', 'numrange', 'nummultirange',
  'tsrange', 'tsmultirange', 'tstzrange', 'tstzmultirange', 'daterange', 'datemultirange',
]);
const SIZED_DATA_TYPES = [
  /^varchar\(\d+\)$/, /^char\(\d+\)$/, /^decimal\(\d+, \d+\)$/, /^numeric\(\d+, \d+\)$/, /^binary\(\d+\)$/, /^datetime\(\d+\)$/, /^time\(\d+\)$/,
  /^timetz\(\d+\)$/, /^timestamp\(\d+\)$/, /^timestamptz\(\d+\)$/, /^datetime2\(\d+\)$/, /^varbinary\(\d+\)$/,
];
const ACTIONS = new Set(['no action', 'restrict', 'cascade', 'set null', 'set default']);

class NotCompiled extends Error {
  constructor(readonly reason: string, readonly loc: SourceLocation) {
    super(reason);
  }
}

/** Every Kysely schema chain of the workspace, compiled; those that are not, as unread tables. */
export function buildKyselyStatements(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): KyselyStatements {
  const out: KyselyStatements = { statements: [], unread: [] };
  for (const facts of files.values()) {
    for (const fact of facts.kyselySchemaCalls ?? []) {
      const scope = names.scope(facts.uri);
      const definedIn: CodeScope = { uri: facts.uri, owner: [], ...(fact.enclosingFunction === undefined ? {} : { enclosingFunction: fact.enclosingFunction }) };
      const chain = unchain(fact);
      if (!chain) continue;
      try {
        out.statements.push({ sql: compile(chain, scope), loc: fact.loc, definedIn });
      } catch (error) {
        if (!(error instanceof NotCompiled)) throw error;
        // The table it creates, or whose index it creates, has a shape Rawsync does not know.
        const nameValue = chain.kind === 'createIndex' ? chain.methods.find((m) => m.name === 'on')?.args[0] : chain.base.args[0]?.value;
        const name = evaluateString(nameValue, scope);
        const what = chain.kind === 'createIndex' ? 'an index Kysely\'s createIndex creates' : `the table ${name === undefined ? '(name unknown)' : `'${name}'`} Kysely's createTable creates`;
        out.unread.push({ ...(name === undefined ? {} : { name }), unresolved: { what, reason: error.reason, loc: error.loc } });
      }
    }
  }
  return out;
}

interface Method {
  name: string;
  args: Value[];
  loc: SourceLocation;
}

/** `….schema.createTable('t').a(…).b(…).execute()`: the createTable call and the methods after it. */
type ChainKind = 'createTable' | 'createIndex' | 'alterTable';

function compile(chain: { kind: ChainKind; base: CallValue; methods: Method[] }, scope: NameScope): string {
  // Kysely's builders take the name alone (a second argument is another library's callback).
  if (chain.base.args.length !== 1) throw new NotCompiled(`${chain.kind}(…) is not called with a name alone`, chain.base.loc);
  if (chain.kind === 'createTable') return compileCreateTable(chain.base, chain.methods, scope);
  if (chain.kind === 'createIndex') return compileCreateIndex(chain.base, chain.methods, scope);
  // Only which table it changes matters: a table that is altered has no one known shape (model/sql-tables.ts).
  return `alter table ${ident(tableName(chain.base.args[0]?.value, scope, chain.base.loc))}`;
}

function unchain(fact: KyselySchemaCallFact): { kind: ChainKind; base: CallValue; methods: Method[] } | undefined {
  const methods: Method[] = [];
  let current: Value = fact.call.callee.kind === 'member' ? fact.call.callee.receiver : fact.call;
  for (let i = 0; i < 256 && current.kind === 'call' && current.callee.kind === 'member'; i++) {
    const { name, receiver } = current.callee;
    if ((name === 'createTable' || name === 'createIndex' || name === 'alterTable') && receiver.kind === 'member' && receiver.name === 'schema') {
      return { kind: name, base: current, methods };
    }
    methods.unshift({ name, args: current.args.map((a) => a.value), loc: current.loc });
    if (current.args.some((a) => a.spread || a.name !== undefined)) return undefined;
    current = receiver;
  }
  return undefined;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function text(value: Value | undefined, scope: NameScope, what: string, loc: SourceLocation): string {
  const v = evaluateString(value, scope);
  if (v === undefined) throw new NotCompiled(`${what} is unknown: ${whyUnknown(value, scope)}`, value?.loc ?? loc);
  return v;
}

/** A table name as parseTable reads it; a schema-qualified one is not followed. */
function tableName(value: Value | undefined, scope: NameScope, loc: SourceLocation): string {
  const name = text(value, scope, 'the table name', loc);
  if (name.includes('.')) throw new NotCompiled(`the table name '${name}' names a schema`, value?.loc ?? loc);
  return name;
}

function strings(value: Value | undefined, scope: NameScope, what: string, loc: SourceLocation): string[] {
  const list = evaluateList(value, scope);
  const out = list?.items.map((item) => evaluateString(item, list.scope));
  if (!out || out.some((s) => s === undefined)) throw new NotCompiled(`${what} are unknown`, value?.loc ?? loc);
  return out as string[];
}

/** Kysely's `sql\`…\`` without substitutions: its text (a raw node). */
function rawSql(value: Value | undefined): string | undefined {
  if (value?.kind !== 'call' || value.callee.kind !== 'ref' || value.callee.name !== 'sql' || value.args.length !== 1) return undefined;
  const arg = value.args[0].value;
  return arg.kind === 'string' && arg.quote === '`' ? arg.value : undefined;
}

function dataType(value: Value | undefined, scope: NameScope, loc: SourceLocation): string {
  const raw = rawSql(value);
  if (raw !== undefined) return raw;
  const type = text(value, scope, 'the column type', loc);
  if (!DATA_TYPES.has(type) && !SIZED_DATA_TYPES.some((r) => r.test(type))) throw new NotCompiled(`'${type}' is no column data type Kysely accepts`, value?.loc ?? loc);
  return type;
}

/** appendImmediateValue: a string quoted with `'` doubled, a number or boolean as JavaScript prints it, null. */
function defaultValue(value: Value | undefined, scope: NameScope, loc: SourceLocation): string {
  const raw = rawSql(value);
  if (raw !== undefined) return raw;
  if (value?.kind === 'number' && /n$/.test(value.text)) throw new NotCompiled('a BigInt default is not compiled', value.loc);
  const v = evaluateScalar(value, scope);
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  throw new NotCompiled(`the default is not a value Rawsync compiles as Kysely does: ${whyUnknown(value, scope)}`, value?.loc ?? loc);
}

/** The method calls of a builder callback `(col) => col.a().b()`, in order. */
function callbackMethods(value: Value | undefined, loc: SourceLocation): Method[] {
  if (value === undefined) return [];
  if (value.kind !== 'lambda' || value.params?.length !== 1) throw new NotCompiled('a builder callback is not a function Rawsync reads', value.loc);
  const result = lambdaResult(value);
  const methods: Method[] = [];
  let current = result;
  for (let i = 0; i < 64 && current?.kind === 'call' && current.callee.kind === 'member'; i++) {
    if (current.args.some((a) => a.spread || a.name !== undefined)) break;
    methods.unshift({ name: current.callee.name, args: current.args.map((a) => a.value), loc: current.loc });
    const receiver: Value = current.callee.receiver;
    if (receiver.kind === 'ref' && receiver.name === value.params[0]) return methods;
    current = receiver;
  }
  if (result?.kind === 'ref' && result.name === value.params[0]) return [];
  throw new NotCompiled('a builder callback does more than chain the builder\'s methods', result?.loc ?? loc);
}

function lambdaResult(lambda: LambdaValue): Value | undefined {
  const body = lambda.body ?? [];
  return body.length === 1 && body[0].kind === 'return' ? body[0].value : undefined;
}

function action(method: Method, scope: NameScope): string {
  const a = evaluateString(method.args[0], scope);
  if (a === undefined || !ACTIONS.has(a)) throw new NotCompiled(`.${method.name}(…) is not an action Rawsync knows`, method.loc);
  return a;
}

/** `create [temporary ]table [if not exists ]"t" (columns, constraints)[ end modifiers]`. */
function compileCreateTable(base: CallValue, methods: Method[], scope: NameScope): string {
  const table = tableName(base.args[0]?.value, scope, base.loc);
  let temporary = false;
  let ifNotExists = false;
  const columns: string[] = [];
  const constraints: string[] = [];
  const front: string[] = [];
  const end: string[] = [];
  for (const method of methods) {
    const [a, b, c, d, e] = method.args;
    switch (method.name) {
      case 'temporary': temporary = true; break;
      case 'ifNotExists': ifNotExists = true; break;
      case 'addColumn': columns.push(compileColumn(text(a, scope, 'a column name', method.loc), dataType(b, scope, method.loc), callbackMethods(c, method.loc), scope)); break;
      case 'addPrimaryKeyConstraint':
        constraints.push(`constraint ${ident(text(a, scope, 'the constraint name', method.loc))} primary key (${strings(b, scope, 'its columns', method.loc).map(ident).join(', ')})${deferrable(callbackMethods(c, method.loc), scope)}`);
        break;
      case 'addUniqueConstraint':
        constraints.push(`constraint ${ident(text(a, scope, 'the constraint name', method.loc))} unique (${strings(b, scope, 'its columns', method.loc).map(ident).join(', ')})${deferrable(callbackMethods(c, method.loc), scope)}`);
        break;
      case 'addForeignKeyConstraint': {
        const name = text(a, scope, 'the constraint name', method.loc);
        const from = strings(b, scope, 'its columns', method.loc);
        const target = tableName(c, scope, method.loc);
        const to = strings(d, scope, 'its target columns', method.loc);
        constraints.push(`constraint ${ident(name)} foreign key (${from.map(ident).join(', ')}) references ${ident(target)} (${to.map(ident).join(', ')})${deferrable(callbackMethods(e, method.loc), scope)}`);
        break;
      }
      case 'modifyFront':
      case 'modifyEnd': {
        const raw = rawSql(a);
        if (raw === undefined) throw new NotCompiled(`.${method.name}(…) is not a sql\`…\` Rawsync reads`, method.loc);
        (method.name === 'modifyFront' ? front : end).push(raw);
        break;
      }
      default:
        throw new NotCompiled(`.${method.name}(…) is not compiled by Rawsync (a check constraint, an index, an 'as' query, or another builder call)`, method.loc);
    }
  }
  if (columns.length === 0) throw new NotCompiled('it adds no column', base.loc);
  return `create ${front.length > 0 ? `${front.join(' ')} ` : ''}${temporary ? 'temporary ' : ''}table ${ifNotExists ? 'if not exists ' : ''}${ident(table)} (${[...columns, ...constraints].join(', ')})${end.length > 0 ? ` ${end.join(' ')}` : ''}`;
}

/**
 * visitColumnDefinition's order: name, type, front modifiers, default, not null, unique, primary
 * key, autoincrement, references (with on delete, on update), end modifiers.
 */
function compileColumn(name: string, type: string, methods: Method[], scope: NameScope): string {
  let defaultSql: string | undefined;
  let notNull = false;
  let unique = false;
  let primaryKey = false;
  let autoIncrement = false;
  let references: string | undefined;
  let onDelete: string | undefined;
  let onUpdate: string | undefined;
  const front: string[] = [];
  const end: string[] = [];
  for (const method of methods) {
    switch (method.name) {
      case 'notNull': notNull = true; break;
      case 'unique': unique = true; break;
      case 'primaryKey': primaryKey = true; break;
      case 'autoIncrement': autoIncrement = true; break;
      case 'defaultTo': defaultSql = defaultValue(method.args[0], scope, method.loc); break;
      case 'references': {
        const ref = text(method.args[0], scope, 'the referenced column', method.loc);
        const parts = ref.split('.').map((p) => p.trim());
        if (parts.length !== 2 || parts.some((p) => p === '' || p === '*')) throw new NotCompiled(`references('${ref}') is not written table.column`, method.loc);
        references = `references ${ident(parts[0])} (${ident(parts[1])})`;
        break;
      }
      case 'onDelete': onDelete = action(method, scope); break;
      case 'onUpdate': onUpdate = action(method, scope); break;
      case 'modifyFront':
      case 'modifyEnd': {
        const raw = rawSql(method.args[0]);
        if (raw === undefined) throw new NotCompiled(`.${method.name}(…) is not a sql\`…\` Rawsync reads`, method.loc);
        (method.name === 'modifyFront' ? front : end).push(raw);
        break;
      }
      default:
        throw new NotCompiled(`column '${name}' calls .${method.name}(…), which Rawsync does not compile`, method.loc);
    }
  }
  // onDelete/onUpdate without references() are written into no clause (visitReferences writes them).
  let sql = `${ident(name)} ${type}`;
  if (front.length > 0) sql += ` ${front.join(' ')}`;
  if (defaultSql !== undefined) sql += ` default ${defaultSql}`;
  if (notNull) sql += ' not null';
  if (unique) sql += ' unique';
  if (primaryKey) sql += ' primary key';
  if (autoIncrement) sql += ' autoincrement';
  if (references) sql += ` ${references}${onDelete ? ` on delete ${onDelete}` : ''}${onUpdate ? ` on update ${onUpdate}` : ''}`;
  else if (onDelete || onUpdate) throw new NotCompiled(`column '${name}' sets an action without references()`, methods[0].loc);
  if (end.length > 0) sql += ` ${end.join(' ')}`;
  return sql;
}

/** A constraint callback's on delete / on update and buildDeferrable's clauses. */
function deferrable(methods: Method[], scope: NameScope): string {
  let onDelete: string | undefined;
  let onUpdate: string | undefined;
  let deferrableFlag: boolean | undefined;
  let initially: boolean | undefined;
  for (const method of methods) {
    if (method.name === 'onDelete') onDelete = action(method, scope);
    else if (method.name === 'onUpdate') onUpdate = action(method, scope);
    else if (method.name === 'deferrable' || method.name === 'notDeferrable') deferrableFlag = method.name === 'deferrable';
    else if (method.name === 'initiallyDeferred' || method.name === 'initiallyImmediate') initially = method.name === 'initiallyDeferred';
    else throw new NotCompiled(`.${method.name}(…) on a constraint is not compiled by Rawsync`, method.loc);
  }
  let sql = '';
  if (onDelete) sql += ` on delete ${onDelete}`;
  if (onUpdate) sql += ` on update ${onUpdate}`;
  if (deferrableFlag !== undefined) sql += deferrableFlag ? ' deferrable' : ' not deferrable';
  if (initially !== undefined) sql += initially ? ' initially deferred' : ' initially immediate';
  return sql;
}

/** `create [unique ]index [if not exists ]"i" on "t" ("a", "b")`. */
function compileCreateIndex(base: CallValue, methods: Method[], scope: NameScope): string {
  const name = text(base.args[0]?.value, scope, 'the index name', base.loc);
  let unique = false;
  let ifNotExists = false;
  let table: string | undefined;
  const columns: string[] = [];
  for (const method of methods) {
    if (method.name === 'unique') unique = true;
    else if (method.name === 'ifNotExists') ifNotExists = true;
    else if (method.name === 'on') table = tableName(method.args[0], scope, method.loc);
    else if (method.name === 'column') columns.push(text(method.args[0], scope, 'the index column', method.loc));
    else if (method.name === 'columns') columns.push(...strings(method.args[0], scope, 'the index columns', method.loc));
    else throw new NotCompiled(`.${method.name}(…) on an index is not compiled by Rawsync`, method.loc);
  }
  // parseOrderedColumnName: `a desc` is a column and a direction; only plain names are compiled here.
  if (columns.some((c) => /\s/.test(c))) throw new NotCompiled('an index column carries a direction', base.loc);
  if (table === undefined || columns.length === 0) throw new NotCompiled('the index names no table or no column', base.loc);
  return `create ${unique ? 'unique ' : ''}index ${ifNotExists ? 'if not exists ' : ''}${ident(name)} on ${ident(table)} (${columns.map(ident).join(', ')})`;
}
