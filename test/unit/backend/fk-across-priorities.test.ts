import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';

const RULE = 'fk-across-priorities';
const FIXTURE = 'rule-fk-across-priorities';
const CONFIG = 'powersync/sync-config.yaml';
const INIT = 'supabase/migrations/20250101000000_init.sql';

const found = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const places = (findings: ReturnType<typeof found>) => findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character}`);

/** The fixture's sync config written as sync streams (edition 3): a client may subscribe to a stream at another priority. */
const STREAMS = `config:
  edition: 3
streams:
  lists:
    auto_subscribe: true
    query: SELECT id, name FROM lists WHERE owner_id = auth.user_id()
  todos:
    priority: 1
    auto_subscribe: true
    query: SELECT id, list_id, title FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())
`;

test('bucket definitions: a deferred key from todos (priority 1) to lists (priority 3) under PRAGMA foreign_keys = ON', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), ['src/local.sql:2:77']);
  assert.equal(textAt(`${fixturePath(FIXTURE)}/src/local.sql`, findings[0].range), 'REFERENCES');
  assert.equal(
    findings[0].message,
    "Synced 'todos' rows arrive before their 'lists' rows and fail this foreign key, stopping the sync. The sync config (powersync/sync-config.yaml) sends 'todos' at priority 1 and 'lists' at priority 3: PowerSync applies each priority of a checkpoint in its own transaction, the higher (lower number) first, so a new 'todos' row is applied before the 'lists' row it references exists, and the transaction of priority 1 fails ('FOREIGN KEY constraint failed'). Deferring the key does not help: it is checked when that transaction commits, and the parents are not in it. SQLite checks the key: the app runs PRAGMA foreign_keys = ON. Send 'lists' at priority 1 or a higher one (a lower number), or 'todos' at priority 3.",
  );
  assert.equal(findings[0].severity, 'error');
  // Both ends: the queries that send each table, and the parent table.
  assert.deepEqual(findings[0].related.map((r) => [r.file, r.range.start.line + 1, r.message]), [
    [CONFIG, 11, "bucket 'user_todos' sends 'todos' at priority 1"],
    [CONFIG, 5, "bucket 'user_lists' sends 'lists' at priority 3"],
    ['src/local.sql', 1, "parent table 'lists'"],
  ]);
});

test('bucket definitions: the fixed twin (both tables at priority 1) is clean', () => {
  assert.deepEqual(fixtureFindings(`${FIXTURE}-ok`, RULE), []);
});

test('a `_priority` bucket parameter counts as the bucket\'s priority; the parent at the higher priority is fine', () => {
  const underscore = fixtureVariant(FIXTURE, { [CONFIG]: replacing('    priority: 1\n    parameters: SELECT id AS list_id', '    parameters: SELECT id AS list_id, 1 AS _priority') });
  assert.deepEqual(places(found(underscore)), ['src/local.sql:2:77']);
  const parentFirst = fixtureVariant(`${FIXTURE}-ok`, { [CONFIG]: replacing('    priority: 1\n    parameters: SELECT request.user_id()', '    priority: 0\n    parameters: SELECT request.user_id()') });
  assert.deepEqual(found(parentFirst), []);
});

test('an immediate key: the same finding, saying the core ends the sync (fk-not-deferrable says the rest)', () => {
  const immediate = fixtureVariant(FIXTURE, { 'src/local.sql': replacing(' DEFERRABLE INITIALLY DEFERRED', '') });
  const [finding] = found(immediate);
  assert.match(finding.message, /the transaction of priority 1 fails \('FOREIGN KEY constraint failed'\)\. The core ends the sync there, and each new connection fails the same way; deferring the key would not help/);
  assert.ok(checkJson(immediate).findings.some((f) => f.rule === 'fk-not-deferrable'));
});

test('sync streams: no finding, as a client may subscribe to a stream at another priority; not-analyzed says so', () => {
  const streams = fixtureVariant(FIXTURE, { [CONFIG]: STREAMS });
  assert.deepEqual(found(streams), []);
  assert.deepEqual(
    checkJson(streams).findings.filter((f) => f.rule === 'not-analyzed').map((f) => [f.file, f.range.start.line + 1, f.range.start.character, f.message]),
    [['src/local.sql', 2, 77, "Not checked: the foreign key from 'todos' to 'lists' against the priorities they sync at. Sync streams send 'todos' and 'lists', and a client may subscribe to a stream at another priority than its default (by the defaults, 'todos' at 1 and 'lists' at 3, the children would be applied first)."]],
  );
  const ok = fixtureVariant(`${FIXTURE}-ok`, { [CONFIG]: STREAMS.replace('  lists:\n', '  lists:\n    priority: 1\n') });
  assert.deepEqual(checkJson(ok).findings.filter((f) => f.rule === RULE || f.rule === 'not-analyzed'), []);
});

test('silent when SQLite does not check the key: nothing turns foreign keys on', () => {
  assert.deepEqual(found(fixtureVariant(FIXTURE, { 'src/database.ts': replacing("  await db.execute('PRAGMA foreign_keys = ON');\n", '') })), []);
});

test('silent when a priority is not one number: the child table sent by buckets of two priorities', () => {
  const two = fixtureVariant(FIXTURE, { [CONFIG]: (text) => `${text}  all_todos:\n    priority: 3\n    parameters: SELECT request.user_id() AS owner_id\n    data:\n      - SELECT id, list_id, title FROM todos\n` });
  assert.deepEqual(found(two), []);
});

test('silent when the facts are not known: no migrations, the key column not synced, a raw table whose name is not known', () => {
  assert.deepEqual(found(fixtureVariant(FIXTURE, { [INIT]: null })), []);
  // The put never writes list_id: synced rows leave it NULL, which no foreign key checks.
  const localKey = fixtureVariant(FIXTURE, {
    'src/schema.ts': replacing(
      "sql: 'INSERT INTO todos (id, list_id, title) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET list_id = excluded.list_id, title = excluded.title',\n      params: ['Id', { Column: 'list_id' }, { Column: 'title' }],",
      "sql: 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title',\n      params: ['Id', { Column: 'title' }],",
    ),
  });
  assert.deepEqual(found(localKey), []);
  // Another raw table, its name read at run time: it may sync either table at another priority.
  const unknownName = fixtureVariant(FIXTURE, { 'src/schema.ts': (text) => `${text}\nAppSchema.withRawTables({ [globalThis.name]: { put: { sql: 'INSERT INTO lists (id, name) VALUES (?, ?)', params: ['Id', { Column: 'name' }] } } });\n` });
  assert.deepEqual(found(unknownName), []);
});

const ROOM = 'rule-fk-across-priorities-room';
const ENTITIES = 'src/commonMain/kotlin/com/example/todo/data/Entities.kt';

test('Room: a deferred @ForeignKey from todo (priority 1) to todo_list (priority 3); Room turns the keys on', () => {
  const findings = fixtureFindings(ROOM, RULE);
  assert.deepEqual(places(findings), [`${ENTITIES}:19:8`]);
  assert.equal(textAt(`${fixturePath(ROOM)}/${ENTITIES}`, findings[0].range).startsWith('ForeignKey('), true);
  assert.match(findings[0].message, /^Synced 'todo' rows arrive before their 'todo_list' rows and fail this foreign key, stopping the sync\. .* Deferring the key does not help: .* SQLite checks the key: Room turns foreign keys on because TodoEntity declares a foreign key\. Send 'todo_list' at priority 1 or a higher one \(a lower number\), or 'todo' at priority 3\.$/);
  assert.deepEqual(findings[0].related.map((r) => [r.file, r.range.start.line + 1, r.message]), [
    [CONFIG, 11, "bucket 'user_todos' sends 'todo' at priority 1"],
    [CONFIG, 5, "bucket 'user_lists' sends 'todo_list' at priority 3"],
    [ENTITIES, 9, "parent table 'todo_list'"],
  ]);
});

test('Room: the fixed twin (todo_list at priority 1 too) is clean', () => {
  assert.deepEqual(fixtureFindings(`${ROOM}-ok`, RULE), []);
});

test('Room: an immediate key (deferred = false) is reported by both rules', () => {
  const immediate = fixtureVariant(ROOM, { [ENTITIES]: replacing('            deferred = true\n', '            deferred = false\n') });
  const all = checkJson(immediate).findings;
  assert.match(all.find((f) => f.rule === RULE)?.message ?? '', /The core ends the sync there/);
  assert.ok(all.some((f) => f.rule === 'fk-not-deferrable'));
});
