import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'synced-table-without-client';
const FIXTURE = 'rule-synced-table-without-client';
const CONFIG = 'powersync/sync-config.yaml';
const SCHEMA = 'src/schema.ts';
const INIT = 'supabase/migrations/20250101000000_init.sql';

const found = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const places = (findings: ReturnType<typeof found>) => findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character}`);

const stream = (table: string, columns: string) => `  ${table}:
    auto_subscribe: true
    query: SELECT ${columns} FROM ${table} WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())
`;
/** The sync config of the fixtures written as sync streams (edition 3). */
const STREAMS = `config:
  edition: 3
streams:
  lists:
    auto_subscribe: true
    query: SELECT id, name FROM lists WHERE owner_id = auth.user_id()
${stream('todos', 'id, list_id, title')}${stream('comments', 'id, list_id, body')}`;
const STREAMS_OK = STREAMS + stream('tags', 'id, list_id, label');

// The finding on the sync config sits on the query that outputs the table.
const WHERE = [`${CONFIG}:7:8`, 'src/schema.ts:15:2'];

test('bucket definitions: a synced table the client does not declare, and a raw table no query feeds, both ends named', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), WHERE);
  assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning']);
  assert.equal(
    findings[0].message,
    "Synced rows of 'comments' reach no table of the app. The sync config (powersync/sync-config.yaml) sends 'comments', but no raw table and no PowerSync table of the client schema (src/schema.ts) has that name: the core keeps its rows in ps_untyped, where the app never reads them. Declare a raw table (or a Table) named 'comments', or stop syncing it.",
  );
  assert.deepEqual(findings[0].related.map((r) => [r.file, r.range.start.line + 1, r.message]), [[SCHEMA, 5, "a client schema without 'comments'"]]);
  assert.equal(
    findings[1].message,
    "No synced row ever reaches raw table 'tags'. Raw table 'tags' (src/schema.ts) takes the rows the sync config sends under that name, and no query of the sync config (powersync/sync-config.yaml) outputs 'tags': it sends 'lists', 'todos', 'comments'.",
  );
  assert.deepEqual(findings[1].related.map((r) => [r.file, r.range.start.line + 1, r.message]), [[CONFIG, 1, "the sync config, which outputs no 'tags'"]]);
});

test('bucket definitions: the fixed twin is clean', () => {
  assert.deepEqual(fixtureFindings(`${FIXTURE}-ok`, RULE), []);
});

test('sync streams: the same findings', () => {
  const findings = found(fixtureVariant(FIXTURE, { [CONFIG]: STREAMS }));
  // Here the stream's `query`.
  assert.deepEqual(places(findings), [`${CONFIG}:12:11`, 'src/schema.ts:15:2']);
  assert.match(findings[0].message, /^Synced rows of 'comments' reach no table of the app\./);
  assert.match(findings[1].message, /outputs 'tags': it sends 'lists', 'todos', 'comments'\.$/);
});

test('sync streams: the fixed twin is clean', () => {
  assert.deepEqual(found(fixtureVariant(`${FIXTURE}-ok`, { [CONFIG]: STREAMS_OK })), []);
});

test('a raw table named with another case is not fed, and the close name is said', () => {
  const dir = fixtureVariant(`${FIXTURE}-ok`, { [SCHEMA]: replacing('  tags: {', '  Tags: {') });
  const findings = found(dir);
  assert.deepEqual(places(findings), ['src/schema.ts:16:2']);
  assert.match(findings[0].message, /outputs 'Tags': it sends 'lists', 'todos', 'comments', 'tags'; did you mean 'tags'\? Table names are matched exactly, case included\.$/);
});

test('silent when the client or the sync config is not fully known', () => {
  // A Schema entry not read: the table it holds may be 'comments'; the raw table 'tags' is still judged.
  const unread = fixtureVariant(FIXTURE, { [SCHEMA]: replacing('new Schema({ lists })', 'new Schema({ lists, comments: makeTable() })') });
  assert.deepEqual(places(found(unread)), ['src/schema.ts:15:2']);
  // A sync config whose tables are not all known (no migrations): nothing to say either way.
  assert.deepEqual(found(fixtureVariant(FIXTURE, { [INIT]: null })), []);
  // A sync config that does not compile (its error is sync-config-invalid's).
  const broken = fixtureVariant(FIXTURE, { [CONFIG]: replacing('SELECT id, name FROM lists', 'SELECT id, name FROM lists WHERE') });
  assert.deepEqual(found(broken), []);
  assert.ok(checkJson(broken).findings.some((f) => f.rule === 'sync-config-invalid' && f.severity === 'error'));
  // Two sync configs: which one the app meets is not known.
  assert.deepEqual(found(fixtureVariant(FIXTURE, { 'staging/sync-rules.yaml': STREAMS })), []);
});

test('a # rawsync-disable-next-line comment above the query silences the finding on it', () => {
  const dir = fixtureVariant(FIXTURE, { [CONFIG]: replacing('      - SELECT id, list_id, body FROM comments', '      # rawsync-disable-next-line synced-table-without-client\n      - SELECT id, list_id, body FROM comments') });
  assert.deepEqual(places(found(dir)), ['src/schema.ts:15:2']);
});
