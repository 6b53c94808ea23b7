import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCrudTriggers } from '../../../server/src/engine/crud-triggers';
import { openCoreDatabase } from './core-database';

const todo = 'create table todo (id text primary key not null, profile_id text, title text, pinned integer not null default 0)';
const rawTable = { name: 'todo', table_name: 'todo', synced_columns: ['profile_id', 'title'] };

test('the core creates INSERT, UPDATE and DELETE triggers and we read back its SQL', async () => {
  const db = await openCoreDatabase(todo);
  const result = createCrudTriggers(db, rawTable);
  assert.ok(result.ok);
  assert.deepEqual(result.triggers.map((t) => [t.event, t.name]), [['INSERT', 'todo_insert'], ['UPDATE', 'todo_update'], ['DELETE', 'todo_delete']]);
  const [insert, update, remove] = result.triggers.map((t) => t.sql);
  assert.match(insert, /^CREATE TRIGGER "todo_insert" AFTER INSERT ON "todo"/);
  assert.match(insert, /'PUT'/);
  assert.match(insert, /json_object\('profile_id', [^)]*\)[^]*'title'/);
  assert.doesNotMatch(insert, /pinned/);
  assert.match(update, /WHEN NOT powersync_in_sync_operation\(\) AND\s*\(OLD\."profile_id" IS NOT NEW\."profile_id" OR OLD\."title" IS NOT NEW\."title"\)/);
  assert.match(update, /Cannot update id/);
  assert.match(update, /'PATCH'/);
  assert.match(remove, /'DELETE', OLD\.id, 'todo'/);
  db.close();
});

test('names can be chosen, and creating again replaces the triggers', async () => {
  const db = await openCoreDatabase(todo);
  const names = { INSERT: 'ps_todo_i', UPDATE: 'ps_todo_u', DELETE: 'ps_todo_d' };
  assert.ok(createCrudTriggers(db, JSON.stringify(rawTable), names).ok);
  assert.ok(createCrudTriggers(db, rawTable, names).ok);
  assert.deepEqual(db.query("select name from sqlite_master where type = 'trigger' order by name").map((r) => r.name), ['ps_todo_d', 'ps_todo_i', 'ps_todo_u']);
  db.close();
});

test("the core's errors come back as text and nothing is created", async () => {
  const db = await openCoreDatabase(todo);
  const missing = createCrudTriggers(db, { name: 'todo', table_name: 'nope' });
  assert.equal(missing.ok, false);
  assert.match(!missing.ok ? missing.error : '', /nope/);
  const noLocalName = createCrudTriggers(db, { name: 'todo' });
  assert.equal(noLocalName.ok, false);
  assert.match(!noLocalName.ok ? noLocalName.error : '', /no local name/);
  assert.equal(db.scalar("select count(*) from sqlite_master where type = 'trigger'"), 0);
  db.close();
});
