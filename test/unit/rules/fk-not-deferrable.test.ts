import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places, textAt } from '../../support/findings';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { fixturePath } from '../../support/paths';
import { syncFixture } from './fixture-sync';
import { analyzeFiles } from '../../support/workspace';
import { runRules } from '../../../server/src/rules/run';
import { RULES } from '../../../server/src/rules/index';

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

// Drift: references(…) takes initiallyDeferred (drift 2.19.0), which Drift's migrator writes as
// DEFERRABLE INITIALLY DEFERRED (docs/facts.md §12); the fix adds it to the call.

const DRIFT_TABLES = 'lib/database/tables.dart';

test('fk-not-deferrable: a Drift references(…) without initiallyDeferred on a synced table; its twin with initiallyDeferred: true is clean', () => {
  const findings = fixtureFindings('drift-app', 'fk-not-deferrable');
  assert.deepEqual(places(findings), [`${DRIFT_TABLES}:15`]);
  const [fk] = findings;
  assert.equal(fk.severity, 'error');
  assert.match(fk.message, /^The foreign key from 'items' to 'lists' is checked immediately\. .* Pass initiallyDeferred: true to the Drift table's references\(…\) \(drift 2\.19\.0 or later\), which Drift writes as DEFERRABLE INITIALLY DEFERRED/);
  assert.doesNotMatch(fk.message, /deferred = true|Room|Drizzle/);
  assert.deepEqual(fk.fixes.filter((f) => !f.title.startsWith('Disable')).map((f) => f.title), ['Make the foreign key deferred (initiallyDeferred: true)']);
  // The key's place is the references(…) call; the related place the table's name.
  assert.equal(textAt(fixturePath('drift-app', DRIFT_TABLES), fk.range), 'text().references(Lists, #id, onDelete: KeyAction.cascade)');
  assert.deepEqual(fk.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${DRIFT_TABLES}:13 synced table 'items'`]);
  assert.deepEqual(places(fixtureFindings('drift-app-ok', 'fk-not-deferrable')), []);
});

test('fk-not-deferrable fix on a Drift table: initiallyDeferred: true is added to references(…); re-read, the key is deferred and the finding gone', async () => {
  const files = filesUnder(fixturePath('drift-app'));
  const fixed = await applyFirstFix(files, 'fk-not-deferrable');
  await assertFixed(fixed, 'fk-not-deferrable', files);
  assert.match(fixed.files[DRIFT_TABLES], /TextColumn get listId => text\(\)\.references\(Lists, #id, onDelete: KeyAction\.cascade, initiallyDeferred: true\)\(\);/);
  const items = fixed.model.tables.find((t) => t.name === 'items');
  assert.equal(items?.origin, 'drift');
  assert.match(items?.createSql ?? '', /"list_id" TEXT NOT NULL REFERENCES lists \(id\) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,/);
  assert.deepEqual(items?.foreignKeys.map((k) => k.deferred), [true]);
  // initiallyDeferred: false is turned to true; arguments on lines of their own keep their layout.
  const written = files[DRIFT_TABLES].replace('onDelete: KeyAction.cascade)', 'onDelete: KeyAction.cascade, initiallyDeferred: false)');
  const flipped = await applyFirstFix({ ...files, [DRIFT_TABLES]: written }, 'fk-not-deferrable');
  assert.match(flipped.files[DRIFT_TABLES], /onDelete: KeyAction\.cascade, initiallyDeferred: true\)\(\);/);
  assert.deepEqual(flipped.after.filter((f) => f.rule === 'fk-not-deferrable'), []);
  const multiline = files[DRIFT_TABLES].replace('text().references(Lists, #id, onDelete: KeyAction.cascade)()', 'text().references(\n        Lists,\n        #id,\n        onDelete: KeyAction.cascade,\n      )()');
  const laidOut = await applyFirstFix({ ...files, [DRIFT_TABLES]: multiline }, 'fk-not-deferrable');
  assert.match(laidOut.files[DRIFT_TABLES], /\n {8}onDelete: KeyAction\.cascade,\n {8}initiallyDeferred: true,\n {6}\)\(\);/);
  assert.deepEqual(laidOut.after.filter((f) => f.rule === 'fk-not-deferrable'), []);
});

test('fk-not-deferrable at run time: Drift\'s DDL for the immediate key fails a sync that brings an item with its new list; the deferred twin applies it', async () => {
  // The core applies a checkpoint's rows grouped by table name: 'items' rows before 'lists' rows.
  const checkpoint = (id: string) => [
    { op: 'PUT' as const, type: 'lists', id: 'l1', data: { name: 'Groceries' } },
    { op: 'PUT' as const, type: 'items', id, data: { list_id: 'l1', description: 'Milk', completed: 0 } },
  ];
  const bad = await syncFixture('drift-app', { foreignKeys: true });
  assert.deepEqual(bad.model.tables.map((t) => `${t.name} ${t.origin}`), ['lists drift', 'items drift']);
  const result = bad.session.applyCheckpoint(checkpoint('1'));
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
  bad.db.close();
  const ok = await syncFixture('drift-app-ok', { foreignKeys: true });
  const applied = ok.session.applyCheckpoint(checkpoint('t1'));
  assert.equal(applied.applied, true, applied.error);
  assert.equal(ok.db.scalar('select count(*) from items'), 1);
  ok.db.close();
});

test('fk-not-deferrable: a Drift key written in a customConstraint gets the SQL advice and no fix (Drift writes no references(…) then)', async () => {
  const files = filesUnder(fixturePath('drift-app'));
  files[DRIFT_TABLES] = files[DRIFT_TABLES].replace("text().references(Lists, #id, onDelete: KeyAction.cascade)()", "text().customConstraint('NOT NULL REFERENCES lists (id)')()");
  const { analyzer, model } = await analyzeFiles(files);
  const [fk] = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'fk-not-deferrable');
  assert.match(fk.message, /Declare it DEFERRABLE INITIALLY DEFERRED in the Drift table's customConstraint\.$/);
  assert.deepEqual(fk.fixes.filter((f) => !f.title.startsWith('Disable')), []);
});
