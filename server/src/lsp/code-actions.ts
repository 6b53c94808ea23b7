import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, TextEdit } from '../findings/finding';
import { disableCommentEdit } from '../generate/disable-comment-edit';
import { toDiagnostic } from './diagnostics';
import { FIX_ALL_CODE_ACTION_KIND } from './protocol';

/** Under LSP's source.fixAll, so editors that run every fix-all on save find it. */
export const FIX_ALL_KIND = FIX_ALL_CODE_ACTION_KIND;

function workspaceEdit(edits: TextEdit[]): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

function sameRange(d: Diagnostic, f: Finding): boolean {
  const a = d.range;
  const b = f.loc.range;
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * Quick fixes for the diagnostics in the request (found by rule id as diagnostic code and by
 * range, never by message), "disable for this line", and the file's fix-all.
 */
export function codeActions(params: CodeActionParams, findings: Finding[], lineText: (line: number) => string): CodeAction[] {
  const uri = params.textDocument.uri;
  const inFile = findings.filter((f) => f.loc.uri === uri);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'rawsync' || typeof diagnostic.code !== 'string') continue;
      const finding = inFile.find((f) => f.rule === diagnostic.code && sameRange(diagnostic, f));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: workspaceEdit(fix.edits) });
      }
      const disable = disableCommentEdit(finding, lineText(finding.loc.range.start.line));
      if (disable) {
        actions.push({ title: `Disable ${finding.rule} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit([disable]) });
      }
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const edits = fixAllEdits(inFile);
    if (edits.length > 0) {
      actions.push({ title: 'Fix all Rawsync problems in this file', kind: FIX_ALL_KIND, diagnostics: inFile.map((f) => toDiagnostic(f)), edit: workspaceEdit(edits) });
    }
  }
  return actions;
}

/** Every preferred fix of the file's findings whose edits do not overlap an earlier one. */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) =>
    a.uri === b.uri &&
    !(a.range.end.line < b.range.start.line || (a.range.end.line === b.range.start.line && a.range.end.character <= b.range.start.character) ||
      b.range.end.line < a.range.start.line || (b.range.end.line === a.range.start.line && b.range.end.character <= a.range.start.character));
  for (const finding of findings) {
    // Only preferred fixes: the others are choices the user makes (see cli/fix-command.ts).
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix) continue;
    if (fix.edits.some((e) => chosen.some((c) => overlaps(c, e)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}
