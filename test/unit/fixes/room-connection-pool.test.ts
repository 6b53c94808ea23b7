import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { fixturePath } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { Finding, Fix } from '../../../server/src/findings/finding';

const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidDatabases.kt';
const IOS = 'src/iosMain/kotlin/com/example/notes/IosDatabases.kt';
const VERSIONS = 'gradle/libs.versions.toml';
const RULE = 'db-path-mismatch';

/** PowerSync 1.11.2 with integration-room; Room 2.7.2. */
const CATALOG = `[versions]
powersync = "1.11.2"
room = "2.7.2"

[libraries]
powersync-core = { module = "com.powersync:core", version.ref = "powersync" }
powersync-room = { module = "com.powersync:integration-room", version.ref = "powersync" }
room-runtime = { module = "androidx.room:room-runtime", version.ref = "room" }
`;

/** Android: Room and a PowerSync constructor on another file name, side by side in one class. */
const ANDROID_CLASS = `package com.example.notes

import android.content.Context
import androidx.room.Room
import androidx.sqlite.driver.bundled.BundledSQLiteDriver
import com.example.notes.data.NotesDatabase
import com.example.notes.sync.DATABASE_NAME
import com.example.notes.sync.notesSchema
import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase

class AndroidDatabases(context: Context) {
    val room: NotesDatabase = Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath(DATABASE_NAME).absolutePath)
        .setDriver(BundledSQLiteDriver())
        .build()

    val powerSync: PowerSyncDatabase = PowerSyncDatabase(
        factory = DatabaseDriverFactory(context),
        schema = notesSchema,
        dbFilename = "notes-sync.db",
    )
}
`;

function workspace(android: string, catalog = CATALOG): Record<string, string> {
  return { ...filesUnder(fixturePath('rule-db-path-mismatch')), [ANDROID]: android, [VERSIONS]: catalog };
}

async function androidFinding(files: Record<string, string>): Promise<{ before: Finding[]; finding: Finding }> {
  const { model, analyzer, uri } = await analyzeFiles(files);
  const before = runRules(RULES, model, analyzer.ruleContext()).findings;
  const finding = before.find((f) => f.rule === RULE && f.loc.uri === uri(ANDROID));
  assert.ok(finding, `a ${RULE} finding on Android; got ${before.map((f) => `${f.rule} ${f.loc.uri}`).join(', ')}`);
  return { before, finding };
}

const poolFixOf = (finding: Finding): Fix | undefined => finding.fixes.find((f) => f.title.startsWith('Run PowerSync on Room\'s connections'));

/** Applies the pool move of the Android finding and checks the result as every fix is checked. */
async function applyPoolFix(files: Record<string, string>) {
  const { before, finding } = await androidFinding(files);
  const pool = poolFixOf(finding);
  assert.ok(pool, 'the pool move is offered');
  const fixed = await applyEdits(files, pool.edits);
  await assertFixed({ before, ...fixed }, RULE, files);
  return fixed;
}

test('db-path-mismatch alternative: PowerSync moves onto Room\'s connections through RoomConnectionPool', async () => {
  const files = workspace(ANDROID_CLASS);
  const { before, finding } = await androidFinding(files);
  assert.equal(finding.fixes.find((f) => f.preferred)?.title, 'Open Room\'s file from PowerSync too (dbFilename = DATABASE_NAME)', 'the shared name stays the preferred fix');
  const pool = poolFixOf(finding);
  assert.ok(pool, 'the pool move is offered');
  assert.notEqual(pool.preferred, true, 'as an alternative, not what rawsync fix applies');
  const fixed = await applyEdits(files, pool.edits);
  await assertFixed({ before, ...fixed }, RULE, files);
  const text = fixed.files[ANDROID];
  assert.match(text, /\.setDriver\(BundledSQLiteDriver\(\)\.also \{ it\.loadPowerSyncExtension\(\) \}\)/);
  assert.match(text, /val powerSync: PowerSyncDatabase = PowerSyncDatabase\.opened\(\n {8}pool = RoomConnectionPool\(room, notesSchema\),\n {8}schema = notesSchema,\n {8}identifier = DATABASE_NAME,\n {8}scope = GlobalScope,\n {8}logger = Logger,\n {4}\)/);
  for (const path of ['com.powersync.integrations.room.RoomConnectionPool', 'com.powersync.integrations.room.loadPowerSyncExtension', 'co.touchlab.kermit.Logger', 'kotlinx.coroutines.GlobalScope']) {
    assert.equal(text.split(`\nimport ${path}\n`).length, 2, `one import of ${path}`);
  }
  // The model now sees one pool with the schema PowerSync opens with, and PowerSync opened over it.
  assert.equal(fixed.model.roomConnectionPools.length, 1);
  const [roomPool] = fixed.model.roomConnectionPools;
  assert.deepEqual(roomPool.schema?.rawTables.map((t) => t?.name), ['note']);
  assert.equal(roomPool.openedWith?.length, 1);
  assert.equal(fixed.model.databasePaths.find((p) => p.opener === 'powersync-opened')?.identifier, 'notes.db');
  // A pool on Android does not serve iOS: a mismatch there is still reported (SDK 1.6+ honours
  // iOS's dbDirectory, so another name makes the difference).
  const iosApart = { ...fixed.files, [IOS]: fixed.files[IOS].replace('dbFilename = DATABASE_NAME', 'dbFilename = "notes-sync.db"') };
  const { model, analyzer } = await analyzeFiles(iosApart);
  const onIos = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === RULE);
  assert.deepEqual(onIos.map((f) => f.loc.uri.endsWith(IOS)), [true], 'one db-path-mismatch, on iOS');
});

test('db-path-mismatch alternative: positional arguments are named, a scope and logger passed on, dbDirectory dropped', async () => {
  const android = ANDROID_CLASS.replace(
    /PowerSyncDatabase\(\n[\s\S]*?\n {4}\)/,
    'PowerSyncDatabase(DatabaseDriverFactory(context), notesSchema, "notes-sync.db", scope, logger, dbDirectory = context.filesDir.path)',
  ).replace('class AndroidDatabases(context: Context) {', 'class AndroidDatabases(context: Context, scope: CoroutineScope, logger: Logger?) {')
    .replace('import com.powersync.PowerSyncDatabase\n', 'import com.powersync.PowerSyncDatabase\nimport co.touchlab.kermit.Logger\nimport kotlinx.coroutines.CoroutineScope\n');
  assert.notEqual(android, ANDROID_CLASS);
  const fixed = await applyPoolFix(workspace(android));
  assert.match(fixed.files[ANDROID], /PowerSyncDatabase\.opened\(pool = RoomConnectionPool\(room, notesSchema\), schema = notesSchema, identifier = DATABASE_NAME, scope = scope, logger = logger \?: Logger\)/);
});

test('db-path-mismatch alternative: a Room database passed to the opening function is used', async () => {
  const android = `package com.example.notes

import android.content.Context
import androidx.room.Room
import androidx.sqlite.driver.bundled.BundledSQLiteDriver
import com.example.notes.data.NotesDatabase
import com.example.notes.sync.DATABASE_NAME
import com.example.notes.sync.notesSchema
import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase
import com.powersync.integrations.room.loadPowerSyncExtension

fun buildRoom(context: Context): NotesDatabase =
    Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath(DATABASE_NAME).absolutePath)
        .setDriver(BundledSQLiteDriver().also { it.loadPowerSyncExtension() })
        .build()

fun openPowerSync(context: Context, database: NotesDatabase): PowerSyncDatabase =
    PowerSyncDatabase(DatabaseDriverFactory(context), notesSchema, "notes-sync.db")
`;
  const fixed = await applyPoolFix(workspace(android));
  assert.match(fixed.files[ANDROID], /PowerSyncDatabase\.opened\(pool = RoomConnectionPool\(database, notesSchema\), schema = notesSchema, identifier = DATABASE_NAME, scope = GlobalScope, logger = Logger\)/);
  assert.equal(fixed.files[ANDROID].split('loadPowerSyncExtension').length, 3, 'the driver already loads the extension: not loaded twice');
});

test('db-path-mismatch alternative: not offered where it would take a guess', async (t) => {
  const offered = async (files: Record<string, string>) => poolFixOf((await androidFinding(files)).finding) !== undefined;
  await t.test('the near-identical workspace gets it', async () => {
    assert.equal(await offered(workspace(ANDROID_CLASS)), true);
  });
  await t.test('no Room database in scope at the call (the fixture\'s two top-level functions)', async () => {
    assert.equal(await offered({ ...filesUnder(fixturePath('rule-db-path-mismatch')), [VERSIONS]: CATALOG }), false);
  });
  await t.test('integration-room is not a dependency', async () => {
    assert.equal(await offered(workspace(ANDROID_CLASS, CATALOG.replace(/powersync-room = .*\n/, ''))), false);
  });
  await t.test('an SDK before integration-room (1.5.1)', async () => {
    assert.equal(await offered(workspace(ANDROID_CLASS, CATALOG.replace('"1.11.2"', '"1.5.1"'))), false);
  });
  await t.test('the Room property is declared after the PowerSync one (not yet set when it runs)', async () => {
    const swapped = ANDROID_CLASS.replace(/( {4}val room[\s\S]*?\.build\(\)\n)\n( {4}val powerSync[\s\S]*?\n {4}\)\n)/, '$2\n$1');
    assert.notEqual(swapped, ANDROID_CLASS);
    assert.equal(await offered(workspace(swapped)), false);
  });
  await t.test('a schema that is not a name (two Schema objects would differ)', async () => {
    assert.equal(await offered(workspace(ANDROID_CLASS.replace('schema = notesSchema', 'schema = com.powersync.db.schema.Schema(com.example.notes.sync.noteTable)'))), false);
  });
});
