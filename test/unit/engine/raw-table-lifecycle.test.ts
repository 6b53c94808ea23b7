import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSync, type SyncSession } from '../../../server/src/engine/sync-simulation';
import type { CoreDatabase, CoreSchemaJson } from '../../../server/src/engine/database';
import { openCoreDatabase } from './core-database';

// The proofs the lifecycle rules stand on (docs/facts.md, "Raw tables added or dropped after rows
// were synced"): what the real core does with rows of a table that is not in the schema when a
// raw table for it arrives later (powersync-kotlin#355), or leaves (powersync-sqlite-core#189).

const TODO = 'create table todo (id text primary key not null, title text)';
const TODO_RAW = { name: 'todo', table_name: 'todo' };
const WITHOUT_TODO: CoreSchemaJson = { tables: [], raw_tables: [] };
const WITH_TODO_RAW: CoreSchemaJson = { tables: [], raw_tables: [TODO_RAW] };
/** The documented copy (DOC:raw "Adding raw tables as a new table"), as raw-table-added-later suggests it. */
const COPY_FROM_UNTYPED = [
  "INSERT INTO todo (id, title) SELECT id, data ->> 'title' FROM ps_untyped WHERE type = 'todo'",
  "DELETE FROM ps_untyped WHERE type = 'todo'",
];

function connect(db: CoreDatabase, schema: CoreSchemaJson): SyncSession {
  db.replaceSchema(schema);
  const session = startSync(db, schema);
  assert.equal(session.started.ok, true);
  return session;
}

/** The app is closed, migrated by `migration` (in one transaction, as Room runs it), and reopened with `schema`. */
function upgrade(db: CoreDatabase, session: SyncSession, schema: CoreSchemaJson, migration: string[]): void {
  assert.equal(session.stop().ok, true);
  db.transaction(() => {
    for (const sql of migration) db.exec(sql);
  });
  db.replaceSchema(schema);
  assert.equal(session.resume(schema).ok, true);
}

const untyped = (db: CoreDatabase) => db.query("select id, data from ps_untyped where type = 'todo' order by id");
const todos = (db: CoreDatabase) => db.query('select id, title from todo order by id');

/** Version 1 of the app has no `todo` table; the service already sends its rows. */
async function syncedBeforeTheTableExisted(): Promise<{ db: CoreDatabase; session: SyncSession }> {
  const db = await openCoreDatabase();
  const session = connect(db, WITHOUT_TODO);
  const first = session.applyCheckpoint([
    { op: 'PUT', type: 'todo', id: 't1', data: { title: 'Buy milk' } },
    { op: 'PUT', type: 'todo', id: 't2', data: { title: 'Call Bob' } },
  ]);
  assert.deepEqual([first.ok, first.applied], [true, true]);
  // Rows of a type no table of the schema names wait in ps_untyped as their JSON.
  assert.deepEqual(untyped(db), [{ id: 't1', data: '{"title":"Buy milk"}' }, { id: 't2', data: '{"title":"Call Bob"}' }]);
  return { db, session };
}

test('raw table added later: rows synced before stay in ps_untyped, the new table gets only rows that change after', async () => {
  const { db, session } = await syncedBeforeTheTableExisted();
  upgrade(db, session, WITH_TODO_RAW, [TODO]);
  // Neither replacing the schema nor the next sync moves them (a JSON table would get them).
  const quiet = session.applyCheckpoint([]);
  assert.deepEqual([quiet.ok, quiet.applied], [true, true]);
  assert.deepEqual(todos(db), []);
  const changed = session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't2', data: { title: 'Call Bob at 5' } }]);
  assert.equal(changed.applied, true);
  assert.deepEqual(todos(db), [{ id: 't2', title: 'Call Bob at 5' }]);
  // t1 is never applied; ps_untyped keeps both rows, t2 with its old data.
  assert.deepEqual(untyped(db).map((r) => r.id), ['t1', 't2']);
  db.close();
});

test('raw table added later: the copy from ps_untyped in the migration fills the table, and later syncs apply on top', async () => {
  const { db, session } = await syncedBeforeTheTableExisted();
  upgrade(db, session, WITH_TODO_RAW, [TODO, ...COPY_FROM_UNTYPED]);
  assert.deepEqual(todos(db), [{ id: 't1', title: 'Buy milk' }, { id: 't2', title: 'Call Bob' }]);
  assert.deepEqual(untyped(db), []);
  assert.equal(session.applyCheckpoint([{ op: 'REMOVE', type: 'todo', id: 't1' }]).applied, true);
  assert.deepEqual(todos(db), [{ id: 't2', title: 'Call Bob' }]);
  db.close();
});

test('raw table added later: powersync_trigger_resync(TRUE) re-applies every row at the next checkpoint', async () => {
  const { db, session } = await syncedBeforeTheTableExisted();
  upgrade(db, session, WITH_TODO_RAW, [TODO, 'SELECT powersync_trigger_resync(TRUE)']);
  // Nothing before the service's next checkpoint: the remedy needs the app to be online.
  assert.deepEqual(todos(db), []);
  const next = session.applyCheckpoint([]);
  assert.deepEqual([next.ok, next.applied], [true, true]);
  assert.deepEqual(todos(db), [{ id: 't1', title: 'Buy milk' }, { id: 't2', title: 'Call Bob' }]);
  // The rows stay in ps_untyped too: the resync applies the oplog, it does not move them.
  assert.deepEqual(untyped(db).map((r) => r.id), ['t1', 't2']);
  db.close();
});

test('raw table added later: a resync while a sync iteration is active is refused', async () => {
  const { db, session } = await syncedBeforeTheTableExisted();
  assert.throws(() => db.transaction(() => db.exec('SELECT powersync_trigger_resync(TRUE)')), /Cannot clear or trigger resync while a sync iteration is active/);
  session.stop();
  db.close();
});

/** Version 1 has the raw table `todo` with two synced rows. */
async function syncedIntoTheRawTable(): Promise<{ db: CoreDatabase; session: SyncSession }> {
  const db = await openCoreDatabase(TODO);
  const session = connect(db, WITH_TODO_RAW);
  assert.equal(session.applyCheckpoint([
    { op: 'PUT', type: 'todo', id: 't1', data: { title: 'Buy milk' } },
    { op: 'PUT', type: 'todo', id: 't2', data: { title: 'Call Bob' } },
  ]).applied, true);
  assert.deepEqual(untyped(db), []);
  return { db, session };
}

/** A view-backed (JSON) table for `todo`: powersync_replace_schema fills it from ps_untyped. */
const WITH_TODO_VIEW: CoreSchemaJson = { tables: [{ name: 'todo', columns: [{ name: 'title', type: 'TEXT' }] }], raw_tables: [] };
/** The symmetric move back (powersync-sqlite-core#189), written by hand for this table. */
const MOVE_BACK_TO_UNTYPED = [
  "INSERT INTO ps_untyped (type, id, data) SELECT 'todo', id, json_object('title', title) FROM todo",
  'DROP TABLE todo',
];

test('raw table dropped: its rows are not put back in ps_untyped; a later table of the type gets only rows that changed since', async () => {
  const { db, session } = await syncedIntoTheRawTable();
  upgrade(db, session, WITHOUT_TODO, ['DROP TABLE todo']);
  assert.deepEqual(untyped(db), []);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't2', data: { title: 'Call Bob at 5' } }]).applied, true);
  assert.deepEqual(untyped(db), [{ id: 't2', data: '{"title":"Call Bob at 5"}' }]);
  // The type comes back as a JSON table: t1, synced and never changed, is missing.
  upgrade(db, session, WITH_TODO_VIEW, []);
  assert.equal(session.applyCheckpoint([]).applied, true);
  assert.deepEqual(db.query('select id, title from todo order by id'), [{ id: 't2', title: 'Call Bob at 5' }]);
  db.close();
});

test('raw table dropped: moving its rows back to ps_untyped first keeps every row for a later table of the type', async () => {
  const { db, session } = await syncedIntoTheRawTable();
  upgrade(db, session, WITHOUT_TODO, MOVE_BACK_TO_UNTYPED);
  assert.deepEqual(untyped(db), [{ id: 't1', data: '{"title":"Buy milk"}' }, { id: 't2', data: '{"title":"Call Bob"}' }]);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't2', data: { title: 'Call Bob at 5' } }]).applied, true);
  upgrade(db, session, WITH_TODO_VIEW, []);
  assert.deepEqual(db.query('select id, title from todo order by id'), [{ id: 't1', title: 'Buy milk' }, { id: 't2', title: 'Call Bob at 5' }]);
  db.close();
});

test('this core has no powersync_raw_table_migrate: the helpers of core#189 were not merged', async () => {
  const db = await openCoreDatabase(TODO);
  db.replaceSchema(WITH_TODO_RAW);
  assert.throws(() => db.transaction(() => db.exec("SELECT powersync_raw_table_migrate('create', 'todo')")), /no such function: powersync_raw_table_migrate/);
  db.close();
});
