import type { ParameterSource, RawTable } from '../workspace';

/**
 * How a finding names the parts of a raw table in the API that declared it, so a message about
 * a TypeScript schema never tells its reader to write Kotlin.
 */
export type RawTableApi = RawTable['api'];

/** `Column("x")` (Kotlin) or `{ Column: 'x' }` (JS); `Id` and `Rest` as each SDK writes them. */
export function parameterText(parameter: Pick<ParameterSource, 'kind'> & { name?: string }, api: RawTableApi): string {
  if (parameter.kind === 'Column') return api === 'js' ? `{ Column: '${parameter.name ?? '…'}' }` : `Column("${parameter.name ?? '…'}")`;
  if (parameter.kind === 'Id') return api === 'js' ? "'Id'" : 'PendingStatementParameter.Id';
  if (parameter.kind === 'Rest') return api === 'js' ? "'Rest'" : 'PendingStatementParameter.Rest';
  return 'a parameter Rawsync cannot read';
}

/** `clear = "DELETE FROM t"` (Kotlin's named argument) or `clear: 'DELETE FROM t'` (a JS property). */
export function clearText(table: string, api: RawTableApi): string {
  return api === 'js' ? `clear: 'DELETE FROM ${table}'` : `clear = "DELETE FROM ${table}"`;
}
