import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { NOTE_ENTITY } from '../../support/kotlin-sources';
import { analyzeFiles } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { validate } from '../../../server/src/engine/validate';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { WorkspaceModel } from '../../../server/src/model/workspace';

const ENTITY_FILE = 'src/commonMain/kotlin/app/data/NoteEntity.kt';
const SCHEMA_FILE = 'src/commonMain/kotlin/app/sync/Schema.kt';

const UPSERT = 'INSERT INTO note (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body';

/** The schema file with the put's and delete's parameter lists as given, and the imports given. */
function schemaFile(put: string, del = 'listOf(PendingStatementParameter.Id)', imports = 'import com.powersync.db.schema.*', putSql = UPSERT): string {
  return `package app.sync

${imports}

val noteTable = RawTable(
    name = "note",
    put = PendingStatement(
        "${putSql}",
        ${put},
    ),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", ${del}),
)
`;
}

/** The fix's output checked the way every fix is, then proven: the SQL prepares, and a synced row applies and fills each column. */
async function assertListFixed(files: Record<string, string>, expected: RegExp) {
  const fixed = await applyFirstFix(files, 'statement-invalid');
  assert.match(fixed.files[SCHEMA_FILE], expected);
  await assertFixed(fixed, 'statement-invalid', files);
  await assertSyncs(fixed.model);
  return fixed;
}

async function assertSyncs(model: WorkspaceModel) {
  const table = model.tables.find((t) => t.name === 'note')!;
  const rawTable = model.rawTables[0];
  assert.ok(rawTable.coreJson, 'the raw table resolves completely');
  const db = await openCoreDatabase(table.createSql);
  for (const statement of [rawTable.put!, rawTable.delete!]) {
    const checked = validate(db, statement.sql!);
    assert.deepEqual(checked, { ok: true, parameterCount: statement.parameters!.length });
  }
  const schema = { tables: [], raw_tables: [rawTable.coreJson] };
  db.replaceSchema(schema);
  const session = startSync(db, schema);
  const put = session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'Milk', body: 'Oat' } }]);
  assert.deepEqual([put.ok, put.error], [true, undefined]);
  assert.deepEqual(db.query("SELECT id, title, body FROM note"), [{ id: 'n1', title: 'Milk', body: 'Oat' }]);
  const removal = session.applyCheckpoint([{ op: 'REMOVE', type: 'note', id: 'n1' }]);
  assert.deepEqual([removal.ok, removal.error], [true, undefined]);
  assert.deepEqual(db.query('SELECT id FROM note'), []);
  db.close();
}

test('statement-invalid fix: a missing parameter is added, one per line as the user wrote them', async () => {
  const put = `listOf(
            PendingStatementParameter.Id,
            PendingStatementParameter.Column("title"),
        )`;
  await assertListFixed({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(put) },
    /\n {8}listOf\(\n {12}PendingStatementParameter\.Id,\n {12}PendingStatementParameter\.Column\("title"\),\n {12}PendingStatementParameter\.Column\("body"\),\n {8}\),\n/);
});

test('statement-invalid fix: an extra parameter is dropped, on one line, in the imported short spelling', async () => {
  const put = 'listOf(Id, Column("title"), Column("body"), Column("pinned"))';
  await assertListFixed({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(put, 'listOf(Id)', 'import com.powersync.db.schema.*\nimport com.powersync.db.schema.PendingStatementParameter.*') },
    /\n {8}listOf\(Id, Column\("title"\), Column\("body"\)\),\n/);
});

test('statement-invalid fix: parameters out of step with the column list are reordered', async () => {
  const put = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("body"), PendingStatementParameter.Column("title"))';
  const files = { [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(put) };
  const fixed = await assertListFixed(files, /listOf\(PendingStatementParameter\.Id, PendingStatementParameter\.Column\("title"\), PendingStatementParameter\.Column\("body"\)\),/);
  const finding = fixed.before.find((f) => f.rule === 'statement-invalid')!;
  assert.match(finding.message, /binds Column\("body"\) into 'title' \(and 1 more parameter out of place\): the parameter list is not in the order of the INSERT's columns/);
  assert.equal(finding.loc.range.start.line, 8);

  // Before the fix, the row applies, with title and body swapped.
  const { model } = await analyzeFiles(files);
  const table = model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  const schema = { tables: [], raw_tables: [model.rawTables[0].coreJson] };
  db.replaceSchema(schema);
  assert.equal(startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'Milk', body: 'Oat' } }]).ok, true);
  assert.deepEqual(db.query('SELECT title, body FROM note'), [{ title: 'Oat', body: 'Milk' }]);
  db.close();
});

test('statement-invalid fix: a qualified spelling is kept, and the placeholders follow ?N numbering', async () => {
  const put = 'listOf(com.powersync.db.schema.PendingStatementParameter.Id)';
  const sql = 'INSERT INTO note (id, body, title) VALUES (?1, ?3, ?2) ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body';
  await assertListFixed({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(put, undefined, undefined, sql) },
    /listOf\(com\.powersync\.db\.schema\.PendingStatementParameter\.Id, com\.powersync\.db\.schema\.PendingStatementParameter\.Column\("title"\), com\.powersync\.db\.schema\.PendingStatementParameter\.Column\("body"\)\),/);
});

test('statement-invalid fix: an upsert that sets a column from its own placeholder', async () => {
  const put = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("body"))';
  const sql = 'INSERT INTO note (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = ?, body = ?';
  await assertListFixed({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(put, undefined, undefined, sql) },
    /listOf\(PendingStatementParameter\.Id, PendingStatementParameter\.Column\("title"\), PendingStatementParameter\.Column\("body"\), PendingStatementParameter\.Column\("title"\), PendingStatementParameter\.Column\("body"\)\),/);
});

test('statement-invalid fix: a delete that binds a column binds the id instead', async () => {
  const put = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("body"))';
  const fixed = await assertListFixed({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(put, 'listOf(PendingStatementParameter.Column("id"))') },
    /delete = PendingStatement\("DELETE FROM note WHERE id = \?", listOf\(PendingStatementParameter\.Id\)\),/);
  assert.match(fixed.before.find((f) => f.rule === 'statement-invalid')!.message, /binds Column\("id"\), but the core binds only the row id in deletes/);
});

test('statement-invalid fix: an empty delete list becomes listOf(PendingStatementParameter.Id)', async () => {
  const put = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("body"))';
  await assertListFixed({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(put, 'emptyList()') },
    /delete = PendingStatement\("DELETE FROM note WHERE id = \?", listOf\(PendingStatementParameter\.Id\)\),/);
});

test('statement-invalid fix: short Column and no Id in the list: Id is imported the way Column is', async () => {
  const put = 'listOf(Column("title"), Column("body"))';
  const fixed = await assertListFixed({
    [ENTITY_FILE]: NOTE_ENTITY,
    [SCHEMA_FILE]: schemaFile(put, 'listOf(PendingStatementParameter.Id)', 'import com.powersync.db.schema.*\nimport com.powersync.db.schema.PendingStatementParameter.Column'),
  }, /import com\.powersync\.db\.schema\.PendingStatementParameter\.Column\nimport com\.powersync\.db\.schema\.PendingStatementParameter\.Id\n/);
  assert.match(fixed.files[SCHEMA_FILE], /listOf\(Id, Column\("title"\), Column\("body"\)\),/);
});

test('before the fix, the missing parameter stops the sync with the core\'s count error', async () => {
  const { model } = await analyzeFiles({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile('listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"))') });
  const table = model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  const schema = { tables: [], raw_tables: [model.rawTables[0].coreJson] };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'Milk', body: 'Oat' } }]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /3 parameters, but 2 values/);
  db.close();
});

async function statementFindings(files: Record<string, string>) {
  const { analyzer, model } = await analyzeFiles(files);
  return runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'statement-invalid');
}

for (const [label, put, sql, del] of [
  ['a placeholder inside an expression', 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"))', 'INSERT INTO note (id, title, body) VALUES (?, ?, upper(?)) ON CONFLICT(id) DO UPDATE SET title = excluded.title', undefined],
  ['a list with Rest', 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Rest)', UPSERT, undefined],
  ['a delete that filters on another column', 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("body"))', UPSERT, 'listOf(PendingStatementParameter.Id)'],
] as const) {
  test(`statement-invalid: no parameter-list fix for ${label}`, async () => {
    let schema = schemaFile(put, del, undefined, sql);
    if (label.startsWith('a delete')) schema = schema.replace('DELETE FROM note WHERE id = ?', 'DELETE FROM note WHERE id = ? AND title = ?');
    const findings = await statementFindings({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schema });
    assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
    assert.match(findings[0].message, /parameters? in its SQL but/);
    assert.deepEqual(findings[0].fixes, []);
  });
}

test('statement-invalid: no parameter-list fix for a list kept in a constant', async () => {
  const schema = schemaFile('NOTE_PARAMETERS').replace('val noteTable', 'val NOTE_PARAMETERS = listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"))\n\nval noteTable');
  const findings = await statementFindings({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schema });
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].fixes, []);
});

test('statement-invalid: a parameter list in step raises nothing, and a deliberate copy of one key is not out of step', async () => {
  const inStep = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("body"))';
  assert.deepEqual(await statementFindings({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(inStep) }), []);
  const copy = 'listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("title"))';
  assert.deepEqual(await statementFindings({ [ENTITY_FILE]: NOTE_ENTITY, [SCHEMA_FILE]: schemaFile(copy) }), []);
});
