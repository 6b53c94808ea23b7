/** Words that open a top-level Kotlin declaration when they start a line at column 0. */
const DECLARATION_STARTS = new Set([
  'class', 'data', 'abstract', 'open', 'sealed', 'enum', 'object', 'interface', 'val', 'var', 'const', 'fun',
  'private', 'internal', 'public', 'typealias', 'expect', 'actual', 'value', 'annotation', 'inline', 'suspend', 'lateinit',
]);

/**
 * The first line after `errorLine` where a top-level declaration may start: a line at column 0
 * beginning with an annotation or a declaration keyword. Undefined when there is none.
 */
export function nextRestartLine(text: string, errorLine: number): number | undefined {
  const lines = text.split('\n');
  for (let line = errorLine + 1; line < lines.length; line++) {
    const content = lines[line];
    if (content.startsWith('@')) return line;
    const word = /^[a-z]+/.exec(content)?.[0];
    if (word && DECLARATION_STARTS.has(word)) return line;
  }
  return undefined;
}

/**
 * The text with every line before `line` blanked, except `package` and `import` lines, keeping
 * line breaks so every position after it is unchanged.
 */
export function maskBefore(text: string, line: number): string {
  const lines = text.split('\n');
  return lines
    .map((content, i) => (i >= line || /^\s*(package|import)\s/.test(content) ? content : ' '.repeat(content.length)))
    .join('\n');
}
