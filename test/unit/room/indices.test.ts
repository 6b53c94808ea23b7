import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlOf, entityTablesOf, tableNamed } from './entity-tables';

test('entity indices (unique, custom name, orders) come before field indices', async () => {
  const tables = await entityTablesOf({
    'app/Event.kt': `package app
import androidx.room.*

@Entity(
    tableName = "event",
    indices = [
        Index(value = ["day", "slot"], unique = true),
        Index(value = ["title"], name = "event_title_idx"),
        Index("day", "priority", orders = [Index.Order.ASC, Index.Order.DESC]),
    ],
)
data class Event(
    @PrimaryKey val id: String,
    val day: String,
    val slot: Int,
    val title: String,
    val priority: Int,
    @ColumnInfo(index = true) val room: String,
)
`,
  });
  const event = tableNamed(tables, 'event');
  assert.deepEqual(event.indices.map((i) => i.createSql), [
    'CREATE UNIQUE INDEX IF NOT EXISTS `index_event_day_slot` ON `event` (`day`, `slot`)',
    'CREATE INDEX IF NOT EXISTS `event_title_idx` ON `event` (`title`)',
    'CREATE INDEX IF NOT EXISTS `index_event_day_priority` ON `event` (`day` ASC, `priority` DESC)',
    'CREATE INDEX IF NOT EXISTS `index_event_room` ON `event` (`room`)',
  ]);
  assert.deepEqual(event.indices[2].orders, ['ASC', 'DESC']);
  assert.equal(event.indices[0].orders, undefined);
  assert.equal(event.indices[0].unique, true);
});

const OWNED = `package app
import androidx.room.*

@Entity(indices = [Index(value = ["owner_id"], name = "custom_owner")])
abstract class Owned {
    @ColumnInfo(name = "owner_id") var ownerId: String = ""
    @ColumnInfo(index = true) var label: String = ""
}
`;

test('with inheritSuperIndices, inherited field indices and renamed superclass indices follow', async () => {
  const tables = await entityTablesOf({
    'app/Owned.kt': OWNED,
    'app/Pet.kt': `package app
import androidx.room.*

@Entity(tableName = "pet", inheritSuperIndices = true, indices = [Index(value = ["id", "name"])])
class Pet(@PrimaryKey val id: String, @ColumnInfo(index = true) val name: String) : Owned()
`,
  });
  assert.equal(
    createSqlOf(tables, 'pet'),
    'CREATE TABLE IF NOT EXISTS `pet` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, `owner_id` TEXT NOT NULL, `label` TEXT NOT NULL, PRIMARY KEY(`id`))',
  );
  assert.deepEqual(tableNamed(tables, 'pet').indices.map((i) => i.createSql), [
    'CREATE INDEX IF NOT EXISTS `index_pet_id_name` ON `pet` (`id`, `name`)',
    'CREATE INDEX IF NOT EXISTS `index_pet_name` ON `pet` (`name`)',
    'CREATE INDEX IF NOT EXISTS `index_pet_label` ON `pet` (`label`)',
    'CREATE INDEX IF NOT EXISTS `index_pet_owner_id` ON `pet` (`owner_id`)',
  ]);
});

test('without inheritSuperIndices, superclass and embedded field indices are dropped; the abstract base is no table', async () => {
  const tables = await entityTablesOf({
    'app/Owned.kt': OWNED,
    'app/Plant.kt': `package app
import androidx.room.*

data class Pot(@ColumnInfo(index = true) val size: Int)

@Entity(tableName = "plant")
class Plant(@PrimaryKey val id: String, @Embedded val pot: Pot) : Owned()
`,
  });
  assert.deepEqual(tables.map((t) => t.name), ['plant']);
  assert.equal(
    createSqlOf(tables, 'plant'),
    'CREATE TABLE IF NOT EXISTS `plant` (`id` TEXT NOT NULL, `owner_id` TEXT NOT NULL, `label` TEXT NOT NULL, `size` INTEGER NOT NULL, PRIMARY KEY(`id`))',
  );
  assert.deepEqual(tableNamed(tables, 'plant').indices, []);
});
