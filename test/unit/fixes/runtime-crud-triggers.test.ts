import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, assertFixed } from '../../support/apply-fix';
import { NOTE_ENTITY, noteSchema, notesDatabase, powerSyncVersionCatalog, withInstallerCall } from '../../support/kotlin-sources';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { localWrite, readCrud, startSync } from '../../../server/src/engine/sync-simulation';
import { evaluateString, EMPTY_SCOPE } from '../../../server/src/model/evaluate';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { CoreDatabase } from '../../../server/src/engine/database';
import type { Finding, Fix } from '../../../server/src/findings/finding';

const ENTITY_PATH = 'src/commonMain/kotlin/app/data/NoteEntity.kt';
const DATABASE_PATH = 'src/commonMain/kotlin/app/data/NotesDatabase.kt';
const SCHEMA_PATH = 'src/commonMain/kotlin/app/sync/Schema.kt';
const VERSIONS_PATH = 'gradle/libs.versions.toml';

const DATABASE = notesDatabase();
const EXPLICIT_SCHEMA = noteSchema();

const INFERRED_SCHEMA = `package app.sync

import com.powersync.db.schema.RawTable
import com.powersync.db.schema.RawTableSchema
import com.powersync.db.schema.Schema

object Tables {
    val note = RawTable(name = "note", schema = RawTableSchema(syncedColumns = listOf("title", "body")))
}

val schema = Schema(Tables.note)
`;

function files(schema: string, options: { version?: string; database?: string } = {}): Record<string, string> {
  return {
    [ENTITY_PATH]: NOTE_ENTITY,
    [DATABASE_PATH]: options.database ?? DATABASE,
    [SCHEMA_PATH]: schema,
    [VERSIONS_PATH]: powerSyncVersionCatalog(options.version ?? '1.11.2'),
  };
}

const isRuntime = (fix: Fix) => fix.title.startsWith('Have the PowerSync core create');

async function runtimeFix(input: Record<string, string>): Promise<{ findings: Finding[]; fix?: Fix }> {
  const { model, analyzer } = await analyzeFiles(input);
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings;
  const finding = findings.find((f) => f.rule === 'missing-crud-triggers');
  assert.ok(finding, `expected a missing-crud-triggers finding, got ${findings.map((f) => f.rule).join(', ')}`);
  return { findings, fix: finding.fixes.find(isRuntime) };
}

/** Applies the alternative by hand (`rawsync fix` applies only preferred fixes) and checks again. */
async function applyRuntime(input: Record<string, string>) {
  const { findings: before, fix } = await runtimeFix(input);
  assert.ok(fix, 'the run-time alternative is offered');
  return { before, fix, ...(await applyEdits(input, fix.edits)) };
}

/**
 * Runs what the generated function runs, in order: each SQL string it hands to execSQL/prepare/query,
 * bound to the values it binds (the raw table's JSON as the SDK serializes it, trigger name, write type).
 */
async function runInstaller(db: CoreDatabase, text: string, functionName: string, json: string): Promise<string[]> {
  const facts = await factsOf(text, SCHEMA_PATH);
  const statements = facts.sqlStatements.filter((s) => s.enclosingFunction === functionName).map((s) => evaluateString(s.sql, EMPTY_SCOPE)!);
  const body = text.slice(text.indexOf(`fun ${functionName}(`));
  const bound = [...body.matchAll(/(?:bindText\(2, |jsonDescription\(\), )"([^"]+)"(?:\)\n\s+it\.bindText\(3, |, )"(INSERT|UPDATE|DELETE)"/g)].map((m) => [m[1], m[2]]);
  let call = 0;
  for (const sql of statements) {
    if (sql.startsWith('DROP TRIGGER')) db.exec(sql);
    else db.query(sql, [json, ...bound[call++]]);
  }
  assert.equal(call, bound.length);
  return statements;
}

test('missing-crud-triggers: on SDK 1.11+ the run-time alternative adds a RawTableSchema and has the core create the triggers from jsonDescription()', async () => {
  const input = files(EXPLICIT_SCHEMA);
  const fixed = await applyRuntime(input);
  assert.equal(fixed.fix.preferred, false);
  assert.ok(fixed.before.find((f) => f.rule === 'missing-crud-triggers')!.fixes.some((f) => f.preferred && !isRuntime(f)));
  await assertFixed(fixed, 'missing-crud-triggers', input);

  assert.equal(fixed.files[DATABASE_PATH], withInstallerCall(DATABASE, 'installNoteCrudTriggers', 'connection'));
  const text = fixed.files[SCHEMA_PATH];
  assert.match(text, /import com\.powersync\.db\.schema\.Schema\nimport androidx\.sqlite\.SQLiteConnection\nimport androidx\.sqlite\.execSQL\nimport com\.powersync\.db\.schema\.RawTableSchema\n/);
  // jsonDescription() names the local table only with a schema: the put's columns become syncedColumns.
  assert.match(text, /\n {4}delete = PendingStatement\("DELETE FROM note WHERE id = \?", listOf\(PendingStatementParameter\.Id\)\),\n {4}schema = RawTableSchema\(syncedColumns = listOf\("title", "body"\)\),\n\)\n/);
  assert.match(text, /\nfun installNoteCrudTriggers\(connection: SQLiteConnection\) \{\n {4}connection\.execSQL\("DROP TRIGGER IF EXISTS note_crud_insert"\)\n {4}connection\.prepare\("SELECT powersync_create_raw_table_crud_trigger\(\?, \?, \?\)"\)\.use \{\n {8}it\.bindText\(1, noteTable\.jsonDescription\(\)\)\n {8}it\.bindText\(2, "note_crud_insert"\)\n {8}it\.bindText\(3, "INSERT"\)\n {8}it\.step\(\)\n {4}\}\n/);

  // The model reads the calls back through prepare(…).use { it.bindText(…) }: the table stays known.
  const calls = fixed.model.triggers.filter((t) => t.form === 'crud-trigger-call');
  assert.deepEqual(calls.map((t) => [t.event, t.name, t.table, t.rawTable?.name]), [
    ['INSERT', 'note_crud_insert', 'note', 'note'],
    ['UPDATE', 'note_crud_update', 'note', 'note'],
    ['DELETE', 'note_crud_delete', 'note', 'note'],
  ]);

  // The model reads the new schema argument next to the explicit statements.
  const rawTable = fixed.model.rawTables[0];
  assert.ok(rawTable.put && rawTable.delete);
  assert.deepEqual(rawTable.schema?.syncedColumns, ['title', 'body']);
  const json = rawTable.coreJson as Record<string, unknown>;
  assert.deepEqual([json.name, json.table_name, json.synced_columns], ['note', 'note', ['title', 'body']]);
  assert.ok(json.put && json.delete);

  // The installer's SQL, run in the real core with the JSON the SDK produces (rawTableToJson).
  const table = fixed.model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  const statements = await runInstaller(db, text, 'installNoteCrudTriggers', JSON.stringify(rawTable.coreJson));
  assert.equal(statements.length, 6);
  // Run twice, as onOpen does on every start: the DROPs make it repeatable.
  await runInstaller(db, text, 'installNoteCrudTriggers', JSON.stringify(rawTable.coreJson));
  assert.deepEqual(db.query("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").map((r) => r.name), ['note_crud_delete', 'note_crud_insert', 'note_crud_update']);

  assert.deepEqual(localWrite(db, "INSERT INTO note (id, title, body) VALUES ('n1', 'a', 'b')"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE note SET title = 'a2' WHERE id = 'n1'"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE note SET pinned = 1 WHERE id = 'n1'"), { ok: true });
  assert.deepEqual(localWrite(db, "DELETE FROM note WHERE id = 'n1'"), { ok: true });
  const crud = readCrud(db);
  assert.deepEqual(crud.map((c) => [c.op, c.type, c.id]), [['PUT', 'note', 'n1'], ['PATCH', 'note', 'n1'], ['DELETE', 'note', 'n1']]);
  assert.deepEqual(crud[0].data, { title: 'a', body: 'b' });
  assert.deepEqual(crud[1].data, { title: 'a2' });
  db.close();

  // The explicit statements still sync with the schema beside them.
  const synced = await openCoreDatabase(table.createSql);
  const coreSchema = { tables: [], raw_tables: [rawTable.coreJson] };
  synced.replaceSchema(coreSchema);
  const session = startSync(synced, coreSchema);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'a', body: 'b' } }]).applied, true);
  assert.deepEqual(synced.query('SELECT id, title FROM note'), [{ id: 'n1', title: 'a' }]);
  synced.close();
});

test('the core helper takes exactly (JSON with table_name, trigger name, upper-case write type)', async () => {
  const { model } = await analyzeFiles(files(EXPLICIT_SCHEMA));
  const table = model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  const json = model.rawTables[0].coreJson as Record<string, unknown>;
  // Without a RawTableSchema the SDK's JSON has no table_name, and the core refuses it.
  assert.throws(() => db.query('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [JSON.stringify(json), 't1', 'INSERT']), /no local name/);
  const withTable = JSON.stringify({ ...json, table_name: 'note' });
  assert.throws(() => db.query('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [withTable, 't1', 'insert']), /unexpected write type/);
  db.query('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [withTable, 't1', 'INSERT']);
  assert.throws(() => db.query('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [withTable, 't1', 'INSERT']), /already exists/);
  db.close();
});

test('a project on SupportSQLiteDatabase gets query(…, arrayOf(…)) calls the model reads back, for a raw table in an object', async () => {
  const input = files(INFERRED_SCHEMA, { database: notesDatabase({ connection: 'SupportSQLiteDatabase' }) });
  const fixed = await applyRuntime(input);
  await assertFixed(fixed, 'missing-crud-triggers', input);
  const text = fixed.files[SCHEMA_PATH];
  // The raw table already has its schema: the declaration is left as it was.
  assert.ok(text.includes(INFERRED_SCHEMA.slice(INFERRED_SCHEMA.indexOf('object Tables')).trimEnd()));
  assert.match(text, /import com\.powersync\.db\.schema\.Schema\nimport androidx\.sqlite\.db\.SupportSQLiteDatabase\n/);
  assert.match(text, /fun installNoteCrudTriggers\(db: SupportSQLiteDatabase\) \{\n {4}db\.execSQL\("DROP TRIGGER IF EXISTS note_crud_insert"\)\n {4}db\.query\("SELECT powersync_create_raw_table_crud_trigger\(\?, \?, \?\)", arrayOf\(Tables\.note\.jsonDescription\(\), "note_crud_insert", "INSERT"\)\)\.use \{ it\.moveToFirst\(\) \}\n/);
  const calls = fixed.model.triggers.filter((t) => t.form === 'crud-trigger-call');
  assert.deepEqual(calls.map((t) => [t.event, t.name, t.table, t.rawTable?.name]), [
    ['INSERT', 'note_crud_insert', 'note', 'note'],
    ['UPDATE', 'note_crud_update', 'note', 'note'],
    ['DELETE', 'note_crud_delete', 'note', 'note'],
  ]);

  const rawTable = fixed.model.rawTables[0];
  const table = fixed.model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  await runInstaller(db, text, 'installNoteCrudTriggers', JSON.stringify(rawTable.coreJson));
  assert.deepEqual(localWrite(db, "INSERT INTO note (id, title, body) VALUES ('n1', 'a', 'b')"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE note SET pinned = 1 WHERE id = 'n1'"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE note SET body = 'b2' WHERE id = 'n1'"), { ok: true });
  assert.deepEqual(localWrite(db, "DELETE FROM note WHERE id = 'n1'"), { ok: true });
  assert.deepEqual(readCrud(db).map((c) => [c.op, c.id, c.data]), [['PUT', 'n1', { title: 'a', body: 'b' }], ['PATCH', 'n1', { body: 'b2' }], ['DELETE', 'n1', undefined]]);
  db.close();
});

test('the run-time alternative is not offered where the SDK lacks jsonDescription() or the code could not reach the raw table', async () => {
  const cases: [string, Record<string, string>][] = [
    ['SDK 1.10', files(EXPLICIT_SCHEMA, { version: '1.10.1' })],
    ['SDK version unknown', { [ENTITY_PATH]: NOTE_ENTITY, [DATABASE_PATH]: DATABASE, [SCHEMA_PATH]: EXPLICIT_SCHEMA }],
    ['a raw table with no variable', files(EXPLICIT_SCHEMA.replace('val noteTable = RawTable(', 'val schema = Schema(RawTable(').replace(/\n\)\n\nval schema = Schema\(noteTable\)\n/, '\n))\n'))],
    ['a raw table inside a class', files(INFERRED_SCHEMA.replace('object Tables {', 'class Tables {'))],
    ['a private member of an object', files(INFERRED_SCHEMA.replace('    val note = RawTable', '    private val note = RawTable'))],
    // No syncedColumns: the core's triggers would upload pinned, which sync never writes.
    ['a schema whose triggers would upload a local-only column', files(INFERRED_SCHEMA.replace('RawTableSchema(syncedColumns = listOf("title", "body"))', 'RawTableSchema()')
      .replace('schema = RawTableSchema()', 'schema = RawTableSchema(), put = PendingStatement("INSERT INTO note (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body", listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("body")))')
      .replace('import com.powersync.db.schema.RawTable\n', 'import com.powersync.db.schema.PendingStatement\nimport com.powersync.db.schema.PendingStatementParameter\nimport com.powersync.db.schema.RawTable\n'))],
  ];
  for (const [what, input] of cases) {
    const { findings, fix } = await runtimeFix(input);
    assert.equal(fix, undefined, what);
    assert.ok(findings.find((f) => f.rule === 'missing-crud-triggers')!.fixes.some((f) => f.preferred), what);
  }
});

test('after the run-time fix for one table, the other tables without triggers are still reported', async () => {
  const entity = NOTE_ENTITY + `
@Entity(tableName = "folder")
data class FolderEntity(
    @PrimaryKey val id: String,
    val name: String,
)
`;
  const schema = EXPLICIT_SCHEMA.replace('val schema = Schema(noteTable)', `val folderTable = RawTable(
    name = "folder",
    put = PendingStatement(
        "INSERT INTO folder (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("name")),
    ),
    delete = PendingStatement("DELETE FROM folder WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

val schema = Schema(noteTable, folderTable)`);
  const database = notesDatabase({ entities: ['NoteEntity', 'FolderEntity'] });
  const fixed = await applyRuntime({ ...files(schema, { database }), [ENTITY_PATH]: entity });
  const remaining = fixed.after.filter((f) => f.rule === 'missing-crud-triggers');
  assert.equal(remaining.length, 1);
  assert.match(remaining[0].message, /'folder'/);
});
