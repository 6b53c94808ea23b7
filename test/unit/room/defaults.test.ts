import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlOf, entityTablesOf, tableNamed } from './entity-tables';
import { defaultValueSql } from '../../../server/src/model/room/create-sql';

test('TEXT defaults are quoted unless parenthesized or an SQLite constant; others are verbatim', () => {
  assert.equal(defaultValueSql('', 'TEXT'), "''");
  assert.equal(defaultValueSql('plain', 'TEXT'), "'plain'");
  assert.equal(defaultValueSql("'quoted'", 'TEXT'), "'quoted'");
  assert.equal(defaultValueSql("''x''", 'TEXT'), "'x'");
  assert.equal(defaultValueSql('1', 'TEXT'), "'1'");
  assert.equal(defaultValueSql(' CURRENT_TIMESTAMP ', 'TEXT'), ' CURRENT_TIMESTAMP ');
  assert.equal(defaultValueSql('NULL', 'TEXT'), 'NULL');
  assert.equal(defaultValueSql(" (lower('A'))", 'TEXT'), " (lower('A'))");
  assert.equal(defaultValueSql('[value-unspecified]', 'TEXT'), undefined);
  assert.equal(defaultValueSql('0', 'INTEGER'), '0');
  assert.equal(defaultValueSql('', 'INTEGER'), undefined);
  assert.equal(defaultValueSql('  ', 'REAL'), undefined);
  assert.equal(defaultValueSql("x''", 'BLOB'), "x''");
  assert.equal(defaultValueSql('[value-unspecified]', 'INTEGER'), undefined);
});

test('defaults follow the resolved affinity of each column', async () => {
  const tables = await entityTablesOf({
    'app/Defaults.kt': `package app
import androidx.room.*

enum class Mood { HAPPY, SAD }

@Entity(tableName = "defaults")
data class Defaults(
    @PrimaryKey val id: Long,
    @ColumnInfo(defaultValue = "") val empty: String,
    @ColumnInfo(defaultValue = "'quoted'") val quoted: String,
    @ColumnInfo(defaultValue = "plain") val plain: String,
    @ColumnInfo(defaultValue = "CURRENT_TIMESTAMP") val stamp: String,
    @ColumnInfo(defaultValue = "(datetime('now'))") val computed: String,
    @ColumnInfo(defaultValue = "NULL") val maybe: String?,
    @ColumnInfo(defaultValue = "0") val count: Int,
    @ColumnInfo(defaultValue = "") val noDefault: Int,
    @ColumnInfo(defaultValue = "1.5") val ratio: Double,
    @ColumnInfo(defaultValue = "x''") val blob: ByteArray,
    @ColumnInfo(defaultValue = "HAPPY") val mood: Mood,
    @ColumnInfo(defaultValue = "1") val flag: Boolean,
    @ColumnInfo(defaultValue = "[value-unspecified]") val unspecified: String,
    @ColumnInfo(typeAffinity = ColumnInfo.TEXT, defaultValue = "7") val code: String,
)
`,
  });
  assert.equal(
    createSqlOf(tables, 'defaults'),
    "CREATE TABLE IF NOT EXISTS `defaults` (`id` INTEGER NOT NULL, `empty` TEXT NOT NULL DEFAULT '', " +
      "`quoted` TEXT NOT NULL DEFAULT 'quoted', `plain` TEXT NOT NULL DEFAULT 'plain', " +
      '`stamp` TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, `computed` TEXT NOT NULL DEFAULT (datetime(\'now\')), ' +
      '`maybe` TEXT DEFAULT NULL, `count` INTEGER NOT NULL DEFAULT 0, `noDefault` INTEGER NOT NULL, ' +
      "`ratio` REAL NOT NULL DEFAULT 1.5, `blob` BLOB NOT NULL DEFAULT x'', `mood` TEXT NOT NULL DEFAULT 'HAPPY', " +
      "`flag` INTEGER NOT NULL DEFAULT 1, `unspecified` TEXT NOT NULL, `code` TEXT NOT NULL DEFAULT '7', PRIMARY KEY(`id`))",
  );
  assert.equal(tableNamed(tables, 'defaults').columns.find((c) => c.name === 'empty')?.defaultValue, "''");
});

test('a default on a column of unknown affinity is left out and noted', async () => {
  const tables = await entityTablesOf({
    'app/Event.kt': `package app
import androidx.room.*
import kotlinx.datetime.Instant

@Entity(tableName = "event")
data class Event(@PrimaryKey val id: Long, @ColumnInfo(defaultValue = "0") val at: Instant)
`,
  });
  const event = tableNamed(tables, 'event');
  assert.equal(event.columns[1].defaultValue, undefined);
  assert.equal(event.columns[1].affinityUnresolved, true);
  assert.equal(event.unresolved?.length, 2);
});

test('a default written as an integer constant\'s toString() is folded like Kotlin does', async () => {
  const source = (constant: string) => `package app
import androidx.room.*

object Levels {
    const val START = ${constant}
    const val ON = true
}

@Entity(tableName = "level")
data class Level(
    @PrimaryKey val id: Long,
    @ColumnInfo(defaultValue = Levels.START.toString()) val start: Double,
    @ColumnInfo(defaultValue = Levels.ON.toString()) val on: String,
)
`;
  const folded = tableNamed(await entityTablesOf({ 'app/Level.kt': source('3') }), 'level');
  assert.equal(folded.createSql, "CREATE TABLE IF NOT EXISTS `level` (`id` INTEGER NOT NULL, `start` REAL NOT NULL DEFAULT 3, `on` TEXT NOT NULL DEFAULT true, PRIMARY KEY(`id`))");
  assert.equal(folded.unresolved, undefined);
  // Kotlin prints 3.0 where JavaScript prints 3: a floating-point constant stays unknown.
  const floating = tableNamed(await entityTablesOf({ 'app/Level.kt': source('3.0') }), 'level');
  assert.equal(floating.columns[1].defaultValue, undefined);
  assert.equal(floating.unresolved?.length, 1);
});
