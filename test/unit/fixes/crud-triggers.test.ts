import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { NOTE_ENTITY, noteSchema, notesDatabase, powerSyncVersionCatalog, withInstallerCall } from '../../support/kotlin-sources';
import { factsOf } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { validate } from '../../../server/src/engine/validate';
import type { Finding } from '../../../server/src/findings/finding';

const SCHEMA_PATH = 'src/commonMain/kotlin/app/sync/Schema.kt';
const DATABASE = notesDatabase();
const SCHEMA = noteSchema();

const FILES = {
  'src/commonMain/kotlin/app/data/NoteEntity.kt': NOTE_ENTITY,
  'src/commonMain/kotlin/app/data/NotesDatabase.kt': DATABASE,
  [SCHEMA_PATH]: SCHEMA,
};

test('missing-crud-triggers: the fix appends the core-written triggers as a Kotlin function, and they upload local writes', async () => {
  const fixed = await applyFirstFix(FILES, 'missing-crud-triggers');
  // No new finding of any kind appears: the hand-written trigger rules accept the core's SQL.
  await assertFixed(fixed, 'missing-crud-triggers', FILES);

  // The raw table's file gets an import and a function at its end, in the callback's type; the
  // app's one Room callback calls it from onOpen, after super.onOpen, importing it from its package.
  assert.equal(fixed.files['src/commonMain/kotlin/app/data/NotesDatabase.kt'], withInstallerCall(DATABASE, 'installNoteCrudTriggers', 'connection'));
  const text = fixed.files[SCHEMA_PATH];
  assert.ok(text.startsWith(SCHEMA.slice(0, SCHEMA.indexOf('\n\nval noteTable'))));
  assert.match(text, /import com\.powersync\.db\.schema\.Schema\nimport androidx\.sqlite\.SQLiteConnection\nimport androidx\.sqlite\.execSQL\n/);
  assert.match(text, /\nval schema = Schema\(noteTable\)\n\n\/\*\*[^\n]*\*\/\n\/\/ Called from NotesCallback\.onOpen, which Room runs on every open, after migrations\.\nfun installNoteCrudTriggers\(connection: SQLiteConnection\) \{\n/);
  assert.match(text, /connection\.execSQL\("DROP TRIGGER IF EXISTS note_crud_insert"\)/);
  assert.match(text, /connection\.execSQL\(\n {8}"""\n {12}CREATE TRIGGER "note_crud_update"/);
  assert.match(text, /""".trimIndent\(\),\n {4}\)\n\}\n$/);

  // The model reads back three CREATE TRIGGERs and their DROPs; each runs against the derived schema.
  const table = fixed.model.tables.find((t) => t.name === 'note')!;
  const created = fixed.model.triggers.filter((t) => t.loc.uri.endsWith(SCHEMA_PATH));
  assert.deepEqual(created.map((t) => [t.event, t.name, t.writesPowerSyncCrud]), [
    ['INSERT', 'note_crud_insert', true],
    ['UPDATE', 'note_crud_update', true],
    ['DELETE', 'note_crud_delete', true],
  ]);
  const facts = await factsOf(text, SCHEMA_PATH);
  const statements = facts.sqlStatements.filter((s) => s.enclosingFunction === 'installNoteCrudTriggers');
  assert.equal(statements.length, 6);
  const db = await openCoreDatabase(table.createSql);
  for (const trigger of created) {
    assert.deepEqual(validate(db, `DROP TRIGGER IF EXISTS ${trigger.name}`).ok, true);
    db.exec(trigger.sql!);
  }

  // With the real core: insert, update and delete upload PUT, PATCH and DELETE; a local-only update uploads nothing.
  assert.deepEqual(localWrite(db, "INSERT INTO note (id, title, body) VALUES ('n1', 'a', 'b')"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE note SET title = 'a2' WHERE id = 'n1'"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE note SET pinned = 1 WHERE id = 'n1'"), { ok: true });
  assert.deepEqual(localWrite(db, "DELETE FROM note WHERE id = 'n1'"), { ok: true });
  const crud = readCrud(db);
  assert.deepEqual(crud.map((c) => [c.op, c.type, c.id]), [['PUT', 'note', 'n1'], ['PATCH', 'note', 'n1'], ['DELETE', 'note', 'n1']]);
  assert.deepEqual(crud[0].data, { title: 'a', body: 'b' });
  assert.deepEqual(crud[1].data, { title: 'a2' });
  db.close();
});

test('a project on SupportSQLiteDatabase callbacks gets a function taking SupportSQLiteDatabase', async () => {
  const database = notesDatabase({ connection: 'SupportSQLiteDatabase' });
  const input = { ...FILES, 'src/androidMain/kotlin/app/data/NotesDatabase.kt': database, 'src/commonMain/kotlin/app/data/NotesDatabase.kt': '' };
  const fixed = await applyFirstFix(input, 'missing-crud-triggers');
  const text = fixed.files[SCHEMA_PATH];
  assert.match(text, /import androidx\.sqlite\.db\.SupportSQLiteDatabase\n/);
  assert.doesNotMatch(text, /import androidx\.sqlite\.execSQL/);
  assert.match(text, /fun installNoteCrudTriggers\(db: SupportSQLiteDatabase\) \{\n {4}db\.execSQL\("DROP TRIGGER IF EXISTS note_crud_insert"\)/);
  await assertFixed(fixed, 'missing-crud-triggers', input);
});

test('an insert-only raw table gets only an INSERT trigger', async () => {
  const schema = SCHEMA.replace('import com.powersync.db.schema.Schema', 'import com.powersync.db.schema.RawTableSchema\nimport com.powersync.db.schema.Schema')
    .replace(/val noteTable = RawTable\([^]*?\n\)\n/, 'val noteTable = RawTable(\n    name = "note",\n    schema = RawTableSchema(syncedColumns = listOf("title", "body"), options = TableOptions(insertOnly = true)),\n)\n');
  const input = { ...FILES, [SCHEMA_PATH]: schema };
  const fixed = await applyFirstFix(input, 'missing-crud-triggers');
  const created = fixed.model.triggers.filter((t) => t.loc.uri.endsWith(SCHEMA_PATH));
  assert.deepEqual(created.map((t) => t.event), ['INSERT']);
  await assertFixed(fixed, 'missing-crud-triggers', input);
});

test('the triggers run on Room\'s writes too: with integration-room declared, Room\'s plain bundled driver loads the extension', async () => {
  const builder = 'src/androidMain/kotlin/app/AndroidNotes.kt';
  const room = `package app

import android.content.Context
import androidx.room.Room
import androidx.sqlite.driver.bundled.BundledSQLiteDriver
import app.data.NotesDatabase

fun buildRoom(context: Context): NotesDatabase =
    Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath("notes.db").absolutePath)
        .setDriver(BundledSQLiteDriver())
        .build()
`;
  const catalog = (withRoom: boolean) =>
    `${powerSyncVersionCatalog('1.11.2')}${withRoom ? 'powersync-room = { module = "com.powersync:integration-room", version.ref = "powersync" }\n' : ''}`;
  const input = { ...FILES, [builder]: room, 'gradle/libs.versions.toml': catalog(true) };
  const fixed = await applyFirstFix(input, 'missing-crud-triggers');
  await assertFixed(fixed, 'missing-crud-triggers', input);
  assert.match(fixed.files[builder], /\.setDriver\(BundledSQLiteDriver\(\)\.also \{ it\.loadPowerSyncExtension\(\) \}\)/);
  assert.match(fixed.files[builder], /\nimport com\.powersync\.integrations\.room\.loadPowerSyncExtension\n/);
  assert.equal((await factsOf(fixed.files[builder], builder)).extensionLoads.length, 1, 'the model sees the load');

  // Without the dependency there is no loadPowerSyncExtension() to call: Room's file is left alone.
  const without = { ...input, 'gradle/libs.versions.toml': catalog(false) };
  const plain = await applyFirstFix(without, 'missing-crud-triggers');
  assert.equal(plain.files[builder], room);
});

test('the installer is only called where one callback says where: with two onOpen callbacks, a note says where to call it', async () => {
  const second = DATABASE.replace('class NotesCallback', 'class OtherCallback : RoomDatabase.Callback() {\n    override fun onOpen(connection: SQLiteConnection) {\n        super.onOpen(connection)\n    }\n}\n\nclass NotesCallback');
  assert.notEqual(second, DATABASE);
  const input = { ...FILES, 'src/commonMain/kotlin/app/data/NotesDatabase.kt': second };
  const fixed = await applyFirstFix(input, 'missing-crud-triggers');
  assertUncalledInstaller(fixed.after);
  const callbacks = fixed.after.find((f) => f.rule === 'missing-crud-triggers')!.related.filter((r) => r.message === 'a Room callback where it can be called');
  assert.equal(callbacks.length, 2, 'both onOpen callbacks are shown as places to call it');
  assert.equal(fixed.files['src/commonMain/kotlin/app/data/NotesDatabase.kt'], second);
  assert.match(fixed.files[SCHEMA_PATH], /\n\/\/ Call from your RoomDatabase\.Callback onOpen \(it runs after migrations\): installNoteCrudTriggers\(connection\)\n/);
});

test('a Room callback written in Java gets no Kotlin call: the installer is appended and a note says where to call it', async () => {
  const javaDatabase = `package app.data;

import androidx.room.Database;
import androidx.room.RoomDatabase;
import androidx.sqlite.SQLiteConnection;

@Database(entities = {NoteEntity.class}, version = 1)
public abstract class NotesDatabase extends RoomDatabase {
}

class NotesCallback extends RoomDatabase.Callback {
    @Override
    public void onOpen(SQLiteConnection connection) {
        super.onOpen(connection);
    }
}
`;
  const files = {
    'src/commonMain/kotlin/app/data/NoteEntity.kt': NOTE_ENTITY,
    'src/main/java/app/data/NotesDatabase.java': javaDatabase,
    [SCHEMA_PATH]: SCHEMA,
  };
  const fixed = await applyFirstFix(files, 'missing-crud-triggers');
  assertUncalledInstaller(fixed.after);
  assert.equal(fixed.files['src/main/java/app/data/NotesDatabase.java'], javaDatabase);
  assert.match(fixed.files[SCHEMA_PATH], /\n\/\/ Call from your RoomDatabase\.Callback onOpen \(it runs after migrations\): installNoteCrudTriggers\(connection\)\n/);
});

/**
 * An installer the fix could not call creates no trigger until the app calls it: the finding stays,
 * now saying that nothing calls it, with no fix (where to call it is the app's to say).
 */
function assertUncalledInstaller(after: Finding[]): void {
  const left = after.filter((f) => f.rule === 'missing-crud-triggers');
  assert.equal(left.length, 1, left.map((f) => f.message).join('\n'));
  assert.match(left[0].message, /^Local inserts, updates and deletes of 'note' are never uploaded\. Its triggers are created in installNoteCrudTriggers \(sync\/Schema\.kt\), which nothing in the workspace calls: call it once the table exists, where the app creates its tables\.$/);
  assert.deepEqual(left[0].fixes, []);
}
