import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix } from '../../support/apply-fix';
import { factsOf } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';

const SCHEMA_FILE = 'src/commonMain/kotlin/app/Schema.kt';

const files = (entity: string, columns: string, key: string) => ({
  'src/commonMain/kotlin/app/Note.kt': `package app

import androidx.room.*

@Entity(tableName = "note")
data class Note(${entity})
`,
  [SCHEMA_FILE]: `package app

import com.powersync.db.schema.*

val noteTable = RawTable(
    name = "note",
    put = PendingStatement(
        "INSERT INTO note (id, ${columns}) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET ${columns} = excluded.${columns}",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column(${key})),
    ),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`,
});

for (const [label, entity, column, key] of [
  ['a case-only difference', '@PrimaryKey val id: String, val dueDate: String?', 'dueDate', '"duedate"'],
  ['a single near match', '@PrimaryKey val id: String, val title: String?', 'title', '"titel"'],
  ['a raw string key', '@PrimaryKey val id: String, val title: String?', 'title', '"""Title"""'],
] as const) {
  test(`statement-invalid fix (${label}): Column("${column}"), and a synced row fills the column`, async () => {
    const fixed = await applyFirstFix(files(entity, column, key), 'statement-invalid');
    const text = fixed.files[SCHEMA_FILE];
    assert.match(text, new RegExp(`PendingStatementParameter\\.Column\\("${column}"\\)\\)`));
    assert.deepEqual(fixed.after.filter((f) => f.rule === 'statement-invalid'), []);
    const beforeRules = new Set(fixed.before.map((f) => f.rule));
    assert.deepEqual(fixed.after.filter((f) => !beforeRules.has(f.rule)).map((f) => f.rule), []);
    assert.equal((await factsOf(text, SCHEMA_FILE)).syntaxErrors.length, 0);

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

for (const [label, entity, column, key] of [
  ['two near matches', '@PrimaryKey val id: String, val tile: String?, val tilt: String?', 'tile', '"tilr"'],
  ['a key built from a template', '@PrimaryKey val id: String, val title: String?', 'title', '"${PREFIX}Title"'],
] as const) {
  test(`statement-invalid: no fix for ${label}`, async () => {
    const prefix = label.includes('template') ? '\nconst val PREFIX = ""\n' : '';
    const input = files(entity, column, key);
    input[SCHEMA_FILE] += prefix;
    await assert.rejects(applyFirstFix(input, 'statement-invalid'), /has no fix/);
  });
}
