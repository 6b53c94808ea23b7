import type { ParameterSource, RawTable } from '../workspace';

/**
 * How a finding names the parts of a raw table in the API that declared it, so a message about
 * a TypeScript schema never tells its reader to write Kotlin.
 */
export type RawTableApi = RawTable['api'];

/** `Column("x")` (Kotlin), `{ Column: 'x' }` (JS) or `PendingStatementValue.column('x')` (Dart); `Id` and `Rest` as each SDK writes them. */
export function parameterText(parameter: Pick<ParameterSource, 'kind'> & { name?: string }, api: RawTableApi): string {
  if (api === 'dart') {
    if (parameter.kind === 'Column') return `PendingStatementValue.column('${parameter.name ?? '…'}')`;
    if (parameter.kind === 'Id') return 'PendingStatementValue.id()';
    if (parameter.kind === 'Rest') return 'PendingStatementValue.rest()';
    return 'a parameter Rawsync cannot read';
  }
  if (parameter.kind === 'Column') return api === 'js' ? `{ Column: '${parameter.name ?? '…'}' }` : `Column("${parameter.name ?? '…'}")`;
  if (parameter.kind === 'Id') return api === 'js' ? "'Id'" : 'PendingStatementParameter.Id';
  if (parameter.kind === 'Rest') return api === 'js' ? "'Rest'" : 'PendingStatementParameter.Rest';
  return 'a parameter Rawsync cannot read';
}

/** `clear = "DELETE FROM t"` (Kotlin's named argument) or `clear: 'DELETE FROM t'` (a JS property, a Dart named argument). */
export function clearText(table: string, api: RawTableApi): string {
  return api === 'js' || api === 'dart' ? `clear: 'DELETE FROM ${table}'` : `clear = "DELETE FROM ${table}"`;
}

/** How the SDK writes the parameter kinds, for a message about a parameter Rawsync could not read. */
export function parameterKindsText(api: RawTableApi): string {
  if (api === 'dart') return 'PendingStatementValue.id(), .column(\'…\') or .rest()';
  if (api === 'js') return "'Id', { Column: '…' } or 'Rest'";
  return 'PendingStatementParameter.Id, Column("…") or Rest';
}
