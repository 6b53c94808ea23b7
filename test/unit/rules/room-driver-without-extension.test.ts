import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, type JsonFinding } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { repoRoot } from '../../support/paths';

const RULE = 'room-driver-without-extension';
const FIXTURE = 'rule-room-driver-without-extension';
const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidNotes.kt';
const TRIGGERS = 'src/commonMain/kotlin/com/example/notes/sync/CrudTriggers.kt';
const VERSIONS = 'gradle/libs.versions.toml';

const ofRule = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const related = (f: JsonFinding) => f.related.map((r) => `${r.file}:${r.range.start.line + 1}`);

test('room-driver-without-extension: CRUD triggers fire on Room\'s writes through a driver without the extension', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), [`${ANDROID}:14`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'error');
  assert.equal(finding.range.start.character, '        .setDriver('.length);
  assert.match(finding.message, /^Room's writes to synced tables fail: this driver never loads the PowerSync extension\. Room opens its connections with this BundledSQLiteDriver without the PowerSync extension, but PowerSync's CRUD triggers fire on Room's own writes/);
  assert.match(finding.message, /Use BundledSQLiteDriver\(\)\.also \{ it\.loadPowerSyncExtension\(\) \}\.$/);
  assert.deepEqual(related(finding), [`${TRIGGERS}:13`]);
  assert.equal(finding.fixes.length, 1);
});

test('room-driver-without-extension: the same app with the extension loaded is clean', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('room-driver-without-extension: without triggers (and no pool) Room\'s connections run no PowerSync SQL', () => {
  const dir = fixtureVariant(FIXTURE, { [TRIGGERS]: null, [ANDROID]: replacing('        .addCallback(CrudTriggers)\n', '') });
  assert.deepEqual(places(ofRule(dir)), []);
});

test('room-driver-without-extension: before integration-room there is no loadPowerSyncExtension() to offer', () => {
  const dir = fixtureVariant(FIXTURE, {
    [VERSIONS]: (text) => replacing('"1.11.2"', '"1.5.1"')(replacing('powersync-room = { module = "com.powersync:integration-room", version.ref = "powersync" }\n', '')(text)),
  });
  const findings = ofRule(dir);
  assert.deepEqual(places(findings), [`${ANDROID}:14`]);
  assert.match(findings[0].message, /loadPowerSyncExtension\(\) comes with com\.powersync:integration-room \(PowerSync 1\.6\.0 and later\), which this project does not declare/);
  assert.deepEqual(findings[0].fixes, []);
});

test('room-driver-without-extension: with a RoomConnectionPool, PowerSync itself runs on Room\'s connections, triggers or not', () => {
  const pooled = 'src/androidMain/kotlin/com/example/notes/AndroidNotes.kt';
  const withoutExtension = replacing('BundledSQLiteDriver().also { it.loadPowerSyncExtension() }', 'BundledSQLiteDriver()');
  const dir = fixtureVariant('rule-room-pool-mismatch-ok', {
    [pooled]: (text) => withoutExtension(text).replace('        .addCallback(CrudTriggers)\n', ''),
    'src/commonMain/kotlin/com/example/notes/sync/CrudTriggers.kt': null,
  });
  const findings = ofRule(dir);
  assert.deepEqual(places(findings), [`${pooled}:12`]);
  assert.match(findings[0].message, /PowerSync runs on Room's connections through the RoomConnectionPool/);
  assert.deepEqual(related(findings[0]), ['src/commonMain/kotlin/com/example/notes/sync/NotesSync.kt:11']);
  assert.deepEqual(places(fixtureFindings('rule-room-pool-mismatch-ok', RULE)), [], 'the pool fixture loads the extension');
});

test('room-driver-without-extension: the example apps (no triggers in todo-app, the extension loaded in todo-app-fixed)', () => {
  for (const app of ['todo-app', 'todo-app-fixed']) {
    assert.deepEqual(places(ofRule(path.join(repoRoot(), 'examples', app))), [], app);
  }
});
