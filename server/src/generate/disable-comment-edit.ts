import type { Finding, TextEdit } from '../findings/finding';
import { writerOfFile } from '../frontends/registry';

/**
 * The edit that silences one finding: `// rawsync-disable-next-line <id>` (`-- …` in SQL files:
 * the comment marker of the file's language) on a new line above the finding's line, indented
 * like it. Undefined where the file's language has no comment its reader honours (JSON, TOML).
 */
export function disableCommentEdit(finding: Finding, lineText: string): TextEdit | undefined {
  const marker = writerOfFile(finding.loc.uri)?.lineComment;
  if (!marker) return undefined;
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const line = finding.loc.range.start.line;
  return {
    uri: finding.loc.uri,
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}${marker} rawsync-disable-next-line ${finding.rule}\n`,
  };
}
