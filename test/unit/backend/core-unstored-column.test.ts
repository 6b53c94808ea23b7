// The facts synced-column-not-stored stands on, in the real PowerSync core (@powersync/sql-js): a
// synced row's key that the raw table's put never reads is dropped; `Rest` keeps the keys no
// Column reads; an inferred raw table writes the local table's columns, or only its syncedColumns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';

const ROW = { op: 'PUT' as const, type: 'todos', id: 't1', data: { title: 'Buy milk', completed: 1 } };

async function apply(create: string, rawTable: unknown): Promise<Record<string, unknown>[]> {
  const db = await openCoreDatabase(create);
  const schema = { tables: [], raw_tables: [rawTable] };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([ROW]);
  assert.equal(result.applied, true, result.error);
  const rows = db.query('select * from todos');
  db.close();
  return rows;
}

test('core: a key no Column of the put reads is dropped', async () => {
  const rows = await apply('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT, completed INTEGER)', {
    name: 'todos',
    put: { sql: 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title', params: ['Id', { Column: 'title' }] },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  });
  assert.deepEqual(rows, [{ id: 't1', title: 'Buy milk', completed: null }]);
});

test('core: Rest binds the keys no Column reads, as JSON', async () => {
  const rows = await apply('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT, extra TEXT)', {
    name: 'todos',
    put: { sql: 'INSERT INTO todos (id, title, extra) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, extra = excluded.extra', params: ['Id', { Column: 'title' }, 'Rest'] },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  });
  assert.deepEqual(rows, [{ id: 't1', title: 'Buy milk', extra: '{"completed":1}' }]);
});

test('core: an inferred raw table writes the local table\'s columns; a key it has no column for is dropped', async () => {
  const rows = await apply('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT)', { name: 'todos', table_name: 'todos' });
  assert.deepEqual(rows, [{ id: 't1', title: 'Buy milk' }]);
});

test('core: an inferred raw table with synced_columns writes only those, even when the local table has the column', async () => {
  const rows = await apply('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT, completed INTEGER)', { name: 'todos', table_name: 'todos', synced_columns: ['title'] });
  assert.deepEqual(rows, [{ id: 't1', title: 'Buy milk', completed: null }]);
});
