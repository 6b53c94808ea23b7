// The language server on a TypeScript app (examples/web-app): findings on .ts files, an edit in
// one module that clears a finding reported in another, and quick fixes that write TypeScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

const SCHEMA = 'src/powersync/schema.ts';
const TABLES = 'src/powersync/local-tables.ts';

function copyOfWebApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-web-'));
  cpSync(path.join(repoRoot(), 'examples', 'web-app'), dir, { recursive: true });
  return dir;
}

test('a TypeScript app: the server reports on .ts files, and an edit of the DDL module clears the foreign-key finding', async (t) => {
  const root = copyOfWebApp();
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const schemaUri = pathToFileURL(path.join(root, SCHEMA)).href;
  const tablesPath = path.join(root, TABLES);
  const tablesUri = pathToFileURL(tablesPath).href;
  await client.waitFor(() => client.codes(schemaUri).includes('statement-invalid'), 'statement-invalid on schema.ts');
  assert.ok(client.codes(schemaUri).includes('replace-resets-local-columns'));
  await client.waitFor(() => client.codes(tablesUri).includes('fk-not-deferrable'), 'fk-not-deferrable on local-tables.ts');

  const text = readFileSync(tablesPath, 'utf8');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: tablesUri, languageId: 'typescript', version: 1, text } });
  const fixed = text.replace('ON DELETE CASCADE,', 'ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,');
  assert.notEqual(fixed, text);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: tablesUri, version: 2 }, contentChanges: [{ text: fixed }] });
  await client.waitFor(() => !client.codes(tablesUri).includes('fk-not-deferrable'), 'fk-not-deferrable to go');
});
