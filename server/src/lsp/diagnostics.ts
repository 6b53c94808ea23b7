import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../findings/finding';
import { ruleById } from '../rules/index';
import type { RuleDocs } from '../doors/rule-docs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A finding as an LSP diagnostic: code = rule id, source = rawsync, and as href the `file:` URI of
 * the rule's page in this installation (absent when the page is not there: no dead link).
 */
export function toDiagnostic(finding: Finding, docs?: RuleDocs): Diagnostic {
  const rule = ruleById(finding.rule);
  const href = rule && docs?.uri(rule.meta);
  return {
    range: finding.loc.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    source: 'rawsync',
    message: finding.message,
    ...(href ? { codeDescription: { href } } : {}),
    relatedInformation: finding.related.map((r) => ({ location: { uri: r.loc.uri, range: r.loc.range }, message: r.message })),
  };
}

/** Groups diagnostics by file; files in `previous` with nothing now get an empty list. */
export function diagnosticsByFile(findings: Finding[], previous: Iterable<string>, docs?: RuleDocs): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const uri of previous) byFile.set(uri, []);
  for (const finding of findings) {
    const list = byFile.get(finding.loc.uri) ?? [];
    list.push(toDiagnostic(finding, docs));
    byFile.set(finding.loc.uri, list);
  }
  return byFile;
}
