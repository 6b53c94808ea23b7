import { pathOf, type NameScope } from '../evaluate';
import type { SourceLocation } from '../location';
import type { WorkspaceNames } from '../names';
import { calleeName, type CallValue, type Value } from '../value';

const MAX_DEPTH = 16;

/** A key for "the same node": facts and constants built from one call share its location. */
export function locationKey(loc: SourceLocation): string {
  const { start, end } = loc.range;
  return `${loc.uri}#${start.line}:${start.character}-${end.line}:${end.character}`;
}

/**
 * The call an expression stands for, following names through constants (`val t = RawTable(…)`,
 * `val s = t`), with the scope to read that call's arguments in. Undefined for anything else.
 */
export function resolveCall(value: Value | undefined, scope: NameScope, names?: string[], depth = 0): { call: CallValue; scope: NameScope } | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  if (value.kind === 'ref' && value.localValue) return resolveCall(value.localValue, scope, names, depth + 1);
  if (value.kind === 'call') {
    // `makeSchema()`: a function of the app's without parameters that returns one expression.
    const path = value.args.length === 0 && !value.lambda ? pathOf(value.callee) : undefined;
    const fn = path ? scope.function?.(path) : undefined;
    const body = fn?.fact.parameters.length === 0 && fn.fact.code?.length === 1 && fn.fact.code[0].kind === 'return' ? fn.fact.code[0].value : undefined;
    if (body) return resolveCall(body, fn!.thisScope ?? fn!.scope, names, depth + 1);
    const name = calleeName(value);
    return !names || (name !== undefined && names.includes(name)) ? { call: value, scope } : undefined;
  }
  const path = pathOf(value);
  const found = path ? scope.constant(path) : undefined;
  return found ? resolveCall(found.value, found.scope, names, depth + 1) : undefined;
}

interface Declared {
  loc: SourceLocation;
  variable?: { name: string; owner: string[] };
}

/**
 * Model objects built from calls (raw tables, schemas), found again from an expression that names
 * or holds them: the call itself, a constant anywhere in the workspace (through WorkspaceNames),
 * or a property of the same file (locals and class members that are no workspace constants).
 */
export class DeclaredObjects<T> {
  private readonly byLocation = new Map<string, T>();
  private readonly byFile = new Map<string, { declared: Declared; item: T }[]>();

  constructor(items: T[], declaredOf: (item: T) => Declared) {
    for (const item of items) {
      const declared = declaredOf(item);
      this.byLocation.set(locationKey(declared.loc), item);
      if (declared.variable) {
        const list = this.byFile.get(declared.loc.uri) ?? [];
        list.push({ declared, item });
        this.byFile.set(declared.loc.uri, list);
      }
    }
  }

  /** The object `value` (written in `uri`, inside `owner`) stands for, or undefined. */
  find(value: Value, names: WorkspaceNames, uri: string, owner: string[]): T | undefined {
    const resolved = resolveCall(value, names.scope(uri, owner));
    if (resolved) return this.byLocation.get(locationKey(resolved.call.loc));
    const path = pathOf(value);
    return path ? this.inFile(path, uri, owner) : undefined;
  }

  /** A property of the same file: `x` visible from `owner`, or `Outer.x`. Unique or nothing. */
  private inFile(path: string[], uri: string, owner: string[]): T | undefined {
    const name = path[path.length - 1];
    const qualifier = path.slice(0, -1);
    const matches = (this.byFile.get(uri) ?? []).filter(({ declared }) => {
      const v = declared.variable!;
      if (v.name !== name) return false;
      if (qualifier.length === 0) return v.owner.every((segment, i) => owner[i] === segment);
      return qualifier.every((segment, i) => v.owner[v.owner.length - qualifier.length + i] === segment);
    });
    if (matches.length === 1) return matches[0].item;
    // The innermost declaration wins when several are visible.
    const deepest = Math.max(...matches.map((m) => m.declared.variable!.owner.length));
    const innermost = matches.filter((m) => m.declared.variable!.owner.length === deepest);
    return innermost.length === 1 ? innermost[0].item : undefined;
  }
}
