import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlOf, entityTablesOf, tableNamed } from './entity-tables';

const PLACE = `package app.model

import androidx.room.ColumnInfo
import androidx.room.Embedded
import androidx.room.Entity
import androidx.room.PrimaryKey

data class Coordinates(val lat: Double, val lng: Double?)

data class Address(
    val street: String,
    @ColumnInfo(name = "zip_code") val zip: String?,
    @Embedded(prefix = "geo_") val coordinates: Coordinates,
)

@Entity(tableName = "place")
data class Place(
    @PrimaryKey val id: String,
    @Embedded(prefix = "home_") val home: Address,
    val name: String,
    @Embedded(prefix = "work_") val work: Address?,
    val visits: Int,
)
`;

test('embedded columns come after every plain column, with accumulated prefixes', async () => {
  const tables = await entityTablesOf({ 'app/model/Place.kt': PLACE });
  assert.equal(
    createSqlOf(tables, 'place'),
    'CREATE TABLE IF NOT EXISTS `place` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, `visits` INTEGER NOT NULL, ' +
      '`home_street` TEXT NOT NULL, `home_zip_code` TEXT, `home_geo_lat` REAL NOT NULL, `home_geo_lng` REAL, ' +
      '`work_street` TEXT, `work_zip_code` TEXT, `work_geo_lat` REAL, `work_geo_lng` REAL, PRIMARY KEY(`id`))',
  );
});

test('embedded columns carry their dotted property path and the child property location', async () => {
  const place = tableNamed(await entityTablesOf({ 'app/model/Place.kt': PLACE }), 'place');
  const lat = place.columns.find((c) => c.name === 'home_geo_lat');
  assert.equal(lat?.fieldPath, 'home.coordinates.lat');
  // `val lat: Double` is on line 8 of the file (0-based 7).
  assert.equal(lat?.loc.range.start.line, 7);
  assert.equal(place.columns.find((c) => c.name === 'work_zip_code')?.fieldPath, 'work.zip');
  assert.equal(place.unresolved, undefined);
});

test('@Ignore, ignoredColumns, computed, delegated and companion properties are not columns', async () => {
  const tables = await entityTablesOf({
    'app/Profile.kt': `package app
import androidx.room.*

@Entity(tableName = "profile", ignoredColumns = ["cache"])
data class Profile(
    @PrimaryKey val id: String,
    val name: String,
    val cache: String = "",
    notAProperty: Int = 0,
) {
    val displayName: String get() = name.uppercase()
    val initials: String
        get() = name.take(2)
    val lazyValue by lazy { 1 }
    @Ignore var selected: Boolean = false
    @field:Ignore var alsoSelected: Boolean = false
    var note: String? = null
    @Transient var scratch: String = ""
    @Transient @ColumnInfo(name = "kept") var keptTransient: String = ""
    var counted: Int = 0
        get() = field + 1

    companion object {
        const val KIND = "profile"
        val DEFAULT = Profile("", "")
    }
}
`,
  });
  assert.equal(
    createSqlOf(tables, 'profile'),
    'CREATE TABLE IF NOT EXISTS `profile` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, `note` TEXT, `kept` TEXT NOT NULL, ' +
      '`counted` INTEGER NOT NULL, PRIMARY KEY(`id`))',
  );
});

test('a kotlinx.serialization @Transient does not hide a column', async () => {
  const tables = await entityTablesOf({
    'app/Item.kt': `package app
import androidx.room.Entity
import androidx.room.PrimaryKey
import kotlinx.serialization.Transient

@Entity(tableName = "item")
data class Item(@PrimaryKey val id: Long, @Transient val draft: Boolean = false)
`,
  });
  assert.equal(createSqlOf(tables, 'item'), 'CREATE TABLE IF NOT EXISTS `item` (`id` INTEGER NOT NULL, `draft` INTEGER NOT NULL, PRIMARY KEY(`id`))');
});

test('inherited columns follow the own ones and a shadowed name is taken once', async () => {
  const tables = await entityTablesOf({
    'app/Base.kt': `package app

abstract class Base {
    open var updatedAt: Long = 0
    var version: Int = 1
}

open class Middle : Base() {
    var source: String? = null
}
`,
    'app/Note.kt': `package app
import androidx.room.*

@Entity(tableName = "note")
class Note(
    @PrimaryKey val id: String,
    override var updatedAt: Long,
    val body: String,
) : Middle()
`,
  });
  assert.equal(
    createSqlOf(tables, 'note'),
    'CREATE TABLE IF NOT EXISTS `note` (`id` TEXT NOT NULL, `updatedAt` INTEGER NOT NULL, `body` TEXT NOT NULL, ' +
      '`source` TEXT, `version` INTEGER NOT NULL, PRIMARY KEY(`id`))',
  );
});

test('@ColumnInfo(name = "[field-name]") keeps the property name; a literal initializer gives the type, else it is unknown', async () => {
  const tables = await entityTablesOf({
    'app/Counter.kt': `package app
import androidx.room.*

@Entity
class Counter {
    @PrimaryKey var id: Long = 0L
    @ColumnInfo(name = "[field-name]") var label = "x"
    var hits = 0
    var ratio = 0.5
    var enabled = true
    var sum = 1 + 2
    var joined = "a" + 1
}
`,
  });
  assert.equal(
    createSqlOf(tables, 'Counter'),
    'CREATE TABLE IF NOT EXISTS `Counter` (`id` INTEGER NOT NULL, `label` TEXT NOT NULL, `hits` INTEGER NOT NULL, ' +
      '`ratio` REAL NOT NULL, `enabled` INTEGER NOT NULL, `sum` TEXT, `joined` TEXT NOT NULL, PRIMARY KEY(`id`))',
  );
  // `1 + 2` needs type inference: the column is kept but flagged.
  assert.equal(tableNamed(tables, 'Counter').columns.find((c) => c.name === 'sum')?.affinityUnresolved, true);
});

test('COLLATE comes after NOT NULL and before DEFAULT', async () => {
  const tables = await entityTablesOf({
    'app/Tag.kt': `package app
import androidx.room.*

@Entity(tableName = "tag")
data class Tag(
    @PrimaryKey val id: Long,
    @ColumnInfo(collate = ColumnInfo.NOCASE, defaultValue = "misc") val name: String,
    @ColumnInfo(collate = ColumnInfo.UNSPECIFIED) val slug: String?,
    @ColumnInfo(collate = 6) val label: String?,
)
`,
  });
  assert.equal(
    createSqlOf(tables, 'tag'),
    "CREATE TABLE IF NOT EXISTS `tag` (`id` INTEGER NOT NULL, `name` TEXT NOT NULL COLLATE NOCASE DEFAULT 'misc', " +
      '`slug` TEXT, `label` TEXT COLLATE UNICODE, PRIMARY KEY(`id`))',
  );
});

test('an ignored column of an unknown type leaves nothing unresolved', async () => {
  const tables = await entityTablesOf({
    'app/Cached.kt': `package app
import androidx.room.*
import lib.Blob

@Entity(tableName = "cached", ignoredColumns = ["payload"])
data class Cached(@PrimaryKey val id: Long, val payload: Blob?)
`,
  });
  const cached = tableNamed(tables, 'cached');
  assert.deepEqual(cached.columns.map((c) => c.name), ['id']);
  assert.equal(cached.unresolved, undefined);
});

test('BaseColumns._ID and _COUNT name columns "_id" and "_count"; other SDK constants stay unknown', async () => {
  const tables = await entityTablesOf({
    'app/Clip.kt': `package app
import androidx.room.*
import android.provider.BaseColumns
import android.provider.OpenableColumns

@Entity(tableName = "clip")
data class Clip(
    @PrimaryKey @ColumnInfo(name = BaseColumns._ID, index = true) val id: Long,
    @ColumnInfo(name = android.provider.BaseColumns._COUNT) val count: Int,
    val text: String,
)

@Entity(tableName = "media")
data class Media(
    @PrimaryKey @ColumnInfo(name = BaseColumns._ID) val id: Long,
    @ColumnInfo(name = OpenableColumns.DISPLAY_NAME) val name: String,
)
`,
  });
  const clip = tableNamed(tables, 'clip');
  assert.equal(clip.createSql, 'CREATE TABLE IF NOT EXISTS `clip` (`_id` INTEGER NOT NULL, `_count` INTEGER NOT NULL, `text` TEXT NOT NULL, PRIMARY KEY(`_id`))');
  assert.deepEqual(clip.indices.map((i) => i.createSql), ['CREATE INDEX IF NOT EXISTS `index_clip__id` ON `clip` (`_id`)']);
  assert.equal(clip.unresolved, undefined);
  const media = tableNamed(tables, 'media');
  assert.deepEqual(media.columns.map((c) => c.name), ['_id']);
  assert.equal(media.unresolved?.length, 1);
});

test('a BaseColumns of the app\'s own wins over the SDK\'s; an entity with no derivable column has no CREATE TABLE', async () => {
  const tables = await entityTablesOf({
    'app/Words.kt': `package app
import androidx.room.*

object BaseColumns {
    const val _ID = "word_id"
}

@Entity(tableName = "word")
data class Word(@PrimaryKey @ColumnInfo(name = BaseColumns._ID) val id: Long)

@Entity(tableName = "lost", indices = [Index("missing")])
data class Lost(@PrimaryKey @ColumnInfo(name = Unknown.ID) val id: Long, @ColumnInfo(name = Unknown.WORD) val word: String)
`,
  });
  assert.equal(tableNamed(tables, 'word').createSql, 'CREATE TABLE IF NOT EXISTS `word` (`word_id` INTEGER NOT NULL, PRIMARY KEY(`word_id`))');
  const lost = tableNamed(tables, 'lost');
  assert.equal(lost.createSql, '');
  assert.deepEqual(lost.indices, []);
  assert.equal(lost.unresolved?.length, 2);
});
