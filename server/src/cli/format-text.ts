import type { Finding } from '../rules/finding';
import { relativeFile } from '../frontends/relative-file';

/** `file:line:col severity message [rule]`, 1-based as editors and terminals expect. */
export function findingsToText(findings: Finding[], base: string): string {
  const lines = findings.map((f) => {
    const where = `${relativeFile(f.loc.uri, base)}:${f.loc.range.start.line + 1}:${f.loc.range.start.character + 1}`;
    return `${where} ${f.severity} ${f.message} [${f.rule}]`;
  });
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)`);
  return lines.join('\n');
}
