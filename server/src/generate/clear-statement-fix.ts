import type { RawTable } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { kotlinSdkWriter } from './kotlin-sdk-writer';
import { sqlName } from './upsert-put';

/** Adds `clear = "DELETE FROM <table>"` after the last argument of a `RawTable(…)` call. */
export function clearStatementFix(rawTable: RawTable): Fix | undefined {
  const call = rawTable.call;
  const table = rawTable.localTable;
  if (!call || !table || rawTable.clear) return undefined;
  const last = call.args[call.args.length - 1];
  const writer = kotlinSdkWriter(call.loc.uri);
  if (!last || !writer) return undefined;
  const multiline = last.loc.range.start.line > call.loc.range.start.line;
  const separator = multiline ? `,\n${' '.repeat(last.loc.range.start.character)}` : ', ';
  return {
    title: `Add clear = "DELETE FROM ${sqlName(table)}"`,
    preferred: true,
    edits: [{ uri: last.loc.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: `${separator}clear = ${writer.stringLiteral(`DELETE FROM ${sqlName(table)}`)}` }],
  };
}
