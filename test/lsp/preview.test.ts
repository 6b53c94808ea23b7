import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';
import {
  PREVIEW_QUERY_REQUEST, PREVIEW_REQUEST, STATUS_NOTIFICATION,
  type PreviewQueryResult, type PreviewResponse, type ServerStatus,
} from '../../server/src/lsp/protocol';

const DATABASE = 'shared/src/commonMain/kotlin/com/example/todo/data/AppDatabase.kt';
const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';
const PROFILE = 'shared/src/commonMain/kotlin/com/example/todo/data/ProfileEntity.kt';

function copyOfExample(app: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-preview-'));
  cpSync(path.join(repoRoot(), 'examples', app), dir, { recursive: true });
  return dir;
}

async function started(app: string) {
  const root = copyOfExample(app);
  const client = await LspClient.start(root);
  const statuses: ServerStatus[] = [];
  const statusWaiters: (() => void)[] = [];
  client.connection.onNotification(STATUS_NOTIFICATION, (status: ServerStatus) => {
    statuses.push(status);
    for (const wake of statusWaiters.splice(0)) wake();
  });
  /** Resolves when a status notification satisfies the predicate. */
  const statusWhere = (predicate: (s: ServerStatus) => boolean, what: string) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 30_000);
    const check = () => {
      if (statuses.some(predicate)) {
        clearTimeout(timer);
        resolve();
      } else statusWaiters.push(check);
    };
    check();
  });
  const uri = (file: string) => pathToFileURL(path.join(root, file)).href;
  await client.waitFor(() => client.diagnostics.size > 0, 'the first diagnostics');
  return { root, client, statusWhere, uri };
}

test('"Preview database" lenses sit above the @Database class and the Schema(...) call', async (t) => {
  const { client, uri } = await started('todo-app');
  t.after(() => client.stop());
  for (const [file, line] of [[DATABASE, 8], [SCHEMA, 72]] as const) {
    const source = readFileSync(path.join(repoRoot(), 'examples/todo-app', file), 'utf8').split('\n');
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri(file) } });
    assert.equal(lenses.length, 1, `${file}: ${JSON.stringify(lenses)}`);
    assert.equal(lenses[0].range.start.line, line, `${file}: line ${lenses[0].range.start.line + 1} is "${source[lenses[0].range.start.line]}"`);
    assert.deepEqual(lenses[0].command, { title: 'Preview database', command: 'rawsync.previewDatabase', arguments: [uri(file)] });
  }
  const entityLenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri(PROFILE) } });
  assert.deepEqual(entityLenses, []);
});

test('the preview request builds the example in the core and the console queries its database', async (t) => {
  const { root, client, uri } = await started('todo-app');
  t.after(() => client.stop());
  const preview = await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, { uri: uri(SCHEMA) });
  assert.equal(preview.root, pathToFileURL(root).href);
  assert.deepEqual(preview.report.schema.tables.map((t) => t.name).sort(), ['profile', 'todo', 'todo_list']);
  // The planted createdAt: the server never sends it, so the core's NOT NULL failure on the first sync.
  assert.ok(preview.report.simulation.steps.some((s) => !s.ok && /NOT NULL constraint failed: todo\.created_at/.test(s.error ?? '')),
    preview.report.simulation.steps.map((s) => `${s.id}: ${s.error ?? 'ok'}`).join('\n'));
  assert.ok(preview.report.schema.tables.every((t) => !t.file.startsWith('/') && !t.file.startsWith('..')), 'files relative to the app');

  const tables = await client.connection.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, { sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('todo', 'todo_list', 'profile', 'ps_crud') ORDER BY name" });
  assert.equal(tables.ok, true, tables.error);
  assert.deepEqual(tables.results[0].rows, [['profile'], ['ps_crud'], ['todo'], ['todo_list']]);
  const rows = await client.connection.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, { sql: 'SELECT count(*) AS n FROM todo_list' });
  assert.ok(Number(rows.results[0].rows[0][0]) > 0, 'the simulation left synced rows');

  // A write, then a read of it: one console session over one copy of the database.
  const write = await client.connection.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, { sql: "DELETE FROM todo_list; SELECT count(*) FROM todo_list" });
  assert.equal(write.ok, true, write.error);
  assert.equal(write.results.length, 2);
  assert.ok(write.results[0].rowsModified > 0);
  assert.deepEqual(write.results[1].rows, [[0]]);

  const bad = await client.connection.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, { sql: 'SELEC nothing' });
  assert.equal(bad.ok, false);
  assert.match(bad.error ?? '', /syntax error/);

  // The preview wrote nothing into the app.
  for (const file of [SCHEMA, DATABASE]) {
    assert.equal(readFileSync(path.join(root, file), 'utf8'), readFileSync(path.join(repoRoot(), 'examples/todo-app', file), 'utf8'));
  }
});

test('the server answers other requests while a preview is being built', async (t) => {
  const { client, uri } = await started('todo-app');
  t.after(() => client.stop());
  // A first preview loads the engine (waiting on that let other requests through all along).
  await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, { uri: uri(SCHEMA) });
  let settled = false;
  const preview = client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, { uri: uri(SCHEMA) }).finally(() => {
    settled = true;
  });
  // The build and the simulation run in a thread of their own: lens requests sent one after
  // another are answered all the while (on the server's thread, not one would be until the
  // simulation had ended).
  let answered = 0;
  while (!settled) {
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri(DATABASE) } });
    assert.equal(lenses.length, 1);
    if (!settled) answered++;
  }
  assert.ok((await preview).report.simulation.steps.length > 0);
  assert.ok(answered >= 5, `${answered} lens requests answered while the preview was built`);
});

test('a query that never ends is stopped and the console keeps working', async (t) => {
  const { client, uri } = await started('todo-app-fixed');
  t.after(() => client.stop());
  await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, { uri: uri(SCHEMA) });
  const forever = await client.connection.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, {
    sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n',
  });
  assert.equal(forever.ok, false);
  assert.match(forever.error ?? '', /was stopped/);
  // Diagnostics and other requests were never blocked, and the console starts afresh.
  const after = await client.connection.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, { sql: 'SELECT count(*) FROM todo_list' });
  assert.equal(after.ok, true, after.error);
  assert.ok(Number(after.results[0].rows[0][0]) > 0);
});

test('an edit moves the model version on, and the next preview shows it', async (t) => {
  const { client, statusWhere, uri } = await started('todo-app');
  t.after(() => client.stop());
  const first = await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, {});
  const profile = first.report.schema.tables.find((t) => t.name === 'profile')!;
  assert.ok(!profile.columns.some((c) => c.name === 'nickname'));
  const file = path.join(repoRoot(), 'examples/todo-app', PROFILE);
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/(\n\s*@ColumnInfo\(name = "is_favorite")/, '\n    val nickname: String? = null,$1');
  assert.notEqual(edited, text);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(PROFILE), languageId: 'kotlin', version: 1, text: edited } });
  await statusWhere((s) => s.state === 'idle' && (s.modelVersion ?? 0) > first.modelVersion, 'a newer model version');
  const second = await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, {});
  assert.ok(second.modelVersion > first.modelVersion);
  assert.ok(second.report.schema.tables.find((t) => t.name === 'profile')!.columns.some((c) => c.name === 'nickname'));
});

test('in a multi-root workspace the preview is of the app the file belongs to', async (t) => {
  const fixtures = path.join(repoRoot(), 'test/fixtures/lsp-multi-root');
  const client = await LspClient.start([path.join(fixtures, 'orders-app'), path.join(fixtures, 'billing-app')]);
  t.after(() => client.stop());
  await client.waitFor(() => client.diagnostics.size > 0, 'the first diagnostics');
  const billingFile = pathToFileURL(path.join(fixtures, 'billing-app/src/commonMain/kotlin/com/example/billing/sync/BillingSchema.kt')).href;
  const billing = await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, { uri: billingFile });
  assert.equal(billing.root, pathToFileURL(path.join(fixtures, 'billing-app')).href);
  assert.deepEqual(billing.report.schema.tables.map((t) => t.name), ['invoice']);
  const first = await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, {});
  assert.deepEqual(first.report.schema.tables.map((t) => t.name), ['orders'], 'no uri: the first folder');
});
