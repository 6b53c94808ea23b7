// Runs inside a real VS Code extension host with the example app (examples/todo-app, copied) as
// the workspace: activation, diagnostics with rule ids as codes, the status item, a quick fix.
import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RawsyncApi } from '../../../client/src/extension';
import type { PreviewResponse, ServerStatus } from '../../../server/src/lsp/protocol';
import { log, test } from './runner';

const EXTENSION_ID = 'rawsync.rawsync';
const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';
const TODO_ENTITY = 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt';
const APP_DATABASE = 'shared/src/commonMain/kotlin/com/example/todo/data/AppDatabase.kt';
const PROFILE_ENTITY = 'shared/src/commonMain/kotlin/com/example/todo/data/ProfileEntity.kt';

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
  // The server links the code to the rule page's file; the client turns that into rawsync.openRuleDoc.
  assert.ok(typeof put.code === 'object', 'the code carries a link');
  const target = (put.code as { target: vscode.Uri }).target;
  assert.equal(target.scheme, 'command', `the code links to a command (${target.toString()})`);
  assert.equal(target.path, 'rawsync.openRuleDoc');
  assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), ['put-not-upsert']);
  const fk = rawsyncDiagnostics(entity).find((d) => codeOf(d) === 'fk-not-deferrable')!;
  assert.equal(fk.range.start.line, 13, 'fk-not-deferrable on TodoEntity.kt:14 (examples/README.md)');
  for (const uri of [schema, entity]) log(`${path.basename(uri.fsPath)}: ${rawsyncDiagnostics(uri).map(codeOf).sort().join(', ')}`);
});

test('Rawsync: Open Rule Page shows the rule page shipped in the extension in the Markdown preview', async () => {
  const extension = vscode.extensions.getExtension<RawsyncApi>(EXTENSION_ID)!;
  const page = vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules', 'put-not-upsert.md');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(page));
  assert.equal(text.split('\n')[0], '# `put-not-upsert`');
  await vscode.commands.executeCommand('rawsync.openRuleDoc', 'put-not-upsert');
  const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  const preview = () => tabs().find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
  for (let i = 0; i < 50 && !preview(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(preview(), `a Markdown preview tab (tabs: ${tabs().map((t) => t.label).join(', ')})`);
  log(`rule page preview: ${preview()!.label}`);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
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
  const actions = await codeActionsAt(entity, diagnostic.range);
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

test('Rawsync: Fix All in File applies the fixes of the active file, the fix-all code action the server offers', async () => {
  const entity = workspaceFile(TODO_ENTITY);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(entity));
  await whenDiagnostics(() => rawsyncDiagnostics(entity).some((d) => codeOf(d) === 'fk-not-deferrable'), 'fk-not-deferrable on TodoEntity.kt');
  const applied = await vscode.commands.executeCommand<boolean>('rawsync.fixAllInFile');
  assert.equal(applied, true, 'the command applied an edit');
  await whenDiagnostics(() => !rawsyncDiagnostics(entity).some((d) => codeOf(d) === 'fk-not-deferrable'), 'fk-not-deferrable to go after Fix All in File');
  assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, entity.fsPath, 'the fixed file is shown');
  assert.match(vscode.window.activeTextEditor!.document.getText(), /deferred = true/);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await whenDiagnostics(() => rawsyncDiagnostics(entity).some((d) => codeOf(d) === 'fk-not-deferrable'), 'fk-not-deferrable back after reverting the edit');
});

/**
 * The quick fixes at a range. The editor's view of the diagnostics is eventually consistent: a
 * code-action request that a re-check overtakes is canceled, or asked with the markers of that
 * moment (none while they are replaced). Such a request is asked again, a few times.
 */
async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  let actions: vscode.CodeAction[] = [];
  for (let attempt = 1; attempt <= 10; attempt++) {
    try {
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
      if (actions.length > 0) return actions;
      log(`no code actions yet (attempt ${attempt}); asking again`);
    } catch (error) {
      if (!/Canceled/.test(String(error))) throw error;
      log(`code actions canceled by the editor (attempt ${attempt}); asking again`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return actions;
}

/** Resolves with the next preview the panel draws that satisfies the predicate. */
function whenPreview(predicate: (preview: PreviewResponse) => boolean, what: string, timeoutMs = 60_000): Promise<PreviewResponse> {
  const last = api().previewPanel()?.lastReport;
  if (last && predicate(last)) return Promise.resolve(last);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = api().onDidBuildPreview((preview) => {
      if (!predicate(preview)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(preview);
    });
  });
}

test('a "Preview database" lens sits above @Database, and Preview Database opens the panel', async () => {
  const database = workspaceFile(APP_DATABASE);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(database));
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', database);
  const lens = lenses.find((l) => l.command?.command === 'rawsync.previewDatabase');
  assert.ok(lens, `lenses: ${lenses.map((l) => l.command?.title).join(', ')}`);
  assert.equal(lens.command?.title, 'Preview database');
  assert.equal(lens.range.start.line, 8, 'above @Database(…) on AppDatabase.kt:9');

  const built = whenPreview((p) => p.report.schema.tables.length > 0, 'the first preview');
  await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
  const preview = await built;
  const panel = api().previewPanel();
  assert.ok(panel, 'the panel is open');
  assert.equal(panel.panel.viewType, 'rawsync.databasePreview');
  assert.match(panel.panel.title, /^Rawsync: Database Preview/);
  assert.deepEqual(preview.report.schema.tables.map((t) => t.name).sort(), ['profile', 'todo', 'todo_list']);
  assert.ok(preview.report.simulation.steps.some((s) => !s.ok && /NOT NULL constraint failed: todo\.created_at/.test(s.error ?? '')), 'the planted createdAt fails in the core');
  // The sync chain the panel draws: todo's put reads createdAt, which the sync config never sends.
  const chain = preview.report.chains.find((c) => c.rawTable === 'todo');
  assert.ok(chain?.rows?.some((r) => r.put.state === 'read' && r.put.key === 'createdAt' && r.breaks.some((b) => b.at === 'output')), 'the createdAt break in the chain');
  log(`preview: ${preview.report.schema.tables.length} tables, ${preview.report.simulation.steps.length} steps in ${preview.durationMs} ms`);
});

test('the open panel rebuilds when an entity is edited', async () => {
  const profile = workspaceFile(PROFILE_ENTITY);
  const document = await vscode.workspace.openTextDocument(profile);
  const line = document.getText().split('\n').findIndex((l) => l.includes('"is_favorite"'));
  assert.ok(line > 0, 'is_favorite in ProfileEntity.kt');
  const edit = new vscode.WorkspaceEdit();
  edit.insert(profile, new vscode.Position(line, 0), '    val nickname: String? = null,\n');
  const rebuilt = whenPreview((p) => p.report.schema.tables.some((t) => t.name === 'profile' && t.columns.some((c) => c.name === 'nickname')), 'a preview with profile.nickname');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const withColumn = await rebuilt;
  log(`rebuilt after the edit: model version ${withColumn.modelVersion}`);
  const undo = new vscode.WorkspaceEdit();
  undo.delete(profile, new vscode.Range(line, 0, line + 1, 0));
  assert.ok(await vscode.workspace.applyEdit(undo));
  await whenPreview((p) => p.report.schema.tables.some((t) => t.name === 'profile' && !t.columns.some((c) => c.name === 'nickname')), 'the preview without nickname after the revert');
});

test('Rawsync: Restart Server brings the diagnostics back', async () => {
  const schema = workspaceFile(SCHEMA);
  const { client, languageStatus } = api();
  const before = languageStatus.status?.lastCheckAt;
  assert.ok(before, 'a check finished before the restart');
  const restarted = whenStatus((s) => s?.state === 'idle' && s.lastCheckAt !== before, 'a check by the restarted server');
  // The open Database Preview rebuilds from the new server (its versions start again from zero).
  const previewBefore = api().previewPanel()?.lastReport;
  assert.ok(previewBefore, 'the Database Preview is still open from the tests before');
  const previewAfter = whenPreview((p) => p !== previewBefore, 'a preview from the restarted server');
  await vscode.commands.executeCommand('rawsync.restartServer');
  assert.ok(client.isRunning(), 'the client runs again after the restart');
  await restarted;
  await previewAfter;
  api().previewPanel()?.dispose();
  await whenDiagnostics(() => rawsyncDiagnostics(schema).some((d) => codeOf(d) === 'put-not-upsert'), 'put-not-upsert after the restart');
});
