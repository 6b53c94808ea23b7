import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { openCoreDatabase } from '../engine/core-database';

const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const SYNC = 'src/commonMain/kotlin/com/example/notes/sync/NotesSync.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';
const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidNotes.kt';
const FOLDER_TABLE = 'val folderTable = Table("folder", listOf(Column.text("name")))';

const clashes = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'view-name-clash');

// The facts the rule stands on, in the real PowerSync core (@powersync/sql-js).

const ROOM_FOLDER = 'CREATE TABLE IF NOT EXISTS `folder` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, PRIMARY KEY(`id`))';
const viewTable = (name: string, extra: Record<string, unknown> = {}) => ({ name, columns: [{ name: 'name', type: 'TEXT' }], ...extra });

test('core: a view-backed table named like an existing table fails powersync_replace_schema, and the table is kept', async () => {
  for (const options of [{}, { local_only: true }, { insert_only: true }]) {
    const db = await openCoreDatabase(ROOM_FOLDER);
    assert.throws(() => db.replaceSchema({ tables: [viewTable('folder', options)], raw_tables: [] }), /^Error: powersync_replace_schema: internal SQLite call returned ERROR$/);
    assert.deepEqual(db.query("select type, name from sqlite_master where name like '%folder%' and type <> 'index' order by name"), [{ type: 'table', name: 'folder' }]);
    db.close();
  }
  // SQLite names compare without case: a table 'Folder' clashes with the view 'folder'.
  const mixed = await openCoreDatabase('CREATE TABLE Folder (id TEXT PRIMARY KEY)');
  assert.throws(() => mixed.replaceSchema({ tables: [viewTable('folder')], raw_tables: [] }), /internal SQLite call returned ERROR/);
  mixed.close();
});

test('core: with view_name (viewNameOverride) the view is created beside the table', async () => {
  const db = await openCoreDatabase(ROOM_FOLDER);
  db.replaceSchema({ tables: [viewTable('folder', { view_name: 'synced_folder' })], raw_tables: [] });
  assert.deepEqual(db.query("select type, name from sqlite_master where name in ('folder', 'synced_folder') order by name"), [
    { type: 'table', name: 'folder' },
    { type: 'view', name: 'synced_folder' },
  ]);
  db.close();
});

test('core: when the view comes first, CREATE TABLE IF NOT EXISTS creates nothing (and without IF NOT EXISTS it fails)', async () => {
  const db = await openCoreDatabase();
  db.replaceSchema({ tables: [viewTable('folder')], raw_tables: [] });
  db.exec(ROOM_FOLDER);
  assert.equal(db.scalar("select type from sqlite_master where name = 'folder'"), 'view');
  assert.throws(() => db.exec('CREATE TABLE folder (id TEXT PRIMARY KEY)'), /view `?folder`? already exists/);
  db.close();
});

// The rule on fixtures.

test('view-name-clash: a view-backed Table named like a Room table, on Room connections through a RoomConnectionPool', () => {
  const findings = fixtureFindings('rule-view-name-clash', 'view-name-clash');
  // 'tag' is no Room table: only 'folder' is reported, on its name argument.
  assert.deepEqual(places(findings), [`${SCHEMA}:12`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'error');
  assert.deepEqual(finding.range, { start: { line: 11, character: 24 }, end: { line: 11, character: 32 } });
  assert.match(finding.message, /^PowerSync cannot apply its schema: view 'folder' clashes with a table\. PowerSync table 'folder' needs a view named 'folder', a name Room's table 'folder' holds in the same database\. /);
  assert.match(finding.message, /through a RoomConnectionPool|a RoomConnectionPool/);
  assert.match(finding.message, /internal SQLite call returned ERROR/);
  assert.doesNotMatch(finding.message, /Should PowerSync get there first/);
  assert.match(finding.message, /RawTable .*viewNameOverride\.$/);
  assert.deepEqual(finding.related.map((r) => `${r.file}:${r.range.start.line + 1}`), [`${ENTITIES}:14`, `${SYNC}:13`]);
});

test('view-name-clash: nothing when viewNameOverride names the view apart', () => {
  assert.deepEqual(places(fixtureFindings('rule-view-name-clash-ok', 'view-name-clash')), []);
});

test('view-name-clash: a viewNameOverride that is itself a Room table is reported on the override', () => {
  const dir = fixtureVariant('rule-view-name-clash-ok', { [SCHEMA]: replacing('viewNameOverride = "synced_folder"', 'viewNameOverride = "note"') });
  const findings = clashes(dir);
  assert.deepEqual(places(findings), [`${SCHEMA}:12`]);
  assert.match(findings[0].message, /^PowerSync cannot apply its schema: view 'note' clashes with a table\. The view name 'note' of PowerSync table 'folder' needs a view named 'note', a name Room's table 'note' holds/);
  assert.equal(findings[0].range.start.character, 'val folderTable = Table("folder", listOf(Column.text("name")), viewNameOverride = '.length);
});

test('view-name-clash: Table.localOnly and Table.insertOnly create views too', () => {
  for (const call of ['Table.localOnly("folder", listOf(Column.text("name")))', 'Table.insertOnly("folder", listOf(Column.text("name")))']) {
    const dir = fixtureVariant('rule-view-name-clash', { [SCHEMA]: replacing(FOLDER_TABLE, `val folderTable = ${call}`) });
    assert.deepEqual(places(clashes(dir)), [`${SCHEMA}:12`], call);
  }
  const named = fixtureVariant('rule-view-name-clash', { [SCHEMA]: replacing(FOLDER_TABLE, 'val folderTable = Table.localOnly("folder", listOf(Column.text("name")), viewName = "local_folder")') });
  assert.deepEqual(places(clashes(named)), []);
});

test('view-name-clash: silent when the name or the view name cannot be resolved', () => {
  const name = fixtureVariant('rule-view-name-clash', { [SCHEMA]: replacing(FOLDER_TABLE, 'val folderTable = Table(ExternalNames.FOLDER, listOf(Column.text("name")))') });
  assert.deepEqual(places(clashes(name)), []);
  const view = fixtureVariant('rule-view-name-clash-ok', { [SCHEMA]: replacing('viewNameOverride = "synced_folder"', 'viewNameOverride = ExternalNames.FOLDER') });
  assert.deepEqual(places(clashes(view)), []);
});

test('view-name-clash: without a pool, a schema whose raw tables write Room tables runs on Room\'s database', () => {
  const dir = fixtureVariant('rule-view-name-clash', { [SYNC]: null });
  const findings = clashes(dir);
  assert.deepEqual(places(findings), [`${SCHEMA}:12`]);
  assert.match(findings[0].message, /because the schema's raw table 'note' writes NotesDatabase's table 'note'\./);
  // The order is not known: the message says what happens either way.
  assert.match(findings[0].message, /Should PowerSync get there first, the view takes the name instead/);
});

const OWN_FILE = (fileName: string) => `package com.example.notes.sync

import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase
import kotlinx.coroutines.CoroutineScope

fun openPowerSync(factory: DatabaseDriverFactory, scope: CoroutineScope) =
    PowerSyncDatabase(factory, notesSchema, dbFilename = "${fileName}", scope = scope)
`;

test('view-name-clash: PowerSyncDatabase on the file Room opens; silent when they open different files', () => {
  const androidRoom = (text: string) => text.replace('context.getDatabasePath("notes.db").absolutePath', '"notes.db"');
  const same = fixtureVariant('rule-view-name-clash', { [SYNC]: OWN_FILE('notes.db'), [ANDROID]: androidRoom });
  const findings = clashes(same);
  assert.deepEqual(places(findings), [`${SCHEMA}:12`]);
  assert.match(findings[0].message, /PowerSyncDatabase opens this schema on the file NotesDatabase uses/);
  const other = fixtureVariant('rule-view-name-clash', { [SYNC]: OWN_FILE('powersync.db'), [ANDROID]: androidRoom });
  assert.deepEqual(places(clashes(other)), []);
});

test('view-name-clash: a raw table\'s local table and a view of the same name in one schema', () => {
  const dir = fixtureVariant('rule-view-name-clash-ok', {
    [SCHEMA]: (text) =>
      replacing('val tagTable = Table("tag", listOf(Column.text("label")))', 'val tagTable = Table("note", listOf(Column.text("label")))')(
        replacing('val noteTable = RawTable(name = "note", schema = RawTableSchema())', 'val noteTable = RawTable(name = "remote_note", schema = RawTableSchema(tableName = "note"))')(text),
      ),
  });
  assert.deepEqual(places(clashes(dir)), [`${SCHEMA}:14`]);
});

test('view-name-clash: silent when the Schema repeats a name (Schema.validate() throws first)', () => {
  const dir = fixtureVariant('rule-view-name-clash', { [SCHEMA]: replacing('val tagTable = Table("tag"', 'val tagTable = Table("note"') });
  assert.deepEqual(places(clashes(dir)), [`${SCHEMA}:12`]);
});
