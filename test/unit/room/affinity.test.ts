import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlOf, entityTablesOf, tableNamed } from './entity-tables';

test('direct types, Boolean, ByteArray, UUID, value classes and type aliases', async () => {
  const tables = await entityTablesOf({
    'app/Types.kt': `package app

@JvmInline
value class UserId(val raw: String)

@JvmInline
value class Cents(val amount: Long)

typealias Millis = Long
typealias MaybeName = String?
`,
    'app/Wallet.kt': `package app
import androidx.room.*
import java.util.UUID

@Entity(tableName = "wallet")
data class Wallet(
    @PrimaryKey val owner: UserId,
    val balance: Cents,
    val updatedAt: Millis,
    val nickname: MaybeName,
    val active: Boolean,
    val avatar: ByteArray?,
    val score: Float,
    val initial: Char,
    val small: Short,
    val token: UUID,
)
`,
  });
  assert.equal(
    createSqlOf(tables, 'wallet'),
    'CREATE TABLE IF NOT EXISTS `wallet` (`owner` TEXT NOT NULL, `balance` INTEGER NOT NULL, `updatedAt` INTEGER NOT NULL, ' +
      '`nickname` TEXT, `active` INTEGER NOT NULL, `avatar` BLOB, `score` REAL NOT NULL, `initial` INTEGER NOT NULL, ' +
      '`small` INTEGER NOT NULL, `token` BLOB NOT NULL, PRIMARY KEY(`owner`))',
  );
  assert.equal(tableNamed(tables, 'wallet').unresolved, undefined);
});

const CONVERTERS = `package app.db
import androidx.room.TypeConverter
import kotlinx.datetime.Instant
import app.model.Priority

class Converters {
    @TypeConverter
    fun fromInstant(value: Instant?): Long? = value?.toEpochMilliseconds()

    @TypeConverter
    fun toInstant(value: Long?): Instant? = value?.let { Instant.fromEpochMilliseconds(it) }

    @TypeConverter
    fun fromPriority(priority: Priority): Int = priority.ordinal

    @TypeConverter
    fun toPriority(value: Int): Priority = Priority.entries[value]

    @TypeConverter
    fun fromTags(tags: List<String>): String = tags.joinToString(",")

    @TypeConverter
    fun toTags(text: String): List<String> = text.split(",")
}
`;

const TASK = `package app.model
import androidx.room.*
import kotlinx.datetime.Instant

enum class Priority { LOW, HIGH }
enum class Mood { HAPPY, SAD }

@Entity(tableName = "task")
data class Task(
    @PrimaryKey val id: String,
    val priority: Priority,
    val mood: Mood,
    val dueAt: Instant?,
    val tags: List<String>,
)
`;

const DATABASE = `package app.db
import androidx.room.Database
import androidx.room.RoomDatabase
import androidx.room.TypeConverters
import app.model.Task

@Database(entities = [Task::class], version = 1)
@TypeConverters(Converters::class)
abstract class AppDatabase : RoomDatabase()
`;

test('database converters: Instant → Long is INTEGER, an enum converted to Int is INTEGER, a plain enum is TEXT', async () => {
  const tables = await entityTablesOf({ 'app/db/Converters.kt': CONVERTERS, 'app/model/Task.kt': TASK, 'app/db/AppDatabase.kt': DATABASE });
  assert.equal(
    createSqlOf(tables, 'task'),
    'CREATE TABLE IF NOT EXISTS `task` (`id` TEXT NOT NULL, `priority` INTEGER NOT NULL, `mood` TEXT NOT NULL, ' +
      '`dueAt` INTEGER, `tags` TEXT NOT NULL, PRIMARY KEY(`id`))',
  );
});

test('without converters in scope an unknown type is flagged, never guessed; an enum falls back to TEXT', async () => {
  const tables = await entityTablesOf({ 'app/db/Converters.kt': CONVERTERS, 'app/model/Task.kt': TASK });
  const task = tableNamed(tables, 'task');
  const byName = new Map(task.columns.map((c) => [c.name, c]));
  assert.equal(byName.get('priority')?.affinity, 'TEXT');
  assert.equal(byName.get('priority')?.affinityUnresolved, undefined);
  assert.equal(byName.get('dueAt')?.affinityUnresolved, true);
  assert.equal(byName.get('tags')?.affinityUnresolved, true);
  assert.equal(task.unresolved?.length, 2);
});

test('converters named on the entity and on a field apply there only', async () => {
  const tables = await entityTablesOf({
    'app/db/Converters.kt': CONVERTERS,
    'app/model/Events.kt': `package app.model
import androidx.room.*
import kotlinx.datetime.Instant
import app.db.Converters

enum class Priority { LOW, HIGH }

@Entity(tableName = "scoped")
@TypeConverters(Converters::class)
data class Scoped(@PrimaryKey val id: Long, val at: Instant, val priority: Priority)

@Entity(tableName = "field_scoped")
data class FieldScoped(
    @PrimaryKey val id: Long,
    @field:TypeConverters(Converters::class) val at: Instant,
    val priority: Priority,
)
`,
  });
  assert.equal(
    createSqlOf(tables, 'scoped'),
    'CREATE TABLE IF NOT EXISTS `scoped` (`id` INTEGER NOT NULL, `at` INTEGER NOT NULL, `priority` INTEGER NOT NULL, PRIMARY KEY(`id`))',
  );
  assert.equal(
    createSqlOf(tables, 'field_scoped'),
    'CREATE TABLE IF NOT EXISTS `field_scoped` (`id` INTEGER NOT NULL, `at` INTEGER NOT NULL, `priority` TEXT NOT NULL, PRIMARY KEY(`id`))',
  );
});

test('an inferred converter return type is read from its partner; typeAffinity picks among converters', async () => {
  const tables = await entityTablesOf({
    'app/Money.kt': `package app
import androidx.room.*
import java.math.BigDecimal
import java.util.Date

object MoneyConverters {
    @TypeConverter
    fun fromDecimal(value: BigDecimal) = value.toPlainString()

    @TypeConverter
    fun toDecimal(text: String): BigDecimal = BigDecimal(text)

    @TypeConverter
    fun fromDate(date: Date): Long = date.time

    @TypeConverter
    fun toDate(millis: Long): Date = Date(millis)

    @TypeConverter
    fun dateToText(date: Date): String = date.toString()

    @TypeConverter
    fun textToDate(text: String): Date = Date(text)
}

@Entity(tableName = "price")
@TypeConverters(MoneyConverters::class)
data class Price(
    @PrimaryKey val id: Long,
    val amount: BigDecimal,
    @ColumnInfo(typeAffinity = ColumnInfo.TEXT) val asText: Date,
    val ambiguous: Date,
)
`,
  });
  const price = tableNamed(tables, 'price');
  assert.deepEqual(
    price.columns.map((c) => [c.name, c.affinity, c.affinityUnresolved ?? false]),
    [['id', 'INTEGER', false], ['amount', 'TEXT', false], ['asText', 'TEXT', false], ['ambiguous', 'TEXT', true]],
  );
});

test('a @TypeConverters class outside the workspace leaves non-direct types unknown', async () => {
  const tables = await entityTablesOf({
    'app/Thing.kt': `package app
import androidx.room.*
import lib.converters.DateConverters

enum class Kind { A, B }

@Entity(tableName = "thing")
@TypeConverters(DateConverters::class)
data class Thing(@PrimaryKey val id: Long, val kind: Kind, val name: String)
`,
  });
  const thing = tableNamed(tables, 'thing');
  assert.deepEqual(thing.columns.map((c) => c.affinityUnresolved ?? false), [false, true, false]);
});

test('an unknown type in a class embedded twice is reported once', async () => {
  const tables = await entityTablesOf({
    'app/Span.kt': `package app
import androidx.room.*
import kotlinx.datetime.Instant

data class Stamp(val at: Instant)

@Entity(tableName = "span")
data class Span(@PrimaryKey val id: Long, @Embedded(prefix = "start_") val start: Stamp, @Embedded(prefix = "end_") val end: Stamp)
`,
  });
  const span = tableNamed(tables, 'span');
  assert.deepEqual(span.columns.map((c) => [c.name, c.affinityUnresolved ?? false]), [['id', false], ['start_at', true], ['end_at', true]]);
  assert.equal(span.unresolved?.length, 1);
});

test('converters in the companion object of the named class count when @JvmStatic; a class without converters leaves types unknown', async () => {
  const source = (annotation: string) => `package app
import androidx.room.*

enum class Stage(val code: Int) {
    DRAFT(0),
    LIVE(1);

    companion object {
        ${annotation}
        @TypeConverter
        fun fromCode(code: Int): Stage = entries.first { it.code == code }

        ${annotation}
        @TypeConverter
        fun toCode(stage: Stage): Int = stage.code
    }
}

@Database(entities = [Post::class], version = 1)
@TypeConverters(Stage::class)
abstract class Db : RoomDatabase()

@Entity(tableName = "post")
data class Post(@PrimaryKey val id: Long, val stage: Stage, val title: String)
`;
  const statics = tableNamed(await entityTablesOf({ 'app/Post.kt': source('@JvmStatic') }), 'post');
  assert.equal(statics.createSql, 'CREATE TABLE IF NOT EXISTS `post` (`id` INTEGER NOT NULL, `stage` INTEGER NOT NULL, `title` TEXT NOT NULL, PRIMARY KEY(`id`))');
  assert.equal(statics.unresolved, undefined);
  // Without @JvmStatic Room sees no converter in Stage (a compile error): no built-in enum TEXT is guessed.
  const members = tableNamed(await entityTablesOf({ 'app/Post.kt': source('') }), 'post');
  assert.deepEqual(members.columns.map((c) => [c.name, c.affinityUnresolved ?? false]), [['id', false], ['stage', true], ['title', false]]);
});

test('a Boolean stays INTEGER with its DEFAULT when the converters from Boolean go to a domain type, not into a column type', async () => {
  const source = (stored: string, read: string) => `package app
import androidx.room.*

class Reminder(val on: Boolean)

class ReminderConverters {
    @TypeConverter
    fun toReminder(on: ${stored}): Reminder = Reminder(${read})

    @TypeConverter
    fun fromReminder(reminder: Reminder): ${stored} = reminder.on${stored === 'String' ? '.toString()' : ''}
}

@Database(entities = [Note::class], version = 1)
@TypeConverters(ReminderConverters::class)
abstract class Db : RoomDatabase()

@Entity(tableName = "note")
data class Note(
    @PrimaryKey val id: Long,
    val pinned: Boolean,
    @ColumnInfo(defaultValue = "0") val archived: Boolean,
    val reminder: Reminder,
)
`;
  // Boolean ↔ Reminder: Room's own Boolean → Int (one step) beats Boolean → Reminder → … for a Boolean field.
  const domain = tableNamed(await entityTablesOf({ 'app/Note.kt': source('Boolean', 'on') }), 'note');
  assert.equal(
    domain.createSql,
    'CREATE TABLE IF NOT EXISTS `note` (`id` INTEGER NOT NULL, `pinned` INTEGER NOT NULL, `archived` INTEGER NOT NULL DEFAULT 0, `reminder` INTEGER NOT NULL, PRIMARY KEY(`id`))',
  );
  assert.equal(domain.unresolved, undefined);
  // String ↔ Reminder: no converter from Boolean at all, nothing changes for the Boolean fields.
  const text = tableNamed(await entityTablesOf({ 'app/Note.kt': source('String', 'on.toBoolean()') }), 'note');
  assert.equal(
    text.createSql,
    'CREATE TABLE IF NOT EXISTS `note` (`id` INTEGER NOT NULL, `pinned` INTEGER NOT NULL, `archived` INTEGER NOT NULL DEFAULT 0, `reminder` TEXT NOT NULL, PRIMARY KEY(`id`))',
  );
});

test('a converter from Boolean straight into TEXT leaves the Boolean columns unknown; one into Long keeps INTEGER', async () => {
  const source = (column: string) => `package app
import androidx.room.*

object Flags {
    @TypeConverter
    fun fromFlag(on: Boolean): ${column} = if (on) ${column === 'String' ? '"yes"' : '1L'} else ${column === 'String' ? '"no"' : '0L'}

    @TypeConverter
    fun toFlag(value: ${column}): Boolean = value == ${column === 'String' ? '"yes"' : '1L'}
}

@Entity(tableName = "flagged")
@TypeConverters(Flags::class)
data class Flagged(@PrimaryKey val id: Long, @ColumnInfo(defaultValue = "0") val on: Boolean)
`;
  const long = tableNamed(await entityTablesOf({ 'app/Flagged.kt': source('Long') }), 'flagged');
  assert.equal(long.createSql, 'CREATE TABLE IF NOT EXISTS `flagged` (`id` INTEGER NOT NULL, `on` INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(`id`))');
  const text = tableNamed(await entityTablesOf({ 'app/Flagged.kt': source('String') }), 'flagged');
  assert.equal(text.columns[1].affinityUnresolved, true);
  assert.equal(text.columns[1].defaultValue, undefined);
});

test('expression-bodied converters without return types: the type is inferred where the expression makes it certain', async () => {
  const source = (instantOut: string, jsonOut: string) => `package app
import androidx.room.*
import java.time.Instant
import java.util.Date

enum class Level(val weight: Int) { LOW(1), HIGH(5) }
data class Tag(val label: String)

class Converters {
    private fun encode(tags: List<Tag>): String = tags.joinToString(",") { it.label }

    @TypeConverter
    fun fromInstant(at: Instant?) = ${instantOut}

    @TypeConverter
    fun toInstant(millis: Long?) = millis?.let { Instant.ofEpochMilli(it) }

    @TypeConverter
    fun fromDate(date: Date?) = date?.time

    @TypeConverter
    fun toDate(millis: Long?) = millis?.let { Date(it) }

    @TypeConverter
    fun fromLevel(level: Level) = level.weight

    @TypeConverter
    fun toLevel(weight: Int) = Level.entries.first { it.weight == weight }

    @TypeConverter
    fun fromTags(tags: List<Tag>) = ${jsonOut}

    @TypeConverter
    fun toTags(text: String) = text.split(",").map { Tag(it) }
}

@Database(entities = [Entry::class], version = 1)
@TypeConverters(Converters::class)
abstract class Db : RoomDatabase()

@Entity(tableName = "entry")
data class Entry(
    @PrimaryKey val id: Long,
    @ColumnInfo(defaultValue = "0") val at: Instant,
    val seen: Date?,
    val level: Level,
    @ColumnInfo(defaultValue = "") val tags: List<Tag>,
)
`;
  const certain = tableNamed(await entityTablesOf({ 'app/Entry.kt': source('at?.toEpochMilli()', 'encode(tags)') }), 'entry');
  assert.equal(
    certain.createSql,
    'CREATE TABLE IF NOT EXISTS `entry` (`id` INTEGER NOT NULL, `at` INTEGER NOT NULL DEFAULT 0, `seen` INTEGER, ' +
      "`level` INTEGER NOT NULL, `tags` TEXT NOT NULL DEFAULT '', PRIMARY KEY(`id`))",
  );
  assert.equal(certain.unresolved, undefined);
  // Through a lambda, or a function Rawsync cannot see, neither side says the type: unknown, no TEXT guess, no DEFAULT.
  const unsure = tableNamed(await entityTablesOf({ 'app/Entry.kt': source('at?.let { it.toEpochMilli() }', 'Json.encode(tags)') }), 'entry');
  assert.deepEqual(
    unsure.columns.map((c) => [c.name, c.affinityUnresolved ?? false, c.defaultValue]),
    [['id', false, undefined], ['at', true, undefined], ['seen', false, undefined], ['level', false, undefined], ['tags', true, undefined]],
  );
});

test('rawsync schema says which tables are not derived in full, and which column types are fallbacks', async () => {
  const { schemaReport } = await import('../../../server/src/model/schema-report');
  const { analyzeFiles } = await import('../../support/workspace');
  const source = (levelImport: string, ownLevel: boolean) => ({
    'src/commonMain/kotlin/app/Db.kt': `package app

import androidx.room.*
${levelImport}

@Entity(tableName = "wallet")
data class Wallet(@PrimaryKey val id: String, val level: Level)

@Database(entities = [Wallet::class], version = 1)
abstract class Db : RoomDatabase()
`,
    ...(ownLevel ? { 'src/commonMain/kotlin/app/Level.kt': 'package app\n\nenum class Level { LOW, HIGH }\n' } : {}),
  });
  // A type from a library outside the workspace: its TEXT is a fallback, and the report says so.
  const outside = await analyzeFiles(source('import some.library.Level', false));
  const table = schemaReport(outside.model, (uri) => uri).tables.find((t) => t.name === 'wallet')!;
  outside.analyzer.dispose();
  assert.equal(table.columns.find((c) => c.name === 'level')?.affinityUnresolved, true);
  assert.ok((table.unresolved ?? []).length > 0);
  // The app's own enum: Room stores its name as TEXT, known, and nothing is marked.
  const own = await analyzeFiles(source('', true));
  const ownTable = schemaReport(own.model, (uri) => uri).tables.find((t) => t.name === 'wallet')!;
  own.analyzer.dispose();
  assert.equal(ownTable.columns.find((c) => c.name === 'level')?.affinityUnresolved, undefined);
  assert.equal(ownTable.unresolved, undefined);
  // An explicit import wins over a class of the same name in the file's own package, as in Kotlin.
  const both = await analyzeFiles(source('import some.library.Level', true));
  const bothTable = schemaReport(both.model, (uri) => uri).tables.find((t) => t.name === 'wallet')!;
  both.analyzer.dispose();
  assert.equal(bothTable.columns.find((c) => c.name === 'level')?.affinityUnresolved, true);
});

test('Room 3 column type converters (@ColumnTypeConverter, @ColumnTypeConverters of androidx.room3) convert like Room 2 ones', async () => {
  const room3 = (text: string) => text.replaceAll('import androidx.room.', 'import androidx.room3.').replaceAll('TypeConverter', 'ColumnTypeConverter');
  const files = { 'app/db/Converters.kt': room3(CONVERTERS), 'app/model/Task.kt': room3(TASK), 'app/db/AppDatabase.kt': room3(DATABASE) };
  assert.match(files['app/db/Converters.kt'], /import androidx\.room3\.ColumnTypeConverter\n[^]*@ColumnTypeConverter\n/);
  assert.match(files['app/db/AppDatabase.kt'], /@ColumnTypeConverters\(Converters::class\)/);
  const tables = await entityTablesOf(files);
  assert.equal(
    createSqlOf(tables, 'task'),
    'CREATE TABLE IF NOT EXISTS `task` (`id` TEXT NOT NULL, `priority` INTEGER NOT NULL, `mood` TEXT NOT NULL, ' +
      '`dueAt` INTEGER, `tags` TEXT NOT NULL, PRIMARY KEY(`id`))',
  );
});
