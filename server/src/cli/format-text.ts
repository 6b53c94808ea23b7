import path from 'node:path';
import type { Finding } from '../findings/finding';
import { ruleById } from '../rules/index';
import type { RuleDocs } from '../doors/rule-docs';
import { relativeFile } from '../frontends/relative-file';
import { notCheckedCount } from '../rules/not-analyzed';

/**
 * `file:line:col severity message [rule]`, 1-based as editors and terminals expect; then, for each
 * rule reported, where its page is on this machine (relative to `cwd` when it lies under it).
 */
export function findingsToText(findings: Finding[], base: string, docs?: RuleDocs, cwd = process.cwd()): string {
  const lines = findings.map((f) => {
    const where = `${relativeFile(f.loc.uri, base)}:${f.loc.range.start.line + 1}:${f.loc.range.start.character + 1}`;
    return `${where} ${f.severity} ${f.message} [${f.rule}]`;
  });
  const pages = docs ? rulePages(findings, docs, cwd) : [];
  if (pages.length > 0) lines.push('', 'Rule pages:', ...pages.map(([id, file]) => `  ${id}: ${file}`), '');
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const notChecked = notCheckedCount(findings);
  const unchecked = notChecked > 0 ? `; ${notChecked} part${notChecked === 1 ? '' : 's'} of the app not checked (see the not-analyzed findings)` : '';
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)${unchecked}`);
  return lines.join('\n');
}

/** Each reported rule once, in order of first finding, with the path of its page. */
function rulePages(findings: Finding[], docs: RuleDocs, cwd: string): [string, string][] {
  const pages: [string, string][] = [];
  for (const id of new Set(findings.map((f) => f.rule))) {
    const meta = ruleById(id)?.meta;
    const file = meta && docs.path(meta);
    if (!file) continue;
    const relative = path.relative(cwd, file);
    pages.push([id, relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file]);
  }
  return pages;
}
