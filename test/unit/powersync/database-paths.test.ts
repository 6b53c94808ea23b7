import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture } from '../../support/workspace';
import type { DatabasePath } from '../../../server/src/model/workspace';

function summary(paths: DatabasePath[]) {
  return paths.map((p) => `${p.opener}/${p.platform}: ${p.path ?? '?'}`);
}

test('Android, iOS and JVM openers in the fixture, as comparable paths', async () => {
  const { model } = await analyzeFixture('powersync-app');
  assert.deepEqual(summary(model.databasePaths), [
    // getDatabasePath(...).absolutePath handed to a driver-backed Room: the same file PowerSync opens.
    'room/android: <android-databases>/app.db',
    // No driver: Room places a plain name with getDatabasePath.
    'room/android: <android-databases>/plain.db',
    // With a SQLiteDriver too, Room resolves a plain name through getDatabasePath (docs/facts.md).
    'room/android: <android-databases>/driven.db',
    'powersync/android: <android-databases>/app.db',
    // The Room KMP documentation's iOS path, through a local val and a helper function.
    'room/ios: <ios-documents>/my_room.db',
    // The seed's path: a helper with a parameter, `paths[0] as String` and a string template.
    'room/ios: <ios-appsupport>/databases/name.db',
    'powersync/ios: <ios-appsupport>/databases/my_room.db',
    'powersync/ios: <ios-documents>/my_room.db',
    'room/jvm: <cwd>/desktop.db',
    'powersync-opened/jvm: ?',
  ]);
  const ios = model.databasePaths.filter((p) => p.opener === 'powersync' && p.platform === 'ios');
  assert.deepEqual(ios.map((p) => [p.fileName, p.dbDirectoryGiven]), [['my_room.db', false], ['my_room.db', true]]);
  assert.match(ios[1].description, /dbDirectory/);
  const opened = model.databasePaths.find((p) => p.opener === 'powersync-opened');
  assert.equal(opened?.identifier, 'desktop.db');
});

test('a shared PowerSyncDatabase gets one path per platform of the workspace', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/d/Db.kt': `package d
const val DB_NAME = "shared.db"
fun open(factory: DatabaseDriverFactory) = PowerSyncDatabase(factory, schema, DB_NAME)
fun openDefault(factory: DatabaseDriverFactory) = PowerSyncDatabase(factory, schema)
`,
    'src/androidMain/kotlin/d/A.kt': 'package d\n',
    'src/iosMain/kotlin/d/I.kt': 'package d\n',
  });
  assert.deepEqual(summary(model.databasePaths), [
    'powersync/android: <android-databases>/shared.db',
    'powersync/ios: <ios-appsupport>/databases/shared.db',
    'powersync/android: <android-databases>/powersync.db',
    'powersync/ios: <ios-appsupport>/databases/powersync.db',
  ]);
});

test('directories joined as the SDK does, and unknown parts left unknown', async () => {
  const { model } = await analyzeFiles({
    'src/androidMain/kotlin/d/Db.kt': `package d
fun a(context: Context) = PowerSyncDatabase(factory, schema, "a.db", dbDirectory = context.getDatabasePath("a.db").parent)
fun b(context: Context) = PowerSyncDatabase(factory, schema, "b.db", dbDirectory = context.filesDir.path + "/")
fun c(context: Context, dir: String) = PowerSyncDatabase(factory, schema, "c.db", dbDirectory = dir)
fun d(context: Context, path: DatabasePath) = Room.databaseBuilder(context, path.absolutePath)
`,
    'src/jvmMain/kotlin/d/J.kt': `package d
fun j() = PowerSyncDatabase(factory, schema, "j.db", dbDirectory = System.getProperty("user.home") + "/.app")
fun k() = Room.databaseBuilder<AppDatabase>(File(System.getProperty("java.io.tmpdir"), "k.db").absolutePath)
`,
  });
  // Per file, Room builders come before PowerSync databases.
  assert.deepEqual(summary(model.databasePaths), [
    'room/android: ?',
    'powersync/android: <android-databases>/a.db',
    'powersync/android: <android-files>/b.db',
    'powersync/android: ?',
    // `databaseBuilder<T>(x)` with one argument, which the grammar reads as two comparisons.
    'room/jvm: <tmp>/k.db',
    'powersync/jvm: <user-home>/.app/j.db',
  ]);
  assert.equal(model.databasePaths[3].dbDirectoryGiven, true);
  assert.equal(model.databasePaths[3].fileName, 'c.db');
});
