import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import type { SourceLocation } from '../../model/location';
import { splitSqlStatements, tokenizeSql } from '../../sql/sql-text';
import { parseDisableComment } from '../disable-comment';

/**
 * A `.sql` file: each statement becomes a SQL statement fact located at its own text, and
 * `-- rawsync-disable-next-line` comments become disable facts. Nothing here judges the SQL;
 * SQLite does that in the engine.
 */
export function extractSqlFacts(uri: string, text: string, platform: Platform, sourceSet?: string): FileFacts {
  const facts = emptyFacts(uri, 'sql', platform);
  facts.sourceSet = sourceSet;
  const lines = lineStarts(text);
  const locate = (start: number, end: number): SourceLocation => ({
    uri,
    range: { start: positionAt(lines, start), end: positionAt(lines, end) },
  });
  for (const statement of splitSqlStatements(text)) {
    const loc = locate(statement.start, statement.end);
    facts.sqlStatements.push({ source: 'sql-file', sql: { kind: 'string', value: statement.text, raw: false, loc }, loc });
  }
  for (const token of tokenizeSql(text, { comments: true })) {
    if (token.kind === 'comment') {
      const rules = parseDisableComment(token.value);
      if (rules) {
        const loc = locate(token.start, token.end);
        facts.disableComments.push({ line: loc.range.end.line + 1, rules, loc });
      }
    }
    if (token.unterminated) facts.syntaxErrors.push(locate(token.start, token.end));
  }
  return facts;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Offsets are UTF-16 code units, so the character is already an LSP character. */
function positionAt(lineStarts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - lineStarts[low] };
}
