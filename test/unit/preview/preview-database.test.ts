import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPreviewDatabase, planPreviewDatabase, previewDatabaseImage, restorePreviewDatabase } from '../../../server/src/engine/preview-database';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { analyzeFiles } from '../../support/workspace';
import { wasmDir } from '../../support/paths';

const ENTITIES = `package app

import androidx.room.Database
import androidx.room.Entity
import androidx.room.ForeignKey
import androidx.room.Index
import androidx.room.PrimaryKey
import androidx.room.RoomDatabase

@Entity(tableName = "alpha")
data class Alpha(@PrimaryKey val id: String, val name: String)

@Entity(
    tableName = "beta",
    foreignKeys = [ForeignKey(entity = Alpha::class, parentColumns = ["id"], childColumns = ["alpha_id"])],
    indices = [Index("alpha_id")],
)
data class Beta(@PrimaryKey val id: String, val alpha_id: String)

@Database(entities = [Beta::class, Alpha::class], version = 1)
abstract class AppDatabase : RoomDatabase()
`;

const CALLBACK = `package app

import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

fun onOpen(connection: SQLiteConnection, event: String) {
    connection.execSQL("CREATE TABLE IF NOT EXISTS gamma (id TEXT PRIMARY KEY NOT NULL, label TEXT)")
    connection.execSQL("CREATE TRIGGER IF NOT EXISTS gamma_log AFTER INSERT ON gamma BEGIN SELECT 1; END")
    connection.execSQL("CREATE TRIGGER IF NOT EXISTS gamma_log AFTER DELETE ON gamma BEGIN SELECT 2; END")
    connection.execSQL("CREATE TRIGGER broken AFTER INSERT ON nowhere BEGIN SELECT 1; END")
    connection.execSQL("SELECT powersync_create_raw_table_crud_trigger('{\\"name\\":\\"gamma\\",\\"table_name\\":\\"gamma\\"}', 'gamma_ins', ?)", arrayOf(event))
}
`;

test('the plan: entities in @Database order, then SQL tables, then indexes, then triggers (each name once)', async () => {
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/Entities.kt': ENTITIES, 'src/commonMain/kotlin/app/Callback.kt': CALLBACK });
  const plan = planPreviewDatabase(model);
  assert.deepEqual(plan.statements.map((s) => `${s.kind} ${s.name}`), ['table beta', 'table alpha', 'table gamma', 'index index_beta_alpha_id', 'trigger gamma_log', 'trigger broken']);
  assert.match(plan.statements[0].sql, /^CREATE TABLE IF NOT EXISTS `beta`/);
  assert.deepEqual(plan.foreignKeys, { enabled: true, reason: 'Room turns foreign keys on because Beta declares a foreign key' });
  assert.deepEqual(plan.notes, [{ kind: 'trigger', name: 'gamma_ins', reason: 'its event (INSERT, UPDATE or DELETE) could not be resolved' }]);
  assert.deepEqual(plan.schema, { tables: [], raw_tables: [] });
});

test('building runs every statement, records SQLite\'s answer for each and turns foreign keys on', async () => {
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/Entities.kt': ENTITIES, 'src/commonMain/kotlin/app/Callback.kt': CALLBACK });
  const built = buildPreviewDatabase(await loadEngine(wasmDir()), planPreviewDatabase(model));
  try {
    assert.equal(built.ok, false);
    assert.deepEqual(built.statements.filter((s) => !s.ok).map((s) => [s.name, s.error]), [['broken', 'no such table: main.nowhere']]);
    assert.deepEqual(built.schema, { ok: true });
    assert.equal(built.db.scalar('pragma foreign_keys'), 1);
    assert.deepEqual(built.db.query("select name from sqlite_master where type in ('table', 'trigger') and name not like 'ps_%' and name not like 'sqlite_%' order by name").map((r) => r.name), ['alpha', 'beta', 'gamma', 'gamma_log']);
  } finally {
    built.db.close();
  }
});

test('a crud-trigger call with a known event runs the core\'s generator', async () => {
  const callback = CALLBACK.replace(', ?)", arrayOf(event))', ', \'INSERT\')")');
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/Callback.kt': callback });
  const plan = planPreviewDatabase(model);
  const crud = plan.statements.find((s) => s.kind === 'crud-trigger');
  assert.deepEqual(crud && { name: crud.name, event: crud.event }, { name: 'gamma_ins', event: 'INSERT' });
  const built = buildPreviewDatabase(await loadEngine(wasmDir()), plan);
  try {
    assert.equal(built.statements.find((s) => s.kind === 'crud-trigger')?.ok, true);
    assert.match(String(built.db.scalar("select sql from sqlite_master where name = 'gamma_ins'")), /powersync_crud/);
    assert.equal(built.db.scalar('pragma foreign_keys'), 0, 'no entity has a foreign key and the app runs no PRAGMA');
  } finally {
    built.db.close();
  }
});

test('a copy of a built database (the replays\' fresh databases) has its tables, triggers, foreign keys and the core\'s schema', async () => {
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/Entities.kt': ENTITIES, 'src/commonMain/kotlin/app/Callback.kt': CALLBACK });
  const engine = await loadEngine(wasmDir());
  const plan = planPreviewDatabase(model);
  const built = buildPreviewDatabase(engine, plan);
  const master = "select type, name, tbl_name, sql from sqlite_master order by name";
  const objects = built.db.query(master);
  const image = previewDatabaseImage(built);
  const copies = [restorePreviewDatabase(engine, plan, image), restorePreviewDatabase(engine, plan, image)];
  try {
    for (const copy of copies) {
      assert.deepEqual(copy.db.query(master), objects);
      assert.deepEqual([copy.ok, copy.schema, copy.statements], [false, { ok: true }, built.statements]);
      assert.equal(copy.db.scalar('pragma foreign_keys'), 1);
    }
    // Each copy is a database of its own.
    copies[0].db.exec("INSERT INTO alpha (id, name) VALUES ('a', 'A')");
    assert.equal(copies[0].db.scalar('select count(*) from alpha'), 1);
    assert.equal(copies[1].db.scalar('select count(*) from alpha'), 0);
    assert.throws(() => copies[1].db.exec("INSERT INTO beta (id, alpha_id) VALUES ('b', 'nowhere')"), /FOREIGN KEY constraint failed/);
  } finally {
    for (const copy of copies) copy.db.close();
  }
});
