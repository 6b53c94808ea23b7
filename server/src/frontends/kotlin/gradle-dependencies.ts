import type { Value } from '../../model/value';
import { argumentFor } from '../../model/value';
import type { KotlinFileContext } from './index';
import { isNode } from './expressions';
import { LocalValueExpander } from './local-values';
import { locationOf, type Node } from './parser';
import { parseCoordinate, UNREADABLE } from '../gradle-coordinates';
import { isPluginId } from '../gradle-coordinates';

/**
 * Dependencies of a `build.gradle.kts` (or a settings file's catalog builder): every string that
 * is a Maven coordinate (`"com.powersync:core:1.3.0"`, `"…:$powersyncVersion"` with the version
 * read from the file's vals) and the named form `implementation(group = …, name = …, version = …)`;
 * and the plugin ids of `id("…")` calls.
 */
export function readGradleKtsDependencies(root: Node, ctx: KotlinFileContext): void {
  const locals = new LocalValueExpander(ctx.uri, ctx.expressions);
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string_literal') {
      const coordinate = parseCoordinate(textWithHoles(locals.expand(node)), isSoleArgument(node));
      if (coordinate) ctx.facts.dependencies.push({ ...coordinate, loc: locationOf(ctx.uri, node) });
      continue;
    }
    if (node.type === 'call_expression') readNamedDependency(node, ctx, locals);
    const children = node.namedChildren.filter(isNode);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function readNamedDependency(node: Node, ctx: KotlinFileContext, locals: LocalValueExpander): void {
  const call = ctx.expressions.read(node);
  if (call.kind !== 'call') return;
  // `id("androidx.room3")` in a `plugins { }` block.
  if (call.callee.kind === 'ref' && call.callee.name === 'id' && call.args.length === 1 && call.args[0].name === undefined) {
    const id = textWithHoles(call.args[0].value);
    if (isPluginId(id)) (ctx.facts.plugins ??= []).push({ id, loc: call.args[0].value.loc });
    return;
  }
  const group = argumentFor(call.args, 'group', 0);
  const name = argumentFor(call.args, 'name', 1);
  if (group?.name !== 'group' || name?.name !== 'name') return;
  const groupText = textWithHoles(group.value);
  const nameText = textWithHoles(name.value);
  if (groupText.includes(UNREADABLE) || nameText.includes(UNREADABLE)) return;
  const versionArg = call.args.find((a) => a.name === 'version');
  const versionText = versionArg ? textWithHoles(expandArgument(node, call.args.indexOf(versionArg), locals) ?? versionArg.value) : '';
  const coordinate = parseCoordinate(versionArg ? `${groupText}:${nameText}:${versionText}` : `${groupText}:${nameText}`, true);
  if (coordinate) ctx.facts.dependencies.push({ ...coordinate, loc: call.loc });
}

function expandArgument(call: Node, index: number, locals: LocalValueExpander): Value | undefined {
  const args = call.namedChildren.find((c) => c?.type === 'value_arguments')?.namedChildren.filter((c): c is Node => c?.type === 'value_argument') ?? [];
  const expr = args[index]?.namedChildren.filter(isNode).pop();
  return expr ? locals.expand(expr) : undefined;
}

/** The text of a string value with every part that cannot be read replaced by `UNREADABLE`. */
function textWithHoles(value: Value): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return value.text;
    case 'template':
      return value.trim ? UNREADABLE : value.parts.map(textWithHoles).join('');
    default:
      return UNREADABLE;
  }
}

/** `implementation("g:a")`: a versionless coordinate counts only as a call's only argument. */
function isSoleArgument(node: Node): boolean {
  const arg = node.parent;
  const args = arg?.parent;
  return arg?.type === 'value_argument' && args?.type === 'value_arguments' && args.namedChildren.length === 1 && args.parent?.type === 'call_expression';
}
