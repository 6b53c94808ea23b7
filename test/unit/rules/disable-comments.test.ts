import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places, type JsonFinding } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const SQL = 'src/commonMain/resources/local-tables.sql';

const ofRule = (findings: JsonFinding[], rule: string) => findings.filter((f) => f.rule === rule);

test('// rawsync-disable-next-line <id> above the flagged line removes that rule\'s finding there, and only there', () => {
  const findings = fixtureFindings('config-disable-comments', 'put-not-upsert');
  // note (13) and tag (33) are silenced; folder names another rule (23); reminder's comment is
  // two lines above its SQL string (43).
  assert.deepEqual(places(findings), [`${SCHEMA}:23`, `${SCHEMA}:43`]);
});

test('without the comments the same puts are reported', () => {
  const dir = fixtureVariant('config-disable-comments', {
    [SCHEMA]: (text) => replacing(
      '// rawsync-disable-next-line replace-resets-local-columns, put-not-upsert -- the server never edits a tag',
      '// The server never edits a tag.',
    )(replacing('// rawsync-disable-next-line put-not-upsert\n        "INSERT INTO note', '// The server sends each note once.\n        "INSERT INTO note')(text)),
  });
  assert.deepEqual(places(ofRule(checkJson(dir).findings, 'put-not-upsert')), [`${SCHEMA}:13`, `${SCHEMA}:23`, `${SCHEMA}:33`, `${SCHEMA}:43`]);
});

test('a disable comment without rule ids silences every rule on the next line', () => {
  const dir = fixtureVariant('config-disable-comments', {
    [SCHEMA]: replacing('// rawsync-disable-next-line fk-not-deferrable\n', '// rawsync-disable-next-line\n'),
  });
  assert.deepEqual(places(ofRule(checkJson(dir).findings, 'put-not-upsert')), [`${SCHEMA}:43`]);
});

test('-- rawsync-disable-next-line <id> in a .sql file silences a finding located in that file', () => {
  const findings = fixtureFindings('config-disable-comments', 'fk-not-deferrable');
  // The attachment key is reported on its REFERENCES clause in the .sql file; the comment key is silenced.
  assert.deepEqual(places(findings), [`${SQL}:12`]);
  assert.deepEqual(findings[0].range, { start: { line: 11, character: 26 }, end: { line: 11, character: 36 } });
  const dir = fixtureVariant('config-disable-comments', {
    [SQL]: replacing('-- rawsync-disable-next-line fk-not-deferrable -- foreign keys are off on the connection that syncs', '-- every comment belongs to a note'),
  });
  assert.deepEqual(places(ofRule(checkJson(dir).findings, 'fk-not-deferrable')), [`${SQL}:6`, `${SQL}:12`]);
});

test('a .sql disable comment naming another rule does not silence', () => {
  const dir = fixtureVariant('config-disable-comments', {
    [SQL]: replacing('-- rawsync-disable-next-line fk-not-deferrable --', '-- rawsync-disable-next-line put-not-upsert --'),
  });
  assert.deepEqual(places(ofRule(checkJson(dir).findings, 'fk-not-deferrable')), [`${SQL}:6`, `${SQL}:12`]);
});
