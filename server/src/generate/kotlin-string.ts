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
