import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places, type JsonFinding } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { repoRoot } from '../../support/paths';
import path from 'node:path';

const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidDatabases.kt';
const IOS = 'src/iosMain/kotlin/com/example/notes/IosDatabases.kt';
const COMMON = 'src/commonMain/kotlin/com/example/notes/sync/SharedDatabase.kt';
const VERSIONS = 'gradle/libs.versions.toml';

const SHARED_OPENER = '    PowerSyncDatabase(factory = factory, schema = notesSchema, dbFilename = DATABASE_NAME, dbDirectory = "/data/notes")';

const pathMismatch = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'db-path-mismatch');
const related = (f: JsonFinding) => f.related.map((r) => `${r.file}:${r.range.start.line + 1}`);

test('db-path-mismatch: Android file names and iOS folders that differ', () => {
  const findings = fixtureFindings('rule-db-path-mismatch', 'db-path-mismatch');
  assert.deepEqual(places(findings), [`${ANDROID}:21`, `${IOS}:25`]);
  const [android, ios] = findings;
  assert.equal(android.severity, 'error');
  // On the dbFilename string itself.
  assert.deepEqual(android.range, { start: { line: 20, character: 21 }, end: { line: 20, character: 36 } });
  assert.match(android.message, /^On Android, Room and PowerSync open two different SQLite files\. PowerSync opens <android-databases>\/notes-sync\.db, but Room opens <android-databases>\/notes\.db\./);
  assert.deepEqual(related(android), [`${ANDROID}:13`, `${ANDROID}:18`]);
  // SDK 1.5.1 on iOS: the dbDirectory argument is the one that is ignored.
  assert.match(ios.message, /^On iOS, Room and PowerSync open two different SQLite files\. PowerSync 1\.5\.1 ignores dbDirectory \(the Kotlin SDK honours it on iOS only from 1\.6\.0\) and opens <ios-appsupport>\/databases\/notes\.db, but Room opens <ios-documents>\/notes\.db/);
  assert.equal(ios.range.start.character, 22);
  assert.deepEqual(related(ios), [`${IOS}:16`, `${IOS}:21`, `${VERSIONS}:2`]);
});

test('db-path-mismatch: one file name on Android and SDK 1.6 on iOS (dbDirectory honoured) are clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-db-path-mismatch-ok', 'db-path-mismatch')), []);
});

test('db-path-mismatch: with the SDK version unknown, iOS stays silent when either reading of dbDirectory matches', () => {
  const dir = fixtureVariant('rule-db-path-mismatch', { [VERSIONS]: replacing('powersync-core = { module = "com.powersync:core", version.ref = "powersync" }\n', '') });
  assert.deepEqual(places(pathMismatch(dir)), [`${ANDROID}:21`]);
});

test('db-path-mismatch: on iOS before 1.6 the file is Application Support/databases whatever dbDirectory says', () => {
  // Room in Application Support/databases matches what SDK 1.5.1 really opens.
  const dir = fixtureVariant('rule-db-path-mismatch', {
    [IOS]: replacing('documentDirectory() + "/" + DATABASE_NAME', 'DatabaseFileContext.databasePath(DATABASE_NAME, null)'),
  });
  assert.deepEqual(places(pathMismatch(dir)), [`${ANDROID}:21`]);
});

test('db-path-mismatch: a shared opener with dbDirectory is compared on each platform', () => {
  const dir = fixtureVariant('rule-db-path-mismatch-ok', {
    [ANDROID]: replacing('fun openPowerSync', 'fun unusedOpenPowerSync'),
    [IOS]: replacing('fun openPowerSync', 'fun unusedOpenPowerSync'),
    [COMMON]: `package com.example.notes.sync

import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase

fun openShared(factory: DatabaseDriverFactory): PowerSyncDatabase =
${SHARED_OPENER}
`,
  });
  const findings = pathMismatch(dir);
  // The Android and iOS openers of the ok fixture still match Room; the shared one matches neither.
  assert.deepEqual(places(findings), [`${COMMON}:7`, `${COMMON}:7`]);
  assert.match(findings[0].message, /^On Android, Room and PowerSync open two different SQLite files\. PowerSync opens \/data\/notes\/notes\.db, but Room opens <android-databases>\/notes\.db/);
  assert.match(findings[1].message, /^On iOS, Room and PowerSync open two different SQLite files\. PowerSync opens \/data\/notes\/notes\.db, but Room opens <ios-documents>\/notes\.db/);
  // Same file name, another folder: the dbDirectory argument is the one to change.
  assert.equal(findings[0].range.start.character, SHARED_OPENER.indexOf('"/data/notes"'));
});

test('db-path-mismatch: on the JVM a relative Room name lives in the working directory', () => {
  const dir = fixtureVariant('rule-db-path-mismatch-ok', {
    'src/jvmMain/kotlin/com/example/notes/DesktopDatabases.kt': `package com.example.notes

import androidx.room.Room
import androidx.sqlite.driver.bundled.BundledSQLiteDriver
import com.example.notes.data.NotesDatabase
import com.example.notes.sync.DATABASE_NAME
import com.example.notes.sync.notesSchema
import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase

fun buildRoom(): NotesDatabase =
    Room.databaseBuilder<NotesDatabase>(name = DATABASE_NAME).setDriver(BundledSQLiteDriver()).build()

fun openPowerSync(): PowerSyncDatabase =
    PowerSyncDatabase(DatabaseDriverFactory(), notesSchema, DATABASE_NAME, dbDirectory = System.getProperty("user.home"))
`,
  });
  const findings = pathMismatch(dir);
  assert.deepEqual(places(findings), ['src/jvmMain/kotlin/com/example/notes/DesktopDatabases.kt:15']);
  assert.match(findings[0].message, /^On the JVM, Room and PowerSync open two different SQLite files\. PowerSync opens <user-home>\/notes\.db, but Room opens <cwd>\/notes\.db/);
});

test('db-path-mismatch: on Android a relative Room name with a driver is placed by getDatabasePath, the file PowerSync opens', () => {
  // Room 2.7+, 2.8 and 3.x resolve the name before the driver opens it (docs/facts.md, question 1).
  const relative = (powerSyncName: string) => fixtureVariant('rule-db-path-mismatch-ok', {
    [ANDROID]: (text) => replacing('context.getDatabasePath(DATABASE_NAME).absolutePath', 'DATABASE_NAME')(text).replace('dbFilename = DATABASE_NAME', `dbFilename = ${powerSyncName}`),
  });
  assert.deepEqual(places(pathMismatch(relative('DATABASE_NAME'))), []);
  const findings = pathMismatch(relative('"notes-sync.db"'));
  assert.deepEqual(places(findings), [`${ANDROID}:21`]);
  assert.match(findings[0].message, /^On Android, Room and PowerSync open two different SQLite files\. PowerSync opens <android-databases>\/notes-sync\.db, but Room opens <android-databases>\/notes\.db/);
});

test('db-path-mismatch: a Room path that cannot be read keeps the rule silent on that platform', () => {
  const dir = fixtureVariant('rule-db-path-mismatch', {
    [ANDROID]: replacing('context.getDatabasePath(DATABASE_NAME).absolutePath', 'pathFromSettings(context)'),
  });
  assert.deepEqual(places(pathMismatch(dir)), [`${IOS}:25`]);
});

test('db-path-mismatch: nothing when no raw table writes to a Room table', () => {
  const dir = fixtureVariant('rule-db-path-mismatch', {
    'src/commonMain/kotlin/com/example/notes/data/Entities.kt': replacing('@Entity(tableName = "note")', '@Entity(tableName = "local_note")'),
  });
  assert.deepEqual(places(pathMismatch(dir)), []);
});

const POOL_SOURCE = `package com.example.notes

import com.example.notes.data.NotesDatabase
import com.example.notes.sync.notesSchema
import com.powersync.PowerSyncDatabase
import com.powersync.integrations.room.RoomConnectionPool
import kotlinx.coroutines.CoroutineScope

fun openPooled(room: NotesDatabase, scope: CoroutineScope): PowerSyncDatabase {
    val pool = RoomConnectionPool(room, notesSchema)
    return PowerSyncDatabase.opened(pool, scope, notesSchema, "notes.db", logger)
}
`;

test('db-path-mismatch: a second PowerSyncDatabase on the file a RoomConnectionPool serves', () => {
  // A pool in commonMain runs on every platform: each platform's own PowerSyncDatabase on Room's file is a second writer.
  const findings = pathMismatch(fixtureVariant('rule-db-path-mismatch-ok', { 'src/commonMain/kotlin/com/example/notes/Pool.kt': POOL_SOURCE }));
  assert.deepEqual(places(findings), [`${ANDROID}:21`, `${IOS}:24`]);
  assert.match(findings[0].message, /^On Android, this PowerSyncDatabase opens <android-databases>\/notes\.db, the file Room already serves to PowerSync through a RoomConnectionPool: two writers on one file/);
  assert.deepEqual(related(findings[0]), [`${ANDROID}:13`]);
});

test('db-path-mismatch: a pool in androidMain serves Android only; iOS\'s own PowerSyncDatabase on Room\'s file is the plain bridge there', () => {
  const findings = pathMismatch(fixtureVariant('rule-db-path-mismatch-ok', { 'src/androidMain/kotlin/com/example/notes/Pool.kt': POOL_SOURCE }));
  assert.deepEqual(places(findings), [`${ANDROID}:21`]);
});

test('db-path-mismatch: the example apps, as examples/README.md lists them', () => {
  const broken = checkJson(path.join(repoRoot(), 'examples', 'todo-app')).findings.filter((f) => f.rule === 'db-path-mismatch');
  assert.deepEqual(places(broken), [
    'shared/src/androidMain/kotlin/com/example/todo/AndroidDatabases.kt:31',
    'shared/src/iosMain/kotlin/com/example/todo/IosDatabases.kt:36',
  ]);
  assert.deepEqual(related(broken[0]), [
    'shared/src/androidMain/kotlin/com/example/todo/AndroidDatabases.kt:18',
    'shared/src/androidMain/kotlin/com/example/todo/AndroidDatabases.kt:28',
  ]);
  assert.deepEqual(related(broken[1]), [
    'shared/src/iosMain/kotlin/com/example/todo/IosDatabases.kt:22',
    'shared/src/iosMain/kotlin/com/example/todo/IosDatabases.kt:32',
    'gradle/libs.versions.toml:7',
  ]);
  const fixed = checkJson(path.join(repoRoot(), 'examples', 'todo-app-fixed')).findings.filter((f) => f.rule === 'db-path-mismatch');
  assert.deepEqual(places(fixed), []);
});
