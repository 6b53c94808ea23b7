import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { simulateFiles } from '../preview/simulate';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

// The way PowerSync's documentation creates raw-table triggers: one core call per event, in a
// loop over the three event names. Each item is a trigger of its own.

const ENTITY = `package app
import androidx.room.*
@Entity(tableName = "notes")
data class Note(@PrimaryKey val id: String, val title: String)
`;

function installer(events: string, loop: 'for' | 'forEach' = 'for'): string {
  const body = `database.execute("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)", listOf(notesTable.jsonDescription(), "notes_$write", write))`;
  const looped = loop === 'for'
    ? `    for (write in ${events}) {\n        ${body}\n    }`
    : `    ${events}.forEach { write ->\n        ${body}\n    }`;
  return `package app
import com.powersync.PowerSyncDatabase
import com.powersync.db.schema.*

val notesTable = RawTable(name = "notes", schema = RawTableSchema())
val appSchema = Schema(notesTable)

suspend fun installTriggers(database: PowerSyncDatabase) {
${looped}
}
`;
}

// The app calls the installer (a function nothing calls creates no trigger).
const START = `package app
import com.powersync.PowerSyncDatabase
suspend fun start(database: PowerSyncDatabase) = installTriggers(database)
`;

async function check(source: string) {
  const files = { 'src/commonMain/kotlin/app/Note.kt': ENTITY, 'src/commonMain/kotlin/app/Sync.kt': source, 'src/commonMain/kotlin/app/Start.kt': START };
  const { analyzer, model } = await analyzeFiles(files);
  return { files, model, findings: runRules(RULES, model, analyzer.ruleContext()).findings };
}

test('a for loop over the three event names creates three core triggers; nothing is missing or unchecked', async () => {
  const { files, model, findings } = await check(installer('listOf("INSERT", "UPDATE", "DELETE")'));
  assert.deepEqual(model.triggers.map((t) => `${t.name} ${t.event} ${t.table}`), ['notes_INSERT INSERT notes', 'notes_UPDATE UPDATE notes', 'notes_DELETE DELETE notes']);
  assert.deepEqual(findings.map((f) => f.rule), []);
  const simulation = await simulateFiles(files);
  assert.deepEqual(simulation.notSimulated, []);
  assert.deepEqual(simulation.outcomes, []);
});

test('the same with forEach { write -> } over a constant list', async () => {
  const { model, findings } = await check(installer('EVENTS', 'forEach').replace('val appSchema', 'val EVENTS = listOf("INSERT", "UPDATE", "DELETE")\nval appSchema'));
  assert.deepEqual(model.triggers.map((t) => t.event), ['INSERT', 'UPDATE', 'DELETE']);
  assert.deepEqual(findings.map((f) => f.rule), []);
});

test('a loop that leaves out DELETE: the missing trigger is reported', async () => {
  const { findings } = await check(installer('listOf("INSERT", "UPDATE")'));
  assert.deepEqual(findings.map((f) => f.rule), ['missing-crud-triggers']);
  assert.match(findings[0].message, /^Local deletes of 'notes' are never uploaded\./);
});

test('a loop over events known only at run time stays unknown, and not-analyzed says so', async () => {
  const { findings } = await check(installer('loadEvents()'));
  assert.deepEqual(findings.map((f) => f.rule), ['not-analyzed']);
  assert.match(findings[0].message, /^Not checked: the event of the powersync_create_raw_table_crud_trigger call/);
});

test('the loop with androidx.sqlite\'s usePreparedSync(sql) { statement -> statement.bindText(…) } binds its three events', async () => {
  const source = `package app
import com.powersync.db.schema.*

val notesTable = RawTable(name = "notes", schema = RawTableSchema())
val appSchema = Schema(notesTable)

fun installTriggers(lease: SQLiteConnectionLease) {
    for (write in listOf("INSERT", "UPDATE", "DELETE")) {
        lease.usePreparedSync(
            "SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)",
        ) { statement ->
            statement.bindText(1, notesTable.jsonDescription())
            statement.bindText(2, "notes_$write")
            statement.bindText(3, write)
            statement.step()
        }
    }
}
`;
  const { model, findings } = await check(source);
  assert.deepEqual(model.triggers.map((t) => `${t.name} ${t.event} ${t.table}`), ['notes_INSERT INSERT notes', 'notes_UPDATE UPDATE notes', 'notes_DELETE DELETE notes']);
  assert.deepEqual(findings.map((f) => f.rule), []);
});
