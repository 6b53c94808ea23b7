// The language server on a Flutter app (examples/flutter-app): findings on .dart files, an edit of
// a ''' string in one library that clears a finding, and a quick fix that writes Dart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

const SCHEMA = 'lib/powersync/schema.dart';
const TABLES = 'lib/powersync/local_tables.dart';

function copyOfFlutterApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-flutter-'));
  cpSync(path.join(repoRoot(), 'examples', 'flutter-app'), dir, { recursive: true });
  return dir;
}

test('a Flutter app: the server reports on .dart files, and an edit of a \'\'\' string in the tables library clears the foreign-key finding', async (t) => {
  const root = copyOfFlutterApp();
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const schemaUri = pathToFileURL(path.join(root, SCHEMA)).href;
  const tablesPath = path.join(root, TABLES);
  const tablesUri = pathToFileURL(tablesPath).href;
  await client.waitFor(() => client.codes(schemaUri).includes('statement-invalid'), 'statement-invalid on schema.dart');
  assert.ok(client.codes(schemaUri).includes('replace-resets-local-columns'));
  await client.waitFor(() => client.codes(tablesUri).includes('fk-not-deferrable'), 'fk-not-deferrable on local_tables.dart');

  const text = readFileSync(tablesPath, 'utf8');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: tablesUri, languageId: 'dart', version: 1, text } });
  const fixed = text.replace('ON DELETE CASCADE,', 'ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,');
  assert.notEqual(fixed, text);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: tablesUri, version: 2 }, contentChanges: [{ text: fixed }] });
  await client.waitFor(() => !client.codes(tablesUri).includes('fk-not-deferrable'), 'fk-not-deferrable to go');
});
