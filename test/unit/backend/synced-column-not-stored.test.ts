import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'synced-column-not-stored';
const FIXTURE = 'rule-synced-column-not-stored';
const CONFIG = 'powersync/sync-config.yaml';
const SCHEMA = 'src/schema.ts';
const INIT = 'supabase/migrations/20250101000000_init.sql';
const NOTES = 'supabase/migrations/20250201000000_todo_notes.sql';

const found = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const places = (findings: ReturnType<typeof found>) => findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character}`);

/** The sync config of the fixtures written as sync streams (edition 3). */
const STREAMS = `config:
  edition: 3
streams:
  lists:
    auto_subscribe: true
    query: SELECT id, name, owner_id FROM lists WHERE owner_id = auth.user_id()
  todos:
    auto_subscribe: true
    query: SELECT * FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())
`;

const WHERE = ['src/schema.ts:9:14', 'src/schema.ts:14:29'];

test('bucket definitions: a column the put never reads and one an inferred table does not list, both ends named', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), WHERE);
  assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning']);
  // The column added by the later migration reaches the output through SELECT *.
  assert.equal(
    findings[0].message,
    "Column 'notes' of 'todos' is synced on every row, then dropped. The sync config (powersync/sync-config.yaml) sends it, and the put of raw table 'todos' (src/schema.ts) never reads it. To keep it, read it with a Column parameter into a local column (or keep it with Rest); if the app does not need it, leave it out of the sync config's query.",
  );
  assert.equal(
    findings[1].message,
    "Column 'owner_id' of 'lists' is synced on every row, then dropped. The sync config (powersync/sync-config.yaml) sends it, and the syncedColumns of raw table 'lists' (src/schema.ts) never reads it. To keep it, list it in syncedColumns (with a local column of that name); if the app does not need it, leave it out of the sync config's query.",
  );
  assert.deepEqual(
    findings.map((f) => f.related.map((r) => [r.file, r.range.start.line + 1, r.message])),
    [[[CONFIG, 6, "a query of bucket 'user_lists' that sends 'notes' for 'todos'"]], [[CONFIG, 5, "a query of bucket 'user_lists' that sends 'owner_id' for 'lists'"]]],
  );
});

test('bucket definitions: the fixed twin is clean', () => {
  assert.deepEqual(fixtureFindings(`${FIXTURE}-ok`, RULE), []);
});

test('sync streams: the same findings', () => {
  const findings = found(fixtureVariant(FIXTURE, { [CONFIG]: STREAMS }));
  assert.deepEqual(places(findings), WHERE);
  assert.match(findings[0].message, /^Column 'notes' of 'todos' is synced on every row, then dropped\. The sync config \(powersync\/sync-config\.yaml\) sends it, and the put of raw table 'todos' \(src\/schema\.ts\) never reads it\./);
});

test('sync streams: the fixed twin is clean', () => {
  assert.deepEqual(found(fixtureVariant(`${FIXTURE}-ok`, { [CONFIG]: STREAMS })), []);
});

test('a query that does not select the column sends nothing to drop', () => {
  const narrowed = fixtureVariant(FIXTURE, {
    [CONFIG]: replacing('SELECT * FROM todos', 'SELECT id, list_id, title, completed FROM todos'),
    [SCHEMA]: replacing("syncedColumns: ['name']", "syncedColumns: ['name', 'owner_id']"),
    'src/local.sql': replacing('name TEXT)', 'name TEXT, owner_id TEXT)'),
  });
  assert.deepEqual(found(narrowed), []);
});

test('Rest keeps every key no Column reads: silent', () => {
  const rest = fixtureVariant(FIXTURE, {
    [SCHEMA]: (text) => text
      .replace('title, completed) VALUES (?, ?, ?, ?)', 'title, completed, extra) VALUES (?, ?, ?, ?, ?)')
      .replace('completed = excluded.completed', 'completed = excluded.completed, extra = excluded.extra')
      .replace("{ Column: 'completed' }]", "{ Column: 'completed' }, 'Rest']"),
    'src/local.sql': replacing('completed INTEGER)', 'completed INTEGER, extra TEXT)'),
  });
  assert.deepEqual(places(found(rest)), ['src/schema.ts:14:29']);
});

test('silent when what is read or sent is not fully known', () => {
  // An inferred raw table without syncedColumns writes the local table's columns: not judged here.
  const inferred = fixtureVariant(FIXTURE, { [SCHEMA]: replacing("schema: { syncedColumns: ['name'] },", 'schema: {},') });
  assert.deepEqual(places(found(inferred)), ['src/schema.ts:9:14']);
  // A Column key not resolved.
  const unresolved = fixtureVariant(FIXTURE, { [SCHEMA]: replacing("{ Column: 'completed' }]", '{ Column: process.env.COMPLETED as string }]') });
  assert.deepEqual(places(found(unresolved)), ['src/schema.ts:14:29']);
  // No migrations: SELECT * sends columns not known.
  assert.deepEqual(found(fixtureVariant(FIXTURE, { [INIT]: null, [NOTES]: null })), []);
  // A statement not followed.
  assert.deepEqual(found(fixtureVariant(FIXTURE, { 'supabase/migrations/20250301000000_more.sql': "do $$ begin execute 'alter table todos add column x text'; end $$;\n" })), []);
  // A second sync config: which one the app meets is not known.
  assert.deepEqual(found(fixtureVariant(FIXTURE, { 'staging/sync-rules.yaml': STREAMS })), []);
});
