import type { ParameterSource } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { similarName } from '../model/similar-names';
import { writerOfFile } from '../frontends/registry';
import { parameterText, type RawTableApi } from '../model/powersync/api-text';

/**
 * Rewrites the key of a `Column("x")` to the column it was clearly meant to name: the only column
 * within a small edit distance. Only a plain string literal at the call is rewritten.
 */
export function columnNameFix(parameter: ParameterSource, columns: readonly string[], api: RawTableApi): Fix | undefined {
  if (parameter.kind !== 'Column' || parameter.name === undefined) return undefined;
  const target = intendedColumn(parameter.name, columns);
  return target === undefined ? undefined : renameKey(parameter, target, api, true, "the column's exact name");
}

/**
 * Rewrites the key of a `Column("x")` that no query of the sync config sends to an output column
 * of a close name: the preferred fix when exactly one is close (a case-only match wins, as the
 * service spells names exactly), one not preferred per name otherwise. A key another Column of
 * the put already reads gets no fix: two parameters would read the same key.
 */
export function syncedKeyFixes(parameter: ParameterSource, sent: readonly string[], readKeys: readonly string[], api: RawTableApi, renamedTo?: string): Fix[] {
  if (parameter.kind !== 'Column' || parameter.name === undefined) return [];
  const name = parameter.name;
  const free = sent.filter((c) => !readKeys.includes(c));
  // The Postgres column this key named was renamed by a migration: its new name is the one meant.
  if (renamedTo !== undefined && free.includes(renamedTo)) return [renameKey(parameter, renamedTo, api, true, `the name the Postgres column was renamed to`)].filter((f) => f !== undefined);
  const sameLetters = free.filter((c) => c !== name && c.toLowerCase() === name.toLowerCase());
  const close = sameLetters.length > 0 ? sameLetters : free.filter((c) => similarName(name, [c]) !== undefined);
  const preferred = close.length === 1;
  return close.slice(0, 3).flatMap((target) => renameKey(parameter, target, api, preferred, 'the name the sync config sends') ?? []);
}

function renameKey(parameter: Extract<ParameterSource, { kind: 'Column' }>, target: string, api: RawTableApi, preferred: boolean, why: string): Fix | undefined {
  if (parameter.nameValue?.kind !== 'string') return undefined;
  const loc = parameter.nameValue.loc;
  const literal = writerOfFile(loc.uri)?.stringLiteral;
  if (!literal) return undefined;
  return {
    title: `Bind ${parameterText({ kind: 'Column', name: target }, api)} (${why})`,
    preferred,
    edits: [{ uri: loc.uri, range: loc.range, newText: literal(target) }],
  };
}

function intendedColumn(name: string, columns: readonly string[]): string | undefined {
  // A key that differs only in case may be the backend's spelling: never rewritten (the rule is silent too).
  if (columns.some((c) => c.toLowerCase() === name.toLowerCase())) return undefined;
  const near = similarName(name, columns);
  // A second column just as plausible makes the choice a guess.
  if (near === undefined || similarName(name, columns.filter((c) => c !== near)) !== undefined) return undefined;
  return near;
}
