import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

// Kotlin's scopes decide what a name means: a local shadows a parameter, which shadows a member,
// which shadows a top-level declaration. A pool handed a local empty Schema() must not be read
// as the top-level schema of the same name (seen in a public app).

const TOP_LEVEL = `package app

import com.powersync.db.schema.*

val schema = Schema(RawTable(name = "videos", schema = RawTableSchema()))
`;

const ROOM = `package app

import androidx.room.*

@Entity(tableName = "videos")
data class Video(@PrimaryKey val id: String, val title: String)

@Database(entities = [Video::class], version = 1)
abstract class AppDatabase : RoomDatabase()
`;

/** The pool's module, with `declaration` inside the provider (a local, or nothing). */
function module(declaration: string, signature = 'appDatabase: AppDatabase, scope: CoroutineScope'): string {
  return `package app

import com.powersync.PowerSyncDatabase
import com.powersync.db.schema.Schema
import com.powersync.integrations.room.RoomConnectionPool

object PowerSyncModule {
    fun providePowerSync(${signature}): PowerSyncDatabase {
${declaration}        val pool = RoomConnectionPool(appDatabase, schema)
        return PowerSyncDatabase.opened(pool = pool, scope = scope, schema = schema, identifier = "app", logger = Logger)
    }
}
`;
}

async function poolFindings(moduleSource: string) {
  const { analyzer, model } = await analyzeFiles({
    'src/androidMain/kotlin/app/Schema.kt': TOP_LEVEL,
    'src/androidMain/kotlin/app/Room.kt': ROOM,
    'src/androidMain/kotlin/app/PowerSyncModule.kt': moduleSource,
  });
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings;
  return { model, findings };
}

test('a local val schema = Schema() shadows the top-level schema: the pool gets the empty one', async () => {
  const { model, findings } = await poolFindings(module('        val schema = Schema()\n'));
  assert.deepEqual(model.roomConnectionPools.map((p) => p.schema?.rawTables.length), [0]);
  assert.deepEqual(model.roomConnectionPools[0].openedWith?.map((o) => o.schema?.rawTables.length), [0]);
  const pool = findings.filter((f) => f.rule === 'room-pool-mismatch');
  assert.equal(pool.length, 1);
  // PowerSyncDatabase.opened gets the same empty schema: nothing syncs at all.
  assert.match(pool[0].message, /^Nothing syncs: this RoomConnectionPool and PowerSyncDatabase.opened get a schema with no raw tables\./);
  // On the argument as written, not on the local it names.
  assert.deepEqual(pool[0].loc.range.start, { line: 9, character: 51 });
});

test('without the local, the same name is the top-level schema with its raw table', async () => {
  const { model, findings } = await poolFindings(module(''));
  assert.deepEqual(model.roomConnectionPools.map((p) => p.schema?.rawTables.map((t) => t?.name)), [['videos']]);
  assert.deepEqual(findings.filter((f) => f.rule === 'room-pool-mismatch'), []);
});

test('a parameter named like the top-level schema is not that schema: unknown, so not judged', async () => {
  const { model, findings } = await poolFindings(module('', 'appDatabase: AppDatabase, scope: CoroutineScope, schema: Schema'));
  assert.deepEqual(model.roomConnectionPools.map((p) => p.schema), [undefined]);
  assert.deepEqual(findings.filter((f) => f.rule === 'room-pool-mismatch'), []);
  assert.deepEqual(findings.filter((f) => f.rule === 'not-analyzed').map((f) => f.loc.range.start.line), [8]);
});

// Schema entries that are locals of their block, and a schema made by a function (seen in public apps).

const schemaNames = async (source: string) => {
  const { analyzer, model } = await analyzeFiles({ 'src/commonMain/kotlin/app/Tests.kt': source });
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings;
  return { model, notChecked: findings.filter((f) => f.rule === 'not-analyzed').map((f) => f.message), findings };
};

test('a local holding a view-backed Table is a managed table of the Schema, not an unread entry', async () => {
  const { model, notChecked } = await schemaNames(`package app
import com.powersync.db.schema.*
fun build() {
    val t = Table("notes", listOf(Column.text("title")))
    val s = Schema(t)
}
`);
  assert.deepEqual(model.schemas.map((s) => s.rawTables.length), [0]);
  assert.deepEqual(notChecked, []);
});

test('two functions with a local of the same name: each Schema takes its own function\'s raw table', async () => {
  const { model, notChecked } = await schemaNames(`package app
import com.powersync.db.schema.*
fun first() {
    val t = RawTable("notes", RawTableSchema())
    openDb(Schema(t))
}
fun second() {
    val t = RawTable("tags", RawTableSchema())
    openDb(Schema(tables = listOf(), rawTables = listOf(t)))
}
`);
  assert.deepEqual(model.schemas.map((s) => s.rawTables.map((r) => r?.name)), [['notes'], ['tags']]);
  assert.deepEqual(notChecked, []);
});

test('a pool schema made by a function is that function\'s Schema: an empty one is reported, one with raw tables is not', async () => {
  const pool = (schemaBody: string) => poolFindings(module('').replace('RoomConnectionPool(appDatabase, schema)', 'RoomConnectionPool(appDatabase, makeSchema())')
    + `\nfun makeSchema(): Schema = ${schemaBody}\n`);
  const empty = await pool('Schema()');
  assert.deepEqual(empty.model.roomConnectionPools.map((p) => p.schema?.rawTables.length), [0]);
  assert.deepEqual(empty.findings.filter((f) => f.rule === 'room-pool-mismatch').length, 1);
  const full = await pool('Schema(RawTable(name = "videos", schema = RawTableSchema()))');
  assert.deepEqual(full.model.roomConnectionPools.map((p) => p.schema?.rawTables.map((t) => t?.name)), [['videos']]);
  assert.deepEqual(full.findings.filter((f) => f.rule === 'room-pool-mismatch' || f.rule === 'not-analyzed'), []);
});
