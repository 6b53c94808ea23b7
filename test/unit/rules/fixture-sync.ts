import assert from 'node:assert/strict';
import type { CoreDatabase, CoreSchemaJson } from '../../../server/src/engine/database';
import { localWrite, readCrud, startSync, type SyncSession } from '../../../server/src/engine/sync-simulation';
import type { Trigger } from '../../../server/src/model/workspace';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import { analyzeFixture } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';

export interface FixtureSync {
  db: CoreDatabase;
  session: SyncSession;
  model: WorkspaceModel;
}

/**
 * A core database holding what the model derives from a rule fixture: every table's createSql and
 * index SQL, and every raw table's core JSON as the schema of a started sync. Nothing here is
 * written by hand, so the run-time test checks the fixture the rule saw.
 */
export async function syncFixture(fixture: string, options: { foreignKeys?: boolean } = {}): Promise<FixtureSync> {
  const { model } = await analyzeFixture(fixture);
  assert.ok(model.tables.length > 0, `${fixture}: the model has no tables`);
  assert.ok(model.rawTables.length > 0, `${fixture}: the model has no raw tables`);
  const ddl = model.tables.flatMap((t) => [t.createSql, ...t.indices.map((i) => i.createSql)]);
  // Room runs this on every connection it opens when an entity declares a foreign key.
  const db = await openCoreDatabase(...(options.foreignKeys ? ['PRAGMA foreign_keys = ON'] : []), ...ddl);
  const rawTables = model.rawTables.map((rt) => {
    assert.ok(rt.coreJson !== undefined, `${fixture}: raw table '${rt.name}' has no core JSON`);
    return rt.coreJson;
  });
  const schema: CoreSchemaJson = { tables: [], raw_tables: rawTables };
  db.replaceSchema(schema);
  const session = startSync(db, schema);
  assert.equal(session.started.ok, true, session.started.error);
  return { db, session, model };
}

/**
 * put-not-upsert at run time on a notes-and-tags fixture (TypeScript or Dart, the same shape): the
 * second sync of a note fails with the UNIQUE error when `broken`, a tag update is dropped; the ok
 * twin applies both.
 */
export async function notesAndTagsSecondSync(fixture: string, broken: boolean): Promise<void> {
  const { db, session } = await syncFixture(fixture);
  const first = session.applyCheckpoint([
    { op: 'PUT', type: 'notes', id: 'n1', data: { title: 'Groceries', body: 'milk' } },
    { op: 'PUT', type: 'tags', id: 't1', data: { label: 'urgent' } },
  ]);
  assert.deepEqual([first.ok, first.applied], [true, true], first.error);
  const tag = session.applyCheckpoint([{ op: 'PUT', type: 'tags', id: 't1', data: { label: 'later' } }]);
  assert.deepEqual([tag.ok, tag.applied], [true, true], tag.error);
  assert.deepEqual(db.query('select label from tags'), [{ label: broken ? 'urgent' : 'later' }], fixture);
  const note = session.applyCheckpoint([{ op: 'PUT', type: 'notes', id: 'n1', data: { title: 'Groceries', body: 'milk, eggs' } }]);
  assert.equal(note.ok, !broken, fixture);
  if (broken) assert.match(note.error ?? '', /UNIQUE constraint failed: notes\.id/);
  assert.deepEqual(db.query('select body from notes'), [{ body: broken ? 'milk' : 'milk, eggs' }], fixture);
  db.close();
}


/** Creates the fixture's triggers in the core: CREATE TRIGGER text as written, helper calls with the raw table's JSON. */
export function createTriggers(db: CoreDatabase, triggers: Trigger[]): void {
  for (const trigger of triggers) {
    if (trigger.form === 'create-trigger') {
      assert.deepEqual(localWrite(db, trigger.sql!), { ok: true }, trigger.name);
    } else {
      assert.ok(trigger.rawTable?.coreJson && trigger.name && trigger.event, `a helper call Rawsync read in full: ${trigger.name}`);
      db.query('select powersync_create_raw_table_crud_trigger(?, ?, ?)', [JSON.stringify(trigger.rawTable.coreJson), trigger.name, trigger.event]);
    }
  }
}

/** replace-resets-local-columns at run time: a synced update resets is_favorite; the ok twin keeps it. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function recipesFavoriteAfterSync(rule: string): Promise<void> {
  for (const [name, favoriteAfter] of [[rule, 0], [`${rule}-ok`, 1]] as const) {
    const { db, session } = await syncFixture(name);
    assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'recipes', id: 'r1', data: { title: 'Soup', minutes: 20 } }]).applied, true);
    assert.deepEqual(localWrite(db, "UPDATE recipes SET is_favorite = 1 WHERE id = 'r1'"), { ok: true });
    const update = session.applyCheckpoint([{ op: 'PUT', type: 'recipes', id: 'r1', data: { title: 'Soup', minutes: 25 } }]);
    assert.deepEqual([update.ok, update.applied], [true, true], update.error);
    assert.deepEqual(db.query('select minutes, is_favorite from recipes'), [{ minutes: 25, is_favorite: favoriteAfter }], name);
    db.close();
  }
}

/** fk-not-deferrable at run time, foreign keys on: an issue synced with its new project fails (the core applies issues first); deferred, the checkpoint applies. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function issueBeforeItsProject(rule: string): Promise<void> {
  for (const [name, fails] of [[rule, true], [`${rule}-ok`, false]] as const) {
    const { db, session } = await syncFixture(name, { foreignKeys: true });
    const result = session.applyCheckpoint([
      { op: 'PUT', type: 'issues', id: 'i1', data: { project_id: 'p1', title: 'Crash on start', done: 0 } },
      { op: 'PUT', type: 'projects', id: 'p1', data: { name: 'Garden' } },
    ]);
    assert.equal(result.ok, !fails, name);
    if (fails) assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
    assert.equal(db.scalar('select count(*) from issues'), fails ? 0 : 1, name);
    db.close();
  }
}

/** missing-clear at run time: powersync_clear (what disconnectAndClear with clearLocal runs) leaves the contacts of the previous account; with clear it empties them. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function contactsAfterClear(rule: string): Promise<void> {
  for (const [name, left] of [[rule, 1], [`${rule}-ok`, 0]] as const) {
    const { db, session } = await syncFixture(name);
    const synced = session.applyCheckpoint([
      { op: 'PUT', type: 'companies', id: 'co1', data: { name: 'Acme' } },
      { op: 'PUT', type: 'contacts', id: 'c1', data: { name: 'Ada', email: 'ada@example.com', company_id: 'co1' } },
    ]);
    assert.deepEqual([synced.ok, synced.applied], [true, true], synced.error);
    db.transaction(() => db.query('select powersync_clear(1)'));
    assert.deepEqual([db.scalar('select count(*) from contacts'), db.scalar('select count(*) from companies')], [left, 0], name);
    db.close();
  }
}

/** statement-invalid at run time: the misspelt key binds NULL into a NOT NULL column and the delete binding a column fails; the ok twin applies both. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function eventsKeyAndDelete(rule: string): Promise<void> {
  for (const [name, broken] of [[rule, true], [`${rule}-ok`, false]] as const) {
    const events = await syncFixture(name);
    const put = events.session.applyCheckpoint([
      { op: 'PUT', type: 'calendars', id: 'c1', data: { name: 'Work' } },
      { op: 'PUT', type: 'events', id: 'e1', data: { calendar_id: 'c1', title: 'Stand-up', starts_at: '2026-01-05T09:00' } },
    ]);
    assert.equal(put.ok, !broken, name);
    if (broken) assert.match(put.error ?? '', /NOT NULL constraint failed: events\.starts_at/);
    events.db.close();
    const calendars = await syncFixture(name);
    const added = calendars.session.applyCheckpoint([{ op: 'PUT', type: 'calendars', id: 'c2', data: { name: 'Home' } }]);
    assert.deepEqual([added.ok, added.applied], [true, true], added.error);
    const removed = calendars.session.applyCheckpoint([{ op: 'REMOVE', type: 'calendars', id: 'c2' }]);
    assert.equal(removed.ok, !broken, name);
    if (broken) assert.match(removed.error ?? '', /Raw delete statement parameters must only reference id/);
    calendars.db.close();
  }
}

/** raw-table-unmatched at run time: the put into 'item' fails with no such table; the ok twin applies. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function itemIntoMissingTable(rule: string): Promise<void> {
  for (const [name, broken] of [[rule, true], [`${rule}-ok`, false]] as const) {
    const { db, session } = await syncFixture(name);
    const result = session.applyCheckpoint([{ op: 'PUT', type: 'items', id: 'i1', data: { list_id: 'l1', name: 'Milk', checked: 0 } }]);
    assert.equal(result.ok, !broken, name);
    if (broken) assert.match(result.error ?? '', /no such table: item/);
    db.close();
  }
}

/** id-not-text at run time: a UUID id fails the checkpoint with datatype mismatch; a TEXT id takes it. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function uuidIntoIntegerId(rule: string): Promise<void> {
  for (const [name, broken] of [[rule, true], [`${rule}-ok`, false]] as const) {
    const { db, session } = await syncFixture(name);
    const result = session.applyCheckpoint([{ op: 'PUT', type: 'observations', id: '0b9c1d52-5a3f-4e36-9d8c-1f2e3a4b5c6d', data: { site: 'Pond', observed_at: '2026-05-01', note: 'heron' } }]);
    assert.equal(result.ok, !broken, name);
    if (broken) assert.match(result.error ?? '', /datatype mismatch/);
    assert.equal(db.scalar('select count(*) from observations'), broken ? 0 : 1);
    db.close();
  }
}

/** missing-crud-triggers at run time: the core's triggers queue shelves writes, books writes leave no trace; the ok twin queues both. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function shelvesAndBooksQueued(rule: string): Promise<void> {
  for (const [name, queued] of [[rule, [['PUT', 'shelves', 's1']]], [`${rule}-ok`, [['PUT', 'shelves', 's1'], ['PUT', 'books', 'b1']]]] as const) {
    const { db, model } = await syncFixture(name);
    createTriggers(db, model.triggers);
    assert.deepEqual(localWrite(db, "INSERT INTO shelves (id, title) VALUES ('s1', 'To read')"), { ok: true });
    assert.deepEqual(localWrite(db, "INSERT INTO books (id, shelf_id, title) VALUES ('b1', 's1', 'Dune')"), { ok: true });
    assert.deepEqual(readCrud(db).map((c) => [c.op, c.type, c.id]), queued, name);
    db.close();
  }
}

/** trigger-uploads-local-columns at run time: a local insert uploads avatar_cache; the ok twin uploads the synced columns only. `rule`: the finding fixture (TypeScript or Dart, the same shape); its `-ok` twin runs too. */
export async function membersUploadedKeys(rule: string): Promise<void> {
  for (const [name, uploaded] of [[rule, ['avatar_cache', 'display_name', 'role']], [`${rule}-ok`, ['display_name', 'role']]] as const) {
    const { db, model } = await syncFixture(name);
    createTriggers(db, model.triggers);
    assert.deepEqual(localWrite(db, "INSERT INTO members (id, display_name, role, avatar_cache) VALUES ('m1', 'Ada', 'admin', '/cache/m1.png')"), { ok: true });
    assert.deepEqual(readCrud(db).map((c) => Object.keys(c.data ?? {}).sort()), [uploaded], name);
    db.close();
  }
}
