import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing, type FileEdit } from '../../support/fixture-variant';

const CONNECTION = 'shared/src/commonMain/kotlin/com/example/notes/sync/Connection.kt';
const CATALOG = 'gradle/libs.versions.toml';

const rustClient = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'rust-client-required');

/** The trigger fixture with another PowerSync version and another connect(…) line. */
function variant(version: string, connect: string): string {
  const edits: Record<string, FileEdit> = {};
  if (version !== '1.5.1') edits[CATALOG] = replacing('powersync = "1.5.1"', `powersync = "${version}"`);
  if (connect !== 'database.connect(connector)') edits[CONNECTION] = replacing('database.connect(connector)', connect);
  return fixtureVariant('rule-rust-client-required', edits);
}

test('rust-client-required: PowerSync 1.5.1 (from the version catalog) without newClientImplementation = true', () => {
  const findings = fixtureFindings('rule-rust-client-required', 'rust-client-required');
  assert.deepEqual(places(findings), [`${CONNECTION}:12`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'error');
  // Without options, the connect(…) call itself.
  assert.deepEqual(finding.range, { start: { line: 11, character: 8 }, end: { line: 11, character: 35 } });
  assert.match(finding.message, /^connect\(\) fails: raw tables need the Rust sync client\. PowerSync 1\.5\.1 syncs with its older client unless SyncOptions\(newClientImplementation = true\) is passed/);
  assert.deepEqual(finding.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${CATALOG}:3 PowerSync version 1.5.1`]);
});

test('rust-client-required: PowerSync 1.5.1 with newClientImplementation = true is clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-rust-client-required-ok', 'rust-client-required')), []);
});

const WITH_FALSE = 'database.connect(connector, options = SyncOptions(newClientImplementation = false))';
const WITH_TRUE = 'database.connect(connector, options = SyncOptions(newClientImplementation = true))';

for (const [version, connect, expected] of [
  ['1.5.1', WITH_FALSE, 'false keeps the older client'],
  ['1.8.0', 'database.connect(connector)', 'older client'],
  ['1.3.0', 'database.connect(connector, options = SyncOptions())', 'older client'],
  ['1.12.0', WITH_FALSE, 'removed'],
  ['1.13.1', WITH_FALSE, 'removed'],
  ['1.9.0', 'database.connect(connector)', undefined],
  // The Rust client is the default from 1.9, but passing false still picks the older one until 1.12.
  ['1.11.2', WITH_FALSE, 'false keeps the older client'],
  ['1.11.2', 'database.connect(connector)', undefined],
  ['1.12.0', 'database.connect(connector)', undefined],
  ['1.12.0', WITH_TRUE, undefined],
  // Options the model cannot read: say nothing rather than guess.
  ['1.5.1', 'database.connect(connector, options = optionsFromSettings())', undefined],
] as const) {
  test(`rust-client-required: ${version} with ${connect.replace('database.', '')} ${expected ? 'is reported' : 'is clean'}`, () => {
    const findings = rustClient(variant(version, connect));
    if (!expected) {
      assert.deepEqual(places(findings), []);
      return;
    }
    assert.deepEqual(places(findings), [`${CONNECTION}:12`]);
    assert.equal(findings[0].severity, 'error');
    const v = version.replace(/\./g, '\\.');
    const message = {
      'removed': `^Creating these SyncOptions throws\\. PowerSync ${v} removed the older sync client: SyncOptions\\(newClientImplementation = false\\) throws`,
      'older client': `^connect\\(\\) fails: raw tables need the Rust sync client\\. PowerSync ${v} syncs with its older client unless SyncOptions\\(newClientImplementation = true\\) is passed, and that client does not support raw tables`,
      'false keeps the older client': `^connect\\(\\) fails: raw tables need the Rust sync client\\. SyncOptions\\(newClientImplementation = false\\) makes PowerSync ${v} sync with its older client, and that client does not support raw tables`,
    }[expected];
    assert.match(findings[0].message, new RegExp(message));
    if (connect.includes('SyncOptions(')) {
      // With options, the SyncOptions(…) argument.
      assert.equal(findings[0].range.start.character, connect.indexOf('SyncOptions(') + 8);
    }
  });
}
