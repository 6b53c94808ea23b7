import type { FileFacts } from '../../model/facts';

/** Words that open a top-level statement worth re-reading from when they start a line at column 0. */
const STATEMENT_STARTS = new Set([
  'export', 'const', 'let', 'var', 'function', 'async', 'class', 'abstract', 'interface', 'type', 'enum',
  'namespace', 'declare', 'import',
]);

/**
 * The first line after `errorLine` where a top-level statement may start: a line at column 0
 * beginning with a declaration keyword. Undefined when there is none.
 */
export function nextRestartLine(text: string, errorLine: number): number | undefined {
  const lines = text.split('\n');
  for (let line = errorLine + 1; line < lines.length; line++) {
    const word = /^[a-z]+/.exec(lines[line])?.[0];
    if (word && STATEMENT_STARTS.has(word)) return line;
  }
  return undefined;
}

/**
 * The text with every line before `line` blanked, except single-line `import … from …;` lines,
 * keeping line breaks and lengths so every position after it is unchanged.
 */
export function maskBefore(text: string, line: number): string {
  const lines = text.split('\n');
  return lines
    .map((content, i) => (i >= line || /^import\s.*\sfrom\s*['"][^'"]*['"];?\s*$/.test(content) ? content : content.replace(/[^\r]/g, ' ')))
    .join('\n');
}

/** Replaces every fact that starts on or after `line` with the ones of the re-read tail; called names are joined. */
export function mergeFrom(facts: FileFacts, tail: FileFacts, line: number): void {
  const record = facts as unknown as Record<string, unknown>;
  const tailRecord = tail as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (!Array.isArray(value) || key === 'imports') continue;
    if (key === 'calledNames') {
      record[key] = [...new Set([...(value as string[]), ...((tailRecord[key] as string[] | undefined) ?? [])])];
      continue;
    }
    const kept = value.filter((item) => startLineOf(item) < line);
    const added = ((tailRecord[key] as unknown[] | undefined) ?? []).filter((item) => startLineOf(item) >= line);
    record[key] = [...kept, ...added];
  }
}

function startLineOf(item: unknown): number {
  const withLoc = item as { loc?: { range: { start: { line: number } } }; range?: { start: { line: number } } };
  return withLoc.loc?.range.start.line ?? withLoc.range?.start.line ?? -1;
}
