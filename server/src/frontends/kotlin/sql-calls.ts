import { argumentFor, type Value } from '../../model/value';
import type { SqlSource, SqlStatementFact } from '../../model/facts';
import { locationOf, type Node } from './parser';
import { argumentNodeFor, readCall, type CallReadingContext, type CallSite } from './call-site';
import { isNode } from './expressions';

/** The core's trigger helper; a string naming it is a trigger-creating call wherever it is run. */
export const CRUD_TRIGGER_FUNCTION = 'powersync_create_raw_table_crud_trigger';

/** Calls that run the SQL string given as their first (or `sql`) argument. */
const SQL_CALLS: Record<string, SqlSource> = {
  execSQL: 'execSQL',
  execute: 'execute',
  executeWrite: 'execute',
  prepare: 'execute',
  // androidx.sqlite's connection pools: `usePrepared(sql) { statement -> statement.bindText(1, v) }`.
  usePrepared: 'execute',
  usePreparedSync: 'execute',
};

/** The names of the SQL calls this reader recognises (the pre-screen looks for them). */
export const SQL_CALL_NAMES: readonly string[] = Object.keys(SQL_CALLS);

/** Value kinds that can hold SQL text once resolved. */
const SQL_KINDS = new Set<Value['kind']>(['string', 'template', 'ref', 'member']);

/**
 * Remembers which strings were handed to SQL calls, so that a string naming the trigger helper
 * outside such a call is still recorded once the walk is over.
 */
export class SqlCallTracker {
  private readonly used: Node[] = [];
  private readonly triggerStrings: { node: Node; enclosingFunction?: string; owner: string[] }[] = [];

  noticeString(node: Node, enclosingFunction: string | undefined, owner: string[]): void {
    if (node.text.includes(CRUD_TRIGGER_FUNCTION)) this.triggerStrings.push({ node, enclosingFunction, owner });
  }

  markUsed(node: Node): void {
    this.used.push(node);
  }

  /** Trigger-helper strings not passed to a SQL call nor held by a property (its users are). */
  finish(ctx: CallReadingContext): void {
    const covered = [...this.used, ...ctx.locals.followed];
    for (const { node, enclosingFunction, owner } of this.triggerStrings) {
      if (covered.some((c) => c.startIndex <= node.startIndex && node.endIndex <= c.endIndex)) continue;
      if (isPropertyInitializer(node)) continue;
      const call = enclosingCall(node);
      const callValue = call ? ctx.expressions.read(call) : undefined;
      ctx.facts.sqlStatements.push({
        source: 'crud-trigger-call',
        sql: ctx.expressions.read(node),
        call: callValue?.kind === 'call' ? callValue : undefined,
        enclosingFunction,
        owner,
        loc: locationOf(ctx.uri, node),
      });
    }
    ctx.facts.sqlStatements.sort((a, b) =>
      a.loc.range.start.line - b.loc.range.start.line || a.loc.range.start.character - b.loc.range.start.character);
  }
}

/** `execSQL(sql)`, `execute(sql, …)`, `executeWrite(sql, …)`, `prepare(sql)`. */
export function readSqlCall(site: CallSite, ctx: CallReadingContext, tracker: SqlCallTracker): boolean {
  const declaredSource = SQL_CALLS[site.name];
  if (!declaredSource) return false;
  const call = readCall(site, ctx);
  if (!call) return false;
  const written = argumentFor(call.args, 'sql', 0);
  if (!written || written.spread || !SQL_KINDS.has(written.value.kind)) return false;
  const node = argumentNodeFor(site, call, 'sql', 0);
  const sql = node ? ctx.locals.expand(node) : written.value;
  if (!SQL_KINDS.has(sql.kind)) return false;
  if (node) tracker.markUsed(node);
  const bindings = site.name === 'prepare' ? preparedBindings(site.node, ctx)
    : site.name === 'usePrepared' || site.name === 'usePreparedSync' ? lambdaBindings(trailingLambda(site.node), ctx)
    : undefined;
  const loops = enclosingLoops(site.node, ctx);
  ctx.facts.sqlStatements.push({
    ...(loops.length > 0 ? { loops } : {}),
    source: literalText(sql).includes(CRUD_TRIGGER_FUNCTION) ? 'crud-trigger-call' : declaredSource,
    sql,
    call,
    ...(bindings ? { preparedBindings: bindings } : {}),
    enclosingFunction: site.enclosingFunction,
    owner: site.owner,
    loc: call.loc,
  });
  return true;
}

/** `for (x in items)` and `items.forEach { x -> … }` around a call, innermost first, up to its function. */
function enclosingLoops(node: Node, ctx: CallReadingContext): NonNullable<SqlStatementFact['loops']> {
  const loops: NonNullable<SqlStatementFact['loops']> = [];
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'class_body' || current.type === 'source_file') break;
    if (current.type === 'for_statement') {
      const children = current.namedChildren.filter((c): c is Node => c !== null);
      const variable = children[0]?.type === 'variable_declaration' ? children[0].namedChildren.find((c) => c?.type === 'identifier')?.text : undefined;
      const items = children[1];
      if (variable && items && items.type !== 'block') loops.push({ variable, items: ctx.locals.expand(items) });
      continue;
    }
    if (current.type === 'lambda_literal' && current.parent?.type === 'annotated_lambda') {
      const call = current.parent.parent;
      const callee = call?.type === 'call_expression' ? call.namedChild(0) : null;
      if (callee?.type !== 'navigation_expression' || callee.namedChild(callee.namedChildCount - 1)?.text !== 'forEach') continue;
      const params = current.namedChildren.find((c) => c?.type === 'lambda_parameters');
      const declared = params?.namedChildren.filter((c): c is Node => c !== null).map((p) => p.namedChildren.find((c) => c?.type === 'identifier')?.text);
      const variable = params ? (declared?.length === 1 ? declared[0] : undefined) : 'it';
      const receiver = callee.namedChild(0);
      if (variable && receiver) loops.push({ variable, items: ctx.locals.expand(receiver) });
    }
  }
  return loops;
}

const BIND_CALLS = new Set(['bindText', 'bindLong', 'bindInt', 'bindDouble', 'bindFloat', 'bindBoolean', 'bindBlob', 'bindNull']);

/**
 * `prepare(sql).use { it.bindText(1, v); … }` (androidx.sqlite's SQLiteStatement): the values the
 * block binds, by index, read the way `execute(sql, listOf(…))` passes them. Undefined when the
 * statement is not used that way or an index is not a number literal.
 */
function preparedBindings(prepareCall: Node, ctx: CallReadingContext): Value[] | undefined {
  const navigation = prepareCall.parent;
  if (navigation?.type !== 'navigation_expression' || navigation.namedChild(0)?.id !== prepareCall.id) return undefined;
  if (navigation.namedChild(navigation.namedChildCount - 1)?.text !== 'use') return undefined;
  const useCall = navigation.parent;
  if (useCall?.type !== 'call_expression') return undefined;
  return lambdaBindings(trailingLambda(useCall), ctx);
}

/** The `{ … }` a call ends with, if any (`f(a) { … }` reads as a call of `f(a)` with the lambda). */
function trailingLambda(call: Node): Node | undefined {
  const own = (node: Node) => node.namedChildren.filter(isNode).find((c) => c.type === 'annotated_lambda')?.namedChildren.filter(isNode).find((c) => c.type === 'lambda_literal');
  const outer = call.parent?.type === 'call_expression' && call.parent.namedChild(0)?.id === call.id ? call.parent : undefined;
  return own(call) ?? (outer ? own(outer) : undefined);
}

/** The values a `{ statement -> statement.bindText(1, v) … }` block binds, by index from 1. */
function lambdaBindings(lambda: Node | undefined, ctx: CallReadingContext): Value[] | undefined {
  if (!lambda) return undefined;
  const parameters = lambda.namedChildren.filter(isNode).find((c) => c.type === 'lambda_parameters');
  const statement = parameters ? parameters.namedChild(0)?.namedChild(0)?.text : 'it';
  if (!statement) return undefined;
  const bound: Value[] = [];
  for (const child of lambda.namedChildren.filter(isNode)) {
    const callee = child.type === 'call_expression' ? child.namedChild(0) : undefined;
    if (callee?.type !== 'navigation_expression' || callee.namedChild(0)?.text !== statement) continue;
    const method = callee.namedChild(callee.namedChildCount - 1)?.text;
    if (!method || !BIND_CALLS.has(method)) continue;
    const args = ctx.expressions.readArguments(child.namedChildren.filter(isNode).find((c) => c.type === 'value_arguments'));
    const index = args[0]?.value;
    if (index?.kind !== 'number' || !Number.isInteger(index.value) || index.value < 1) return undefined;
    const loc = locationOf(ctx.uri, child);
    bound[index.value - 1] = method === 'bindNull' ? { kind: 'null', loc } : args[1]?.value ?? { kind: 'unknown', text: child.text, loc };
  }
  if (bound.length === 0) return undefined;
  return Array.from(bound, (value) => value ?? { kind: 'unknown', text: '', loc: locationOf(ctx.uri, lambda) });
}

/** The literal text of a string value (template parts that are not literal are left out). */
function literalText(value: Value): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'template') return value.parts.map(literalText).join('');
  return '';
}

function isPropertyInitializer(node: Node): boolean {
  let current: Node = node;
  // `"…".trimIndent()` as an initializer still belongs to the property.
  while (current.parent && (current.parent.type === 'navigation_expression' || current.parent.type === 'call_expression') && current.parent.namedChild(0)?.id === current.id) current = current.parent;
  return current.parent?.type === 'property_declaration';
}

/** The call a string is an argument of, directly. */
function enclosingCall(node: Node): Node | undefined {
  let current: Node = node;
  while (current.parent && (current.parent.type === 'navigation_expression' || current.parent.type === 'call_expression') && current.parent.namedChild(0)?.id === current.id) current = current.parent;
  const arg = current.parent;
  const args = arg?.parent;
  const call = args?.parent;
  if (arg?.type !== 'value_argument' || args?.type !== 'value_arguments' || call?.type !== 'call_expression') return undefined;
  return call;
}
