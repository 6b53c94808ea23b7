// The backend rules on a Kotlin Multiplatform app with Room entities, on fixture pairs:
// test/fixtures/kotlin-rule-<rule>/ triggers the rule, test/fixtures/kotlin-rule-<rule>-ok/ is the
// same app with the one mistake fixed (it reports the same findings but that one). Both sync config
// forms appear: synced-column-not-stored in sync streams, the others in bucket definitions. Where
// the rule offers a fix it is applied and the result is the -ok twin; the fixed app syncs in the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, type JsonFinding } from '../../support/findings';
import { applyEdits, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { fixturePath } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { startSync } from '../../../server/src/engine/sync-simulation';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/cli';
import { fixAllEdits } from '../../../server/src/lsp/code-actions';

const SCHEMA = 'src/commonMain/kotlin/com/example/todo/sync/TodoSchema.kt';
const ENTITY = 'src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt';
const summary = (f: JsonFinding) => `${f.rule} ${f.file}:${f.range.start.line + 1}`;
const findingsOf = (fixture: string) => checkJson(fixturePath(fixture)).findings;
const files = (fixture: string) => filesUnder(fixturePath(fixture));

/** The pair's one finding of `rule`, and the -ok twin reporting the same findings but that one. */
function assertPair(rule: string, where: string): JsonFinding {
  const found = findingsOf(`kotlin-rule-${rule}`);
  const mine = found.filter((f) => f.rule === rule);
  assert.deepEqual(mine.map(summary), [`${rule} ${where}`]);
  assert.deepEqual(findingsOf(`kotlin-rule-${rule}-ok`).map(summary), found.filter((f) => f.rule !== rule).map(summary));
  return mine[0];
}

/** Applies the fix titled `title` of the first finding of `rule` and checks the result. */
async function applyFix(rule: string, title: RegExp) {
  const input = files(`kotlin-rule-${rule}`);
  const first = await analyzeFiles(input);
  const before = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
  const fix = before.find((f) => f.rule === rule)?.fixes.find((f) => title.test(f.title));
  assert.ok(fix, `a fix titled ${title}`);
  const fixed = await applyEdits(input, fix.edits);
  await assertFixed({ before, ...fixed }, rule, input);
  return { ...fixed, fix };
}

async function syncTodo(model: WorkspaceModel, data: Record<string, unknown>) {
  const db = await openCoreDatabase(...model.tables.map((t) => t.createSql));
  const schema = { tables: [], raw_tables: model.rawTables.map((r) => r.coreJson) };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't1', data }]);
  const rows = result.applied ? db.query('select id, notes from todo') : [];
  db.close();
  return { applied: result.applied, error: result.error, rows };
}

const ROW = { list_id: 'l1', title: 'Milk', notes: null, completed: 0 };

test('Kotlin, sync streams: synced-column-not-stored on a put that leaves out notes, which the entity has', () => {
  const finding = assertPair('synced-column-not-stored', `${SCHEMA}:12`);
  assert.match(finding.message, /^Column 'notes' of 'todo' is synced on every row, then dropped\./);
});

test('Kotlin: the synced-column-not-stored fix (preferred) adds notes to the put as the -ok twin has it; the core stores it', async () => {
  const fixed = await applyFix('synced-column-not-stored', /^Sync 'notes'/);
  assert.equal(fixed.fix.preferred, true);
  assert.equal(fixed.fix.title, "Sync 'notes' into 'todo.notes': add it to the put (Column(\"notes\"))");
  assert.equal(fixed.files[SCHEMA], files('kotlin-rule-synced-column-not-stored-ok')[SCHEMA]);
  const synced = await syncTodo(fixed.model, { ...ROW, notes: 'Oat' });
  assert.deepEqual([synced.applied, synced.error, synced.rows], [true, undefined, [{ id: 't1', notes: 'Oat' }]]);
});

test('Kotlin, bucket definitions: not-null-without-server-value on a non-null Kotlin property bound from a nullable Postgres column', () => {
  const finding = assertPair('not-null-without-server-value', `${SCHEMA}:17`);
  assert.match(finding.message, /^A NULL 'notes' from the server fails the put of 'todo' and stalls the sync\. Local column 'todo\.notes' \(data\/TodoEntity\.kt\) is NOT NULL without a DEFAULT/);
});

test('Kotlin: the not-null-without-server-value fix (not preferred) makes the property String?, as the -ok twin has it; the core then stores the NULL', async () => {
  const before = await analyzeFiles(files('kotlin-rule-not-null-without-server-value'));
  const failed = await syncTodo(before.model, ROW);
  assert.equal(failed.applied, false);
  assert.match(failed.error ?? '', /NOT NULL constraint failed: todo\.notes/);
  const fixed = await applyFix('not-null-without-server-value', /nullable/);
  assert.deepEqual([fixed.fix.title, fixed.fix.preferred], ["Make 'todo.notes' nullable (notes: String?)", false]);
  assert.equal(fixed.files[ENTITY], files('kotlin-rule-not-null-without-server-value-ok')[ENTITY]);
  assert.match(fixed.model.tables.find((t) => t.name === 'todo')!.createSql, /`notes` TEXT,/);
  const synced = await syncTodo(fixed.model, ROW);
  assert.deepEqual([synced.applied, synced.error, synced.rows], [true, undefined, [{ id: 't1', notes: null }]]);
});

test('Kotlin: a @ColumnInfo(defaultValue) does not silence not-null-without-server-value under an upsert put', async () => {
  const input = files('kotlin-rule-not-null-without-server-value');
  const withDefault = { ...input, [ENTITY]: input[ENTITY].replace('    val notes: String,', '    @ColumnInfo(defaultValue = "") val notes: String,') };
  assert.notEqual(withDefault[ENTITY], input[ENTITY]);
  const { analyzer, model } = await analyzeFiles(withDefault);
  assert.match(model.tables.find((t) => t.name === 'todo')!.createSql, /`notes` TEXT NOT NULL DEFAULT ''/);
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'not-null-without-server-value');
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /is NOT NULL \(its DEFAULT is not used/);
  const failed = await syncTodo(model, ROW);
  assert.match(failed.error ?? '', /NOT NULL constraint failed: todo\.notes/);
});

test('Kotlin, bucket definitions: synced-table-without-client for lists, which the sync config sends and no raw table declares', () => {
  const finding = assertPair('synced-table-without-client', 'powersync/sync-config.yaml:5');
  assert.match(finding.message, /^Synced rows of 'lists' reach no table of the app\./);
});

test('Kotlin: synced-column-not-stored\'s fix is not preferred when the local column is NOT NULL and the server may send NULL (the put would then fail): shown in the core', async () => {
  const input = files('kotlin-rule-synced-column-not-stored');
  const notNull = { ...input, [ENTITY]: input[ENTITY].replace('    val notes: String?,', '    @ColumnInfo(defaultValue = "") val notes: String,') };
  assert.notEqual(notNull[ENTITY], input[ENTITY]);
  const { analyzer, model } = await analyzeFiles(notNull);
  const finding = runRules(RULES, model, analyzer.ruleContext()).findings.find((f) => f.rule === 'synced-column-not-stored')!;
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [["Sync 'notes' into 'todo.notes': add it to the put (Column(\"notes\"))", false]]);
  // Applied anyway, the put now fails on a NULL notes, which not-null-without-server-value then says.
  const fixed = await applyEdits(notNull, finding.fixes[0].edits);
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'not-null-without-server-value').length, 1);
  const failed = await syncTodo(fixed.model, ROW);
  assert.match(failed.error ?? '', /NOT NULL constraint failed: todo\.notes/);
});

test('Kotlin: on an inferred raw table, the synced-column-not-stored fix adds notes to syncedColumns = listOf(…), one per line as written; the core\'s inferred put then stores it', async () => {
  const input = files('kotlin-rule-synced-column-not-stored');
  const inferred = {
    ...input,
    [SCHEMA]: `package com.example.todo.sync

import com.powersync.db.schema.RawTable
import com.powersync.db.schema.RawTableSchema
import com.powersync.db.schema.Schema

val todoTable = RawTable(
    name = "todo",
    schema = RawTableSchema(
        syncedColumns = listOf(
            "list_id",
            "title",
            "completed",
        ),
    ),
)

val appSchema = Schema(todoTable)
`,
  };
  const { analyzer, model } = await analyzeFiles(inferred);
  const before = runRules(RULES, model, analyzer.ruleContext()).findings;
  const finding = before.find((f) => f.rule === 'synced-column-not-stored')!;
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [["Sync 'notes' into 'todo.notes': add it to syncedColumns", true]]);
  const fixed = await applyEdits(inferred, finding.fixes[0].edits);
  await assertFixed({ before, ...fixed }, 'synced-column-not-stored', inferred);
  assert.equal(fixed.files[SCHEMA], inferred[SCHEMA].replace('            "completed",\n', '            "completed",\n            "notes",\n'));
  const synced = await syncTodo(fixed.model, { ...ROW, notes: 'Oat' });
  assert.deepEqual([synced.applied, synced.error, synced.rows], [true, undefined, [{ id: 't1', notes: 'Oat' }]]);
});

test('Kotlin: the synced-table-without-client fix (not preferred) declares a Room entity and a raw table for lists; the only new finding is its missing triggers; the core syncs a lists row into Room\'s table', async () => {
  const input = files('kotlin-rule-synced-table-without-client');
  const { analyzer, model } = await analyzeFiles(input);
  const before = runRules(RULES, model, analyzer.ruleContext()).findings;
  const finding = before.find((f) => f.rule === 'synced-table-without-client')!;
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [["Declare raw table 'lists' and Room entity ListsEntity with the columns the sync config sends (raise the Room database version and migrate; no CRUD triggers yet)", false]]);
  const fixed = await applyEdits(input, finding.fixes[0].edits);
  await assertFixed({ before, ...fixed }, 'synced-table-without-client', input);
  const DB = 'src/commonMain/kotlin/com/example/todo/data/TodoDatabase.kt';
  assert.match(fixed.files[DB], /import androidx\.room\.ColumnInfo\n/);
  assert.match(fixed.files[DB], /@Database\(entities = \[TodoEntity::class, ListsEntity::class\], version = 1\)/);
  assert.match(fixed.files[DB], /abstract class TodoDatabase : RoomDatabase\(\)\n\n@Entity\(tableName = "lists"\)\ndata class ListsEntity\(\n {4}@PrimaryKey val id: String,\n {4}val name: String\?,\n {4}@ColumnInfo\(name = "owner_id"\) val ownerId: String\?,\n\)\n$/);
  assert.match(fixed.files[SCHEMA], /val appSchema = Schema\(todoTable, listsTable\)\n\nval listsTable = RawTable\(/);
  const added = fixed.after.filter((f) => !before.some((b) => b.rule === f.rule && b.message === f.message));
  assert.deepEqual(added.map((f) => `${f.rule}: ${f.message.split('. ')[0]}`), ["missing-crud-triggers: Local inserts, updates and deletes of 'lists' are never uploaded"]);
  const lists = fixed.model.tables.find((t) => t.name === 'lists')!;
  assert.equal(lists.createSql, 'CREATE TABLE IF NOT EXISTS `lists` (`id` TEXT NOT NULL, `name` TEXT, `owner_id` TEXT, PRIMARY KEY(`id`))');
  const db = await openCoreDatabase(...fixed.model.tables.map((t) => t.createSql));
  const schema = { tables: [], raw_tables: fixed.model.rawTables.map((r) => r.coreJson) };
  db.replaceSchema(schema);
  const synced = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'lists', id: 'l1', data: { name: 'Groceries', owner_id: 'u1' } }]);
  assert.deepEqual([synced.applied, synced.error], [true, undefined]);
  assert.deepEqual(db.query('select id, name, owner_id from lists'), [{ id: 'l1', name: 'Groceries', owner_id: 'u1' }]);
  db.close();
});

test('rawsync fix applies preferred fixes only: the Room nullable fix (the finding\'s only fix, not preferred) is left to the user', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-kotlin-not-null-'));
  try {
    cpSync(fixturePath('kotlin-rule-not-null-without-server-value'), dir, { recursive: true });
    const before = filesUnder(dir);
    const run = runCli(['fix', dir, '--rule', 'not-null-without-server-value']);
    assert.equal(run.status, 1, run.stderr);
    // The other finding left is missing-crud-triggers, whose fix is preferred but not asked for here.
    assert.match(run.stdout, /^0 fixes applied in 0 files; 2 findings remain \(1 with a fix\)/m);
    assert.deepEqual(filesUnder(dir), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Fix all in the editor takes preferred fixes only', () => {
  const edit = { uri: 'file:///a.kt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '?' };
  const finding = { rule: 'not-null-without-server-value', severity: 'error' as const, message: '', loc: { uri: 'file:///a.kt', range: edit.range }, related: [], fixes: [{ title: 'nullable', preferred: false, edits: [edit] }] };
  assert.deepEqual(fixAllEdits([finding]), []);
  assert.deepEqual(fixAllEdits([{ ...finding, fixes: [{ ...finding.fixes[0], preferred: true }] }]), [edit]);
});
