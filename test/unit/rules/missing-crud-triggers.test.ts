import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { repoRoot } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { missingCrudTriggers } from '../../../server/src/rules/missing-crud-triggers';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { syncFixture } from './fixture-sync';

const SCHEMA = 'src/commonMain/kotlin/com/example/habits/sync/HabitsSchema.kt';
const TRIGGERS = 'src/commonMain/kotlin/com/example/habits/data/CrudTriggers.kt';

test('missing-crud-triggers: a table without an UPDATE trigger and a table without any, at their raw tables', () => {
  const findings = fixtureFindings('rule-missing-crud-triggers', 'missing-crud-triggers');
  assert.deepEqual(places(findings), [`${SCHEMA}:18`, `${SCHEMA}:35`]);
  assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning']);
  const [checkin, streak] = findings;
  assert.match(checkin.message, /'checkin' has no UPDATE trigger writing powersync_crud: updates made in the app .* never uploaded/);
  assert.match(streak.message, /No trigger records local writes to 'streak' .*inserts, updates and deletes made in the app .* never uploaded/);
  const related = checkin.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);
  assert.ok(related.includes(`${TRIGGERS}:13 INSERT trigger`), related.join('\n'));
  assert.ok(related.includes(`${TRIGGERS}:9 a Room callback where the triggers can be created`), related.join('\n'));
});

test('missing-crud-triggers: with the UPDATE trigger and the generated streak triggers the app is clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-missing-crud-triggers-ok', 'missing-crud-triggers')), []);
});

test('missing-crud-triggers: the example app warns for its three raw tables, the fixed app not at all', () => {
  const app = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';
  const broken = checkJson(path.join(repoRoot(), 'examples', 'todo-app')).findings.filter((f) => f.rule === 'missing-crud-triggers');
  assert.deepEqual(places(broken), [`${app}:12`, `${app}:28`, `${app}:54`]);
  const callback = 'shared/src/commonMain/kotlin/com/example/todo/data/RoomAsyncCallback.kt:23';
  assert.ok(broken.every((f) => f.related.some((r) => `${r.file}:${r.range.start.line + 1}` === callback)));
  const fixed = checkJson(path.join(repoRoot(), 'examples', 'todo-app-fixed')).findings.filter((f) => f.rule === 'missing-crud-triggers');
  assert.deepEqual(places(fixed), []);
});

const ENTITY = `package app
import androidx.room.Entity
import androidx.room.PrimaryKey
@Entity(tableName = "log")
data class Log(@PrimaryKey val id: String, val text: String?)
`;

test('missing-crud-triggers: insert-only tables need only INSERT, local-only tables nothing', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': ENTITY,
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val log = RawTable(name = "log", schema = RawTableSchema(options = TableOptions(insertOnly = true)))
suspend fun triggers(db: PowerSyncDatabase) {
    db.execute("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)", listOf(log.jsonDescription(), "log_insert", "INSERT"))
}
suspend fun start(db: PowerSyncDatabase) = triggers(db)
`,
  });
  assert.deepEqual(missingCrudTriggers.check(model, {}), []);
  const { model: localOnly } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': ENTITY,
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val log = RawTable(name = "log", schema = RawTableSchema(options = TableOptions(localOnly = true)))
`,
  });
  assert.deepEqual(missingCrudTriggers.check(localOnly, {}), []);
});

test('missing-crud-triggers: a CRUD trigger for a table that cannot be known keeps the rule silent', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': ENTITY,
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val log = RawTable(name = "log", schema = RawTableSchema())
suspend fun triggers(db: PowerSyncDatabase, tables: List<RawTable>) {
    for (table in tables) {
        db.execute("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)", listOf(table.jsonDescription(), table.name + "_insert", "INSERT"))
    }
}
`,
  });
  assert.ok(model.triggers.length > 0);
  assert.deepEqual(missingCrudTriggers.check(model, {}), []);
  // Without that call the same table is reported.
  const { model: bare } = await analyzeFiles({ 'src/commonMain/kotlin/Entities.kt': ENTITY, 'src/commonMain/kotlin/Schema.kt': 'package app\nimport com.powersync.db.schema.*\nval log = RawTable(name = "log", schema = RawTableSchema())\n' });
  assert.equal(missingCrudTriggers.check(bare, {}).length, 1);
});

test('missing-crud-triggers at run time: without an UPDATE trigger a local update is never queued for upload', async () => {
  const { db, model } = await syncFixture('rule-missing-crud-triggers');
  for (const trigger of model.triggers.filter((t) => t.form === 'create-trigger')) assert.deepEqual(localWrite(db, trigger.sql!), { ok: true });
  assert.deepEqual(localWrite(db, "insert into checkin (id, habit_id, day) values ('c1', 'h1', '2026-01-01')"), { ok: true });
  assert.deepEqual(localWrite(db, "update checkin set note = 'felt great' where id = 'c1'"), { ok: true });
  assert.deepEqual(localWrite(db, "insert into streak (id, habit_id, length) values ('s1', 'h1', 3)"), { ok: true });
  // One PUT for the checkin insert; the update and the streak insert left no trace.
  assert.deepEqual(readCrud(db).map((c) => [c.op, c.type, c.id]), [['PUT', 'checkin', 'c1']]);
  db.close();
});
