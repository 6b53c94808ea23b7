// Rawsync: Fix All in File. The server offers each file's fix-all as a code action of kind
// source.fixAll.rawsync (every preferred fix whose edits do not overlap); this command applies it
// to one file: the one given, the active editor's, else one the user picks among the files with
// Rawsync problems (the walkthrough runs it while its own page, not a file, is the active editor).
import * as vscode from 'vscode';
import { FIX_ALL_CODE_ACTION_KIND } from '../../server/src/lsp/protocol';

export const FIX_ALL_COMMAND = 'rawsync.fixAllInFile';

function hasRawsyncProblems(uri: vscode.Uri): boolean {
  return vscode.languages.getDiagnostics(uri).some((d) => d.source === 'rawsync');
}

async function targetFile(argument: unknown): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) return argument;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && hasRawsyncProblems(active)) return active;
  const files = vscode.languages.getDiagnostics()
    .filter(([, diagnostics]) => diagnostics.some((d) => d.source === 'rawsync'))
    .map(([uri, diagnostics]) => ({ uri, count: diagnostics.filter((d) => d.source === 'rawsync').length }));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Rawsync: no file has a Rawsync problem to fix.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map(({ uri, count }) => ({ label: vscode.workspace.asRelativePath(uri), description: `${count} Rawsync problem${count === 1 ? '' : 's'}`, uri })),
    // Stays open when the page that ran the command (the walkthrough) takes the focus back.
    { placeHolder: 'The file whose Rawsync problems to fix', ignoreFocusOut: true },
  );
  return picked?.uri;
}

/** Applies the file's fix-all and shows the file; resolves to whether an edit was applied. */
export async function fixAllInFile(argument?: unknown): Promise<boolean> {
  const uri = await targetFile(argument);
  if (!uri) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, FIX_ALL_CODE_ACTION_KIND)) ?? [];
  const fix = actions.find((a) => a.kind?.value === FIX_ALL_CODE_ACTION_KIND && a.edit);
  if (!fix?.edit) {
    void vscode.window.showInformationMessage(`Rawsync: no fix to apply in ${vscode.workspace.asRelativePath(uri)}.`);
    return false;
  }
  const applied = await vscode.workspace.applyEdit(fix.edit);
  await vscode.window.showTextDocument(document, { preview: false });
  return applied;
}
