import type { Finding, TextEdit } from '../findings/finding';

/**
 * The edit that silences one finding: `// rawsync-disable-next-line <id>` (`-- …` in SQL files)
 * on a new line above the finding's line, indented like it.
 */
export function disableCommentEdit(finding: Finding, lineText: string, sqlFile: boolean): TextEdit {
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const marker = sqlFile ? '--' : '//';
  const line = finding.loc.range.start.line;
  return {
    uri: finding.loc.uri,
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}${marker} rawsync-disable-next-line ${finding.rule}\n`,
  };
}
