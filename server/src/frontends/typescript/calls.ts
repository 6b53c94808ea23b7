import type { RawTableFact, SqlSource, SqlStatementFact } from '../../model/facts';
import type { CallValue, Value } from '../../model/value';
import { locationOf, type Node } from './parser';
import { codeChildren, FUNCTION_EXPRESSIONS } from './expressions';
import type { TypeScriptFileContext } from './declarations';

/** The core's trigger helper; a SQL string naming it creates triggers wherever it is run. */
export const CRUD_TRIGGER_FUNCTION = 'powersync_create_raw_table_crud_trigger';

/**
 * Calls of PowerSync's JS SDK that run the SQL given as their first argument: the database's and a
 * transaction's (`tx` in `writeTransaction`/`writeLock`) `execute`, `executeRaw`, `executeBatch`,
 * and the reads `getAll`, `getOptional`, `get`.
 */
const SQL_CALLS: Record<string, SqlSource> = {
  execute: 'execute',
  executeRaw: 'execute',
  executeBatch: 'execute',
  getAll: 'execute',
  getOptional: 'execute',
  get: 'execute',
};

/**
 * Reads run no DDL, and their names are everywhere (`map.get(key)`, `params.get('id')`): one is a
 * SQL statement only when its text is a literal here that starts as a query does (a trigger
 * helper is run with `SELECT`).
 */
const READ_CALLS = new Set(['getAll', 'getOptional', 'get']);
const QUERY_START = /^\s*(?:SELECT|WITH|PRAGMA)\b/i;

/** The names of the SQL calls this reader recognises (the pre-screen looks for them). */
export const SQL_CALL_NAMES: readonly string[] = Object.keys(SQL_CALLS);

/** Node types whose value may be SQL text: literals, names, members (and what only wraps one). */
const SQL_NODES = new Set(['string', 'template_string', 'identifier', 'member_expression', 'binary_expression', 'parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression']);

/** Value kinds that can hold SQL text once resolved. */
const SQL_KINDS = new Set<Value['kind']>(['string', 'template', 'ref', 'member']);

/** Node types of functions with a name of their own or of the const they initialize. */
const NAMED_FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'method_definition', ...FUNCTION_EXPRESSIONS]);

/** Wrappers that leave an expression's value as it is. */
const TRANSPARENT = new Set(['as_expression', 'satisfies_expression', 'non_null_expression', 'parenthesized_expression', 'await_expression']);

/**
 * `withRawTables`, `new Schema(…)` and the SQL calls: one cursor walk over the file, each call
 * handed to its reader with the function it sits in.
 */
export function readCalls(root: Node, ctx: TypeScriptFileContext): void {
  const calledNames = new Set<string>();
  const usedArguments: Node[] = [];
  const triggerStrings: { node: Node; enclosingFunction?: string }[] = [];
  // Most files name no trigger helper: their strings need not be looked at one by one.
  const noticeStrings = ctx.text.includes(CRUD_TRIGGER_FUNCTION);
  const cursor = root.walk();
  const functions: (string | undefined)[] = [undefined];
  try {
    for (;;) {
      const enclosingFunction = functions[functions.length - 1];
      let childFunction = enclosingFunction;
      if (cursor.nodeIsNamed) {
        const type = cursor.nodeType;
        if (NAMED_FUNCTIONS.has(type)) {
          childFunction = functionName(cursor.currentNode) ?? enclosingFunction;
        } else if (type === 'call_expression' || type === 'new_expression') {
          const node = cursor.currentNode;
          const name = calleeNameOf(node);
          if (name) {
            calledNames.add(name);
            try {
              readCall(node, name, enclosingFunction, ctx, usedArguments);
            } catch {
              // A reader that trips over a shape it did not expect loses this call, not the file.
            }
          }
        } else if (type === 'pair' || type === 'shorthand_property_identifier' || type === 'assignment_expression') {
          readClientImplementation(cursor.currentNode, ctx);
        } else if (noticeStrings && (type === 'string' || type === 'template_string') && cursor.currentNode.text.includes(CRUD_TRIGGER_FUNCTION)) {
          triggerStrings.push({ node: cursor.currentNode, enclosingFunction });
        }
      }
      if (cursor.gotoFirstChild()) {
        functions.push(childFunction);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) break;
        functions.pop();
      }
      if (functions.length === 1) break;
    }
  } finally {
    cursor.delete();
  }
  ctx.facts.calledNames = [...calledNames];
  readLooseTriggerStrings(triggerStrings, usedArguments, ctx);
}

function readCall(node: Node, name: string, enclosingFunction: string | undefined, ctx: TypeScriptFileContext, used: Node[]): void {
  if (node.type === 'new_expression') {
    if (name === 'Schema') readSchema(node, ctx);
    else if (name === 'DrizzleAppSchema') readDrizzleViewTables(node, 'DrizzleAppSchema', ctx);
    else if (name === 'PowerSyncDatabase') readOpener(node, enclosingFunction, ctx);
    return;
  }
  const callee = node.childForFieldName('function');
  const args = argumentNodes(node);
  if (name === 'sqliteTable' && callee?.type === 'identifier') {
    readDrizzleTable(node, ctx);
    return;
  }
  if (name === 'toPowerSyncTable' && callee?.type === 'identifier') {
    readDrizzleViewTables(node, 'toPowerSyncTable', ctx);
    return;
  }
  if (name === 'withRawTables' && callee?.type === 'member_expression' && args[0] && args[0].type !== 'spread_element') {
    const receiver = callee.childForFieldName('object');
    const result = receiver ? resultUse(node, receiver, ctx) : undefined;
    ctx.facts.rawTables.push({
      map: ctx.expressions.readScoped(args[0]),
      ...(receiver ? { schema: ctx.expressions.readScoped(receiver) } : {}),
      ...(result ? { result } : {}),
      owner: [],
      ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
      loc: locationOf(ctx.uri, node),
    });
    used.push(args[0]);
    return;
  }
  if (name === 'connect' && callee?.type === 'member_expression' && args.length >= 1 && args.length <= 2 && !args.some((a) => a.type === 'spread_element')) {
    readConnectCall(node, args, enclosingFunction, ctx);
    if (importsPowerSync(ctx)) (ctx.facts.jsConnects ??= []).push({ ...(args[1] ? { options: ctx.expressions.readScoped(args[1]) } : {}), loc: locationOf(ctx.uri, node) });
    return;
  }
  if (name === 'disconnectAndClear' && callee?.type === 'member_expression') {
    readClearCall(node, callee, args, enclosingFunction, ctx);
    return;
  }
  if ((name === 'trackTableDiff' || name === 'createDiffTrigger') && callee?.type === 'member_expression' && args[0] && args[0].type !== 'spread_element') {
    // `db.triggers.trackTableDiff(…)`: the SDK's TriggerManager is the database's `triggers`.
    const manager = callee.childForFieldName('object');
    if (manager?.type === 'member_expression' && manager.childForFieldName('property')?.text === 'triggers') {
      (ctx.facts.diffTriggers ??= []).push({
        method: name,
        options: ctx.expressions.readScoped(args[0]),
        owner: [],
        ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
        loc: locationOf(ctx.uri, node),
      });
    }
    return;
  }
  if (name === 'execute' && callee?.type === 'member_expression' && args.length === 0 && isKyselySchemaChain(callee)) {
    const call = ctx.expressions.readScoped(node);
    if (call.kind === 'call') (ctx.facts.kyselySchemaCalls ??= []).push({ call, ...(enclosingFunction === undefined ? {} : { enclosingFunction }), loc: call.loc });
    return;
  }
  if ((name === 'run' || name === 'execute') && callee?.type === 'member_expression' && args[0] && isSqlTag(args[0])) {
    readDrizzleSqlCall(node, args[0], enclosingFunction, ctx, used);
    return;
  }
  const source = SQL_CALLS[name];
  if (source && callee?.type === 'member_expression' && args[0] && args[0].type !== 'spread_element') readSqlCall(node, name, source, args[0], enclosingFunction, ctx, used);
}

/** Whether the file imports from one of PowerSync's JS packages (`@powersync/web`, …). */
function importsPowerSync(ctx: TypeScriptFileContext): boolean {
  return ctx.facts.imports.some((i) => i.path.startsWith('@powersync/'));
}

/**
 * `clientImplementation: value`, `{ clientImplementation }` and `x.clientImplementation = value`:
 * where a sync client is chosen (SyncClientImplementation.RUST or .JAVASCRIPT in the JS SDKs before 1.53.0).
 */
function readClientImplementation(node: Node, ctx: TypeScriptFileContext): void {
  const KEY = 'clientImplementation';
  if (node.type === 'shorthand_property_identifier') {
    if (node.text === KEY) (ctx.facts.clientImplementations ??= []).push({ value: ctx.expressions.readScoped(node), loc: locationOf(ctx.uri, node) });
    return;
  }
  if (node.type === 'pair') {
    const key = node.childForFieldName('key');
    const value = node.childForFieldName('value');
    const keyText = key?.type === 'string' ? key.text.slice(1, -1) : key?.text;
    if (keyText === KEY && value) (ctx.facts.clientImplementations ??= []).push({ value: ctx.expressions.readScoped(value), loc: locationOf(ctx.uri, node) });
    return;
  }
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (left?.type === 'member_expression' && left.childForFieldName('property')?.text === KEY && right) {
    (ctx.facts.clientImplementations ??= []).push({ value: ctx.expressions.readScoped(right), loc: locationOf(ctx.uri, node) });
  }
}

/**
 * Where the value of `receiver.withRawTables(…)` is used (the method returns nothing, so the value
 * is `undefined`): as a variable's initializer, a property's value, or the right side of an
 * assignment. A call that is a statement of its own, an argument or a returned value is not
 * recorded (what becomes of those is not told here).
 */
function resultUse(call: Node, receiver: Node, ctx: TypeScriptFileContext): RawTableFact['result'] | undefined {
  let top = call;
  while (top.parent && TRANSPARENT.has(top.parent.type)) top = top.parent;
  const parent = top.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator' && parent.childForFieldName('value')?.id === top.id) {
    const name = parent.childForFieldName('name');
    // Destructuring `undefined` throws at once (a TypeError of its own): not this rule's story.
    if (name?.type !== 'identifier') return undefined;
    const result: NonNullable<RawTableFact['result']> = { use: 'variable', name: name.text, nameLoc: locationOf(ctx.uri, name) };
    const declaration = parent.parent;
    const statement = declaration?.parent?.type === 'export_statement' ? declaration.parent : declaration;
    const inBlock = statement?.parent?.type === 'program' || statement?.parent?.type === 'statement_block';
    const declarators = declaration ? codeChildren(declaration).filter((c) => c.type === 'variable_declarator') : [];
    if (top.id === call.id && inBlock && declarators.length === 1 && (declaration?.type === 'lexical_declaration' || declaration?.type === 'variable_declaration')) {
      const line = ctx.text.split('\n')[statement!.startPosition.row] ?? '';
      result.split = { at: { line: receiver.endPosition.row, character: receiver.endPosition.column }, indent: /^[ \t]*/.exec(line)![0] };
    }
    return result;
  }
  if ((parent.type === 'pair' || parent.type === 'public_field_definition') && parent.childForFieldName('value')?.id === top.id) {
    const key = parent.childForFieldName(parent.type === 'pair' ? 'key' : 'name');
    return { use: 'property', ...(key && (key.type === 'property_identifier' || key.type === 'identifier') ? { name: key.text, nameLoc: locationOf(ctx.uri, key) } : {}) };
  }
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.id === top.id) {
    const left = parent.childForFieldName('left');
    return { use: 'assignment', ...(left?.type === 'identifier' ? { name: left.text, nameLoc: locationOf(ctx.uri, left) } : {}) };
  }
  return undefined;
}

/** Whether `x.execute` ends a chain `….schema.createTable(…)…`, `createIndex(…)` or `alterTable(…)` (Kysely's schema builder). */
function isKyselySchemaChain(callee: Node): boolean {
  let current = callee.childForFieldName('object');
  for (let i = 0; current && i < 256; i++) {
    if (current.type === 'call_expression') {
      current = current.childForFieldName('function');
      continue;
    }
    if (current.type !== 'member_expression') return false;
    const property = current.childForFieldName('property')?.text;
    const object = current.childForFieldName('object');
    if ((property === 'createTable' || property === 'createIndex' || property === 'alterTable') && object?.type === 'member_expression' && object.childForFieldName('property')?.text === 'schema') return true;
    current = object;
  }
  return false;
}

/** Drizzle's `sql\`…\`` tagged template (a call whose arguments are a template string). */
function isSqlTag(node: Node): boolean {
  return node.type === 'call_expression' && node.childForFieldName('function')?.text === 'sql' && node.childForFieldName('arguments')?.type === 'template_string';
}

/**
 * `db.run(sql\`CREATE TABLE …\`)` through Drizzle: the template is the SQL (a substitution such as
 * `${todos}` is unknown, so a statement holding one is a table created with an unknown shape).
 */
function readDrizzleSqlCall(node: Node, tag: Node, enclosingFunction: string | undefined, ctx: TypeScriptFileContext, used: Node[]): void {
  const template = tag.childForFieldName('arguments');
  const call = ctx.expressions.readScoped(node);
  if (!template || call.kind !== 'call') return;
  used.push(tag);
  const loops = enclosingLoops(node, ctx);
  ctx.facts.sqlStatements.push({
    source: 'execute',
    sql: ctx.expressions.readScoped(template),
    call,
    ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
    owner: [],
    ...(loops.length > 0 ? { loops } : {}),
    loc: call.loc,
  });
}

/**
 * `db.disconnectAndClear()` or `db.disconnectAndClear({ clearLocal: true })`: the full clear
 * (@powersync/common's DisconnectAndClearOptions: local-only data is kept only with `clearLocal:
 * false`). A call with any other option (`clearLocal: false`, `soft`), or options that cannot be
 * read, is not recorded: what it clears is not known.
 */
function readClearCall(node: Node, callee: Node, args: Node[], enclosingFunction: string | undefined, ctx: TypeScriptFileContext): void {
  if (args.length > 1) return;
  if (args.length === 1) {
    const options = ctx.expressions.readScoped(args[0]);
    if (options.kind !== 'object') return;
    for (const entry of options.entries) {
      if (!('key' in entry) || entry.key !== 'clearLocal' || !(entry.value.kind === 'boolean' && entry.value.value)) return;
    }
  }
  const receiver = callee.childForFieldName('object');
  ctx.facts.clearCalls.push({
    ...(receiver ? { receiver: ctx.expressions.readScoped(receiver) } : {}),
    owner: [],
    ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
    loc: locationOf(ctx.uri, node),
  });
}

/**
 * `db.connect(connector)` / `db.connect(connector, options)`: the JS SDKs' options object may pick
 * the sync client (`clientImplementation`). Other libraries' `connect` calls are recorded too; only
 * options naming PowerSync's `SyncClientImplementation` say anything.
 */
function readConnectCall(node: Node, args: Node[], enclosingFunction: string | undefined, ctx: TypeScriptFileContext): void {
  const call = ctx.expressions.readScoped(node);
  if (call.kind !== 'call') return;
  ctx.facts.connects.push({
    api: 'js',
    call,
    ...(args[1] ? { options: ctx.expressions.readScoped(args[1]) } : {}),
    owner: [],
    ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
    loc: locationOf(ctx.uri, node),
  });
}

/** Drizzle's `sqliteTable('todos', { … }, (t) => [ … ])`, with the const it initializes. */
function readDrizzleTable(node: Node, ctx: TypeScriptFileContext): void {
  const call = ctx.expressions.readScoped(node);
  if (call.kind !== 'call') return;
  const variable = constInitialized(node);
  (ctx.facts.drizzleTables ??= []).push({ call, ...(variable ? { variable } : {}), loc: locationOf(ctx.uri, node) });
}

/** The first argument of `toPowerSyncTable(table, …)` or `new DrizzleAppSchema(tables, …)`. */
function readDrizzleViewTables(node: Node, form: 'toPowerSyncTable' | 'DrizzleAppSchema', ctx: TypeScriptFileContext): void {
  const first = argumentNodes(node)[0];
  const loc = locationOf(ctx.uri, node);
  const argument = first ? ctx.expressions.readScoped(first) : { kind: 'unknown' as const, text: node.text.slice(0, 80), loc };
  (ctx.facts.drizzleViewTables ??= []).push({ form, argument, loc });
}

/**
 * `new PowerSyncDatabase({ schema, database: … })` (web, React Native, Node): the database a
 * `disconnectAndClear` on it clears, and the schema it opens (the options' `schema`; read through
 * a named options object by the model).
 */
function readOpener(node: Node, enclosingFunction: string | undefined, ctx: TypeScriptFileContext): void {
  const call = ctx.expressions.readScoped(node);
  if (call.kind !== 'call' || call.args.length !== 1 || call.args[0].spread) return;
  const options = call.args[0].value;
  let schemaArgument: Value | undefined;
  if (options.kind === 'object') {
    // A spread may set `schema` too: then which one wins is not read.
    if (options.entries.some((e) => 'spread' in e)) return;
    const entry = options.entries.find((e) => 'key' in e && e.key === 'schema');
    if (entry && 'value' in entry) schemaArgument = entry.value;
  } else {
    schemaArgument = { kind: 'member', receiver: options, name: 'schema', loc: options.loc };
  }
  const variable = constInitialized(node);
  ctx.facts.powerSyncDatabases.push({
    form: 'constructor',
    call,
    ...(variable ? { variable: { name: variable, owner: [] } } : {}),
    owner: [],
    ...(schemaArgument ? { schemaArgument } : {}),
    ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
    loc: call.loc,
  });
}

/** `new Schema({ … })`, with the const it initializes. */
function readSchema(node: Node, ctx: TypeScriptFileContext): void {
  const call = ctx.expressions.readScoped(node);
  if (call.kind !== 'call') return;
  const itemTexts: { loc: ReturnType<typeof locationOf>; text: string }[] = [];
  for (const arg of argumentNodes(node)) {
    itemTexts.push({ loc: locationOf(ctx.uri, arg), text: arg.text });
    if (arg.type === 'object') for (const entry of codeChildren(arg)) itemTexts.push({ loc: locationOf(ctx.uri, entry), text: entry.text });
  }
  const variable = constInitialized(node);
  ctx.facts.schemas.push({
    ...(variable ? { variable: { name: variable, owner: [] } } : {}),
    owner: [],
    call,
    itemTexts,
    loc: locationOf(ctx.uri, node),
  });
}

/** `db.execute(sql, params)`, `tx.execute(…)`, `db.getAll('SELECT …')` and friends. */
function readSqlCall(node: Node, name: string, declared: SqlSource, sqlNode: Node, enclosingFunction: string | undefined, ctx: TypeScriptFileContext, used: Node[]): void {
  // Cheap checks on the node first: most calls of these names in an app are no SQL.
  if (!SQL_NODES.has(sqlNode.type)) return;
  if (READ_CALLS.has(name) && sqlNode.type === 'member_expression') return;
  const call = ctx.expressions.readScoped(node);
  if (call.kind !== 'call' || !call.args[0]) return;
  const sql = call.args[0].value;
  if (!SQL_KINDS.has(sql.kind)) return;
  const text = literalText(sql);
  if (READ_CALLS.has(name) && !QUERY_START.test(text)) return;
  used.push(sqlNode);
  const loops = enclosingLoops(node, ctx);
  const fact: SqlStatementFact = {
    source: text.includes(CRUD_TRIGGER_FUNCTION) ? 'crud-trigger-call' : declared,
    sql,
    call: call as CallValue,
    ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
    owner: [],
    ...(loops.length > 0 ? { loops } : {}),
    loc: call.loc,
  };
  ctx.facts.sqlStatements.push(fact);
}

/**
 * Strings naming the trigger helper that no SQL call read: run through a helper of the app's own
 * (`run('SELECT powersync_create_raw_table_crud_trigger(…)')`). A string a `const` holds is left
 * to the call that runs that name.
 */
function readLooseTriggerStrings(strings: { node: Node; enclosingFunction?: string }[], used: Node[], ctx: TypeScriptFileContext): void {
  let added = false;
  for (const { node, enclosingFunction } of strings) {
    if (used.some((u) => u.startIndex <= node.startIndex && node.endIndex <= u.endIndex)) continue;
    let top = node;
    while (top.parent && (TRANSPARENT.has(top.parent.type) || top.parent.type === 'binary_expression' || top.parent.type === 'template_substitution' || top.parent.type === 'template_string')) top = top.parent;
    if (heldByConst(top)) continue;
    const callNode = top.parent?.type === 'arguments' ? top.parent.parent : undefined;
    const call = callNode ? ctx.expressions.readScoped(callNode) : undefined;
    ctx.facts.sqlStatements.push({
      source: 'crud-trigger-call',
      sql: ctx.expressions.readScoped(top),
      ...(call?.kind === 'call' ? { call } : {}),
      ...(enclosingFunction === undefined ? {} : { enclosingFunction }),
      owner: [],
      loc: locationOf(ctx.uri, top),
    });
    used.push(top);
    added = true;
  }
  if (added) {
    ctx.facts.sqlStatements.sort((a, b) =>
      a.loc.range.start.line - b.loc.range.start.line || a.loc.range.start.character - b.loc.range.start.character);
  }
}

/**
 * Whether a const holds the string, directly or inside an object or array it initializes
 * (`const TRIGGERS = { insert: '…' }`): the calls that run it name it, and are read there.
 */
function heldByConst(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'variable_declarator') return true;
    if (current.type !== 'pair' && current.type !== 'object' && current.type !== 'array' && !TRANSPARENT.has(current.type)) return false;
  }
  return false;
}

/**
 * `for (const x of items)` and `items.forEach((x) => …)` / `items.map((x) => …)` around a call,
 * innermost first, up to the named function it sits in (callbacks such as `writeTransaction`'s
 * are passed through).
 */
function enclosingLoops(node: Node, ctx: TypeScriptFileContext): NonNullable<SqlStatementFact['loops']> {
  const loops: NonNullable<SqlStatementFact['loops']> = [];
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'program' || current.type === 'class_body') break;
    if (current.type === 'for_in_statement') {
      const left = current.childForFieldName('left');
      const right = current.childForFieldName('right');
      const isOf = current.childForFieldName('operator')?.type === 'of';
      if (isOf && left?.type === 'identifier' && right && current.childForFieldName('body')?.id === child.id) {
        loops.push({ variable: left.text, items: ctx.expressions.readScoped(right) });
      }
      continue;
    }
    if (!NAMED_FUNCTIONS.has(current.type)) continue;
    const iteration = iterationOf(current);
    if (iteration) {
      const params = current.childForFieldName('parameter') ? [current.childForFieldName('parameter')!] : codeChildren(current.childForFieldName('parameters') ?? current);
      const first = params[0]?.childForFieldName('pattern') ?? params[0];
      if (first?.type === 'identifier') loops.push({ variable: first.text, items: ctx.expressions.readScoped(iteration) });
      continue;
    }
    if (functionName(current) !== undefined) break;
  }
  return loops;
}

/** The receiver of `items.forEach(fn)` / `items.map(fn)` when `fn` is the first argument. */
function iterationOf(fn: Node): Node | undefined {
  const args = fn.parent;
  const call = args?.type === 'arguments' ? args.parent : undefined;
  if (call?.type !== 'call_expression' || argumentNodes(call)[0]?.id !== fn.id) return undefined;
  const callee = call.childForFieldName('function');
  const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
  if (method !== 'forEach' && method !== 'map') return undefined;
  return callee!.childForFieldName('object') ?? undefined;
}

/** The last name of a call's callee: `execute` for `tx.execute(…)`, `Schema` for `new Schema(…)`. */
function calleeNameOf(node: Node): string | undefined {
  const callee = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
  if (!callee) return undefined;
  if (callee.type === 'identifier') return callee.text;
  if (callee.type === 'member_expression') return callee.childForFieldName('property')?.text;
  return undefined;
}

/** The name of a function: its own, a method's, or the const or property it initializes. */
function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name');
  if (own && fn.type !== 'arrow_function') return own.text;
  let top = fn;
  while (top.parent && TRANSPARENT.has(top.parent.type)) top = top.parent;
  const parent = top.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === top.id) {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : undefined;
  }
  // `class Db { init = async () => { … } }` and `{ onOpen: async () => { … } }`.
  if ((parent?.type === 'public_field_definition' || parent?.type === 'pair') && parent.childForFieldName('value')?.id === top.id) {
    const name = parent.childForFieldName(parent.type === 'pair' ? 'key' : 'name');
    return name?.type === 'property_identifier' ? name.text : undefined;
  }
  return undefined;
}

/** The const a node initializes (`const AppSchema = new Schema(…)`, through `as`/`satisfies`). */
function constInitialized(node: Node): string | undefined {
  let top = node;
  while (top.parent && TRANSPARENT.has(top.parent.type) && top.parent.type !== 'await_expression') top = top.parent;
  const declarator = top.parent;
  if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('value')?.id !== top.id) return undefined;
  if (declarator.parent?.type !== 'lexical_declaration' || declarator.parent.childForFieldName('kind')?.type !== 'const') return undefined;
  const name = declarator.childForFieldName('name');
  return name?.type === 'identifier' ? name.text : undefined;
}

function argumentNodes(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args && args.type === 'arguments' ? codeChildren(args) : [];
}

/** The literal text of a string value (parts that are not literal are left out), through local consts. */
function literalText(value: Value): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'template') return value.parts.map(literalText).join('');
  if (value.kind === 'ref' && value.localValue) return literalText(value.localValue);
  return '';
}
