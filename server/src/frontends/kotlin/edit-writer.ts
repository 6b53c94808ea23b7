import type { FileFacts } from '../../model/facts';
import type { SqlLiteral } from '../../model/sql-source-map';
import type { EditWriter, WrittenEdit } from '../plugin';
import { importLineEdits } from '../import-edits';

/** Statements longer than this are written as a multi-line raw string with `.trimIndent()`. */
const SINGLE_LINE_LIMIT = 100;

/** A Kotlin string literal holding `value` exactly: `"…"` with escapes. */
export function kotlinStringLiteral(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '$') out += '\\$';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return out + '"';
}

/**
 * A raw string with `.trimIndent()` holding `lines` exactly, indented to sit under `indent`.
 * `$` cannot be escaped in a raw string, so it is written as `${'$'}`.
 */
export function kotlinRawString(lines: string[], indent: string): string {
  const body = lines.map((l) => (l.length > 0 ? `${indent}    ${l.replace(/\$/g, () => "${'$'}")}` : ''));
  return `"""\n${body.join('\n')}\n${indent}""".trimIndent()`;
}

/** A literal in the style the user wrote (raw or not), switching to raw when the SQL is long. */
export function kotlinSqlLiteral(sqlLines: string[], options: { preferRaw: boolean; indent: string }): string {
  const oneLine = sqlLines.join(' ');
  if (!options.preferRaw && oneLine.length <= SINGLE_LINE_LIMIT) return kotlinStringLiteral(oneLine);
  return kotlinRawString(sqlLines, options.indent);
}

/** New text as it must be written inside a literal, or undefined when a raw string cannot hold it. */
function intoKotlinLiteral(literal: SqlLiteral, sourceStart: number, sourceEnd: number, text: string, lead: string): string | undefined {
  if (!literal.raw) return kotlinStringLiteral(text).slice(1, -1);
  // `$` cannot be escaped in a raw string; a new line needs the indentation trimming removes.
  // Replacer functions: a `$'` in a replacement string would be read as a pattern.
  const written = text.replace(/\$/g, () => "${'$'}").replace(/\n/g, () => `\n${lead}`);
  // A raw string must not gain `"""` inside, nor end on a quote that would join its closing quotes.
  const after = literal.source.slice(0, sourceStart) + written + literal.source.slice(sourceEnd);
  return after.includes('"""') || after.endsWith('"') ? undefined : written;
}

/**
 * Imports the file lacks (neither imported exactly nor through its package's `*`), added after
 * its last import, else after its package header, else at the top.
 */
export function kotlinImportEdits(facts: FileFacts, imports: readonly string[]): WrittenEdit[] {
  const missing = imports.filter((path) => !facts.imports.some((i) => !i.alias && (i.path === path || (i.wildcard && i.path === packageOf(path)))));
  return importLineEdits(facts, missing.map((path) => `import ${path}`));
}

function packageOf(path: string): string {
  return path.slice(0, path.lastIndexOf('.'));
}

/** Kotlin sources: strings, raw strings, imports, and calls of PowerSync's Kotlin SDK. */
export const KOTLIN_WRITER: EditWriter = {
  language: 'kotlin',
  lineComment: '//',
  sdk: 'kotlin',
  stringLiteral: kotlinStringLiteral,
  sqlLiteral: kotlinSqlLiteral,
  intoLiteral: intoKotlinLiteral,
  importEdits: kotlinImportEdits,
};

/** Gradle's Kotlin scripts: the same syntax, but no app code belongs there. */
export const GRADLE_KTS_WRITER: EditWriter = {
  language: 'gradle-kts',
  lineComment: '//',
  stringLiteral: kotlinStringLiteral,
};
