import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, assertFixed } from '../../support/apply-fix';
import { NOTE_ENTITY, noteSchema, powerSyncVersionCatalog } from '../../support/kotlin-sources';
import { analyzeFiles } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { Finding, Fix } from '../../../server/src/findings/finding';
import type { NoteSchemaOptions } from '../../support/kotlin-sources';

const ENTITY_PATH = 'src/commonMain/kotlin/app/data/NoteEntity.kt';
const SCHEMA_PATH = 'src/commonMain/kotlin/app/sync/Schema.kt';
const VERSIONS_PATH = 'gradle/libs.versions.toml';

/** The note schema with the put given (a Kotlin expression), and the changes given. */
const schemaFile = (put: string, options: Omit<NoteSchemaOptions, 'put'> = {}) => noteSchema({ put, ...options });

function files(schema: string, version = '1.11.2'): Record<string, string> {
  return { [ENTITY_PATH]: NOTE_ENTITY, [SCHEMA_PATH]: schema, [VERSIONS_PATH]: powerSyncVersionCatalog(version) };
}

const isInferred = (fix: Fix) => fix.title.startsWith('Let PowerSync infer');

/** The findings of `rule` and the inferred-statements alternative of the first, if offered. */
async function inferredFix(input: Record<string, string>, rule: string): Promise<{ findings: Finding[]; fix?: Fix }> {
  const { model, analyzer } = await analyzeFiles(input);
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings;
  const finding = findings.find((f) => f.rule === rule);
  assert.ok(finding, `expected a ${rule} finding, got ${findings.map((f) => f.rule).join(', ')}`);
  return { findings, fix: finding.fixes.find(isInferred) };
}

/** Applies the alternative by hand (`rawsync fix` applies only preferred fixes) and checks again. */
async function applyInferred(input: Record<string, string>, rule: string) {
  const { findings: before, fix } = await inferredFix(input, rule);
  assert.ok(fix, 'the inferred alternative is offered');
  return { before, fix, ...(await applyEdits(input, fix.edits)) };
}

for (const [rule, put] of [
  ['put-not-upsert', '"INSERT OR ABORT INTO `note` (`id`,`title`,`body`) VALUES (?,?,?)"'],
  ['replace-resets-local-columns', '"INSERT OR REPLACE INTO note (id, title, body) VALUES (?, ?, ?)"'],
] as const) {
  test(`${rule}: on SDK 1.11+ the inferred RawTableSchema alternative syncs updates and keeps local-only columns`, async () => {
    const input = files(schemaFile(put));
    const fixed = await applyInferred(input, rule);
    // An alternative: the upsert rewrite stays the one `rawsync fix` applies.
    const { fix } = fixed;
    assert.equal(fix.preferred, false);
    assert.ok(fixed.before.find((f) => f.rule === rule)!.fixes.some((f) => f.preferred && !isInferred(f)));

    await assertFixed(fixed, rule, input, ['put-not-upsert', 'replace-resets-local-columns']);

    const text = fixed.files[SCHEMA_PATH];
    assert.match(text, /import com\.powersync\.db\.schema\.Schema\nimport com\.powersync\.db\.schema\.RawTableSchema\n/);
    // pinned is local-only, so the synced columns are listed; the local table is the raw table's name.
    assert.match(text, /val noteTable = RawTable\(\n {4}name = "note",\n {4}schema = RawTableSchema\(syncedColumns = listOf\("title", "body"\)\),\n\)\n/);

    // The model reads the new form: no explicit statements, a schema, and the core JSON of it.
    const rawTable = fixed.model.rawTables[0];
    assert.equal(rawTable.put, undefined);
    assert.equal(rawTable.delete, undefined);
    assert.deepEqual(rawTable.schema?.syncedColumns, ['title', 'body']);
    assert.equal(rawTable.localTable, 'note');
    const json = rawTable.coreJson as Record<string, unknown>;
    assert.deepEqual([json.name, json.table_name, json.synced_columns, json.put, json.delete], ['note', 'note', ['title', 'body'], undefined, undefined]);

    // The real core infers the statements from the table: a second sync of a row updates it and
    // leaves the local-only column alone; a removal deletes it.
    const table = fixed.model.tables.find((t) => t.name === 'note')!;
    const db = await openCoreDatabase(table.createSql);
    const schema = { tables: [], raw_tables: [rawTable.coreJson] };
    db.replaceSchema(schema);
    const session = startSync(db, schema);
    assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'a', body: 'b' } }]).applied, true);
    db.exec("UPDATE note SET pinned = 1 WHERE id = 'n1'");
    const second = session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'a2', body: 'b2' } }]);
    assert.deepEqual([second.ok, second.error, second.applied], [true, undefined, true]);
    assert.deepEqual(db.query("SELECT title, body, pinned FROM note WHERE id = 'n1'"), [{ title: 'a2', body: 'b2', pinned: 1 }]);
    const removed = session.applyCheckpoint([{ op: 'REMOVE', type: 'note', id: 'n1' }]);
    assert.deepEqual([removed.ok, removed.error], [true, undefined]);
    assert.deepEqual(db.query('SELECT id FROM note'), []);
    db.close();
  });
}

test('the explicit statements, before the fix, lose the local-only column in the same scenario (the test can fail)', async () => {
  const { model } = await analyzeFiles(files(schemaFile('"INSERT OR REPLACE INTO note (id, title, body) VALUES (?, ?, ?)"')));
  const table = model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  const schema = { tables: [], raw_tables: [model.rawTables[0].coreJson] };
  db.replaceSchema(schema);
  const session = startSync(db, schema);
  session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'a', body: 'b' } }]);
  db.exec("UPDATE note SET pinned = 1 WHERE id = 'n1'");
  session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'a2', body: 'b2' } }]);
  assert.deepEqual(db.query("SELECT pinned FROM note WHERE id = 'n1'"), [{ pinned: 0 }]);
  db.close();
});

test('a sync name other than the table gets tableName; a positional clear is kept and named', async () => {
  const schema = `package app.sync

import com.powersync.db.schema.*

val noteTable = RawTable(
    "notes",
    PendingStatement(
        "INSERT INTO note (id, title, body, pinned) VALUES (?, ?, ?, ?)",
        listOf(
            PendingStatementParameter.Id,
            PendingStatementParameter.Column("title"),
            PendingStatementParameter.Column("body"),
            PendingStatementParameter.Column("pinned"),
        ),
    ),
    PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
    "DELETE FROM note",
)

val schema = Schema(noteTable)
`;
  const input = files(schema, '1.13.0');
  const fixed = await applyInferred(input, 'put-not-upsert');
  await assertFixed(fixed, 'put-not-upsert', input);
  const text = fixed.files[SCHEMA_PATH];
  // Every non-id column is synced and the entity is the whole table: the inferred default says it all.
  assert.match(text, /val noteTable = RawTable\(\n {4}"notes",\n {4}schema = RawTableSchema\(tableName = "note"\),\n {4}clear = "DELETE FROM note",\n\)\n/);
  const rawTable = fixed.model.rawTables[0];
  assert.deepEqual([rawTable.name, rawTable.localTable, rawTable.clear?.sql], ['notes', 'note', 'DELETE FROM note']);

  const table = fixed.model.tables.find((t) => t.name === 'note')!;
  const db = await openCoreDatabase(table.createSql);
  const coreSchema = { tables: [], raw_tables: [rawTable.coreJson] };
  db.replaceSchema(coreSchema);
  const session = startSync(db, coreSchema);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'notes', id: 'n1', data: { title: 'a', body: 'b', pinned: 1 } }]).applied, true);
  const second = session.applyCheckpoint([{ op: 'PUT', type: 'notes', id: 'n1', data: { title: 'a2', body: 'b', pinned: 0 } }]);
  assert.deepEqual([second.ok, second.error], [true, undefined]);
  assert.deepEqual(db.query('SELECT id, title, pinned FROM note'), [{ id: 'n1', title: 'a2', pinned: 0 }]);
  db.close();
});

test('the alternative is not offered where the inferred statements would differ or the SDK lacks them', async () => {
  const put = '"INSERT INTO note (id, title, body) VALUES (?, ?, ?)"';
  const cases: [string, Record<string, string>][] = [
    ['SDK 1.10', files(schemaFile(put), '1.10.1')],
    ['SDK version unknown', { [ENTITY_PATH]: NOTE_ENTITY, [SCHEMA_PATH]: schemaFile(put) }],
    // The JSON key `heading` goes into column title: inference would read key `title`.
    ['a Column named otherwise than its column', files(schemaFile(put, { columns: ['heading', 'body'] }))],
    // Inference matches keys to column names exactly.
    ['a Column differing in case', files(schemaFile(put, { columns: ['Title', 'body'] }))],
    ['a value computed from the parameter', files(schemaFile('"INSERT INTO note (id, title, body) VALUES (?, trim(?), ?)"'))],
    ['a soft delete', files(schemaFile(put, { delete: '"UPDATE note SET body = NULL WHERE id = ?"' }))],
    ['a delete from another table', files(schemaFile(put, { delete: '"DELETE FROM note_archive WHERE id = ?"' }))],
  ];
  for (const [what, input] of cases) {
    const { findings, fix } = await inferredFix(input, 'put-not-upsert');
    assert.equal(fix, undefined, what);
    // The preferred upsert rewrite is still there.
    assert.ok(findings.find((f) => f.rule === 'put-not-upsert')!.fixes.some((f) => f.preferred), what);
  }
});
