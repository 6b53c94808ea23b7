import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { createCrudTriggers } from '../../../server/src/engine/crud-triggers';
import { localWrite, readCrud, startSync } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';
import { fixturePath } from '../../support/paths';
import { syncFixture } from './fixture-sync';

const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';
const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const TRIGGERS = 'src/commonMain/kotlin/com/example/notes/sync/CrudTriggers.kt';
const FOLDER_ID = '    @PrimaryKey(autoGenerate = true) val id: Long = 0,';

const idFindings = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'id-not-text');

// The facts the rule stands on, in the real PowerSync core (@powersync/sql-js).

const UUID = '6f1c2c4e-1b7a-4d59-9c1e-8a8f5b8e0d11';
/** Room's DDL for `@PrimaryKey(autoGenerate = true) val id: Long` and for `@PrimaryKey val id: Long`. */
const ROOM_AUTOGENERATE = 'CREATE TABLE IF NOT EXISTS `folder` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `name` TEXT NOT NULL)';
const ROOM_LONG_KEY = 'CREATE TABLE IF NOT EXISTS `folder` (`id` INTEGER NOT NULL, `name` TEXT NOT NULL, PRIMARY KEY(`id`))';
const NOTE = 'CREATE TABLE IF NOT EXISTS `note` (`id` TEXT NOT NULL, `title` TEXT NOT NULL, PRIMARY KEY(`id`))';

async function syncInto(folderDdl: string) {
  const db = await openCoreDatabase(folderDdl, NOTE);
  const rawTables = [{ name: 'folder', table_name: 'folder' }, { name: 'note', table_name: 'note' }];
  const schema = { tables: [], raw_tables: rawTables };
  db.replaceSchema(schema);
  for (const raw of rawTables) assert.ok(createCrudTriggers(db, raw).ok);
  return { db, session: startSync(db, schema) };
}

test('core: an INTEGER PRIMARY KEY id rejects a UUID with datatype mismatch, and the whole checkpoint is not applied', async () => {
  for (const ddl of [ROOM_AUTOGENERATE, ROOM_LONG_KEY]) {
    const { db, session } = await syncInto(ddl);
    const result = session.applyCheckpoint([
      { op: 'PUT', type: 'folder', id: UUID, data: { name: 'Inbox' } },
      { op: 'PUT', type: 'note', id: 'n1', data: { title: 'Hello' } },
    ]);
    assert.equal(result.applied, false, ddl);
    assert.match(result.error ?? '', new RegExp(`^powersync_control: replacing into folder, id = ${UUID}, data = .*datatype mismatch$`));
    assert.deepEqual(db.query('select id from note'), [], 'the other table gets nothing either');
    db.close();
  }
});

test('core: an INTEGER PRIMARY KEY id takes an id that is an integer, and local rows upload their rowid as the id', async () => {
  const { db, session } = await syncInto(ROOM_AUTOGENERATE);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'folder', id: '42', data: { name: 'Inbox' } }]).applied, true);
  assert.deepEqual(db.query('select id, typeof(id) as type from folder'), [{ id: 42, type: 'integer' }]);
  assert.deepEqual(localWrite(db, "insert into folder (name) values ('Local')"), { ok: true });
  assert.deepEqual(readCrud(db).map((e) => [e.op, e.type, e.id]), [['PUT', 'folder', '43']]);
  db.close();
});

test('core: a TEXT id, or an INTEGER-affinity id that is no rowid alias, keeps a UUID', async () => {
  for (const ddl of [
    'CREATE TABLE folder (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL)',
    'CREATE TABLE folder (id BIGINT PRIMARY KEY NOT NULL, name TEXT NOT NULL)',
    'CREATE TABLE folder (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL) WITHOUT ROWID',
  ]) {
    const { db, session } = await syncInto(ddl);
    assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'folder', id: UUID, data: { name: 'Inbox' } }]).applied, true, ddl);
    assert.deepEqual(db.query('select id from folder'), [{ id: UUID }]);
    db.close();
  }
});

test("core: a REAL id turns '7' into 7.0, and a local change uploads the id '7.0'", async () => {
  const { db, session } = await syncInto('CREATE TABLE folder (id REAL PRIMARY KEY NOT NULL, name TEXT NOT NULL)');
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'folder', id: '7', data: { name: 'Inbox' } }]).applied, true);
  assert.deepEqual(db.query('select id, typeof(id) as type from folder'), [{ id: 7, type: 'real' }]);
  assert.deepEqual(localWrite(db, "update folder set name = 'Renamed'"), { ok: true });
  assert.deepEqual(readCrud(db).map((e) => [e.op, e.id]), [['PATCH', '7.0']]);
  db.close();
});

// The rule on fixtures.

test('id-not-text: a Room autoGenerate Long id on a synced table', () => {
  const findings = fixtureFindings('rule-id-not-text', 'id-not-text');
  assert.deepEqual(places(findings), [`${ENTITIES}:16`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'error');
  // The squiggle is the property's type, `Long`.
  assert.deepEqual(finding.range, { start: { line: 15, character: 45 }, end: { line: 15, character: 49 } });
  assert.match(finding.message, /^Synced rows of 'folder' with non-integer ids fail to apply\. Its id is an INTEGER PRIMARY KEY: every synced row whose id is not an integer fails\. /);
  assert.match(finding.message, /'datatype mismatch'/);
  assert.match(finding.message, /autoGenerate = true also numbers new local rows/);
  assert.match(finding.message, /Make it a String \(@PrimaryKey val id: String\)/);
  assert.deepEqual(finding.related.map((r) => `${r.file}:${r.range.start.line + 1}`), [`${SCHEMA}:9`]);
});

test('id-not-text: nothing when the id is a String', () => {
  assert.deepEqual(places(fixtureFindings('rule-id-not-text-ok', 'id-not-text')), []);
});

test('id-not-text: a Long @PrimaryKey without autoGenerate is a rowid alias too', () => {
  const dir = fixtureVariant('rule-id-not-text', { [ENTITIES]: replacing(FOLDER_ID, '    @PrimaryKey val id: Long,') });
  const findings = idFindings(dir);
  assert.deepEqual(places(findings), [`${ENTITIES}:16`]);
  assert.doesNotMatch(findings[0].message, /autoGenerate/);
});

test('id-not-text: silent when the id type cannot be resolved, or the table is not synced', () => {
  const unresolved = fixtureVariant('rule-id-not-text', { [ENTITIES]: replacing(FOLDER_ID, '    @PrimaryKey val id: ExternalId,') });
  assert.deepEqual(places(idFindings(unresolved)), []);
  const notSynced = fixtureVariant('rule-id-not-text', {
    [SCHEMA]: (text) =>
      replacing('val notesSchema = Schema(noteTable, folderTable)', 'val notesSchema = Schema(noteTable)')(
        replacing('val folderTable = RawTable(name = "folder", schema = RawTableSchema())\n\n', '')(text),
      ),
  });
  assert.deepEqual(places(idFindings(notSynced)), []);
});

test('id-not-text: an explicit put that binds Id into the INTEGER PRIMARY KEY', () => {
  const dir = fixtureVariant('rule-id-not-text', {
    [SCHEMA]: (text) => replacing(
      'val folderTable = RawTable(name = "folder", schema = RawTableSchema())',
      'val folderTable = RawTable(\n    name = "folder",\n    put = PendingStatement(\n        "INSERT INTO folder (name, id) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",\n        listOf(PendingStatementParameter.Column("name"), PendingStatementParameter.Id),\n    ),\n    delete = PendingStatement("DELETE FROM folder WHERE id = ?", listOf(PendingStatementParameter.Id)),\n)',
    )(text.replace('import com.powersync.db.schema.RawTable\n', 'import com.powersync.db.schema.PendingStatement\nimport com.powersync.db.schema.PendingStatementParameter\nimport com.powersync.db.schema.RawTable\n')),
  });
  assert.deepEqual(places(idFindings(dir)), [`${ENTITIES}:16`]);
});

const SQL_FOLDER = (column: string) => ({
  [ENTITIES]: (text: string) =>
    text
      .replace('@Entity(tableName = "folder")\ndata class FolderEntity(\n    @PrimaryKey(autoGenerate = true) val id: Long = 0,\n    val name: String,\n)\n\n', '')
      .replace('entities = [NoteEntity::class, FolderEntity::class]', 'entities = [NoteEntity::class]'),
  [TRIGGERS]: replacing(
    '    override fun onOpen(connection: SQLiteConnection) {\n',
    `    override fun onOpen(connection: SQLiteConnection) {\n        connection.execSQL("CREATE TABLE IF NOT EXISTS folder (${column}, name TEXT NOT NULL)")\n`,
  ),
});

test('id-not-text: CREATE TABLE ids, as SQLite reads them', () => {
  const cases: [string, string[], string?][] = [
    ['id INTEGER PRIMARY KEY', [`${TRIGGERS}:10`], 'error'],
    ['id INTEGER PRIMARY KEY AUTOINCREMENT', [`${TRIGGERS}:10`], 'error'],
    ['id REAL PRIMARY KEY NOT NULL', [`${TRIGGERS}:10`], 'warning'],
    ['id TEXT PRIMARY KEY NOT NULL', []],
    ['id BIGINT PRIMARY KEY NOT NULL', []],
    ['id INTEGER NOT NULL UNIQUE', []],
  ];
  for (const [column, expected, severity] of cases) {
    const findings = idFindings(fixtureVariant('rule-id-not-text', SQL_FOLDER(column)));
    assert.deepEqual(places(findings), expected, column);
    if (severity) assert.equal(findings[0].severity, severity, column);
  }
});

test('id-not-text: silent on an FTS table, whose columns have no affinity (a REAL id column of an ordinary table is reported)', () => {
  const realId = replacing(FOLDER_ID, '    val id: Double,');
  const ordinary = fixtureVariant('rule-id-not-text', { [ENTITIES]: (text) => replacing('    val id: Double,', '    @PrimaryKey val id: Double,')(realId(text)) });
  assert.deepEqual(idFindings(ordinary).map((f) => [places([f])[0], f.severity]), [[`${ENTITIES}:16`, 'warning']]);
  const fts = fixtureVariant('rule-id-not-text', {
    [ENTITIES]: (text) => replacing('@Entity(tableName = "folder")\n', '@Entity(tableName = "folder")\n@Fts4\n')(realId(text.replace('import androidx.room.Entity\n', 'import androidx.room.Entity\nimport androidx.room.Fts4\n'))),
  });
  assert.deepEqual(places(idFindings(fts)), []);
});

// Drizzle: integer('id').primaryKey() is drizzle-kit's `id integer PRIMARY KEY NOT NULL`, a rowid alias.

test('id-not-text: a Drizzle integer primary key on a synced table; its twin with text(\'id\').primaryKey() is clean', () => {
  const findings = idFindings(fixturePath('drizzle-app'));
  assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.severity}`), ['src/db/schema.ts:14 error']);
  assert.match(findings[0].message, /^Synced rows of 'items' with non-integer ids fail to apply\. Its id is an INTEGER PRIMARY KEY/);
  assert.match(findings[0].message, /Declare it text\('id'\)\.primaryKey\(\) in the Drizzle table, create ids with uuid\(\), and migrate the table\.$/);
  assert.deepEqual(idFindings(fixturePath('drizzle-app-ok')), []);
});

test('id-not-text at run time: drizzle-kit\'s DDL for the Drizzle integer key refuses a UUID id; the twin takes it', async () => {
  const bad = await syncFixture('drizzle-app');
  const rejected = bad.session.applyCheckpoint([{ op: 'PUT', type: 'items', id: UUID, data: { list_id: 'l1', description: 'Milk', done: 0 } }]);
  assert.equal(rejected.applied, false);
  assert.match(rejected.error ?? '', /datatype mismatch/);
  bad.db.close();
  const ok = await syncFixture('drizzle-app-ok');
  assert.equal(ok.session.applyCheckpoint([{ op: 'PUT', type: 'items', id: UUID, data: { list_id: 'l1', description: 'Milk', done: 0 } }]).applied, true);
  assert.equal(ok.db.scalar('select id from items'), UUID);
  ok.db.close();
});

// Drift: integer().autoIncrement() is Drift's `"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT`, a rowid alias.

test('id-not-text: a Drift autoIncrement() id on a synced table; its twin with a text id is clean', () => {
  const findings = idFindings(fixturePath('drift-app'));
  assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.severity}`), ['lib/database/tables.dart:14 error']);
  assert.match(findings[0].message, /^Synced rows of 'items' with non-integer ids fail to apply\. Its id is an INTEGER PRIMARY KEY/);
  assert.match(findings[0].message, / autoIncrement\(\) also numbers new local rows 1, 2, 3 …/);
  assert.match(findings[0].message, /Declare it a TextColumn in the Drift table \(text\(\)\(\), with `Set<Column> get primaryKey => \{…\}`\), create ids with uuid\(\), and migrate the table\.$/);
  assert.deepEqual(idFindings(fixturePath('drift-app-ok')), []);
});

test('id-not-text at run time: Drift\'s DDL for the autoIncrement() id refuses a UUID id; the twin takes it', async () => {
  const bad = await syncFixture('drift-app');
  const rejected = bad.session.applyCheckpoint([{ op: 'PUT', type: 'items', id: UUID, data: { list_id: 'l1', description: 'Milk', completed: 0 } }]);
  assert.equal(rejected.applied, false);
  assert.match(rejected.error ?? '', /datatype mismatch/);
  bad.db.close();
  const ok = await syncFixture('drift-app-ok');
  assert.equal(ok.session.applyCheckpoint([{ op: 'PUT', type: 'items', id: UUID, data: { list_id: 'l1', description: 'Milk', completed: 0 } }]).applied, true);
  assert.equal(ok.db.scalar('select id from items'), UUID);
  ok.db.close();
});
