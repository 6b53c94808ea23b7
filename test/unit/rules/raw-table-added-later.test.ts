import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkJson, fixtureFindings, places, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';
import { analyzeFixture } from '../../support/workspace';
import { copyFromUntypedSql } from '../../../server/src/rules/raw-table-added-later';
import { startSync } from '../../../server/src/engine/sync-simulation';
import type { CoreSchemaJson } from '../../../server/src/engine/database';
import { openCoreDatabase } from '../engine/core-database';

const RULE = 'raw-table-added-later';
const FIXTURE = 'rule-raw-table-added-later';
const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const DATABASE = 'src/commonMain/kotlin/com/example/notes/data/NotesDatabase.kt';
const EXPORTS = 'schemas/com.example.notes.data.NotesDatabase';
const MIGRATION_END = 'PRIMARY KEY(`id`))"\n        )\n';

const findingsIn = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
/** The base fixture with one more statement in MIGRATION_1_2. */
const withMigrationStatement = (kotlin: string) => fixtureVariant(FIXTURE, { [DATABASE]: replacing(MIGRATION_END, `${MIGRATION_END}        ${kotlin}\n`) });

test('raw-table-added-later: a table Room exports first in version 2, with no copy from ps_untyped in the migration', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  // Only 'note': 'folder' is in both exports.
  assert.deepEqual(places(findings), [`${SCHEMA}:10`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'warning');
  assert.equal(textAt(path.join(fixturePath(FIXTURE), finding.file), finding.range), '"note"');
  assert.match(finding.message, /^Table 'note' will lack the 'note' rows an install at version 1 synced before upgrading\. NotesDatabase has the table from version 2 on, and Room's export of version 1 lacks it; /);
  assert.match(finding.message, /wait in ps_untyped, and PowerSync moves them into its own JSON tables, never into a raw table: after the upgrade only rows that change again arrive\./);
  // The copy takes the synced columns only ('pinned' is local) by the keys the inferred put reads.
  assert.ok(finding.message.includes(
    "Copy them in the migration that creates the table, after the CREATE TABLE: INSERT INTO note (id, folder_id, title) SELECT id, data ->> 'folder_id', data ->> 'title' FROM ps_untyped WHERE type = 'note'; DELETE FROM ps_untyped WHERE type = 'note';",
  ));
  assert.match(finding.message, /Or run SELECT powersync_trigger_resync\(TRUE\) there: every row is applied again at the next sync, once the app is online\.$/);
  assert.deepEqual(finding.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [
    `${EXPORTS}/2.json:${lineOf(`${EXPORTS}/2.json`, '"tableName": "note"') + 1} 'note' in Room's export of NotesDatabase version 2`,
    `${EXPORTS}/1.json:${lineOf(`${EXPORTS}/1.json`, '"tableName": "folder"') + 1} Room's export of NotesDatabase version 1, without 'note'`,
    `${DATABASE}:9 NotesDatabase is at version 2`,
  ]);
  assert.equal(fixtureFindings(FIXTURE, RULE).length, 1);
});

/** The line after `needle` in a fixture file, 0-based: the createSql follows the tableName. */
function lineOf(file: string, needle: string): number {
  return readFileSync(path.join(fixturePath(FIXTURE), file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

test('raw-table-added-later: nothing when the migration copies the rows from ps_untyped (the -ok fixture has no finding at all)', () => {
  assert.deepEqual(checkJson(fixturePath(`${FIXTURE}-ok`)).findings.map((f) => `${f.rule} ${f.message}`), []);
});

test('raw-table-added-later: nothing when the migration triggers a resync', () => {
  assert.deepEqual(findingsIn(withMigrationStatement('connection.execSQL("SELECT powersync_trigger_resync(TRUE)")')), []);
});

test('raw-table-added-later: a copy for another type does not count, one with the type as a bound argument does', () => {
  const other = withMigrationStatement(`connection.execSQL("DELETE FROM ps_untyped WHERE type = 'folder'")`);
  assert.deepEqual(places(findingsIn(other)), [`${SCHEMA}:10`]);
  const bound = withMigrationStatement('connection.execute("DELETE FROM ps_untyped WHERE type = ?", listOf("note"))');
  assert.deepEqual(findingsIn(bound), []);
});

/** 1.json with one more table, `memo`, that version 2 renamed or split into `note`. */
function withMemoInVersion1(text: string): string {
  const doc = JSON.parse(text) as { database: { entities: { tableName: string; createSql: string }[] } };
  doc.database.entities.push({ ...doc.database.entities[0], tableName: 'memo' });
  return JSON.stringify(doc, null, 2);
}

test('raw-table-added-later: nothing when the migration fills the table from one of the earlier version (a rename, INSERT … SELECT, @RenameTable)', () => {
  const fromMemo = (kotlin: string) => fixtureVariant(FIXTURE, {
    [DATABASE]: replacing(MIGRATION_END, `${MIGRATION_END}        ${kotlin}\n`),
    [`${EXPORTS}/1.json`]: withMemoInVersion1,
  });
  assert.deepEqual(findingsIn(fromMemo('connection.execSQL("ALTER TABLE memo RENAME TO note")')), []);
  assert.deepEqual(findingsIn(fromMemo('connection.execSQL("INSERT INTO note (id, folder_id, title) SELECT id, folder_id, title FROM memo")')), []);
  const spec = fixtureVariant(FIXTURE, {
    'src/commonMain/kotlin/com/example/notes/data/Renames.kt':
      'package com.example.notes.data\n\nimport androidx.room.RenameTable\nimport androidx.room.migration.AutoMigrationSpec\n\n@RenameTable(fromTableName = "memo", toTableName = "note")\nclass MemoToNote : AutoMigrationSpec\n',
    [`${EXPORTS}/1.json`]: withMemoInVersion1,
  });
  assert.deepEqual(findingsIn(spec), []);
  // A table version 1 did not have brought no rows: Room's rebuild of the table, or a rename of some other table.
  const rebuild = withMigrationStatement('connection.execSQL("INSERT INTO note_new SELECT * FROM note"); connection.execSQL("DROP TABLE note"); connection.execSQL("ALTER TABLE note_new RENAME TO note")');
  assert.deepEqual(places(findingsIn(rebuild)), [`${SCHEMA}:10`]);
  assert.deepEqual(places(findingsIn(withMigrationStatement('connection.execSQL("ALTER TABLE memo RENAME TO note")'))), [`${SCHEMA}:10`]);
  assert.deepEqual(places(findingsIn(withMigrationStatement('connection.execSQL("ALTER TABLE memo RENAME TO memo_old")'))), [`${SCHEMA}:10`]);
});

test('raw-table-added-later: nothing when a migration statement cannot be read (it may be the copy)', () => {
  const dir = withMigrationStatement('connection.execSQL(CopyStatements.NOTE)');
  assert.deepEqual(findingsIn(dir), []);
});

test('raw-table-added-later: the code at version 2 before Room exported it: 1.json alone is enough', () => {
  const dir = fixtureVariant(FIXTURE, { [`${EXPORTS}/2.json`]: null });
  const findings = findingsIn(dir);
  assert.deepEqual(places(findings), [`${SCHEMA}:10`]);
  assert.deepEqual(findings[0].related.map((r) => r.file), [`${EXPORTS}/1.json`, DATABASE]);
});

test('raw-table-added-later: nothing without an earlier export, with an unreadable one, or when the version is unknown', () => {
  assert.deepEqual(findingsIn(fixtureVariant(FIXTURE, { [`${EXPORTS}/1.json`]: null })), []);
  assert.deepEqual(findingsIn(fixtureVariant(FIXTURE, { [`${EXPORTS}/1.json`]: (text) => text.slice(0, 200) })), []);
  assert.deepEqual(findingsIn(fixtureVariant(FIXTURE, { [DATABASE]: replacing('version = 2', 'version = NotesVersions.CURRENT') })), []);
});

test('raw-table-added-later: nothing for a table an earlier version added, or when the export of the version before is missing', () => {
  const one = readFileSync(path.join(fixturePath(FIXTURE), `${EXPORTS}/1.json`), 'utf8');
  const two = readFileSync(path.join(fixturePath(FIXTURE), `${EXPORTS}/2.json`), 'utf8');
  // Version 3 only raises the version: 'note' shipped with version 2, maybe before the app synced at all.
  const earlier = fixtureVariant(FIXTURE, {
    [`${EXPORTS}/3.json`]: two.replace(/"version": 2/, '"version": 3'),
    [DATABASE]: replacing('version = 2', 'version = 3'),
  });
  assert.deepEqual(findingsIn(earlier), []);
  // Exports of 1 and 3, none of 2: which version added the table is not known.
  const gap = fixtureVariant(FIXTURE, {
    [`${EXPORTS}/2.json`]: null,
    [`${EXPORTS}/3.json`]: two.replace(/"version": 2/, '"version": 3'),
    [DATABASE]: replacing('version = 2', 'version = 3'),
  });
  assert.deepEqual(findingsIn(gap), []);
  assert.ok(one.includes('"version": 1'));
});

test('raw-table-added-later: nothing when a Room migration is written in Java (its SQL calls are not read)', () => {
  const java = fixtureVariant(FIXTURE, {
    'src/main/java/com/example/notes/data/Migrations.java':
      'package com.example.notes.data;\n\nimport androidx.room.migration.Migration;\nimport androidx.sqlite.db.SupportSQLiteDatabase;\n\npublic class Migrations {\n    public static class From1To2 extends Migration {\n        public From1To2() { super(1, 2); }\n        @Override public void migrate(SupportSQLiteDatabase db) { db.execSQL(NoteCopy.SQL); }\n    }\n}\n',
  });
  assert.deepEqual(findingsIn(java), []);
});

test('raw-table-added-later: nothing when the version-1 exports of two variants disagree about the table', () => {
  const two = readFileSync(path.join(fixturePath(FIXTURE), `${EXPORTS}/2.json`), 'utf8');
  const variantOne = JSON.parse(two) as { database: { version: number } };
  variantOne.database.version = 1;
  const dir = fixtureVariant(FIXTURE, { [`schemas/release/com.example.notes.data.NotesDatabase/1.json`]: JSON.stringify(variantOne, null, 2) });
  assert.deepEqual(findingsIn(dir), []);
});

test('raw-table-added-later: a table dropped and added again is new since the last export without it', () => {
  const one = readFileSync(path.join(fixturePath(FIXTURE), `${EXPORTS}/1.json`), 'utf8');
  const two = readFileSync(path.join(fixturePath(FIXTURE), `${EXPORTS}/2.json`), 'utf8');
  const asVersion = (text: string, version: number) => text.replace(/"version": \d+/, `"version": ${version}`);
  const dir = fixtureVariant(FIXTURE, {
    [`${EXPORTS}/1.json`]: asVersion(two, 1),
    [`${EXPORTS}/2.json`]: asVersion(one, 2),
    [`${EXPORTS}/3.json`]: asVersion(two, 3),
    [DATABASE]: replacing('version = 2', 'version = 3'),
  });
  const [finding] = findingsIn(dir);
  assert.match(finding.message, /an install at version 2 synced before upgrading\. NotesDatabase has the table from version 3 on, and Room's export of version 2 lacks it;/);
});

test('raw-table-added-later: a disable comment above the raw table silences it', () => {
  const dir = fixtureVariant(FIXTURE, { [SCHEMA]: replacing('val noteTable = RawTable(', '// rawsync-disable-next-line raw-table-added-later\nval noteTable = RawTable(') });
  assert.deepEqual(findingsIn(dir), []);
});

test('raw-table-added-later: the suggested copy runs in the core and fills the table Room creates from its export', async () => {
  const { analyzer, model } = await analyzeFixture(FIXTURE);
  const rawTable = model.rawTables.find((r) => r.name === 'note')!;
  const table = model.tables.find((t) => t.name === 'note')!;
  const copy = copyFromUntypedSql(rawTable, table)!;
  // Room's own statement for the table, from its export of version 2.
  const createSql = [...model.files.values()].flatMap((f) => f.exportedSchemas).find((e) => e.version === 2 && e.tableName === 'note')!.createSql;
  analyzer.dispose();
  const db = await openCoreDatabase();
  const before: CoreSchemaJson = { tables: [], raw_tables: [] };
  db.replaceSchema(before);
  const session = startSync(db, before);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { folder_id: 'f1', title: 'Groceries' } }]).applied, true);
  // Version 2: Room's migration creates the table and runs the copy; the app connects with the raw table.
  assert.equal(session.stop().ok, true);
  db.transaction(() => {
    db.exec(createSql);
    for (const sql of copy) db.exec(sql);
  });
  const after: CoreSchemaJson = { tables: [], raw_tables: [rawTable.coreJson] };
  db.replaceSchema(after);
  assert.equal(session.resume(after).ok, true);
  assert.deepEqual(db.query('select id, folder_id, title, pinned from note'), [{ id: 'n1', folder_id: 'f1', title: 'Groceries', pinned: 0 }]);
  assert.deepEqual(db.query('select * from ps_untyped'), []);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { folder_id: 'f1', title: 'Groceries and milk' } }]).applied, true);
  assert.deepEqual(db.query('select title from note'), [{ title: 'Groceries and milk' }]);
  db.close();
});

test('raw-table-added-later: the copy of an explicit put reads each column by its Column key', async () => {
  const { analyzer, model } = await analyzeFixture(FIXTURE);
  const table = model.tables.find((t) => t.name === 'note')!;
  analyzer.dispose();
  const at = { uri: 'file:///x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const put = (sql: string, parameters: NonNullable<NonNullable<Parameters<typeof copyFromUntypedSql>[0]['put']>['parameters']>) =>
    copyFromUntypedSql({ api: 'kotlin', name: 'notes', nameLoc: at, platform: 'common', loc: at, put: { sql, parameters, sqlLoc: at, loc: at } }, table);
  assert.deepEqual(
    put('INSERT INTO note (folder_id, id, title) VALUES (?2, ?1, ?3) ON CONFLICT(id) DO UPDATE SET title = excluded.title', [
      { kind: 'Id', loc: at }, { kind: 'Column', name: 'folder', loc: at }, { kind: 'Column', name: 'order', loc: at },
    ]),
    [
      "INSERT INTO note (id, folder_id, title) SELECT id, data ->> 'folder', data ->> 'order' FROM ps_untyped WHERE type = 'notes'",
      "DELETE FROM ps_untyped WHERE type = 'notes'",
    ],
  );
  // A Rest column, or a value that is more than a parameter: the keys are not known.
  assert.equal(put('INSERT INTO note (id, title) VALUES (?, ?)', [{ kind: 'Id', loc: at }, { kind: 'Rest', loc: at }]), undefined);
  assert.equal(put("INSERT INTO note (id, title) VALUES (?, upper(?))", [{ kind: 'Id', loc: at }, { kind: 'Column', name: 'title', loc: at }]), undefined);
});
