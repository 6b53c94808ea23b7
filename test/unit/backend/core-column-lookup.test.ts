// The fact put-column-not-synced stands on, in the real PowerSync core (@powersync/sql-js): a put's
// Column("x") reads the key `x` of each synced row exactly; a row that has no such key binds NULL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';

const put = (notNull: boolean) => ({
  name: 'todos',
  put: {
    sql: 'INSERT INTO todos (id, sourceUrl) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET sourceUrl = excluded.sourceUrl',
    params: ['Id', { Column: 'sourceUrl' }],
  },
  delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  notNull,
});

for (const notNull of [false, true]) {
  test(`core: a row sent with source_url where the put reads sourceUrl ${notNull ? 'fails the NOT NULL column and the checkpoint' : 'stores NULL'}`, async () => {
    const db = await openCoreDatabase(`CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, sourceUrl TEXT${notNull ? ' NOT NULL' : ''})`);
    const { notNull: _, ...rawTable } = put(notNull);
    const schema = { tables: [], raw_tables: [rawTable] };
    db.replaceSchema(schema);
    const result = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'todos', id: 't1', data: { source_url: 'https://example.com' } }]);
    if (notNull) {
      assert.equal(result.applied, false);
      assert.match(result.error ?? '', /NOT NULL constraint failed: todos\.sourceUrl/);
    } else {
      assert.equal(result.applied, true, result.error);
      assert.deepEqual(db.query('select id, sourceUrl from todos'), [{ id: 't1', sourceUrl: null }]);
    }
    db.close();
  });
}

// The fact not-null-without-server-value stands on: the server sends NULL for a nullable Postgres
// column; the put binds it into the NOT NULL local column and the checkpoint fails.
test('core: a row sent with title null fails the put into a NOT NULL column, and the checkpoint', async () => {
  const db = await openCoreDatabase('CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT NOT NULL)');
  const rawTable = {
    name: 'todos',
    put: { sql: 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title', params: ['Id', { Column: 'title' }] },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  };
  const schema = { tables: [], raw_tables: [rawTable] };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([
    { op: 'PUT', type: 'todos', id: 't1', data: { title: 'Buy milk' } },
    { op: 'PUT', type: 'todos', id: 't2', data: { title: null } },
  ]);
  assert.equal(result.applied, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: todos\.title/);
  assert.equal(db.scalar('select count(*) from todos'), 0);
  db.close();
});

test('core: a DEFAULT does not save a NOT NULL column from a NULL the put binds explicitly', async () => {
  const db = await openCoreDatabase("CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, title TEXT NOT NULL DEFAULT '')");
  const rawTable = {
    name: 'todos',
    put: { sql: 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title', params: ['Id', { Column: 'title' }] },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  };
  const schema = { tables: [], raw_tables: [rawTable] };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'todos', id: 't1', data: { title: null } }]);
  assert.equal(result.applied, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: todos\.title/);
  db.close();
});
