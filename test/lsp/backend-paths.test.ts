// rawsync.json's `backend` in the language server: the migrations folder and the sync config it
// names are read as the backend, as the CLI reads them; the named paths are watched, and a change
// to rawsync.json reads the workspace again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { checkJsonCli as checkJson } from '../support/findings';
import { fixturePath } from '../support/paths';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;
const SYNC_CONFIG = 'infra/powersync/rules.yaml';
const SEVERITY = ['', 'error', 'warning', 'info'];

/** `file:line rule severity` of every published diagnostic, file relative to the root, sorted. */
function published(client: LspClient, root: string): string[] {
  return [...client.diagnostics.values()].flatMap(({ uri, diagnostics }) =>
    diagnostics.map((d) => `${path.relative(root, fileURLToPath(uri)).split(path.sep).join('/')}:${d.range.start.line + 1} ${d.code} ${SEVERITY[d.severity ?? 0]}`)).sort();
}

const cli = (root: string) => checkJson(root).findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.severity}`).sort();

test('the backend paths of rawsync.json: the finding in the editor, the named files watched, rawsync.json changes applied', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-backend-paths-'));
  cpSync(fixturePath('config-backend-paths'), root, { recursive: true });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const client = await LspClient.start(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } });
  t.after(() => client.stop());
  const finding = 'src/schema.ts:9 put-column-not-synced error';
  await client.waitFor(() => published(client, root).includes(finding), 'put-column-not-synced from the named backend');
  assert.deepEqual(published(client, root), cli(root));

  // The named paths are watched (rules.yaml is no name a plugin's globs cover).
  const watchers = client.registrations
    .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
    .flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));
  assert.deepEqual(watchers.filter((g) => typeof g === 'object'), [
    { baseUri: pathToFileURL(path.join(root, 'infra/powersync')).href, pattern: 'rules.yaml' },
    { baseUri: pathToFileURL(path.join(root, 'db/migrations')).href, pattern: '*.sql' },
  ]);

  // The sync config changed on disk: sending the key under the app's name ends the finding.
  const configFile = path.join(root, SYNC_CONFIG);
  writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('completed, source_url, created_at', 'completed, source_url AS "sourceUrl", created_at'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configFile).href, type: CHANGED }] });
  await client.waitFor(() => !published(client, root).includes(finding), 'the finding gone with the sync config sending sourceUrl');
  assert.deepEqual(published(client, root), cli(root));

  // rawsync.json gone: the backend is no longer read; back: read again.
  const rawsyncJson = path.join(root, 'rawsync.json');
  const text = readFileSync(rawsyncJson, 'utf8');
  writeFileSync(configFile, readFileSync(fixturePath('config-backend-paths', SYNC_CONFIG), 'utf8'));
  rmSync(rawsyncJson);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(rawsyncJson).href, type: DELETED }, { uri: pathToFileURL(configFile).href, type: CHANGED }] });
  await client.waitFor(() => !published(client, root).some((f) => f.includes(' synced-column-not-stored ')), 'no backend finding without rawsync.json');
  assert.deepEqual(published(client, root), cli(root));
  writeFileSync(rawsyncJson, text);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(rawsyncJson).href, type: CREATED }] });
  await client.waitFor(() => published(client, root).includes(finding), 'the finding back with rawsync.json');
  assert.deepEqual(published(client, root), cli(root));
});

test('a backend path that does not exist is told as the other rawsync.json errors are, and the file is not applied', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-backend-paths-'));
  cpSync(fixturePath('config-backend-paths'), root, { recursive: true });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'rawsync.json'), JSON.stringify({ backend: { migrations: 'db/migrations', syncConfig: 'infra/powersync/rule.yaml' } }));
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  await client.waitFor(() => client.statuses.some((s) => s.state === 'idle'), 'the first check');
  const warning = client.messages.find((m) => /rawsync\.json/.test(m.message));
  assert.ok(warning, 'the user is told');
  assert.equal(warning.type, 2, 'as a warning');
  assert.match(warning.message, /backend\.syncConfig names "infra\/powersync\/rule\.yaml", but there is no such file/);
  assert.ok(!published(client, root).some((f) => f.includes(' put-column-not-synced ')));
});
