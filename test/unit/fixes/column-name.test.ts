import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { rawTable, rawTableSchema } from '../../support/kotlin-sources';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';

const SCHEMA_FILE = 'src/commonMain/kotlin/app/Schema.kt';

const files = (entity: string, column: string, key: string) => ({
  'src/commonMain/kotlin/app/Note.kt': `package app

import androidx.room.*

@Entity(tableName = "note")
data class Note(${entity})
`,
  [SCHEMA_FILE]: rawTableSchema('app', [rawTable('note', [column], { keys: [key] })]),
});

for (const [label, entity, column, key] of [
  ['a single near match', '@PrimaryKey val id: String, val title: String?', 'title', '"titel"'],
  ['a raw string key', '@PrimaryKey val id: String, val title: String?', 'title', '"""titel"""'],
] as const) {
  test(`statement-invalid fix (${label}): Column("${column}"), and a synced row fills the column`, async () => {
    const input = files(entity, column, key);
    const fixed = await applyFirstFix(input, 'statement-invalid');
    assert.match(fixed.files[SCHEMA_FILE], new RegExp(`PendingStatementParameter\\.Column\\("${column}"\\)\\)`));
    await assertFixed(fixed, 'statement-invalid', input);

    const table = fixed.model.tables.find((t) => t.name === 'note')!;
    const rawTable = fixed.model.rawTables[0];
    const db = await openCoreDatabase(table.createSql);
    const schema = { tables: [], raw_tables: [rawTable.coreJson] };
    db.replaceSchema(schema);
    const result = startSync(db, schema).applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { [column]: 'x' } }]);
    assert.deepEqual([result.ok, result.error], [true, undefined]);
    assert.deepEqual(db.query(`SELECT ${column} AS v FROM note WHERE id = 'n1'`), [{ v: 'x' }]);
    db.close();
  });
}

test('statement-invalid: a key that differs from its column only in case is not judged (the backend may spell it so)', async () => {
  // Postgres folds unquoted names to lower case: a Room column dueDate is most often synced as duedate.
  const input = files('@PrimaryKey val id: String, val dueDate: String?', 'dueDate', '"duedate"');
  await assert.rejects(applyFirstFix(input, 'statement-invalid'), /no statement-invalid finding to fix/);
});

for (const [label, entity, column, key] of [
  ['two near matches', '@PrimaryKey val id: String, val tile: String?, val tilt: String?', 'tile', '"tilr"'],
  ['a key built from a template', '@PrimaryKey val id: String, val title: String?', 'title', '"${PREFIX}titel"'],
] as const) {
  test(`statement-invalid: no fix for ${label}`, async () => {
    const prefix = label.includes('template') ? '\nconst val PREFIX = ""\n' : '';
    const input = files(entity, column, key);
    input[SCHEMA_FILE] += prefix;
    await assert.rejects(applyFirstFix(input, 'statement-invalid'), /has no fix/);
  });
}
