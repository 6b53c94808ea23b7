// rawsync.json in the language server: the severities it publishes for a workspace folder are the
// CLI's for the same folder, a rawsync.rules.<id> setting wins over the file, and a change to the
// file on disk re-checks the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { checkJsonCli as checkJson } from '../support/findings';
import { fixturePath } from '../support/paths';

const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';
const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const CHANGED = 2;
const DELETED = 3;
const SEVERITY = ['', 'error', 'warning', 'info'];

function copyOfFixture(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-config-'));
  cpSync(fixturePath('config-rawsync-json'), root, { recursive: true });
  return root;
}

async function start(root: string, settings: unknown = {}): Promise<LspClient> {
  const client = await LspClient.start(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, settings });
  // The diagnostics of a check go out before its `idle` status.
  await client.waitFor(() => client.statuses.some((s) => s.state === 'idle'), 'the first check');
  return client;
}

/** `file:line rule severity` of every published diagnostic, file relative to the root, sorted. */
function published(client: LspClient, root: string): string[] {
  return [...client.diagnostics.values()].flatMap(({ uri, diagnostics }) =>
    diagnostics.map((d) => `${path.relative(root, fileURLToPath(uri)).split(path.sep).join('/')}:${d.range.start.line + 1} ${d.code} ${SEVERITY[d.severity ?? 0]}`)).sort();
}

/** The same of `rawsync check <root> --format json [args]`. */
function cli(root: string, args: string[] = []): string[] {
  return checkJson(root, args).findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.severity}`).sort();
}

test("the server applies the folder's rawsync.json: its diagnostics are the CLI's findings for the same folder", async (t) => {
  const root = copyOfFixture();
  const client = await start(root);
  t.after(() => client.stop());
  const expected = cli(root);
  assert.deepEqual(published(client, root), expected);
  // What rawsync.json says: put-not-upsert off, fk-not-deferrable lowered to warning, missing-clear raised to error.
  assert.ok(expected.includes(`${ENTITIES}:21 fk-not-deferrable warning`), expected.join('\n'));
  assert.ok(expected.includes(`${SCHEMA}:9 missing-clear error`), expected.join('\n'));
  assert.ok(!expected.some((f) => f.includes(' put-not-upsert ')), expected.join('\n'));
});

test('a rawsync.rules.<id> setting other than default wins over rawsync.json; default leaves it to the file', async (t) => {
  const root = copyOfFixture();
  const client = await start(root, { rules: { 'put-not-upsert': 'warning', 'missing-clear': 'info', 'fk-not-deferrable': 'default' } });
  t.after(() => client.stop());
  const diagnostics = published(client, root);
  // The command line's --rule wins over the file in the CLI, as a setting does in the editor.
  assert.deepEqual(diagnostics, cli(root, ['--rule', 'put-not-upsert=warning', '--rule', 'missing-clear=info']));
  assert.ok(diagnostics.includes(`${SCHEMA}:11 put-not-upsert warning`), diagnostics.join('\n'));
  assert.ok(diagnostics.includes(`${SCHEMA}:9 missing-clear info`), diagnostics.join('\n'));
  assert.ok(diagnostics.includes(`${ENTITIES}:21 fk-not-deferrable warning`), 'fk-not-deferrable keeps the level of rawsync.json');
});

test('rawsync.json changed or deleted on disk: the server reads it again and re-checks', async (t) => {
  const root = copyOfFixture();
  const client = await start(root);
  t.after(() => client.stop());
  await client.waitFor(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'a watcher registration');
  const globs = (client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
  assert.ok(globs.includes('**/rawsync.json'), globs.join(', '));

  const config = path.join(root, 'rawsync.json');
  const uri = pathToFileURL(config).href;
  writeFileSync(config, JSON.stringify({ rules: { 'fk-not-deferrable': 'off' } }));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CHANGED }] });
  await client.waitFor(() => published(client, root).includes(`${SCHEMA}:11 put-not-upsert error`) && !published(client, root).some((f) => f.includes(' fk-not-deferrable ')), 'the new rawsync.json applied');
  assert.deepEqual(published(client, root), cli(root));

  rmSync(config);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: DELETED }] });
  await client.waitFor(() => published(client, root).includes(`${ENTITIES}:21 fk-not-deferrable error`), 'the default severities back');
  assert.deepEqual(published(client, root), cli(root));
});

test('an invalid rawsync.json is reported and ignored, never a crash', async (t) => {
  const root = copyOfFixture();
  writeFileSync(path.join(root, 'rawsync.json'), '{ "rules": { "missing-clear": "loud" } }');
  const client = await start(root);
  t.after(() => client.stop());
  const diagnostics = published(client, root);
  assert.ok(diagnostics.includes(`${SCHEMA}:9 missing-clear info`), diagnostics.join('\n'));
  assert.ok(diagnostics.includes(`${SCHEMA}:11 put-not-upsert error`), diagnostics.join('\n'));
  const warning = client.messages.find((m) => /rawsync\.json/.test(m.message));
  assert.ok(warning, 'the user is told');
  assert.equal(warning.type, 2, 'as a warning');
  assert.match(warning.message, /rules\.missing-clear takes off\|info\|warning\|error, got "loud"/);
});
