import type { WorkspaceModel } from '../model/workspace';
import type { Finding } from '../findings/finding';

/**
 * Drops findings silenced by `// rawsync-disable-next-line <id>` (or `-- …` in SQL): a comment
 * silences the findings whose primary location starts on the line after it.
 */
export function applyDisableComments(findings: Finding[], model: WorkspaceModel): Finding[] {
  return findings.filter((finding) => {
    const facts = model.files.get(finding.loc.uri);
    if (!facts) return true;
    const line = finding.loc.range.start.line;
    return !facts.disableComments.some((c) => c.line === line && (c.rules.length === 0 || c.rules.includes(finding.rule)));
  });
}
