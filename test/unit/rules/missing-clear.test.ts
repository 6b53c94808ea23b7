import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePath } from '../../support/paths';

const readFixtureFile = (fixture: string, file: string) => readFileSync(path.join(fixturePath(fixture), file), 'utf8');

const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const SESSION = 'src/commonMain/kotlin/com/example/notes/sync/Session.kt';

const missingClear = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'missing-clear');

test('missing-clear: a raw table without clear, cleared through a parameter in the module whose only schema lists it', () => {
  const findings = fixtureFindings('rule-missing-clear', 'missing-clear');
  // 'note' has its clear; only 'folder' is reported, on its name.
  assert.deepEqual(places(findings), [`${SCHEMA}:19`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'info');
  assert.deepEqual(finding.range, { start: { line: 18, character: 11 }, end: { line: 18, character: 19 } });
  assert.match(finding.message, /^Signing out leaves every row of 'folder' on the device\. Raw table 'folder' has no clear statement: .*Add clear = "DELETE FROM folder"\.$/);
  assert.deepEqual(finding.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${SESSION}:14 disconnectAndClear() is called here, in the module whose only schema lists this raw table`]);
});

test('missing-clear: nothing when the app never calls disconnectAndClear', () => {
  assert.deepEqual(places(fixtureFindings('rule-missing-clear-ok', 'missing-clear')), []);
});

test('missing-clear: nothing when every raw table has its clear', () => {
  const dir = fixtureVariant('rule-missing-clear', {
    [SCHEMA]: replacing(
      '    delete = PendingStatement("DELETE FROM folder WHERE id = ?", listOf(PendingStatementParameter.Id)),\n',
      '    delete = PendingStatement("DELETE FROM folder WHERE id = ?", listOf(PendingStatementParameter.Id)),\n    clear = "DELETE FROM folder",\n',
    ),
  });
  assert.deepEqual(places(missingClear(dir)), []);
});

test('missing-clear: before PowerSync 1.8 the advice is an upgrade or a manual delete, since RawTable has no clear', () => {
  const dir = fixtureVariant('rule-missing-clear', {
    'gradle/libs.versions.toml': replacing('powersync = "1.11.2"', 'powersync = "1.7.1"'),
  });
  const findings = missingClear(dir);
  assert.deepEqual(places(findings), [`${SCHEMA}:19`]);
  assert.match(findings[0].message, /PowerSync 1\.7\.1 has no clear parameter yet \(it arrived in 1\.8\.0\): upgrade and add clear = "DELETE FROM folder", or delete the rows of 'folder' yourself after disconnectAndClear\(\)\.$/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1}`), [`${SESSION}:14`, 'gradle/libs.versions.toml:2']);
});

const JOURNAL = 'src/commonMain/kotlin/com/example/journal/sync';
const JOURNAL_TEST = 'src/commonTest/kotlin/com/example/journal/sync/DatabasesTest.kt';

test('missing-clear: nothing for a raw table whose database is never cleared, while another database is', () => {
  // `drafts` (a property) and a test's local `db` are cleared; both are opened with the draft table, which has its clear.
  assert.deepEqual(places(fixtureFindings('rule-missing-clear-other-database', 'missing-clear')), []);
});

test('missing-clear: the database a property holds, cleared, reports the raw tables of its schema', () => {
  const dir = fixtureVariant('rule-missing-clear-other-database', {
    [`${JOURNAL}/JournalDatabases.kt`]: replacing('drafts.disconnectAndClear()', 'entries.disconnectAndClear()'),
  });
  const findings = missingClear(dir);
  assert.deepEqual(places(findings), [`${JOURNAL}/Tables.kt:10`]);
  assert.match(findings[0].message, /^Signing out leaves every row of 'entry' on the device\. Raw table 'entry' has no clear statement/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [
    `${JOURNAL}/JournalDatabases.kt:12 disconnectAndClear() is called here, on a database opened with this raw table`,
  ]);
});

test('missing-clear: a local database of one test function, cleared, is the one that function opened', () => {
  const dir = fixtureVariant('rule-missing-clear-other-database', {
    [JOURNAL_TEST]: replacing('db.close()', 'db.disconnectAndClear()'),
  });
  const findings = missingClear(dir);
  assert.deepEqual(places(findings), [`${JOURNAL}/Tables.kt:10`]);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1}`), [`${JOURNAL_TEST}:18`]);
});

test('missing-clear: a call on a database of unknown origin says nothing when its module has several schemas', () => {
  const dir = fixtureVariant('rule-missing-clear', {
    [SCHEMA]: (text) => `${text}val archiveSchema = Schema(noteTable)\n`,
  });
  assert.deepEqual(places(missingClear(dir)), []);
});

test('missing-clear: a call in another Gradle module says nothing about this module\'s raw tables', () => {
  const modules = { 'build.gradle.kts': 'plugins { kotlin("multiplatform") }\n', 'session/build.gradle.kts': 'plugins { kotlin("multiplatform") }\n' };
  // The same build files, with Session.kt in the schema's module: reported.
  const sameModule = fixtureVariant('rule-missing-clear', modules);
  assert.deepEqual(places(missingClear(sameModule)), [`${SCHEMA}:19`]);
  const otherModule = fixtureVariant('rule-missing-clear', {
    ...modules,
    [SESSION]: null,
    [`session/${SESSION}`]: readFixtureFile('rule-missing-clear', SESSION),
  });
  assert.deepEqual(places(missingClear(otherModule)), []);
});
