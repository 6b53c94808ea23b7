import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlOf, modelOf, tableNamed } from './entity-tables';

test('@Database entities keep their order and positions; unknown ones keep their slot without a table name', async () => {
  const model = await modelOf({
    'app/Db.kt': `package app
import androidx.room.*
import lib.LibraryEntity

@Entity(tableName = "b_table")
data class B(@PrimaryKey val id: Long)

@Entity
data class A(@PrimaryKey val id: Long)

@Database(version = 7, entities = [B::class, LibraryEntity::class, A::class])
abstract class AppDatabase : RoomDatabase()
`,
  });
  const [db] = model.roomDatabases;
  assert.equal(db.className, 'AppDatabase');
  assert.equal(db.qualifiedName, 'app.AppDatabase');
  assert.equal(db.version, 7);
  assert.deepEqual(db.entities.map((e) => ({ className: e.className, tableName: e.tableName, tableId: e.tableId })), [
    { className: 'B', tableName: 'b_table', tableId: 0 },
    { className: 'LibraryEntity', tableName: undefined, tableId: 1 },
    { className: 'A', tableName: 'A', tableId: 2 },
  ]);
  assert.equal(db.entities[2].loc.range.start.line, 10);
});

test('androidx.room3 and qualified annotations are Room\'s; another library\'s @Entity is not', async () => {
  const model = await modelOf({
    'app/Room3.kt': `package app
import androidx.room3.Entity
import androidx.room3.PrimaryKey

@Entity(tableName = "r3")
data class R3(@PrimaryKey val id: String)

@androidx.room.Entity(tableName = "qualified")
data class Qualified(@androidx.room.PrimaryKey val id: Long, @androidx.room.Ignore val skip: Int = 0)

@androidx.room3.Database(entities = [R3::class, Qualified::class], version = 1)
abstract class Db3 : androidx.room3.RoomDatabase()
`,
    'app/Jpa.kt': `package app
import javax.persistence.Entity
import javax.persistence.Id

@Entity
class JpaThing(@Id val id: Long)
`,
  });
  const tables = model.tables.filter((t) => t.origin === 'room-entity');
  assert.deepEqual(tables.map((t) => t.name).sort(), ['qualified', 'r3']);
  assert.equal(createSqlOf(tables, 'r3'), 'CREATE TABLE IF NOT EXISTS `r3` (`id` TEXT NOT NULL, PRIMARY KEY(`id`))');
  assert.equal(createSqlOf(tables, 'qualified'), 'CREATE TABLE IF NOT EXISTS `qualified` (`id` INTEGER NOT NULL, PRIMARY KEY(`id`))');
  assert.deepEqual(model.roomDatabases[0].entities.map((e) => e.tableName), ['r3', 'qualified']);
});

test('an unknown table name gives no table; an unknown column name drops only that column', async () => {
  const model = await modelOf({
    'app/Unknown.kt': `package app
import androidx.room.*
import lib.Names

@Entity(tableName = Names.TABLE)
data class Mystery(@PrimaryKey val id: Long)

@Entity(tableName = "partial")
data class Partial(@PrimaryKey val id: Long, @ColumnInfo(name = Names.COLUMN) val other: String, val kept: Int)

@Database(entities = [Mystery::class, Partial::class], version = 1)
abstract class Db : RoomDatabase()
`,
  });
  const tables = model.tables.filter((t) => t.origin === 'room-entity');
  assert.deepEqual(tables.map((t) => t.name), ['partial']);
  const partial = tableNamed(tables, 'partial');
  assert.deepEqual(partial.columns.map((c) => c.name), ['id', 'kept']);
  assert.equal(partial.unresolved?.length, 1);
  assert.equal(partial.unresolved?.[0].range.start.line, 8);
  assert.deepEqual(model.roomDatabases[0].entities.map((e) => e.tableName), [undefined, 'partial']);
});
