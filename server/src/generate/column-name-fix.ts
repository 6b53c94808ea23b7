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
  if (parameter.kind !== 'Column' || parameter.name === undefined || parameter.nameValue?.kind !== 'string') return undefined;
  const target = intendedColumn(parameter.name, columns);
  if (target === undefined) return undefined;
  const loc = parameter.nameValue.loc;
  const literal = writerOfFile(loc.uri)?.stringLiteral;
  if (!literal) return undefined;
  return {
    title: `Bind ${parameterText({ kind: 'Column', name: target }, api)} (the column's exact name)`,
    preferred: true,
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
