import type { Finding } from '../rules/finding';
import { relativeFile } from '../frontends/relative-file';
import { notCheckedCount } from '../rules/not-analyzed';

/** `file:line:col severity message [rule]`, 1-based as editors and terminals expect. */
export function findingsToText(findings: Finding[], base: string): string {
  const lines = findings.map((f) => {
    const where = `${relativeFile(f.loc.uri, base)}:${f.loc.range.start.line + 1}:${f.loc.range.start.character + 1}`;
    return `${where} ${f.severity} ${f.message} [${f.rule}]`;
  });
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const notChecked = notCheckedCount(findings);
  const unchecked = notChecked > 0 ? `; ${notChecked} part${notChecked === 1 ? '' : 's'} of the app not checked (see the not-analyzed findings)` : '';
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)${unchecked}`);
  return lines.join('\n');
}
