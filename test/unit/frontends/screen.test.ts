// The pre-screen: a Kotlin file holding nothing Rawsync reads but declarations is not parsed until
// the model asks for a name it may declare. It must never lose a fact: each kind of declaration
// put in an otherwise ordinary file is read, a constant in an ordinary file is found when a raw
// table names it, and every fixture gives the same findings with and without the screen.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeFiles, loadFrontEnds } from '../../support/workspace';
import { checkJson } from '../../support/findings';
import { fixturePath, repoRoot } from '../../support/paths';
import { declaredNames, KotlinScreen, mentionedWords } from '../../../server/src/frontends/kotlin/screen';
import type { FileFacts } from '../../../server/src/model/facts';

const ORDINARY = `package app.feature

import kotlinx.coroutines.flow.MutableStateFlow

data class Item(val id: String, val title: String)

class ItemsViewModel(private val load: suspend () -> List<Item>) {
    private val items = MutableStateFlow<List<Item>>(emptyList())
    fun titles(): List<String> = items.value.map { it.title.uppercase() }
}
`;

/** Each kind of thing Rawsync reads, as a user would write it, and the facts it must yield. */
const KINDS: { kind: string; snippet: string; found: (f: FileFacts) => number }[] = [
  { kind: 'entity', snippet: '@Entity(tableName = "todo")\ndata class TodoEntity(@PrimaryKey val id: String)\n', found: (f) => f.classes.filter((c) => c.annotations.some((a) => a.name === 'Entity')).length },
  { kind: 'Room database', snippet: '@Database(entities = [TodoEntity::class], version = 1)\nabstract class AppDb : RoomDatabase()\n', found: (f) => f.classes.filter((c) => c.name === 'AppDb').length },
  { kind: 'raw table', snippet: 'val todos = RawTable(name = "todo", put = PendingStatement("INSERT INTO todo (id) VALUES (?)", listOf(PendingStatementParameter.Id)))\n', found: (f) => f.rawTables.length },
  { kind: 'schema', snippet: 'import com.powersync.db.schema.Schema\nval schema = Schema(todos)\n', found: (f) => f.schemas.length },
  { kind: 'SQL call', snippet: 'fun create(c: SQLiteConnection) { c.execSQL("CREATE TABLE t (id TEXT PRIMARY KEY)") }\n', found: (f) => f.sqlStatements.length },
  { kind: 'SQL on a pool', snippet: 'suspend fun create(c: PooledConnection) { c.usePrepared("CREATE TABLE t (id TEXT PRIMARY KEY)") { it.step() } }\n', found: (f) => f.sqlStatements.length },
  { kind: 'trigger', snippet: 'val installTriggers = "SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)"\nfun install(db: Db) = db.get(installTriggers)\n', found: (f) => f.sqlStatements.length + f.constants.filter((c) => c.name === 'installTriggers').length },
  { kind: 'database path', snippet: 'fun room(ctx: Context) = Room.databaseBuilder<AppDb>(ctx, "app.db").build()\n', found: (f) => f.roomBuilders.length },
  { kind: 'PowerSync database', snippet: 'fun open(factory: DatabaseDriverFactory) = PowerSyncDatabase(factory, schema, "app.db")\n', found: (f) => f.powerSyncDatabases.length },
  { kind: 'pool', snippet: 'fun pool(db: AppDb) = RoomConnectionPool(db, schema)\n', found: (f) => f.roomConnectionPools.length },
  { kind: 'connect', snippet: 'suspend fun go(db: PowerSyncDb, c: Connector) = db.connect(connector = c)\n', found: (f) => f.connects.length },
  { kind: 'clear', snippet: 'suspend fun out(db: PowerSyncDb) = db.disconnectAndClear()\n', found: (f) => f.clearCalls.length },
  { kind: 'extension load', snippet: 'fun driver() = BundledSQLiteDriver().also { it.loadPowerSyncExtension() }\n', found: (f) => f.extensionLoads.length },
  { kind: 'type converter', snippet: 'class Converters { @TypeConverter fun toLong(i: Instant): Long = i.toEpochMilliseconds() }\n', found: (f) => f.typeConverters.length },
  { kind: 'Room callback', snippet: 'class Ready : RoomDatabase.Callback() { override fun onOpen(connection: SQLiteConnection) {} }\n', found: (f) => f.roomCallbacks.length },
  { kind: 'disable comment', snippet: '// rawsync-disable-next-line missing-clear\nval x = 1\n', found: (f) => f.disableComments.length },
];

const uri = (name: string) => pathToFileURL(path.join('/virtual', name)).href;

test('an ordinary file is passed over, and declares its names for the index', async () => {
  const frontEnds = await loadFrontEnds();
  const screened = frontEnds.extractScreened(uri('src/commonMain/kotlin/app/Items.kt'), ORDINARY)!;
  assert.equal(screened.facts.screened, true);
  assert.deepEqual(screened.facts.classes, []);
  assert.deepEqual([...screened.declares!].sort(), ['Item', 'ItemsViewModel', 'id', 'items', 'load', 'title', 'titles']);
  // Gradle scripts and SQL files are never passed over.
  assert.equal(frontEnds.extractScreened(uri('build.gradle.kts'), 'plugins { kotlin("jvm") }\n')!.declares, undefined);
});

for (const { kind, snippet, found } of KINDS) {
  test(`a ${kind} in an otherwise ordinary file is read`, async () => {
    const frontEnds = await loadFrontEnds();
    const text = `${ORDINARY}\n${snippet}`;
    const screened = frontEnds.extractScreened(uri('src/commonMain/kotlin/app/Items.kt'), text)!;
    assert.equal(screened.declares, undefined, 'the screen must not pass over this file');
    assert.ok(found(screened.facts) > 0, `the ${kind} is among the facts`);
    assert.equal(found(frontEnds.extractScreened(uri('src/commonMain/kotlin/app/Items.kt'), ORDINARY)!.facts), 0);
  });
}

test('declaredNames finds extension, generic and backticked declarations, and more rather than less', () => {
  const names = declaredNames([
    'val String.slug: String get() = lowercase()',
    'fun <T> List<T>.second(): T = this[1]',
    'fun Map<String, Int>.total(): Int = values.sum()',
    'object `Weird`',
    'typealias Id = String',
    'enum class Status { OPEN, DONE }',
    'class Box(val inner: Int, var count: Int)',
    '// have fun with this',
    'val limit = 3',
  ].join('\n'));
  for (const name of ['slug', 'second', 'total', 'Weird', 'Id', 'Status', 'Box', 'inner', 'count', 'limit']) assert.ok(names.has(name), name);
  assert.equal(names.has('String'), false, 'a receiver is not declared by the property');
});

test('the screen also looks for names that alias its words', () => {
  const screen = new KotlinScreen(['Ent']);
  assert.equal(screen.mayHoldFacts('@Ent class A(val id: String)'), true);
  assert.equal(new KotlinScreen().mayHoldFacts('@Ent class A(val id: String)'), false);
});

test('a constant, a spec object and a function in ordinary files are read when a raw table names them', async () => {
  const files = {
    'src/commonMain/kotlin/app/data/Names.kt': 'package app.data\n\nobject Names {\n    const val TODO = "todo"\n}\n',
    'src/commonMain/kotlin/app/data/Columns.kt': 'package app.data\n\nval todoColumns = listOf("title", "done")\n\nfun placeholders(n: Int) = List(n) { "?" }.joinToString(", ")\n',
    'src/commonMain/kotlin/app/data/Unrelated.kt': ORDINARY,
    'src/commonMain/kotlin/app/sync/Tables.kt': `package app.sync

import app.data.Names
import app.data.todoColumns
import app.data.placeholders
import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable

val todoTable = RawTable(
    name = Names.TODO,
    put = PendingStatement(
        "INSERT INTO todo (id, \${todoColumns.joinToString(", ")}) VALUES (\${placeholders(3)})",
        listOf(PendingStatementParameter.Id) + todoColumns.map { PendingStatementParameter.Column(it) },
    ),
    delete = PendingStatement("DELETE FROM todo WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`,
  };
  const screened = await analyzeFiles(files);
  const full = await analyzeFiles(files, { screen: false });
  const table = screened.model.rawTables[0];
  assert.equal(table.name, 'todo');
  assert.equal(table.put?.sql, 'INSERT INTO todo (id, title, done) VALUES (?, ?, ?)');
  assert.deepEqual(table, full.model.rawTables[0]);
  // The unrelated file stays unread; the ones the table names were read.
  assert.equal(screened.model.files.get(screened.uri('src/commonMain/kotlin/app/data/Unrelated.kt'))!.screened, true);
  assert.equal(screened.model.files.get(screened.uri('src/commonMain/kotlin/app/data/Names.kt'))!.screened, undefined);
  assert.equal(screened.model.files.get(screened.uri('src/commonMain/kotlin/app/data/Columns.kt'))!.screened, undefined);
  screened.analyzer.dispose();
  full.analyzer.dispose();
});

test('an entity whose base class and embedded class sit in ordinary files; an alias of @Entity', async () => {
  const files = {
    'src/commonMain/kotlin/app/data/Base.kt': 'package app.data\n\nabstract class Base {\n    var updatedAt: Long = 0\n}\n\ndata class Address(val street: String, val city: String)\n',
    'src/commonMain/kotlin/app/data/Alias.kt': 'package app.data\n\ntypealias Table = androidx.room.Entity\n',
    'src/commonMain/kotlin/app/data/Person.kt': 'package app.data\n\nimport androidx.room.Embedded\nimport androidx.room.Entity\nimport androidx.room.PrimaryKey\n\n@Entity(tableName = "person")\nclass Person(@PrimaryKey val id: String, @Embedded val address: Address) : Base()\n',
    'src/commonMain/kotlin/app/data/Pet.kt': 'package app.data\n\nimport androidx.room.PrimaryKey\n\n@Table(tableName = "pet")\nclass Pet(@PrimaryKey val id: String, val name: String)\n',
  };
  const screened = await analyzeFiles(files);
  const full = await analyzeFiles(files, { screen: false });
  const tables = (m: typeof screened.model) => m.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).sort().join(',')})`);
  assert.deepEqual(tables(screened.model), tables(full.model));
  assert.ok(tables(full.model).includes('person(city,id,street,updatedAt)'), tables(full.model).join(' '));
  screened.analyzer.dispose();
  full.analyzer.dispose();
});

/** Every workspace the tests and the examples hold, with at least one Kotlin file the screen passes over. */
function workspacesWithPassedOverFiles(): string[] {
  const screen = new KotlinScreen();
  const roots = [
    ...readdirSync(fixturePath()).map((d) => fixturePath(d)),
    ...readdirSync(path.join(repoRoot(), 'examples')).map((d) => path.join(repoRoot(), 'examples', d)),
  ].filter((d) => existsSync(d) && !d.endsWith('.md'));
  const passes = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return passes(full);
    return e.name.endsWith('.kt') && !screen.mayHoldFacts(readFileSync(full, 'utf8'));
  });
  return roots.filter(passes);
}

test('every fixture and example gives the same findings, fixes included, with and without the screen', () => {
  const roots = workspacesWithPassedOverFiles();
  assert.ok(roots.length >= 5, `only ${roots.length} workspaces pass a file over`);
  for (const root of roots) {
    assert.deepEqual(checkJson(root), checkJson(root, [], { screen: false }), path.basename(root));
  }
});

test('mentions the model asks for: calls, not declarations; completions and aliases', () => {
  const text = [
    'override fun start(x: Int) {}',
    'fun Foo.begin() = Unit',
    'val y = database',
    'ready.complete(Unit)',
    'helper.launch { go<Int>() }',
  ].join('\n');
  assert.deepEqual(mentionedWords(text, ['call:start', 'call:begin', 'call:launch', 'call:go']).sort(), ['call:go', 'call:launch']);
  assert.deepEqual(mentionedWords(text, ['completion:ready', 'completion:database', 'completion:y']).sort(), ['completion:database', 'completion:ready']);
  assert.deepEqual(mentionedWords('start()\nval s = restart', ['start']), ['start']);
  assert.deepEqual(mentionedWords('restarted()', ['start', 'call:start']), []);
});
