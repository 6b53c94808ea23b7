import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { NOTE_ENTITY } from '../../support/kotlin-sources';
import { analyzeFiles } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { syncedTables } from '../../../server/src/model/synced-tables';

// A put whose VALUES list lacks a `?` (seen in a public app): its column list and its parameters
// both say title and body are synced. Nothing may conclude that body is local-only from it.

const ENTITY_FILE = 'src/commonMain/kotlin/app/data/NoteEntity.kt';
const SCHEMA_FILE = 'src/commonMain/kotlin/app/sync/Schema.kt';
const TRIGGERS_FILE = 'src/commonMain/kotlin/app/data/CrudTriggers.kt';

const CONSISTENT = 'INSERT INTO note (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body';
const BROKEN = CONSISTENT.replace('VALUES (?, ?, ?)', 'VALUES (?, ?)');

function schemaFile(putSql: string, parameters = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("body"))'): string {
  return `package app.sync

import com.powersync.db.schema.*

val noteTable = RawTable(
    name = "note",
    put = PendingStatement(
        "${putSql}",
        ${parameters},
    ),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`;
}

/** Triggers that upload title and body (the synced columns), pinned staying local. */
const TRIGGERS = `package app.data

import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

class CrudTriggers : RoomDatabase.Callback() {
    override fun onOpen(connection: SQLiteConnection) {
        super.onOpen(connection)
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS note_insert AFTER INSERT ON note BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PUT', NEW.id, 'note', json_object('title', NEW.title, 'body', NEW.body)); END")
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS note_update AFTER UPDATE ON note WHEN OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PATCH', NEW.id, 'note', json_object('title', NEW.title, 'body', NEW.body)); END")
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS note_delete AFTER DELETE ON note BEGIN INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, 'note'); END")
    }
}
`;

const workspace = (putSql: string, parameters?: string) => ({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(putSql, parameters), [TRIGGERS_FILE]: TRIGGERS });

async function findingsOf(files: Record<string, string>) {
  const { analyzer, model } = await analyzeFiles(files);
  return { model, findings: runRules(RULES, model, analyzer.ruleContext()).findings };
}

test('a put with a missing ? is statement-invalid, and nothing concludes from it which columns are local-only', async () => {
  const { model, findings } = await findingsOf(workspace(BROKEN));
  assert.deepEqual(findings.map((f) => f.rule), ['statement-invalid']);
  assert.match(findings[0].message, /SQLite says '2 values for 3 columns'/);
  const [note] = syncedTables(model);
  assert.equal(note.syncedColumns, undefined);
  assert.deepEqual(note.localOnlyColumns, []);
});

test('the same put with its three ? is clean, and pinned is the one local-only column', async () => {
  const { model, findings } = await findingsOf(workspace(CONSISTENT));
  assert.deepEqual(findings.map((f) => f.rule), []);
  assert.deepEqual(syncedTables(model)[0].localOnlyColumns.map((c) => c.name), ['pinned']);
});

test('the preferred fix adds the missing ?, keeping every column the code syncs; the fixed put applies a row in the core', async () => {
  const files = workspace(BROKEN);
  const fixed = await applyFirstFix(files, 'statement-invalid');
  assert.match(fixed.files[SCHEMA_FILE], /VALUES \(\?, \?, \?\) ON CONFLICT/);
  assert.equal(fixed.files[SCHEMA_FILE].replace('VALUES (?, ?, ?)', 'VALUES (?, ?)'), files[SCHEMA_FILE]);
  await assertFixed(fixed, 'statement-invalid', files);
  assert.deepEqual(fixed.after.map((f) => f.rule), []);

  const table = fixed.model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  const schema = { tables: [], raw_tables: [fixed.model.rawTables[0].coreJson] };
  db.replaceSchema(schema);
  const applied = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'Milk', body: 'Oat' } }]);
  assert.deepEqual([applied.ok, applied.error], [true, undefined]);
  assert.deepEqual(db.query('SELECT id, title, body FROM note'), [{ id: 'n1', title: 'Milk', body: 'Oat' }]);
  db.close();
});

test('no placeholder fix when the parameters are not the columns in order: which part is wrong would be a guess', async () => {
  const swapped = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("body"), PendingStatementParameter.Column("title"))';
  const { findings } = await findingsOf(workspace(BROKEN, swapped));
  assert.deepEqual(findings.map((f) => f.rule), ['statement-invalid']);
  assert.deepEqual(findings[0].fixes, []);
});

test('a parameter list longer than a consistent SQL: rebuilding it would drop Column("body"), so that fix is offered but not preferred', async () => {
  const sql = 'INSERT INTO note (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title';
  const { model, findings } = await findingsOf(workspace(sql));
  const invalid = findings.filter((f) => f.rule === 'statement-invalid');
  assert.equal(invalid.length, 1);
  assert.match(invalid[0].message, /has 2 parameters in its SQL but 3 in its parameter list/);
  assert.deepEqual(invalid[0].fixes.map((f) => [f.title, f.preferred]), [['Rebuild the parameter list from the SQL: Id, Column("title")', false]]);
  // body is named by a parameter: not provably local-only, so the trigger rules say nothing about it.
  assert.deepEqual(findings.map((f) => f.rule), ['statement-invalid']);
  assert.equal(syncedTables(model)[0].syncedColumns, undefined);
});
