import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'dart-sdk-raw-table-version';
const FIXTURE = 'rule-dart-sdk-raw-table-version';
const SCHEMA = 'lib/schema.dart';
const DATABASE = 'lib/database.dart';
const of = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const related = (f: { related: { file: string; range: { start: { line: number } }; message: string }[] }) => f.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);

/** The lockfile's powersync and powersync_core versions. */
const locked = (powersync: string, core: string) => (text: string) =>
  replacing('version: "1.7.0"', `version: "${core}"`)(replacing('version: "1.17.0"', `version: "${powersync}"`)(text));

/** A schema of explicit tables only (.id() and .column()), which compiles from powersync 1.15.0. */
const EXPLICIT_SCHEMA = [
  "import 'package:powersync/powersync.dart';",
  '',
  'final lists = RawTable(',
  "  name: 'lists',",
  "  put: PendingStatement(sql: 'INSERT INTO lists (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name', params: [PendingStatementValue.id(), PendingStatementValue.column('name')]),",
  "  delete: PendingStatement(sql: 'DELETE FROM lists WHERE id = ?', params: [PendingStatementValue.id()]),",
  ');',
  '',
  'final schema = Schema(const [], rawTables: [lists]);',
  '',
].join('\n');
const NO_ITEMS_DDL = replacing("  await db.execute('CREATE TABLE IF NOT EXISTS items (id TEXT NOT NULL PRIMARY KEY, list_id TEXT, _rest TEXT)');\n", '');

test('dart-sdk-raw-table-version: powersync 1.17.0 has no RawTable.inferred, clear or .rest()', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), [`${SCHEMA}:3`, `${SCHEMA}:6`, `${SCHEMA}:13`]);
  assert.ok(findings.every((f) => f.severity === 'error'));
  const [inferred, clear, rest] = findings;
  assert.equal(
    inferred.message,
    'The installed PowerSync Dart SDK has no RawTable.inferred or RawTableSchema: this code does not compile. ' +
      'RawTable.inferred, RawTableSchema, clear and PendingStatementValue.rest() came with powersync 1.18.0 (powersync_core 1.8.0). ' +
      'Installed: powersync 1.17.0, powersync_core 1.7.0. Update the SDK, or declare the table with RawTable(name:, put:, delete:) statements.',
  );
  assert.match(clear.message, /^The installed PowerSync Dart SDK has no clear for raw tables: this code does not compile\. .* Update the SDK, or delete the rows of this table yourself after disconnectAndClear\(\)\.$/);
  assert.match(rest.message, /^The installed PowerSync Dart SDK has no PendingStatementValue\.rest\(\): .* Update the SDK, or bind each column with PendingStatementValue\.column\(…\)\.$/);
  assert.deepEqual(related(clear), [
    'pubspec.lock:24 powersync 1.17.0 (pubspec.lock; RawTable.inferred, RawTableSchema, clear and PendingStatementValue.rest() from 1.18.0)',
    'pubspec.lock:32 powersync_core 1.7.0 (pubspec.lock; RawTable.inferred, RawTableSchema, clear and PendingStatementValue.rest() from 1.8.0)',
  ]);
});

test('dart-sdk-raw-table-version: powersync 1.18.0 has them all', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('dart-sdk-raw-table-version: a range says nothing without pubspec.lock; an exact pin does; a path, git or broken lock says nothing', () => {
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { 'pubspec.lock': null }))), []);
  const pinned = of(fixtureVariant(FIXTURE, { 'pubspec.lock': null, 'pubspec.yaml': replacing('powersync: ^1.15.0', 'powersync: 1.17.0') }));
  assert.deepEqual(places(pinned), [`${SCHEMA}:3`, `${SCHEMA}:6`, `${SCHEMA}:13`]);
  assert.match(pinned[0].message, /Installed: powersync 1\.17\.0\. /);
  assert.deepEqual(related(pinned[0]), ['pubspec.yaml:12 powersync 1.17.0 (pubspec.yaml; RawTable.inferred, RawTableSchema, clear and PendingStatementValue.rest() from 1.18.0)']);
  const path = fixtureVariant(FIXTURE, { 'pubspec.lock': replacing('      name: powersync\n      sha256: "1111111111111111111111111111111111111111111111111111111111111111"\n      url: "https://pub.dev"\n    source: hosted', '      path: "../powersync"\n      relative: true\n    source: path') });
  assert.deepEqual(places(of(path)), []);
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { 'pubspec.lock': 'packages:\n  powersync: [' }))), []);
  // One SDK package at the version (a newer powersync_core): which code the app gets is not told.
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { 'pubspec.lock': locked('1.17.0', '1.8.0') }))), []);
  // A pre-release may already have it.
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { 'pubspec.lock': locked('1.18.0-dev.1', '1.7.0') }))), []);
});

test('dart-sdk-raw-table-version: before powersync 1.15.0 there is no RawTable', () => {
  const findings = of(fixtureVariant(FIXTURE, { 'pubspec.lock': locked('1.14.1', '1.4.1') }));
  assert.deepEqual(places(findings), [`${SCHEMA}:3`, `${SCHEMA}:9`]);
  assert.equal(
    findings[1].message,
    'The installed PowerSync Dart SDK has no RawTable: this code does not compile. Raw tables came with powersync 1.15.0 (powersync_core 1.5.0). ' +
      'Installed: powersync 1.14.1, powersync_core 1.4.1. Update the SDK.',
  );
});

test('dart-sdk-raw-table-version: on powersync 1.16 connect() throws for raw tables unless the options pick the Rust client', () => {
  const edits = { [SCHEMA]: EXPLICIT_SCHEMA, [DATABASE]: NO_ITEMS_DDL, 'pubspec.lock': locked('1.16.2', '1.6.2') };
  const findings = of(fixtureVariant(FIXTURE, edits));
  assert.deepEqual(places(findings), [`${DATABASE}:23`]);
  assert.equal(
    findings[0].message,
    "This connect() throws UnsupportedError('Raw tables are only supported by the Rust client.'): the schema has raw tables, and no code here picks the Rust sync client. " +
      'Before powersync 1.17.0 (powersync_core 1.7.0) the Dart sync client is the default, and connect() refuses a schema with raw tables unless its options pick SyncClientImplementation.rust. ' +
      'Installed: powersync 1.16.2, powersync_core 1.6.2. Pass options: const SyncOptions(syncImplementation: SyncClientImplementation.rust) to connect(…), or update the SDK.',
  );
  assert.deepEqual(related(findings[0]).slice(0, 1), ["lib/schema.dart:3 raw table 'lists'"]);
  // The Rust client picked: fine. Through a constant, too.
  const rust = { ...edits, [DATABASE]: (t: string) => NO_ITEMS_DDL(t).replace('db.connect(connector: connector)', 'db.connect(connector: connector, options: const SyncOptions(syncImplementation: SyncClientImplementation.rust))') };
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, rust))), []);
  const viaConstant = { ...edits, [DATABASE]: (t: string) => NO_ITEMS_DDL(t).replace('db.connect(connector: connector)', 'db.connect(connector: connector, options: options)') + 'const client = SyncClientImplementation.rust;\nconst options = SyncOptions(syncImplementation: client);\n' };
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, viaConstant))), []);
  // The Dart client picked explicitly: the finding sits on the choice.
  const dart = { ...edits, [DATABASE]: (t: string) => NO_ITEMS_DDL(t).replace('db.connect(connector: connector)', 'db.connect(connector: connector, options: const SyncOptions(syncImplementation: SyncClientImplementation.dart))') };
  const chosen = of(fixtureVariant(FIXTURE, dart));
  assert.deepEqual(places(chosen), [`${DATABASE}:23`]);
  assert.match(chosen[0].message, /^The Dart sync client picked here cannot sync raw tables: connect\(\) throws UnsupportedError/);
  // A choice Rawsync cannot read: silent.
  const unknown = { ...edits, [DATABASE]: (t: string) => NO_ITEMS_DDL(t).replace('db.connect(connector: connector)', 'db.connect(connector: connector, options: SyncOptions(syncImplementation: pick()))') };
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, unknown))), []);
  // powersync 1.17.0: the Rust client is the default.
  assert.deepEqual(places(of(fixtureVariant(FIXTURE, { [SCHEMA]: EXPLICIT_SCHEMA, [DATABASE]: NO_ITEMS_DDL }))), []);
});

test('dart-sdk-raw-table-version: a helper returning RawTable.inferred with clear is reported once per place, not per call', () => {
  const helper = [
    "import 'package:powersync/powersync.dart';",
    '',
    'RawTable _raw(String name) {',
    "  return RawTable.inferred(name: name, schema: RawTableSchema(), clear: 'DELETE FROM $name');",
    '}',
    '',
    "final schema = Schema(const [], rawTables: [_raw('lists'), _raw('items')]);",
    '',
  ].join('\n');
  const findings = of(fixtureVariant(FIXTURE, { [SCHEMA]: helper }));
  // Both parts sit in the helper: each is reported once (its RawTableSchema stands for RawTable.inferred).
  assert.deepEqual(places(findings), [`${SCHEMA}:4`, `${SCHEMA}:4`]);
  assert.match(findings[0].message, /has no RawTable\.inferred or RawTableSchema/);
  assert.match(findings[1].message, /has no clear for raw tables/);
});
