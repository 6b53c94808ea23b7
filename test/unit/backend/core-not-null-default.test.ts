// What a NOT NULL column with a DEFAULT does when the put binds NULL into it, in the real PowerSync
// core (@powersync/sql-js): SQLite substitutes the default only under the REPLACE conflict
// resolution (`INSERT OR REPLACE`, or a column declared `NOT NULL ON CONFLICT REPLACE`); a plain
// INSERT (with or without ON CONFLICT DO UPDATE, which covers uniqueness only) aborts the put and
// with it the checkpoint; `INSERT OR IGNORE` skips the row without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';

const ROW = { op: 'PUT' as const, type: 'todos', id: 't1', data: { title: null } };
const UPSERT = 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title';

async function apply(create: string, putSql: string, before?: string): Promise<{ applied: boolean; error?: string; rows: Record<string, unknown>[] }> {
  const db = await openCoreDatabase(create, ...(before ? [before] : []));
  const rawTable = { name: 'todos', put: { sql: putSql, params: ['Id', { Column: 'title' }] }, delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] } };
  const schema = { tables: [], raw_tables: [rawTable] };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([ROW]);
  const rows = db.query('select id, title from todos');
  db.close();
  return { applied: result.applied, error: result.error, rows };
}

const WITH_DEFAULT = "CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT NOT NULL DEFAULT '')";

test('core: an upsert put binding NULL into NOT NULL DEFAULT fails the checkpoint; the DEFAULT is not used', async () => {
  const result = await apply(WITH_DEFAULT, UPSERT);
  assert.equal(result.applied, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: todos\.title/);
  assert.deepEqual(result.rows, []);
});

test('core: the same upsert over an existing row fails as well (the INSERT half is checked first)', async () => {
  const result = await apply(WITH_DEFAULT, UPSERT, "INSERT INTO todos (id, title) VALUES ('t1', 'Old')");
  assert.equal(result.applied, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: todos\.title/);
  assert.deepEqual(result.rows, [{ id: 't1', title: 'Old' }]);
});

test('core: a plain INSERT put fails the same way', async () => {
  const result = await apply(WITH_DEFAULT, 'INSERT INTO todos (id, title) VALUES (?, ?)');
  assert.equal(result.applied, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: todos\.title/);
});

test('core: INSERT OR REPLACE substitutes the DEFAULT for the NULL', async () => {
  const result = await apply(WITH_DEFAULT, 'INSERT OR REPLACE INTO todos (id, title) VALUES (?, ?)');
  assert.deepEqual([result.applied, result.error, result.rows], [true, undefined, [{ id: 't1', title: '' }]]);
});

test('core: INSERT OR REPLACE without a DEFAULT fails (ABORT is used)', async () => {
  const result = await apply('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT NOT NULL)', 'INSERT OR REPLACE INTO todos (id, title) VALUES (?, ?)');
  assert.equal(result.applied, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: todos\.title/);
});

test('core: a column declared NOT NULL ON CONFLICT REPLACE takes its DEFAULT even under an upsert put', async () => {
  const result = await apply("CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT NOT NULL ON CONFLICT REPLACE DEFAULT '')", UPSERT);
  assert.deepEqual([result.applied, result.error, result.rows], [true, undefined, [{ id: 't1', title: '' }]]);
});

test('core: INSERT OR IGNORE skips the row and the checkpoint applies: the row is lost without an error', async () => {
  const result = await apply(WITH_DEFAULT, 'INSERT OR IGNORE INTO todos (id, title) VALUES (?, ?)');
  assert.deepEqual([result.applied, result.error, result.rows], [true, undefined, []]);
});

test('core: a nullable column takes the NULL under an upsert put', async () => {
  const result = await apply('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT)', UPSERT);
  assert.deepEqual([result.applied, result.error, result.rows], [true, undefined, [{ id: 't1', title: null }]]);
});
