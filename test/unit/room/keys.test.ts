import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlOf, entityTablesOf, tableNamed } from './entity-tables';

test('a composite primary key follows the primaryKeys order, not the declaration order', async () => {
  const tables = await entityTablesOf({
    'app/Membership.kt': `package app
import androidx.room.*

@Entity(tableName = "membership", primaryKeys = ["group_id", "user_id"])
data class Membership(
    @ColumnInfo(name = "user_id") val userId: String,
    @ColumnInfo(name = "group_id") val groupId: String,
    val role: String?,
)
`,
  });
  assert.equal(
    createSqlOf(tables, 'membership'),
    'CREATE TABLE IF NOT EXISTS `membership` (`user_id` TEXT NOT NULL, `group_id` TEXT NOT NULL, `role` TEXT, PRIMARY KEY(`group_id`, `user_id`))',
  );
  assert.deepEqual(tableNamed(tables, 'membership').primaryKey?.columns, ['group_id', 'user_id']);
});

test('an auto-generated key is declared inline; NOT NULL only for a non-null type', async () => {
  const tables = await entityTablesOf({
    'app/Notes.kt': `package app
import androidx.room.*

@Entity
data class Note(@PrimaryKey(autoGenerate = true) val id: Long = 0, val body: String)

@Entity(tableName = "log")
data class LogLine(@PrimaryKey(autoGenerate = true) val id: Long?, val message: String)
`,
  });
  assert.equal(createSqlOf(tables, 'Note'), 'CREATE TABLE IF NOT EXISTS `Note` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `body` TEXT NOT NULL)');
  assert.equal(createSqlOf(tables, 'log'), 'CREATE TABLE IF NOT EXISTS `log` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `message` TEXT NOT NULL)');
  const key = tableNamed(tables, 'log').primaryKey;
  assert.deepEqual([key?.columns, key?.autoGenerate], [['id'], true]);
});

test('@PrimaryKey on an @Embedded field makes all of its columns the key', async () => {
  const tables = await entityTablesOf({
    'app/OrderLine.kt': `package app
import androidx.room.*

data class OrderLineKey(@ColumnInfo(name = "order_id") val orderId: String, val line: Int)

@Entity(tableName = "order_line")
data class OrderLine(@PrimaryKey @Embedded val key: OrderLineKey, val qty: Int)
`,
  });
  assert.equal(
    createSqlOf(tables, 'order_line'),
    'CREATE TABLE IF NOT EXISTS `order_line` (`qty` INTEGER NOT NULL, `order_id` TEXT NOT NULL, `line` INTEGER NOT NULL, PRIMARY KEY(`order_id`, `line`))',
  );
});

test('the primary key declared in the entity wins over the superclass one; else the superclass one is used', async () => {
  const tables = await entityTablesOf({
    'app/Tracked.kt': `package app
import androidx.room.*

abstract class Tracked(@PrimaryKey val uuid: String, val createdAt: Long)

@Entity(tableName = "doc")
class Doc(@PrimaryKey val slug: String, uuid: String, createdAt: Long, val title: String) : Tracked(uuid, createdAt)

@Entity(tableName = "memo")
class Memo(uuid: String, createdAt: Long, val text: String) : Tracked(uuid, createdAt)
`,
  });
  assert.equal(
    createSqlOf(tables, 'doc'),
    'CREATE TABLE IF NOT EXISTS `doc` (`slug` TEXT NOT NULL, `title` TEXT NOT NULL, `uuid` TEXT NOT NULL, `createdAt` INTEGER NOT NULL, PRIMARY KEY(`slug`))',
  );
  assert.equal(
    createSqlOf(tables, 'memo'),
    'CREATE TABLE IF NOT EXISTS `memo` (`text` TEXT NOT NULL, `uuid` TEXT NOT NULL, `createdAt` INTEGER NOT NULL, PRIMARY KEY(`uuid`))',
  );
});

test('two primary keys in the same class are Room errors: no key is guessed', async () => {
  const tables = await entityTablesOf({
    'app/Twice.kt': `package app
import androidx.room.*

@Entity(tableName = "twice", primaryKeys = ["b"])
data class Twice(@PrimaryKey val a: String, val b: String)
`,
  });
  assert.equal(createSqlOf(tables, 'twice'), 'CREATE TABLE IF NOT EXISTS `twice` (`a` TEXT NOT NULL, `b` TEXT NOT NULL)');
  assert.equal(tableNamed(tables, 'twice').primaryKey, undefined);
});

const AUTHORS = `package app
import androidx.room.*

@Entity(tableName = "author")
data class Author(@PrimaryKey val id: Long)
`;

test('foreign keys: ON UPDATE before ON DELETE, trailing space unless deferred, RESTRICT, SET NULL and int actions', async () => {
  const tables = await entityTablesOf({
    'app/Author.kt': AUTHORS,
    'app/Book.kt': `package app
import androidx.room.*

@Entity(
    tableName = "book",
    foreignKeys = [
        ForeignKey(entity = Author::class, parentColumns = ["id"], childColumns = ["author_id"], onDelete = ForeignKey.RESTRICT),
        ForeignKey(
            entity = Author::class,
            parentColumns = ["id"],
            childColumns = ["editor_id"],
            onDelete = ForeignKey.SET_NULL,
            onUpdate = 5,
            deferred = true,
        ),
    ],
)
data class Book(
    @PrimaryKey val id: Long,
    @ColumnInfo(name = "author_id") val authorId: Long,
    @ColumnInfo(name = "editor_id") val editorId: Long?,
)
`,
  });
  assert.equal(
    createSqlOf(tables, 'book'),
    'CREATE TABLE IF NOT EXISTS `book` (`id` INTEGER NOT NULL, `author_id` INTEGER NOT NULL, `editor_id` INTEGER, PRIMARY KEY(`id`), ' +
      'FOREIGN KEY(`author_id`) REFERENCES `author`(`id`) ON UPDATE NO ACTION ON DELETE RESTRICT , ' +
      'FOREIGN KEY(`editor_id`) REFERENCES `author`(`id`) ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED)',
  );
  const [first, second] = tableNamed(tables, 'book').foreignKeys;
  assert.equal(first.deferred, false);
  assert.equal(second.deferred, true);
  // The second `ForeignKey(` call starts on line 8 of the file (0-based 7).
  assert.equal(second.loc.range.start.line, 7);
});

test('a non-deferred key at the end leaves Room\'s space before the closing parenthesis', async () => {
  const tables = await entityTablesOf({
    'app/Author.kt': AUTHORS,
    'app/Quote.kt': `package app
import androidx.room.ForeignKey
import androidx.room.ForeignKey.Companion.CASCADE
import androidx.room.Entity
import androidx.room.PrimaryKey

const val KEEP = ForeignKey.NO_ACTION

@Entity(tableName = "quote", foreignKeys = [ForeignKey(Author::class, ["id"], ["author"], CASCADE, KEEP)])
data class Quote(@PrimaryKey val id: Long, val author: Long)
`,
  });
  assert.equal(
    createSqlOf(tables, 'quote'),
    'CREATE TABLE IF NOT EXISTS `quote` (`id` INTEGER NOT NULL, `author` INTEGER NOT NULL, PRIMARY KEY(`id`), ' +
      'FOREIGN KEY(`author`) REFERENCES `author`(`id`) ON UPDATE NO ACTION ON DELETE CASCADE )',
  );
});

test('a foreign key to a class outside the workspace is left out and noted', async () => {
  const tables = await entityTablesOf({
    'app/Orphan.kt': `package app
import androidx.room.*
import lib.External

@Entity(tableName = "orphan", foreignKeys = [ForeignKey(entity = External::class, parentColumns = ["id"], childColumns = ["ext"])])
data class Orphan(@PrimaryKey val id: Long, val ext: Long)
`,
  });
  const orphan = tableNamed(tables, 'orphan');
  assert.deepEqual(orphan.foreignKeys, []);
  assert.equal(orphan.unresolved?.length, 1);
  assert.equal(orphan.unresolved?.[0].range.start.line, 4);
});

test('foreign-key columns from another class\'s companion constants imported by name resolve like any constant', async () => {
  const child = (parentImport: string) => `package app.shelf
import androidx.room.*
import ${parentImport}
import app.shelf.Book.Companion.SHELF_REF

@Entity(
    tableName = "book",
    foreignKeys = [ForeignKey(entity = Shelf::class, parentColumns = [SHELF_KEY], childColumns = [SHELF_REF], onDelete = ForeignKey.CASCADE)],
)
data class Book(@PrimaryKey val id: Long, @ColumnInfo(name = SHELF_REF) val shelf: Long) {
    companion object {
        const val SHELF_REF = "shelf_id"
    }
}
`;
  const shelf = `package app.shelf
import androidx.room.*

@Entity(tableName = "shelf")
data class Shelf(@PrimaryKey @ColumnInfo(name = SHELF_KEY) val key: Long) {
    companion object {
        const val SHELF_KEY = "key"
    }
}
`;
  const resolved = tableNamed(await entityTablesOf({ 'app/shelf/Shelf.kt': shelf, 'app/shelf/Book.kt': child('app.shelf.Shelf.Companion.SHELF_KEY') }), 'book');
  assert.equal(
    resolved.createSql,
    'CREATE TABLE IF NOT EXISTS `book` (`id` INTEGER NOT NULL, `shelf_id` INTEGER NOT NULL, PRIMARY KEY(`id`), ' +
      'FOREIGN KEY(`shelf_id`) REFERENCES `shelf`(`key`) ON UPDATE NO ACTION ON DELETE CASCADE )',
  );
  assert.equal(resolved.unresolved, undefined);
  // The same import naming a constant nobody declares: the key stays out, noted.
  const unknown = tableNamed(await entityTablesOf({ 'app/shelf/Shelf.kt': shelf, 'app/shelf/Book.kt': child('app.shelf.Shelf.Companion.SHELF_KEY_OLD') }), 'book');
  assert.deepEqual(unknown.foreignKeys, []);
  assert.equal(unknown.unresolved?.length, 1);
});
