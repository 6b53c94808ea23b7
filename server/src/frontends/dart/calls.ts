import type { SqlSource, SqlStatementFact } from '../../model/facts';
import type { CallValue, Value } from '../../model/value';
import { calleeName } from '../../model/value';
import type { Node } from './parser';
import { codeChildren } from './expressions';
import type { DartFileContext } from './declarations';
import { functionNameOf, LocalNames, type Scope } from './local-names';

/** The core's trigger helper; a SQL string naming it creates triggers wherever it is run. */
export const CRUD_TRIGGER_FUNCTION = 'powersync_create_raw_table_crud_trigger';

/**
 * Calls that run the SQL given as their first argument: the PowerSync database's and a
 * transaction's (`tx` in `writeTransaction`/`writeLock`) `execute`, `executeBatch`, `executeMultiple`, the reads
 * `getAll`, `getOptional`, `get`, and Drift's `customStatement`.
 */
const SQL_CALLS: Record<string, SqlSource> = {
  execute: 'execute',
  executeBatch: 'execute',
  // sqlite_async's several statements in one string (`SqliteConnection.executeMultiple`).
  executeMultiple: 'execute',
  customStatement: 'execute',
  getAll: 'execute',
  getOptional: 'execute',
  get: 'execute',
};

/** Reads run no DDL, and `get` is everywhere: one is SQL only when its text starts as a query does. */
const READ_CALLS = new Set(['getAll', 'getOptional', 'get']);
const QUERY_START = /^\s*(?:SELECT|WITH|PRAGMA)\b/i;

/** The names of the calls this reader recognises (the pre-screen looks for them). */
export const CALL_NAMES: readonly string[] = [...Object.keys(SQL_CALLS), 'RawTable', 'Schema', 'PowerSyncDatabase', 'disconnectAndClear', 'connect', 'SyncOptions'];
const INTERESTING = new Set(CALL_NAMES);
const INTERESTING_WORD = new RegExp(`(?<![\\w$])(?:${CALL_NAMES.join('|')})(?![\\w$])`, 'g');

/** Value kinds that can hold SQL text once resolved. */
const SQL_KINDS = new Set<Value['kind']>(['string', 'template', 'ref', 'member']);

/**
 * `RawTable(…)`, `Schema(…)`, `PowerSyncDatabase(…)`, `disconnectAndClear` and the SQL calls: one
 * walk over the file. tree-sitter-dart writes a call as a name followed by selector siblings
 * (`db`, `.execute`, `(…)`), so each such run is found among its parent's children and looked at
 * once. The walk keeps the ancestors of the node it is at: tree-sitter finds a node's parent or
 * sibling by descending from the root, which in a deeply nested file would cost its depth per step.
 */
export function readCalls(root: Node, ctx: DartFileContext): void {
  const locals = new LocalNames();
  const calledNames = new Set<string>();
  // Where the names read here occur in the text: a subtree holding none holds no call to read.
  const offsets = [...ctx.text.matchAll(INTERESTING_WORD)].map((m) => m.index);
  const mentions = (start: number, end: number) => {
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && offsets[lo] < end;
  };
  const stack: Frame[] = [{ node: root, type: root.type, depth: 0 }];
  // The scopes around the node the walk is at (blocks, loops, functions, classes), with their depth.
  const scopes: Scope[] = [];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    while (scopes.length > 0 && scopes[scopes.length - 1].depth >= frame.depth) scopes.pop();
    if (frame.run) {
      try {
        readRun(frame.run, frame.parent, scopes, frame.enclosingFunction, ctx, locals, calledNames);
      } catch {
        // A reader that trips over a shape it did not expect loses this call, not the file.
      }
    }
    if (frame.leaf) continue;
    if (SCOPE_TYPES.has(frame.type)) scopes.push({ node: frame.node, type: frame.type, depth: frame.depth, ...(frame.parent ? { parent: frame.parent } : {}) });
    const kids = codeChildren(frame.node);
    const inner = frame.type === 'function_body' ? frame.bodyOf ?? frame.enclosingFunction : frame.enclosingFunction;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      const type = kid.type;
      const child: Frame = { node: kid, type, depth: frame.depth + 1, parent: frame.node, ...(inner === undefined ? {} : { enclosingFunction: inner }) };
      if (type === 'function_body' && i > 0) {
        const name = functionNameOf(kids[i - 1]);
        if (name) child.bodyOf = name;
      }
      const inside = mentions(kid.startIndex, kid.endIndex);
      if (!isContinuation(kid)) {
        const run = runAt(kids, i);
        if ((run.length > 1 || type === 'const_object_expression' || type === 'new_expression') && (inside || mentions(kid.startIndex, run[run.length - 1].endIndex))) child.run = run;
      }
      if (!inside) {
        if (!child.run) continue;
        child.leaf = true;
      }
      stack.push(child);
    }
  }
  ctx.facts.calledNames = [...calledNames];
}

/** The node types that scope names or say where a call is: blocks, loops, functions, classes. */
const SCOPE_TYPES = new Set(['block', 'for_statement', 'function_body', 'function_expression', 'class_definition', 'class_body', 'program']);

/** A node of the walk: its depth, the function it is in, and the run it starts, if any. */
interface Frame {
  node: Node;
  type: string;
  depth: number;
  parent?: Node;
  enclosingFunction?: string;
  /** For a function body: the name of the function it belongs to. */
  bodyOf?: string;
  /** Nothing below it names a call read here: its run (if any) is read, its children are not. */
  leaf?: boolean;
  run?: Node[];
}

/** Whether `node` is itself a selector's part (a run starts at a node that is no selector). */
function isContinuation(node: Node): boolean {
  return node.type === 'selector' || node.type === 'cascade_section';
}

/** The run starting at `kids[i]`: it and the selectors after it. */
function runAt(kids: Node[], i: number): Node[] {
  const run = [kids[i]];
  for (let j = i + 1; j < kids.length && isContinuation(kids[j]); j++) run.push(kids[j]);
  return run;
}

/** The names a run calls or constructs, cheaply from its nodes (to skip the runs that name nothing we read). */
function namesOf(run: Node[]): string[] {
  const names: string[] = [];
  const first = run[0];
  if (first.type === 'identifier') names.push(first.text);
  else if (first.type === 'const_object_expression' || first.type === 'new_expression') {
    const type = codeChildren(first).find((c) => c.type === 'type_identifier');
    if (type) names.push(type.text);
  }
  for (const selector of run.slice(1)) {
    const inner = codeChildren(selector)[0];
    if (inner?.type === 'unconditional_assignable_selector' || inner?.type === 'conditional_assignable_selector') {
      const name = codeChildren(inner)[0];
      if (name?.type === 'identifier') names.push(name.text);
    }
  }
  return names;
}

function readRun(run: Node[], parent: Node | undefined, scopes: readonly Scope[], enclosingFunction: string | undefined, ctx: DartFileContext, locals: LocalNames, calledNames: Set<string>): void {
  const names = namesOf(run);
  for (const name of names) calledNames.add(name);
  if (!names.some((n) => INTERESTING.has(n))) return;
  locals.within(scopes);
  const value = ctx.expressions.readRun(run, locals);
  // The spine: the run's outermost call and the calls in its receiver chain (arguments are runs of their own).
  for (let current: Value | undefined = value; current; current = receiverOf(current)) {
    if (current.kind !== 'call') continue;
    const name = calleeName(current);
    if (!name) continue;
    handleCall(current, name, run, parent, scopes, enclosingFunction, ctx, locals);
  }
}

function receiverOf(value: Value): Value | undefined {
  if (value.kind === 'call') return value.callee.kind === 'member' ? value.callee.receiver : undefined;
  if (value.kind === 'member') return value.receiver;
  return undefined;
}

function handleCall(call: CallValue, name: string, run: Node[], parent: Node | undefined, scopes: readonly Scope[], enclosingFunction: string | undefined, ctx: DartFileContext, locals: LocalNames): void {
  const calleePath = withoutImportPrefix(dottedPath(call.callee), ctx);
  const context = { owner: ownerOf(scopes), ...(enclosingFunction === undefined ? {} : { enclosingFunction }) };
  if (calleePath === 'RawTable' || calleePath === 'RawTable.inferred') {
    const variable = declaredAs(run, parent, scopes);
    ctx.facts.rawTables.push({ call, ...(variable ? { variable } : {}), ...context, loc: call.loc });
    return;
  }
  if (calleePath === 'Schema') {
    const variable = declaredAs(run, parent, scopes);
    ctx.facts.schemas.push({ call, ...(variable ? { variable } : {}), owner: context.owner, itemTexts: itemTexts(call, ctx), loc: call.loc });
    return;
  }
  if (calleePath === 'PowerSyncDatabase' || calleePath === 'PowerSyncDatabase.withFactory' || calleePath === 'PowerSyncDatabase.withDatabase') {
    const variable = declaredAs(run, parent, scopes);
    const schema = call.args.find((a) => a.name === 'schema');
    ctx.facts.powerSyncDatabases.push({
      form: 'constructor',
      call,
      ...(variable ? { variable } : {}),
      ...context,
      ...(schema ? { schemaArgument: schema.value } : {}),
      loc: call.loc,
    });
    return;
  }
  if (calleePath === 'SyncOptions') {
    const choice = call.args.find((a) => a.name === 'syncImplementation');
    if (choice) (ctx.facts.dartSyncImplementations ??= []).push({ value: choice.value, loc: choice.loc });
    return;
  }
  if (name === 'connect' && call.callee.kind === 'member' && call.args.some((a) => a.name === 'connector')) {
    const options = call.args.find((a) => a.name === 'options');
    (ctx.facts.dartConnects ??= []).push({ ...(options ? { options: options.value } : {}), loc: call.loc });
    return;
  }
  if (name === 'disconnectAndClear' && call.callee.kind === 'member') {
    // `clearLocal: false` keeps local-only data; an option we cannot read leaves the call unjudged.
    for (const arg of call.args) {
      if (arg.name !== 'clearLocal' || !(arg.value.kind === 'boolean' && arg.value.value)) return;
    }
    ctx.facts.clearCalls.push({ receiver: call.callee.receiver, ...context, loc: call.loc });
    return;
  }
  const source = SQL_CALLS[name];
  // Drift's customStatement is also called bare, inside the database class that inherits it.
  const bareDrift = name === 'customStatement' && call.callee.kind === 'ref' && call.callee.declaredLocally === undefined && call.callee.localValue === undefined;
  if (source && (call.callee.kind === 'member' || bareDrift) && call.args[0] && call.args[0].name === undefined) {
    const sql = call.args[0].value;
    // A write may run SQL an app's helper function builds (`tx.execute(uploadTrigger('t', event))`).
    if (!SQL_KINDS.has(sql.kind) && !(sql.kind === 'call' && !READ_CALLS.has(name))) return;
    const text = literalText(sql);
    if (READ_CALLS.has(name) && !QUERY_START.test(text)) return;
    const loops = enclosingLoops(scopes, ctx, locals);
    const fact: SqlStatementFact = {
      source: text.includes(CRUD_TRIGGER_FUNCTION) ? 'crud-trigger-call' : source,
      sql,
      call,
      ...context,
      ...(loops.length > 0 ? { loops } : {}),
      loc: call.loc,
    };
    ctx.facts.sqlStatements.push(fact);
  }
}

/**
 * `ps.RawTable.inferred` → `RawTable.inferred` when `ps` is the prefix of an import of this file
 * (`import 'package:powersync/powersync.dart' as ps;`, the usual way around Drift's `Table`).
 */
function withoutImportPrefix(path: string | undefined, ctx: DartFileContext): string | undefined {
  const dot = path?.indexOf('.') ?? -1;
  if (!path || dot < 0) return path;
  const head = path.slice(0, dot);
  // Only a prefix of PowerSync's own libraries: `t.RawTable` of another library is not the SDK's.
  return ctx.expressions.sdkPrefixes.has(head) ? path.slice(dot + 1) : path;
}

/** `a.b.c` of a callee made of names, or undefined. */
function dottedPath(value: Value): string | undefined {
  if (value.kind === 'ref') return value.name;
  if (value.kind === 'member') {
    const left = dottedPath(value.receiver);
    return left === undefined ? undefined : `${left}.${value.name}`;
  }
  return undefined;
}

/** The class the walk is in (its name as the owner path), or none at the top level. */
function ownerOf(scopes: readonly Scope[]): string[] {
  for (let i = scopes.length - 1; i >= 0; i--) {
    if (scopes[i].type === 'class_definition') {
      const name = scopes[i].node.childForFieldName('name');
      return name ? [name.text] : [];
    }
  }
  return [];
}

/**
 * The top-level or static `final`/`const` a run initializes (`final schema = Schema(…);`), with its
 * owner; a local's name is not recorded (the model finds declarations by workspace names).
 */
function declaredAs(run: Node[], parent: Node | undefined, scopes: readonly Scope[]): { name: string; owner: string[] } | undefined {
  if (parent?.type !== 'static_final_declaration') return undefined;
  const name = codeChildren(parent)[0];
  if (name?.type !== 'identifier' || name.id === run[0].id) return undefined;
  return { name: name.text, owner: ownerOf(scopes) };
}

/** The source text of each argument and of each item of a list argument, for messages and fixes. */
function itemTexts(call: CallValue, ctx: DartFileContext): { loc: CallValue['loc']; text: string }[] {
  const lines = ctx.text.split('\n');
  const textOf = (loc: CallValue['loc']) => {
    const { start, end } = loc.range;
    if (start.line === end.line) return lines[start.line]?.slice(start.character, end.character) ?? '';
    return [lines[start.line]?.slice(start.character) ?? '', ...lines.slice(start.line + 1, end.line), lines[end.line]?.slice(0, end.character) ?? ''].join('\n');
  };
  const out: { loc: CallValue['loc']; text: string }[] = [];
  for (const arg of call.args) {
    out.push({ loc: arg.value.loc, text: textOf(arg.value.loc) });
    if (arg.value.kind === 'list') for (const item of arg.value.items) out.push({ loc: item.loc, text: textOf(item.loc) });
  }
  return out;
}

/** The literal text of a string value (parts that are not literal are left out), through local values. */
function literalText(value: Value): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'template') return value.parts.map(literalText).join('');
  if (value.kind === 'ref' && value.localValue) return literalText(value.localValue);
  return '';
}

/**
 * `for (final x in items)` loops around a call, innermost first, up to the function it sits in
 * (closures such as `writeTransaction`'s are passed through); the model runs the statement once
 * per item it can evaluate.
 */
function enclosingLoops(scopes: readonly Scope[], ctx: DartFileContext, locals: LocalNames): NonNullable<SqlStatementFact['loops']> {
  const loops: NonNullable<SqlStatementFact['loops']> = [];
  for (let i = scopes.length - 1; i >= 0; i--) {
    const { node, type } = scopes[i];
    if (type === 'program' || type === 'class_body' || type === 'function_body') break;
    if (type !== 'for_statement') continue;
    const parts = codeChildren(node).find((c) => c.type === 'for_loop_parts');
    const variable = parts?.childForFieldName('name');
    const items = parts?.childrenForFieldName('value').filter((c): c is Node => c !== null) ?? [];
    if (variable && items.length > 0) loops.push({ variable: variable.text, items: ctx.expressions.readRun(items, locals) });
  }
  return loops;
}
