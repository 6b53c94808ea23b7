import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf } from '../../support/workspace';
import { entityTablesOf, tableNamed } from './entity-tables';

test('half-typed declarations give partial facts, never a crash', async () => {
  for (const text of ['', '@Entity', 'class A(', '@Entity(tableName = ) class', 'package', 'import', 'typealias = ', 'val = 1', 'object { const val }', 'class A { companion object']) {
    const facts = await factsOf(text);
    assert.ok(Array.isArray(facts.classes), text);
  }
});

test('cycles in embedding, inheritance, type aliases, constants and value classes end', async () => {
  const tables = await entityTablesOf({
    'app/Cycles.kt': `package app
import androidx.room.*

typealias Loop = Loop2
typealias Loop2 = Loop

const val PING = PONG
const val PONG = PING

@JvmInline
value class Selfish(val inner: Selfish)

open class Left : Right()
open class Right : Left()

data class Chain(val value: Int, @Embedded val next: Chain?)

@Entity(tableName = "cycles")
class Cycles(
    @PrimaryKey val id: Long,
    @Embedded val chain: Chain,
    val loop: Loop,
    @ColumnInfo(defaultValue = PING) val pinged: String,
    val selfish: Selfish,
) : Left()
`,
  });
  const cycles = tableNamed(tables, 'cycles');
  assert.deepEqual(cycles.columns.map((c) => c.name), ['id', 'loop', 'pinged', 'selfish', 'value']);
  assert.ok((cycles.unresolved?.length ?? 0) >= 4);
});

test('odd annotation shapes are noted as unresolved instead of guessed', async () => {
  const tables = await entityTablesOf({
    'app/Odd.kt': `package app
import androidx.room.*

@Entity(
    tableName = "odd",
    foreignKeys = ForeignKey(entity = Odd::class, parentColumns = ["id"], childColumns = ["id"]),
    indices = [Index(value = ["id"], orders = [SOMETHING])],
    primaryKeys = ["nope"],
)
data class Odd(@PrimaryKey(autoGenerate = maybe) val id: Long, @ColumnInfo(collate = lib.X) val a: String)
`,
  });
  const odd = tableNamed(tables, 'odd');
  assert.deepEqual(odd.foreignKeys, []);
  assert.deepEqual(odd.indices, []);
  assert.equal(odd.createSql, 'CREATE TABLE IF NOT EXISTS `odd` (`id` INTEGER NOT NULL, `a` TEXT NOT NULL, PRIMARY KEY(`id`))');
  assert.equal(odd.unresolved?.length, 4);
});
