import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../findings/finding';

/**
 * GitHub Actions workflow commands, one per finding, which GitHub shows as annotations on the
 * pull request's files: `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`.
 * Lines and columns are 1-based; columns only when the finding is on one line. `file` is relative to `root`, the folder the workflow runs in
 * (GITHUB_WORKSPACE, the checkout, by default): a file outside it gets no `file`, so the
 * annotation shows in the run's summary only, never on a wrong file.
 */
export function findingsToGithub(findings: Finding[], root = process.env.GITHUB_WORKSPACE || process.cwd()): string {
  return findings.map((f) => {
    const { start, end } = f.loc.range;
    const file = repositoryPath(f.loc.uri, root);
    const properties: [string, string | number][] = [];
    if (file !== undefined) {
      properties.push(['file', file], ['line', start.line + 1]);
      // GitHub keeps columns for an annotation on one line only (the Checks API's rule).
      if (start.line === end.line) properties.push(['col', start.character + 1]);
      properties.push(['endLine', end.line + 1]);
      if (start.line === end.line) properties.push(['endColumn', end.character + 1]);
    }
    properties.push(['title', `Rawsync ${f.rule}`]);
    const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
    return `::${LEVEL[f.severity] ?? 'notice'} ${list}::${escapeData(`${f.message} [${f.rule}]`)}`;
  }).join('\n');
}

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice' };

function repositoryPath(uri: string, root: string): string | undefined {
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const relative = path.relative(path.resolve(root), path.resolve(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** A command's message, escaped as @actions/core does (`%`, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value, escaped as @actions/core does: also `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
