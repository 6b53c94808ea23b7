import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'js-rust-client-required';
const FIXTURE = 'rule-js-rust-client-required';
const DB = 'src/database.ts';
const of = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const related = (f: { related: { file: string; range: { start: { line: number } }; message: string }[] }) => f.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);

test('js-rust-client-required: web 1.31.0 connects with the JavaScript client by default, which ignores raw tables', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), ['src/schema.ts:5']);
  assert.equal(findings[0].severity, 'error');
  assert.equal(
    findings[0].message,
    'These raw tables are ignored: the installed SDK syncs with the JavaScript client by default. ' +
      'Before @powersync/common 1.46.0 (web 1.32.0, node 0.16.0, react-native 1.29.0) connect(…) uses the JavaScript sync client unless clientImplementation says otherwise, and no code here sets it. ' +
      "That client applies none of their puts and deletes (the SDK warns: 'Raw tables require the Rust-based sync client. The JS client will ignore them.'). " +
      'Installed: @powersync/web 1.31.0. Pass { clientImplementation: SyncClientImplementation.RUST } to connect(…), or update the SDK.',
  );
  assert.deepEqual(related(findings[0]), [`${DB}:7 connect(…), with no clientImplementation`, 'package.json:6 @powersync/web 1.31.0 (package.json; the Rust sync client by default from 1.32.0)']);
});

test('js-rust-client-required: nothing when connect picks the Rust client', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('js-rust-client-required: silent from web 1.32.0, without a connect call, or with a choice it cannot read', () => {
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { 'package.json': replacing('"1.31.0"', '"1.32.0"') }))), []);
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { 'package.json': replacing('"1.31.0"', '"^1.31.0"') }))), []);
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { [DB]: replacing('  await db.connect(connector);\n', '') }))), []);
  const unknown = fixtureVariant(FIXTURE, { [DB]: replacing('await db.connect(connector);', 'await db.connect(connector, { clientImplementation: pickClient() });') });
  assert.deepEqual(places(of(unknown)), []);
  const passed = fixtureVariant(FIXTURE, { [DB]: (text) => replacing('startSync(connector: PowerSyncBackendConnector)', 'startSync(connector: PowerSyncBackendConnector, options: object)')(replacing('await db.connect(connector);', 'await db.connect(connector, options);')(text)) });
  assert.deepEqual(places(of(passed)), []);
  // The Rust client picked in another file, which imports nothing from PowerSync, counts too.
  const elsewhere = fixtureVariant(FIXTURE, { 'src/sync-options.ts': "export const SYNC_OPTIONS = { clientImplementation: 'rust' };\n" });
  assert.deepEqual(places(of(elsewhere)), []);
});

test('SyncClientImplementation.JAVASCRIPT picked in connect() before @powersync/common 1.53.0 is reported once, by rust-client-required (with its fix)', () => {
  const picked = (version: string) =>
    fixtureVariant(FIXTURE, {
      'package.json': replacing('"1.31.0"', `"${version}"`),
      [DB]: (text) => replacing('await db.connect(connector);', 'await db.connect(connector, { clientImplementation: SyncClientImplementation.JAVASCRIPT });')(text).replace('PowerSyncDatabase, type', 'PowerSyncDatabase, SyncClientImplementation, type'),
    });
  const all = checkJson(picked('1.37.1')).findings.filter((f) => f.rule.includes('rust-client-required'));
  assert.deepEqual(all.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`), [`rust-client-required ${DB}:7`]);
  assert.ok(all[0].fixes.length > 0);
  assert.deepEqual(places(of(picked('1.38.0'))), []);
});
