import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places } from '../../support/findings';
import { syncFixture } from './fixture-sync';

const ENTITIES = 'src/commonMain/kotlin/com/example/todo/data/Entities.kt';
const DATABASE = 'src/commonMain/kotlin/com/example/todo/data/TodoDatabase.kt';

test('fk-not-deferrable: a Room ForeignKey without deferred = true, a SQL REFERENCES, and RESTRICT on a deferred key', () => {
  const findings = fixtureFindings('rule-fk-not-deferrable', 'fk-not-deferrable');
  assert.deepEqual(places(findings), [`${ENTITIES}:19`, `${ENTITIES}:38`, `${DATABASE}:18`]);
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'error', 'error']);
  const [restrict, room, sql] = findings;
  // The deferred todo_list key is reported for RESTRICT alone.
  assert.match(restrict.message, /^A sync that deletes a 'profile' row before its children fails\. RESTRICT is checked at once even on a deferred foreign key/);
  assert.doesNotMatch(restrict.message, /checked immediately/);
  assert.match(room.message, /^The foreign key from 'todo' to 'todo_list' is checked immediately\..*deferred = false\. Add deferred = true to the ForeignKey\.$/);
  assert.match(sql.message, /^The foreign key from 'comment' to 'todo' is checked immediately\..*Declare it DEFERRABLE INITIALLY DEFERRED\.$/);
  // Room keys point at the ForeignKey(…) call; the SQL key at the CREATE TABLE string.
  assert.deepEqual(room.range, { start: { line: 37, character: 8 }, end: { line: 42, character: 9 } });
  assert.equal(sql.range.start.character, 12);
  assert.deepEqual(room.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${ENTITIES}:35 synced table 'todo'`]);
});

test('fk-not-deferrable: deferred keys without RESTRICT are clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-fk-not-deferrable-ok', 'fk-not-deferrable')), []);
});

// Run time, with the fixture's own tables and raw tables in the real core. Room turns foreign keys
// on; the core applies a checkpoint's rows grouped by table name, so `todo` rows come before
// `todo_list` rows and `comment` rows before `todo` rows.

const LIST_AND_TODO = [
  { op: 'PUT' as const, type: 'profile', id: 'p1', data: { name: 'Ada' } },
  { op: 'PUT' as const, type: 'todo_list', id: 'l1', data: { name: 'Groceries', owner_id: 'p1' } },
  { op: 'PUT' as const, type: 'todo', id: 't1', data: { list_id: 'l1', title: 'Milk' } },
];

test('fk-not-deferrable at run time: a todo that arrives with its new list fails the sync (Room key not deferred)', async () => {
  const { db, session } = await syncFixture('rule-fk-not-deferrable', { foreignKeys: true });
  const result = session.applyCheckpoint(LIST_AND_TODO);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
  assert.equal(db.scalar('select count(*) from todo_list'), 0, 'the whole checkpoint is rolled back');
  db.close();
});

test('fk-not-deferrable at run time: a comment that arrives with its new todo fails the sync (SQL key not deferred)', async () => {
  const { db, session } = await syncFixture('rule-fk-not-deferrable', { foreignKeys: true });
  // The todo_list key is deferred, so the first checkpoint holds only parents that apply.
  assert.equal(session.applyCheckpoint(LIST_AND_TODO.slice(0, 2)).applied, true);
  const result = session.applyCheckpoint([
    { op: 'PUT', type: 'todo', id: 't1', data: { list_id: 'l1', title: 'Milk' } },
    { op: 'PUT', type: 'comment', id: 'c1', data: { todo_id: 't1', body: 'Oat milk' } },
  ]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
  assert.equal(db.scalar('select count(*) from comment'), 0);
  db.close();
});

test('fk-not-deferrable at run time: RESTRICT fails the removal of a profile with its list in the same checkpoint, although deferred', async () => {
  const { db, session } = await syncFixture('rule-fk-not-deferrable', { foreignKeys: true });
  assert.equal(session.applyCheckpoint(LIST_AND_TODO.slice(0, 2)).applied, true);
  const removal = session.applyCheckpoint([
    { op: 'REMOVE', type: 'todo_list', id: 'l1' },
    { op: 'REMOVE', type: 'profile', id: 'p1' },
  ]);
  assert.equal(removal.ok, false);
  assert.match(removal.error ?? '', /FOREIGN KEY constraint failed/);
  assert.equal(db.scalar('select count(*) from profile'), 1);
  db.close();
});

test('fk-not-deferrable at run time: with the deferred keys of the ok fixture children may come first, and parents may go first', async () => {
  const { db, session } = await syncFixture('rule-fk-not-deferrable-ok', { foreignKeys: true });
  const first = session.applyCheckpoint([...LIST_AND_TODO, { op: 'PUT', type: 'comment', id: 'c1', data: { todo_id: 't1', body: 'Oat milk' } }]);
  assert.deepEqual([first.ok, first.applied], [true, true], first.error);
  assert.deepEqual(db.query('select c.body, t.title, l.name from comment c join todo t on t.id = c.todo_id join todo_list l on l.id = t.list_id'), [
    { body: 'Oat milk', title: 'Milk', name: 'Groceries' },
  ]);
  const removal = session.applyCheckpoint([
    { op: 'REMOVE', type: 'comment', id: 'c1' },
    { op: 'REMOVE', type: 'todo', id: 't1' },
    { op: 'REMOVE', type: 'todo_list', id: 'l1' },
    { op: 'REMOVE', type: 'profile', id: 'p1' },
  ]);
  assert.deepEqual([removal.ok, removal.applied], [true, true], removal.error);
  assert.equal(db.scalar('select count(*) from profile'), 0);
  db.close();
});

// Drizzle: a `.references()` key is written by drizzle-kit without DEFERRABLE (Drizzle has no such
// option), so the fix cannot be written in the declaration and none is offered.

const DRIZZLE_SCHEMA = 'src/db/schema.ts';

test('fk-not-deferrable: a Drizzle .references() key on a synced table, with no fix; its twin without the key is clean', () => {
  const findings = fixtureFindings('drizzle-app', 'fk-not-deferrable');
  assert.deepEqual(places(findings), [`${DRIZZLE_SCHEMA}:17`]);
  const [fk] = findings;
  assert.equal(fk.severity, 'error');
  assert.match(fk.message, /^The foreign key from 'items' to 'lists' is checked immediately\. .* Drizzle cannot declare a SQLite foreign key deferrable \(\.references\(\) and foreignKey\(\) take only onDelete and onUpdate\)/);
  assert.doesNotMatch(fk.message, /deferred = true|Room/);
  assert.deepEqual(fk.fixes.filter((f) => !f.title.startsWith('Disable')), []);
  // The key's place is what .references(…) is given; the related place the table's name.
  assert.deepEqual(fk.range, { start: { line: 16, character: 18 }, end: { line: 16, character: 58 } });
  assert.deepEqual(fk.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${DRIZZLE_SCHEMA}:12 synced table 'items'`]);
  assert.deepEqual(places(fixtureFindings('drizzle-app-ok', 'fk-not-deferrable')), []);
});

test('fk-not-deferrable at run time: drizzle-kit\'s DDL for the Drizzle key fails a sync that brings an item with its new list', async () => {
  // The core applies a checkpoint's rows grouped by table name: 'items' rows before 'lists' rows.
  const { db, session, model } = await syncFixture('drizzle-app', { foreignKeys: true });
  assert.deepEqual(model.tables.map((t) => `${t.name} ${t.origin}`), ['lists drizzle', 'items drizzle']);
  const result = session.applyCheckpoint([
    { op: 'PUT', type: 'lists', id: 'l1', data: { name: 'Groceries' } },
    { op: 'PUT', type: 'items', id: '1', data: { list_id: 'l1', description: 'Milk', done: 0 } },
  ]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
  db.close();
});

test('fk-not-deferrable at run time: the Drizzle twin without the key applies the same checkpoint', async () => {
  const { db, session } = await syncFixture('drizzle-app-ok', { foreignKeys: true });
  const result = session.applyCheckpoint([
    { op: 'PUT', type: 'lists', id: 'l1', data: { name: 'Groceries' } },
    { op: 'PUT', type: 'items', id: 'i1', data: { list_id: 'l1', description: 'Milk', done: 0 } },
  ]);
  assert.equal(result.applied, true, result.error);
  assert.equal(db.scalar('select count(*) from items'), 1);
  db.close();
});
