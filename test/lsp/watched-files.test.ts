import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { fixturePath } from '../support/paths';

const ENTITIES = 'src/commonMain/kotlin/com/example/contacts/data/Entities.kt';
const LABEL = 'src/commonMain/kotlin/com/example/contacts/data/LabelEntity.kt';
const SCHEMA = 'src/commonMain/kotlin/com/example/contacts/sync/ContactsSchema.kt';
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/**
 * A copy of a fixture app where every raw table finds its entity (only missing-crud-triggers),
 * with the `label` entity moved to a file of its own: without it, raw table `label` is unmatched.
 */
function copyOfApp(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-watched-'));
  cpSync(fixturePath('rule-raw-table-unmatched-ok'), root, { recursive: true });
  const entities = readFileSync(path.join(root, ENTITIES), 'utf8');
  const label = entities.indexOf('@Entity(tableName = "label")');
  assert.notEqual(label, -1);
  writeFileSync(path.join(root, ENTITIES), entities.slice(0, label));
  writeFileSync(path.join(root, LABEL), `package com.example.contacts.data\n\nimport androidx.room.Entity\nimport androidx.room.PrimaryKey\n\n${entities.slice(label)}`);
  return root;
}

async function start(root: string, settings: unknown = {}): Promise<LspClient> {
  const client = await LspClient.start(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, settings });
  await client.waitFor(() => client.codes(uriIn(root, SCHEMA)).includes('missing-crud-triggers'), 'the first check');
  return client;
}

const uriIn = (root: string, file: string) => pathToFileURL(path.join(root, file)).href;
const unmatched = (client: LspClient, root: string) => client.codes(uriIn(root, SCHEMA)).filter((c) => c === 'raw-table-unmatched').length;

function notify(client: LspClient, changes: { uri: string; type: number }[]): Promise<void> {
  return client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
}

test('the server registers a watcher for the files it reads when the client allows it', async (t) => {
  const root = copyOfApp();
  const client = await start(root);
  t.after(() => client.stop());
  await client.waitFor(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'a watcher registration');
  const registration = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
  const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
  for (const glob of ['**/*.kt', '**/*.kts', '**/*.java', '**/*.sql', '**/*.versions.toml', '**/build.gradle', '**/schemas/**/*.json', '**/rawsync.json']) {
    assert.ok(globs.includes(glob), `${glob} in ${globs.join(', ')}`);
  }
});

test('a file deleted, created, changed or renamed on disk updates the findings of the files that depend on it', async (t) => {
  const root = copyOfApp();
  const client = await start(root);
  t.after(() => client.stop());
  const labelText = readFileSync(path.join(root, LABEL), 'utf8');
  const entitiesText = readFileSync(path.join(root, ENTITIES), 'utf8');
  assert.equal(unmatched(client, root), 0);

  // Deleted: raw table `label` loses its entity.
  rmSync(path.join(root, LABEL));
  await notify(client, [{ uri: uriIn(root, LABEL), type: DELETED }]);
  await client.waitFor(() => unmatched(client, root) === 1, 'raw-table-unmatched once the label entity is gone');

  // Created again under another name.
  const renamed = 'src/commonMain/kotlin/com/example/contacts/data/Label.kt';
  writeFileSync(path.join(root, renamed), labelText);
  await notify(client, [{ uri: uriIn(root, renamed), type: CREATED }]);
  await client.waitFor(() => unmatched(client, root) === 0, 'raw-table-unmatched to go once the label entity is back');

  // Changed on disk: the primary key of contact_group becomes `ID`, which the core does not accept.
  const withUpperId = entitiesText.replace('data class GroupEntity(\n    @PrimaryKey val id', 'data class GroupEntity(\n    @PrimaryKey @ColumnInfo(name = "ID") val id');
  assert.notEqual(withUpperId, entitiesText);
  writeFileSync(path.join(root, ENTITIES), withUpperId);
  await notify(client, [{ uri: uriIn(root, ENTITIES), type: CHANGED }]);
  await client.waitFor(() => unmatched(client, root) === 1, 'raw-table-unmatched on contact_group');

  // Renamed back (a delete and a create in one notification): the findings stay.
  const before = client.statuses.length;
  renameSync(path.join(root, renamed), path.join(root, LABEL));
  await notify(client, [{ uri: uriIn(root, renamed), type: DELETED }, { uri: uriIn(root, LABEL), type: CREATED }]);
  await client.waitFor(() => client.statuses.slice(before).some((s) => s.state === 'idle'), 'the check after the rename');
  assert.equal(unmatched(client, root), 1);
  assert.equal(client.statuses.at(-1)!.filesIndexed, 4);
});

test('a deleted file\'s diagnostics are cleared', async (t) => {
  const root = copyOfApp();
  const client = await start(root);
  t.after(() => client.stop());
  rmSync(path.join(root, SCHEMA));
  await notify(client, [{ uri: uriIn(root, SCHEMA), type: DELETED }]);
  await client.waitFor(() => client.diagnostics.get(uriIn(root, SCHEMA))?.diagnostics.length === 0, 'the schema file\'s diagnostics to be cleared');
});

test('a burst of events is checked once, and excluded or too large files stay out of the index', async (t) => {
  const root = copyOfApp();
  const client = await start(root, { exclude: ['**/legacy/**'], maxFileSizeKb: 4 });
  t.after(() => client.stop());
  const labelText = readFileSync(path.join(root, LABEL), 'utf8');
  const schemaUri = uriIn(root, SCHEMA);
  const published = client.publishCounts.get(schemaUri)!;
  const idle = client.statuses.filter((s) => s.state === 'idle').length;

  rmSync(path.join(root, LABEL));
  const excluded = 'src/commonMain/kotlin/com/example/contacts/legacy/LabelEntity.kt';
  mkdirSync(path.dirname(path.join(root, excluded)), { recursive: true });
  writeFileSync(path.join(root, excluded), labelText);
  const large = 'src/commonMain/kotlin/com/example/contacts/data/LargeLabelEntity.kt';
  writeFileSync(path.join(root, large), `${labelText}\n${'// padding to go over the size limit\n'.repeat(200)}`);
  const names = 'src/commonMain/kotlin/com/example/contacts/data/TableNames.kt';
  writeFileSync(path.join(root, names), 'package com.example.contacts.data\n\nconst val CONTACT_TABLE = "contact"\n');
  // Four notifications in a row, as a branch switch sends them.
  await notify(client, [{ uri: uriIn(root, LABEL), type: DELETED }]);
  await notify(client, [{ uri: uriIn(root, excluded), type: CREATED }]);
  await notify(client, [{ uri: uriIn(root, large), type: CREATED }]);
  await notify(client, [{ uri: uriIn(root, names), type: CREATED }]);

  // LabelEntity.kt gone, TableNames.kt in; neither other copy of the label entity counts.
  await client.waitFor(() => unmatched(client, root) === 1 && client.statuses.at(-1)?.filesIndexed === 4, 'the burst to be applied');
  assert.equal(client.statuses.filter((s) => s.state === 'idle').length, idle + 1, 'one check for the burst');
  assert.equal(client.publishCounts.get(schemaUri), published + 1, 'one publish for the burst');
});

test('a document closed without saving goes back to its text on disk', async (t) => {
  const root = copyOfApp();
  const client = await start(root);
  t.after(() => client.stop());
  const uri = uriIn(root, LABEL);
  const text = readFileSync(path.join(root, LABEL), 'utf8');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kotlin', version: 1, text: 'package com.example.contacts.data\n' } });
  await client.waitFor(() => unmatched(client, root) === 1, 'raw-table-unmatched while the editor holds no label entity');
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await client.waitFor(() => unmatched(client, root) === 0, 'the label entity on disk to count again');
  assert.equal(readFileSync(path.join(root, LABEL), 'utf8'), text);
});
