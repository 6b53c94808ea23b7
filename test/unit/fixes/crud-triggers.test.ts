import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix } from '../../support/apply-fix';
import { factsOf } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { validate } from '../../../server/src/engine/validate';

const ENTITY = `package app.data

import androidx.room.*

@Entity(tableName = "note")
data class NoteEntity(
    @PrimaryKey val id: String,
    val title: String,
    @ColumnInfo(name = "body") val body: String?,
    @ColumnInfo(name = "pinned", defaultValue = "0") val pinned: Boolean = false,
)
`;

const DATABASE = `package app.data

import androidx.room.Database
import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection

@Database(entities = [NoteEntity::class], version = 1)
abstract class NotesDatabase : RoomDatabase()

class NotesCallback : RoomDatabase.Callback() {
    override fun onOpen(connection: SQLiteConnection) {
        super.onOpen(connection)
    }
}
`;

const SCHEMA_PATH = 'src/commonMain/kotlin/app/sync/Schema.kt';

const SCHEMA = `package app.sync

import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.Schema

val noteTable = RawTable(
    name = "note",
    put = PendingStatement(
        "INSERT INTO note (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body",
        listOf(
            PendingStatementParameter.Id,
            PendingStatementParameter.Column("title"),
            PendingStatementParameter.Column("body"),
        ),
    ),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

val schema = Schema(noteTable)
`;

const FILES = {
  'src/commonMain/kotlin/app/data/NoteEntity.kt': ENTITY,
  'src/commonMain/kotlin/app/data/NotesDatabase.kt': DATABASE,
  [SCHEMA_PATH]: SCHEMA,
};

test('missing-crud-triggers: the fix appends the core-written triggers as a Kotlin function, and they upload local writes', async () => {
  const fixed = await applyFirstFix(FILES, 'missing-crud-triggers');
  assert.ok(fixed.before.some((f) => f.rule === 'missing-crud-triggers'));
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'missing-crud-triggers').map((f) => f.message), []);
  // No new finding of any kind appeared: the hand-written trigger rules accept the core's SQL.
  const beforeRules = new Set(fixed.before.map((f) => f.rule));
  assert.deepEqual(fixed.after.filter((f) => !beforeRules.has(f.rule)).map((f) => `${f.rule}: ${f.message}`), []);

  // Only the raw table's file changed: an import and a function at its end, in the callback's type.
  assert.equal(fixed.files['src/commonMain/kotlin/app/data/NotesDatabase.kt'], DATABASE);
  const text = fixed.files[SCHEMA_PATH];
  assert.ok(text.startsWith(SCHEMA.slice(0, SCHEMA.indexOf('\n\nval noteTable'))));
  assert.match(text, /import com\.powersync\.db\.schema\.Schema\nimport androidx\.sqlite\.SQLiteConnection\nimport androidx\.sqlite\.execSQL\n/);
  assert.match(text, /\nval schema = Schema\(noteTable\)\n\n\/\*\*[^\n]*\*\/\n\/\/ Call from your RoomDatabase\.Callback onOpen[^\n]*\nfun installNoteCrudTriggers\(connection: SQLiteConnection\) \{\n/);
  assert.match(text, /connection\.execSQL\("DROP TRIGGER IF EXISTS note_crud_insert"\)/);
  assert.match(text, /connection\.execSQL\(\n {8}"""\n {12}CREATE TRIGGER "note_crud_update"/);
  assert.match(text, /""".trimIndent\(\),\n {4}\)\n\}\n$/);
  assert.equal((await factsOf(text, SCHEMA_PATH)).syntaxErrors.length, 0);

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
  const database = DATABASE.replace('import androidx.sqlite.SQLiteConnection', 'import androidx.sqlite.db.SupportSQLiteDatabase')
    .replace('onOpen(connection: SQLiteConnection)', 'onOpen(db: SupportSQLiteDatabase)')
    .replace('super.onOpen(connection)', 'super.onOpen(db)');
  const fixed = await applyFirstFix({ ...FILES, 'src/androidMain/kotlin/app/data/NotesDatabase.kt': database, 'src/commonMain/kotlin/app/data/NotesDatabase.kt': '' }, 'missing-crud-triggers');
  const text = fixed.files[SCHEMA_PATH];
  assert.match(text, /import androidx\.sqlite\.db\.SupportSQLiteDatabase\n/);
  assert.doesNotMatch(text, /import androidx\.sqlite\.execSQL/);
  assert.match(text, /fun installNoteCrudTriggers\(db: SupportSQLiteDatabase\) \{\n {4}db\.execSQL\("DROP TRIGGER IF EXISTS note_crud_insert"\)/);
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'missing-crud-triggers'), []);
});

test('an insert-only raw table gets only an INSERT trigger', async () => {
  const schema = SCHEMA.replace('import com.powersync.db.schema.Schema', 'import com.powersync.db.schema.RawTableSchema\nimport com.powersync.db.schema.Schema')
    .replace(/val noteTable = RawTable\([^]*?\n\)\n/, 'val noteTable = RawTable(\n    name = "note",\n    schema = RawTableSchema(syncedColumns = listOf("title", "body"), options = TableOptions(insertOnly = true)),\n)\n');
  const fixed = await applyFirstFix({ ...FILES, [SCHEMA_PATH]: schema }, 'missing-crud-triggers');
  const created = fixed.model.triggers.filter((t) => t.loc.uri.endsWith(SCHEMA_PATH));
  assert.deepEqual(created.map((t) => t.event), ['INSERT']);
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'missing-crud-triggers'), []);
});
