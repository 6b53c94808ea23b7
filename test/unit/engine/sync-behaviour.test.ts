import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCrudTriggers } from '../../../server/src/engine/crud-triggers';
import { localWrite, readCrud, startSync } from '../../../server/src/engine/sync-simulation';
import type { CoreDatabase } from '../../../server/src/engine/database';
import { openCoreDatabase } from './core-database';

// What the product claims about raw tables, checked against the real PowerSync core.

function profileTable(put: string): unknown {
  return {
    name: 'profile',
    put: { sql: put, params: ['Id', { Column: 'name' }] },
    delete: { sql: 'DELETE FROM profile WHERE id = ?', params: ['Id'] },
  };
}

function sync(db: CoreDatabase, rawTables: unknown[]) {
  const schema = { tables: [], raw_tables: rawTables };
  db.replaceSchema(schema);
  const session = startSync(db, schema);
  assert.equal(session.started.ok, true);
  return session;
}

const PROFILE = 'create table profile (id text primary key not null, name text, pinned integer not null default 0)';
const UPSERT = 'INSERT INTO profile (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name';

test('INSERT OR ABORT put: the first sync applies, an update of the row fails with the UNIQUE error', async () => {
  const db = await openCoreDatabase(PROFILE);
  const session = sync(db, [profileTable('INSERT OR ABORT INTO profile (id, name) VALUES (?, ?)')]);
  const first = session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Alice' } }]);
  assert.deepEqual([first.ok, first.applied], [true, true]);
  const second = session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Alice B' } }]);
  assert.equal(second.ok, false);
  assert.equal(second.applied, false);
  assert.match(second.error ?? '', /^powersync_control: replacing into profile, id = p1, data = \{"name":"Alice B"\}: .*UNIQUE constraint failed: profile\.id/);
  assert.deepEqual(db.query('select name from profile'), [{ name: 'Alice' }]);
  db.close();
});

test('upsert put: a second checkpoint updating the row applies', async () => {
  const db = await openCoreDatabase(PROFILE);
  const session = sync(db, [profileTable(UPSERT)]);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Alice' } }]).applied, true);
  const second = session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Alice B' } }]);
  assert.deepEqual([second.ok, second.applied, second.error], [true, true, undefined]);
  const removal = session.applyCheckpoint([{ op: 'REMOVE', type: 'profile', id: 'p1' }]);
  assert.equal(removal.applied, true);
  assert.deepEqual(db.query('select * from profile'), []);
  db.close();
});

for (const [label, put, pinnedAfterSync] of [
  ['INSERT OR REPLACE put resets a local-only column', 'INSERT OR REPLACE INTO profile (id, name) VALUES (?, ?)', 0],
  ['upsert put keeps a local-only column', UPSERT, 1],
] as const) {
  test(label, async () => {
    const db = await openCoreDatabase(PROFILE);
    const session = sync(db, [profileTable(put)]);
    assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Alice' } }]).applied, true);
    assert.deepEqual(localWrite(db, "update profile set pinned = 1 where id = 'p1'"), { ok: true });
    const next = session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Alice B' } }]);
    assert.equal(next.applied, true);
    assert.deepEqual(db.query('select name, pinned from profile'), [{ name: 'Alice B', pinned: pinnedAfterSync }]);
    db.close();
  });
}

// The core applies a checkpoint's rows grouped by table name: `zprofile` sorts after `todo`, so
// the child row arrives before its parent.
for (const [label, clause, expectError] of [
  ['an immediate foreign key fails when the child is applied before its parent', '', true],
  ['a DEFERRABLE INITIALLY DEFERRED foreign key accepts the child first', ' DEFERRABLE INITIALLY DEFERRED', false],
] as const) {
  test(label, async () => {
    const db = await openCoreDatabase(
      'PRAGMA foreign_keys = ON',
      'create table zprofile (id text primary key not null, name text)',
      `create table todo (id text primary key not null, profile_id text references zprofile(id)${clause}, title text)`,
    );
    const session = sync(db, [
      { name: 'zprofile', table_name: 'zprofile' },
      { name: 'todo', table_name: 'todo' },
    ]);
    const result = session.applyCheckpoint([
      { op: 'PUT', type: 'zprofile', id: 'p1', data: { name: 'Alice' } },
      { op: 'PUT', type: 'todo', id: 't1', data: { profile_id: 'p1', title: 'Buy milk' } },
    ]);
    if (expectError) {
      assert.equal(result.ok, false);
      assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
      assert.equal(db.scalar('select count(*) from todo'), 0);
    } else {
      assert.deepEqual([result.ok, result.applied], [true, true]);
      assert.deepEqual(db.query('select id, profile_id from todo'), [{ id: 't1', profile_id: 'p1' }]);
    }
    db.close();
  });
}

test('core triggers turn local writes into PUT, PATCH and DELETE, and skip local-only updates', async () => {
  const db = await openCoreDatabase('create table todo (id text primary key not null, title text, done integer, pinned integer not null default 0)');
  const rawTable = { name: 'todos', table_name: 'todo', synced_columns: ['title', 'done'] };
  assert.ok(createCrudTriggers(db, rawTable).ok);
  assert.deepEqual(localWrite(db, "insert into todo (id, title, done) values ('t1', 'Buy milk', 0)"), { ok: true });
  assert.deepEqual(localWrite(db, "update todo set pinned = 1 where id = 't1'"), { ok: true });
  assert.equal(readCrud(db).length, 1, 'an update of a local-only column is not uploaded');
  assert.deepEqual(localWrite(db, "update todo set done = 1 where id = 't1'"), { ok: true });
  assert.deepEqual(localWrite(db, "delete from todo where id = 't1'"), { ok: true });
  assert.deepEqual(readCrud(db).map(({ op, type, id, data }) => ({ op, type, id, data })), [
    { op: 'PUT', type: 'todos', id: 't1', data: { title: 'Buy milk', done: 0 } },
    { op: 'PATCH', type: 'todos', id: 't1', data: { done: 1 } },
    { op: 'DELETE', type: 'todos', id: 't1', data: undefined },
  ]);
  assert.deepEqual(localWrite(db, "insert into todo (id, title) values ('t2', 'x')"), { ok: true });
  const idChange = localWrite(db, "update todo set id = 't3', title = 'y' where id = 't2'");
  assert.equal(idChange.ok, false);
  assert.match(idChange.error ?? '', /Cannot update id/);
  // Measured: with synced_columns, the WHEN guard skips an update that changes only the id, so
  // neither the 'Cannot update id' check nor a CRUD entry happens.
  const before = readCrud(db).length;
  assert.deepEqual(localWrite(db, "update todo set id = 't4' where id = 't2'"), { ok: true });
  assert.equal(readCrud(db).length, before);
  db.close();
});

test('synced rows do not echo into ps_crud, and pending uploads hold back the next checkpoint', async () => {
  const db = await openCoreDatabase('create table todo (id text primary key not null, title text)');
  const rawTable = { name: 'todo', table_name: 'todo' };
  assert.ok(createCrudTriggers(db, rawTable).ok);
  const session = sync(db, [rawTable]);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't1', data: { title: 'from server' } }]).applied, true);
  assert.deepEqual(readCrud(db), []);
  assert.deepEqual(localWrite(db, "update todo set title = 'local' where id = 't1'"), { ok: true });
  const held = session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't1', data: { title: 'server again' } }]);
  assert.deepEqual([held.ok, held.applied], [true, false]);
  assert.equal(db.scalar('select title from todo'), 'local');
  db.close();
});

test('a failing put leaves the error text and no partial rows', async () => {
  const db = await openCoreDatabase('create table note (id text primary key not null, body text not null)');
  const session = sync(db, [{ name: 'note', table_name: 'note' }]);
  const result = session.applyCheckpoint([
    { op: 'PUT', type: 'note', id: 'n1', data: { body: 'ok' } },
    { op: 'PUT', type: 'note', id: 'n2', data: {} },
  ]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: note\.body/);
  assert.equal(db.scalar('select count(*) from note'), 0);
  db.close();
});
