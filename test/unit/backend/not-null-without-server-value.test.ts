import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'not-null-without-server-value';
const FIXTURE = 'rule-not-null-without-server-value';
const CONFIG = 'powersync/sync-config.yaml';
const INIT = 'supabase/migrations/20250101000000_init.sql';
const ALTER = 'supabase/migrations/20250201000000_title_optional.sql';
const LOCAL = 'src/local.sql';

const found = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const places = (findings: ReturnType<typeof found>) => findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character}`);

/** The sync config of the fixtures written as sync streams (edition 3). */
const STREAMS = `config:
  edition: 3
streams:
  todos:
    auto_subscribe: true
    query: SELECT id, list_id, title, notes AS description, completed FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())
`;

const WHERE = ['src/schema.ts:9:44', 'src/schema.ts:9:65'];

test('bucket definitions: NOT NULL local columns bound from Postgres columns that allow NULL (after an ALTER, through an alias), all ends named', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), WHERE);
  assert.equal(
    findings[0].message,
    "A NULL 'title' from the server fails the put of 'todos' and stalls the sync. Local column 'todos.title' (src/local.sql) is NOT NULL without a DEFAULT, and the put of raw table 'todos' (src/schema.ts) binds it from Column 'title', which the sync config (powersync/sync-config.yaml) sends from the Postgres column public.todos.title, nullable as the migrations leave it (the table is created in migrations/20250101000000_init.sql). The first row where it is NULL fails with 'NOT NULL constraint failed' and the whole checkpoint is not applied. Make the local column nullable, make the Postgres column NOT NULL, or bind a fallback in the put (coalesce(?, …)).",
  );
  assert.match(findings[1].message, /^A NULL 'description' from the server .* binds it from Column 'description', which the sync config \(powersync\/sync-config\.yaml\) sends from the Postgres column public\.todos\.notes, nullable/);
  assert.deepEqual(findings[0].related.map((r) => [r.file, r.range.start.line + 1, r.message]), [
    [LOCAL, 1, "the NOT NULL column 'todos.title'"],
    [CONFIG, 5, "a query of bucket 'user_lists' that sends 'title' for 'todos'"],
    [INIT, 7, 'the Postgres table whose column public.todos.title allows NULL'],
  ]);
});

test('bucket definitions: the fixed twin is clean', () => {
  assert.deepEqual(fixtureFindings(`${FIXTURE}-ok`, RULE), []);
});

test('sync streams: the same findings', () => {
  const findings = found(fixtureVariant(FIXTURE, { [CONFIG]: STREAMS }));
  assert.deepEqual(places(findings), WHERE);
  assert.match(findings[1].message, /sends from the Postgres column public\.todos\.notes, nullable/);
});

test('sync streams: the fixed twin is clean', () => {
  assert.deepEqual(found(fixtureVariant(`${FIXTURE}-ok`, { [CONFIG]: STREAMS })), []);
});

test('a Postgres column left NOT NULL by the migrations is silent', () => {
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { [ALTER]: null }))), ['src/schema.ts:9:65']);
});

test('silent when the nullability is not known, or not this rule\'s', () => {
  // An expression: what it yields for NULL is not followed.
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { [CONFIG]: replacing('notes AS description', 'upper(notes) AS description') }))), ['src/schema.ts:9:44']);
  // A fallback bound in the put.
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { 'src/schema.ts': replacing('VALUES (?, ?, ?, ?, ?)', 'VALUES (?, ?, coalesce(?, 0), ?, ?)') }))), ['src/schema.ts:9:65']);
  // A key the sync config does not send is put-column-not-synced's.
  const unsent = fixtureVariant(FIXTURE, { [CONFIG]: replacing('notes AS description', 'notes') });
  assert.deepEqual(places(found(unsent)), ['src/schema.ts:9:44']);
  assert.deepEqual(checkJson(unsent).findings.filter((f) => f.rule === 'put-column-not-synced').map((f) => f.range.start.line + 1), [9]);
  // No migrations, or a statement not followed.
  assert.deepEqual(found(fixtureVariant(FIXTURE, { [INIT]: null, [ALTER]: null })), []);
  assert.deepEqual(found(fixtureVariant(FIXTURE, { 'supabase/migrations/20250301000000_more.sql': "do $$ begin execute 'alter table todos add column x text'; end $$;\n" })), []);
});

test('a local DEFAULT does not save an upsert put: still reported, saying why', () => {
  const findings = found(fixtureVariant(FIXTURE, { [LOCAL]: replacing('title TEXT NOT NULL', "title TEXT NOT NULL DEFAULT ''") }));
  assert.deepEqual(places(findings), WHERE);
  assert.match(findings[0].message, /Local column 'todos\.title' \(src\/local\.sql\) is NOT NULL \(its DEFAULT is not used: the put binds the NULL, and only INSERT OR REPLACE would store the DEFAULT instead\), and the put/);
});

test('silent where SQLite stores the DEFAULT or skips the row: INSERT OR REPLACE with a DEFAULT, NOT NULL ON CONFLICT REPLACE with a DEFAULT, INSERT OR IGNORE', () => {
  const upsert = 'INSERT INTO todos (id, list_id, title, description, completed) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET list_id = excluded.list_id, title = excluded.title, description = excluded.description, completed = excluded.completed';
  const replace = 'INSERT OR REPLACE INTO todos (id, list_id, title, description, completed) VALUES (?, ?, ?, ?, ?)';
  const withDefault = replacing('title TEXT NOT NULL', "title TEXT NOT NULL DEFAULT ''");
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { [LOCAL]: withDefault, 'src/schema.ts': replacing(upsert, replace) }))), ['src/schema.ts:9:65']);
  // Without the DEFAULT, REPLACE aborts as well.
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { 'src/schema.ts': replacing(upsert, replace) }))), WHERE);
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { [LOCAL]: replacing('title TEXT NOT NULL', "title TEXT NOT NULL ON CONFLICT REPLACE DEFAULT ''") }))), ['src/schema.ts:9:65']);
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { 'src/schema.ts': replacing(upsert, replace.replace('OR REPLACE', 'OR IGNORE')) }))), []);
});
