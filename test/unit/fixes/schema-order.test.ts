import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { rawTable, rawTableSchema } from '../../support/kotlin-sources';

const DATABASE = `package app

import androidx.room.*

@Entity(tableName = "a")
data class A(@PrimaryKey val id: String, val x: String)

@Entity(tableName = "b")
data class B(@PrimaryKey val id: String, val y: String)

@Entity(tableName = "c")
data class C(@PrimaryKey val id: String, val z: String)

@Database(entities = [A::class, B::class, C::class], version = 1)
abstract class Db : RoomDatabase()
`;

const SCHEMA = `${rawTableSchema('app', [rawTable('a', ['x']), rawTable('b', ['y']), rawTable('c', ['z'])])}
val schema = Schema(
    tables = listOf(
        cTable, // newest first, by mistake
        aTable,
        bTable,
    ),
)
`;

test('schema-order fix: the list follows @Database(entities), comments and trailing commas stay', async () => {
  const input = { 'src/commonMain/kotlin/app/Db.kt': DATABASE, 'src/commonMain/kotlin/app/Schema.kt': SCHEMA };
  const fixed = await applyFirstFix(input, 'schema-order');
  assert.match(fixed.files['src/commonMain/kotlin/app/Schema.kt'], /tables = listOf\(\n        aTable, \/\/ newest first, by mistake\n        bTable,\n        cTable,\n    \),/);
  await assertFixed(fixed, 'schema-order', input);
  assert.deepEqual(fixed.model.schemas[0].rawTables.map((r) => r?.name), ['a', 'b', 'c']);
});
