// rawsync.json's `backend`: a project whose migrations and sync config are not in the default
// places (`supabase/migrations/`, `powersync/sync-config.yaml`) names them, and the backend rules
// read them. Here a TypeScript app with its migrations in db/migrations/ and its sync config in
// infra/powersync/rules.yaml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson } from '../../support/findings';
import { fixtureVariant } from '../../support/fixture-variant';
import { runCli } from '../../support/cli';
import { fixturePath } from '../../support/paths';
import { readRawsyncJson, RawsyncJsonError } from '../../../server/src/doors/rawsync-json';
import { languageOf } from '../../../server/src/frontends/registry';

const FIXTURE = 'config-backend-paths';
const MIGRATION = 'db/migrations/20250101000000_init.sql';
const CONFIG = 'infra/powersync/rules.yaml';
/** The rules that read the sync config and the migrations. */
const BACKEND_RULES = new Set(['put-column-not-synced', 'synced-column-not-stored', 'synced-table-without-client', 'sync-config-invalid', 'upload-column-not-in-postgres']);

const summary = (findings: ReturnType<typeof checkJson>['findings']) =>
  findings.filter((f) => BACKEND_RULES.has(f.rule)).map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule}`);

test('rawsync.json names the migrations folder and the sync config: the put key the sync config does not send is found', () => {
  const dir = fixturePath(FIXTURE);
  const run = checkJson(dir);
  const found = run.findings.filter((f) => f.rule === 'put-column-not-synced');
  assert.deepEqual(found.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character}`), ['src/schema.ts:9:65']);
  // The sync config compiled against the migrations' schema: it knows the renamed and added columns.
  // (Messages name a file by its last two segments.)
  assert.match(found[0].message, new RegExp(`no query of the sync config \\(powersync/rules\\.yaml\\) sends for 'todos'\\. The sync config sends 'list_id', 'title', 'completed', 'source_url', 'created_at'; did you mean 'source_url'\\?`));
  assert.deepEqual(found[0].related.map((r) => `${r.file}:${r.range.start.line + 1}`), [`${CONFIG}:6`]);
  assert.equal(run.status, 1);
  // Read as what the file says, whatever their names: the migrations as Postgres, never as SQLite tables.
  assert.equal(languageOf(path.join(dir, MIGRATION)), 'postgres-migration');
  assert.equal(languageOf(path.join(dir, CONFIG)), 'powersync-sync-config');
  assert.equal(languageOf(path.join(dir, 'src/local.sql')), 'sql');
});

test('without rawsync.json the backend is not found there: no backend finding, and the migrations are read as SQLite files', () => {
  const dir = fixtureVariant(FIXTURE, { 'rawsync.json': null });
  const run = checkJson(dir);
  assert.deepEqual(summary(run.findings), []);
  assert.equal(run.status, 0);
  // The default patterns: a .sql file outside supabase/migrations/ is SQLite (its schema-qualified
  // Postgres tables make no SQLite table), and rules.yaml is no sync config's name.
  assert.equal(languageOf(path.join(dir, MIGRATION)), 'sql');
  assert.equal(languageOf(path.join(dir, CONFIG)), undefined);
});

test('the twin without the mistake is clean', () => {
  const run = checkJson(fixturePath(`${FIXTURE}-ok`));
  // The sync config is read (it sends columns the app does not store), and no put key is missing.
  assert.deepEqual(summary(run.findings), ['src/schema.ts:9 synced-column-not-stored', 'src/schema.ts:14 synced-column-not-stored']);
  assert.equal(run.status, 0);
});

test('syncConfig may be a list of files', () => {
  const dir = fixtureVariant(FIXTURE, { 'rawsync.json': JSON.stringify({ backend: { migrations: 'db/migrations/', syncConfig: [CONFIG] } }) });
  assert.deepEqual(summary(checkJson(dir).findings).filter((s) => s.endsWith('put-column-not-synced')), ['src/schema.ts:9 put-column-not-synced']);
});

test('an invalid backend value is an error naming the file and the key', () => {
  const root = fixturePath(FIXTURE);
  const errorOf = (backend: unknown) => {
    const dir = fixtureVariant(FIXTURE, { 'rawsync.json': JSON.stringify({ backend }) });
    try {
      readRawsyncJson(dir);
    } catch (error) {
      assert.ok(error instanceof RawsyncJsonError, String(error));
      return error.message.replaceAll(dir, '<dir>');
    }
    assert.fail(`no error for ${JSON.stringify(backend)}`);
  };
  assert.equal(errorOf('db/migrations'), '<dir>/rawsync.json: "backend" must be an object with "migrations" and/or "syncConfig"');
  assert.equal(errorOf({ migrations: ['db/migrations'] }), '<dir>/rawsync.json: backend.migrations takes the path of one folder (a string), got ["db/migrations"]');
  assert.equal(errorOf({ syncConfig: 3 }), '<dir>/rawsync.json: backend.syncConfig takes the path of a file or a list of them, got 3');
  assert.equal(errorOf({ syncConfig: [CONFIG, null] }), `<dir>/rawsync.json: backend.syncConfig takes the path of a file or a list of them, got ["${CONFIG}",null]`);
  assert.equal(errorOf({ migration: 'db/migrations' }), '<dir>/rawsync.json: backend.migration is not a key Rawsync reads (migrations, syncConfig)');
  assert.equal(errorOf({ migrations: 'db/migration' }), '<dir>/rawsync.json: backend.migrations names "db/migration", but there is no such folder (<dir>/db/migration)');
  assert.equal(errorOf({ migrations: MIGRATION }), `<dir>/rawsync.json: backend.migrations names "${MIGRATION}", which is not a folder`);
  assert.equal(errorOf({ syncConfig: 'infra/powersync' }), '<dir>/rawsync.json: backend.syncConfig names "infra/powersync", which is not a file');
  assert.equal(errorOf({ syncConfig: '../rules.yaml' }), '<dir>/rawsync.json: backend.syncConfig must name a path inside <dir>, got "../rules.yaml"');
  // A valid one: absolute paths.
  assert.deepEqual(readRawsyncJson(root).backend, { migrations: path.join(root, 'db/migrations'), syncConfigs: [path.join(root, CONFIG)] });
});

test('the CLI prints the error and exits 2', () => {
  const dir = fixtureVariant(FIXTURE, { 'rawsync.json': JSON.stringify({ backend: { syncConfig: 'infra/powersync/rules.yml' } }) });
  const result = runCli(['check', dir]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /rawsync\.json: backend\.syncConfig names "infra\/powersync\/rules\.yml", but there is no such file/);
});

test('the named folder holds migrations in its own *.sql files only: a subfolder\'s SQL and other files keep their languages', () => {
  const dir = fixtureVariant(FIXTURE, {
    'db/migrations/seed/local.sql': 'CREATE TABLE IF NOT EXISTS drafts (id TEXT NOT NULL PRIMARY KEY);\n',
    'db/migrations/notes.yaml': 'bucket_definitions: {}\n',
  });
  checkJson(dir);
  assert.equal(languageOf(path.join(dir, 'db/migrations/20250201000000_todo_source.sql')), 'postgres-migration');
  assert.equal(languageOf(path.join(dir, 'db/migrations/seed/local.sql')), 'sql');
  assert.equal(languageOf(path.join(dir, 'db/migrations/notes.yaml')), undefined);
  // Another project's files are read by the default patterns.
  assert.equal(languageOf(path.join(fixturePath('rule-put-column-not-synced'), MIGRATION)), 'sql');
});
