import { readInsertStatement } from '../sql/insert-statement';
import { parameterIndexes, splitSqlStatements } from '../sql/sql-text';

/** A put parameter as the core's JSON writes it: `"Id"`, `"Rest"`, `{ "Column": "name" }`. */
export type PutParameter = { kind: 'Id' } | { kind: 'Rest' } | { kind: 'Column'; key: string } | { kind: 'unknown' };

/** Each put parameter and the local column its `?` is the whole value of (undefined when it is not, or not known). */
export interface PutBinding {
  parameter: PutParameter;
  /** 0-based position in the put's parameter list. */
  position: number;
  column?: string;
}

/** The put's parameters from the raw table's core JSON; undefined for an inferred put (no `put`). */
export function putParametersOf(json: unknown): PutParameter[] | undefined {
  const put = (json as { put?: { params?: unknown } } | undefined)?.put;
  if (!put) return undefined;
  return (Array.isArray(put.params) ? put.params : []).map((param): PutParameter => {
    if (param === 'Id') return { kind: 'Id' };
    if (param === 'Rest') return { kind: 'Rest' };
    const column = (param as { Column?: unknown } | null)?.Column;
    return typeof column === 'string' ? { kind: 'Column', key: column } : { kind: 'unknown' };
  });
}

/**
 * Which local column each parameter of a put fills: the column whose VALUES entry is that one `?`
 * (by its number, so `?2` counts). Parameters inside expressions, or a put SQLite would not read
 * as an INSERT, bind to no known column.
 */
export function putBindings(sql: string | undefined, parameters: readonly PutParameter[], tableColumns: readonly string[] = []): PutBinding[] {
  const bindings: PutBinding[] = parameters.map((parameter, position) => ({ parameter, position }));
  const insert = sql === undefined ? undefined : readInsertStatement(sql);
  if (!insert) return bindings;
  const tokens = splitSqlStatements(sql!)[0]?.tokens ?? [];
  const indexByStart = new Map<number, number>();
  for (const [token, index] of parameterIndexes(tokens)) indexByStart.set(token.start, index);
  const columns = insert.columns ?? tableColumns;
  insert.valueTokens.forEach((value, i) => {
    const column = columns[i];
    if (column === undefined || value.length !== 1 || value[0].kind !== 'parameter') return;
    const index = indexByStart.get(value[0].start);
    const binding = index === undefined ? undefined : bindings[index - 1];
    // A parameter used twice fills its first column; what else it fills is not a column of its own.
    if (binding && binding.column === undefined) binding.column = column;
  });
  return bindings;
}
