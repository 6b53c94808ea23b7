import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';

const MIGRATION = `create table public.lists (id uuid primary key, name text not null, owner_id uuid not null);
create table public.todos (id uuid primary key, list_id uuid not null references public.lists (id), title text, done boolean not null default false);
`;

const outputs = async (config: string) => {
  const { model } = await analyzeFiles({ 'supabase/migrations/20250101000000_init.sql': MIGRATION, 'powersync/sync-config.yaml': config });
  assert.equal(model.backend.syncConfigs.length, 1);
  return model.backend.syncConfigs[0];
};

test('each output table records its queries\' places, its priorities and each column\'s Postgres source', async () => {
  const config = await outputs(`bucket_definitions:
  lists:
    priority: 1
    parameters: SELECT request.user_id() AS owner_id
    data:
      - SELECT * FROM lists WHERE owner_id = bucket.owner_id
  todos:
    parameters: SELECT id AS list_id FROM lists WHERE owner_id = request.user_id()
    data:
      - SELECT id, list_id, title, done AS completed, upper(title) AS shout FROM todos WHERE list_id = bucket.list_id
`);
  const lists = config.outputTables!.find((t) => t.name === 'lists')!;
  const todos = config.outputTables!.find((t) => t.name === 'todos')!;
  assert.deepEqual(lists.priorities, [1]);
  assert.deepEqual(todos.priorities, [3]);
  assert.equal(lists.prioritiesOverridable, undefined);
  assert.deepEqual(lists.queries.map((q) => [q.definition, q.kind, q.loc.range.start.line, q.loc.range.start.character, q.source]), [['lists', 'bucket', 5, 8, 'public.lists']]);
  assert.deepEqual(todos.queries.map((q) => [q.loc.range.start.line, q.loc.range.start.character]), [[9, 8]]);
  assert.deepEqual(
    todos.columns.map((c) => [c.name, c.type, c.nullable, c.from]),
    [['list_id', 'text', false, 'public.todos.list_id'], ['title', 'text', true, 'public.todos.title'], ['completed', 'integer', false, 'public.todos.done'], ['shout', 'text', undefined, undefined]],
  );
});

test('a `_priority` parameter sets the bucket\'s priority; a stream\'s priority may be overridden by a client', async () => {
  const buckets = await outputs(`bucket_definitions:
  lists:
    parameters: SELECT request.user_id() AS owner_id, 0 AS _priority
    data:
      - SELECT * FROM lists WHERE owner_id = bucket.owner_id
`);
  assert.deepEqual(buckets.outputTables![0].priorities, [0]);
  const streams = await outputs(`config:
  edition: 3
streams:
  lists:
    priority: 2
    auto_subscribe: true
    query: SELECT * FROM lists WHERE owner_id = auth.user_id()
`);
  assert.deepEqual(streams.outputTables![0].priorities, [2]);
  assert.equal(streams.outputTables![0].prioritiesOverridable, true);
  assert.deepEqual(streams.outputTables![0].queries.map((q) => [q.kind, q.loc.range.start.line, q.loc.range.start.character]), [['stream', 6, 11]]);
});

test('a table the migrations do not create leaves only the outputs it feeds unknown', async () => {
  const config = await outputs(`bucket_definitions:
  all:
    data:
      - SELECT * FROM lists
      - SELECT * FROM comments
      - SELECT id, title FROM todos
      - SELECT id, body FROM notes AS todos
`);
  assert.deepEqual(config.outputTables!.map((t) => t.name), ['lists']);
  assert.deepEqual(config.unknownOutputTables!.map((t) => [t.name, t.reason]), [
    ['comments', 'the migrations do not create public.comments'],
    ['todos', 'the migrations do not create public.notes'],
  ]);
  assert.equal(config.outputsUnknown, undefined);
});

test('a wildcard source without an alias leaves every output unknown; with one, only its table', async () => {
  const bare = await outputs(`bucket_definitions:
  all:
    data:
      - SELECT * FROM lists
      - SELECT * FROM "todo%"
`);
  assert.equal(bare.outputTables, undefined);
  assert.match(bare.outputsUnknown!, /wildcard source without an alias/);
  const aliased = await outputs(`bucket_definitions:
  all:
    data:
      - SELECT * FROM lists
      - SELECT id FROM "todo%" AS todos
`);
  assert.deepEqual(aliased.outputTables!.map((t) => t.name), ['lists']);
  assert.deepEqual(aliased.unknownOutputTables!.map((t) => t.name), ['todos']);
});
