import type { SequencedCallFact } from '../../model/facts';
import type { Value } from '../../model/value';
import { isNode } from './expressions';
import { locationOf, type Node } from './parser';
import type { CallReadingContext, CallSite } from './call-site';

/** Calls that suspend until a Job or Deferred is done. */
const AWAITS = new Set(['join', 'await', 'joinAll', 'awaitAll']);

/** Room calls that open the database (Room opens it on first use, running onCreate/onOpen). */
const ROOM_CONNECTION_USES = new Set([
  'useReaderConnection',
  'useWriterConnection',
  'useConnection',
  'withTransaction',
  'withReadTransaction',
  'withWriteTransaction',
  'immediateTransaction',
  'deferredTransaction',
]);

/** Nodes whose named children run one after the other. */
const STATEMENT_CONTAINERS = new Set(['block', 'lambda_literal', 'source_file']);

/** Where a statement list ends: beyond these, "the statements before" means nothing. */
const FLOW_BOUNDARIES = new Set(['function_declaration', 'class_body', 'anonymous_initializer', 'getter', 'setter', 'secondary_constructor', 'anonymous_function']);

/** How many distinct later call names one fact keeps. */
const MAX_LATER_CALLS = 64;

/** Records `site` when it is an await, a completion, a Room use or a close (see SequencedCallFact). */
export function readSequencedCall(site: CallSite, ctx: CallReadingContext): void {
  if (site.misreadGeneric) return;
  const kind = kindOf(site);
  if (!kind) return;
  const args = argumentValues(site.node, ctx);
  const targets = site.receiver ? [ctx.expressions.read(site.receiver)] : kind === 'await' ? args : [];
  if (targets.length === 0 && kind === 'await') return;
  const statement = statementOf(site.node);
  const fact: SequencedCallFact = {
    kind,
    name: site.name,
    targets,
    laterCalls: [],
    enclosingFunction: site.enclosingFunction,
    owner: site.owner,
    loc: locationOf(ctx.uri, site.node),
  };
  if (statement) {
    const container = statement.parent!;
    fact.after = {
      uri: ctx.uri,
      range: {
        start: { line: statement.endPosition.row, character: statement.endPosition.column },
        end: { line: container.endPosition.row, character: container.endPosition.column },
      },
    };
    if (kind !== 'complete' && kind !== 'close') fact.laterCalls = laterCallNames(statement);
  }
  (ctx.facts.sequencedCalls ??= []).push(fact);
}

/**
 * Callee names of the lambdas between `node` and its enclosing function, innermost first
 * (`launch` for `scope.launch { … }`, `lazy` for `by lazy { … }`); `?` where the callee is no name.
 */
export function enclosingLambdaCallees(node: Node): string[] {
  const out: string[] = [];
  for (let current = node.parent; current && !FLOW_BOUNDARIES.has(current.type); current = current.parent) {
    if (current.type !== 'lambda_literal') continue;
    out.push(lambdaCallee(current) ?? '?');
  }
  return out;
}

function kindOf(site: CallSite): SequencedCallFact['kind'] | undefined {
  if (AWAITS.has(site.name)) return 'await';
  if (site.name === 'complete' && site.receiver) return 'complete';
  if (!site.receiver) return undefined;
  if (ROOM_CONNECTION_USES.has(site.name)) return 'room-connection';
  // `powerSync.close()`, `room.close()`: the model pairs them (model/room-close-order.ts).
  if (site.name === 'close' && hasNoArguments(site.node) && !isCalledOn(site.node)) return 'close';
  // `db.todoDao().insert(…)`: a no-argument getter whose result is called on; the model checks the name.
  return hasNoArguments(site.node) && isCalledOn(site.node) ? 'getter-call' : undefined;
}

function argumentValues(call: Node, ctx: CallReadingContext): Value[] {
  const args = call.namedChildren.find((c) => c?.type === 'value_arguments');
  return (args?.namedChildren ?? [])
    .filter((a): a is Node => a?.type === 'value_argument')
    .map((a) => a.namedChildren.filter(isNode).pop())
    .filter((e): e is Node => e !== undefined)
    .map((e) => ctx.expressions.read(e));
}

function hasNoArguments(call: Node): boolean {
  const args = call.namedChildren.find((c) => c?.type === 'value_arguments');
  return args !== undefined && args.namedChildren.length === 0 && !call.namedChildren.some((c) => c?.type === 'annotated_lambda');
}

/** True for the `x.f()` in `x.f().g(…)`. */
function isCalledOn(call: Node): boolean {
  const nav = call.parent;
  return nav?.type === 'navigation_expression' && nav.namedChild(0)?.id === call.id && nav.parent?.type === 'call_expression';
}

/** The statement (a direct child of a block or lambda) that holds `node`, within its function. */
function statementOf(node: Node): Node | undefined {
  let current = node;
  while (current.parent && !STATEMENT_CONTAINERS.has(current.parent.type)) {
    if (FLOW_BOUNDARIES.has(current.parent.type)) return undefined;
    current = current.parent;
  }
  return current.parent ? current : undefined;
}

/** Names of the calls in the statements after `statement` in its block. */
function laterCallNames(statement: Node): string[] {
  const names = new Set<string>();
  for (let sibling = statement.nextNamedSibling; sibling && names.size < MAX_LATER_CALLS; sibling = sibling.nextNamedSibling) {
    const stack: Node[] = [sibling];
    while (stack.length > 0 && names.size < MAX_LATER_CALLS) {
      const node = stack.pop()!;
      if (node.type === 'call_expression') {
        const name = calleeNameOf(node);
        if (name) names.add(name);
      }
      stack.push(...node.namedChildren.filter(isNode));
    }
  }
  return [...names];
}

function calleeNameOf(call: Node): string | undefined {
  const callee = call.namedChild(0);
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'navigation_expression') {
    const last = callee.namedChildren.filter(isNode).pop();
    return last?.type === 'identifier' ? last.text : undefined;
  }
  return undefined;
}

/** `f` in `f { … }`, `x.f { … }` and `f(block = { … })`. */
function lambdaCallee(lambda: Node): string | undefined {
  let holder: Node | null | undefined = lambda.parent;
  if (holder?.type === 'annotated_lambda') holder = holder.parent;
  else if (holder?.type === 'value_argument') holder = holder.parent?.parent;
  return holder?.type === 'call_expression' ? calleeNameOf(holder) : undefined;
}
