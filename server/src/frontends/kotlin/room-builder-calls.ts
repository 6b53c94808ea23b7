import type { Argument, CallValue } from '../../model/value';
import type { RoomBuilderFact } from '../../model/facts';
import { isNode } from './expressions';
import type { Node } from './parser';
import { argumentNodes, dottedReceiver, readCall, type CallReadingContext, type CallSite } from './call-site';

/**
 * `Room.databaseBuilder(…)` with the calls chained onto it (`.setDriver(…)`, `.addCallback(…)`,
 * up to `.build()`). Returns true when the call was a database builder.
 */
export function readRoomBuilder(site: CallSite, ctx: CallReadingContext): boolean {
  if (site.name !== 'databaseBuilder') return false;
  const receiver = dottedReceiver(site.receiver);
  if (receiver !== 'Room' && !receiver?.endsWith('.Room')) return false;
  const call = readCall(site, ctx);
  if (!call) return true;
  const nameArg = builderNameArgument(call, ctx.facts.platform);
  const fact: RoomBuilderFact = {
    call,
    databaseClass: call.typeArgs[0] ?? classArgument(call),
    name: nameArg?.value,
    callbacks: [],
    owner: site.owner,
    loc: call.loc,
  };
  if (nameArg) {
    const node = argumentNodes(site)[call.args.indexOf(nameArg)];
    if (node && argumentNodes(site).length === call.args.length) fact.pathArguments = { name: ctx.locals.expand(node) };
  }
  for (const link of chainedCalls(site.node)) {
    const linkCall = ctx.expressions.read(link.node);
    if (linkCall.kind !== 'call') continue;
    if (link.method === 'setDriver' && linkCall.args[0]) fact.driver = linkCall.args[0].value;
    if (link.method === 'addCallback') fact.callbacks.push(...linkCall.args.map((a) => a.value));
  }
  ctx.facts.roomBuilders.push(fact);
  return true;
}

/**
 * The `name` argument in each of Room's forms: Android `(context, klass, name)` and
 * `(context, name)`, native/JVM `(name)` and `(name, factory)`.
 */
function builderNameArgument(call: CallValue, platform: string): Argument | undefined {
  const named = call.args.find((a) => a.name === 'name');
  if (named) return named;
  const positional = call.args.filter((a) => a.name === undefined);
  if (call.args.some((a) => a.name === 'context')) return positional[0];
  if (positional.length >= 3) return positional[2];
  if (positional.length === 2) {
    if (positional[1].value.kind === 'classRef') return undefined; // (context, klass): no name
    if (positional[1].value.kind === 'lambda' || platform === 'ios' || platform === 'jvm') return positional[0];
    return positional[1];
  }
  if (positional.length === 1 && platform !== 'android') return positional[0];
  return undefined;
}

function classArgument(call: CallValue): string | undefined {
  const klass = call.args.find((a) => a.name === 'klass') ?? call.args.find((a) => a.value.kind === 'classRef');
  return klass?.value.kind === 'classRef' ? klass.value.path.join('.') : undefined;
}

/** `builder.a(…).b(…)`: each call whose receiver chain leads back to `inner`, innermost first. */
function chainedCalls(inner: Node): { method: string; node: Node }[] {
  const out: { method: string; node: Node }[] = [];
  let current = inner;
  for (;;) {
    const nav = current.parent;
    if (nav?.type !== 'navigation_expression' || nav.namedChild(0)?.id !== current.id) break;
    const method = nav.namedChildren.filter(isNode)[1];
    const call = nav.parent;
    if (!method || method.type !== 'identifier' || call?.type !== 'call_expression' || call.namedChild(0)?.id !== nav.id) break;
    out.push({ method: method.text, node: call });
    current = call;
  }
  return out;
}
