import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/paths';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture } from '../../support/workspace';
import { runRules } from '../../../server/src/rules/run';
import { RULES } from '../../../server/src/rules/index';
import { openCoreDatabase } from '../engine/core-database';
import type { Table, WorkspaceModel } from '../../../server/src/model/workspace';

// The expected text is what Drift's migrator runs, per its source (docs/facts.md §12):
// Migrator._writeCreateTable (drift/lib/src/runtime/query_builder/migration.dart),
// GeneratedColumn.writeColumnDefinition (drift/lib/src/runtime/query_builder/schema/column_impl.dart)
// and drift_dev's defaultConstraints (drift_dev/lib/src/writer/utils/column_constraints.dart),
// simolus3/drift@d4f6b1aa (2.22.0-dev).

const PUBSPEC = 'name: app\nenvironment:\n  sdk: ^3.5.0\ndependencies:\n  drift: ^2.22.0\n  powersync: ^1.18.0\n';
const DATABASE = (tables: string, extra = '') => `import 'package:drift/drift.dart';\nimport 'tables.dart';\n\n@DriftDatabase(tables: [${tables}])\nclass AppDatabase extends _$AppDatabase {\n  AppDatabase(super.e);\n  @override\n  int get schemaVersion => 1;\n${extra}}\n`;
/** A raw table (what makes a table Rawsync could not derive worth reporting). */
const RAW_TABLES = "import 'package:powersync/powersync.dart';\n\nfinal schema = Schema(const [], rawTables: [\n  RawTable.inferred(name: 'a', schema: const RawTableSchema()),\n]);\n";

async function modelOf(tables: string, listed: string, extra: Record<string, string> = {}, databaseExtra = ''): Promise<WorkspaceModel> {
  return (await analyzeFiles({
    'pubspec.yaml': PUBSPEC,
    'lib/database/tables.dart': `import 'package:drift/drift.dart';\n\n${tables}`,
    'lib/database/database.dart': DATABASE(listed, databaseExtra),
    'lib/powersync/schema.dart': RAW_TABLES,
    ...extra,
  })).model;
}

function driftTable(model: WorkspaceModel, name: string): Table {
  const table = model.tables.find((t) => t.name === name && t.origin === 'drift');
  assert.ok(table, `no Drift table '${name}' among ${model.tables.map((t) => t.name).join(', ') || 'none'}; unread: ${model.unreadTables.map((u) => `${u.name}: ${u.unresolved.reason}`).join('; ')}`);
  return table;
}

function unreadReason(model: WorkspaceModel, name: string, what = ''): string {
  assert.ok(!model.tables.some((t) => t.name === name), `'${name}' was derived ${what}`);
  const unread = model.unreadTables.find((u) => u.name === name);
  assert.ok(unread, `'${name}' is not reported unread`);
  assert.equal(unread.unresolved.what, `the Drift table '${name}'`);
  return unread.unresolved.reason;
}

const ALL_BUILDERS = `
@DataClassName('Thing')
class Things extends Table {
  TextColumn get id => text()();
  TextColumn get title => text().withLength(min: 1, max: 50)();
  TextColumn get note => text().nullable().withDefault(const Constant("it's"))();
  IntColumn get count => integer().withDefault(const Constant(0))();
  Int64Column get big => int64().nullable()();
  BoolColumn get done => boolean().withDefault(const Constant(false))();
  BoolColumn get flagged => boolean().nullable().unique()();
  RealColumn get price => real().withDefault(Constant(2.0))();
  RealColumn get ratio => real().withDefault(Constant(1.5))();
  BlobColumn get data => blob().nullable()();
  DateTimeColumn get createdAt => dateTime()();
  TextColumn get kind => textEnum<Kind>()();
  IntColumn get level => intEnum<Level>().nullable()();
  TextColumn get slug => text().named('the_slug').unique()();
  TextColumn get localId => text().clientDefault(() => 'x').map(const Conv())();
  TextColumn get ownerId => text().nullable().references(Owners, #id, onUpdate: KeyAction.setNull, onDelete: KeyAction.cascade, initiallyDeferred: true)();
  TextColumn get raw => text().customConstraint('NOT NULL COLLATE NOCASE')();

  @override
  Set<Column> get primaryKey => {id};

  @override
  List<Set<Column>> get uniqueKeys => [{title, kind}];

  @override
  List<String> get customConstraints => ['CHECK (count >= 0)'];
}

class Owners extends Table {
  IntColumn get id => integer().autoIncrement()();
  TextColumn get name => text()();
  @override
  String get tableName => 'people';
}
`;

const THINGS_SQL =
  'CREATE TABLE IF NOT EXISTS "things" (' +
  '"id" TEXT NOT NULL, ' +
  '"title" TEXT NOT NULL, ' +
  '"note" TEXT NULL DEFAULT \'it\'\'s\', ' +
  '"count" INTEGER NOT NULL DEFAULT 0, ' +
  '"big" INTEGER NULL, ' +
  '"done" INTEGER NOT NULL DEFAULT 0 CHECK ("done" IN (0, 1)), ' +
  '"flagged" INTEGER NULL CHECK ("flagged" IN (0, 1)) UNIQUE, ' +
  '"price" REAL NOT NULL DEFAULT 2.0, ' +
  '"ratio" REAL NOT NULL DEFAULT 1.5, ' +
  '"data" BLOB NULL, ' +
  '"created_at" INTEGER NOT NULL, ' +
  '"kind" TEXT NOT NULL, ' +
  '"level" INTEGER NULL, ' +
  '"the_slug" TEXT NOT NULL UNIQUE, ' +
  '"local_id" TEXT NOT NULL, ' +
  '"owner_id" TEXT NULL REFERENCES people (id) ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, ' +
  '"raw" TEXT NOT NULL COLLATE NOCASE, ' +
  'PRIMARY KEY ("id"), UNIQUE ("title", "kind"), CHECK (count >= 0))';

test('Drift tables: each column builder gives the CREATE TABLE text Drift\'s migrator runs, which the core accepts', async () => {
  const model = await modelOf(ALL_BUILDERS, 'Things, Owners');
  const things = driftTable(model, 'things');
  assert.equal(things.createSql, THINGS_SQL);
  assert.equal(driftTable(model, 'people').createSql, 'CREATE TABLE IF NOT EXISTS "people" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL)');
  // The model is SQLite's description of that text.
  assert.deepEqual(things.primaryKey, { columns: ['id'], autoGenerate: false, rowidAlias: false });
  assert.deepEqual(things.foreignKeys.map((fk) => [fk.parentTable, fk.parentColumns, fk.childColumns, fk.onUpdate, fk.onDelete, fk.deferred]), [['people', ['id'], ['owner_id'], 'SET NULL', 'CASCADE', true]]);
  assert.deepEqual(things.columns.filter((c) => c.notNull).map((c) => c.name), ['id', 'title', 'count', 'done', 'price', 'ratio', 'created_at', 'kind', 'the_slug', 'local_id', 'raw']);
  assert.deepEqual(driftTable(model, 'people').primaryKey, { columns: ['id'], autoGenerate: true, rowidAlias: true });
  const db = await openCoreDatabase('PRAGMA foreign_keys = ON', ...model.tables.map((t) => t.createSql));
  db.exec('INSERT INTO people (name) VALUES (\'a\')');
  db.exec('INSERT INTO things (id, title, created_at, kind, the_slug, local_id, raw) VALUES (\'t1\', \'T\', 0, \'a\', \'s\', \'l\', \'r\')');
  assert.equal(db.scalar('SELECT note FROM things'), "it's");
  assert.equal(db.scalar('SELECT price FROM things'), 2);
  assert.throws(() => db.exec('UPDATE things SET done = 2'), /CHECK constraint failed/);
  db.close();
});

test('Drift tables: DateTime columns are INTEGER by default and TEXT with store_date_time_values_as_text in build.yaml', async () => {
  const tables = 'class Events extends Table {\n  TextColumn get id => text()();\n  DateTimeColumn get at => dateTime().nullable()();\n}\n';
  assert.equal(driftTable(await modelOf(tables, 'Events'), 'events').createSql, 'CREATE TABLE IF NOT EXISTS "events" ("id" TEXT NOT NULL, "at" INTEGER NULL)');
  const asText = await modelOf(tables, 'Events', { 'build.yaml': 'targets:\n  $default:\n    builders:\n      drift_dev:\n        options:\n          store_date_time_values_as_text: true\n' });
  assert.equal(driftTable(asText, 'events').createSql, 'CREATE TABLE IF NOT EXISTS "events" ("id" TEXT NOT NULL, "at" TEXT NULL)');
  const unreadable = await modelOf(tables, 'Events', { 'build.yaml': 'targets:\n  $default:\n    builders:\n      drift_dev:\n        options:\n          store_date_time_values_as_text: ${FLAG}\n' });
  assert.match(unreadReason(unreadable, 'events'), /DateTime column, whose SQL type depends on drift_dev's store_date_time_values_as_text/);
  const otherCase = await modelOf(tables, 'Events', { 'build.yaml': 'targets:\n  $default:\n    builders:\n      drift_dev:\n        options:\n          case_from_dart_to_sql: preserve\n' });
  // The name itself comes from the class name: unknown too.
  assert.ok(!otherCase.tables.some((t) => t.origin === 'drift'));
  assert.match(otherCase.unreadTables.find((u) => u.unresolved.what === 'the Drift table Events')?.unresolved.reason ?? '', /case_from_dart_to_sql/);
});

test('Drift tables: names in snake_case from class and getter names; tableName and named() override them', async () => {
  const model = await modelOf('class TodoItems extends Table {\n  TextColumn get id => text()();\n  TextColumn get listId => text()();\n  TextColumn get line2Text => text().named(\'Line\')();\n}\n', 'TodoItems');
  assert.equal(driftTable(model, 'todo_items').createSql, 'CREATE TABLE IF NOT EXISTS "todo_items" ("id" TEXT NOT NULL, "list_id" TEXT NOT NULL, "Line" TEXT NOT NULL)');
  // Two capitals in a row: how ReCase splits them is not pinned down here.
  const unclear = await modelOf('class Todos extends Table {\n  TextColumn get id => text()();\n  TextColumn get userID => text()();\n}\n', 'Todos');
  assert.match(unreadReason(unclear, 'todos'), /getter name userID in snake_case is not pinned down/);
});

test('Drift tables: what Rawsync does not render exactly leaves the table unread, with the reason', async () => {
  const cases: [string, RegExp][] = [
    ['TextColumn get id => text().check(id.length.isBiggerThanValue(3))();', /calls \.check\(…\)/],
    ['TextColumn get id => text().generatedAs(Constant(\'x\'))();', /calls \.generatedAs\(…\)/],
    ['TextColumn get id => text().withDefault(currentValue)();', /default of column 'id' is not a Constant literal/],
    ['DateTimeColumn get id => dateTime().withDefault(currentDateAndTime)();', /default of column 'id'/],
    ['TextColumn get id => text().customConstraint(constraint)();', /customConstraint of column 'id' is not one string literal/],
    ['TextColumn get id => text().named(name)();', /is not one string literal given to \.named/],
    ['TextColumn get id => customType(MyType())();', /built by customType\(…\)/],
    ['TextColumn get id => text().references(Others, #id, onDelete: action)();', /onDelete is not a KeyAction value/],
    ['TextColumn get id => text().references(Others, #id, initiallyDeferred: deferred)();', /initiallyDeferred is not a true or false literal/],
    ['TextColumn get id => text().references(Missing, #id)();', /references Missing, which is no Drift table/],
    ['TextColumn get id {\n    return text()();\n  }', /getter 'id' has a block body/],
    ['late final id = text()();', /instance field 'id'/],
    ['TextColumn get id => text()();\n  @override\n  String get tableName => name;', /tableName getter does not return a string literal/],
  ];
  for (const [column, reason] of cases) {
    const model = await modelOf(`class Todos extends Table {\n  ${column}\n}\n\nclass Others extends Table {\n  TextColumn get id => text()();\n}\n`, 'Todos, Others');
    const name = /tableName/.test(column) ? undefined : 'todos';
    if (name) assert.match(unreadReason(model, name, column), reason, column);
    else assert.match(model.unreadTables.find((u) => u.unresolved.what === 'the Drift table Todos')?.unresolved.reason ?? '', reason, column);
  }
});

test('Drift tables: only classes a @DriftDatabase lists and creates are tables; a migration without createAll() creates none, one with createTable(…) leaves them unread', async () => {
  const tables = 'class Todos extends Table {\n  TextColumn get id => text()();\n}\n\nclass Drafts extends Table {\n  TextColumn get id => text()();\n}\n';
  const model = await modelOf(tables, 'Todos');
  driftTable(model, 'todos');
  assert.ok(!model.tables.some((t) => t.name === 'drafts'));
  assert.ok(!model.unreadTables.some((u) => u.name === 'drafts'));
  // PowerSync's views stand in for Drift's tables in view-based apps: onCreate does not create them.
  const views = await modelOf(tables, 'Todos', {}, '  @override\n  MigrationStrategy get migration => MigrationStrategy(onCreate: (m) async {});\n');
  assert.ok(!views.tables.some((t) => t.origin === 'drift'));
  assert.ok(!views.unreadTables.some((u) => u.unresolved.what.startsWith('the Drift table')));
  const oneByOne = await modelOf(tables, 'Todos', {}, '  @override\n  MigrationStrategy get migration => MigrationStrategy(onCreate: (m) async {\n    await m.createTable(todos);\n  });\n');
  assert.match(unreadReason(oneByOne, 'todos'), /the migration of AppDatabase creates tables one by one/);
  const created = await modelOf(tables, 'Todos', {}, '  @override\n  MigrationStrategy get migration => MigrationStrategy(onCreate: (m) async {\n    await m.createAll();\n  });\n');
  driftTable(created, 'todos');
});

test('Drift tables: a name a CREATE TABLE creates stays the SQL\'s', async () => {
  const model = await modelOf('class Todos extends Table {\n  TextColumn get id => text()();\n}\n', 'Todos', {
    'lib/powersync/local.dart': "import 'package:powersync/powersync.dart';\n\nFuture<void> create(PowerSyncDatabase db) async {\n  await db.execute('CREATE TABLE todos (id TEXT PRIMARY KEY, x TEXT)');\n}\n",
  });
  assert.deepEqual(model.tables.filter((t) => t.name === 'todos').map((t) => t.origin), ['sql']);
});

test('Drift fixture: the tables of drift-app and drift-app-ok have Drift\'s DDL', async () => {
  const bad = (await analyzeFixture('drift-app')).model;
  assert.deepEqual(bad.tables.map((t) => `${t.name} ${t.origin}`), ['lists drift', 'items drift']);
  assert.equal(driftTable(bad, 'lists').createSql, 'CREATE TABLE IF NOT EXISTS "lists" ("id" TEXT NOT NULL, "name" TEXT NOT NULL DEFAULT \'New list\', "owner_id" TEXT NULL, PRIMARY KEY ("id"))');
  assert.equal(driftTable(bad, 'items').createSql,
    'CREATE TABLE IF NOT EXISTS "items" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "list_id" TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE, "description" TEXT NULL, "completed" INTEGER NOT NULL DEFAULT 0 CHECK ("completed" IN (0, 1)), "created_at" TEXT NULL)');
  const ok = (await analyzeFixture('drift-app-ok')).model;
  assert.equal(driftTable(ok, 'items').createSql,
    'CREATE TABLE IF NOT EXISTS "items" ("id" TEXT NOT NULL, "list_id" TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "description" TEXT NULL, "completed" INTEGER NOT NULL DEFAULT 0 CHECK ("completed" IN (0, 1)), "created_at" TEXT NULL, PRIMARY KEY ("id"))');
  const { analyzer, model } = await analyzeFixture('drift-app-ok');
  assert.deepEqual(runRules(RULES, model, analyzer.ruleContext()).findings.map((f) => f.rule), []);
});

test('Drift tables: a CREATE INDEX the app runs (customStatement) indexes the Drift table', async () => {
  const model = await modelOf('class Todos extends Table {\n  TextColumn get id => text()();\n  TextColumn get slug => text()();\n}\n', 'Todos', {}, "  Future<void> indexes() async {\n    await customStatement('CREATE UNIQUE INDEX IF NOT EXISTS todos_slug ON todos(slug)');\n  }\n");
  const todos = driftTable(model, 'todos');
  assert.deepEqual(todos.indices.map((i) => [i.name, i.unique, i.columns, i.orders, i.createSql]), [['todos_slug', true, ['slug'], ['ASC'], 'CREATE UNIQUE INDEX IF NOT EXISTS todos_slug ON todos(slug)']]);
  assert.equal(todos.indices[0].loc.uri.endsWith('lib/database/database.dart'), true);
});

test('Drift tables: a .drift file\'s CREATE TABLE is a table of unknown shape (Drift re-renders it), so rules stay silent on it', async () => {
  const files = {
    'pubspec.yaml': PUBSPEC,
    'lib/database/tables.drift': "import 'other.dart';\n\nCREATE TABLE todos (\n  id TEXT NOT NULL PRIMARY KEY,\n  done BOOLEAN NOT NULL DEFAULT FALSE\n) AS TodoRow;\n\nallTodos: SELECT * FROM todos;\n",
    'lib/powersync/schema.dart': "import 'package:powersync/powersync.dart';\n\nfinal schema = Schema(const [], rawTables: [\n  RawTable(\n    name: 'todos',\n    put: PendingStatement(sql: 'INSERT INTO todos (id, nope) VALUES (?, ?)', params: [PendingStatementValue.id(), PendingStatementValue.column('nope')]),\n    delete: PendingStatement(sql: 'DELETE FROM todos WHERE id = ?', params: [PendingStatementValue.id()]),\n  ),\n]);\n",
  };
  const { analyzer, model } = await analyzeFiles(files);
  assert.ok(!model.tables.some((t) => t.name === 'todos'));
  const unread = model.unreadTables.find((u) => u.name === 'todos');
  assert.equal(unread?.unresolved.what, "the Drift table 'todos' of a .drift file");
  assert.equal(unread?.unresolved.loc.range.start.line, 2);
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings;
  // No rule says the table or its column 'nope' is missing; not-analyzed says why.
  assert.deepEqual(findings.filter((f) => /nope|no such|has no column/.test(f.message)).map((f) => f.rule), []);
  assert.ok(findings.some((f) => f.rule === 'not-analyzed' && /the Drift table 'todos' of a \.drift file/.test(f.message)));
});

test('Drift tables: a listed class in a part file (no imports of its own) is read', async () => {
  const { model } = await analyzeFiles({
    'pubspec.yaml': PUBSPEC,
    'lib/database/database.dart': "import 'package:drift/drift.dart';\n\npart 'tables.dart';\n\n@DriftDatabase(tables: [Todos])\nclass AppDatabase extends _$AppDatabase {\n  AppDatabase(super.e);\n}\n",
    'lib/database/tables.dart': "part of 'database.dart';\n\nclass Todos extends Table {\n  TextColumn get id => text()();\n}\n",
    'lib/powersync/schema.dart': RAW_TABLES,
  });
  assert.equal(driftTable(model, 'todos').createSql, 'CREATE TABLE IF NOT EXISTS "todos" ("id" TEXT NOT NULL)');
});

test('Drift tables: half-typed and pathological declarations give an unread table or none, never a crash', async () => {
  const sources = [
    'class Todos extends Table {\n  TextColumn get id => text()\n}\n',
    'class Todos extends Table {\n  TextColumn get id => text().references(\n}\n',
    'class Todos extends Table {\n  TextColumn get id => text()' + '.nullable()'.repeat(3000) + '();\n}\n',
    'class Todos extends Table {\n  TextColumn get id => text()();\n  TextColumn get id => text()();\n}\n',
    'class Todos extends Table {\n  IntColumn get id => integer().autoIncrement()();\n  @override\n  Set<Column> get primaryKey => {id};\n}\n',
    'class Todos extends Table {\n  TextColumn get id => text().unique().named(\'a\').named(\'b\')();\n}\n',
    'class Todos extends Table {\n  TextColumn get id => text()();\n  @override\n  Set<Column> get primaryKey => {missing};\n}\n',
    'class Todos extends Table {\n  TextColumn get id => text().customConstraint(\'NOT A CONSTRAINT (\')();\n}\n',
    'class Todos extends Table with AutoId {\n  TextColumn get id => text()();\n}\n',
    'class Todos extends Table {\n}\n',
  ];
  for (const source of sources) {
    const model = await modelOf(source, 'Todos');
    assert.equal(model.tables.some((t) => t.origin === 'drift'), false, source);
    assert.ok(model.unreadTables.filter((u) => u.unresolved.what.startsWith('the Drift table')).length <= 1, source);
  }
  // Every prefix of the fixture's tables file reads without a crash.
  const text = readFileSync(fixturePath('drift-app', 'lib/database/tables.dart'), 'utf8');
  for (let end = 0; end <= text.length; end += 23) {
    await analyzeFiles({ 'lib/database/tables.dart': text.slice(0, end), 'lib/database/database.dart': DATABASE('Lists, Items'), 'lib/powersync/schema.dart': RAW_TABLES });
  }
});

test('Drift tables: a listed class on a base table, a listed class the workspace lacks and a column typedef are not guessed', async () => {
  const base = await modelOf('abstract class Base extends Table {\n  TextColumn get id => text()();\n}\n\nclass Todos extends Base {\n  TextColumn get title => text()();\n}\n', 'Todos');
  assert.match(unreadReason(base, 'todos'), /it extends Base rather than Drift's Table/);
  const missing = await modelOf('class Todos extends Table {\n  TextColumn get id => text()();\n}\n', 'Todos, Elsewhere');
  driftTable(missing, 'todos');
  const unknown = missing.unreadTables.find((u) => u.name === undefined);
  assert.equal(unknown?.unresolved.what, 'the Drift table of class Elsewhere');
  const typedef = await modelOf('typedef IdColumn = Column<String>;\n\nclass Todos extends Table {\n  IdColumn get id => text()();\n}\n', 'Todos');
  assert.match(unreadReason(typedef, 'todos'), /typed IdColumn, which Rawsync does not know to be a column type/);
});
