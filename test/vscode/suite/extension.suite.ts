// Runs inside a real VS Code extension host with the example app (examples/todo-app, copied) as
// the workspace: activation, diagnostics with rule ids as codes, the status item, a quick fix.
import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RawsyncApi } from '../../../client/src/extension';
import type { ServerStatus } from '../../../server/src/lsp/protocol';
import { log, test } from './runner';

const EXTENSION_ID = 'rawsync.rawsync';
const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';
const TODO_ENTITY = 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt';

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (the copied examples/todo-app)');
  return vscode.Uri.file(path.join(folder.uri.fsPath, relative));
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function rawsyncDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'rawsync');
}

/** Resolves when the predicate holds, checked on every diagnostics change (never by sleeping). */
function whenDiagnostics(predicate: () => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** Resolves when the status item's state satisfies the predicate, checked on every change. */
function whenStatus(predicate: (status: ServerStatus | undefined) => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  const status = api().languageStatus;
  if (predicate(status.status)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (status: ${JSON.stringify(status.status)})`));
    }, timeoutMs);
    const subscription = status.onDidChange((now) => {
      if (!predicate(now)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

function api(): RawsyncApi {
  const extension = vscode.extensions.getExtension<RawsyncApi>(EXTENSION_ID);
  assert.ok(extension?.isActive, `${EXTENSION_ID} is active`);
  return extension.exports;
}

test('opening a Kotlin file activates the extension and registers its commands', async () => {
  const extension = vscode.extensions.getExtension<RawsyncApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
  const document = await vscode.workspace.openTextDocument(workspaceFile(TODO_ENTITY));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'kotlin', 'the extension contributes the kotlin language for .kt');
  await extension.activate();
  assert.ok(extension.isActive);
  const commands = await vscode.commands.getCommands(true);
  const contributed: { command: string }[] = extension.packageJSON.contributes.commands;
  assert.ok(contributed.length >= 3);
  for (const { command } of contributed) assert.ok(commands.includes(command), `${command} is registered`);
  log(`activated ${extension.id} ${extension.packageJSON.version} on ${process.version}`);
});

test('the example app gets rawsync diagnostics with rule ids as codes', async () => {
  const schema = workspaceFile(SCHEMA);
  const entity = workspaceFile(TODO_ENTITY);
  const expected = [
    [schema, 'put-not-upsert'],
    [schema, 'replace-resets-local-columns'],
    [schema, 'schema-order'],
    [entity, 'fk-not-deferrable'],
  ] as const;
  const missing = () => expected.filter(([uri, code]) => !rawsyncDiagnostics(uri).some((d) => codeOf(d) === code));
  await whenDiagnostics(() => missing().length === 0, `${expected.map(([, c]) => c).join(', ')}`).catch((error) => {
    throw new Error(`${error.message}; still missing: ${missing().map(([, c]) => c).join(', ')}`);
  });
  const put = rawsyncDiagnostics(schema).find((d) => codeOf(d) === 'put-not-upsert')!;
  assert.equal(put.severity, vscode.DiagnosticSeverity.Error);
  assert.ok(typeof put.code === 'object' && /docs\/rules\/put-not-upsert\.md$/.test(put.code.target.toString()), 'the code links to the rule doc');
  const fk = rawsyncDiagnostics(entity).find((d) => codeOf(d) === 'fk-not-deferrable')!;
  assert.equal(fk.range.start.line, 13, 'fk-not-deferrable on TodoEntity.kt:14 (examples/README.md)');
  for (const uri of [schema, entity]) log(`${path.basename(uri.fsPath)}: ${rawsyncDiagnostics(uri).map(codeOf).sort().join(', ')}`);
});

test('the language status item shows the files indexed and the last check', async () => {
  const status = api().languageStatus;
  await whenStatus((s) => s?.state === 'idle', 'a finished check');
  assert.ok((status.status?.filesIndexed ?? 0) >= 10, `files indexed: ${status.status?.filesIndexed}`);
  assert.ok((status.status?.lastCheckMs ?? -1) >= 0);
  assert.match(status.item.text, /Rawsync: \d+ files indexed/);
  assert.match(status.item.detail ?? '', /checked in \d+ ms/);
  assert.equal(status.item.command?.command, 'rawsync.showOutput');
});

test('Rawsync: Check Workspace re-checks every file', async () => {
  const result = (await vscode.commands.executeCommand('rawsync.checkWorkspace')) as { filesIndexed: number; findings: number; durationMs: number } | undefined;
  assert.ok(result, 'the command returns the check');
  assert.ok(result.filesIndexed >= 10, `files indexed: ${result.filesIndexed}`);
  assert.ok(result.findings >= 4, `findings: ${result.findings}`);
});

test('a quick fix for fk-not-deferrable exists, and applying it removes the diagnostic', async () => {
  const entity = workspaceFile(TODO_ENTITY);
  const diagnostic = rawsyncDiagnostics(entity).find((d) => codeOf(d) === 'fk-not-deferrable');
  assert.ok(diagnostic, 'fk-not-deferrable on TodoEntity.kt');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', entity, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const titles = actions.map((a) => a.title);
  log(`code actions on fk-not-deferrable: ${titles.join(' | ')}`);
  assert.ok(titles.includes('Disable fk-not-deferrable for this line'), 'the disable-for-this-line action');
  const fix = actions.find((a) => a.isPreferred && a.edit);
  assert.ok(fix?.edit, `a preferred fix among: ${titles.join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await whenDiagnostics(() => !rawsyncDiagnostics(entity).some((d) => codeOf(d) === 'fk-not-deferrable'), 'fk-not-deferrable to go after the fix');
  const text = (await vscode.workspace.openTextDocument(entity)).getText();
  assert.match(text, /deferred = true/);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await whenDiagnostics(() => rawsyncDiagnostics(entity).some((d) => codeOf(d) === 'fk-not-deferrable'), 'fk-not-deferrable back after reverting the edit');
});

test('Rawsync: Restart Server brings the diagnostics back', async () => {
  const schema = workspaceFile(SCHEMA);
  const { client, languageStatus } = api();
  const before = languageStatus.status?.lastCheckAt;
  assert.ok(before, 'a check finished before the restart');
  const restarted = whenStatus((s) => s?.state === 'idle' && s.lastCheckAt !== before, 'a check by the restarted server');
  await vscode.commands.executeCommand('rawsync.restartServer');
  assert.ok(client.isRunning(), 'the client runs again after the restart');
  await restarted;
  await whenDiagnostics(() => rawsyncDiagnostics(schema).some((d) => codeOf(d) === 'put-not-upsert'), 'put-not-upsert after the restart');
});
