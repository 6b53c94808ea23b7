import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';
import { analyzeFixture } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import path from 'node:path';

const RULE = 'room-fts-integration-version';
const FIXTURE = 'rule-room-fts-integration-version';
const CATALOG = 'gradle/libs.versions.toml';
const DATABASE = 'shared/src/commonMain/kotlin/com/example/notes/data/NotesDatabase.kt';
const SYNC = 'shared/src/commonMain/kotlin/com/example/notes/sync/NotesSync.kt';

const ftsFindings = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const withVersion = (version: string) => fixtureVariant(FIXTURE, { [CATALOG]: replacing('powersync = "1.12.0"', `powersync = "${version}"`) });

test('room-fts-integration-version: an @Fts4 entity, a RoomConnectionPool and integration-room 1.12.0', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), [`${DATABASE}:19`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'warning');
  assert.equal(textAt(path.join(fixturePath(FIXTURE), DATABASE), finding.range), '"note_search"');
  assert.match(finding.message, /^PowerSync writes that change FTS table 'note_search' throw in the Room integration\. integration-room 1\.12\.0 hands every table/);
  assert.match(finding.message, /It mirrors 'note' \(contentEntity\), so every write to 'note' through PowerSync, synced rows included, reaches it\./);
  assert.match(finding.message, /update PowerSync and integration-room to 1\.13\.0 or later\.$/);
  assert.deepEqual(
    finding.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`),
    [`${CATALOG}:2 integration-room 1.12.0`, `${SYNC}:17 PowerSync writes through this Room database`],
  );
});

test('room-fts-integration-version: integration-room 1.13.0 is clean', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('room-fts-integration-version: versions before the integration, at the fix and unknown ones are silent', () => {
  for (const version of ['1.5.1', '1.13.0', '1.16.1', '1.13.0-SNAPSHOT']) assert.deepEqual(places(ftsFindings(withVersion(version))), [], version);
  assert.deepEqual(places(ftsFindings(withVersion('1.6.0'))), [`${DATABASE}:19`]);
});

test('room-fts-integration-version: silent without the shape (no pool, no FTS entity, two Room databases)', () => {
  const noPool = fixtureVariant(FIXTURE, {
    [SYNC]: replacing('pool = RoomConnectionPool(room, notesSchema)', 'factory = createFactory(room)'),
  });
  assert.deepEqual(places(ftsFindings(noPool)), []);
  const noFts = fixtureVariant(FIXTURE, { [DATABASE]: replacing('@Fts4(contentEntity = NoteEntity::class)\n', '') });
  assert.deepEqual(places(ftsFindings(noFts)), []);
  const twoDatabases = fixtureVariant(FIXTURE, {
    [DATABASE]: (text) => `${text}\n@Database(entities = [NoteEntity::class], version = 1)\nabstract class ArchiveDatabase : RoomDatabase()\n`,
  });
  assert.deepEqual(places(ftsFindings(twoDatabases)), []);
});

test('room-fts-integration-version: a plain @Fts4 entity (no contentEntity) is reported without the mirror sentence', () => {
  const plain = fixtureVariant(FIXTURE, { [DATABASE]: replacing('@Fts4(contentEntity = NoteEntity::class)', '@Fts4') });
  const findings = ftsFindings(plain);
  assert.deepEqual(places(findings), [`${DATABASE}:19`]);
  assert.doesNotMatch(findings[0].message, /mirrors/);
});

/**
 * What the rule stands on, in the PowerSync core: a write that reaches an FTS4 table (Room's own
 * CREATE VIRTUAL TABLE, derived from the fixture) reports its shadow tables through
 * powersync_update_hooks, the names RoomConnectionPool read before 1.13.0. Only names whose
 * pragma_table_list type is `table` are Room's; 1.13.0 forwards only those.
 */
test('room-fts-integration-version: a write through the content table reports the FTS shadow tables in the core', async () => {
  const { model } = await analyzeFixture(FIXTURE);
  const note = model.tables.find((t) => t.name === 'note');
  const search = model.tables.find((t) => t.name === 'note_search');
  assert.ok(note && search?.fts);
  assert.match(search.createSql, /^CREATE VIRTUAL TABLE IF NOT EXISTS `note_search` USING FTS4\(.*content=`note`\)$/);
  const db = await openCoreDatabase(
    note.createSql,
    search.createSql,
    // Room's content-sync trigger for an insert into the content table (FtsTableInfo's trigger SQL).
    'CREATE TRIGGER IF NOT EXISTS room_fts_content_sync_note_search_AFTER_INSERT AFTER INSERT ON `note` BEGIN INSERT INTO `note_search`(`docid`, `title`, `body`) VALUES (NEW.`rowid`, NEW.`title`, NEW.`body`); END',
  );
  db.query("SELECT powersync_update_hooks('install')");
  // What the sync client does for a synced row of the raw table 'note'.
  db.exec("INSERT INTO note (id, title, body) VALUES ('n1', 'Groceries', 'milk and bread')");
  const changed = db.query("SELECT value AS name, (SELECT type FROM pragma_table_list(value)) AS type FROM json_each(powersync_update_hooks('get')) ORDER BY value");
  assert.deepEqual(changed, [
    { name: 'note', type: 'table' },
    { name: 'note_search_docsize', type: 'shadow' },
    { name: 'note_search_segdir', type: 'shadow' },
    { name: 'note_search_stat', type: 'shadow' },
  ]);
  // Before 1.13.0 only ps_ and room_ names were left out: these reach Room's refresh.
  const forwardedBefore = changed.map((c) => c.name).filter((n) => typeof n === 'string' && !n.startsWith('ps_') && !n.startsWith('room_'));
  const roomTables = new Set(model.roomDatabases[0].entities.map((e) => e.tableName));
  assert.deepEqual(forwardedBefore.filter((n) => !roomTables.has(n as string)), ['note_search_docsize', 'note_search_segdir', 'note_search_stat']);
  db.close();
});
