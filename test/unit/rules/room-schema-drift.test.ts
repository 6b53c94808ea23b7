import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkJson, fixtureFindings, places, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';
import { analyzeFixture } from '../../support/workspace';
import { anyFileUnread } from '../../../server/src/model/synced-tables';
import { entityTablesOf, roomSchemaExports } from '../../../server/src/model/room-schema-exports';

const RULE = 'room-schema-drift';
const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';
const DATABASE = 'src/commonMain/kotlin/com/example/notes/data/NotesDatabase.kt';
const EXPORTS = 'schemas/com.example.notes.data.NotesDatabase';
const EXPORT_2 = `${EXPORTS}/2.json`;
const VARIANT_EXPORT_2 = `schemas/debug/com.example.notes.data.NotesDatabase/2.json`;
/** The `note` statement as the drift fixture's 2.json has it: `body` still NOT NULL. */
const STALE_BODY = '`body` TEXT NOT NULL, `pinned`';

const drift = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const okExport = () => readFileSync(path.join(fixturePath('rule-room-schema-drift-ok'), EXPORT_2), 'utf8');

test('room-schema-drift: an export of the same version whose CREATE TABLE differs in one column', () => {
  const findings = fixtureFindings('rule-room-schema-drift', RULE);
  // Only 'note' (line 29: `data class NoteEntity(`); 'folder' is the same, and 1.json is another version.
  assert.deepEqual(places(findings), [`${ENTITIES}:29`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'info');
  assert.equal(textAt(path.join(fixturePath('rule-room-schema-drift'), finding.file), finding.range), 'NoteEntity');
  assert.match(finding.message, /^Table 'note' differs from Room's exported schema \(version 2\)\. /);
  assert.match(finding.message, / Column 'body' differs: `body` TEXT NOT NULL in the export, `body` TEXT from the entity\. /);
  assert.match(finding.message, /Either the export is stale: NoteEntity changed after Room wrote it, and NotesDatabase's version stayed 2\./);
  assert.match(finding.message, /'Room cannot verify the data integrity'/);
  assert.match(finding.message, /Or Rawsync derived the table wrongly/);
  // Related: the export's createSql value, quotes included, on its own line of the JSON.
  assert.equal(finding.related.length, 1);
  const [related] = finding.related;
  assert.equal(related.file, EXPORT_2);
  const json = path.join(fixturePath('rule-room-schema-drift'), EXPORT_2);
  const quoted = textAt(json, related.range);
  assert.equal(JSON.parse(quoted), JSON.parse(readFileSync(json, 'utf8')).database.entities[1].createSql);
  assert.deepEqual(related.range.start, { line: 38, character: 21 });
  assert.match(related.message, /^the CREATE TABLE of 'note' in Room's export of NotesDatabase version 2$/);
});

test("room-schema-drift: nothing when the export is what Room writes for the entities", () => {
  const { findings } = checkJson(fixturePath('rule-room-schema-drift-ok'));
  assert.deepEqual(findings.map((f) => f.rule), []);
});

test("room-schema-drift: the -ok export's statements are the derived ones, to the character", async () => {
  // The fixture's 2.json was written by hand from Room's rules; the derivation must agree with it.
  const { model, analyzer } = await analyzeFixture('rule-room-schema-drift-ok');
  const [exported] = roomSchemaExports(model);
  assert.equal(exported.version, 2);
  assert.equal(exported.database.qualifiedName, 'com.example.notes.data.NotesDatabase');
  const tables = entityTablesOf(exported.database, model);
  assert.deepEqual(tables.map((t) => t.name), ['folder', 'note']);
  for (const table of tables) {
    const [fact] = exported.tables.get(table.name)!;
    assert.equal(fact.createSql, table.createSql);
    assert.deepEqual(fact.indexSql, table.indices.map((i) => i.createSql));
  }
  analyzer.dispose();
});

test('room-schema-drift: the Room 3 layout, with a variant folder and androidx.room3', () => {
  const findings = fixtureFindings('rule-room-schema-drift-variant', RULE);
  assert.deepEqual(places(findings), [`${ENTITIES}:29`]);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1}`), [`${VARIANT_EXPORT_2}:39`]);
  assert.match(findings[0].related[0].message, /version 2 \(debug\)$/);
});

test('room-schema-drift: two variant exports that agree are one finding; that disagree, none', () => {
  const driftText = readFileSync(path.join(fixturePath('rule-room-schema-drift-variant'), VARIANT_EXPORT_2), 'utf8');
  const agree = drift(fixtureVariant('rule-room-schema-drift-variant', { [VARIANT_EXPORT_2.replace('/debug/', '/release/')]: driftText }));
  assert.deepEqual(places(agree), [`${ENTITIES}:29`]);
  assert.deepEqual(agree[0].related.map((r) => r.file).sort(), [VARIANT_EXPORT_2, VARIANT_EXPORT_2.replace('/debug/', '/release/')]);
  const disagree = drift(fixtureVariant('rule-room-schema-drift-variant', { [VARIANT_EXPORT_2.replace('/debug/', '/release/')]: okExport() }));
  assert.deepEqual(places(disagree), []);
});

test('room-schema-drift: a broken export is not-analyzed, and no other rule loses its facts', async () => {
  const { findings } = checkJson(fixturePath('rule-room-schema-drift-broken'));
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`), [`not-analyzed ${EXPORT_2}:1`]);
  assert.match(findings[0].message, /^Not checked: this file\. Rawsync could not read it \(it is not valid JSON: .*\(line 24, column 28\)\)/);
  // The export declares no code: raw tables and triggers elsewhere are still known in full.
  const { model, analyzer } = await analyzeFixture('rule-room-schema-drift-broken');
  assert.equal(anyFileUnread(model), false);
  assert.deepEqual(roomSchemaExports(model), []);
  analyzer.dispose();
});

test('room-schema-drift: silent when the version is not known or has no export', () => {
  const unknown = fixtureVariant('rule-room-schema-drift', {
    [DATABASE]: replacing('version = 2)', 'version = BuildConfig.DB_VERSION)'),
  });
  assert.deepEqual(places(drift(unknown)), []);
  const newer = fixtureVariant('rule-room-schema-drift', { [DATABASE]: replacing('version = 2)', 'version = 3)') });
  assert.deepEqual(places(drift(newer)), []);
});

test('room-schema-drift: version 1 compares with 1.json, a constant version is evaluated', () => {
  const older = drift(fixtureVariant('rule-room-schema-drift', { [DATABASE]: replacing('version = 2)', 'version = 1)') }));
  assert.deepEqual(places(older), [`${ENTITIES}:29`]);
  assert.match(older[0].message, /\(version 1\)\. Column 'body' differs/);
  assert.deepEqual(older[0].related.map((r) => r.file), [`${EXPORTS}/1.json`]);
  const constant = drift(fixtureVariant('rule-room-schema-drift', {
    [DATABASE]: (text) => replacing('version = 2)', 'version = DB_VERSION)')(text) + '\nconst val DB_VERSION = 2\n',
  }));
  assert.deepEqual(places(constant), [`${ENTITIES}:29`]);
});

test('room-schema-drift: silent when the export lacks the table, or names another database class', () => {
  const missing = fixtureVariant('rule-room-schema-drift', { [EXPORT_2]: replacing('"tableName": "note"', '"tableName": "note_archive"') });
  assert.deepEqual(places(drift(missing)), []);
  const otherClass = fixtureVariant('rule-room-schema-drift', {
    [EXPORT_2]: null,
    [`${EXPORTS}/1.json`]: null,
    [`schemas/com.example.other.NotesDatabase/2.json`]: readFileSync(path.join(fixturePath('rule-room-schema-drift'), EXPORT_2), 'utf8'),
  });
  assert.deepEqual(places(drift(otherClass)), []);
});

test('room-schema-drift: silent when the entity is not fully derived', () => {
  const unresolved = fixtureVariant('rule-room-schema-drift', {
    [ENTITIES]: replacing('    val pinned: Boolean = false,\n', '    val pinned: Boolean = false,\n    val color: ExternalColor,\n'),
  });
  assert.deepEqual(places(drift(unresolved)), []);
});

test('room-schema-drift: the comparison is exact and case-sensitive; the difference is named', () => {
  const cases: [string, (text: string) => string, RegExp][] = [
    ['affinity case', replacing('`title` TEXT NOT NULL', '`title` text NOT NULL'), /Column 'title' differs: `title` text NOT NULL in the export, `title` TEXT NOT NULL from the entity\./],
    ['a column only the entity has', replacing('`pinned` INTEGER NOT NULL, ', ''), /The entity has a column 'pinned' \(`pinned` INTEGER NOT NULL\) that the export does not\./],
    ['a column only the export has', replacing('`pinned` INTEGER NOT NULL, ', '`pinned` INTEGER NOT NULL, `color` TEXT, '), /The export has a column 'color' \(`color` TEXT\) that the entity does not\./],
    ['column order', replacing('`title` TEXT NOT NULL, `body` TEXT', '`body` TEXT, `title` TEXT NOT NULL'), /The columns are in another order: the export has 'body' where the entity has 'title'\./],
    ['a foreign key not deferred', replacing('ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)', 'ON DELETE CASCADE )'), /The export has FOREIGN KEY\(`folder_id`\) REFERENCES `folder`\(`id`\) ON UPDATE NO ACTION ON DELETE CASCADE where the entity gives FOREIGN KEY.* DEFERRABLE INITIALLY DEFERRED\./],
    ['only spaces', replacing('`title` TEXT NOT NULL,', '`title` TEXT NOT NULL ,'), /They differ only in spaces\. The export has CREATE TABLE IF NOT EXISTS `note` \(.*; the entity gives CREATE TABLE IF NOT EXISTS `note` \(/],
  ];
  for (const [what, edit, message] of cases) {
    const findings = drift(fixtureVariant('rule-room-schema-drift-ok', { [EXPORT_2]: edit }));
    assert.deepEqual(places(findings), [`${ENTITIES}:29`], what);
    assert.match(findings[0].message, message, what);
  }
});

test('room-schema-drift: a disable comment above the class silences it', () => {
  const dir = fixtureVariant('rule-room-schema-drift', {
    [ENTITIES]: replacing('data class NoteEntity(', '// rawsync-disable-next-line room-schema-drift\ndata class NoteEntity('),
  });
  assert.deepEqual(places(drift(dir)), []);
});

test('room-schema-drift: the stale column is the only difference between the two fixtures', () => {
  const stale = readFileSync(path.join(fixturePath('rule-room-schema-drift'), EXPORT_2), 'utf8');
  assert.ok(stale.includes(STALE_BODY));
  const createSql = (text: string) => JSON.parse(text).database.entities.map((e: { createSql: string }) => e.createSql);
  assert.deepEqual(createSql(stale), createSql(okExport()).map((s: string) => s.replace('`body` TEXT, `pinned`', STALE_BODY)));
});

const NOTE_SEARCH = `

@Entity(tableName = "note_search")
@Fts4(contentEntity = NoteEntity::class, notIndexed = ["updated_at"])
data class NoteSearch(
    val title: String,
    val body: String?,
    @ColumnInfo(name = "updated_at") val updatedAt: Long,
)
`;
const NOTE_SEARCH_SQL = 'CREATE VIRTUAL TABLE IF NOT EXISTS `${TABLE_NAME}` USING FTS4(`title` TEXT NOT NULL, `body` TEXT, `updated_at` INTEGER NOT NULL, content=`note`, notindexed=`updated_at`)';

/** The -ok fixture with an FTS entity over `note`, its export holding `createSql`. */
function withNoteSearch(createSql: string): string {
  const exported = JSON.parse(okExport());
  exported.database.entities.push({ tableName: 'note_search', createSql, fields: [], primaryKey: { autoGenerate: false, columnNames: [] }, ftsVersion: 'FTS4' });
  return fixtureVariant('rule-room-schema-drift-ok', {
    [ENTITIES]: (text) => text.replace('import androidx.room.Entity\n', 'import androidx.room.Entity\nimport androidx.room.Fts4\n') + NOTE_SEARCH,
    [DATABASE]: replacing('entities = [FolderEntity::class, NoteEntity::class]', 'entities = [FolderEntity::class, NoteEntity::class, NoteSearch::class]'),
    [EXPORT_2]: JSON.stringify(exported, null, 2),
  });
}

test('room-schema-drift: an FTS entity is compared by its CREATE VIRTUAL TABLE; an option that differs is no column', () => {
  assert.deepEqual(drift(withNoteSearch(NOTE_SEARCH_SQL)).map((f) => f.message), []);
  const findings = drift(withNoteSearch(NOTE_SEARCH_SQL.replace('content=', 'tokenize=porter, content=')));
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /^Table 'note_search' differs from Room's exported schema \(version 2\)\. The export has tokenize=porter where the entity gives content=`note`\./);
});
