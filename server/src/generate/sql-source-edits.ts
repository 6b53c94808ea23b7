import type { SqlLiteral, SqlSourceMap } from '../model/sql-source-map';
import type { TextEdit } from '../findings/finding';
import { kotlinStringLiteral } from './kotlin-string';

/** A change to the SQL text of a source map, in its offsets. */
export interface SqlTextChange {
  start: number;
  end: number;
  newText: string;
}

/** The edits for several non-overlapping changes, or undefined when any of them cannot be written. */
export function sourceEdits(map: SqlSourceMap, changes: SqlTextChange[]): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const change of changes) {
    const placed = sourceEdit(map, change);
    if (!placed) return undefined;
    edits.push(...placed);
  }
  return edits;
}

/**
 * The edits that replace `text[start, end)` with `newText`, escaped for the string it lands in (and
 * indented to survive `.trimIndent()`), or undefined when that cannot be written. A change across
 * concatenated literals puts the new text into the first and empties the rest.
 */
export function sourceEdit(map: SqlSourceMap, change: SqlTextChange): TextEdit[] | undefined {
  const span = map.spanOf(change.start, change.end);
  if (!span) return undefined;
  const written = writeInto(span.literal, change.newText, span.lead);
  if (written === undefined || !keepsRawDelimiters(span.literal, span.sourceStart, span.sourceEnd, written)) return undefined;
  return span.locations.map((loc, i) => ({ uri: loc.uri, range: loc.range, newText: i === 0 ? written : '' }));
}

/** New text as it must be written inside the literal. */
function writeInto(literal: SqlLiteral, text: string, lead: string): string | undefined {
  if (!literal.raw) return kotlinStringLiteral(text).slice(1, -1);
  // `$` cannot be escaped in a raw string; a new line needs the indentation trimming removes.
  // Replacer functions: a `$'` in a replacement string would be read as a pattern.
  return text.replace(/\$/g, () => "${'$'}").replace(/\n/g, () => `\n${lead}`);
}

/** A raw string must not gain `"""` inside, nor end on a quote that would join its closing quotes. */
function keepsRawDelimiters(literal: SqlLiteral, sourceStart: number, sourceEnd: number, written: string): boolean {
  if (!literal.raw) return true;
  const after = literal.source.slice(0, sourceStart) + written + literal.source.slice(sourceEnd);
  return !after.includes('"""') && !after.endsWith('"');
}
