import { evaluateList, evaluateScalar, pathOf, type NameScope } from './evaluate';
import { EVALUATED_METHODS } from './interpret';
import type { SourceLocation } from './location';
import { dottedName, type Value } from './value';

/** What could not be read, where, and why: the reason an unknown value is unknown, in words. */
export interface UnresolvedPart {
  /** What it is, e.g. `the put's SQL of raw table 'lists'`. */
  what: string;
  reason: string;
  loc: SourceLocation;
}

const MAX_DEPTH = 16;

/**
 * Why `value` has no value Rawsync can know at compile time, naming the first part that is not
 * known: a call it does not evaluate, a name that is no constant it can see, an expression it does
 * not read. Follows constants the way the evaluator does, so the reason names the real culprit.
 */
export function whyUnknown(value: Value | undefined, scope: NameScope, depth = 0): string {
  if (!value) return 'it is not written as an argument Rawsync reads';
  if (depth > MAX_DEPTH) return 'it goes through too many constants';
  switch (value.kind) {
    case 'call': {
      // `xs.map { … }` is evaluated when `xs` and the lambda are: the culprit is one of them.
      if (value.callee.kind === 'member' && EVALUATED_METHODS.has(value.callee.name)) {
        const receiver = value.callee.receiver;
        if (evaluateList(receiver, scope) === undefined && evaluateScalar(receiver, scope) === undefined) return whyUnknown(receiver, scope, depth + 1);
        const body = value.lambda?.body;
        const last = body?.[body.length - 1];
        if (last && last.kind !== 'other' && last.value) return `its lambda ${whyUnknown(last.value, scope, depth + 1).replace(/^it is /, 'is ')}`;
      }
      const callee = dottedName(value.callee) ?? (value.callee.kind === 'member' ? `….${value.callee.name}` : shorten(textOf(value.callee)));
      return `it is computed by ${callee}(…), which Rawsync could not evaluate`;
    }
    case 'ref':
    case 'member': {
      if (value.kind === 'ref' && value.declaredLocally !== undefined) return value.declaredLocally;
      if (value.kind === 'ref' && value.localValue) return whyUnknown(value.localValue, scope, depth + 1);
      const path = pathOf(value);
      if (!path && value.kind === 'member') return `'.${value.name}' is read from something unknown: ${whyUnknown(value.receiver, scope, depth + 1)}`;
      if (!path) return `${describe(value)} is not something Rawsync evaluates`;
      const found = scope.constant(path);
      if (!found) return `'${path.join('.')}' is no constant Rawsync can see (a parameter, a var, a value computed at run time, or declared outside the workspace)`;
      return whyUnknown(found.value, found.scope, depth + 1);
    }
    case 'template': {
      // `listOf(a) + rest` reads as a concatenation: the culprit is a part that is no list.
      const part = value.parts.find((p) => p.kind !== 'list' && evaluateScalar(p, scope) === undefined);
      return part ? whyUnknown(part, scope, depth + 1) : 'a part of its text could not be joined';
    }
    case 'list':
      return 'it is a list where one value is expected';
    case 'lambda':
      return 'it is a lambda, which Rawsync does not evaluate';
    case 'unknown':
      return value.reason ?? `\`${shorten(value.text)}\` is an expression Rawsync does not evaluate`;
    default:
      return `${describe(value)} is not a value of the expected kind`;
  }
}

function describe(value: Value): string {
  return value.kind === 'classRef' ? `${value.path.join('.')}::class` : `a ${value.kind}`;
}

function textOf(value: Value): string {
  return value.kind === 'unknown' ? value.text : value.kind;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
