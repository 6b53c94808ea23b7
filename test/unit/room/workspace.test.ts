import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFixture } from '../../support/workspace';
import { createSqlOf, entityTablesOf, tableNamed } from './entity-tables';

test('room-app: names from other files and packages, companions, converters and the database resolve', async () => {
  const { model } = await analyzeFixture('room-app');
  const tables = model.tables.filter((t) => t.origin === 'room-entity');
  assert.deepEqual(tables.map((t) => t.name).sort(), ['profile', 'todo', 'todo_archive']);
  assert.equal(
    createSqlOf(tables, 'profile'),
    'CREATE TABLE IF NOT EXISTS `profile` (`id` TEXT NOT NULL, `display_name` TEXT NOT NULL, `created_at` INTEGER NOT NULL, PRIMARY KEY(`id`))',
  );
  assert.equal(
    createSqlOf(tables, 'todo'),
    'CREATE TABLE IF NOT EXISTS `todo` (`id` TEXT NOT NULL, `owner_id` TEXT NOT NULL, `title` TEXT NOT NULL, ' +
      '`done` INTEGER NOT NULL DEFAULT 0, `priority` INTEGER NOT NULL, `due_at` INTEGER, `loc_lat` REAL, `loc_lng` REAL, ' +
      'PRIMARY KEY(`id`), FOREIGN KEY(`owner_id`) REFERENCES `profile`(`id`) ON UPDATE CASCADE ON DELETE CASCADE )',
  );
  assert.deepEqual(tableNamed(tables, 'todo').indices.map((i) => i.createSql), [
    'CREATE INDEX IF NOT EXISTS `index_todo_owner_id` ON `todo` (`owner_id`)',
  ]);
  assert.equal(
    createSqlOf(tables, 'todo_archive'),
    'CREATE TABLE IF NOT EXISTS `todo_archive` (`rowId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `todoId` TEXT NOT NULL)',
  );
  for (const table of tables) assert.equal(table.unresolved, undefined, `${table.name} has unresolved parts`);
});

test('room-app: locations point at the class, the tableName argument and the property', async () => {
  const { model } = await analyzeFixture('room-app');
  const todo = tableNamed(model.tables, 'todo');
  assert.ok(todo.loc.uri.endsWith('/com/example/todo/model/Todo.kt'));
  assert.equal(todo.nameLoc.range.start.line, 17); // `tableName = Tables.TODO,`
  assert.equal(todo.nameLoc.range.start.character, 16);
  assert.equal(todo.columns.find((c) => c.name === 'owner_id')?.loc.range.start.line, 31);
  assert.equal(todo.foreignKeys[0].loc.range.start.line, 19);
  assert.deepEqual(todo.entity, { className: 'Todo', qualifiedName: 'com.example.todo.model.Todo' });
  const profile = tableNamed(model.tables, 'profile');
  assert.equal(profile.nameLoc.range.start.line, 8);
});

test('room-app: the @Database lists entities in order with Room\'s table ids and its version', async () => {
  const { model } = await analyzeFixture('room-app');
  assert.equal(model.roomDatabases.length, 1);
  const [db] = model.roomDatabases;
  assert.equal(db.qualifiedName, 'com.example.todo.db.TodoDatabase');
  assert.equal(db.version, 4);
  assert.deepEqual(db.entities.map((e) => [e.className, e.tableName, e.tableId]), [
    ['Profile', 'profile', 0],
    ['Todo', 'todo', 1],
    ['ArchivedTodo', 'todo_archive', 2],
  ]);
  assert.equal(db.entitiesLoc.range.start.line, 12);
  assert.equal(db.entitiesLoc.range.start.character, 15);
});

test('room-broken: the intact entity of a file with a syntax error is still read', async () => {
  const { model } = await analyzeFixture('room-broken');
  const names = model.tables.filter((t) => t.origin === 'room-entity').map((t) => t.name).sort();
  // `half` is cut off by its error; `lost` is read again past it, without the column whose name is missing.
  assert.deepEqual(names, ['intact', 'lost', 'other']);
  const lost = model.tables.find((t) => t.name === 'lost')!;
  assert.deepEqual(lost.columns.map((c) => c.name), ['id']);
  assert.ok((lost.unresolved?.length ?? 0) > 0);
  assert.equal(createSqlOf(model.tables, 'intact'), 'CREATE TABLE IF NOT EXISTS `intact` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, PRIMARY KEY(`id`))');
  const broken = [...model.files.values()].find((f) => f.uri.endsWith('/Entities.kt'));
  assert.ok(broken && broken.syntaxErrors.length > 0);
});

test('an entity the parser recovered around a syntax error is kept, with the error noted as unresolved', async () => {
  const tables = await entityTablesOf({
    'app/Half.kt': `package app
import androidx.room.*

@Entity(tableName = "half")
data class Half(
    @PrimaryKey val id: String,
    val name: String =
)
`,
  });
  const half = tableNamed(tables, 'half');
  assert.equal(half.unresolved?.length, 1);
  assert.equal(half.unresolved?.[0].range.start.line, 6);
});
