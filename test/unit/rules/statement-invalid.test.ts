import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places } from '../../support/findings';
import { localWrite } from '../../../server/src/engine/sync-simulation';
import { DerivedSchemaDatabase } from '../../../server/src/engine/derived-schema';
import { statementInvalid } from '../../../server/src/rules/statement-invalid';
import { analyzeFiles } from '../../support/workspace';
import { syncFixture } from './fixture-sync';
import { engine } from '../engine/core-database';

const SCHEMA = 'src/commonMain/kotlin/com/example/recipes/sync/RecipesSchema.kt';
const TRIGGERS = 'src/commonMain/kotlin/com/example/recipes/data/CrudTriggers.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/recipes/data/Entities.kt';

test('statement-invalid: each way a statement fails, at its place', () => {
  const findings = fixtureFindings('rule-statement-invalid', 'statement-invalid');
  assert.deepEqual(places(findings), [
    `${TRIGGERS}:12`,
    `${SCHEMA}:14`,
    `${SCHEMA}:28`,
    `${SCHEMA}:49`,
    `${SCHEMA}:54`,
    `${SCHEMA}:62`,
    `${SCHEMA}:70`,
    `${SCHEMA}:77`,
  ]);
  assert.ok(findings.every((f) => f.severity === 'error'));
  const [trigger, notNull, count, column, deleteColumn, sqlite, clear, outOfStep] = findings;
  assert.match(trigger.message, /'error in trigger recipe_crud_insert: no such column: NEW\.titel' \(did you mean 'title'\?\)\. .*every insert into 'recipe' fails/);
  assert.match(notNull.message, /'recipe' never writes 'created_at', which is NOT NULL without a DEFAULT: .*'NOT NULL constraint failed: recipe\.created_at'/);
  assert.match(count.message, /'ingredient' has 4 parameters in its SQL but 3 in its parameter list/);
  assert.match(column.message, /binds Column\("txt"\), which names no column of 'step' \(did you mean 'text'\?\).* 'text' is NOT NULL, so the put then fails with 'NOT NULL constraint failed: step\.text'/);
  assert.match(deleteColumn.message, /The delete of raw table 'step' binds Column\("recipe_id"\).*'Raw delete statement parameters must only reference id'/);
  assert.match(sqlite.message, /SQLite says 'table rating has no column named socre' \(did you mean 'score'\?\)/);
  assert.match(clear.message, /clear statement of raw table 'rating'.*'no such table: ratings' \(did you mean 'rating'\?\)/);
  // Swapped keys: every value lands in the other column, and nothing fails to tell.
  assert.match(outOfStep.message, /The put of raw table 'tag' binds Column\("color"\) into 'label'/);
  assert.deepEqual(outOfStep.fixes.map((f) => f.title), ['Rebuild the parameter list from the SQL: Id, Column("label"), Column("color")']);
  // The Column finding sits on the Column(…) call; the NOT NULL one points at the column.
  assert.deepEqual(column.range.start, { line: 48, character: 12 });
  assert.deepEqual(notNull.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${ENTITIES}:11 column 'created_at'`]);
});

test('statement-invalid: the same app with each statement fixed is clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-statement-invalid-ok', 'statement-invalid')), []);
});

test('statement-invalid: inferred puts whose syncedColumns leave out a NOT NULL column', async () => {
  const { analyzer } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': `package app
import androidx.room.Entity
import androidx.room.PrimaryKey
@Entity(tableName = "book")
data class Book(@PrimaryKey val id: String, val title: String, val pages: Int, val note: String?)
`,
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.RawTableSchema
val book = RawTable(name = "book", schema = RawTableSchema(syncedColumns = listOf("title")))
val fine = RawTable(name = "books", schema = RawTableSchema(tableName = "book", syncedColumns = listOf("title", "pages")))
`,
  });
  const findings = statementInvalid.check(analyzer.model(), analyzer.ruleContext());
  assert.deepEqual(findings.map((f) => f.loc.range.start.line), [3]);
  assert.match(findings[0].message, /leave out 'pages': it is NOT NULL without a DEFAULT/);
});

test('statement-invalid: Column names are checked where they fill a column, not inside a transform', async () => {
  const { analyzer } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': `package app
import androidx.room.Entity
import androidx.room.PrimaryKey
@Entity(tableName = "item")
data class Item(@PrimaryKey val id: String, val title: String?, val extra: String?)
`,
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val item = RawTable(
    name = "item",
    put = PendingStatement(
        "INSERT INTO item (id, title, extra) VALUES (?, ?, json_object('tags', ?)) ON CONFLICT(id) DO UPDATE SET title = excluded.title, extra = excluded.extra",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("name"), PendingStatementParameter.Column("tags")),
    ),
    delete = PendingStatement("DELETE FROM item WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`,
  });
  const findings = statementInvalid.check(analyzer.model(), analyzer.ruleContext());
  // 'name' fills 'title' directly; 'tags' only feeds json_object.
  assert.deepEqual(findings.map((f) => f.loc.range.start.line), [6]);
  assert.match(findings[0].message, /binds Column\("name"\) into 'title', but 'name' is no column of 'item'\. .*unless the backend's rows carry a key 'name', NULL is bound\. 'title' then stays NULL/);
});

test('statement-invalid: unknown values and an unknown schema give no finding', async () => {
  const { analyzer } = await analyzeFiles({
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val todo = RawTable(
    name = "todo",
    put = PendingStatement(Queries.PUT, listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"))),
    delete = PendingStatement("DELETE FROM todo WHERE id = ?", listOf(PendingStatementParameter.Id, Params.extra)),
)
`,
  });
  // No table is derived at all: 'no such table: todo' is not ours to claim.
  assert.deepEqual(statementInvalid.check(analyzer.model(), analyzer.ruleContext()), []);
});

// Run time: the fixture's own tables and raw tables in the real PowerSync core.

test('statement-invalid at run time: the put that leaves a NOT NULL column out fails the sync', async () => {
  const { db, session } = await syncFixture('rule-statement-invalid');
  const result = session.applyCheckpoint([{ op: 'PUT', type: 'recipe', id: 'r1', data: { title: 'Soup', created_at: 1 } }]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /replacing into recipe, id = r1.*NOT NULL constraint failed: recipe\.created_at/);
  assert.deepEqual(db.query('select * from recipe'), []);
  db.close();
});

test('statement-invalid at run time: a parameter list shorter than the SQL is refused by the core', async () => {
  const { db, session } = await syncFixture('rule-statement-invalid');
  const result = session.applyCheckpoint([{ op: 'PUT', type: 'ingredient', id: 'i1', data: { recipe_id: 'r1', name: 'salt', amount: '1 tsp' } }]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /has 4 parameters, but 3 values were provided as sources/);
  db.close();
});

test('statement-invalid at run time: Column("txt") misses the key "text" and binds NULL into a NOT NULL column', async () => {
  const { db, session } = await syncFixture('rule-statement-invalid');
  const result = session.applyCheckpoint([{ op: 'PUT', type: 'step', id: 's1', data: { recipe_id: 'r1', position: 1, text: 'Boil water' } }]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /NOT NULL constraint failed: step\.text/);
  db.close();
});

test('statement-invalid at run time: a delete that binds a Column fails when the server deletes a row', async () => {
  const { db, session } = await syncFixture('rule-statement-invalid');
  // A backend that happens to send 'txt' gets the row in; its deletion then fails.
  const put = session.applyCheckpoint([{ op: 'PUT', type: 'step', id: 's1', data: { recipe_id: 'r1', position: 1, txt: 'Boil water' } }]);
  assert.deepEqual([put.ok, put.applied], [true, true], put.error);
  const result = session.applyCheckpoint([{ op: 'REMOVE', type: 'step', id: 's1' }]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /Raw delete statement parameters must only reference id/);
  db.close();
});

test('statement-invalid at run time: the misspelt put column and the trigger body fail as SQLite says', async () => {
  const { db, session, model } = await syncFixture('rule-statement-invalid');
  const result = session.applyCheckpoint([{ op: 'PUT', type: 'rating', id: 'x1', data: { recipe_id: 'r1', score: 5 } }]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /table rating has no column named socre/);
  const trigger = model.triggers.find((t) => t.name === 'recipe_crud_insert');
  // Creating the trigger succeeds; the first local insert fails.
  assert.deepEqual(localWrite(db, trigger!.sql!), { ok: true });
  const insert = localWrite(db, "insert into recipe (id, title, created_at) values ('r1', 'Soup', 1)");
  assert.equal(insert.ok, false);
  assert.match(insert.error ?? '', /no such column: NEW\.titel/);
  db.close();
});

test('statement-invalid at run time: the fixed app syncs, deletes and records local inserts', async () => {
  const { db, session, model } = await syncFixture('rule-statement-invalid-ok');
  const rows = session.applyCheckpoint([
    { op: 'PUT', type: 'recipe', id: 'r1', data: { title: 'Soup', created_at: 1 } },
    { op: 'PUT', type: 'ingredient', id: 'i1', data: { recipe_id: 'r1', name: 'salt', amount: '1 tsp' } },
    { op: 'PUT', type: 'step', id: 's1', data: { recipe_id: 'r1', position: 1, text: 'Boil water' } },
    { op: 'PUT', type: 'rating', id: 'x1', data: { recipe_id: 'r1', score: 5 } },
  ]);
  assert.deepEqual([rows.ok, rows.applied], [true, true], rows.error);
  assert.deepEqual(db.query('select text from step'), [{ text: 'Boil water' }]);
  const removal = session.applyCheckpoint([{ op: 'REMOVE', type: 'step', id: 's1' }]);
  assert.deepEqual([removal.ok, removal.applied], [true, true], removal.error);
  const trigger = model.triggers.find((t) => t.name === 'recipe_crud_insert');
  assert.deepEqual(localWrite(db, trigger!.sql!), { ok: true });
  assert.deepEqual(localWrite(db, "insert into recipe (id, title, created_at) values ('r2', 'Stew', 2)"), { ok: true });
  db.close();
});

test('derived-schema database: trigger bodies are resolved and nothing of the check stays behind', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': `package app
import androidx.room.Entity
import androidx.room.PrimaryKey
@Entity(tableName = "note")
data class Note(@PrimaryKey val id: String, val body: String?)
`,
  });
  const derived = DerivedSchemaDatabase.open(await engine(), model.tables);
  const good = "CREATE TRIGGER note_insert AFTER INSERT ON note BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PUT', NEW.id, 'note', json_object('body', NEW.body)); END";
  assert.deepEqual(derived.validate(good), { ok: true, parameterCount: 0 });
  // Validating twice works: the first check left no trigger and no renamed table behind.
  assert.deepEqual(derived.validate(good), { ok: true, parameterCount: 0 });
  assert.deepEqual(derived.validate(good.replace('NEW.body', 'NEW.bdy')), { ok: false, reason: 'sqlite', message: 'error in trigger note_insert: no such column: NEW.bdy' });
  assert.deepEqual(derived.validate('CREATE TRIGGER t AFTER INSERT ON nope BEGIN SELECT 1; END'), { ok: false, reason: 'sqlite', message: 'no such table: main.nope' });
  assert.deepEqual(derived.validate('DELETE FROM note WHERE id = ?'), { ok: true, parameterCount: 1 });
  derived.close();
});
