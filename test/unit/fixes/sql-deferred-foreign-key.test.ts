import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { rawTable, rawTableSchema } from '../../support/kotlin-sources';
import { analyzeFiles } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { validate } from '../../../server/src/engine/validate';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { WorkspaceModel } from '../../../server/src/model/workspace';

// `zlist` sorts after `item`: the core applies the child rows first.
const SCHEMA = rawTableSchema('app', [rawTable('item', ['list_id']), rawTable('zlist', ['name'], { variable: 'listTable' })]);

const SCHEMA_FILE = 'src/commonMain/kotlin/app/Schema.kt';
const TABLES_KT = 'src/commonMain/kotlin/app/Tables.kt';
const TABLES_SQL = 'src/commonMain/sql/tables.sql';
const LIST_SQL = 'CREATE TABLE zlist (id TEXT NOT NULL PRIMARY KEY, name TEXT)';
/** The app turns foreign keys on (SQLite checks none otherwise, and fk-not-deferrable stays silent). */
const OPEN_KT = 'src/commonMain/kotlin/app/Open.kt';
const FOREIGN_KEYS_ON = `package app

import androidx.sqlite.db.SupportSQLiteDatabase

fun turnForeignKeysOn(db: SupportSQLiteDatabase) {
    db.execSQL("PRAGMA foreign_keys = ON")
}
`;

/** A Kotlin file that creates both tables with execSQL; `item` is the string expression given. */
const kotlinTables = (item: string) => `package app

import androidx.sqlite.db.SupportSQLiteDatabase

fun createTables(db: SupportSQLiteDatabase) {
    db.execSQL("${LIST_SQL}")
    db.execSQL(${item})
}
`;

/** Syncs the child before its parent in one checkpoint, with foreign keys on, in the real core. */
async function childBeforeParent(model: WorkspaceModel) {
  const tables = ['zlist', 'item'].map((name) => model.tables.find((t) => t.name === name)!);
  const db = await openCoreDatabase('PRAGMA foreign_keys = ON', ...tables.map((t) => t.createSql));
  const schema = { tables: [], raw_tables: model.rawTables.map((r) => r.coreJson) };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([
    { op: 'PUT', type: 'zlist', id: 'l1', data: { name: 'groceries' } },
    { op: 'PUT', type: 'item', id: 'i1', data: { list_id: 'l1' } },
  ]);
  const rows = result.ok ? db.query("SELECT list_id FROM item WHERE id = 'i1'") : [];
  db.close();
  return { result, rows };
}

async function assertDeferred(files: Record<string, string>, file: string, expected: RegExp) {
  const fixed = await applyFirstFix(files, 'fk-not-deferrable');
  assert.match(fixed.files[file], expected);
  await assertFixed(fixed, 'fk-not-deferrable', files);
  const item = fixed.model.tables.find((t) => t.name === 'item')!;
  assert.equal(item.origin, 'sql');
  assert.deepEqual(item.foreignKeys.map((fk) => fk.deferred), [true]);
  // The edited CREATE TABLE runs in the core.
  const db = await openCoreDatabase(LIST_SQL);
  assert.equal(validate(db, item.createSql).ok, true);
  db.close();
  const { result, rows } = await childBeforeParent(fixed.model);
  assert.deepEqual([result.ok, result.error], [true, undefined]);
  assert.deepEqual(rows, [{ list_id: 'l1' }]);
}

test('fk-not-deferrable fix in a .sql file: DEFERRABLE INITIALLY DEFERRED after ON DELETE, and a child row before its parent syncs', async () => {
  const sql = `${LIST_SQL};\n\nCREATE TABLE item (\n    id TEXT NOT NULL PRIMARY KEY,\n    list_id TEXT NOT NULL REFERENCES zlist(id) ON DELETE CASCADE,\n    note TEXT\n);\n`;
  await assertDeferred({ [TABLES_SQL]: sql, [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON }, TABLES_SQL,
    /\n {4}list_id TEXT NOT NULL REFERENCES zlist\(id\) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n {4}note TEXT\n\);\n$/);
});

test('fk-not-deferrable fix in a .sql file: a table-constraint FOREIGN KEY with ON DELETE and ON UPDATE', async () => {
  const sql = `${LIST_SQL};\nCREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL, FOREIGN KEY (list_id) REFERENCES zlist (id) ON DELETE SET NULL ON UPDATE NO ACTION);\n`;
  await assertDeferred({ [TABLES_SQL]: sql, [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON }, TABLES_SQL,
    /FOREIGN KEY \(list_id\) REFERENCES zlist \(id\) ON DELETE SET NULL ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED\);\n$/);
});

test('fk-not-deferrable fix in a Kotlin string: a one-line execSQL string', async () => {
  const item = '"CREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL, FOREIGN KEY (list_id) REFERENCES zlist(id))"';
  await assertDeferred({ [TABLES_KT]: kotlinTables(item), [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON }, TABLES_KT,
    /db\.execSQL\("CREATE TABLE item \(id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL, FOREIGN KEY \(list_id\) REFERENCES zlist\(id\) DEFERRABLE INITIALLY DEFERRED\)"\)\n/);
});

test('fk-not-deferrable fix in a Kotlin raw string without trimIndent: the clause lands on its line', async () => {
  const item = '"""\n        CREATE TABLE item (\n            id TEXT NOT NULL PRIMARY KEY,\n            list_id TEXT NOT NULL REFERENCES zlist(id) ON DELETE CASCADE\n        )\n    """';
  await assertDeferred({ [TABLES_KT]: kotlinTables(item), [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON }, TABLES_KT,
    /\n {12}list_id TEXT NOT NULL REFERENCES zlist\(id\) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED\n {8}\)\n {4}"""\)/);
});

test('fk-not-deferrable fix: a defer clause that does not defer is replaced', async () => {
  const sql = `${LIST_SQL};\nCREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL REFERENCES zlist(id) DEFERRABLE INITIALLY IMMEDIATE);\n`;
  await assertDeferred({ [TABLES_SQL]: sql, [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON }, TABLES_SQL,
    /list_id TEXT NOT NULL REFERENCES zlist\(id\) DEFERRABLE INITIALLY DEFERRED\);\n$/);
});

test('fk-not-deferrable fix: only the key reported is touched when a table has two', async () => {
  const sql = `${LIST_SQL};\nCREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL REFERENCES zlist(id) DEFERRABLE INITIALLY DEFERRED, other_id TEXT REFERENCES zlist(id) ON DELETE CASCADE);\n`;
  const input = { [TABLES_SQL]: sql, [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON };
  const fixed = await applyFirstFix(input, 'fk-not-deferrable');
  assert.match(fixed.files[TABLES_SQL], /list_id TEXT NOT NULL REFERENCES zlist\(id\) DEFERRABLE INITIALLY DEFERRED, other_id TEXT REFERENCES zlist\(id\) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED\);/);
  await assertFixed(fixed, 'fk-not-deferrable', input);
});

test('before the fix, the same sync fails with the core\'s FOREIGN KEY error', async () => {
  const sql = `${LIST_SQL};\nCREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL REFERENCES zlist(id));\n`;
  const { model } = await analyzeFiles({ [TABLES_SQL]: sql, [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON });
  const { result } = await childBeforeParent(model);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
});

test('fk-not-deferrable fix in a Kotlin raw string with trimIndent', async () => {
  const item = '"""\n        CREATE TABLE item (\n            id TEXT NOT NULL PRIMARY KEY,\n            list_id TEXT NOT NULL,\n            FOREIGN KEY (list_id) REFERENCES zlist(id) ON DELETE CASCADE\n        )\n    """.trimIndent()';
  await assertDeferred({ [TABLES_KT]: kotlinTables(item), [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON }, TABLES_KT,
    /\n {12}FOREIGN KEY \(list_id\) REFERENCES zlist\(id\) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED\n {8}\)\n {4}"""\.trimIndent\(\)\)/);
});

test('fk-not-deferrable fix in a Kotlin string with escapes', async () => {
  const item = '"CREATE TABLE \\"item\\" (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL REFERENCES \\"zlist\\"(id))"';
  await assertDeferred({ [TABLES_KT]: kotlinTables(item), [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON }, TABLES_KT,
    /db\.execSQL\("CREATE TABLE \\"item\\" \(id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL REFERENCES \\"zlist\\"\(id\) DEFERRABLE INITIALLY DEFERRED\)"\)\n/);
});

test('fk-not-deferrable: no SQL fix for a string template (its text does not sit in one place in the source)', async () => {
  const item = '"CREATE TABLE $ITEM (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL REFERENCES zlist(id))"';
  const files = { [TABLES_KT]: `${kotlinTables(item)}\nconst val ITEM = "item"\n`, [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON };
  const { analyzer, model } = await analyzeFiles(files);
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'fk-not-deferrable');
  // The finding is there (the table was derived), without a fix.
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].fixes, []);
});

test('fk-not-deferrable: no SQL fix when a later defer clause would undo it', async () => {
  const sql = `${LIST_SQL};\nCREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, list_id TEXT REFERENCES zlist(id) NOT NULL DEFERRABLE INITIALLY IMMEDIATE);\n`;
  const { analyzer, model } = await analyzeFiles({ [TABLES_SQL]: sql, [SCHEMA_FILE]: SCHEMA, [OPEN_KT]: FOREIGN_KEYS_ON });
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'fk-not-deferrable');
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].fixes, []);
});
