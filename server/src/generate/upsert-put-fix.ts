import { readInsertStatement } from '../sql/insert-statement';
import type { Value } from '../model/value';
import type { RawTable, Table } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { writerOfFile } from '../frontends/registry';
import { upsertPutSql } from './upsert-put';

/** True for SQL written in place as a literal (possibly raw, possibly trimmed): safe to rewrite. */
function isLiteral(value: Value | undefined): value is Value {
  if (!value) return false;
  if (value.kind === 'string') return true;
  return value.kind === 'template' && value.parts.every((p) => p.kind === 'string');
}

function isRaw(value: Value): boolean {
  return (value.kind === 'string' || value.kind === 'template') && value.raw;
}

/**
 * Rewrites a put into an upsert over the same columns, keeping the parameter list in step and the
 * string style (a raw string with `.trimIndent()` when the statement is long or was raw).
 */
export function upsertPutFix(rawTable: RawTable, table: Table | undefined): Fix | undefined {
  const put = rawTable.put;
  if (!put?.sql || !isLiteral(put.sqlValue)) return undefined;
  const insert = readInsertStatement(put.sql);
  if (!insert) return undefined;
  const lines = upsertPutSql(put.sql, insert, table?.columns.map((c) => c.name));
  if (!lines) return undefined;
  const loc = put.sqlValue.loc;
  const sqlLiteral = writerOfFile(loc.uri)?.sqlLiteral;
  if (!sqlLiteral) return undefined;
  const newText = sqlLiteral(lines, { preferRaw: isRaw(put.sqlValue), indent: ' '.repeat(loc.range.start.character) });
  return {
    title: `Rewrite the put of '${rawTable.name ?? insert.table}' as an upsert (ON CONFLICT(id) DO UPDATE)`,
    preferred: true,
    edits: [{ uri: loc.uri, range: loc.range, newText }],
  };
}
