import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const SESSION = 'src/commonMain/kotlin/com/example/notes/sync/Session.kt';

const missingClear = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'missing-clear');

test('missing-clear: a raw table without clear in a workspace that calls disconnectAndClear', () => {
  const findings = fixtureFindings('rule-missing-clear', 'missing-clear');
  // 'note' has its clear; only 'folder' is reported, on its name.
  assert.deepEqual(places(findings), [`${SCHEMA}:19`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'info');
  assert.deepEqual(finding.range, { start: { line: 18, character: 11 }, end: { line: 18, character: 19 } });
  assert.match(finding.message, /^Raw table 'folder' has no clear statement: .*Add clear = "DELETE FROM folder"\.$/);
  assert.deepEqual(finding.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${SESSION}:14 disconnectAndClear() is called here`]);
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
