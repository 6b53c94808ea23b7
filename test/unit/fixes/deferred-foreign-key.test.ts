import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { rawTable, rawTableSchema } from '../../support/kotlin-sources';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';

// `zlist` sorts after `item`: the core applies the child rows first.
const ENTITIES = (foreignKey: string) => `package app

import androidx.room.*

@Entity(tableName = "zlist")
data class ListEntity(@PrimaryKey val id: String, val name: String)

@Entity(
    tableName = "item",
    foreignKeys = [
        ${foreignKey}
    ],
)
data class ItemEntity(
    @PrimaryKey val id: String,
    @ColumnInfo(name = "list_id", index = true) val listId: String,
)
`;

const SCHEMA = rawTableSchema('app', [rawTable('item', ['list_id']), rawTable('zlist', ['name'], { variable: 'listTable' })]);

const MULTI_LINE = `ForeignKey(
            entity = ListEntity::class,
            parentColumns = ["id"],
            childColumns = ["list_id"],
            onDelete = ForeignKey.CASCADE
        )`;

for (const [label, foreignKey, expected] of [
  ['arguments on their own lines', MULTI_LINE, /onDelete = ForeignKey\.CASCADE,\n {12}deferred = true\n {8}\)/],
  ['arguments on one line', 'ForeignKey(entity = ListEntity::class, parentColumns = ["id"], childColumns = ["list_id"])', /childColumns = \["list_id"\], deferred = true\)/],
  ['deferred = false', 'ForeignKey(entity = ListEntity::class, parentColumns = ["id"], childColumns = ["list_id"], deferred = false)', /childColumns = \["list_id"\], deferred = true\)/],
] as const) {
  test(`fk-not-deferrable fix (${label}): deferred = true, and a child row before its parent syncs`, async () => {
    const files = { 'src/commonMain/kotlin/app/Entities.kt': ENTITIES(foreignKey), 'src/commonMain/kotlin/app/Schema.kt': SCHEMA };
    const fixed = await applyFirstFix(files, 'fk-not-deferrable');
    assert.match(fixed.files['src/commonMain/kotlin/app/Entities.kt'], expected);
    await assertFixed(fixed, 'fk-not-deferrable', files);
    const item = fixed.model.tables.find((t) => t.name === 'item')!;
    assert.match(item.createSql, /DEFERRABLE INITIALLY DEFERRED\)$/);

    const list = fixed.model.tables.find((t) => t.name === 'zlist')!;
    const db = await openCoreDatabase('PRAGMA foreign_keys = ON', list.createSql, item.createSql, ...item.indices.map((i) => i.createSql));
    const schema = { tables: [], raw_tables: fixed.model.rawTables.map((r) => r.coreJson) };
    db.replaceSchema(schema);
    const result = startSync(db, schema).applyCheckpoint([
      { op: 'PUT', type: 'zlist', id: 'l1', data: { name: 'groceries' } },
      { op: 'PUT', type: 'item', id: 'i1', data: { list_id: 'l1' } },
    ]);
    assert.deepEqual([result.ok, result.error], [true, undefined]);
    db.close();
  });
}

test('before the fix, the same sync fails with the core\'s FOREIGN KEY error', async () => {
  const first = await applyFirstFix({ 'src/commonMain/kotlin/app/Entities.kt': ENTITIES(MULTI_LINE), 'src/commonMain/kotlin/app/Schema.kt': SCHEMA }, 'fk-not-deferrable');
  const before = first.before.find((f) => f.rule === 'fk-not-deferrable')!;
  assert.equal(before.severity, 'error');
  const { analyzeFiles } = await import('../../support/workspace');
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/Entities.kt': ENTITIES(MULTI_LINE), 'src/commonMain/kotlin/app/Schema.kt': SCHEMA });
  const item = model.tables.find((t) => t.name === 'item')!;
  const list = model.tables.find((t) => t.name === 'zlist')!;
  const db = await openCoreDatabase('PRAGMA foreign_keys = ON', list.createSql, item.createSql);
  const schema = { tables: [], raw_tables: model.rawTables.map((r) => r.coreJson) };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint([
    { op: 'PUT', type: 'zlist', id: 'l1', data: { name: 'groceries' } },
    { op: 'PUT', type: 'item', id: 'i1', data: { list_id: 'l1' } },
  ]);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /FOREIGN KEY constraint failed/);
  db.close();
});
