import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix } from '../../support/apply-fix';
import { factsOf } from '../../support/workspace';

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

function table(name: string, column: string): string {
  return `val ${name}Table = RawTable(
    name = "${name}",
    put = PendingStatement(
        "INSERT INTO ${name} (id, ${column}) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET ${column} = excluded.${column}",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("${column}")),
    ),
    delete = PendingStatement("DELETE FROM ${name} WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`;
}

const SCHEMA = `package app

import com.powersync.db.schema.*

${table('a', 'x')}
${table('b', 'y')}
${table('c', 'z')}
val schema = Schema(
    tables = listOf(
        cTable, // newest first, by mistake
        aTable,
        bTable,
    ),
)
`;

test('schema-order fix: the list follows @Database(entities), comments and trailing commas stay', async () => {
  const fixed = await applyFirstFix({ 'src/commonMain/kotlin/app/Db.kt': DATABASE, 'src/commonMain/kotlin/app/Schema.kt': SCHEMA }, 'schema-order');
  const text = fixed.files['src/commonMain/kotlin/app/Schema.kt'];
  assert.match(text, /tables = listOf\(\n        aTable, \/\/ newest first, by mistake\n        bTable,\n        cTable,\n    \),/);
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'schema-order'), []);
  assert.deepEqual(fixed.model.schemas[0].rawTables.map((r) => r?.name), ['a', 'b', 'c']);
  assert.equal((await factsOf(text, 'src/commonMain/kotlin/app/Schema.kt')).syntaxErrors.length, 0);
});
