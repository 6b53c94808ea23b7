// The fact synced-table-without-client stands on, in the real PowerSync core (@powersync/sql-js):
// synced rows of a table the client schema does not declare are kept in ps_untyped, where no
// local table sees them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';

test('core: rows of a table neither a raw table nor a PowerSync table declares sit in ps_untyped', async () => {
  const db = await openCoreDatabase('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT)');
  const rawTable = {
    name: 'todos',
    put: { sql: 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title', params: ['Id', { Column: 'title' }] },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  };
  const schema = { tables: [], raw_tables: [rawTable] };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([
    { op: 'PUT', type: 'todos', id: 't1', data: { title: 'Buy milk' } },
    { op: 'PUT', type: 'lists', id: 'l1', data: { name: 'Groceries' } },
  ]);
  assert.equal(result.applied, true, result.error);
  assert.deepEqual(db.query('select type, id from ps_untyped'), [{ type: 'lists', id: 'l1' }]);
  assert.deepEqual(db.query('select id from todos'), [{ id: 't1' }]);
  db.close();
});
