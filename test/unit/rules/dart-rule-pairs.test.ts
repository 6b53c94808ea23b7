// Each rule that can apply to a Flutter/Dart app on PowerSync's Dart SDK (`package:powersync`), on a
// fixture pair written the way such apps are: test/fixtures/dart-rule-<rule>/ triggers the rule,
// test/fixtures/dart-rule-<rule>-ok/ (near-identical) reports nothing at all. The apps use constants
// of other files through `package:` imports, static class constants, helper functions that build
// statements, interpolation, `'''` and adjacent strings, sqlite_async migrations, writeTransaction,
// the core's trigger helper with jsonEncode(table), and an import prefix (`as ps`). Where the rule
// offers a fix on Dart it is applied, the file re-parsed and the finding re-checked; where the core
// can run the fixture, the run-time failure is shown.
//
// Rules that cannot apply to a Dart app (asserted below: none fires on any dart-rule-* fixture):
// - schema-order, manual-room-bridge: about Room's @Database(entities) order and a hand-made Room
//   invalidator; a Flutter app has no Room database.
// - db-path-mismatch: compares the file Room opens with the one PowerSync opens; no Room in Dart.
// - room-pool-mismatch, room-driver-without-extension, room-init-order, room-integration-version-mismatch,
//   room-fts-integration-version, room-close-order-version, room-schema-drift: Room's connection pool,
//   driver, callbacks, integration-room versions and exported schema JSON; Kotlin (and Java) only.
// - raw-table-added-later: needs Room's exported schema of the version before to know a table is new.
// - with-raw-tables-result, raw-table-options-ignored, diff-trigger-on-raw-table, js-sdk-raw-table-version,
//   js-rust-client-required: the JS SDKs' own API (withRawTables, options beside `schema`, High
//   Performance Diffs, npm versions); Dart declares raw tables in Schema(…, rawTables: […]) and
//   RawTableSchema(options: TableOptions(…)), with nothing of the kind.
// - rust-client-required: in Dart the client is chosen by `connect(…, options: SyncOptions(syncImplementation: …))`
//   (1.15–1.16 defaulted to the Dart client, 1.17 to Rust, 2.0 removed the Dart one). The Dart reader
//   does not read connect() options yet, so the rule stays silent on Dart rather than guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { checkJson, places, textAt, type JsonFinding } from '../../support/findings';
import { applyEdits, applyFirstFix, assertFixed, applyFixesOfRule } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { fixturePath } from '../../support/paths';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { localWrite, readCrud, startSync } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';
import { contactsAfterClear, createTriggers, eventsKeyAndDelete, issueBeforeItsProject, itemIntoMissingTable, membersUploadedKeys, notesAndTagsSecondSync, recipesFavoriteAfterSync, shelvesAndBooksQueued, syncFixture, uuidIntoIntegerId } from './fixture-sync';

const summary = (f: JsonFinding) => `${f.rule} ${f.severity} ${places([f])[0]}`;
const findingsOf = (fixture: string) => checkJson(fixturePath(fixture)).findings;
const files = (fixture: string) => filesUnder(fixturePath(fixture));
const relatedOf = (f: JsonFinding) => f.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);

const DART_FIXTURES = readdirSync(fixturePath()).filter((name) => name.startsWith('dart-rule-')).sort();

const NOT_FOR_DART = [
  'schema-order', 'manual-room-bridge', 'db-path-mismatch', 'room-pool-mismatch', 'room-driver-without-extension', 'room-init-order',
  'room-integration-version-mismatch', 'room-fts-integration-version', 'room-close-order-version', 'room-schema-drift',
  'raw-table-added-later', 'with-raw-tables-result', 'raw-table-options-ignored', 'diff-trigger-on-raw-table',
  'js-sdk-raw-table-version', 'js-rust-client-required', 'rust-client-required',
];
/** Rules about the Dart SDK's own API (pubspec versions), with pairs of their own. */
const DART_ONLY_RULES: string[] = ['dart-sdk-raw-table-version'];
/**
 * Rules across the backend (sync config, Postgres) whose pairs are `rule-<id>` (TypeScript); the Dart
 * side of put-column-not-synced is in test/unit/backend/dart-app.test.ts, and the upload and priority
 * rules' in test/unit/backend/dart-backend-uploads.test.ts. The other backend rules have Dart pairs
 * here (with supabase/migrations and powersync/sync-config.yaml).
 */
const BACKEND_RULES = ['sync-config-invalid', 'put-column-not-synced', 'fk-across-priorities', 'upload-column-not-in-postgres'];



test('every rule that can apply to Dart has a fixture pair; the others fire on none of them', () => {
  const pairs = DART_FIXTURES.filter((n) => !n.endsWith('-ok')).map((n) => n.slice('dart-rule-'.length));
  for (const name of pairs) assert.ok(DART_FIXTURES.includes(`dart-rule-${name}-ok`), `dart-rule-${name} has its -ok twin`);
  const all = readdirSync(fixturePath());
  for (const id of DART_ONLY_RULES) assert.ok(all.includes(`rule-${id}`) && all.includes(`rule-${id}-ok`), `rule-${id} has a Dart fixture pair`);
  assert.deepEqual(
    RULES.map((r) => r.meta.id).filter((id) => !NOT_FOR_DART.includes(id) && !DART_ONLY_RULES.includes(id) && !BACKEND_RULES.includes(id)).sort(),
    pairs.sort(),
  );
  for (const fixture of DART_FIXTURES) {
    const fired = findingsOf(fixture).filter((f) => NOT_FOR_DART.includes(f.rule));
    assert.deepEqual(fired.map(summary), [], fixture);
  }
});

test('every ok twin reports nothing at all; findings on Dart speak the Dart SDK, never Kotlin, Room or JS', () => {
  for (const fixture of DART_FIXTURES) {
    const findings = findingsOf(fixture);
    if (fixture.endsWith('-ok')) assert.deepEqual(findings.map(summary), [], fixture);
    for (const f of findings) {
      const texts = [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title), ...f.fixes.flatMap((x) => x.edits.map((e) => e.newText))];
      for (const text of texts) {
        assert.doesNotMatch(text, /\bRoom\b|Kotlin|Gradle|\bmodule\b|PendingStatementParameter|Column\("|listOf\(|\{ Column:|'Id'|SyncOptions\(newClient|clear = "|withRawTables|new Schema|@PrimaryKey|execSQL|trimIndent|viewNameOverride/, `${fixture}: ${text}`);
      }
    }
  }
});

// put-not-upsert

const NOTES = 'lib/powersync/schema.dart';

test('put-not-upsert (Dart): a plain INSERT interpolating a list constant of another file, and INSERT OR IGNORE', () => {
  const findings = findingsOf('dart-rule-put-not-upsert');
  assert.deepEqual(findings.map(summary), [`put-not-upsert error ${NOTES}:8`, `put-not-upsert error ${NOTES}:22`]);
  const [notes, tags] = findings;
  assert.match(notes.message, /'notes' is a plain INSERT: .*'UNIQUE constraint failed: notes\.id'/);
  assert.match(tags.message, /'tags' ignores conflicts: .*the update is dropped/);
  assert.equal(textAt(fixturePath('dart-rule-put-not-upsert', NOTES), notes.range), "'INSERT INTO notes (id, ${noteColumns.join(', ')}) VALUES (?, ?, ?)'");
  assert.deepEqual(relatedOf(notes), ["lib/powersync/database.dart:11 table 'notes'"]);
  // The interpolated put cannot be rewritten in place; the literal one can.
  assert.deepEqual([notes.fixes.length, tags.fixes.length], [0, 1]);
});

test('put-not-upsert (Dart) fix: the INSERT OR IGNORE string becomes an upsert in the Dart literal; it parses, the finding is gone, the core applies updates', async () => {
  const input = files('dart-rule-put-not-upsert');
  const first = await analyzeFiles(input);
  const tags = runRules(RULES, first.model, first.analyzer.ruleContext()).findings.find((f) => f.rule === 'put-not-upsert' && f.message.includes("'tags'"))!;
  const fix = tags.fixes.find((f) => f.preferred) ?? tags.fixes[0];
  assert.equal(fix.edits[0].newText, "'INSERT INTO tags (id, label) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET label = excluded.label'");
  const fixed = await applyEdits(input, fix.edits);
  assert.deepEqual((await factsOf(fixed.files[NOTES], NOTES)).syntaxErrors, [], 'the schema parses after the fix');
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'put-not-upsert').map((f) => f.message.split(' The ')[0]), ["Sync stalls once the server updates a row of 'notes'."]);
  assert.equal(fixed.files[NOTES], files('dart-rule-put-not-upsert-ok')[NOTES].replace(
    "'INSERT INTO notes (id, ${noteColumns.join(', ')}) VALUES (?, ?, ?) '\n        'ON CONFLICT(id) DO UPDATE SET ${noteColumns.map((c) => '$c = excluded.$c').join(', ')}'",
    "'INSERT INTO notes (id, ${noteColumns.join(', ')}) VALUES (?, ?, ?)'"));
  const tagsPut = fixed.model.rawTables.find((t) => t.name === 'tags')!.put!.sql!;
  const db = await openCoreDatabase(...fixed.model.tables.map((t) => t.createSql));
  db.exec(tagsPut.replace('VALUES (?, ?)', "VALUES ('t1', 'urgent')"));
  db.exec(tagsPut.replace('VALUES (?, ?)', "VALUES ('t1', 'later')"));
  assert.deepEqual(db.query('select label from tags'), [{ label: 'later' }]);
  db.close();
});

test('put-not-upsert (Dart) at run time: the second sync of a note fails with the UNIQUE error, a tag update is dropped; the ok twin applies both', async () => {
  for (const [fixture, broken] of [['dart-rule-put-not-upsert', true], ['dart-rule-put-not-upsert-ok', false]] as const) {
    await notesAndTagsSecondSync(fixture, broken);
  }
});

// replace-resets-local-columns

const RECIPES = 'lib/data/schema.dart';

test('replace-resets-local-columns (Dart): INSERT OR REPLACE in a \'\'\' string over a table with local-only columns, created in a sqlite_async migration', () => {
  const findings = findingsOf('dart-rule-replace-resets-local-columns');
  assert.deepEqual(findings.map(summary), [`replace-resets-local-columns error ${RECIPES}:13`]);
  assert.match(findings[0].message, /^Each synced row of 'recipes' resets local-only data\. .*the local-only columns 'is_favorite', 'last_opened_at' go back to their defaults/);
  assert.deepEqual(relatedOf(findings[0]), [
    "lib/data/migrations.dart:6 local-only column 'is_favorite'",
    "lib/data/migrations.dart:6 local-only column 'last_opened_at'",
  ]);
});

test('replace-resets-local-columns (Dart) fix: the \'\'\' put becomes an upsert of its columns; the file parses, the finding is gone, and it is the ok twin', async () => {
  const input = files('dart-rule-replace-resets-local-columns');
  const fixed = await applyFirstFix(input, 'replace-resets-local-columns');
  await assertFixed(fixed, 'replace-resets-local-columns', input);
  // A ''' string, its lines two spaces under the column the literal starts at.
  assert.match(fixed.files[RECIPES], /sql: '''\n {11}INSERT INTO recipes \(id, title, minutes\)\n {11}VALUES \(\?, \?, \?\)\n {11}ON CONFLICT\(id\) DO UPDATE SET title = excluded\.title, minutes = excluded\.minutes\n {9}''',\n/);
  const put = fixed.model.rawTables.find((t) => t.name === 'recipes')!.put!.sql!;
  const db = await openCoreDatabase(...fixed.model.tables.map((t) => t.createSql), "INSERT INTO recipes (id, title, is_favorite) VALUES ('r1', 'Soup', 1)");
  db.exec(put.replace('VALUES (?, ?, ?)', "VALUES ('r1', 'Soup', 25)"));
  assert.deepEqual(db.query('select minutes, is_favorite from recipes'), [{ minutes: 25, is_favorite: 1 }]);
  db.close();
});

test('replace-resets-local-columns (Dart) at run time: a synced update resets is_favorite; the ok twin keeps it', async () => {
  await recipesFavoriteAfterSync('dart-rule-replace-resets-local-columns');
});

// fk-not-deferrable

test('fk-not-deferrable (Dart): an immediate REFERENCES in a static class constant run in writeTransaction; puts from a helper function', () => {
  const findings = findingsOf('dart-rule-fk-not-deferrable');
  assert.deepEqual(findings.map(summary), ['fk-not-deferrable error lib/db/database.dart:13']);
  assert.match(findings[0].message, /^The foreign key from 'issues' to 'projects' is checked immediately\. .*Declare it DEFERRABLE INITIALLY DEFERRED\.$/);
  assert.equal(textAt(fixturePath('dart-rule-fk-not-deferrable', 'lib/db/database.dart'), findings[0].range), 'Ddl.issues');
});

test('fk-not-deferrable (Dart) fix: DEFERRABLE INITIALLY DEFERRED lands in the static constant\'s \'\'\' string; the result is the ok twin', async () => {
  const input = files('dart-rule-fk-not-deferrable');
  const fixed = await applyFirstFix(input, 'fk-not-deferrable');
  await assertFixed(fixed, 'fk-not-deferrable', input);
  assert.equal(fixed.files['lib/db/ddl.dart'], files('dart-rule-fk-not-deferrable-ok')['lib/db/ddl.dart']);
});

test('fk-not-deferrable (Dart): the puts built by upsertSql(table, columns) are read in full', async () => {
  const { model } = await analyzeFiles(files('dart-rule-fk-not-deferrable'));
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.localTable, t.unresolved === undefined, t.put?.sql]), [
    ['projects', 'projects', true, 'INSERT INTO projects (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name'],
    ['issues', 'issues', true, 'INSERT INTO issues (id, project_id, title, done) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET project_id = excluded.project_id, title = excluded.title, done = excluded.done'],
  ]);
});

test('fk-not-deferrable (Dart) at run time: an issue synced with its new project fails (the core applies issues first); deferred, the checkpoint applies', async () => {
  await issueBeforeItsProject('dart-rule-fk-not-deferrable');
});

// missing-clear

const CRM = 'lib/sync/schema.dart';

test('missing-clear (Dart): disconnectAndClear(clearLocal: true) in a class method, a RawTable without clear', () => {
  const findings = findingsOf('dart-rule-missing-clear');
  assert.deepEqual(findings.map(summary), [`missing-clear info ${CRM}:10`]);
  assert.equal(textAt(fixturePath('dart-rule-missing-clear', CRM), findings[0].range), "'contacts'");
  assert.match(findings[0].message, /^Signing out leaves every row of 'contacts' on the device\. .*Add clear: 'DELETE FROM contacts'\.$/);
  assert.deepEqual(relatedOf(findings[0]), ['lib/auth/session.dart:18 disconnectAndClear() is called here, in the project whose only schema lists this raw table']);
  assert.deepEqual(findings[0].fixes.map((f) => f.title), ["Add clear: 'DELETE FROM contacts'"]);
});

test('missing-clear (Dart) fix: clear: \'DELETE FROM contacts\' becomes the last named argument of RawTable(…); it parses, is the ok twin, and empties the table in the core', async () => {
  const input = files('dart-rule-missing-clear');
  const fixed = await applyFirstFix(input, 'missing-clear');
  await assertFixed(fixed, 'missing-clear', input);
  assert.equal(fixed.files[CRM], files('dart-rule-missing-clear-ok')[CRM]);
  const contacts = fixed.model.rawTables.find((t) => t.name === 'contacts')!;
  const db = await openCoreDatabase(...fixed.model.tables.map((t) => t.createSql), "INSERT INTO contacts (id, name) VALUES ('c1', 'Ada')");
  db.exec(contacts.clear!.sql!);
  assert.equal(db.scalar('select count(*) from contacts'), 0);
  db.close();
});

test('missing-clear (Dart) fix on a one-line RawTable.inferred(…) call, and none where the lockfile pins a powersync without clear', async () => {
  const oneLine = fixtureVariant('dart-rule-missing-clear-ok', {
    [CRM]: replacing("  clear: 'DELETE FROM companies',\n", ''),
  });
  const inferred = checkJson(oneLine).findings;
  assert.deepEqual(inferred.map((f) => [f.rule, f.fixes[0]?.edits.map((e) => e.newText)]), [['missing-clear', [",\n  clear: 'DELETE FROM companies'"]]]);
  // powersync 1.15–1.17 has no clear parameter: the advice is an upgrade, with no fix that would not compile.
  const old = fixtureVariant('dart-rule-missing-clear', { 'pubspec.lock': replacing('version: "1.18.0"', 'version: "1.16.1"') });
  // (dart-sdk-raw-table-version speaks too: RawTable.inferred does not compile before 1.18.0.)
  const [finding] = checkJson(old).findings.filter((f) => f.rule === 'missing-clear');
  assert.match(finding.message, /PowerSync 1\.16\.1 has no clear parameter yet \(it arrived in 1\.18\.0\): upgrade and add clear: 'DELETE FROM contacts', or delete the rows of 'contacts' yourself after disconnectAndClear\(\)\.$/);
  assert.deepEqual(relatedOf(finding).slice(1), ['pubspec.lock:10 PowerSync version 1.16.1']);
  assert.deepEqual(finding.fixes, []);
});

test('missing-clear (Dart): the nearest pubspec.lock above the raw table tells the version, not another package\'s', async () => {
  const nested = Object.fromEntries(Object.entries(files('dart-rule-missing-clear')).map(([name, text]) => [`app/${name}`, text]));
  const rootLock = nested['app/pubspec.lock'].replace('version: "1.18.0"', 'version: "1.16.1"');
  for (const [workspace, fixed] of [[{ ...nested, 'pubspec.lock': rootLock }, true], [{ ...nested, 'app/pubspec.lock': rootLock }, false]] as const) {
    const { model, analyzer } = await analyzeFiles(workspace);
    const [finding] = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'missing-clear');
    assert.equal(finding.fixes.length, fixed ? 1 : 0, finding.message);
  }
});

test('missing-clear (Dart) at run time: powersync_clear leaves the contacts of the previous account; with clear it empties them', async () => {
  await contactsAfterClear('dart-rule-missing-clear');
});

// statement-invalid

const CALENDAR = 'lib/powersync/app_schema.dart';

test('statement-invalid (Dart): a delete binding PendingStatementValue.column(\'id\'), and a put key that names no column', () => {
  const findings = findingsOf('dart-rule-statement-invalid');
  assert.deepEqual(findings.map(summary), [`statement-invalid error ${CALENDAR}:12`, `statement-invalid error ${CALENDAR}:25`]);
  const [del, key] = findings;
  assert.match(del.message, /^Sync stops at the first deletion of 'calendars'\. The delete of raw table 'calendars' binds PendingStatementValue\.column\('id'\).*Use PendingStatementValue\.id\(\) only\.$/);
  assert.equal(textAt(fixturePath('dart-rule-statement-invalid', CALENDAR), del.range), "PendingStatementValue.column('id')");
  assert.deepEqual(del.fixes.map((f) => f.title), ['Rebuild the parameter list from the SQL: PendingStatementValue.id()']);
  assert.match(key.message, /binds PendingStatementValue\.column\('start_at'\), which names no column of 'events' \(did you mean 'starts_at'\?\).*NOT NULL constraint failed: events\.starts_at/);
  assert.deepEqual(key.fixes.map((f) => f.title), ["Bind PendingStatementValue.column('starts_at') (the column's exact name)"]);
});

test('statement-invalid (Dart) fixes: the delete rebinds PendingStatementValue.id(), the key is corrected in place; the file parses and is the ok twin', async () => {
  const input = files('dart-rule-statement-invalid');
  const first = await analyzeFiles(input);
  const [del, key] = runRules(RULES, first.model, first.analyzer.ruleContext()).findings.filter((f) => f.rule === 'statement-invalid');
  assert.deepEqual(del.fixes[0].edits.map((e) => e.newText), ['PendingStatementValue.id()']);
  const rebound = await applyEdits(input, del.fixes[0].edits);
  assert.deepEqual(rebound.after.map((f) => `${f.rule} ${f.loc.range.start.line + 1}`), ['statement-invalid 25']);
  const fixed = await applyEdits(rebound.files, key.fixes[0].edits);
  await assertFixed({ before: [del, key], after: fixed.after, files: fixed.files }, 'statement-invalid', input);
  assert.equal(fixed.files[CALENDAR], files('dart-rule-statement-invalid-ok')[CALENDAR]);
});

test('statement-invalid (Dart): the triggers built by a helper function with a conditional are read (no false missing-crud-triggers)', async () => {
  const { model } = await analyzeFiles(files('dart-rule-statement-invalid'));
  const insert = model.triggers.find((t) => t.name === 'calendars_insert')!;
  assert.equal(insert.event, 'INSERT');
  assert.match(insert.sql ?? '', /VALUES \('PUT', NEW\.id, 'calendars', json_object\('name', NEW\.name\)\)/);
  assert.match(model.triggers.find((t) => t.name === 'events_update')?.sql ?? '', /VALUES \('PATCH', NEW\.id, 'events'/);
  assert.deepEqual(model.triggers.map((t) => t.name).sort(), ['calendars_delete', 'calendars_insert', 'calendars_update', 'events_delete', 'events_insert', 'events_update']);
});

test('statement-invalid (Dart) at run time: the misspelt key binds NULL into a NOT NULL column; the column(\'id\') delete fails; the ok twin applies both', async () => {
  await eventsKeyAndDelete('dart-rule-statement-invalid');
});

// raw-table-unmatched

test('raw-table-unmatched (Dart): a put into \'item\' (adjacent strings) where executeMultiple creates \'items\', an inferred table named \'store\' beside \'stores\'', () => {
  const findings = findingsOf('dart-rule-raw-table-unmatched');
  assert.deepEqual(findings.map(summary), ['raw-table-unmatched error lib/data/schema.dart:5', 'raw-table-unmatched error lib/data/schema.dart:13']);
  const [inferred, put] = findings;
  assert.match(put.message, /^Sync of 'items' fails: its local table 'item' does not exist\. .*which no CREATE TABLE in this workspace creates \(did you mean 'items'\?\)\. .*'no such table: item'/);
  assert.match(inferred.message, /which no CREATE TABLE in this workspace creates \(did you mean 'stores'\?\)\. .*'Could not find store in local schema'/);
  assert.equal(textAt(fixturePath('dart-rule-raw-table-unmatched', 'lib/data/schema.dart'), inferred.range), "RawTableSchema(tableName: 'store', syncedColumns: ['name', 'address'])");
});

test('raw-table-unmatched (Dart) at run time: the put into \'item\' fails with no such table; the ok twin applies', async () => {
  await itemIntoMissingTable('dart-rule-raw-table-unmatched');
});

// id-not-text

test('id-not-text (Dart): id INTEGER PRIMARY KEY AUTOINCREMENT in adjacent strings run by a tear-off passed to writeTransaction', () => {
  const findings = findingsOf('dart-rule-id-not-text');
  assert.deepEqual(findings.map(summary), ['id-not-text error lib/powersync/observations.dart:14']);
  assert.match(findings[0].message, /^Synced rows of 'observations' with non-integer ids fail to apply\. .*AUTOINCREMENT also numbers new local rows .*Declare it 'id TEXT PRIMARY KEY', create ids with uuid\(\), and migrate the existing table\.$/);
  assert.deepEqual(relatedOf(findings[0]), ["lib/powersync/observations.dart:6 raw table 'observations' syncs into 'observations'"]);
});

test('id-not-text (Dart) at run time: a UUID id fails the checkpoint with datatype mismatch; a TEXT id takes it', async () => {
  await uuidIntoIntegerId('dart-rule-id-not-text');
});

// view-name-clash

const BOARD = 'lib/powersync/schema.dart';

test('view-name-clash (Dart): ps.Table(\'todos\', …) left in Schema\'s tables beside raw table todos and its CREATE TABLE; a viewName apart does not clash', () => {
  const findings = findingsOf('dart-rule-view-name-clash');
  assert.deepEqual(findings.map(summary), [`view-name-clash error ${BOARD}:9`]);
  assert.equal(textAt(fixturePath('dart-rule-view-name-clash', BOARD), findings[0].range), "'todos'");
  assert.match(findings[0].message, /^PowerSync cannot apply its schema: view 'todos' clashes with a table\. .*remove 'todos' from the Schema's tables\.$/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1}`), ['lib/powersync/db.dart:10', `${BOARD}:16`]);
  // With a viewName apart, the view no longer takes the table's name (Dart's `Table(…, viewName: …)`).
  const apart = checkJson(fixtureVariant('dart-rule-view-name-clash', { [BOARD]: replacing("  ps.Column.integer('completed'),\n]);", "  ps.Column.integer('completed'),\n], viewName: 'todo_items');") })).findings;
  assert.deepEqual(apart.map(summary), []);
  // A raw table of another name syncing into 'todos': the advice is a RawTable or the viewName argument.
  const other = checkJson(fixtureVariant('dart-rule-view-name-clash', { [BOARD]: replacing("  name: 'todos',\n  schema: ps.RawTableSchema(", "  name: 'todo_rows',\n  schema: ps.RawTableSchema(tableName: 'todos', ") })).findings;
  assert.deepEqual(other.map(summary), [`view-name-clash error ${BOARD}:9`]);
  assert.match(other[0].message, /Sync 'todos' through a RawTable \(Schema's rawTables\) over the existing table, or name the view apart with the viewName argument\.$/);
});

test('view-name-clash (Dart) in the core: a view table and a raw table both named todos fail powersync_replace_schema over the app\'s table; without the view it applies', async () => {
  const { model } = await analyzeFiles(files('dart-rule-view-name-clash'));
  const todos = model.tables.find((t) => t.name === 'todos')!;
  const rawTable = model.rawTables.find((t) => t.name === 'todos')!.coreJson!;
  const view = { name: 'todos', columns: [{ name: 'list_id', type: 'TEXT' }, { name: 'description', type: 'TEXT' }, { name: 'completed', type: 'INTEGER' }] };
  const db = await openCoreDatabase(todos.createSql);
  assert.throws(() => db.replaceSchema({ tables: [view], raw_tables: [rawTable] }), /internal SQLite call returned ERROR/);
  db.replaceSchema({ tables: [], raw_tables: [rawTable] });
  assert.equal(db.scalar("select type from sqlite_master where name = 'todos'"), 'table');
  db.close();
});

// not-analyzed

test('not-analyzed (Dart): a put whose SQL comes from a package\'s function is reported as not checked; the workspace\'s own function is read', async () => {
  const findings = findingsOf('dart-rule-not-analyzed');
  assert.deepEqual(findings.map(summary), ['not-analyzed info lib/db/schema.dart:12']);
  assert.match(findings[0].message, /^Not checked: the put's SQL of raw table 'bookmarks'\. It is computed by upsertSql\(…\)/);
  const { model } = await analyzeFiles(files('dart-rule-not-analyzed-ok'));
  // Dart keeps a ''' string's indentation (it drops only the line break after the opening quotes).
  assert.equal(model.rawTables[0].put?.sql, '  INSERT INTO bookmarks (id, url, title)\n  VALUES (?, ?, ?)\n  ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title');
});

// missing-crud-triggers

const READING = 'dart-rule-missing-crud-triggers';

test('missing-crud-triggers (Dart): the core helper creates triggers for shelves only; books has none', () => {
  const findings = findingsOf(READING);
  assert.deepEqual(findings.map(summary), ['missing-crud-triggers warning lib/powersync/schema.dart:9']);
  assert.match(textAt(fixturePath(READING, 'lib/powersync/schema.dart'), findings[0].range), /^RawTable\(/);
  assert.match(findings[0].message, /^Local inserts, updates and deletes of 'books' are never uploaded\. No trigger records local writes to 'books' in powersync_crud/);
  assert.deepEqual(relatedOf(findings[0]), ["lib/powersync/db.dart:11 table 'books'"]);
  // The fix writes a Dart installer (the core's trigger SQL), never Kotlin.
  assert.deepEqual(findings[0].fixes.map((f) => f.title), ["Add installBooksCrudTriggers(db), creating INSERT, UPDATE, DELETE triggers for 'books' as the PowerSync core writes them (call it once the table exists)"]);
  assert.match(findings[0].fixes[0].edits[0].newText, /\nFuture<void> installBooksCrudTriggers\(PowerSyncDatabase db\) async \{\n/);
  assert.doesNotMatch(findings[0].fixes[0].edits[0].newText, /execSQL|listOf\(|\bfun /);
});

test('missing-crud-triggers (Dart): the helper with jsonEncode of a RawTable without RawTableSchema fails in the core, and is reported as such', async () => {
  const dir = fixtureVariant(READING, {
    'lib/powersync/db.dart': replacing(
      "'shelves_${event.toLowerCase()}', event]);\n",
      "'shelves_${event.toLowerCase()}', event]);\n      await tx.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [json.encode(booksTable), 'books_${event.toLowerCase()}', event]);\n"),
  });
  const findings = checkJson(dir).findings;
  assert.deepEqual(findings.map(summary), ['missing-crud-triggers warning lib/powersync/schema.dart:9']);
  assert.match(findings[0].message, /^Local inserts, updates and deletes of 'books' are never uploaded\. powersync_create_raw_table_crud_trigger fails for 'books' with 'Raw table books has no local name': .*Declare the table with RawTable\.inferred/);
  // The core's own words: Dart's toJson() of RawTable(…) has no table_name.
  const { model } = await analyzeFiles(files(READING));
  const books = model.rawTables.find((t) => t.name === 'books')!;
  assert.equal((books.coreJson as Record<string, unknown>).table_name, undefined);
  const db = await openCoreDatabase(...model.tables.map((t) => t.createSql));
  assert.throws(() => db.query('select powersync_create_raw_table_crud_trigger(?, ?, ?)', [JSON.stringify(books.coreJson), 'books_insert', 'INSERT']), /no local name/);
  db.close();
});

test('missing-crud-triggers (Dart) at run time: the core\'s triggers queue shelves writes; books writes leave no trace; the ok twin queues both', async () => {
  await shelvesAndBooksQueued(READING);
});

// trigger-uploads-local-columns

const CHAT = 'dart-rule-trigger-uploads-local-columns';
const LOCAL_SCHEMA = 'lib/sync/local_schema.dart';

test('trigger-uploads-local-columns (Dart): the INSERT trigger in writeTransaction uploads the device-only avatar_cache', () => {
  const findings = findingsOf(CHAT);
  assert.deepEqual(findings.map(summary), [`trigger-uploads-local-columns error ${LOCAL_SCHEMA}:16`]);
  assert.equal(textAt(fixturePath(CHAT, LOCAL_SCHEMA), findings[0].range), "'avatar_cache', NEW.avatar_cache");
  assert.match(findings[0].message, /^Trigger 'members_insert' uploads the local-only column 'avatar_cache' of 'members'\./);
  assert.deepEqual(relatedOf(findings[0]), [`${LOCAL_SCHEMA}:5 local-only column 'avatar_cache'`]);
});

test('trigger-uploads-local-columns (Dart) fix: json_object keeps the synced columns in the \'\'\' string; it parses and is the ok twin', async () => {
  const input = files(CHAT);
  const fixed = await applyFixesOfRule(input, 'trigger-uploads-local-columns');
  await assertFixed(fixed, 'trigger-uploads-local-columns', input);
  assert.equal(fixed.files[LOCAL_SCHEMA], files(`${CHAT}-ok`)[LOCAL_SCHEMA]);
});

test('trigger-uploads-local-columns (Dart) at run time: a local insert uploads avatar_cache; the ok twin uploads the synced columns only', async () => {
  await membersUploadedKeys(CHAT);
});

// trigger-update-not-null-safe

const FIELD = 'dart-rule-trigger-update-not-null-safe';
const MIGRATIONS = 'lib/db/migrations.dart';

test('trigger-update-not-null-safe (Dart): != on a nullable column in WHEN, and an UPDATE trigger without WHEN beside a local-only column', () => {
  const findings = findingsOf(FIELD);
  assert.deepEqual(findings.map(summary), [`trigger-update-not-null-safe warning ${MIGRATIONS}:19`, `trigger-update-not-null-safe warning ${MIGRATIONS}:29`]);
  assert.deepEqual(findings.map((f) => textAt(fixturePath(FIELD, MIGRATIONS), f.range)), ['!=', 'visits_update']);
  const [compare, noWhen] = findings;
  // name is NOT NULL: only notes is named.
  assert.match(compare.message, /^UPDATE trigger 'sites_update' never uploads edits to or from NULL\. It compares OLD\.notes != NEW\.notes in its WHEN clause\./);
  assert.match(noWhen.message, /^UPDATE trigger 'visits_update' uploads unchanged rows\. .*only the local-only column 'is_pinned' changes/);
});

test('trigger-update-not-null-safe (Dart) fix: IS NOT for !=, a WHEN over the synced columns; the file parses and is the ok twin', async () => {
  const input = files(FIELD);
  const fixed = await applyFixesOfRule(input, 'trigger-update-not-null-safe');
  await assertFixed(fixed, 'trigger-update-not-null-safe', input);
  assert.equal(fixed.files[MIGRATIONS], files(`${FIELD}-ok`)[MIGRATIONS]);
});

test('trigger-update-not-null-safe (Dart) at run time: notes set from NULL is lost and pinning a visit is uploaded; the ok twin the other way round', async () => {
  for (const [fixture, queued] of [[FIELD, ['PATCH visits']], [`${FIELD}-ok`, ['PATCH sites']]] as const) {
    const { db, model } = await syncFixture(fixture);
    createTriggers(db, model.triggers);
    localWrite(db, "INSERT INTO sites (id, name, notes) VALUES ('s1', 'Pond', NULL)");
    localWrite(db, "INSERT INTO visits (id, site_id, visited_on) VALUES ('v1', 's1', '2026-05-01')");
    const before = readCrud(db).length;
    assert.deepEqual(localWrite(db, "UPDATE sites SET notes = 'herons' WHERE id = 's1'"), { ok: true });
    assert.deepEqual(localWrite(db, "UPDATE visits SET is_pinned = 1 WHERE id = 'v1'"), { ok: true });
    assert.deepEqual(readCrud(db).slice(before).map((c) => `${c.op} ${c.type}`), queued, fixture);
    db.close();
  }
});

// synced-column-not-stored (bucket definitions)

const TODOS = 'lib/powersync/schema.dart';
const TODO_TABLES = 'lib/powersync/tables.dart';
const NULL_NOTES = { list_id: 'l1', title: 'Milk', notes: null, completed: 0 };

test('synced-column-not-stored (Dart): the sync config sends notes, the put never reads it though the table has the column', () => {
  const findings = findingsOf('dart-rule-synced-column-not-stored');
  assert.deepEqual(findings.map(summary), [`synced-column-not-stored warning ${TODOS}:9`]);
  assert.match(findings[0].message, /^Column 'notes' of 'todos' is synced on every row, then dropped\./);
  assert.deepEqual(findings[0].fixes.map((f) => f.title), ["Sync 'notes' into 'todos.notes': add it to the put (PendingStatementValue.column('notes'))"]);
});

test('synced-column-not-stored (Dart) fix: notes joins the column list, VALUES and DO UPDATE SET of the adjacent strings and the params; it is the ok twin, and the core stores it', async () => {
  const input = files('dart-rule-synced-column-not-stored');
  const fixed = await applyFirstFix(input, 'synced-column-not-stored');
  await assertFixed(fixed, 'synced-column-not-stored', input);
  assert.equal(fixed.files[TODOS], files('dart-rule-synced-column-not-stored-ok')[TODOS]);
  const { db, applied } = await syncTodos(fixed.model, { ...NULL_NOTES, notes: 'Oat' });
  assert.deepEqual([applied.applied, applied.error], [true, undefined]);
  assert.deepEqual(db.query('select notes from todos'), [{ notes: 'Oat' }]);
  db.close();
});

test('put-column-not-synced (Dart) fix: a misspelt PendingStatementValue.column(\'note\') becomes \'notes\', the name the sync config sends; the result is the ok twin', async () => {
  const ok = files('dart-rule-synced-column-not-stored-ok');
  const input = { ...ok, [TODOS]: ok[TODOS].replace("PendingStatementValue.column('notes')", "PendingStatementValue.column('note')") };
  assert.notEqual(input[TODOS], ok[TODOS]);
  const fixed = await applyFirstFix(input, 'put-column-not-synced');
  assert.deepEqual(fixed.before.find((f) => f.rule === 'put-column-not-synced')!.fixes.map((f) => [f.title, f.preferred]), [["Bind PendingStatementValue.column('notes') (the name the sync config sends)", true]]);
  await assertFixed(fixed, 'put-column-not-synced', input);
  assert.equal(fixed.files[TODOS], ok[TODOS]);
});

// not-null-without-server-value (sync streams)

test('not-null-without-server-value (Dart): notes TEXT NOT NULL in a \'\'\' string, bound from a Postgres column that allows NULL', () => {
  const findings = findingsOf('dart-rule-not-null-without-server-value');
  assert.deepEqual(findings.map(summary), [`not-null-without-server-value error ${TODOS}:14`]);
  // The column is placed where the CREATE TABLE runs (the constant's execute call).
  assert.deepEqual(relatedOf(findings[0])[0], "lib/powersync/database.dart:11 the NOT NULL column 'todos.notes'");
  assert.deepEqual(findings[0].fixes.map((f) => f.title), ["Make 'todos.notes' nullable (drop its NOT NULL)"]);
});

test('not-null-without-server-value (Dart) fix: NOT NULL leaves the \'\'\' string; it is the ok twin, and the core stores the NULL that failed the checkpoint', async () => {
  const input = files('dart-rule-not-null-without-server-value');
  const before = await analyzeFiles(input);
  const failed = await syncTodos(before.model, NULL_NOTES);
  failed.db.close();
  assert.match(failed.applied.error ?? '', /NOT NULL constraint failed: todos\.notes/);
  const fixed = await applyFirstFix(input, 'not-null-without-server-value');
  await assertFixed(fixed, 'not-null-without-server-value', input);
  assert.equal(fixed.files[TODO_TABLES], files('dart-rule-not-null-without-server-value-ok')[TODO_TABLES]);
  const { db, applied } = await syncTodos(fixed.model, NULL_NOTES);
  assert.deepEqual([applied.applied, applied.error], [true, undefined]);
  assert.deepEqual(db.query('select notes from todos'), [{ notes: null }]);
  db.close();
});

// synced-table-without-client (sync streams)

test('synced-table-without-client (Dart): a lists stream that no raw table of the Schema receives', () => {
  const findings = findingsOf('dart-rule-synced-table-without-client');
  assert.deepEqual(findings.map(summary), ['synced-table-without-client warning powersync/sync-config.yaml:6']);
  assert.match(findings[0].message, /^Synced rows of 'lists' reach no table of the app\./);
});

/** The fixture's tables and raw table in the core, with one todo row synced. */
async function syncTodos(model: Awaited<ReturnType<typeof analyzeFiles>>['model'], data: Record<string, unknown>) {
  const db = await openCoreDatabase(...model.tables.map((t) => t.createSql));
  const schema = { tables: [], raw_tables: model.rawTables.map((r) => r.coreJson) };
  db.replaceSchema(schema);
  const applied = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'todos', id: 't1', data }]);
  return { db, applied };
}

// Every fix offered on a Dart fixture

test('every fix offered on the Dart fixtures applies, leaves Dart that parses, and clears its finding', async () => {
  let applied = 0;
  for (const fixture of DART_FIXTURES.filter((n) => !n.endsWith('-ok'))) {
    const input = files(fixture);
    const first = await analyzeFiles(input);
    const findings = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
    for (const finding of findings) {
      for (const fix of finding.fixes) {
        const fixed = await applyEdits(input, fix.edits);
        for (const [name, text] of Object.entries(fixed.files)) {
          if (text === input[name]) continue;
          assert.ok(name.endsWith('.dart'), `${fixture}: ${fix.title} edits ${name}`);
          assert.deepEqual((await factsOf(text, name)).syntaxErrors, [], `${fixture}: ${name} parses after '${fix.title}'`);
          assert.doesNotMatch(text.replace(input[name], ''), /listOf\(|PendingStatementParameter|Column\("|execSQL|trimIndent|clear = "/, `${fixture}: ${fix.title}`);
        }
        const same = (f: typeof finding) => f.rule === finding.rule && f.message === finding.message;
        assert.deepEqual(fixed.after.filter(same).map((f) => f.message), [], `${fixture}: '${fix.title}' clears its finding`);
        applied++;
      }
    }
  }
  // put (1), replace (1), fk (1), clear (1), parameter list and column name (2), triggers (3),
  // a synced column added to the put (1), a NOT NULL dropped (1).
  assert.equal(applied, 12);
});
