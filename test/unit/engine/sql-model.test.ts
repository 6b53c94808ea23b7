import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture, factsOf } from '../../support/workspace';
import { buildSqlTables } from '../../../server/src/model/sql-tables';
import { buildTriggers } from '../../../server/src/model/triggers';
import { WorkspaceNames } from '../../../server/src/model/names';
import { SqliteCatalog } from '../../../server/src/engine/catalog';
import type { FileFacts } from '../../../server/src/model/facts';
import type { RawTable, Table } from '../../../server/src/model/workspace';
import { engine } from './core-database';

test('the .sql front end gives one fact per statement, located at its text, and disable comments', async () => {
  const text = "-- header\nCREATE TABLE a (id TEXT);\n\n-- rawsync-disable-next-line put-not-upsert\nINSERT INTO a VALUES ('x;y');\nSELECT 'open";
  const facts = await factsOf(text, 'src/commonMain/sql/a.sql');
  assert.equal(facts.language, 'sql');
  assert.equal(facts.platform, 'common');
  assert.deepEqual(facts.sqlStatements.map((s) => [s.source, s.sql.kind === 'string' ? s.sql.value : undefined, s.loc.range.start, s.loc.range.end]), [
    ['sql-file', 'CREATE TABLE a (id TEXT)', { line: 1, character: 0 }, { line: 1, character: 24 }],
    ['sql-file', "INSERT INTO a VALUES ('x;y')", { line: 4, character: 0 }, { line: 4, character: 28 }],
    ['sql-file', "SELECT 'open", { line: 5, character: 0 }, { line: 5, character: 12 }],
  ]);
  assert.deepEqual(facts.disableComments.map((c) => [c.line, c.rules]), [[4, ['put-not-upsert']]]);
  assert.deepEqual(facts.syntaxErrors.map((e) => e.range.start), [{ line: 5, character: 7 }]);
});

test('tables from a .sql file and from Kotlin strings, described by SQLite', async () => {
  const { model, root } = await analyzeFixture('engine-sql-schema');
  const sqlTables = model.tables.filter((t) => t.origin === 'sql');
  assert.deepEqual(sqlTables.map((t) => t.name).sort(), ['lists', 'todos', 'users']);
  const todos = sqlTables.find((t) => t.name === 'todos')!;
  assert.ok(todos.loc.uri.endsWith('/src/commonMain/sql/schema.sql'), root);
  assert.deepEqual(todos.columns.map((c) => [c.name, c.affinity, c.notNull, c.defaultValue, c.collate]), [
    ['id', 'TEXT', true, undefined, undefined],
    ['list_id', 'TEXT', true, undefined, undefined],
    ['owner_id', 'TEXT', false, undefined, undefined],
    ['title', 'TEXT', true, undefined, 'NOCASE'],
    ['done', 'NUMERIC', true, '0', undefined],
    ['pinned', 'INTEGER', true, '0', undefined],
  ]);
  assert.deepEqual(todos.primaryKey, { columns: ['id'], autoGenerate: false, rowidAlias: false });
  assert.deepEqual(todos.foreignKeys.map((fk) => [fk.childColumns, fk.parentTable, fk.onDelete, fk.deferred]), [
    [['list_id'], 'lists', 'CASCADE', true],
    [['owner_id'], 'users', 'NO ACTION', false],
  ]);
  assert.deepEqual(todos.indices.map((i) => [i.name, i.columns, i.createSql]), [['todos_list', ['list_id'], 'CREATE INDEX todos_list ON todos (list_id)']]);
  // Statements in a .sql file are located to the token.
  assert.deepEqual(todos.nameLoc.range, { start: { line: 6, character: 13 }, end: { line: 6, character: 18 } });
  assert.deepEqual(todos.columns[1].loc.range.start, { line: 8, character: 2 });
  assert.deepEqual(todos.foreignKeys[0].loc.range.start, { line: 8, character: 24 });
  assert.match(todos.createSql, /^CREATE TABLE todos \(/);
  // A Kotlin string: constants resolved, located at the string.
  const users = sqlTables.find((t) => t.name === 'users')!;
  assert.ok(users.loc.uri.endsWith('Migrations.kt'));
  assert.deepEqual(users.columns.map((c) => [c.name, c.affinity]), [['id', 'TEXT'], ['name', 'TEXT'], ['created_at', 'NUMERIC']]);
  assert.deepEqual(users.nameLoc, users.loc);
  // The first CREATE TABLE of a name wins (files in URI order: the Kotlin file comes first).
  const lists = sqlTables.find((t) => t.name === 'lists')!;
  assert.deepEqual(lists.columns.map((c) => c.name), ['id', 'other']);
});

test('a CREATE TRIGGER in a .sql file is a trigger fact', async () => {
  const { model } = await analyzeFixture('engine-sql-schema');
  assert.deepEqual(model.triggers.map((t) => [t.form, t.name, t.table, t.event, t.writesPowerSyncCrud]), [
    ['create-trigger', 'todos_insert', 'todos', 'INSERT', true],
  ]);
  assert.match(model.triggers[0].sql ?? '', /^CREATE TRIGGER todos_insert[\s\S]*END$/);
  assert.equal(model.triggers[0].loc.range.start.line, 18);
  const facts = model.files.get(model.triggers[0].loc.uri)!;
  assert.deepEqual(facts.disableComments.map((c) => c.line), [18]);
});

test('Room entity tables win over SQL that creates the same name', async () => {
  const facts = await factsOf('CREATE TABLE todo (id TEXT PRIMARY KEY, extra TEXT);\nCREATE TABLE note (id TEXT PRIMARY KEY, todo_id TEXT REFERENCES Todo);', 'src/commonMain/sql/s.sql');
  const files = new Map<string, FileFacts>([[facts.uri, facts]]);
  const loc = { uri: 'file:///virtual/Todo.kt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const entity: Table = {
    name: 'Todo', origin: 'room-entity', columns: [], foreignKeys: [], indices: [], loc, nameLoc: loc,
    createSql: 'CREATE TABLE IF NOT EXISTS `Todo` (`id` TEXT NOT NULL, `title` TEXT NOT NULL, PRIMARY KEY(`id`))',
  };
  const tables = buildSqlTables(files, new WorkspaceNames(files), [entity], new SqliteCatalog(await engine()));
  assert.deepEqual(tables.map((t) => t.name), ['note']);
  // The entity's table was in the scratch database, so the implicit parent key resolves.
  assert.deepEqual(tables[0].foreignKeys.map((fk) => [fk.parentTable, fk.parentColumns]), [['Todo', ['id']]]);
});

test('without a catalog there are no SQL tables', async () => {
  const facts = await factsOf('CREATE TABLE a (id TEXT);', 'src/commonMain/sql/a.sql');
  const files = new Map([[facts.uri, facts]]);
  assert.deepEqual(buildSqlTables(files, new WorkspaceNames(files), [], undefined), []);
});

function rawTable(name: string, variable: string, uri: string, owner: string[] = []): RawTable {
  const loc = { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  return { api: 'kotlin', name, nameLoc: loc, variable: { name: variable, owner }, localTable: `local_${name}`, platform: 'common', loc };
}

test('crud-trigger calls: the JSON matched to a raw table, names and events from literals and bound parameters', async () => {
  const kotlin = `package app
object Tables { val todoTable = RawTable(name = "todo", schema = RawTableSchema()) }
suspend fun triggers(db: PowerSyncDatabase) {
    db.execute("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)", listOf(Tables.todoTable.jsonDescription(), "todo_insert", "INSERT"))
    db.execute("SELECT powersync_create_raw_table_crud_trigger('\${Tables.todoTable.jsonDescription()}', 'todo_update', 'UPDATE')")
    db.execute("""SELECT powersync_create_raw_table_crud_trigger('{"name":"lists","table_name":"lists_local"}', 'lists_delete', 'DELETE')""")
    db.execute("SELECT powersync_create_raw_table_crud_trigger(?, 'x', 'insert')", listOf(unknownJson))
}
`;
  const facts = await factsOf(kotlin, 'src/commonMain/kotlin/app/Triggers.kt');
  const files = new Map([[facts.uri, facts]]);
  const todo = rawTable('todo', 'todoTable', facts.uri, ['Tables']);
  const lists = rawTable('lists', 'listsTable', 'file:///virtual/Other.kt');
  const triggers = buildTriggers(files, new WorkspaceNames(files), [todo, lists]);
  assert.deepEqual(triggers.map((t) => [t.form, t.name, t.event, t.table, t.rawTable?.name, t.writesPowerSyncCrud]), [
    ['crud-trigger-call', 'todo_insert', 'INSERT', 'local_todo', 'todo', true],
    ['crud-trigger-call', 'todo_update', 'UPDATE', 'local_todo', 'todo', true],
    ['crud-trigger-call', 'lists_delete', 'DELETE', 'lists_local', 'lists', true],
    // A lower-case event is refused by the core: no event.
    ['crud-trigger-call', 'x', undefined, undefined, undefined, true],
  ]);
  assert.equal(triggers[0].sql, 'SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)');
  assert.equal(triggers[1].sql, undefined, 'the SQL text is not fully known');
  assert.ok(triggers.every((t) => t.loc.uri === facts.uri));
});

test('CREATE TRIGGER strings in Kotlin, with template parts resolved or left unknown', async () => {
  const kotlin = `package app
const val TABLE = "todo"
fun create(db: SupportSQLiteDatabase, table: String) {
    db.execSQL("""
        CREATE TRIGGER \${TABLE}_delete AFTER DELETE ON \$TABLE FOR EACH ROW BEGIN
          INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, '\$TABLE');
        END
    """.trimIndent())
    db.execSQL("CREATE TRIGGER audit AFTER UPDATE ON \$table BEGIN INSERT INTO audit (id) VALUES (NEW.id); END")
}
`;
  const facts = await factsOf(kotlin, 'src/commonMain/kotlin/app/Create.kt');
  const files = new Map([[facts.uri, facts]]);
  const triggers = buildTriggers(files, new WorkspaceNames(files), []);
  assert.deepEqual(triggers.map((t) => [t.form, t.name, t.table, t.event, t.writesPowerSyncCrud, t.sql !== undefined]), [
    ['create-trigger', 'todo_delete', 'todo', 'DELETE', true, true],
    ['create-trigger', 'audit', undefined, 'UPDATE', false, false],
  ]);
});

test('the analyzer builds SQL tables with the engine by default', async () => {
  const { model } = await analyzeFiles({ 'src/commonMain/sql/a.sql': 'CREATE TABLE a (id TEXT PRIMARY KEY);' });
  assert.deepEqual(model.tables.map((t) => [t.name, t.origin]), [['a', 'sql']]);
});
