import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { simulateFiles } from '../preview/simulate';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { findingsToText } from '../../../server/src/cli/format-text';
import { previewReport } from '../../../server/src/engine/preview-report';
import { syncedTables } from '../../../server/src/model/synced-tables';

// An app whose statements and triggers are built at run time (a table name passed in, the SQL
// made by a helper per spec): Rawsync says what it did not check, and nothing reads as fine.

const ENTITIES = 'src/commonMain/kotlin/app/data/Entities.kt';
const SCHEMA = 'src/commonMain/kotlin/app/sync/Schema.kt';
const TRIGGERS = 'src/commonMain/kotlin/app/sync/Triggers.kt';

const entities = `package app.data

import androidx.room.Entity
import androidx.room.PrimaryKey

@Entity(tableName = "customers")
data class CustomerEntity(@PrimaryKey val id: String, val name: String, val note: String?)
`;

/** `putSql` is either a literal or a call of a function whose text comes from a parameter. */
function schema(putSql: string): string {
  return `package app.sync

import com.powersync.db.schema.*

fun upsertInto(table: String, columns: List<String>): String =
    "INSERT INTO $table (id, \${columns.joinToString()}) VALUES (?, \${columns.joinToString { "?" }}) ON CONFLICT(id) DO UPDATE SET name = excluded.name"

val customers = RawTable(
    name = "customers",
    put = PendingStatement(${putSql}, listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("name"))),
    delete = PendingStatement("DELETE FROM customers WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

val appSchema = Schema(customers)
`;
}

const RUN_TIME = 'upsertInto(Tables.current(), listOf("name"))';
const LITERAL = '"INSERT INTO customers (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name"';

/** Triggers: one written out, one whose text is built from a parameter. */
const triggers = (table: string) => `package app.sync

import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

fun installInsertTrigger(connection: SQLiteConnection, table: String) {
    connection.execSQL("CREATE TRIGGER IF NOT EXISTS \${table}_insert AFTER INSERT ON $table BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PUT', NEW.id, '$table', json_object('name', NEW.name)); END")
}

fun installOthers(connection: SQLiteConnection) {
    connection.execSQL("CREATE TRIGGER IF NOT EXISTS ${table}_update AFTER UPDATE ON ${table} WHEN OLD.name IS NOT NEW.name BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PATCH', NEW.id, '${table}', json_object('name', NEW.name)); END")
}
`;

async function check(files: Record<string, string>) {
  const { analyzer, model } = await analyzeFiles(files);
  return { model, findings: runRules(RULES, model, analyzer.ruleContext()).findings };
}

test('not-analyzed: a put built at run time and a trigger whose table is a parameter are named, with why', async () => {
  const { findings } = await check({ [ENTITIES]: entities, [SCHEMA]: schema(RUN_TIME), [TRIGGERS]: triggers('customers') });
  const notChecked = findings.filter((f) => f.rule === 'not-analyzed');
  assert.deepEqual(notChecked.map((f) => f.message), [
    "Not checked: the put's SQL of raw table 'customers'. It is computed by upsertInto(…), which Rawsync could not evaluate.",
    "Not checked: the SQL of trigger (name unknown). 'table' is a parameter of installInsertTrigger, known only where it is called.",
  ]);
  assert.ok(notChecked.every((f) => f.severity === 'info'));
  // No other rule concluded anything from what could not be read (no missing triggers, no local-only column).
  assert.deepEqual(findings.filter((f) => f.rule !== 'not-analyzed').map((f) => f.rule), []);
  // The CLI's summary says so.
  const summary = findingsToText(findings, '/virtual').split('\n').pop();
  assert.equal(summary, '2 findings (0 errors, 0 warnings, 2 info); 2 parts of the app not checked (see the not-analyzed findings)');
});

test('not-analyzed: the same app written out in literals has nothing unchecked', async () => {
  const { model, findings } = await check({ [ENTITIES]: entities, [SCHEMA]: schema(LITERAL), [TRIGGERS]: triggers('customers').replace(/\$\{table\}|\$table/g, 'customers') });
  assert.deepEqual(findings.filter((f) => f.rule === 'not-analyzed'), []);
  assert.deepEqual(syncedTables(model)[0].localOnlyColumns.map((c) => c.name), ['note']);
  // The rules that need the split ran: the UPDATE trigger is fine, the DELETE trigger is missing.
  assert.deepEqual(findings.map((f) => f.rule), ['missing-crud-triggers']);
});

test('the preview of the run-time app lists what it did not simulate and never says every step passed', async () => {
  const files = { [ENTITIES]: entities, [SCHEMA]: schema(RUN_TIME), [TRIGGERS]: triggers('customers') };
  const simulation = await simulateFiles(files);
  assert.deepEqual(simulation.notSimulated.map((n) => `${n.kind} ${n.name ?? '?'}: ${n.reason}`), [
    'raw-table customers: a part of it could not be resolved, so its JSON for the core is unknown',
    'trigger ?: its SQL could not be resolved',
  ]);
  const { model } = await analyzeFiles(files);
  const report = previewReport(model, simulation, (uri) => uri);
  const customers = report.sync.find((s) => s.table === 'customers')!;
  // Not "local only", and not "no trigger": both are unknown.
  assert.equal(customers.syncUnknown, true);
  assert.equal(customers.triggersUnknown, true);
});

test('the preview of the literal app simulates everything it lists', async () => {
  const simulation = await simulateFiles({ [ENTITIES]: entities, [SCHEMA]: schema(LITERAL), [TRIGGERS]: triggers('customers').replace(/\$\{table\}|\$table/g, 'customers') });
  assert.deepEqual(simulation.notSimulated, []);
  assert.ok(simulation.steps.some((s) => s.id === 'local-insert:customers'));
});

test('not-analyzed names the real culprit behind a map: an unknown list, or a method of class instances in the lambda', async () => {
  const { analyzer, model } = await analyzeFiles({
    'src/commonMain/kotlin/app/sync/Tables.kt': `package app.sync

import com.powersync.db.schema.*

class Spec(val name: String, val cols: List<String>) {
    fun rawTable() = RawTable(
        name = "spec",
        put = PendingStatement(
            "INSERT INTO spec (id, a) VALUES (?, ?)",
            listOf(PendingStatementParameter.Id) + cols.drop(1).map { PendingStatementParameter.Column(it) },
        ),
        delete = PendingStatement("DELETE FROM spec WHERE id = ?", listOf(PendingStatementParameter.Id)),
    )
}

val SPECS = listOf(Spec("spec", listOf("id", "a")))
val schema = Schema(SPECS.map { it.rawTable() })
`,
  });
  const messages = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'not-analyzed').map((f) => f.message);
  analyzer.dispose();
  assert.ok(messages.some((m) => m.includes("the put's parameters") && m.includes("'cols'")), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('Schema entry') && m.includes('it.rawTable(…)')), messages.join('\n'));
  assert.ok(!messages.some((m) => m.includes('a list where one value is expected') || m.includes('computed by SPECS.map')), messages.join('\n'));
});
