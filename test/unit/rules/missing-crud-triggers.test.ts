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

// A trigger counts only where its statement can run: created in a top-level function that no file
// of the workspace names (outside comments) but at its declaration, it is never created.

const UNCALLED = /^Local inserts, updates and deletes of '(log|todos)' are never uploaded\. Its triggers are created in (\w+) \(([^)]+)\), which nothing in the workspace calls: call it once the table exists, where the app creates its tables\.$/;

const KOTLIN_TRIGGERS = `package app
import com.powersync.PowerSyncDatabase
import com.powersync.db.schema.*
val log = RawTable(name = "log", schema = RawTableSchema())
suspend fun installLogTriggers(db: PowerSyncDatabase) {
    for (event in listOf("INSERT", "UPDATE", "DELETE")) {
        db.execute("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)", listOf(log.jsonDescription(), "log_$event", event))
    }
}
`;

async function crudFindings(files: Record<string, string>) {
  const { model } = await analyzeFiles(files);
  return missingCrudTriggers.check(model, {});
}

function assertUncalled(findings: ReturnType<typeof missingCrudTriggers.check>, fn: string, file: string): void {
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  const match = UNCALLED.exec(findings[0].message);
  assert.ok(match, findings[0].message);
  assert.deepEqual([match[2], match[3]], [fn, file]);
  assert.deepEqual(findings[0].fixes, []);
  assert.ok(findings[0].related.some((r) => / trigger, created in \w+, which nothing calls$/.test(r.message)), JSON.stringify(findings[0].related.map((r) => r.message)));
}

test('missing-crud-triggers (Kotlin): triggers in a top-level function nothing calls are reported; called from anywhere, not', async () => {
  const base = { 'src/commonMain/kotlin/Entities.kt': ENTITY, 'src/commonMain/kotlin/Schema.kt': KOTLIN_TRIGGERS };
  assertUncalled(await crudFindings(base), 'installLogTriggers', 'kotlin/Schema.kt');
  // A commented-out call runs nothing.
  const commented = 'package app\nclass Start {\n    // installLogTriggers(db)\n    /* installLogTriggers(db) */\n}\n';
  assertUncalled(await crudFindings({ ...base, 'src/commonMain/kotlin/Start.kt': commented }), 'installLogTriggers', 'kotlin/Schema.kt');
  const call = 'package app\nimport com.powersync.PowerSyncDatabase\nclass Start(val db: PowerSyncDatabase) {\n    suspend fun run() = installLogTriggers(db)\n}\n';
  assert.deepEqual(await crudFindings({ ...base, 'src/commonMain/kotlin/Start.kt': call }), []);
  // A reference is a call that may happen; so is Java naming it.
  const reference = 'package app\nval installer = ::installLogTriggers\n';
  assert.deepEqual(await crudFindings({ ...base, 'src/commonMain/kotlin/Start.kt': reference }), []);
  const java = 'package app;\nclass Start {\n    static void run(Object db) { SchemaKt.installLogTriggers(db, null); }\n}\n';
  assert.deepEqual(await crudFindings({ ...base, 'src/main/java/app/Start.java': java }), []);
});

test('missing-crud-triggers (Kotlin): methods, annotated functions, main and public shared functions Swift may call are not judged', async () => {
  const inClass = KOTLIN_TRIGGERS.replace('suspend fun installLogTriggers', 'class Installer {\nsuspend fun installLogTriggers').replace(/\}\n$/, '}\n}\n');
  assert.deepEqual(await crudFindings({ 'src/commonMain/kotlin/Entities.kt': ENTITY, 'src/commonMain/kotlin/Schema.kt': inClass }), []);
  const annotated = KOTLIN_TRIGGERS.replace('suspend fun installLogTriggers', '@JvmName("install")\nsuspend fun installLogTriggers');
  assert.deepEqual(await crudFindings({ 'src/commonMain/kotlin/Entities.kt': ENTITY, 'src/commonMain/kotlin/Schema.kt': annotated }), []);
  // Shared code of a build with Apple targets: Swift (which Rawsync does not read) may call a public function.
  const gradle = 'plugins { kotlin("multiplatform") }\nkotlin {\n    androidTarget()\n    iosArm64()\n}\n';
  const shared = { 'src/commonMain/kotlin/Entities.kt': ENTITY, 'src/commonMain/kotlin/Schema.kt': KOTLIN_TRIGGERS, 'build.gradle.kts': gradle };
  assert.deepEqual(await crudFindings(shared), []);
  const internal = KOTLIN_TRIGGERS.replace('suspend fun installLogTriggers', 'internal suspend fun installLogTriggers');
  assertUncalled(await crudFindings({ ...shared, 'src/commonMain/kotlin/Schema.kt': internal }), 'installLogTriggers', 'kotlin/Schema.kt');
  assertUncalled(await crudFindings({ ...shared, 'src/androidMain/kotlin/Schema.kt': KOTLIN_TRIGGERS, 'src/commonMain/kotlin/Schema.kt': '' }), 'installLogTriggers', 'kotlin/Schema.kt');
  const main = KOTLIN_TRIGGERS.replace('suspend fun installLogTriggers(db: PowerSyncDatabase)', 'suspend fun main() {\n    val db: PowerSyncDatabase = TODO()').replace(/\}\n$/, '}\n');
  assert.deepEqual(await crudFindings({ 'src/commonMain/kotlin/Entities.kt': ENTITY, 'src/commonMain/kotlin/Schema.kt': main }), []);
});

const TS_APP = {
  'package.json': JSON.stringify({ name: 'app', dependencies: { '@powersync/web': '^1.25.0' } }),
  'src/schema.ts': `import { Schema } from '@powersync/web';
export const TODOS = {
  put: { sql: 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title', params: ['Id', { Column: 'title' }] },
  delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  clear: 'DELETE FROM todos',
};
export const AppSchema = new Schema({});
AppSchema.withRawTables({ todos: TODOS });
`,
  'src/triggers.ts': `import { Schema, type AbstractPowerSyncDatabase } from '@powersync/web';
import { TODOS } from './schema';
export async function installTodosTriggers(db: AbstractPowerSyncDatabase): Promise<void> {
  await db.execute('CREATE TABLE IF NOT EXISTS todos (id TEXT NOT NULL PRIMARY KEY, title TEXT)');
  for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
    await db.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [JSON.stringify(Schema.rawTableToJson({ name: 'todos', ...TODOS })), \`todos_\${event.toLowerCase()}\`, event]);
  }
}
`,
};

test('missing-crud-triggers (TypeScript): an exported function nothing imports is reported; imported and called, not', async () => {
  assertUncalled(await crudFindings(TS_APP), 'installTodosTriggers', 'src/triggers.ts');
  const call = "import { installTodosTriggers } from './triggers';\nexport async function open(db: any) {\n  await installTodosTriggers(db);\n}\n";
  assert.deepEqual(await crudFindings({ ...TS_APP, 'src/db.ts': call }), []);
  // A default export is called by whatever name its importer gives it.
  const byDefault = TS_APP['src/triggers.ts'].replace('export async function', 'export default async function');
  assert.deepEqual(await crudFindings({ ...TS_APP, 'src/triggers.ts': byDefault }), []);
  // Component files Rawsync does not read (.svelte, .vue) may import it.
  const svelte = { ...TS_APP, 'package.json': JSON.stringify({ name: 'app', dependencies: { '@powersync/web': '^1.25.0', svelte: '^5.0.0' } }) };
  assert.deepEqual(await crudFindings(svelte), []);
});

const DART_APP = {
  'pubspec.yaml': 'name: app\ndependencies:\n  powersync: ^1.16.0\n',
  'lib/schema.dart': `import 'package:powersync/powersync.dart';
const todos = RawTable.inferred(name: 'todos', schema: RawTableSchema());
final schema = Schema(const [], rawTables: [todos]);
`,
  'lib/triggers.dart': `import 'dart:convert';
import 'package:powersync/powersync.dart';
import 'schema.dart';
Future<void> installTodosTriggers(PowerSyncDatabase db) async {
  await db.execute('CREATE TABLE IF NOT EXISTS todos (id TEXT NOT NULL PRIMARY KEY, title TEXT)');
  for (final event in ['INSERT', 'UPDATE', 'DELETE']) {
    await db.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [jsonEncode(todos), 'todos_\${event.toLowerCase()}', event]);
  }
}
`,
};

test('missing-crud-triggers (Dart): a top-level function nothing calls is reported; torn off or called, not', async () => {
  assertUncalled(await crudFindings(DART_APP), 'installTodosTriggers', 'lib/triggers.dart');
  const call = "import 'triggers.dart';\nFuture<void> main() async {\n  await installTodosTriggers(await openDatabase());\n}\n";
  assert.deepEqual(await crudFindings({ ...DART_APP, 'lib/main.dart': call }), []);
  const tearOff = "import 'triggers.dart';\nfinal onOpen = installTodosTriggers;\n";
  assert.deepEqual(await crudFindings({ ...DART_APP, 'lib/main.dart': tearOff }), []);
  // A method may be called by a framework (an override, a lifecycle method): not judged.
  const method = DART_APP['lib/triggers.dart'].replace('Future<void> installTodosTriggers', 'class Installer {\nFuture<void> installTodosTriggers') + '}\n';
  assert.deepEqual(await crudFindings({ ...DART_APP, 'lib/triggers.dart': method }), []);
});

test('missing-crud-triggers: an UPDATE trigger that runs and INSERT/DELETE triggers in a function nothing calls name those two', async () => {
  const schema = `package app
import com.powersync.PowerSyncDatabase
import com.powersync.db.schema.*
val log = RawTable(name = "log", schema = RawTableSchema())
suspend fun installUpdateTrigger(db: PowerSyncDatabase) {
    db.execute("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)", listOf(log.jsonDescription(), "log_update", "UPDATE"))
}
suspend fun installOtherTriggers(db: PowerSyncDatabase) {
    db.execute("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)", listOf(log.jsonDescription(), "log_insert", "INSERT"))
}
suspend fun start(db: PowerSyncDatabase) = installUpdateTrigger(db)
`;
  const findings = await crudFindings({ 'src/androidMain/kotlin/Entities.kt': ENTITY, 'src/androidMain/kotlin/Schema.kt': schema });
  assert.deepEqual(findings.map((f) => f.message), [
    "Local inserts and deletes of 'log' are never uploaded. Its INSERT trigger is created in installOtherTriggers (kotlin/Schema.kt), which nothing in the workspace calls: call it once the table exists, where the app creates its tables. No trigger records its deletes at all.",
  ]);
});
