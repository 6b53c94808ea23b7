import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrontEnds, languageOf } from '../../../server/src/frontends/index';
import { buildPostgresSchema } from '../../../server/src/model/backend/postgres-schema';
import type { FileFacts } from '../../../server/src/model/facts';
import { wasmDir } from '../../support/paths';

test('supabase/migrations/*.sql are Postgres; other .sql files stay SQLite; sync configs by their names', () => {
  assert.equal(languageOf('/app/supabase/migrations/20250101000000_init.sql'), 'postgres-migration');
  assert.equal(languageOf('/app/supabase/seed.sql'), 'sql');
  assert.equal(languageOf('/app/src/main/assets/schema.sql'), 'sql');
  assert.equal(languageOf('/app/powersync/sync-config.yaml'), 'powersync-sync-config');
  assert.equal(languageOf('/app/sync-rules.yaml'), 'powersync-sync-config');
  assert.equal(languageOf('/app/config/powersync.yaml'), 'powersync-sync-config');
  // A sync config or a service config by any of the names they go by (read only when their keys say so).
  assert.equal(languageOf('/app/sync-config.yaml'), 'powersync-sync-config');
  assert.equal(languageOf('/app/config/sync_rules.yml'), 'powersync-sync-config');
  assert.equal(languageOf('/app/powersync/service.yaml'), 'powersync-sync-config');
  assert.equal(languageOf('/app/supabase/powersync/config.yaml'), 'powersync-sync-config');
  assert.equal(languageOf('/app/service.yaml'), undefined);
  assert.equal(languageOf('/app/config.yaml'), undefined);
  assert.equal(languageOf('/app/docker-compose.yaml'), undefined);
});

const schemaOf = async (migrations: Record<string, string>) => {
  const frontEnds = await FrontEnds.create(wasmDir());
  const files = new Map<string, FileFacts>();
  for (const [name, text] of Object.entries(migrations)) {
    const uri = `file:///app/supabase/migrations/${name}`;
    files.set(uri, frontEnds.extract(uri, text)!);
  }
  return { schema: buildPostgresSchema(files), files };
};

test('the migrations in file-name order: create, add, drop, rename, type, NOT NULL, primary key, drop table, enum', async () => {
  const { schema, files } = await schemaOf({
    '20250201000000_second.sql': `
      alter table public.todos rename column description to title;
      alter table todos add column "sourceUrl" text, drop column done, alter column created_at drop not null;
      alter table todos alter column priority type bigint;
      alter table notes add primary key (id);
      drop table if exists public.scratch;
      alter table lists rename to todo_lists;`,
    '20250101000000_first.sql': `
      -- Ünïcode before the statements moves every byte offset
      create type status as enum ('open', 'done');
      create table public.todos (id uuid primary key, description text not null, done boolean, created_at timestamptz not null default now(), priority int, state status, tags text[], n serial);
      create table notes (id uuid, body text);
      create table scratch (x int);
      create table lists (id uuid primary key);
      create policy "p" on todos using (true);
      create publication powersync for table todos;`,
  });
  assert.equal(schema?.unknown, undefined);
  const table = (name: string) => schema?.tables.find((t) => t.name === name);
  assert.deepEqual(table('todos')?.columns.map(({ formerNames, ...column }) => column), [
    { name: 'id', pgType: 'uuid', notNull: true },
    { name: 'title', pgType: 'text', notNull: true },
    { name: 'created_at', pgType: 'timestamptz', notNull: false },
    { name: 'priority', pgType: 'int8', notNull: false },
    { name: 'state', pgType: 'status', notNull: false },
    { name: 'tags', pgType: 'text[]', notNull: false },
    { name: 'n', pgType: 'int4', notNull: false },
    { name: 'sourceUrl', pgType: 'text', notNull: false },
  ]);
  // The renamed column keeps its former name, where the migration renamed it.
  assert.deepEqual(table('todos')?.columns.find((c) => c.name === 'title')?.formerNames?.map((f) => [f.name, f.loc.uri.split('/').pop(), f.loc.range.start.line]), [['description', '20250201000000_second.sql', 1]]);
  assert.deepEqual(table('todos')?.columns.filter((c) => c.formerNames).length, 1);
  assert.deepEqual(table('notes')?.columns.map((c) => [c.name, c.notNull]), [['id', true], ['body', false]]);
  assert.equal(table('scratch'), undefined);
  assert.ok(table('todo_lists') && !table('lists'));
  assert.deepEqual(schema?.enums, ['status']);
  // Each statement is located at its own text, past the non-ASCII comment.
  const first = files.get('file:///app/supabase/migrations/20250101000000_first.sql')!;
  assert.deepEqual(first.postgresChanges?.map((c) => [c.kind, c.loc.range.start.line, c.loc.range.start.character]).slice(0, 2), [['create-enum', 2, 6], ['create-table', 3, 6]]);
});

test('what is not followed makes tables unknown, never guessed', async () => {
  const { schema } = await schemaOf({
    '1_init.sql': 'create table a (id uuid primary key, x text); create table b (like a); create table c as select * from a; alter table a add constraint u unique (x);',
  });
  assert.equal(schema?.unknown, undefined);
  assert.equal(schema?.tables.find((t) => t.name === 'a')?.unknown, undefined);
  assert.match(schema?.tables.find((t) => t.name === 'b')?.unknown ?? '', /LIKE/);
  assert.match(schema?.tables.find((t) => t.name === 'c')?.unknown ?? '', /AS/);
  const doBlock = await schemaOf({ '1_init.sql': 'create table a (id uuid primary key);', '2_more.sql': "do $$ begin execute 'alter table a add column y text'; end $$;" });
  assert.match(doBlock.schema?.unknown?.reason ?? '', /^a DO block may change tables in ways not followed$/);
  const broken = await schemaOf({ '1_init.sql': 'create tabel a (id uuid);' });
  assert.match(broken.schema?.unknown?.reason ?? '', /^Postgres's parser rejects this migration \(syntax error at or near "tabel"\)$/);
});
