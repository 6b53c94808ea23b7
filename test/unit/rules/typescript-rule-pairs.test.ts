// Each rule that can apply to a TypeScript/JavaScript PowerSync app, on a fixture pair written the
// way apps on @powersync/web, @powersync/react-native and @powersync/node are:
// test/fixtures/ts-rule-<rule>/ triggers the rule, test/fixtures/ts-rule-<rule>-ok/ (near-identical)
// reports nothing at all. Where the rule offers a fix on TypeScript it is applied, the file re-parsed
// and the finding re-checked; where the core can run the fixture, the run-time failure is shown.
// The trigger rules are in typescript-trigger-pairs.test.ts.
//
// Rules that cannot apply to a TypeScript app (asserted below: none fires on any ts-rule-* fixture):
// - schema-order, manual-room-bridge: about Room's @Database(entities) order and a hand-made Room
//   invalidator; a JS app has no Room database.
// - db-path-mismatch: compares the file Room opens with the one PowerSync opens; a JS app has no Room.
// - room-pool-mismatch, room-driver-without-extension, room-init-order, room-integration-version-mismatch,
//   room-fts-integration-version, room-close-order-version, room-schema-drift: Room's connection pool,
//   driver, callbacks, integration-room versions and exported schema JSON; Kotlin (and Java) only.
// - raw-table-added-later: needs Room's exported schema of the version before (schemas/<Db>/<n>.json)
//   to know a table is new; a JS app's migrations have no such record.
//
// rust-client-required applies in part: an explicit clientImplementation: SyncClientImplementation.JAVASCRIPT
// is reported (that client ignores raw tables, @powersync/common 1.34–1.52; 1.53 removed it). A connect()
// without the option on a version whose default was still the JavaScript client (before 1.46) needs the
// npm package version, which is not read yet: silent there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { checkJson, places, textAt, type JsonFinding } from '../../support/findings';
import { applyEdits, applyFirstFix, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { fixturePath } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { openCoreDatabase } from '../engine/core-database';
import { contactsAfterClear, eventsKeyAndDelete, issueBeforeItsProject, itemIntoMissingTable, notesAndTagsSecondSync, recipesFavoriteAfterSync, uuidIntoIntegerId } from './fixture-sync';

const summary = (f: JsonFinding) => `${f.rule} ${f.severity} ${places([f])[0]}`;
const findingsOf = (fixture: string) => checkJson(fixturePath(fixture)).findings;
const files = (fixture: string) => filesUnder(fixturePath(fixture));
/** Replaces the one occurrence of `from` in a file of an in-memory workspace. */
function edited(workspace: Record<string, string>, name: string, from: string, to: string): Record<string, string> {
  const text = workspace[name];
  assert.equal(text.split(from).length, 2, `exactly one '${from}' in ${name}`);
  return { ...workspace, [name]: text.replace(from, to) };
}

const TS_FIXTURES = readdirSync(fixturePath()).filter((name) => name.startsWith('ts-rule-')).sort();

const NOT_FOR_TYPESCRIPT = [
  'schema-order', 'manual-room-bridge', 'db-path-mismatch', 'room-pool-mismatch', 'room-driver-without-extension', 'room-init-order',
  'room-integration-version-mismatch', 'room-fts-integration-version', 'room-close-order-version', 'room-schema-drift',
  'raw-table-added-later',
];

/** Rules about the JS SDKs' own API, with TypeScript fixture pairs `rule-<id>` / `rule-<id>-ok`. */
const JS_ONLY_RULES = ['diff-trigger-on-raw-table', 'js-rust-client-required', 'js-sdk-raw-table-version', 'raw-table-options-ignored', 'with-raw-tables-result'];
/** Rules across the backend chain (sync config, Postgres migrations), with fixture pairs `rule-<id>` / `rule-<id>-ok` in TypeScript apps. */
const BACKEND_RULES = ['sync-config-invalid', 'put-column-not-synced', 'synced-column-not-stored', 'not-null-without-server-value', 'synced-table-without-client', 'fk-across-priorities', 'upload-column-not-in-postgres'];
/** Rules about the Dart SDK's own API (pubspec versions), which no TypeScript app can break. */
const DART_ONLY_RULES: string[] = ['dart-sdk-raw-table-version'];

test('every rule that can apply to TypeScript has a fixture pair; the others fire on none of them', () => {
  const pairs = TS_FIXTURES.filter((n) => !n.endsWith('-ok')).map((n) => n.slice('ts-rule-'.length));
  for (const name of pairs) assert.ok(TS_FIXTURES.includes(`ts-rule-${name}-ok`), `ts-rule-${name} has its -ok twin`);
  // Rules only the JS SDKs can break have their TypeScript pairs under their own name (`rule-<id>`, `rule-<id>-ok`).
  const all = readdirSync(fixturePath());
  for (const id of [...JS_ONLY_RULES, ...BACKEND_RULES]) assert.ok(all.includes(`rule-${id}`) && all.includes(`rule-${id}-ok`), `rule-${id} has a TypeScript fixture pair`);
  assert.deepEqual(
    RULES.map((r) => r.meta.id).filter((id) => !NOT_FOR_TYPESCRIPT.includes(id) && !JS_ONLY_RULES.includes(id) && !DART_ONLY_RULES.includes(id) && !BACKEND_RULES.includes(id)).sort(),
    pairs.sort(),
  );
  for (const fixture of TS_FIXTURES) {
    const fired = findingsOf(fixture).filter((f) => NOT_FOR_TYPESCRIPT.includes(f.rule));
    assert.deepEqual(fired.map(summary), [], fixture);
  }
});

test('every ok twin reports nothing at all; findings on TypeScript speak the JS SDK, never Kotlin or Room', () => {
  for (const fixture of TS_FIXTURES) {
    const findings = findingsOf(fixture);
    if (fixture.endsWith('-ok')) assert.deepEqual(findings.map(summary), [], fixture);
    for (const f of findings) {
      const texts = [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title), ...f.fixes.flatMap((x) => x.edits.map((e) => e.newText))];
      for (const text of texts) {
        assert.doesNotMatch(text, /\bRoom\b|Kotlin|Gradle|\bmodule\b|PendingStatement|Column\("|listOf\(|RawTable\(|SyncOptions|clear = "|@PrimaryKey|a String\b|execSQL|trimIndent/, `${fixture}: ${text}`);
      }
    }
  }
});

// put-not-upsert

test('put-not-upsert (TS): a plain INSERT built in a template from a constant of another module, and INSERT OR IGNORE', () => {
  const findings = findingsOf('ts-rule-put-not-upsert');
  assert.deepEqual(findings.map(summary), ['put-not-upsert error src/powersync/schema.ts:6', 'put-not-upsert error src/powersync/schema.ts:16']);
  const [notes, tags] = findings;
  assert.match(notes.message, /'notes' is a plain INSERT: .*'UNIQUE constraint failed: notes\.id'/);
  assert.match(tags.message, /'tags' ignores conflicts: .*the update is dropped/);
  // On the SQL itself: the template literal, the string.
  assert.match(textAt(`${fixturePath('ts-rule-put-not-upsert')}/src/powersync/schema.ts`, notes.range), /^`INSERT INTO notes \(id, \$\{NOTE_COLUMNS\.join/);
  assert.equal(textAt(`${fixturePath('ts-rule-put-not-upsert')}/src/powersync/schema.ts`, tags.range), "'INSERT OR IGNORE INTO tags (id, label) VALUES (?, ?)'");
  assert.deepEqual(notes.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), ["src/powersync/database.ts:11 table 'notes'"]);
});

test('put-not-upsert (TS) fix: the INSERT OR IGNORE string becomes an upsert; the file parses and the finding is gone', async () => {
  const input = files('ts-rule-put-not-upsert');
  const first = await analyzeFiles(input);
  const tags = runRules(RULES, first.model, first.analyzer.ruleContext()).findings.find((f) => f.rule === 'put-not-upsert' && f.message.includes("'tags'"))!;
  const fix = tags.fixes.find((f) => f.preferred) ?? tags.fixes[0];
  assert.equal(fix.edits[0].newText, "'INSERT INTO tags (id, label) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET label = excluded.label'");
  const fixed = await applyEdits(input, fix.edits);
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'put-not-upsert').map((f) => f.message.split(' The ')[0]), ["Sync stalls once the server updates a row of 'notes'."]);
  const tagsPut = fixed.model.rawTables.find((t) => t.name === 'tags')!.put!.sql!;
  const db = await openCoreDatabase(...fixed.model.tables.map((t) => t.createSql));
  db.exec(tagsPut.replace(/\?/g, "'t1'"));
  db.exec(tagsPut.replace('VALUES (?, ?)', "VALUES ('t1', 'later')"));
  assert.deepEqual(db.query('select label from tags'), [{ label: 'later' }]);
  db.close();
});

test('put-not-upsert (TS) at run time: the second sync of a note fails with the UNIQUE error, a tag update is dropped; the ok twin applies both', async () => {
  for (const [fixture, broken] of [['ts-rule-put-not-upsert', true], ['ts-rule-put-not-upsert-ok', false]] as const) {
    await notesAndTagsSecondSync(fixture, broken);
  }
});

// replace-resets-local-columns

const RECIPES = 'src/db/schema.ts';

test('replace-resets-local-columns (TS, React Native): INSERT OR REPLACE over a table with local-only columns', () => {
  const findings = findingsOf('ts-rule-replace-resets-local-columns');
  assert.deepEqual(findings.map(summary), [`replace-resets-local-columns error ${RECIPES}:11`]);
  assert.match(findings[0].message, /^Each synced row of 'recipes' resets local-only data\. .*the local-only columns 'is_favorite', 'last_opened_at' go back to their defaults/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [
    "src/db/migrations.ts:5 local-only column 'is_favorite'",
    "src/db/migrations.ts:5 local-only column 'last_opened_at'",
  ]);
});

test('replace-resets-local-columns (TS) at run time: a synced update resets is_favorite; the ok twin keeps it', async () => {
  await recipesFavoriteAfterSync('ts-rule-replace-resets-local-columns');
});

test('replace-resets-local-columns (TS) fix: a put written as one string becomes an upsert of its columns, and the finding is gone', async () => {
  // The fix rewrites a put whose SQL is one literal (a template built from SYNCED is left alone).
  const input = edited(files('ts-rule-replace-resets-local-columns'), RECIPES,
    'sql: `INSERT OR REPLACE INTO recipes (id, ${SYNCED.join(\', \')}) VALUES (?, ?, ?)`,',
    "sql: 'INSERT OR REPLACE INTO recipes (id, title, minutes) VALUES (?, ?, ?)',");
  const fixed = await applyFirstFix(input, 'replace-resets-local-columns');
  await assertFixed(fixed, 'replace-resets-local-columns', input);
  // Written as a template literal, the SQL laid out one clause a line.
  assert.match(fixed.files[RECIPES], /sql: `\n\s+INSERT INTO recipes \(id, title, minutes\)\n\s+VALUES \(\?, \?, \?\)\n\s+ON CONFLICT\(id\) DO UPDATE SET title = excluded\.title, minutes = excluded\.minutes\n\s+`,/);
  const put = fixed.model.rawTables.find((t) => t.name === 'recipes')!.put!.sql!;
  // The fixed put keeps is_favorite in the core.
  const db = await openCoreDatabase(...fixed.model.tables.map((t) => t.createSql), "INSERT INTO recipes (id, title, is_favorite) VALUES ('r1', 'Soup', 1)");
  db.exec(put.replace('VALUES (?, ?, ?)', "VALUES ('r1', 'Soup', 25)"));
  assert.deepEqual(db.query('select minutes, is_favorite from recipes'), [{ minutes: 25, is_favorite: 1 }]);
  db.close();
});

// fk-not-deferrable

test('fk-not-deferrable (TS): an immediate REFERENCES in a CREATE TABLE run in writeTransaction, with PRAGMA foreign_keys = ON', () => {
  const findings = findingsOf('ts-rule-fk-not-deferrable');
  assert.deepEqual(findings.map(summary), ['fk-not-deferrable error src/lib/powersync/db.ts:24']);
  assert.match(findings[0].message, /^The foreign key from 'issues' to 'projects' is checked immediately\. .*Declare it DEFERRABLE INITIALLY DEFERRED\.$/);
  // Where the constant holding the CREATE TABLE is run.
  assert.equal(textAt(`${fixturePath('ts-rule-fk-not-deferrable')}/src/lib/powersync/db.ts`, findings[0].range), 'CREATE_ISSUES');
});

test('fk-not-deferrable (TS) fix: DEFERRABLE INITIALLY DEFERRED lands in the constant\'s template literal; the result is the ok twin', async () => {
  const input = files('ts-rule-fk-not-deferrable');
  const fixed = await applyFirstFix(input, 'fk-not-deferrable');
  await assertFixed(fixed, 'fk-not-deferrable', input);
  assert.equal(fixed.files['src/lib/powersync/db.ts'], files('ts-rule-fk-not-deferrable-ok')['src/lib/powersync/db.ts']);
});

test('fk-not-deferrable (TS): the raw tables built by Object.fromEntries(Object.entries(…).map(([table, columns]) => …)) are read', async () => {
  const { model } = await analyzeFiles(files('ts-rule-fk-not-deferrable'));
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.localTable, t.unresolved === undefined, t.clear?.sql]), [
    ['projects', 'projects', true, 'DELETE FROM projects'],
    ['issues', 'issues', true, 'DELETE FROM issues'],
  ]);
});

test('fk-not-deferrable (TS) at run time: an issue synced with its new project fails (the core applies issues first); deferred, the checkpoint applies', async () => {
  await issueBeforeItsProject('ts-rule-fk-not-deferrable');
});

// missing-clear

test('missing-clear (TS, Node): disconnectAndClear({ clearLocal: true }) with a raw table written as a shorthand property that has no clear', () => {
  const findings = findingsOf('ts-rule-missing-clear');
  assert.deepEqual(findings.map(summary), ['missing-clear info src/schema.ts:24']);
  assert.match(findings[0].message, /^Signing out leaves every row of 'contacts' on the device\. .*Add clear: 'DELETE FROM contacts'\.$/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), ['src/db.ts:41 disconnectAndClear() is called here, on a database opened with this raw table']);
});

test('missing-clear (TS) fix: clear: \'DELETE FROM contacts\' is added to the declaration object; it parses and clears the rows in the core', async () => {
  const input = files('ts-rule-missing-clear');
  const fixed = await applyFirstFix(input, 'missing-clear');
  await assertFixed(fixed, 'missing-clear', input);
  // The declaration now reads as the ok twin's.
  assert.equal(fixed.files['src/schema.ts'], files('ts-rule-missing-clear-ok')['src/schema.ts']);
  const contacts = fixed.model.rawTables.find((t) => t.name === 'contacts')!;
  const db = await openCoreDatabase(...fixed.model.tables.map((t) => t.createSql), "INSERT INTO contacts (id, name) VALUES ('c1', 'Ada')");
  db.exec(contacts.clear!.sql!);
  assert.equal(db.scalar('select count(*) from contacts'), 0);
  db.close();
});

test('missing-clear (TS) at run time: powersync_clear leaves the contacts of the previous account; with clear it empties them', async () => {
  await contactsAfterClear('ts-rule-missing-clear');
});

// statement-invalid

const CALENDAR = 'src/powersync/AppSchema.ts';

test('statement-invalid (TS): a delete binding { Column: \'id\' }, and a put key that names no column', () => {
  const findings = findingsOf('ts-rule-statement-invalid');
  assert.deepEqual(findings.map(summary), [`statement-invalid error ${CALENDAR}:12`, `statement-invalid error ${CALENDAR}:19`]);
  const [del, key] = findings;
  assert.match(del.message, /^Sync stops at the first deletion of 'calendars'\. The delete of raw table 'calendars' binds \{ Column: 'id' \}.*Use 'Id' only\.$/);
  assert.equal(textAt(`${fixturePath('ts-rule-statement-invalid')}/${CALENDAR}`, del.range), "{ Column: 'id' }");
  assert.match(key.message, /binds \{ Column: 'start_at' \}, which names no column of 'events' \(did you mean 'starts_at'\?\).*NOT NULL constraint failed: events\.starts_at/);
  assert.deepEqual(key.fixes.map((f) => f.title), ["Bind { Column: 'starts_at' } (the column's exact name)"]);
});

test('statement-invalid (TS) fix: the key is corrected in place; the file parses and that finding is gone', async () => {
  const input = files('ts-rule-statement-invalid');
  const first = await analyzeFiles(input);
  const key = runRules(RULES, first.model, first.analyzer.ruleContext()).findings.find((f) => f.rule === 'statement-invalid' && f.fixes.length > 0)!;
  const fixed = await applyEdits(input, key.fixes[0].edits);
  assert.match(fixed.files[CALENDAR], /\{ Column: 'title' \}, \{ Column: 'starts_at' \}, \{ Column: 'calendar_id' \}/);
  assert.deepEqual(fixed.after.map((f) => `${f.rule} ${f.loc.range.start.line + 1}`), ['statement-invalid 12']);
});

test('statement-invalid (TS) at run time: the misspelt key binds NULL into a NOT NULL column; the Column delete fails; the ok twin applies both', async () => {
  await eventsKeyAndDelete('ts-rule-statement-invalid');
});

// raw-table-unmatched

test('raw-table-unmatched (TS): a put into \'item\' where the app creates \'items\', an inferred table named \'store\' beside \'stores\'', () => {
  const findings = findingsOf('ts-rule-raw-table-unmatched');
  assert.deepEqual(findings.map(summary), ['raw-table-unmatched error src/data/schema.ts:7', 'raw-table-unmatched error src/data/schema.ts:17']);
  const [put, inferred] = findings;
  assert.match(put.message, /^Sync of 'items' fails: its local table 'item' does not exist\. .*which no CREATE TABLE in this workspace creates \(did you mean 'items'\?\)\. .*'no such table: item'/);
  assert.match(inferred.message, /which no CREATE TABLE in this workspace creates \(did you mean 'stores'\?\)\. .*'Could not find store in local schema'/);
  assert.equal(textAt(`${fixturePath('ts-rule-raw-table-unmatched')}/src/data/schema.ts`, inferred.range), "{ tableName: 'store', syncedColumns: ['name', 'address'] }");
});

test('raw-table-unmatched (TS) at run time: the put into \'item\' fails with no such table; the ok twin applies', async () => {
  await itemIntoMissingTable('ts-rule-raw-table-unmatched');
});

// id-not-text

test('id-not-text (TS): id INTEGER PRIMARY KEY AUTOINCREMENT in a CREATE TABLE template', () => {
  const findings = findingsOf('ts-rule-id-not-text');
  assert.deepEqual(findings.map(summary), ['id-not-text error src/powersync.ts:23']);
  assert.match(findings[0].message, /^Synced rows of 'observations' with non-integer ids fail to apply\. .*AUTOINCREMENT also numbers new local rows .*Declare it 'id TEXT PRIMARY KEY', create ids with uuid\(\), and migrate the existing table\.$/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), ["src/powersync.ts:17 raw table 'observations' syncs into 'observations'"]);
});

test('id-not-text (TS) at run time: a UUID id fails the checkpoint with datatype mismatch; a TEXT id takes it', async () => {
  await uuidIntoIntegerId('ts-rule-id-not-text');
});

// view-name-clash

test('view-name-clash (TS): a JSON-backed Table left in new Schema({…}) under the name its raw table and CREATE TABLE use', () => {
  const findings = findingsOf('ts-rule-view-name-clash');
  assert.deepEqual(findings.map(summary), ['view-name-clash error src/powersync/AppSchema.ts:22']);
  assert.equal(textAt(`${fixturePath('ts-rule-view-name-clash')}/src/powersync/AppSchema.ts`, findings[0].range), 'todos');
  assert.match(findings[0].message, /^PowerSync cannot apply its schema: view 'todos' clashes with a table\. .*remove 'todos' from new Schema\(\{…\}\)\.$/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1}`), ['src/powersync/db.ts:8', 'src/powersync/AppSchema.ts:24']);
});

test('view-name-clash (TS) in the core: the JS schema (a view table and a raw table both named todos) fails powersync_replace_schema over the app\'s table', async () => {
  const { model } = await analyzeFiles(files('ts-rule-view-name-clash'));
  const todos = model.tables.find((t) => t.name === 'todos')!;
  const rawTable = model.rawTables.find((t) => t.name === 'todos')!.coreJson!;
  const view = { name: 'todos', columns: [{ name: 'list_id', type: 'TEXT' }, { name: 'description', type: 'TEXT' }, { name: 'completed', type: 'INTEGER' }] };
  const db = await openCoreDatabase(todos.createSql);
  // The JS SDK's Schema checks no names: the core gets both, and the view cannot be created.
  assert.throws(() => db.replaceSchema({ tables: [view], raw_tables: [rawTable] }), /internal SQLite call returned ERROR/);
  // Without the JSON-backed table (the ok twin), the schema applies over the app's table.
  db.replaceSchema({ tables: [], raw_tables: [rawTable] });
  assert.equal(db.scalar("select type from sqlite_master where name = 'todos'"), 'table');
  db.close();
  // Where the view gets there first, the JSON-backed table takes the synced rows of 'todos'.
  const first = await openCoreDatabase();
  const schema = { tables: [view], raw_tables: [rawTable] };
  first.replaceSchema(schema);
  const session = startSync(first, schema);
  const synced = session.applyCheckpoint([{ op: 'PUT', type: 'todos', id: 't1', data: { list_id: 'l1', description: 'Milk', completed: 0 } }]);
  assert.deepEqual([synced.ok, synced.applied], [true, true], synced.error);
  assert.equal(first.scalar('select count(*) from ps_data__todos'), 1);
  assert.equal(first.scalar("select type from sqlite_master where name = 'todos'"), 'view');
  first.close();
});

// not-analyzed

test('not-analyzed (TS): a put whose SQL comes from a package function is reported as not checked; the workspace\'s own function is read', async () => {
  const findings = findingsOf('ts-rule-not-analyzed');
  assert.deepEqual(findings.map(summary), ['not-analyzed info src/db/schema.ts:8']);
  assert.match(findings[0].message, /^Not checked: the put's SQL of raw table 'bookmarks'\. It is computed by upsertSql\(…\)/);
  // The ok twin's upsertSql is in the workspace: the put is known, and every rule checked it.
  const { model } = await analyzeFiles(files('ts-rule-not-analyzed-ok'));
  assert.match(model.rawTables[0].put?.sql ?? '', /^INSERT INTO bookmarks \(id, url, title\) VALUES \(\?, \?, \?\)\s+ON CONFLICT\(id\) DO UPDATE SET url = excluded\.url, title = excluded\.title$/);
});

// rust-client-required

const SYNC = 'src/powersync/sync.ts';

test('rust-client-required (TS): connect(…, { clientImplementation: SyncClientImplementation.JAVASCRIPT }) with raw tables', () => {
  const findings = findingsOf('ts-rule-rust-client-required');
  assert.deepEqual(findings.map(summary), [`rust-client-required error ${SYNC}:7`]);
  assert.equal(textAt(`${fixturePath('ts-rule-rust-client-required')}/${SYNC}`, findings[0].range), 'SyncClientImplementation.JAVASCRIPT');
  assert.match(findings[0].message, /^Synced rows never reach the raw tables: the JavaScript sync client ignores them\. .*rows of 'notes', 'tags' are never written .*Use SyncClientImplementation\.RUST\.$/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), ["src/powersync/schema.ts:26 raw table 'notes'", "src/powersync/schema.ts:26 raw table 'tags'"]);
});

test('rust-client-required (TS) fix: the option names the Rust client; the file parses and the finding is gone', async () => {
  const input = files('ts-rule-rust-client-required');
  const fixed = await applyFirstFix(input, 'rust-client-required');
  await assertFixed(fixed, 'rust-client-required', input);
  assert.match(fixed.files[SYNC], /\n    clientImplementation: SyncClientImplementation\.RUST,\n/);
});

test('rust-client-required (TS): options held by a constant are read, and fixed there; unreadable options, no option, or no raw table say nothing', async () => {
  const run = async (workspace: Record<string, string>) => {
    const { model, analyzer } = await analyzeFiles(workspace);
    return runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'rust-client-required');
  };
  const input = files('ts-rule-rust-client-required');
  const constant = edited(input, SYNC, 'await db.connect(new NotesConnector(), {', 'await db.connect(new NotesConnector(), SYNC_OPTIONS);\n}\n\nconst SYNC_OPTIONS = {');
  const viaConstant = await run(edited(constant, SYNC, '    crudUploadThrottleMs: 500,\n  });\n}', '    crudUploadThrottleMs: 500,\n};'));
  assert.deepEqual(viaConstant.map((f) => [f.loc.range.start.line + 1, f.fixes[0]?.edits.map((e) => [e.range.start.line + 1, e.newText])]), [[10, [[10, 'SyncClientImplementation.RUST']]]]);
  const unread = edited(input, SYNC, 'export async function startSync(db: PowerSyncDatabase): Promise<void> {\n  await db.connect(new NotesConnector(), {\n    clientImplementation: SyncClientImplementation.JAVASCRIPT,\n    crudUploadThrottleMs: 500,\n  });',
    'export async function startSync(db: PowerSyncDatabase, options: object): Promise<void> {\n  await db.connect(new NotesConnector(), options);');
  assert.deepEqual(await run(unread), []);
  assert.deepEqual(await run(edited(input, SYNC, '    clientImplementation: SyncClientImplementation.JAVASCRIPT,\n', '')), []);
  assert.deepEqual(await run(edited(input, 'src/powersync/schema.ts', 'AppSchema.withRawTables({ notes: NOTES, tags: TAGS });\n', '')), []);
});
