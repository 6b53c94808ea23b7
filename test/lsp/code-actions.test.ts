import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';

async function openExample(t: { after: (fn: () => Promise<void>) => void }) {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-actions-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const file = path.join(root, SCHEMA);
  const uri = pathToFileURL(file).href;
  await client.waitFor(() => client.codes(uri).includes('put-not-upsert'), 'put-not-upsert');
  const text = readFileSync(file, 'utf8');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kotlin', version: 1, text } });
  return { client, uri, text };
}

test('a quick fix found by the diagnostic code, applied, makes the diagnostic go', async (t) => {
  const { client, uri, text } = await openExample(t);
  const diagnostic = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'put-not-upsert')!;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred)!;
  assert.match(fix.title, /upsert/);
  assert.ok(actions.some((a) => a.title === 'Disable put-not-upsert for this line'));
  const doc = TextDocument.create(uri, 'kotlin', 1, text);
  const fixed = TextDocument.applyEdits(doc, fix.edit!.changes![uri]);
  assert.match(fixed, /ON CONFLICT\(id\) DO UPDATE SET/);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  await client.waitFor(() => !client.codes(uri).includes('put-not-upsert'), 'put-not-upsert to go');
  assert.ok(client.codes(uri).includes('replace-resets-local-columns'), 'the other finding stays');
});

test('"disable for this line" inserts the comment and silences only that rule', async (t) => {
  const { client, uri, text } = await openExample(t);
  const diagnostic = client.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'replace-resets-local-columns')!;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
  const disable = actions.find((a) => a.title === 'Disable replace-resets-local-columns for this line')!;
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'kotlin', 1, text), disable.edit!.changes![uri]);
  assert.match(fixed, /\n {8}\/\/ rawsync-disable-next-line replace-resets-local-columns\n {8}"INSERT OR REPLACE/);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  await client.waitFor(() => !client.codes(uri).includes('replace-resets-local-columns'), 'the silenced finding to go');
  assert.ok(client.codes(uri).includes('put-not-upsert'));
});

test('fix-all applies every preferred fix of the file', async (t) => {
  const { client, uri, text } = await openExample(t);
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  })) as CodeAction[];
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.rawsync');
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'kotlin', 1, text), actions[0].edit!.changes![uri]);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  await client.waitFor(
    () => !['put-not-upsert', 'replace-resets-local-columns', 'schema-order'].some((c) => client.codes(uri).includes(c)),
    'the fixable findings of the file to go',
  );
});
