import type { CallValue, Value } from '../../model/value';
import type { KotlinFileContext } from './index';
import { argumentExpressions, type LocalValueExpander } from './local-values';
import { locationOf, type Node } from './parser';
import { isNode } from './expressions';

/** One call expression met while walking a file, with where it sits. */
export interface CallSite {
  node: Node;
  /** The callee's last name: `execSQL` for `db.execSQL(…)`. */
  name: string;
  /** The callee's receiver node, for member calls. */
  receiver?: Node;
  /** Enclosing class/object names, outermost first, companions left out. */
  owner: string[];
  /** The nearest enclosing named function. */
  enclosingFunction?: string;
  /** The property this call initializes (`val todoTable = RawTable(…)`). */
  variable?: { name: string; owner: string[] };
  /**
   * Set when the grammar read `f<T>(x)` as the comparisons `(f < T) > (x)` (it does so for a
   * generic call with one positional argument that is not chained): the parts of the call.
   */
  misreadGeneric?: { callee: Node; typeArgument: Node; argument: Node };
}

/** What the call readers share for one file. */
export interface CallReadingContext extends KotlinFileContext {
  locals: LocalValueExpander;
  /** The file's imports, read here so the call readers need nothing from the declaration reader. */
  imports: ImportedNames;
}

export interface ImportedNames {
  /** Every import path (without `.*`). */
  paths: string[];
  /** Wildcard-imported packages. */
  wildcards: string[];
  /** Local name → imported path, for explicit imports (with aliases applied). */
  names: Map<string, string>;
}

/** The call as a `Value`, or undefined when the reader does not see a call there. */
export function readCall(site: CallSite, ctx: KotlinFileContext): CallValue | undefined {
  if (site.misreadGeneric) {
    const { callee, typeArgument, argument } = site.misreadGeneric;
    return {
      kind: 'call',
      callee: ctx.expressions.read(callee),
      args: [{ value: ctx.expressions.read(argument), loc: locationOf(ctx.uri, argument) }],
      typeArgs: [typeArgument.text],
      loc: locationOf(ctx.uri, site.node),
    };
  }
  const value = ctx.expressions.read(site.node);
  return value.kind === 'call' ? value : undefined;
}

/**
 * The call with each argument that is a bare name read by Kotlin's scopes: a local `val` of an
 * enclosing block stands for its initializer (so `val schema = Schema()` shadows a top-level
 * `schema`), a parameter, a `var` or a lambda parameter is unknown, and only a name no enclosing
 * scope declares is left for the model to resolve as a member, a top-level declaration or an
 * import. Used for the arguments that name objects: schemas, pools, databases.
 */
export function withScopedNames(site: CallSite, call: CallValue, locals: LocalValueExpander): CallValue {
  const nodes = argumentNodes(site);
  if (nodes.length !== call.args.length) return call;
  return { ...call, args: call.args.map((arg, i) => (arg.spread ? arg : { ...arg, value: scopedValue(arg.value, nodes[i], locals) })) };
}

/**
 * A bare name (or the items of a `listOf(…)` of them) as Kotlin's scopes read it. The name stays
 * as written, so its place and text serve fixes; what it means is attached: a local `val`'s value,
 * or why a parameter or `var` has none.
 */
function scopedValue(value: Value, node: Node, locals: LocalValueExpander): Value {
  if (value.kind === 'list' && node.type === 'call_expression') {
    const argsNode = node.namedChildren.find((c) => c?.type === 'value_arguments');
    const itemNodes = argsNode ? argumentExpressions(argsNode) : [];
    if (itemNodes.length !== value.items.length) return value;
    return { ...value, items: value.items.map((item, i) => scopedValue(item, itemNodes[i], locals)) };
  }
  if (value.kind !== 'ref' || node.type !== 'identifier') return value;
  const meaning = locals.expand(node);
  if (meaning.kind === 'ref' && meaning.name === value.name) return value;
  if (meaning.kind === 'unknown') return meaning.reason ? { ...value, declaredLocally: meaning.reason } : value;
  return { ...value, localValue: meaning };
}

/** `(f < T) > (x)` as the grammar reads `f<T>(x)`: the callee, type argument and argument. */
export function misreadGenericCall(node: Node): CallSite['misreadGeneric'] {
  if (node.type !== 'binary_expression' || operator(node) !== '>') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (left?.type !== 'binary_expression' || operator(left) !== '<' || right?.type !== 'parenthesized_expression') return undefined;
  const callee = left.childForFieldName('left');
  const typeArgument = left.childForFieldName('right');
  const argument = right.namedChild(0);
  if (!callee || !typeArgument || !argument) return undefined;
  if (callee.type !== 'identifier' && callee.type !== 'navigation_expression') return undefined;
  if (typeArgument.type !== 'identifier' && typeArgument.type !== 'navigation_expression') return undefined;
  return { callee, typeArgument, argument };
}

function operator(node: Node): string | undefined {
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (c && !c.isNamed) return c.text;
  }
  return undefined;
}

/** The expression node of each argument, parallel to `CallValue.args` when the counts agree. */
export function argumentNodes(site: CallSite): Node[] {
  if (site.misreadGeneric) return [site.misreadGeneric.argument];
  const argsNode = site.node.namedChildren.find((c) => c?.type === 'value_arguments');
  return argsNode ? argumentExpressions(argsNode) : [];
}

/** The argument node for a parameter, by name or position, as `argumentFor` picks it. */
export function argumentNodeFor(site: CallSite, call: CallValue, name: string, position: number): Node | undefined {
  const nodes = argumentNodes(site);
  if (nodes.length !== call.args.length) return undefined;
  const named = call.args.findIndex((a) => a.name === name);
  if (named >= 0) return nodes[named];
  const positional = call.args[position];
  return positional && positional.name === undefined ? nodes[position] : undefined;
}

/** Dotted text of a receiver made of identifiers only (`Room`, `androidx.room.Room`). */
export function dottedReceiver(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'navigation_expression') {
    const children = node.namedChildren.filter(isNode);
    if (children.length !== 2 || children[1].type !== 'identifier') return undefined;
    const left = dottedReceiver(children[0]);
    return left === undefined ? undefined : `${left}.${children[1].text}`;
  }
  return undefined;
}
