import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

const CONFIG = 'powersync/sync-config.yaml';
const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';

test('the sync config compiler\'s errors show on the YAML, follow its unsaved edits, and the chain finding follows the config', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-backend-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const configPath = path.join(root, CONFIG);
  const configUri = pathToFileURL(configPath).href;
  const schemaUri = pathToFileURL(path.join(root, SCHEMA)).href;
  await client.waitFor(() => client.codes(schemaUri).includes('put-column-not-synced'), 'put-column-not-synced on the schema file');
  const text = readFileSync(configPath, 'utf8');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 1, text } });
  // A function the service does not know: the compiler's error, at the call.
  const broken = text.replace('SELECT id, name, email_address FROM profile', 'SELECT id, upper_case(name) AS name, email_address FROM profile');
  assert.notEqual(broken, text);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: configUri, version: 2 }, contentChanges: [{ text: broken }] });
  await client.waitFor(() => client.codes(configUri).includes('sync-config-invalid'), 'sync-config-invalid on the YAML');
  const error = client.diagnostics.get(configUri)!.diagnostics.find((d) => d.code === 'sync-config-invalid')!;
  assert.equal(error.severity, 1);
  const line = broken.split('\n')[error.range.start.line];
  assert.equal(line.slice(error.range.start.character, error.range.end.character), 'upper_case(name)');
  // The server sending createdAt (an alias in double quotes keeps its case) ends the chain finding.
  // (and sending the renamed address under its old name ends the profile one).
  const sendsCamel = text
    .replace('SELECT * FROM todo WHERE', 'SELECT id, list_id, title, description, completed, created_at AS "createdAt" FROM todo WHERE')
    .replace('SELECT id, name, email_address FROM profile', 'SELECT id, name, email_address AS email FROM profile');
  assert.notEqual(sendsCamel, text);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: configUri, version: 3 }, contentChanges: [{ text: sendsCamel }] });
  await client.waitFor(() => !client.codes(configUri).includes('sync-config-invalid') && !client.codes(schemaUri).includes('put-column-not-synced'), 'both findings to go');
});
