import { evaluateScalar, pathOf, trimIndent, trimMargin, type NameScope } from './evaluate';
import type { SqlStatementFact } from './facts';
import { whyUnknown, type UnresolvedPart } from './unknown-reason';
import type { Value } from './value';

/**
 * SQL whose text is only partly known at compile time: the known text with a placeholder
 * (`\uE000n\uE001`) for each part that is not, so the rest (a trigger's or a table's name) still reads.
 */
export const PLACEHOLDER_OPEN = '\uE000';
export const PLACEHOLDER_CLOSE = '\uE001';

/** The text of a string expression with a placeholder for each part that is not known. */
export function flatten(value: Value, scope: NameScope): { text: string; parts: { value: Value; scope: NameScope }[] } {
  const parts: { value: Value; scope: NameScope }[] = [];
  const visit = (v: Value, s: NameScope, depth: number): string => {
    const scalar = evaluateScalar(v, s);
    if (scalar !== undefined) return scalar === null ? 'null' : String(scalar);
    if (depth < 32 && v.kind === 'template') {
      const text = v.parts.map((part) => visit(part, s, depth + 1)).join('');
      if (v.trim?.mode === 'indent') return trimIndent(text);
      if (v.trim?.mode === 'margin') return trimMargin(text, v.trim.prefix);
      return text;
    }
    if (depth < 32 && (v.kind === 'ref' || v.kind === 'member')) {
      const path = pathOf(v);
      const found = path ? s.constant(path) : undefined;
      if (found) return visit(found.value, found.scope, depth + 1);
    }
    parts.push({ value: v, scope: s });
    return `${PLACEHOLDER_OPEN}${parts.length - 1}${PLACEHOLDER_CLOSE}`;
  };
  return { text: visit(value, scope, 0), parts };
}

/** Why a statement's text is not known: the first run-time part in it. */
export function unknownText(what: string, text: string, parts: { value: Value; scope: NameScope }[], fact: SqlStatementFact): UnresolvedPart {
  const index = /\uE000(\d+)\uE001/.exec(text)?.[1];
  const part = index === undefined ? undefined : parts[Number(index)];
  return { what, reason: part ? whyUnknown(part.value, part.scope) : 'a part of it is only known at run time', loc: part?.value.loc ?? fact.sql.loc };
}

