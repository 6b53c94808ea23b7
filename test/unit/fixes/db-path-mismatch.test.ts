import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { fixturePath } from '../../support/paths';
import { filesUnder } from '../../support/fixture-files';
import { applyTextEdits } from '../../../server/src/generate/text-edits';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { Finding } from '../../../server/src/findings/finding';
import type { Platform } from '../../../server/src/model/facts';
import type { WorkspaceModel } from '../../../server/src/model/workspace';

const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidDatabases.kt';
const IOS = 'src/iosMain/kotlin/com/example/notes/IosDatabases.kt';
const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const VERSIONS = 'gradle/libs.versions.toml';
const RULE = 'db-path-mismatch';

/** The rule's fixture as in-memory files: Android names differ, iOS SDK 1.5.1 ignores dbDirectory. */
function fixtureFiles(): Record<string, string> {
  return filesUnder(fixturePath('rule-db-path-mismatch'));
}

/** The fixture with some files replaced or changed; a change that changes nothing throws. */
function variant(changes: Record<string, string | [string, string][] | null>): Record<string, string> {
  const files = fixtureFiles();
  for (const [name, change] of Object.entries(changes)) {
    if (change === null) delete files[name];
    else if (typeof change === 'string') files[name] = change;
    else {
      for (const [from, to] of change) {
        assert.ok(files[name].includes(from), `${name} has ${from}`);
        files[name] = files[name].replace(from, to);
      }
    }
  }
  return files;
}

interface Fixed {
  before: Finding[];
  fixed: Finding;
  after: Finding[];
  files: Record<string, string>;
  model: WorkspaceModel;
}

/** Applies the preferred fix of the db-path-mismatch finding in `file`, then checks again. */
async function fixIn(files: Record<string, string>, file: string): Promise<Fixed> {
  const first = await analyzeFiles(files);
  const before = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
  const fixed = before.find((f) => f.rule === RULE && f.loc.uri === first.uri(file));
  assert.ok(fixed, `a ${RULE} finding in ${file}; got ${before.map((f) => `${f.rule} ${f.loc.uri}`).join(', ')}`);
  const preferred = fixed.fixes.filter((f) => f.preferred);
  assert.equal(preferred.length, 1, 'exactly one preferred fix');
  const next = { ...files };
  for (const name of Object.keys(files)) {
    const edits = preferred[0].edits.filter((e) => e.uri === first.uri(name));
    if (edits.length > 0) next[name] = applyTextEdits(files[name], edits).text;
  }
  assert.equal(preferred[0].edits.filter((e) => !Object.keys(files).some((n) => first.uri(n) === e.uri)).length, 0, 'edits only existing files');
  const second = await analyzeFiles(next);
  const after = runRules(RULES, second.model, second.analyzer.ruleContext()).findings;
  return { before, fixed, after, files: next, model: second.model };
}

/** The finding is gone, nothing new appeared, every changed Kotlin file parses. */
async function assertClean(result: Fixed, original: Record<string, string>, platform: Platform): Promise<void> {
  const key = (f: Finding) => `${f.rule} ${f.message}`;
  assert.ok(!result.after.some((f) => key(f) === key(result.fixed)), 'the finding is gone');
  const beforeRules = new Set(result.before.map((f) => f.rule));
  assert.deepEqual(result.after.filter((f) => !beforeRules.has(f.rule)).map((f) => f.rule), []);
  assert.ok(result.after.filter((f) => f.rule === RULE).length < result.before.filter((f) => f.rule === RULE).length);
  for (const [name, text] of Object.entries(result.files)) {
    if (text === original[name] || !name.endsWith('.kt')) continue;
    assert.deepEqual((await factsOf(text, name)).syntaxErrors, [], `${name} parses`);
  }
  assert.deepEqual(openedFiles(result.model, platform), ['same file'], `Room and PowerSync open one file on ${platform}`);
}

/** On `platform`, the files Room and PowerSync constructors open: `same file` when all open Room's one file. */
function openedFiles(model: WorkspaceModel, platform: Platform): string[] {
  const on = model.databasePaths.filter((p) => p.platform === platform || p.platform === 'common');
  const room = on.filter((p) => p.opener === 'room').map((p) => p.path);
  const powersync = on.filter((p) => p.opener === 'powersync').map((p) => p.path);
  if (room.length === 1 && room[0] !== undefined && powersync.length > 0 && powersync.every((p) => p === room[0])) return ['same file'];
  return [`room ${room.join(', ')}`, `powersync ${powersync.join(', ')}`];
}

test('db-path-mismatch fix (Android): dbFilename takes the constant Room already uses', async () => {
  const files = fixtureFiles();
  const result = await fixIn(files, ANDROID);
  assert.match(result.files[ANDROID], /\n {8}dbFilename = DATABASE_NAME,\n {4}\)/);
  assert.equal(result.files[ANDROID].split('import com.example.notes.sync.DATABASE_NAME').length, 2, 'no second import');
  assert.equal(result.files[IOS], files[IOS], 'iOS untouched');
  assert.match(result.fixed.fixes[0].title, /dbFilename = DATABASE_NAME/);
  await assertClean(result, files, 'android');
  assert.equal(result.model.databasePaths.find((p) => p.opener === 'powersync' && p.platform === 'android')?.path, '<android-databases>/notes.db');
});

test('db-path-mismatch fix (Android): the constant is imported where PowerSync opens the database', async () => {
  const powerSyncFile = 'src/androidMain/kotlin/com/example/notes/AndroidPowerSync.kt';
  const files = variant({
    [ANDROID]: [['fun openPowerSync', 'fun unusedOpenPowerSync'], ['"notes-sync.db"', 'DATABASE_NAME']],
    [powerSyncFile]: `package com.example.notes

import android.content.Context
import com.example.notes.sync.notesSchema
import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase

fun openPowerSync(context: Context): PowerSyncDatabase =
    PowerSyncDatabase(DatabaseDriverFactory(context), notesSchema, "notes-sync.db")
`,
    [IOS]: null,
  });
  const result = await fixIn(files, powerSyncFile);
  assert.match(result.files[powerSyncFile], /import com\.powersync\.PowerSyncDatabase\nimport com\.example\.notes\.sync\.DATABASE_NAME\n\n/);
  assert.match(result.files[powerSyncFile], /PowerSyncDatabase\(DatabaseDriverFactory\(context\), notesSchema, DATABASE_NAME\)/);
  assert.equal(result.files[ANDROID], files[ANDROID]);
  await assertClean(result, files, 'android');
});

test('db-path-mismatch fix (Android): a constant Room writes fully qualified is written the same way', async () => {
  const files = variant({
    [ANDROID]: [['import com.example.notes.sync.DATABASE_NAME\n', ''], ['context.getDatabasePath(DATABASE_NAME)', 'context.getDatabasePath(com.example.notes.sync.DATABASE_NAME)']],
  });
  const result = await fixIn(files, ANDROID);
  assert.match(result.files[ANDROID], /dbFilename = com\.example\.notes\.sync\.DATABASE_NAME,/);
  assert.doesNotMatch(result.files[ANDROID], /import com\.example\.notes\.sync\.DATABASE_NAME/);
  await assertClean(result, files, 'android');
});

test('db-path-mismatch fix (Android): Room\'s literal name becomes a shared const val in the file', async () => {
  const files = variant({
    [ANDROID]: [
      ['import com.example.notes.sync.DATABASE_NAME\n', ''],
      ['Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath(DATABASE_NAME).absolutePath)\n        .setDriver(BundledSQLiteDriver())', 'Room.databaseBuilder(context, NotesDatabase::class.java, "notes.db")'],
    ],
    [IOS]: null,
  });
  const result = await fixIn(files, ANDROID);
  const text = result.files[ANDROID];
  // The DATABASE_NAME of another, unimported package does not get in the way.
  assert.match(text, /import com\.powersync\.PowerSyncDatabase\n\n\/\/ The one SQLite file Room and PowerSync both open\.\nconst val DATABASE_NAME = "notes\.db"\n\nfun buildRoom/);
  assert.match(text, /NotesDatabase::class\.java, DATABASE_NAME\)/);
  assert.match(text, /dbFilename = DATABASE_NAME,/);
  await assertClean(result, files, 'android');
});

test('db-path-mismatch fix (Android): a literal read through a local val is the one replaced', async () => {
  const files = variant({
    [ANDROID]: [
      ['import com.example.notes.sync.DATABASE_NAME\n', ''],
      ['fun buildRoom(context: Context): NotesDatabase =\n    Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath(DATABASE_NAME).absolutePath)\n        .setDriver(BundledSQLiteDriver())\n        .build()',
        'fun buildRoom(context: Context): NotesDatabase {\n    val fileName = "notes.db"\n    return Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath(fileName).absolutePath)\n        .setDriver(BundledSQLiteDriver())\n        .build()\n}'],
    ],
    [IOS]: null,
  });
  const result = await fixIn(files, ANDROID);
  assert.match(result.files[ANDROID], /\n {4}val fileName = DATABASE_NAME\n/);
  assert.match(result.files[ANDROID], /getDatabasePath\(fileName\)/);
  assert.match(result.files[ANDROID], /dbFilename = DATABASE_NAME,/);
  await assertClean(result, files, 'android');
});

test('db-path-mismatch fix (Android): a name already taken in the package is not reused for the new constant', async () => {
  const files = variant({
    [ANDROID]: [
      ['import com.example.notes.sync.DATABASE_NAME\n', ''],
      ['Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath(DATABASE_NAME).absolutePath)\n        .setDriver(BundledSQLiteDriver())', 'Room.databaseBuilder(context, NotesDatabase::class.java, "notes.db")'],
    ],
    'src/androidMain/kotlin/com/example/notes/Names.kt': 'package com.example.notes\n\nconst val DATABASE_NAME = "settings.db"\n',
    [IOS]: null,
  });
  const result = await fixIn(files, ANDROID);
  assert.match(result.files[ANDROID], /\nconst val DATABASE_FILE_NAME = "notes\.db"\n/);
  assert.match(result.files[ANDROID], /dbFilename = DATABASE_FILE_NAME,/);
  await assertClean(result, files, 'android');
});

test('db-path-mismatch fix (Android): Room and PowerSync in two files of one source set share a const in PowerSync\'s file', async () => {
  const powerSyncFile = 'src/androidMain/kotlin/com/example/notes/sync/AndroidPowerSync.kt';
  const files = variant({
    [ANDROID]: `package com.example.notes

import android.content.Context
import androidx.room.Room
import com.example.notes.data.NotesDatabase

fun buildRoom(context: Context): NotesDatabase =
    Room.databaseBuilder(context, NotesDatabase::class.java, "notes.db").build()
`,
    [powerSyncFile]: `package com.example.notes.sync

import android.content.Context
import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase

fun openPowerSync(context: Context): PowerSyncDatabase =
    PowerSyncDatabase(DatabaseDriverFactory(context), notesSchema, "notes-sync.db")
`,
    [SCHEMA]: [['/** The file Room and PowerSync share; each platform decides the folder. */\nconst val DATABASE_NAME = "notes.db"\n\n', '']],
    [IOS]: null,
  });
  const result = await fixIn(files, powerSyncFile);
  assert.match(result.files[powerSyncFile], /\nconst val DATABASE_NAME = "notes\.db"\n/);
  assert.match(result.files[powerSyncFile], /PowerSyncDatabase\(DatabaseDriverFactory\(context\), notesSchema, DATABASE_NAME\)/);
  assert.match(result.files[ANDROID], /import com\.example\.notes\.data\.NotesDatabase\nimport com\.example\.notes\.sync\.DATABASE_NAME\n/);
  assert.match(result.files[ANDROID], /NotesDatabase::class\.java, DATABASE_NAME\)/);
  await assertClean(result, files, 'android');
});

test('db-path-mismatch fix (Android): PowerSync without dbFilename (powersync.db) gets one', async () => {
  const files = variant({ [ANDROID]: [['        dbFilename = "notes-sync.db",\n', '']], [IOS]: null });
  const result = await fixIn(files, ANDROID);
  assert.match(result.files[ANDROID], /schema = notesSchema,\n {8}dbFilename = DATABASE_NAME,\n {4}\)/);
  await assertClean(result, files, 'android');
});

test('db-path-mismatch fix (iOS, SDK 1.5.1): Room moves to Application Support/databases and the ignored dbDirectory goes', async () => {
  const files = variant({ [ANDROID]: [['"notes-sync.db"', 'DATABASE_NAME']] });
  const result = await fixIn(files, IOS);
  const text = result.files[IOS];
  assert.match(text, /Room\.databaseBuilder<NotesDatabase>\(name = powerSyncDatabaseDirectory\(\) \+ "\/" \+ DATABASE_NAME\)/);
  assert.match(text, /dbFilename = DATABASE_NAME,\n {4}\)/);
  assert.doesNotMatch(text, /dbDirectory/);
  assert.match(text, /\n\/\/ PowerSync's default folder on iOS[^\n]*\n@OptIn\(ExperimentalForeignApi::class\)\nprivate fun powerSyncDatabaseDirectory\(\): String \{\n[\s\S]*NSApplicationSupportDirectory[\s\S]*createDirectoryAtPath[\s\S]*\n\}\n$/);
  for (const name of ['NSApplicationSupportDirectory', 'NSSearchPathForDirectoriesInDomains', 'NSFileManager', 'NSUserDomainMask']) {
    assert.equal(text.split(`import platform.Foundation.${name}\n`).length, 2, `${name} imported once`);
  }
  assert.equal(text.split('import kotlinx.cinterop.ExperimentalForeignApi\n').length, 2);
  await assertClean(result, files, 'ios');
  assert.equal(result.model.databasePaths.find((p) => p.opener === 'room' && p.platform === 'ios')?.path, '<ios-appsupport>/databases/notes.db');
  // Neither SDK reading can split them again: no dbDirectory is left to honour or ignore.
  const unknownVersion = await analyzeFiles({ ...result.files, [VERSIONS]: result.files[VERSIONS].replace('powersync = "1.5.1"', 'powersync = "1.6.0"') });
  assert.deepEqual(runRules(RULES, unknownVersion.model, unknownVersion.analyzer.ruleContext()).findings.filter((f) => f.rule === RULE), []);
});

test('db-path-mismatch fix (iOS, SDK version unknown): both readings of dbDirectory are replaced by PowerSync\'s default', async () => {
  const files = variant({
    [ANDROID]: [['"notes-sync.db"', 'DATABASE_NAME']],
    [VERSIONS]: [['powersync-core = { module = "com.powersync:core", version.ref = "powersync" }\n', '']],
    [IOS]: [['dbDirectory = documentDirectory()', 'dbDirectory = "/var/notes"']],
  });
  const result = await fixIn(files, IOS);
  assert.doesNotMatch(result.files[IOS], /dbDirectory/);
  await assertClean(result, files, 'ios');
});

test('db-path-mismatch fix (iOS, no dbDirectory): Room opens the file in PowerSync\'s folder', async () => {
  const files = variant({
    [ANDROID]: [['"notes-sync.db"', 'DATABASE_NAME']],
    [VERSIONS]: [['powersync = "1.5.1"', 'powersync = "1.9.0"']],
    [IOS]: [['        dbDirectory = documentDirectory(),\n', '']],
  });
  const result = await fixIn(files, IOS);
  assert.match(result.files[IOS], /name = powerSyncDatabaseDirectory\(\) \+ "\/" \+ DATABASE_NAME\)/);
  await assertClean(result, files, 'ios');
});

test('db-path-mismatch: no fix where only a guess could make one', async (t) => {
  const fixesOf = async (files: Record<string, string>, file: string) => {
    const { model, analyzer, uri } = await analyzeFiles(files);
    const findings = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === RULE && f.loc.uri === uri(file));
    assert.ok(findings.length > 0, 'the rule reports it');
    return findings.flatMap((f) => f.fixes);
  };
  await t.test('iOS SDK 1.6+ honours dbDirectory: that folder is the app\'s choice', async () => {
    const files = variant({ [VERSIONS]: [['powersync = "1.5.1"', 'powersync = "1.6.0"']], [IOS]: [['dbDirectory = documentDirectory()', 'dbDirectory = "/var/notes"']] });
    assert.deepEqual(await fixesOf(files, IOS), []);
  });
  await t.test('Android folders that differ (filesDir against getDatabasePath)', async () => {
    const files = variant({
      [ANDROID]: [['import android.content.Context\n', 'import android.content.Context\nimport java.io.File\n'], ['context.getDatabasePath(DATABASE_NAME).absolutePath', 'File(context.filesDir, DATABASE_NAME).absolutePath'], ['"notes-sync.db"', 'DATABASE_NAME']],
    });
    assert.deepEqual(await fixesOf(files, ANDROID), []);
  });
  await t.test('Room\'s file name is built from pieces: no one constant or literal to share', async () => {
    const files = variant({ [ANDROID]: [['context.getDatabasePath(DATABASE_NAME)', 'context.getDatabasePath("notes" + ".db")']] });
    assert.deepEqual(await fixesOf(files, ANDROID), []);
  });
  await t.test('a shared opener that already opens Room\'s file on iOS keeps its name', async () => {
    const common = 'src/commonMain/kotlin/com/example/notes/sync/SharedDatabase.kt';
    const files = variant({
      [ANDROID]: [['fun openPowerSync', 'fun unusedOpenPowerSync'], ['context.getDatabasePath(DATABASE_NAME)', 'context.getDatabasePath("app.db")']],
      [IOS]: [['fun openPowerSync', 'fun unusedOpenPowerSync'], ['documentDirectory() + "/" + DATABASE_NAME', 'DatabaseFileContext.databasePath(DATABASE_NAME, null)']],
      [common]: `package com.example.notes.sync

import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase

fun openShared(factory: DatabaseDriverFactory): PowerSyncDatabase =
    PowerSyncDatabase(factory = factory, schema = notesSchema, dbFilename = DATABASE_NAME)
`,
    });
    assert.deepEqual(await fixesOf(files, common), []);
  });
  await t.test('two Room databases on one platform: which one PowerSync should share is not ours to pick', async () => {
    const files = variant({
      [ANDROID]: [['fun openPowerSync', `fun buildArchive(context: Context): NotesDatabase =
    Room.databaseBuilder<NotesDatabase>(context, context.getDatabasePath("archive.db").absolutePath)
        .setDriver(BundledSQLiteDriver())
        .build()

fun openPowerSync`]],
    });
    assert.deepEqual(await fixesOf(files, ANDROID), []);
  });
});
