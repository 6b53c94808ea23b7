import type { FunctionFact } from './facts';
import { reduceValue } from './interpret';
import type { SourceLocation } from './location';
import type { Value } from './value';

/** Looks a name up as seen from the place an expression was written. */
export interface NameScope {
  /** The constant's initializer and the scope to evaluate it in, or undefined. */
  constant(path: string[]): { value: Value; scope: NameScope } | undefined;
  /** The function a call names, with the scope its body is read in; optional. */
  function?(path: string[]): ResolvedFunction | undefined;
}

/** A function found by name: its declaration, the scope of its body, and `this` for a member. */
export interface ResolvedFunction {
  fact: FunctionFact;
  /** Where its body's names resolve (its class or file). */
  scope: NameScope;
  /** For a member called on an object (or inherited by it): names of that object come first. */
  thisScope?: NameScope;
}

export const EMPTY_SCOPE: NameScope = { constant: () => undefined };

const MAX_DEPTH = 32;

/** The string a value evaluates to at compile time, or undefined when any part is unknown. */
export function evaluateString(value: Value | undefined, scope: NameScope, depth = 0): string | undefined {
  const v = evaluateScalar(value, scope, depth);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** A literal scalar (string, number, boolean, null) or undefined when it cannot be known. */
export function evaluateScalar(
  value: Value | undefined,
  scope: NameScope,
  depth = 0,
): string | number | boolean | null | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return value.value;
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'template': {
      let text = '';
      for (const part of value.parts) {
        const p = evaluateScalar(part, scope, depth + 1);
        if (p === undefined) return undefined;
        text += p === null ? 'null' : formatKotlin(p);
      }
      if (value.trim?.mode === 'indent') return trimIndent(text);
      if (value.trim?.mode === 'margin') return trimMargin(text, value.trim.prefix);
      return text;
    }
    case 'ref':
    case 'member': {
      if (value.kind === 'ref' && value.localValue) return evaluateScalar(value.localValue, scope, depth + 1);
      const found = resolveName(value, scope, depth);
      return found ? evaluateScalar(found.value, found.scope, depth + 1) : undefined;
    }
    case 'operator':
    case 'call': {
      // A function of the app's, a collection helper, a JavaScript condition: the bounded evaluator may know it.
      const reduced = reduceValue(value, scope);
      return reduced && reduced.kind !== 'call' ? evaluateScalar(reduced, scope, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** The items of a list expression (or of a constant holding one), or undefined. */
export function evaluateList(value: Value | undefined, scope: NameScope, depth = 0): { items: Value[]; scope: NameScope } | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  if (value.kind === 'list') {
    if (!value.items.some((item) => item.kind === 'spread')) return { items: value.items, scope };
    // `['Id', ...columns.map(…)]`: the bounded evaluator puts each spread's items in its place.
    const reduced = reduceValue(value, scope);
    return reduced?.kind === 'list' ? { items: reduced.items, scope } : undefined;
  }
  if (value.kind === 'ref' && value.localValue) return evaluateList(value.localValue, scope, depth + 1);
  if (value.kind === 'ref' || value.kind === 'member') {
    const found = resolveName(value, scope, depth);
    if (found) return evaluateList(found.value, found.scope, depth + 1);
  }
  if (value.kind === 'call' || value.kind === 'template' || value.kind === 'member' || value.kind === 'operator') {
    // `buildList { … }`, `columns.map { … }`, `listOf(id) + columns`: the bounded evaluator may know it.
    const reduced = reduceValue(value, scope);
    if (reduced?.kind === 'list') return { items: reduced.items, scope };
  }
  return undefined;
}

/** An entry of an evaluated object: its value and the scope to evaluate that in. */
export interface ObjectMember {
  key: string;
  value: Value;
  scope: NameScope;
  keyLoc: SourceLocation;
  loc: SourceLocation;
}

/**
 * The entries of an object literal a value evaluates to (written inline, or held by a constant or
 * an entry of another object), spreads merged in order so a later key wins. Undefined when the
 * value is no object Rawsync can read, or an entry's key (a computed one, a spread of something
 * unknown) cannot be told: then which keys it has is unknown.
 */
export function evaluateObject(value: Value | undefined, scope: NameScope, depth = 0): { members: ObjectMember[]; loc: SourceLocation } | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  if (value.kind === 'ref' && value.localValue) return evaluateObject(value.localValue, scope, depth + 1);
  if (value.kind === 'ref' || value.kind === 'member') {
    const found = resolveName(value, scope, depth);
    return found ? evaluateObject(found.value, found.scope, depth + 1) : undefined;
  }
  if (value.kind === 'call') {
    // `Object.fromEntries(names.map(…))`, a function returning an object: the bounded evaluator may know it.
    const reduced = reduceValue(value, scope);
    return reduced?.kind === 'object' ? evaluateObject(reduced, scope, depth + 1) : undefined;
  }
  if (value.kind !== 'object') return undefined;
  const members: ObjectMember[] = [];
  const put = (member: ObjectMember) => {
    const at = members.findIndex((m) => m.key === member.key);
    if (at >= 0) members.splice(at, 1);
    members.push(member);
  };
  for (const entry of value.entries) {
    if ('spread' in entry) {
      const spread = evaluateObject(entry.spread, scope, depth + 1);
      if (!spread) return undefined;
      spread.members.forEach(put);
      continue;
    }
    const key = entry.key ?? (entry.computedKey ? evaluateString(entry.computedKey, scope, depth + 1) : undefined);
    if (key === undefined) return undefined;
    put({ key, value: entry.value, scope, keyLoc: entry.keyLoc, loc: entry.loc });
  }
  return { members, loc: value.loc };
}

/**
 * What a name or a member chain stands for: a constant (`Tables.NOTE`, an import), or an entry of
 * an object it names (`SPEC.put.sql`), with the scope to read it in.
 */
function resolveName(value: Value, scope: NameScope, depth: number): { value: Value; scope: NameScope } | undefined {
  const path = pathOf(value);
  const found = path ? scope.constant(path) : undefined;
  if (found || value.kind !== 'member') return found;
  const owner = evaluateObject(value.receiver, scope, depth + 1);
  const member = owner?.members.find((m) => m.key === value.name);
  return member && { value: member.value, scope: member.scope };
}

/** Strings of a list, or undefined if the list or any item is unknown. */
export function evaluateStringList(value: Value | undefined, scope: NameScope): string[] | undefined {
  const list = evaluateList(value, scope);
  if (!list) {
    // A single string where an array is expected (Kotlin annotation `value = "a"` for vararg).
    const single = evaluateString(value, scope);
    return single === undefined ? undefined : [single];
  }
  const out: string[] = [];
  for (const item of list.items) {
    const s = evaluateString(item, list.scope);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** The dotted path a name stands for; undefined for a name an enclosing function declares (no constant). */
export function pathOf(value: Value): string[] | undefined {
  if (value.kind === 'ref') return value.declaredLocally === undefined && value.localValue === undefined ? [value.name] : undefined;
  if (value.kind === 'member') {
    const left = pathOf(value.receiver);
    return left ? [...left, value.name] : undefined;
  }
  return undefined;
}

function formatKotlin(v: string | number | boolean): string {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return String(v);
}

/** Kotlin's `String.trimIndent()`. */
export function trimIndent(text: string): string {
  const lines = text.split('\n');
  const blank = (l: string) => l.trim().length === 0;
  const minIndent = Math.min(
    ...lines.filter((l) => !blank(l)).map((l) => l.length - l.trimStart().length),
    Number.MAX_SAFE_INTEGER,
  );
  const cut = minIndent === Number.MAX_SAFE_INTEGER ? 0 : minIndent;
  return reindent(lines, (l) => l.slice(cut));
}

/** Kotlin's `String.trimMargin(prefix)`. */
export function trimMargin(text: string, prefix: string): string {
  const lines = text.split('\n');
  return reindent(lines, (l) => {
    const start = l.length - l.trimStart().length;
    return l.startsWith(prefix, start) ? l.slice(start + prefix.length) : l;
  });
}

function reindent(lines: string[], map: (l: string) => string): string {
  const first = lines.length > 0 && lines[0].trim().length === 0 ? 1 : 0;
  const last = lines.length > first && lines[lines.length - 1].trim().length === 0 ? lines.length - 1 : lines.length;
  return lines.slice(first, last).map(map).join('\n');
}
