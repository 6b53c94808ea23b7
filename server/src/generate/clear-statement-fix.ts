import type { RawTable } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { kotlinSdkWriter } from './kotlin-sdk-writer';
import { sqlName } from './upsert-put';
import { writerOfFile } from '../frontends/registry';

/**
 * Adds `clear = "DELETE FROM <table>"` after the last argument of a `RawTable(…)` call, or (JS SDK)
 * `clear: 'DELETE FROM <table>'` after the last entry of the declaration's object literal, or (Dart
 * SDK) `clear: 'DELETE FROM <table>'` as the last named argument of `RawTable(…)`.
 */
export function clearStatementFix(rawTable: RawTable): Fix | undefined {
  if (rawTable.api === 'js') return jsClearStatementFix(rawTable);
  if (rawTable.api === 'dart') return dartClearStatementFix(rawTable);
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

function jsClearStatementFix(rawTable: RawTable): Fix | undefined {
  const declaration = rawTable.declarationObject;
  const table = rawTable.localTable;
  if (!declaration || !table || rawTable.clear) return undefined;
  const literal = writerOfFile(declaration.loc.uri)?.stringLiteral;
  if (!literal) return undefined;
  const last = declaration.lastEntryLoc;
  const multiline = last.range.start.line > declaration.loc.range.start.line;
  const separator = multiline ? `,\n${' '.repeat(last.range.start.character)}` : ', ';
  const statement = `DELETE FROM ${sqlName(table)}`;
  return {
    title: `Add clear: '${statement}'`,
    preferred: true,
    edits: [{ uri: last.uri, range: { start: last.range.end, end: last.range.end }, newText: `${separator}clear: ${literal(statement)}` }],
  };
}

/** `clear: 'DELETE FROM t'` after the last argument of a Dart `RawTable(…)` / `RawTable.inferred(…)`. */
function dartClearStatementFix(rawTable: RawTable): Fix | undefined {
  const call = rawTable.call;
  const table = rawTable.localTable;
  if (!call || !table || rawTable.clear || call.args.some((a) => a.name === 'clear' || a.spread)) return undefined;
  const last = call.args[call.args.length - 1];
  const writer = writerOfFile(call.loc.uri);
  if (!last || writer?.language !== 'dart' || !writer.stringLiteral) return undefined;
  const multiline = last.loc.range.start.line > call.loc.range.start.line;
  const separator = multiline ? `,\n${' '.repeat(last.loc.range.start.character)}` : ', ';
  const statement = `DELETE FROM ${sqlName(table)}`;
  return {
    title: `Add clear: '${statement}'`,
    preferred: true,
    edits: [{ uri: last.loc.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: `${separator}clear: ${writer.stringLiteral(statement)}` }],
  };
}
