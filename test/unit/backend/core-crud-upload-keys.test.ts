// The facts upload-column-not-in-postgres stands on, in the real PowerSync core (@powersync/sql-js):
// the trigger powersync_create_raw_table_crud_trigger creates puts every column of the local table
// but `id` into the ps_crud data, or only those synced_columns lists (exact names); a PATCH carries
// the changed ones; the `type` is the raw table's sync name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';

const LISTS = 'CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT, created_at TEXT, pinned INTEGER)';

async function uploads(rawTable: object) {
  const db = await openCoreDatabase(LISTS);
  db.replaceSchema({ tables: [], raw_tables: [rawTable] });
  for (const event of ['INSERT', 'UPDATE']) {
    db.transaction(() => db.exec('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [JSON.stringify(rawTable), `lists_${event.toLowerCase()}`, event]));
  }
  assert.deepEqual(localWrite(db, "INSERT INTO lists (id, name, created_at, pinned) VALUES ('l1', 'Groceries', '2025-01-01', 1)"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE lists SET name = 'Food', pinned = 0 WHERE id = 'l1'"), { ok: true });
  const crud = readCrud(db).map(({ op, type, id, data }) => ({ op, type, id, data }));
  db.close();
  return crud;
}

test('core: the generated trigger uploads every column but id, the local-only ones too', async () => {
  assert.deepEqual(await uploads({ name: 'lists', table_name: 'lists' }), [
    { op: 'PUT', type: 'lists', id: 'l1', data: { name: 'Groceries', created_at: '2025-01-01', pinned: 1 } },
    { op: 'PATCH', type: 'lists', id: 'l1', data: { name: 'Food', pinned: 0 } },
  ]);
});

test('core: with synced_columns it uploads only those (exact names), under the sync name', async () => {
  assert.deepEqual(await uploads({ name: 'my_lists', table_name: 'lists', synced_columns: ['name', 'Created_At'] }), [
    { op: 'PUT', type: 'my_lists', id: 'l1', data: { name: 'Groceries' } },
    { op: 'PATCH', type: 'my_lists', id: 'l1', data: { name: 'Food' } },
  ]);
});
