import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing, type FileEdit } from '../../support/fixture-variant';

const RULE = 'room-integration-version-mismatch';
const FIXTURE = 'rule-room-integration-version-mismatch';
const CATALOG = 'gradle/libs.versions.toml';
const DATABASE = 'shared/src/commonMain/kotlin/com/example/notes/data/NotesDatabase.kt';

const mismatches = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);

/** The fixture with its code and catalog moved to Room 3 (androidx.room3 imports and artifacts). */
const ROOM3: Record<string, FileEdit> = {
  [DATABASE]: (text) => text.replaceAll('import androidx.room.', 'import androidx.room3.'),
  [CATALOG]: (text) =>
    text
      .replace('room = "2.8.4"', 'room = "3.0.3"')
      .replace('"androidx.room:room-runtime"', '"androidx.room3:room3-runtime"')
      .replace('"androidx.room:room-compiler"', '"androidx.room3:room3-compiler"')
      .replace('id = "androidx.room"', 'id = "androidx.room3"'),
};

function variant(powersync: string, edits: Record<string, FileEdit> = {}): string {
  const catalog = edits[CATALOG] as ((text: string) => string) | undefined;
  if (powersync === '1.14.1') return fixtureVariant(FIXTURE, edits);
  return fixtureVariant(FIXTURE, { ...edits, [CATALOG]: (text) => replacing('powersync = "1.14.1"', `powersync = "${powersync}"`)(catalog ? catalog(text) : text) });
}

test('room-integration-version-mismatch: Room 2 next to integration-room 1.14.1 (built on Room 3)', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), [`${CATALOG}:2`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /^The PowerSync Room integration cannot work with this project's Room\. integration-room 1\.14\.1 is built on Room 3 \(androidx\.room3\), and this project uses Room 2 \(androidx\.room\)/);
  assert.match(finding.message, /keep PowerSync and integration-room at 1\.13\.0\.$/);
  // Where the project shows its Room: the @Database annotation, then the catalog's Room libraries.
  assert.deepEqual(
    finding.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`),
    [`${DATABASE}:16 @Database NotesDatabase (androidx.room)`, `${CATALOG}:3 androidx.room:room-runtime:2.8.4`, `${CATALOG}:3 androidx.room:room-compiler:2.8.4`],
  );
});

test('room-integration-version-mismatch: Room 2 next to integration-room 1.13.0 (built on Room 2) is clean', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('room-integration-version-mismatch: Room 3 next to integration-room 1.13.0, and the other way round', () => {
  const room3On13 = mismatches(variant('1.13.0', ROOM3));
  assert.deepEqual(places(room3On13), [`${CATALOG}:2`]);
  assert.match(room3On13[0].message, /integration-room 1\.13\.0 is built on Room 2 \(androidx\.room\), and this project uses Room 3 \(androidx\.room3\).*Use integration-room 1\.14\.1 or later/);
  assert.deepEqual(places(mismatches(variant('1.16.1', ROOM3))), []);
  assert.deepEqual(places(mismatches(variant('1.10.2'))), []);
});

test('room-integration-version-mismatch: silent where a fact is not known', () => {
  // 1.14.0 was never published; snapshots and versions before the integration existed say nothing.
  for (const version of ['1.14.0', '1.14.1-SNAPSHOT', '1.5.1']) assert.deepEqual(places(mismatches(variant(version))), [], version);
  // The code on Room 3 while the catalog still names Room 2: a project between the two.
  assert.deepEqual(places(mismatches(variant('1.14.1', { [DATABASE]: ROOM3[DATABASE] }))), []);
  // Nothing says which Room: no Room library or plugin in the build, and a @Database whose import does not tell.
  const unknownRoom = variant('1.14.1', {
    [DATABASE]: (text) => text.replace('import androidx.room.Database\n', ''),
    [CATALOG]: (text) => text.replace(/^room(-runtime|-compiler)? = .*\n/gm, ''),
  });
  assert.deepEqual(places(mismatches(unknownRoom)), []);
  // The Room Gradle plugin alone (the [plugins] entry, two lines up once the libraries are gone) says Room 2.
  const pluginOnly = variant('1.14.1', {
    [DATABASE]: (text) => text.replace('import androidx.room.Database\n', ''),
    [CATALOG]: (text) => text.replace(/^room-(runtime|compiler) = .*\n/gm, ''),
  });
  const byPlugin = mismatches(pluginOnly);
  assert.deepEqual(places(byPlugin), [`${CATALOG}:2`]);
  assert.deepEqual(byPlugin[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${CATALOG}:12 Gradle plugin androidx.room`]);
  // A version the build does not give (a property): silent.
  assert.deepEqual(places(mismatches(fixtureVariant(FIXTURE, { [CATALOG]: replacing('powersync-room = { module = "com.powersync:integration-room", version.ref = "powersync" }', 'powersync-room = { module = "com.powersync:integration-room" }') }))), []);
});

test('room-integration-version-mismatch: Room 3 shown by a star import of androidx.room3 only', () => {
  const starImport = variant('1.13.0', {
    [DATABASE]: (text) => text.replace(/^import androidx\.room\..*\n/gm, '').replace('package com.example.notes.data\n', 'package com.example.notes.data\n\nimport androidx.room3.*\n'),
    [CATALOG]: (text) => text.replace(/^room(-runtime|-compiler)? = .*\n/gm, ''),
  });
  const findings = mismatches(starImport);
  assert.deepEqual(places(findings), [`${CATALOG}:2`]);
  assert.deepEqual(findings[0].related.map((r) => r.message), ['@Database NotesDatabase (androidx.room3)']);
});

test('room-integration-version-mismatch: a # rawsync-disable-next-line comment in the version catalog silences it', () => {
  const silenced = fixtureVariant(FIXTURE, {
    [CATALOG]: replacing('powersync = "1.14.1"', '# rawsync-disable-next-line room-integration-version-mismatch -- moving to Room 3 next\npowersync = "1.14.1"'),
  });
  assert.deepEqual(places(mismatches(silenced)), []);
  const otherRule = fixtureVariant(FIXTURE, { [CATALOG]: replacing('powersync = "1.14.1"', '# rawsync-disable-next-line put-not-upsert\npowersync = "1.14.1"') });
  assert.deepEqual(places(mismatches(otherRule)), [`${CATALOG}:3`]);
});
