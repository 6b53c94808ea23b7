import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'sync-config-invalid';
const CONFIG = 'powersync/sync-config.yaml';
const WITH_MIGRATIONS = "Reported by PowerSync's own compiler (@powersync/service-sync-rules) with the Postgres tables of supabase/migrations.";

const summary = (dir: string) =>
  checkJson(dir).findings.filter((f) => f.rule === RULE).map((f) => ({ severity: f.severity, file: f.file, at: [f.range.start.line + 1, f.range.start.character, f.range.end.character], message: f.message }));

/** The same config written as sync streams (edition 3), with the same two mistakes. */
const STREAMS = `config:
  edition: 3
streams:
  lists:
    auto_subscribe: true
    query: SELECT id, lower_case(name) AS name FROM lists WHERE owner_id = auth.user_id()
  todos:
    auto_subscribe: true
    query: SELECT id, list_id, title, avatar_url FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())
`;

test('bucket definitions: the compiler\'s error and its warning, at their YAML places', () => {
  const found = fixtureFindings('rule-sync-config-invalid', RULE);
  assert.deepEqual(found.map((f) => [f.severity, f.file, f.range.start.line + 1, f.range.start.character, f.range.end.character]), [
    ['error', CONFIG, 5, 19, 35],
    ['warning', CONFIG, 6, 35, 45],
  ]);
  assert.equal(found[0].message, `The PowerSync service rejects this sync config: Function 'lower_case' is not defined. ${WITH_MIGRATIONS}`);
  assert.equal(found[1].message, `PowerSync's sync-config compiler warns: Column not found: avatar_url. ${WITH_MIGRATIONS}`);
});

test('bucket definitions: the fixed twin is clean', () => {
  assert.deepEqual(fixtureFindings('rule-sync-config-invalid-ok', RULE), []);
});

test('sync streams: the same mistakes at their places in the stream queries', () => {
  const dir = fixtureVariant('rule-sync-config-invalid', { [CONFIG]: STREAMS });
  const found = summary(dir);
  assert.deepEqual(found.map((f) => [f.severity, f.at]), [
    ['error', [6, 22, 32]],
    ['warning', [9, 38, 48]],
  ]);
  assert.match(found[0].message, /^The PowerSync service rejects this sync config: /);
  assert.match(found[1].message, /^PowerSync's sync-config compiler warns: Column not found\./);
});

test('sync streams: the fixed twin is clean', () => {
  const fixed = STREAMS.replace('lower_case(name)', 'lower(name)').replace('avatar_url', 'title AS heading');
  assert.deepEqual(summary(fixtureVariant('rule-sync-config-invalid', { [CONFIG]: fixed })), []);
});

test('without migrations, a column the compiler cannot check is not reported; the schema-free error still is', () => {
  const dir = fixtureVariant('rule-sync-config-invalid', {
    'supabase/migrations/20250101000000_init.sql': null,
    'supabase/migrations/20250201000000_todo_source.sql': null,
  });
  const found = summary(dir);
  assert.deepEqual(found.map((f) => [f.severity, f.at[0]]), [['error', 5]]);
  assert.match(found[0].message, /without a Postgres schema \(no migrations read\)\.$/);
});

test('a table the migrations do not create (made in the dashboard) is not reported', () => {
  const dir = fixtureVariant('rule-sync-config-invalid-ok', { [CONFIG]: replacing('FROM todos', 'FROM dashboard_todos') });
  assert.deepEqual(summary(dir), []);
});

test('a YAML file without bucket_definitions or streams is not read as a sync config', () => {
  const dir = fixtureVariant('rule-sync-config-invalid', { 'powersync/powersync.yaml': 'replication:\n  connections: []\nsync_rules:\n  path: sync-config.yaml\n', [CONFIG]: null });
  assert.deepEqual(summary(dir), []);
});

test('a # rawsync-disable-next-line comment in the YAML silences the finding on the next line', () => {
  const dir = fixtureVariant('rule-sync-config-invalid', {
    [CONFIG]: replacing('      - SELECT id, list_id, title, avatar_url', '      # rawsync-disable-next-line sync-config-invalid -- the column comes with the next migration\n      - SELECT id, list_id, title, avatar_url'),
  });
  assert.deepEqual(summary(dir).map((f) => [f.severity, f.at[0]]), [['error', 5]]);
});
