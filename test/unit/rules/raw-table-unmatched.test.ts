import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places } from '../../support/findings';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { syncFixture } from './fixture-sync';

const SCHEMA = 'src/commonMain/kotlin/com/example/contacts/sync/ContactsSchema.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/contacts/data/Entities.kt';

test('raw-table-unmatched: missing table, id not named exactly id, id not unique, unknown syncedColumns', () => {
  const findings = fixtureFindings('rule-raw-table-unmatched', 'raw-table-unmatched');
  assert.deepEqual(places(findings), [`${SCHEMA}:12`, `${SCHEMA}:18`, `${SCHEMA}:23`, `${SCHEMA}:28`, `${SCHEMA}:33`]);
  assert.ok(findings.every((f) => f.severity === 'error'));
  const [missing, upperId, notUnique, unknownColumn, nothingLeft] = findings;
  assert.match(missing.message, /local table 'contacts', which no Room entity or CREATE TABLE .* \(did you mean 'contact'\?\).*'Could not find contacts in local schema'/);
  assert.match(upperId.message, /'contact_group', which has no column named 'id'\. Its column 'ID' does not count/);
  assert.match(notUnique.message, /'id' is neither its PRIMARY KEY nor UNIQUE: .*ON CONFLICT clause does not match/);
  assert.match(unknownColumn.message, /name 'isPrimary' \(did you mean 'is_primary'\?\), which is no column of 'phone'/);
  assert.match(nothingLeft.message, /leave no column to sync: 'colour' \(did you mean 'color'\?\) is no column of 'label'.*'incomplete input'/);
  const related = (i: number) => findings[i].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);
  assert.deepEqual(related(0), [`${ENTITIES}:8 table 'contact'`]);
  assert.deepEqual(related(1), [`${ENTITIES}:15 table 'contact_group'`, `${ENTITIES}:17 column 'ID'`]);
});

test('raw-table-unmatched: the same app with tableName, id and syncedColumns fixed is clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-raw-table-unmatched-ok', 'raw-table-unmatched')), []);
});

test('raw-table-unmatched: an explicit put into a missing table is reported once, by this rule', async () => {
  const { analyzer } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': `package app
import androidx.room.Entity
import androidx.room.PrimaryKey
@Entity(tableName = "todo")
data class Todo(@PrimaryKey val id: String, val title: String?)
`,
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val todos = RawTable(
    name = "todos",
    put = PendingStatement("INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title", listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"))),
    delete = PendingStatement("DELETE FROM todos WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`,
  });
  const run = runRules(RULES, analyzer.model(), analyzer.ruleContext(), { severities: { 'missing-crud-triggers': 'off' } });
  assert.deepEqual(run.failures, []);
  assert.deepEqual(run.findings.map((f) => [f.rule, f.loc.range.start.line]), [['raw-table-unmatched', 4]]);
  assert.match(run.findings[0].message, /writes into 'todos', .* \(did you mean 'todo'\?\).*'no such table: todos'/);
});

test('raw-table-unmatched: silent when no table is derived at all or the local name is unknown', async () => {
  const { analyzer } = await analyzeFiles({
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val a = RawTable(name = "a", schema = RawTableSchema())
val b = RawTable(name = "b", schema = RawTableSchema(tableName = Names.B))
`,
  });
  assert.deepEqual(runRules(RULES, analyzer.model(), analyzer.ruleContext()).findings.filter((f) => f.rule === 'raw-table-unmatched'), []);
});

// Run time: the core refuses each raw table of the fixture as the messages say.

for (const [type, data, error] of [
  ['contacts', { name: 'Ada' }, /Could not find contacts in local schema/],
  ['contact_group', { title: 'Family' }, /Table contact_group has no id column/],
  ['call_log', { contact_id: 'c1' }, /ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint/],
  ['label', { color: 'red' }, /incomplete input/],
] as const) {
  test(`raw-table-unmatched at run time: the first '${type}' row fails the sync`, async () => {
    const { db, session } = await syncFixture('rule-raw-table-unmatched');
    const result = session.applyCheckpoint([{ op: 'PUT', type, id: 'x1', data }]);
    assert.equal(result.ok, false);
    assert.match(result.error ?? '', error);
    db.close();
  });
}

test("raw-table-unmatched at run time: 'isPrimary' is ignored, so is_primary never syncs", async () => {
  const { db, session } = await syncFixture('rule-raw-table-unmatched');
  const result = session.applyCheckpoint([{ op: 'PUT', type: 'phone', id: 'p1', data: { contact_id: 'c1', number: '555', is_primary: 1, isPrimary: 1 } }]);
  assert.deepEqual([result.ok, result.applied], [true, true], result.error);
  assert.deepEqual(db.query('select number, is_primary from phone'), [{ number: '555', is_primary: null }]);
  db.close();
});

test('raw-table-unmatched at run time: the fixed app applies a row of every raw table', async () => {
  const { db, session } = await syncFixture('rule-raw-table-unmatched-ok');
  const result = session.applyCheckpoint([
    { op: 'PUT', type: 'contacts', id: 'c1', data: { name: 'Ada', email: 'ada@example.com' } },
    { op: 'PUT', type: 'contact_group', id: 'g1', data: { title: 'Family' } },
    { op: 'PUT', type: 'call_log', id: 'l1', data: { contact_id: 'c1', duration_seconds: 30 } },
    { op: 'PUT', type: 'phone', id: 'p1', data: { contact_id: 'c1', number: '555', is_primary: 1 } },
    { op: 'PUT', type: 'label', id: 'x1', data: { color: 'red' } },
  ]);
  assert.deepEqual([result.ok, result.applied], [true, true], result.error);
  assert.deepEqual(db.query('select is_primary from phone'), [{ is_primary: 1 }]);
  db.close();
});
