// upload-column-not-in-postgres and fk-across-priorities on a Dart app: the Flutter example (the
// core's triggers from jsonEncode(listsTable), hand-written ones for todos, a deferred foreign key
// under PRAGMA foreign_keys = ON) against a backend of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson } from '../../support/findings';
import { exampleVariant } from '../../support/fixture-variant';

const MIGRATION = `create table public.lists (id uuid primary key, name text not null, owner_id uuid);
create table public.todos (id uuid primary key, list_id uuid not null references public.lists (id), description text, done boolean not null default false);
`;

const buckets = (todosPriority: string) => `bucket_definitions:
  user_lists:
    parameters: SELECT request.user_id() AS owner_id
    data:
      - SELECT id, name, owner_id FROM lists WHERE owner_id = bucket.owner_id
  user_todos:
${todosPriority}    parameters: SELECT id AS list_id FROM lists WHERE owner_id = request.user_id()
    data:
      - SELECT id, list_id, description, done AS completed FROM todos WHERE list_id = bucket.list_id
`;

const app = (syncConfig: string) => exampleVariant('flutter-app-fixed', { 'supabase/migrations/20250101000000_init.sql': MIGRATION, 'powersync/sync-config.yaml': syncConfig });
const of = (dir: string, rule: string) => checkJson(dir).findings.filter((f) => f.rule === rule);

test('Dart: the todos triggers upload completed, which the sync config renames from Postgres done; the core\'s lists triggers upload what Postgres has', () => {
  const findings = of(app(buckets('')), 'upload-column-not-in-postgres');
  assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1}`), ['lib/powersync/triggers.dart:21', 'lib/powersync/triggers.dart:28']);
  assert.match(findings[0].message, /^Uploads of 'todos' carry 'completed', a column Postgres table public\.todos does not have\. Trigger 'todos_insert' .* renames Postgres column 'done' to 'completed' \(done AS completed\)/);
});

test('Dart: todos at priority 1 reference lists at priority 3 through a deferred key: fk-across-priorities', () => {
  const findings = of(app(buckets('    priority: 1\n')), 'fk-across-priorities');
  assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1}`), ['lib/powersync/local_tables.dart:24']);
  assert.match(findings[0].message, /Deferring the key does not help.* SQLite checks the key: the app runs PRAGMA foreign_keys = ON\./);
  assert.deepEqual(of(app(buckets('')), 'fk-across-priorities'), []);
});

test('Dart: the core\'s trigger from jsonEncode(listsTable) uploads its syncedColumns; one Postgres lacks is found', () => {
  const dir = exampleVariant('flutter-app-fixed', {
    'supabase/migrations/20250101000000_init.sql': MIGRATION.replace('name text not null, owner_id uuid', 'name text not null, user_id uuid'),
    'powersync/sync-config.yaml': buckets('').replace('SELECT id, name, owner_id FROM lists WHERE owner_id = bucket.owner_id', 'SELECT id, name FROM lists WHERE user_id = bucket.owner_id').replace('WHERE owner_id = request.user_id()', 'WHERE user_id = request.user_id()'),
  });
  const findings = of(dir, 'upload-column-not-in-postgres').filter((f) => f.message.startsWith("Uploads of 'lists'"));
  assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1}`), ['lib/powersync/triggers.dart:11']);
  assert.match(findings[0].message, /^Uploads of 'lists' carry 'owner_id', a column Postgres table public\.lists does not have\. The trigger powersync_create_raw_table_crud_trigger creates for 'lists' \(powersync\/triggers\.dart\) puts every column of 'lists' but id that synced_columns lists into ps_crud, 'owner_id' among them\..* Take 'owner_id' out of the synced columns, add the column to public\.lists in a migration, or map it in uploadData\.$/);
});
