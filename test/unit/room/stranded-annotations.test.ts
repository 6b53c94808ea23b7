import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';

// The grammar reads `@A(…)` lines followed by `@B(X::class)` and `abstract class` as an expression.
test('annotations the grammar strands before a declaration still belong to it', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/db/Db.kt': `package db

import androidx.room.*

@Entity(tableName = "when_at")
data class Moment(@PrimaryKey val id: String, val at: java.time.Instant)

class Converters {
    @TypeConverter
    fun toLong(value: java.time.Instant): Long = 0L

    @TypeConverter
    fun toInstant(value: Long): java.time.Instant = java.time.Instant.EPOCH
}

@Database(
    entities = [Moment::class],
    version = 3
)
@TypeConverters(Converters::class)
@ConstructedBy(DbConstructor::class)
abstract class Db : RoomDatabase()
`,
  });
  assert.equal(model.roomDatabases.length, 1);
  assert.equal(model.roomDatabases[0].version, 3);
  assert.deepEqual(model.roomDatabases[0].entities.map((e) => e.tableName), ['when_at']);
  // The converter on the database puts the Instant column in INTEGER affinity.
  assert.equal(model.tables[0].createSql, 'CREATE TABLE IF NOT EXISTS `when_at` (`id` TEXT NOT NULL, `at` INTEGER NOT NULL, PRIMARY KEY(`id`))');
});
