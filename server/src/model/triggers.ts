import type { FileFacts, SqlStatementFact } from './facts';
import type { WorkspaceNames } from './names';
import type { CodeScope, RawTable, Trigger } from './workspace';
import { evaluateList, evaluateObject, evaluateScalar, evaluateString, pathOf, type NameScope } from './evaluate';
import { argumentFor, calleeName, calleeReceiver, dottedName, type Value } from './value';
import { parameterIndexes, splitSqlStatements, type SqlToken } from '../sql/sql-text';
import { functionCalls, outlineCreateTrigger, type TriggerEvent } from '../sql/sql-outline';
import { whyUnknown, type UnresolvedPart } from './unknown-reason';
import { flatten, PLACEHOLDER_OPEN, unknownText } from './partial-sql';

const CRUD_TRIGGER_FUNCTION = 'powersync_create_raw_table_crud_trigger';
const EVENTS: readonly TriggerEvent[] = ['INSERT', 'UPDATE', 'DELETE'];

/**
 * CREATE TRIGGER statements and powersync_create_raw_table_crud_trigger calls, from every SQL
 * string in the workspace. Parts of a string that cannot be known at compile time (a
 * `${table.jsonDescription()}` in a template) are kept as placeholders, so the rest still reads.
 */
export function buildTriggers(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, rawTables: RawTable[]): Trigger[] {
  const triggers: Trigger[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.sqlStatements.flatMap((f) => perLoopItem(f, names.scope(facts.uri, f.owner ?? [])))) {
      const scope = names.scope(facts.uri, fact.owner ?? []);
      const sql = flatten(fact.sql, scope);
      for (const statement of splitSqlStatements(sql.text)) {
        const known = !statement.text.includes(PLACEHOLDER_OPEN);
        const outline = outlineCreateTrigger(statement.tokens);
        if (outline) {
          const name = knownName(outline.name);
          triggers.push({
            name,
            table: knownName(outline.table),
            event: outline.event,
            ...(known ? { sql: statement.text } : { unresolved: unknownText(`the SQL of trigger ${name === undefined ? '(name unknown)' : `'${name}'`}`, statement.text, sql.parts, fact) }),
            form: 'create-trigger',
            writesPowerSyncCrud: outline.writesPowerSyncCrud,
            sqlValue: fact.sql,
            sqlStart: statement.start,
            scope: scopeOf(fact, facts.uri),
            loc: fact.sql.loc,
          });
          continue;
        }
        const bound = boundParameters(fact, scope);
        for (const call of functionCalls(statement.tokens, CRUD_TRIGGER_FUNCTION)) {
          triggers.push(crudTriggerCall(call.args, statement.tokens, sql.parts, bound, fact, rawTables, known ? statement.text : undefined));
        }
      }
    }
  }
  return triggers;
}

/** Loop items are followed up to this many statements per call. */
const MAX_LOOP_ITEMS = 64;

/**
 * A statement run in `for (x in items)` or `items.forEach { x -> }`, once per item, with `x`
 * replaced by the item: the way apps create their INSERT, UPDATE and DELETE triggers. A loop whose
 * items are not known leaves its variable unknown (and not-analyzed says so).
 */
export function perLoopItem(fact: SqlStatementFact, scope: NameScope): SqlStatementFact[] {
  let facts: SqlStatementFact[] = [{ ...fact, loops: undefined }];
  for (const loop of fact.loops ?? []) {
    const list = evaluateList(loop.items, scope);
    // A loop over items not known here leaves its variable unknown (saying why); the other loops still unroll.
    if (!list) {
      const over = dottedName(loop.items);
      const unknown: Value = {
        kind: 'unknown',
        text: loop.variable,
        reason: `'${loop.variable}' runs over ${over === undefined ? 'a list' : `'${over}'`}, which Rawsync could not read (${whyUnknown(loop.items, scope)})`,
        loc: loop.items.loc,
      };
      facts = facts.map((f) => substituteFact(f, loop.variable, unknown));
      continue;
    }
    if (list.items.length * facts.length > MAX_LOOP_ITEMS) return [fact];
    const items = list.items.map((item) => {
      const text = evaluateScalar(item, list.scope);
      return text === undefined ? item : literal(text, item);
    });
    facts = facts.flatMap((f) => items.map((item) => substituteFact(f, loop.variable, item)));
  }
  return facts;
}

/**
 * The statements a SQL call runs, once per item of each loop whose variable the SQL itself uses
 * (`for (const sql of MIGRATIONS) await db.execute(sql)`); a loop the SQL does not depend on runs
 * the same statement again, which is one statement.
 */
export function perSqlLoopItem(fact: SqlStatementFact, scope: NameScope): SqlStatementFact[] {
  const loops = (fact.loops ?? []).filter((loop) => uses(fact.sql, loop.variable));
  if (loops.length === 0) return [fact];
  return perLoopItem({ ...fact, loops }, scope);
}

/** Whether the value reads the name (as `substitute` would replace it). */
function uses(value: Value, name: string): boolean {
  switch (value.kind) {
    case 'ref':
      return value.name === name;
    case 'unknown':
      return value.text === name;
    case 'template':
      return value.parts.some((p) => uses(p, name));
    case 'list':
      return value.items.some((i) => uses(i, name));
    case 'member':
      return uses(value.receiver, name);
    case 'call':
      return uses(value.callee, name) || value.args.some((a) => uses(a.value, name));
    default:
      return false;
  }
}

function literal(value: string | number | boolean | null, at: Value): Value {
  if (value === null) return { kind: 'null', loc: at.loc };
  if (typeof value === 'string') return { kind: 'string', value, raw: false, loc: at.loc };
  if (typeof value === 'number') return { kind: 'number', value, text: String(value), loc: at.loc };
  return { kind: 'boolean', value, loc: at.loc };
}

function substituteFact(fact: SqlStatementFact, name: string, item: Value): SqlStatementFact {
  const swap = (v: Value) => substitute(v, name, item);
  return {
    ...fact,
    sql: swap(fact.sql),
    ...(fact.call ? { call: { ...fact.call, args: fact.call.args.map((a) => ({ ...a, value: swap(a.value) })) } } : {}),
    ...(fact.preparedBindings ? { preparedBindings: fact.preparedBindings.map(swap) } : {}),
  };
}

/** The value with every use of the loop variable (a name, or the unknown a lambda parameter reads as) replaced. */
function substitute(value: Value, name: string, item: Value): Value {
  switch (value.kind) {
    case 'ref':
      return value.name === name ? item : value;
    case 'unknown':
      return value.text === name ? item : value;
    case 'template':
      return { ...value, parts: value.parts.map((p) => substitute(p, name, item)) };
    case 'list':
      return { ...value, items: value.items.map((i) => substitute(i, name, item)) };
    case 'member':
      return { ...value, receiver: substitute(value.receiver, name, item) };
    case 'call':
      return { ...value, callee: substitute(value.callee, name, item), args: value.args.map((a) => ({ ...a, value: substitute(a.value, name, item) })) };
    default:
      return value;
  }
}

/** An argument of the SQL call: text known at compile time, a Kotlin expression, or unknown. */
type CallArgument = { kind: 'text'; text: string } | { kind: 'value'; value: Value; scope: NameScope } | { kind: 'unknown' };

function crudTriggerCall(
  args: SqlToken[][],
  statementTokens: SqlToken[],
  parts: { value: Value; scope: NameScope }[],
  bound: { items: Value[]; scope: NameScope } | undefined,
  fact: SqlStatementFact,
  rawTables: RawTable[],
  sql: string | undefined,
): Trigger {
  const indexes = parameterIndexes(statementTokens);
  const argument = (tokens: SqlToken[] | undefined): CallArgument => resolveArgument(tokens, parts, bound, indexes);
  const [json, name, event] = [argument(args[0]), argument(args[1]), argument(args[2])];
  const target = rawTableOf(json, rawTables, fact.loc.uri);
  const eventText = event.kind === 'text' ? event.text : undefined;
  const triggerName = name.kind === 'text' ? name.text : undefined;
  const label = `the powersync_create_raw_table_crud_trigger call${triggerName === undefined ? '' : ` for '${triggerName}'`}`;
  const known = EVENTS.find((e) => e === eventText);
  const unresolved: UnresolvedPart | undefined = known === undefined
    ? { what: `the event of ${label}`, reason: argumentReason(event), loc: fact.sql.loc }
    : !target.rawTable?.coreJson && target.table === undefined
      ? { what: `the raw table of ${label}`, reason: argumentReason(json), loc: fact.sql.loc }
      : undefined;
  return {
    name: triggerName,
    table: target.table,
    event: known,
    ...(sql === undefined ? {} : { sql }),
    form: 'crud-trigger-call',
    ...(target.rawTable ? { rawTable: target.rawTable } : {}),
    writesPowerSyncCrud: true,
    scope: scopeOf(fact, fact.loc.uri),
    loc: fact.sql.loc,
    ...(unresolved ? { unresolved } : {}),
    ...(target.fails ? { fails: target.fails } : {}),
    ...(target.jsonText === undefined ? {} : { jsonText: target.jsonText }),
  };
}

function argumentReason(argument: CallArgument): string {
  if (argument.kind === 'value') {
    // `jsonEncode(table)`, `JSON.stringify(x)`: what is unknown is the value encoded.
    const value = argument.value.kind === 'ref' && argument.value.localValue ? argument.value.localValue : argument.value;
    const encoded = value.kind === 'call' && value.args.length === 1 && value.args[0].name === undefined
      && ((value.callee.kind === 'ref' && value.callee.name === 'jsonEncode') || ['json.encode', 'JSON.stringify'].includes(dottedName(value.callee) ?? ''))
      ? value.args[0].value : undefined;
    return whyUnknown(encoded ?? argument.value, argument.scope);
  }
  if (argument.kind === 'text') return `'${argument.text.length > 40 ? `${argument.text.slice(0, 37)}…` : argument.text}' names none Rawsync knows`;
  return 'the argument is not a value Rawsync can follow';
}

function resolveArgument(
  tokens: SqlToken[] | undefined,
  parts: { value: Value; scope: NameScope }[],
  bound: { items: Value[]; scope: NameScope } | undefined,
  indexes: Map<SqlToken, number>,
): CallArgument {
  if (!tokens || tokens.length !== 1) return { kind: 'unknown' };
  const [token] = tokens;
  const part = placeholderIndex(token.value);
  if ((token.kind === 'string' || token.kind === 'identifier') && part !== undefined) {
    const found = parts[part];
    return found ? { kind: 'value', value: found.value, scope: found.scope } : { kind: 'unknown' };
  }
  if (token.kind === 'string') return token.value.includes(PLACEHOLDER_OPEN) ? { kind: 'unknown' } : { kind: 'text', text: token.value };
  if (token.kind === 'parameter') {
    const index = indexes.get(token);
    const item = index === undefined ? undefined : bound?.items[index - 1];
    if (!item || !bound) return { kind: 'unknown' };
    const scalar = evaluateScalar(item, bound.scope);
    return typeof scalar === 'string' ? { kind: 'text', text: scalar } : { kind: 'value', value: item, scope: bound.scope };
  }
  return { kind: 'unknown' };
}

/** The raw table whose JSON is passed: `x.jsonDescription()` of a known raw table, or JSON naming one. */
function rawTableOf(json: CallArgument, rawTables: RawTable[], uri: string): { rawTable?: RawTable; table?: string; fails?: string; jsonText?: string } {
  if (json.kind === 'value') {
    const text = evaluateScalar(json.value, json.scope);
    if (typeof text === 'string') return rawTableOf({ kind: 'text', text }, rawTables, uri);
    const rawTable = describedRawTable(json.value, rawTables, uri, json.scope);
    if (!rawTable) return {};
    // Dart's RawTable.toJson() writes table_name only from a RawTableSchema (RawTable.inferred):
    // the core's trigger helper then stops (powersync-sqlite-core, RawTable::require_table_name).
    const fails = rawTable.api === 'dart' && rawTable.schema === undefined && rawTable.name !== undefined ? `Raw table ${rawTable.name} has no local name` : undefined;
    return { rawTable, table: localTableOf(rawTable), ...(fails ? { fails } : {}) };
  }
  if (json.kind !== 'text') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { name, table_name: tableName } = parsed as { name?: unknown; table_name?: unknown };
  const named = typeof name === 'string' ? preferSameFile(rawTables.filter((t) => t.name === name), uri) : undefined;
  const table = typeof tableName === 'string' ? tableName : named ? localTableOf(named) : undefined;
  return { ...(named ? { rawTable: named } : {}), ...(table === undefined ? {} : { table }), jsonText: json.text };
}

/** `todoTable.jsonDescription()`, `Tables.todo.jsonDescription()` or `RawTable(…).jsonDescription()`. */
function describedRawTable(value: Value, rawTables: RawTable[], uri: string, scope?: NameScope): RawTable | undefined {
  if (value.kind === 'ref' && value.localValue) return describedRawTable(value.localValue, rawTables, uri, scope);
  // JS: `JSON.stringify(Schema.rawTableToJson(…))` hands over the same JSON as text.
  if (value.kind === 'call' && value.args.length === 1 && value.callee.kind === 'member' && dottedName(value.callee) === 'JSON.stringify') {
    return describedRawTable(value.args[0].value, rawTables, uri, scope);
  }
  if (value.kind === 'call' && calleeName(value) === 'rawTableToJson' && value.args.length === 1 && scope) return jsonOfJsRawTable(value.args[0].value, rawTables, uri, scope);
  // Dart: `jsonEncode(todosTable)` / `json.encode(…)` writes the RawTable's `toJson()`, the same JSON.
  if (value.kind === 'call' && value.args.length === 1 && value.args[0].name === undefined
    && ((value.callee.kind === 'ref' && value.callee.name === 'jsonEncode') || dottedName(value.callee) === 'json.encode')) {
    return rawTableAt(value.args[0].value, rawTables, uri);
  }
  if (value.kind !== 'call' || calleeName(value) !== 'jsonDescription' || value.args.length > 0) return undefined;
  const receiver = calleeReceiver(value);
  return receiver ? rawTableAt(receiver, rawTables, uri) : undefined;
}

/**
 * A Dart `RawTable(…)` / `RawTable.inferred(…)` the evaluator built (a loop over
 * `schema.rawTables` whose entries a helper function returns): the one raw table of that name.
 */
function dartRawTableByName(call: Extract<Value, { kind: 'call' }>, rawTables: RawTable[]): RawTable | undefined {
  const callee = dottedName(call.callee)?.split('.') ?? [];
  const last = callee[callee.length - 1];
  if (last !== 'RawTable' && !(last === 'inferred' && callee[callee.length - 2] === 'RawTable')) return undefined;
  const name = call.args.find((a) => a.name === 'name')?.value;
  if (name?.kind !== 'string') return undefined;
  const named = rawTables.filter((t) => t.api === 'dart' && t.name === name.value);
  return named.length === 1 ? named[0] : undefined;
}

/** The raw table an expression names: a `RawTable(…)` call written there, or the variable holding one. */
function rawTableAt(receiver: Value, rawTables: RawTable[], uri: string): RawTable | undefined {
  // A local `const table = RawTable.inferred(…)` (Dart) carries the call it holds.
  if (receiver.kind === 'ref' && receiver.localValue) return rawTableAt(receiver.localValue, rawTables, uri);
  if (receiver.kind === 'call') {
    const at = rawTables.find((t) => t.loc.uri === receiver.loc.uri && samePosition(t.loc.range.start, receiver.loc.range.start));
    return at ?? dartRawTableByName(receiver, rawTables);
  }
  const path = pathOf(receiver)?.filter((segment) => segment !== 'Companion');
  if (!path || path.length === 0) return undefined;
  const name = path[path.length - 1];
  const owner = path.slice(0, -1);
  const candidates = rawTables.filter((t) => {
    if (t.variable?.name !== name) return false;
    const declared = t.variable.owner;
    return owner.length === 0 || (owner.length <= declared.length && owner.every((o, i) => declared[declared.length - owner.length + i] === o));
  });
  return preferSameFile(candidates, uri);
}

/**
 * JS SDK: `Schema.rawTableToJson({ name: 'todos', ...TODOS })` names its raw table; a constant
 * (`Schema.rawTableToJson(TODOS_RAW_TABLE)`) is the one a `withRawTables` map entry is held by.
 */
function jsonOfJsRawTable(argument: Value, rawTables: RawTable[], uri: string, scope: NameScope): RawTable | undefined {
  const object = evaluateObject(argument, scope);
  const nameMember = object?.members.find((m) => m.key === 'name');
  const name = nameMember ? evaluateString(nameMember.value, nameMember.scope) : undefined;
  if (name !== undefined) return preferSameFile(rawTables.filter((t) => t.name === name && t.addedTo !== undefined), uri);
  if (argument.kind !== 'ref') return undefined;
  return preferSameFile(rawTables.filter((t) => t.addedTo !== undefined && t.variable?.name === argument.name), uri);
}

function preferSameFile(candidates: RawTable[], uri: string): RawTable | undefined {
  return candidates.find((t) => t.loc.uri === uri) ?? candidates[0];
}

function localTableOf(rawTable: RawTable): string | undefined {
  return rawTable.localTable ?? rawTable.schema?.tableName ?? (rawTable.schema ? rawTable.name : undefined);
}

/** The list bound to the statement's parameters: `execute(sql, listOf(…))` or `execSQL(sql, arrayOf(…))`. */
function boundParameters(fact: SqlStatementFact, scope: NameScope): { items: Value[]; scope: NameScope } | undefined {
  if (fact.preparedBindings) return { items: fact.preparedBindings, scope };
  if (!fact.call) return undefined;
  const argument = argumentFor(fact.call.args, 'parameters', 1) ?? argumentFor(fact.call.args, 'bindArgs', 1);
  return argument ? evaluateList(argument.value, scope) : undefined;
}


// Unknown parts become private-use characters around a number: SQLite's tokenizer (and ours)
// reads them as one name, so the statement around them still splits and tokenizes.

function placeholderIndex(text: string): number | undefined {
  const match = /^\uE000(\d+)\uE001$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

function knownName(token: SqlToken | undefined): string | undefined {
  return token && !token.value.includes(PLACEHOLDER_OPEN) ? token.value : undefined;
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}

function scopeOf(fact: SqlStatementFact, uri: string): CodeScope {
  return { uri, owner: fact.owner ?? [], ...(fact.enclosingFunction === undefined ? {} : { enclosingFunction: fact.enclosingFunction }) };
}
