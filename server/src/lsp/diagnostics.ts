import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../rules/finding';
import { ruleById } from '../rules/index';
import { docsUrl } from '../rules/rule';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A finding as an LSP diagnostic: code = rule id, source = rawsync, the rule's doc as href. */
export function toDiagnostic(finding: Finding): Diagnostic {
  const rule = ruleById(finding.rule);
  return {
    range: finding.loc.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    source: 'rawsync',
    message: finding.message,
    ...(rule ? { codeDescription: { href: docsUrl(rule.meta) } } : {}),
    relatedInformation: finding.related.map((r) => ({ location: { uri: r.loc.uri, range: r.loc.range }, message: r.message })),
  };
}

/** Groups diagnostics by file; files in `previous` with nothing now get an empty list. */
export function diagnosticsByFile(findings: Finding[], previous: Iterable<string>): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const uri of previous) byFile.set(uri, []);
  for (const finding of findings) {
    const list = byFile.get(finding.loc.uri) ?? [];
    list.push(toDiagnostic(finding));
    byFile.set(finding.loc.uri, list);
  }
  return byFile;
}
