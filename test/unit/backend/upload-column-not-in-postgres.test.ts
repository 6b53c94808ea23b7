import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';

const RULE = 'upload-column-not-in-postgres';
const FIXTURE = 'rule-upload-column-not-in-postgres';
const CONFIG = 'powersync/sync-config.yaml';
const INIT = 'supabase/migrations/20250101000000_init.sql';
const TRIGGERS = 'src/triggers.ts';

const found = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const places = (findings: ReturnType<typeof found>) => findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character}`);
const PLACES = ['src/triggers.ts:9:21', 'src/triggers.ts:19:94', 'src/triggers.ts:26:116'];

/** The fixture's sync config written as sync streams (edition 3). */
const STREAMS = `config:
  edition: 3
streams:
  lists:
    auto_subscribe: true
    query: SELECT id, name, created_at FROM lists WHERE owner_id = auth.user_id()
  todos:
    auto_subscribe: true
    query: SELECT id, list_id, title, done AS completed FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())
`;

test('bucket definitions: a local-only column the core\'s trigger uploads, and a renamed column uploaded under its client name', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), PLACES);
  assert.ok(findings.every((f) => f.severity === 'warning'));
  assert.equal(
    findings[0].message,
    "Uploads of 'lists' carry 'pinned', a column Postgres table public.lists does not have. The trigger powersync_create_raw_table_crud_trigger creates for 'lists' (src/triggers.ts) puts every column of 'lists' but id into ps_crud, 'pinned' among them. The upload connector writes ps_crud rows to Postgres by column name (as PowerSync's Supabase connector examples do, upserting and updating the row's data in table 'lists'), so the write is rejected (PostgREST: PGRST204, column not found); a connector that retries it holds every later upload behind it. List the columns to upload in the raw table's syncedColumns (the core's trigger then leaves 'pinned' out), add the column to public.lists in a migration, or map it in uploadData.",
  );
  assert.deepEqual(findings[0].related.map((r) => [r.file, r.range.start.line + 1, r.message]), [
    [INIT, 1, "Postgres table public.lists, without 'pinned'"],
    ['src/local.sql', 1, "local column 'pinned'"],
  ]);
  // The renamed column: on the json_object key, naming the Postgres column and the query that renames it.
  assert.equal(textAt(`${fixturePath(FIXTURE)}/${TRIGGERS}`, findings[1].range), "'completed'");
  assert.equal(
    findings[1].message,
    "Uploads of 'todos' carry 'completed', a column Postgres table public.todos does not have. Trigger 'todos_insert' (src/triggers.ts) puts 'completed' into the ps_crud data of 'todos'. The upload connector writes ps_crud rows to Postgres by column name (as PowerSync's Supabase connector examples do, upserting and updating the row's data in table 'todos'), so the write is rejected (PostgREST: PGRST204, column not found); a connector that retries it holds every later upload behind it. The sync config (powersync/sync-config.yaml) renames Postgres column 'done' to 'completed' (done AS completed), and the upload carries the client's name: upload it as 'done', or map the name back in uploadData.",
  );
  assert.deepEqual(findings[1].related.map((r) => [r.file, r.range.start.line + 1, r.message]), [
    [INIT, 8, "Postgres table public.todos, without 'completed'"],
    [CONFIG, 6, "bucket 'user_lists' sends 'done' as 'completed'"],
  ]);
  // The UPDATE trigger's powersync_diff of two json_objects uploads the same keys.
  assert.match(findings[2].message, /^Uploads of 'todos' carry 'completed'.*Trigger 'todos_update'/);
});

test('bucket definitions: the fixed twin (syncedColumns, the Postgres name) is clean', () => {
  assert.deepEqual(fixtureFindings(`${FIXTURE}-ok`, RULE), []);
});

test('sync streams: the same findings; the fixed twin is clean', () => {
  assert.deepEqual(places(found(fixtureVariant(FIXTURE, { [CONFIG]: STREAMS }))), PLACES);
  assert.deepEqual(found(fixtureVariant(`${FIXTURE}-ok`, { [CONFIG]: STREAMS })), []);
});

test('silent when the Postgres side is not known: no migrations, a statement not followed', () => {
  assert.deepEqual(found(fixtureVariant(FIXTURE, { [INIT]: null })), []);
  const doBlock = fixtureVariant(FIXTURE, { 'supabase/migrations/20250301000000_more.sql': "do $$ begin execute 'alter table todos add column completed boolean'; end $$;\n" });
  assert.deepEqual(found(doBlock), []);
});

test('silent when the table the connector writes is not the one table the output is selected from', () => {
  // todos from two Postgres tables: which one has which columns is not this rule's to guess.
  const twoSources = fixtureVariant(FIXTURE, {
    [INIT]: (text) => `${text}\ncreate table public.archived_todos (id uuid primary key, list_id uuid not null, title text not null, completed boolean not null);\n`,
    [CONFIG]: (text) => `${text}      - SELECT id, list_id, title, completed FROM archived_todos AS todos WHERE list_id = bucket.list_id\n`,
  });
  assert.deepEqual(places(found(twoSources)), PLACES.slice(0, 1));
  // An output named after another table than its source: the connector writes op.table, which the rule cannot follow.
  const aliased = fixtureVariant(FIXTURE, {
    [INIT]: replacing('create table public.todos (', 'create table public.todo_items ('),
    [CONFIG]: replacing('FROM todos WHERE', 'FROM todo_items AS todos WHERE'),
  });
  assert.deepEqual(places(found(aliased)), PLACES.slice(0, 1));
});

test('silent when a trigger\'s keys are not all known, and for a local-only column trigger-uploads-local-columns reports', () => {
  const computed = fixtureVariant(FIXTURE, { [TRIGGERS]: replacing("'todos', json_object('list_id', NEW.list_id, 'title', NEW.title, 'completed', NEW.completed))", "'todos', json_set(json_object('list_id', NEW.list_id, 'title', NEW.title, 'completed', NEW.completed), '$.x', 1))") });
  assert.deepEqual(places(found(computed)), [PLACES[0], PLACES[2]]);
  const localOnly = fixtureVariant(`${FIXTURE}-ok`, {
    'src/local.sql': replacing('completed INTEGER);', 'completed INTEGER, draft INTEGER);'),
    [TRIGGERS]: replacing("'done', NEW.completed));", "'done', NEW.completed, 'draft', NEW.draft));"),
  });
  const all = checkJson(localOnly).findings;
  assert.deepEqual(all.filter((f) => f.rule === RULE), []);
  assert.deepEqual(all.filter((f) => f.rule === 'trigger-uploads-local-columns').length, 1);
});

test('the id key and the DELETE trigger upload nothing to judge', () => {
  const withId = fixtureVariant(`${FIXTURE}-ok`, { [TRIGGERS]: replacing("json_object('list_id', NEW.list_id, 'title', NEW.title, 'done', NEW.completed));", "json_object('id', NEW.id, 'list_id', NEW.list_id, 'title', NEW.title, 'done', NEW.completed));") });
  assert.deepEqual(found(withId), []);
});

const ROOM = 'rule-fk-across-priorities-room';
const ROOM_DATA = 'src/commonMain/kotlin/com/example/todo/data';
/** The Room fixture's `todo` gets the core's CRUD triggers, from the raw table's JSON written out. */
const roomTriggers = (json: string) => `package com.example.todo.sync

import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

object CrudTriggers : RoomDatabase.Callback() {
    override fun onOpen(connection: SQLiteConnection) {
        for (write in listOf("INSERT", "UPDATE", "DELETE")) {
            connection.execSQL("DROP TRIGGER IF EXISTS todo_\${write.lowercase()}")
            connection.execSQL("SELECT powersync_create_raw_table_crud_trigger('${json.replace(/"/g, '\\"')}', 'todo_\${write.lowercase()}', '\$write')")
        }
    }
}
`;
const TRIGGERS_KT = 'src/commonMain/kotlin/com/example/todo/sync/CrudTriggers.kt';
const PINNED = { [`${ROOM_DATA}/Entities.kt`]: replacing('    val title: String,\n)', '    val title: String,\n    val pinned: Boolean?,\n)') };

test('Kotlin/Room: the core\'s triggers upload a local-only entity column Postgres does not have; the JSON handed over is what counts', () => {
  const json = '{"name":"todo","table_name":"todo"}';
  assert.deepEqual(found(fixtureVariant(ROOM, { [TRIGGERS_KT]: roomTriggers(json) })), []);
  const findings = found(fixtureVariant(ROOM, { [TRIGGERS_KT]: roomTriggers(json), ...PINNED }));
  assert.deepEqual(findings.map((f) => [f.file, f.range.start.line + 1]), [[TRIGGERS_KT, 11]]);
  assert.match(findings[0].message, /^Uploads of 'todo' carry 'pinned', a column Postgres table public\.todo does not have\. The trigger powersync_create_raw_table_crud_trigger creates for 'todo' \(sync\/CrudTriggers\.kt\) puts every column of 'todo' but id into ps_crud, 'pinned' among them\./);
  assert.deepEqual(findings[0].related.map((r) => [r.file, r.message]), [[INIT, "Postgres table public.todo, without 'pinned'"], [`${ROOM_DATA}/Entities.kt`, "local column 'pinned'"]]);
  // The raw table declares no syncedColumns, but the JSON the trigger is made from lists them: 'pinned' stays local.
  const listed = fixtureVariant(ROOM, { [TRIGGERS_KT]: roomTriggers('{"name":"todo","table_name":"todo","synced_columns":["list_id","title"]}'), ...PINNED });
  assert.deepEqual(found(listed), []);
});
