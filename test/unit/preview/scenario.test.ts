import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureVariant } from '../../support/fixture-variant';
import { buildPreviewDatabase, planPreviewDatabase } from '../../../server/src/engine/preview-database';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { simulatePreview } from '../../../server/src/engine/sync-scenario';
import { fixturePath, wasmDir } from '../../support/paths';
import { crudOps, modelOfFolder, outcomeList, simulateFixture, simulateFolder, simulateFiles, stepOf } from './simulate';

// The preview's scenario in the real PowerSync core, on small workspaces that each show one thing.

test('SQL tables, the app\'s own PRAGMA and core-made triggers simulate cleanly', async () => {
  const simulation = await simulateFixture('preview-sql-app');
  assert.deepEqual(simulation.steps.filter((s) => !s.ok).map((s) => s.id), []);
  assert.deepEqual(simulation.outcomes, []);
  assert.deepEqual(simulation.foreignKeys, { enabled: true, reason: 'the app runs PRAGMA foreign_keys = ON' });
  assert.match(simulation.coreVersion, /^\d+\.\d+\.\d+/);
  assert.deepEqual(simulation.steps.map((s) => s.id), [
    'build', 'first-sync', 'set-local-only', 'second-sync',
    'local-insert:shelf', 'local-update-synced:shelf', 'local-update-local-only:shelf', 'local-delete:shelf',
    'local-insert:item', 'local-update-synced:item', 'local-update-local-only:item', 'local-delete:item',
    'upload',
  ]);
  const build = stepOf(simulation, 'build');
  assert.deepEqual((build.details.statements as { kind: string; name: string }[]).map((s) => `${s.kind} ${s.name}`), [
    'table shelf', 'table item', 'index item_shelf',
    'crud-trigger shelf_insert', 'crud-trigger shelf_update', 'crud-trigger shelf_delete',
    'crud-trigger item_insert', 'crud-trigger item_update', 'crud-trigger item_delete',
  ]);
  const first = stepOf(simulation, 'first-sync');
  assert.deepEqual(first.details.applyOrder, ['item', 'shelf']);
  assert.deepEqual(first.details.childBeforeParent, [{ child: 'item', parent: 'shelf', foreignKey: 'item(shelf_id) → shelf(id)', deferred: true }]);
  assert.deepEqual(first.details.tables, { shelf: 3, item: 3 });
  assert.deepEqual(stepOf(simulation, 'second-sync').details.localOnly, [
    { table: 'shelf', id: 'shelf-1', column: 'collapsed', before: 7, after: 7, kept: true },
    { table: 'item', id: 'item-1', column: 'seen_at', before: 7, after: 7, kept: true },
  ]);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-insert:item')), ['PUT item']);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-update-synced:item')), ['PATCH item']);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-update-local-only:item')), []);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-delete:item')), ['DELETE item']);
  const upload = stepOf(simulation, 'upload');
  assert.equal(upload.details.uploaded, 6);
  assert.equal(upload.details.applied, true);
  assert.deepEqual(upload.details.acknowledged, [{ op: 'REMOVE', type: 'item', id: 'item-local' }, { op: 'REMOVE', type: 'shelf', id: 'shelf-local' }]);
});

test('an immediate foreign key fails the first sync (child applied first), and a parents-first replay goes on', async () => {
  const dir = fixtureVariant('preview-sql-app', {
    'src/commonMain/kotlin/com/example/shelves/data/ShelvesSql.kt': (text) => text.replace(' DEFERRABLE INITIALLY DEFERRED', ''),
  });
  const simulation = await simulateFolder(dir);
  const first = stepOf(simulation, 'first-sync');
  assert.equal(first.ok, false);
  assert.match(first.error ?? '', /replacing into item, id = item-1.*FOREIGN KEY constraint failed/);
  assert.deepEqual(first.details.childBeforeParent, [{ child: 'item', parent: 'shelf', foreignKey: 'item(shelf_id) → shelf(id)', deferred: false }]);
  const replay = stepOf(simulation, 'first-sync-parents-first');
  assert.equal(replay.ok, true);
  assert.deepEqual(replay.details.checkpoints, [['shelf'], ['item']]);
  assert.equal(stepOf(simulation, 'second-sync').ok, true);
  assert.deepEqual(outcomeList(simulation), ['foreign-key first-sync item']);
  assert.match(simulation.outcomes[0].message, /item rows before their shelf rows.*item\(shelf_id\) → shelf\(id\) is not DEFERRABLE INITIALLY DEFERRED/);
});

test('without the PRAGMA nothing turns foreign keys on, and the same immediate key passes', async () => {
  const dir = fixtureVariant('preview-sql-app', {
    'src/commonMain/kotlin/com/example/shelves/data/ShelvesSql.kt': (text) => text.replace(' DEFERRABLE INITIALLY DEFERRED', ''),
    'src/commonMain/kotlin/com/example/shelves/data/OpenDatabase.kt': (text) => text.replace('    connection.execSQL("PRAGMA foreign_keys = ON")\n', ''),
  });
  const simulation = await simulateFolder(dir);
  assert.deepEqual(simulation.foreignKeys, { enabled: false, reason: 'nothing turns foreign keys on, and SQLite leaves them off' });
  assert.equal(stepOf(simulation, 'first-sync').ok, true);
  assert.deepEqual(simulation.outcomes, []);
});

test('trigger mistakes: a local-only update uploaded, a wrong type, a table without triggers, an ignored edit, a trigger SQLite rejects', async () => {
  const simulation = await simulateFixture('preview-trigger-mistakes');
  assert.deepEqual(outcomeList(simulation), [
    'statement-rejected build',
    'local-only-uploaded set-local-only note',
    'update-not-applied second-sync tag',
    'local-only-uploaded local-update-local-only:note note',
    'unexpected-upload local-insert:folder folder',
    'no-upload local-insert:tag tag',
    'no-upload local-update-synced:tag tag',
    'no-upload local-delete:tag tag',
  ]);
  const build = stepOf(simulation, 'build');
  assert.equal(build.ok, false);
  assert.equal(build.error, 'no such table: main.archive');
  assert.deepEqual(simulation.foreignKeys.enabled, false);
  // The queued PATCH was uploaded the way an SDK does, so the second sync still applied.
  const second = stepOf(simulation, 'second-sync');
  assert.deepEqual([second.ok, second.details.writeCheckpoint], [true, '1']);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-update-local-only:note')), ['PATCH note']);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-insert:folder')), ['PUT folders']);
  assert.match(simulation.outcomes.find((o) => o.kind === 'unexpected-upload')!.message, /PUT folders\/folder-local where one PUT folder\/folder-local was expected/);
  assert.match(simulation.outcomes.find((o) => o.kind === 'update-not-applied')!.message, /did not reach label/);
  assert.match(simulation.outcomes.find((o) => o.step === 'local-insert:tag')!.message, /no trigger on tag writes to powersync_crud/);
});

test('a put with fewer sources than parameters: SQLite\'s count at build, the core\'s own text at the first sync', async () => {
  const simulation = await simulateFixture('preview-rejected-put');
  assert.deepEqual(outcomeList(simulation).slice(0, 2), ['statement-rejected build chore', 'statement-rejected first-sync chore']);
  const first = stepOf(simulation, 'first-sync');
  assert.equal(first.ok, false);
  assert.match(first.error ?? '', /^powersync_control: .*has 3 parameters, but 2 values were provided as sources/);
  // Replaying in another order cannot help a statement the core rejects.
  assert.equal(simulation.steps.some((s) => s.id === 'first-sync-parents-first' || s.id === 'second-sync'), false);
  assert.match(String(stepOf(simulation, 'upload').details.checkpoint), /stalled since step first-sync/);
});

test('a workspace without raw tables only builds; bad input gives a clear result, not a crash', async () => {
  const empty = await simulateFiles({ 'src/commonMain/kotlin/A.kt': 'package a\n\nval x = 1\n' });
  assert.deepEqual(empty.steps.map((s) => [s.id, s.ok]), [['build', true]]);
  const broken = await simulateFiles({
    'src/commonMain/kotlin/Broken.kt': [
      'import com.powersync.db.schema.RawTable',
      'import com.powersync.db.schema.PendingStatement',
      'val t = RawTable(name = "t", put = PendingStatement("INSERT INTO nowhere (id) VALUES (?", listOf(',
    ].join('\n'),
  });
  assert.equal(broken.steps[0].id, 'build');
});

test('raw tables the core cannot be given are left out and said so', async () => {
  const simulation = await simulateFiles({
    'src/commonMain/kotlin/S.kt': `package s

import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.Schema

val known = RawTable(
    name = "known",
    put = PendingStatement("INSERT INTO known (id) VALUES (?) ON CONFLICT(id) DO NOTHING", listOf(PendingStatementParameter.Id)),
    delete = PendingStatement("DELETE FROM known WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

val unlisted = RawTable(
    name = "unlisted",
    put = PendingStatement("INSERT INTO unlisted (id) VALUES (?)", listOf(PendingStatementParameter.Id)),
    delete = PendingStatement("DELETE FROM unlisted WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

val unknownSql = RawTable(
    name = "unknown_sql",
    put = PendingStatement(buildPut(), listOf(PendingStatementParameter.Id)),
    delete = PendingStatement("DELETE FROM x WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

val schema = Schema(known, unknownSql)
`,
  });
  const build = stepOf(simulation, 'build');
  assert.deepEqual(build.details.left, [
    { kind: 'raw-table', name: 'unlisted', reason: 'not listed in any Schema(…), so PowerSync never sees it' },
    { kind: 'raw-table', name: 'unknown_sql', reason: 'a part of it could not be resolved, so its JSON for the core is unknown' },
  ]);
  assert.deepEqual((build.details.rawTables as { name: string }[]).map((t) => t.name), ['known']);
  // `known` has no CREATE TABLE anywhere: SQLite says so, at build and from the core.
  assert.deepEqual(outcomeList(simulation).slice(0, 3), ['statement-rejected build known', 'statement-rejected build known', 'statement-rejected first-sync known']);
  assert.match(simulation.outcomes[0].error ?? '', /no such table: known/);
});

test('timings are recorded only when asked for', async () => {
  const plain = await simulateFixture('preview-sql-app');
  assert.ok(plain.steps.every((s) => s.milliseconds === undefined));
  const timed = await simulateFixture('preview-sql-app', { timings: true });
  assert.ok(timed.steps.every((s) => typeof s.milliseconds === 'number' && s.milliseconds >= 0));
});

test('more rows per table go through the same scenario', async () => {
  const simulation = await simulateFixture('preview-sql-app', { rowsPerTable: 25 });
  assert.equal(simulation.rowsPerTable, 25);
  assert.deepEqual(stepOf(simulation, 'second-sync').details.tables, { shelf: 25, item: 25 });
  assert.ok(simulation.steps.every((s) => s.ok));
});

test('a trigger writing ps_crud directly: synced rows echo into the upload queue and hold the next checkpoint back', async () => {
  const simulation = await simulateFiles({
    'src/commonMain/kotlin/chores/Chores.kt': `package chores

import androidx.room.Database
import androidx.room.Entity
import androidx.room.PrimaryKey
import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL
import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.Schema

@Entity(tableName = "chore")
data class ChoreEntity(@PrimaryKey val id: String, val title: String)

@Database(entities = [ChoreEntity::class], version = 1)
abstract class ChoresDatabase : RoomDatabase()

val choreTable = RawTable(
    name = "chore",
    put = PendingStatement(
        "INSERT INTO chore (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title")),
    ),
    delete = PendingStatement("DELETE FROM chore WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

val schema = Schema(choreTable)

fun installTriggers(connection: SQLiteConnection) {
    connection.execSQL("CREATE TRIGGER chore_log AFTER INSERT ON chore BEGIN INSERT INTO ps_crud (tx_id, data) VALUES (1, 'inserted ' || NEW.id); END")
}
`,
  });
  assert.deepEqual(outcomeList(simulation), [
    'checkpoint-held-back second-sync',
    'unexpected-upload local-insert:chore chore',
    'no-upload local-update-synced:chore chore',
    'no-upload local-delete:chore chore',
  ]);
  assert.match(simulation.outcomes[0].message, /ps_crud holds 3 entries that no local write of the scenario made/);
  assert.match(simulation.outcomes[1].message, /not the core's JSON/);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-insert:chore')), ['UNREADABLE ']);
  assert.equal(stepOf(simulation, 'upload').details.uploaded, 0, 'entries that are not JSON are deleted but cannot be read');
});

test('on a database the caller built from the plan, the scenario finds what it finds on its own', async () => {
  const engine = await loadEngine(wasmDir());
  for (const fixture of ['preview-sql-app', 'rule-put-not-upsert', 'rule-fk-not-deferrable']) {
    const model = await modelOfFolder(fixturePath(fixture));
    const plan = planPreviewDatabase(model);
    const prebuilt = simulatePreview(engine, model, { prebuilt: { plan, database: buildPreviewDatabase(engine, plan) } });
    assert.deepEqual(prebuilt, simulatePreview(engine, model), fixture);
  }
});
