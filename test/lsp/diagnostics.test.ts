import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

function copyOfExample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), dir, { recursive: true });
  return dir;
}

const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';
const TODO_ENTITY = 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt';

test('the server scans the workspace and publishes findings with rule ids as codes', async (t) => {
  const root = copyOfExample();
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const schemaUri = pathToFileURL(path.join(root, SCHEMA)).href;
  await client.waitFor(() => client.codes(schemaUri).includes('put-not-upsert'), 'put-not-upsert on the schema file');
  const diagnostics = client.diagnostics.get(schemaUri)!.diagnostics;
  const put = diagnostics.find((d) => d.code === 'put-not-upsert')!;
  assert.equal(put.source, 'rawsync');
  assert.match(put.codeDescription?.href ?? '', /docs\/rules\/put-not-upsert\.md$/);
  assert.ok(client.codes(schemaUri).includes('replace-resets-local-columns'));
});

test('editing an entity in one file changes a finding in another', async (t) => {
  const root = copyOfExample();
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const entityPath = path.join(root, TODO_ENTITY);
  const entityUri = pathToFileURL(entityPath).href;
  await client.waitFor(() => client.codes(entityUri).includes('fk-not-deferrable'), 'fk-not-deferrable on TodoEntity.kt');
  const text = readFileSync(entityPath, 'utf8');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: entityUri, languageId: 'kotlin', version: 1, text } });
  // Making the foreign key deferred removes the finding: the rule reads the edited, unsaved text.
  const fixed = text.replace(/onDelete = ForeignKey\.CASCADE/, 'onDelete = ForeignKey.CASCADE,\n            deferred = true');
  assert.notEqual(fixed, text);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: entityUri, version: 2 }, contentChanges: [{ text: fixed }] });
  await client.waitFor(() => !client.codes(entityUri).includes('fk-not-deferrable'), 'fk-not-deferrable to go');
});

test('a finding in the schema file follows an edit of the entity in another file', async (t) => {
  const root = copyOfExample();
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const schemaUri = pathToFileURL(path.join(root, SCHEMA)).href;
  const profilePath = path.join(root, 'shared/src/commonMain/kotlin/com/example/todo/data/ProfileEntity.kt');
  const profileUri = pathToFileURL(profilePath).href;
  const replaceSeverity = () => client.diagnostics.get(schemaUri)?.diagnostics.find((d) => d.code === 'replace-resets-local-columns')?.severity;
  await client.waitFor(() => replaceSeverity() === 1, 'replace-resets-local-columns as an error (local-only is_favorite)');
  const text = readFileSync(profilePath, 'utf8');
  const withoutLocalColumn = text.replace(/\n\s*\/\*\*[^\n]*\*\/\n\s*@ColumnInfo\(name = "is_favorite"[^\n]*\n/, '\n');
  assert.notEqual(withoutLocalColumn, text);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: profileUri, languageId: 'kotlin', version: 1, text: withoutLocalColumn } });
  // Without a local-only column, REPLACE resets nothing the app keeps: the finding drops to a warning.
  await client.waitFor(() => replaceSeverity() === 2, 'replace-resets-local-columns as a warning');
});
