import type { FileFacts } from '../../model/facts';
import type { SqlLiteral } from '../../model/sql-source-map';
import type { EditWriter } from '../plugin';

/** Statements longer than this are written as a multi-line template literal. */
const SINGLE_LINE_LIMIT = 100;

type Quote = "'" | '"' | '`';

/**
 * `text` escaped to sit inside a literal written with `quote`: backslashes, that quote, and
 * characters a one-line string cannot hold; in a template literal also `${` (it would start a
 * substitution), while its line breaks stay real ones.
 */
export function escapeFor(text: string, quote: Quote): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (quote === '`' && ch === '$' && text[i + 1] === '{') out += '\\$';
    else if (quote !== '`' && ch === '\n') out += '\\n';
    else if (quote !== '`' && ch === '\r') out += '\\r';
    else if (ch === '\u2028') out += '\\u2028';
    else if (ch === '\u2029') out += '\\u2029';
    else if (ch === '\t' && quote !== '`') out += '\\t';
    else out += ch;
  }
  return out;
}

/** A single-quoted string literal holding `value` exactly. */
export function typescriptStringLiteral(value: string): string {
  return `'${escapeFor(value, "'")}'`;
}

/**
 * SQL lines as a literal: one line in single quotes when short (and no multi-line literal was
 * asked for), else a template literal whose lines sit two spaces under `indent`. SQLite reads the
 * template's line breaks and indentation as white space.
 */
export function typescriptSqlLiteral(lines: string[], options: { preferRaw: boolean; indent: string }): string {
  const oneLine = lines.join(' ');
  if (!options.preferRaw && oneLine.length <= SINGLE_LINE_LIMIT) return typescriptStringLiteral(oneLine);
  const body = lines.map((l) => (l.length > 0 ? `${options.indent}  ${escapeFor(l, '`')}` : ''));
  return `\`\n${body.join('\n')}\n${options.indent}\``;
}

/**
 * New text as it must be written inside an existing literal. The literal's quote comes from the
 * map (`quote`, as `StringValue.quote` records it); when the map does not carry it, every quote and
 * `${` are escaped and line breaks written as `\n`, which reads the same in any JavaScript string.
 */
function intoTypeScriptLiteral(literal: SqlLiteral, _sourceStart: number, _sourceEnd: number, text: string, lead: string): string | undefined {
  const quote = (literal as SqlLiteral & { quote?: Quote }).quote;
  if (quote === '`') return escapeFor(text, '`').replace(/\n/g, () => `\n${lead}`);
  if (quote === "'" || quote === '"') return escapeFor(text, quote);
  let out = escapeFor(text, "'");
  out = out.replace(/"/g, '\\"').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return out;
}

/**
 * `export async function name(db) { await db.execute(…); … }`: typed with the one method it uses
 * in TypeScript (no import needed), untyped in a JavaScript file.
 */
function typescriptInstaller(facts: FileFacts, name: string, statements: readonly string[], comment: string): string | undefined {
  const javascript = /\.[mc]?jsx?$/i.test(decodeURIComponent(facts.uri));
  const parameter = javascript ? 'db' : 'db: { execute(sql: string): Promise<unknown> }';
  const indent = '  ';
  const calls = statements.map((sql) => `${indent}await db.execute(${typescriptSqlLiteral(sql.split('\n').map((l) => l.trimEnd()), { preferRaw: sql.includes('\n'), indent })});`);
  return ['', `// ${comment}`, `export async function ${name}(${parameter})${javascript ? '' : ': Promise<void>'} {`, ...calls, '}', ''].join('\n');
}

/**
 * TypeScript and JavaScript sources. No `importEdits`: an import's path is a module id (a file
 * path), and writing it back as a specifier needs what the project's resolution expects (a `.js`
 * extension under ESM, a path alias), which a fix cannot know; no `sdk`: generated Kotlin SDK
 * calls never go here.
 */
export const TYPESCRIPT_WRITER: EditWriter = {
  language: 'typescript',
  lineComment: '//',
  stringLiteral: typescriptStringLiteral,
  sqlLiteral: typescriptSqlLiteral,
  intoLiteral: intoTypeScriptLiteral,
  installerFunction: typescriptInstaller,
};
