import type { FileFacts } from '../../model/facts';
import type { SqlLiteral } from '../../model/sql-source-map';
import type { EditWriter } from '../plugin';

/** Statements longer than this are written as a multi-line string. */
const SINGLE_LINE_LIMIT = 100;

/**
 * `text` escaped to sit inside a Dart string quoted with `quote` (`'` or `"`): backslashes, `$`
 * (it would start an interpolation), that quote, and in a one-line string the characters it
 * cannot hold; in a multi-line string line breaks stay real ones.
 */
export function escapeForDart(text: string, quote: "'" | '"', multiline: boolean): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '$') out += '\\$';
    else if (ch === quote) out += `\\${ch}`;
    else if (!multiline && ch === '\n') out += '\\n';
    else if (!multiline && ch === '\r') out += '\\r';
    else if (!multiline && ch === '\t') out += '\\t';
    else out += ch;
  }
  return out;
}

/** A single-quoted Dart string holding `value` exactly. */
export function dartStringLiteral(value: string): string {
  return `'${escapeForDart(value, "'", false)}'`;
}

/**
 * SQL lines as a Dart string: one line in single quotes when short (and no multi-line string was
 * asked for), else a `'''` string whose lines sit two spaces under `indent`. SQLite reads its line
 * breaks and indentation as white space.
 */
export function dartSqlLiteral(lines: string[], options: { preferRaw: boolean; indent: string }): string {
  const oneLine = lines.join(' ');
  if (!options.preferRaw && oneLine.length <= SINGLE_LINE_LIMIT) return dartStringLiteral(oneLine);
  const body = lines.map((l) => (l.length > 0 ? `${options.indent}  ${escapeForDart(l, "'", true)}` : ''));
  return `'''\n${body.join('\n')}\n${options.indent}'''`;
}

/**
 * New text as it must be written inside an existing Dart string. A raw string (`r'…'`) takes no
 * escapes: text holding its quote, or a line break in a one-line raw string, cannot be written.
 */
function intoDartLiteral(literal: SqlLiteral, _sourceStart: number, _sourceEnd: number, text: string, lead: string): string | undefined {
  const quote = literal.quote === '"' ? '"' : "'";
  const multiline = literal.delimiters?.multiline ?? false;
  if (literal.raw) {
    if (text.includes(quote) || (!multiline && /[\r\n]/.test(text))) return undefined;
    return multiline ? text.replace(/\n/g, () => `\n${lead}`) : text;
  }
  const escaped = escapeForDart(text, quote, multiline);
  return multiline ? escaped.replace(/\n/g, () => `\n${lead}`) : escaped;
}

/** PowerSync's Dart libraries, whose `PowerSyncDatabase` the installer takes when the file imports one unprefixed. */
const POWERSYNC_IMPORT = /^package:powersync(?:_core|_sqlcipher)?\//;

/**
 * `Future<void> name(PowerSyncDatabase db) async { await db.execute(…); … }`; the parameter is
 * `dynamic` when the file does not import PowerSync's library without a prefix (no import is added).
 */
function dartInstaller(facts: FileFacts, name: string, statements: readonly string[], comment: string): string | undefined {
  const typed = facts.imports.some((i) => i.wildcard && POWERSYNC_IMPORT.test(i.path));
  const indent = '  ';
  const calls = statements.map((sql) => `${indent}await db.execute(${dartSqlLiteral(sql.split('\n').map((l) => l.trimEnd()), { preferRaw: sql.includes('\n'), indent })});`);
  return ['', `/// ${comment}`, `Future<void> ${name}(${typed ? 'PowerSyncDatabase' : 'dynamic'} db) async {`, ...calls, '}', ''].join('\n');
}

/**
 * Dart sources. No `importEdits` (an import is a library URI the fix cannot know) and no `sdk`:
 * generated Kotlin SDK calls never go here.
 */
export const DART_WRITER: EditWriter = {
  language: 'dart',
  lineComment: '//',
  stringLiteral: dartStringLiteral,
  sqlLiteral: dartSqlLiteral,
  intoLiteral: intoDartLiteral,
  installerFunction: dartInstaller,
};
