// Issue 13 point 4: where an entity cannot be fully derived, Room's export of the database's
// version is the truth. Fixture pair: the drift-ok app with a column name from a library constant
// (outside the workspace) and the export of version 2 (taken), or of another version (not taken).
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePath } from '../../support/paths';
import assert from 'node:assert/strict';
import { checkJson } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { analyzeFiles } from '../../support/workspace';
import { filesUnder } from '../../support/fixture-files';

const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';
const EXPORT_2 = 'schemas/com.example.notes.data.NotesDatabase/2.json';
const EXPORT_3 = 'schemas/com.example.notes.data.NotesDatabase/3.json';

/** `updated_at` named through a constant of a library the workspace does not hold. */
const libraryColumnName = (text: string) =>
  replacing('import androidx.room.PrimaryKey', 'import androidx.room.PrimaryKey\nimport org.example.sync.SyncColumns')(
    replacing('@ColumnInfo(name = "updated_at") val updatedAt: Long', '@ColumnInfo(name = SyncColumns.UPDATED_AT) val updatedAt: Long')(text),
  );

test("an entity that cannot be fully derived takes the export of its database's version", async () => {
  const dir = fixtureVariant('rule-room-schema-drift-ok', { [ENTITIES]: libraryColumnName });
  const { model } = await analyzeFiles(filesUnder(dir));
  const note = model.tables.find((t) => t.name === 'note')!;
  assert.equal(note.unresolved, undefined);
  assert.equal(note.exportedFrom?.version, 2);
  assert.ok(note.exportedFrom?.loc.uri.endsWith(EXPORT_2));
  assert.deepEqual(note.columns.map((c) => c.name), ['id', 'folder_id', 'title', 'body', 'pinned', 'updated_at']);
  assert.equal(note.columns.find((c) => c.name === 'updated_at')?.affinity, 'INTEGER');
  // Findings about a column still point at its property in the entity.
  assert.ok(note.columns.find((c) => c.name === 'title')?.loc.uri.endsWith(ENTITIES));
  assert.match(note.createSql, /^CREATE TABLE IF NOT EXISTS `note` \(`id` TEXT NOT NULL, `folder_id` TEXT NOT NULL, .*`updated_at` INTEGER NOT NULL/);
  assert.deepEqual(note.foreignKeys.map((fk) => [fk.parentTable, fk.childColumns, fk.deferred]), [['folder', ['folder_id'], true]]);
  assert.deepEqual(note.indices.map((i) => i.name), ['index_note_folder_id']);
  // rawsync schema says where the shape came from; the drift rule has nothing to compare.
  const report = checkJson(dir);
  assert.deepEqual(report.findings.filter((f) => f.rule === 'room-schema-drift'), []);
});

test('the export of another version is not taken: the entity stays partly derived and says so', async () => {
  const dir = fixtureVariant('rule-room-schema-drift-ok', {
    [ENTITIES]: libraryColumnName,
    [EXPORT_3]: readFileSync(path.join(fixturePath('rule-room-schema-drift-ok'), EXPORT_2), 'utf8').replace('"version": 2', '"version": 3'),
    [EXPORT_2]: null,
  });
  const { model } = await analyzeFiles(filesUnder(dir));
  const note = model.tables.find((t) => t.name === 'note')!;
  assert.ok(note.unresolved && note.unresolved.length > 0);
  assert.equal(note.exportedFrom, undefined);
  assert.ok(!note.columns.some((c) => c.name === 'updated_at'));
});
