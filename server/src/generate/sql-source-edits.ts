import type { SqlLiteral, SqlSourceMap } from '../model/sql-source-map';
import type { TextEdit } from '../findings/finding';
import { writerOfFile } from '../frontends/registry';

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
  // The literal's own language escapes the text (a Kotlin `\$` is no escape in Java).
  const written = writerOfFile(span.literal.uri)?.intoLiteral?.(span.literal, span.sourceStart, span.sourceEnd, change.newText, span.lead);
  if (written === undefined) return undefined;
  return span.locations.map((loc, i) => ({ uri: loc.uri, range: loc.range, newText: i === 0 ? written : '' }));
}
