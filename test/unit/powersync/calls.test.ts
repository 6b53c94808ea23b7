import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture, factsOf } from '../../support/workspace';
import { evaluateString, EMPTY_SCOPE } from '../../../server/src/model/evaluate';
import { calleeName, type Value } from '../../../server/src/model/value';

function text(value: Value | undefined): string | undefined {
  return evaluateString(value, EMPTY_SCOPE);
}

test('Room.databaseBuilder chains: class, name in each form, driver and callbacks', async () => {
  const facts = await factsOf(`package a
import androidx.room.Room

fun android(context: Context, callback: Callback) =
    Room.databaseBuilder<AppDatabase>(context, "typed.db")
        .setDriver(BundledSQLiteDriver())
        .setQueryCoroutineContext(Dispatchers.IO)
        .addCallback(callback)
        .addCallback(Other())
        .build()

fun classic(context: Context) = Room.databaseBuilder(context, AppDatabase::class.java, "classic.db").build()

fun named(context: Context) = androidx.room.Room.databaseBuilder(context = context, name = "named.db", klass = AppDatabase::class.java)

fun memory(context: Context) = Room.inMemoryDatabaseBuilder<AppDatabase>(context)
`, 'src/androidMain/kotlin/a/Db.kt');
  assert.equal(facts.roomBuilders.length, 3);
  const [typed, classic, named] = facts.roomBuilders;
  assert.equal(typed.databaseClass, 'AppDatabase');
  assert.equal(text(typed.name), 'typed.db');
  assert.equal(typed.driver?.kind, 'call');
  assert.equal(typed.driver?.kind === 'call' ? calleeName(typed.driver) : undefined, 'BundledSQLiteDriver');
  assert.deepEqual(typed.callbacks.map((c) => c.kind), ['ref', 'call']);
  assert.equal(typed.loc.range.start.line, 4);
  assert.equal(classic.databaseClass, 'AppDatabase');
  assert.equal(text(classic.name), 'classic.db');
  assert.equal(classic.driver, undefined);
  assert.deepEqual(classic.callbacks, []);
  assert.equal(text(named.name), 'named.db');
  assert.equal(named.databaseClass, 'AppDatabase');
});

test('native and JVM builders take the name first', async () => {
  const ios = await factsOf(`package a
fun b() = Room.databaseBuilder<AppDatabase>("/tmp/x.db", { AppDatabase::class.instantiateImpl() })
fun c() = Room.databaseBuilder<AppDatabase>(name = "y.db") { AppDatabase::class.instantiateImpl() }
`, 'src/iosMain/kotlin/a/Db.kt');
  assert.deepEqual(ios.roomBuilders.map((b) => text(b.name)), ['/tmp/x.db', 'y.db']);
  // One positional argument: the grammar reads `f<T>(x)` as `(f < T) > (x)`.
  const single = await factsOf(`package a
fun d() = Room.databaseBuilder<AppDatabase>(dbFile.absolutePath)
val e = Room.databaseBuilder<AppDatabase>("e.db")
`, 'src/jvmMain/kotlin/a/Db.kt');
  assert.deepEqual(single.roomBuilders.map((b) => [b.databaseClass, b.name?.kind]), [['AppDatabase', 'member'], ['AppDatabase', 'string']]);
  assert.equal(text(single.roomBuilders[1].pathArguments?.name), 'e.db');
});

test('PowerSyncDatabase constructor and opened, RoomConnectionPool, variables and owners', async () => {
  const facts = await factsOf(`package a
import com.powersync.PowerSyncDatabase
object Graph {
    val db = PowerSyncDatabase(factory, schema, "app.db", scope, logger, "/data/dir")
    fun opened(pool: RoomConnectionPool) = PowerSyncDatabase.opened(pool, scope, schema, identifier = "room.db", logger)
    val pool = RoomConnectionPool(room, schema)
}
`);
  assert.deepEqual(facts.powerSyncDatabases.map((d) => d.form), ['constructor', 'opened']);
  const [ctor, opened] = facts.powerSyncDatabases;
  assert.deepEqual(ctor.variable, { name: 'db', owner: ['Graph'] });
  assert.deepEqual(ctor.owner, ['Graph']);
  assert.equal(text(ctor.pathArguments?.dbFilename), 'app.db');
  assert.equal(text(ctor.pathArguments?.dbDirectory), '/data/dir');
  assert.equal(opened.variable, undefined);
  assert.equal(text(opened.pathArguments?.identifier), 'room.db');
  assert.equal(facts.roomConnectionPools.length, 1);
  assert.deepEqual(facts.roomConnectionPools[0].variable, { name: 'pool', owner: ['Graph'] });
});

test('connect with SyncOptions named and positional; other connects are left alone', async () => {
  const facts = await factsOf(`package a
import com.powersync.sync.SyncOptions
suspend fun go(db: PowerSyncDatabase, connector: Connector) {
    db.connect(connector, options = SyncOptions(newClientImplementation = true))
    db.connect(connector, 1000L, 5000L, emptyMap(), SyncOptions(true))
    db.connect(connector)
}
`);
  assert.equal(facts.connects.length, 3);
  assert.equal(facts.connects[0].options?.kind, 'call');
  assert.equal(facts.connects[1].options?.kind, 'call');
  assert.equal(facts.connects[2].options, undefined);
  const other = await factsOf(`package b
fun open(socket: Socket, address: Address) { socket.connect(address) }
`);
  assert.equal(other.connects.length, 0);
});

test('extension loads and clear calls are recorded where they are', async () => {
  const facts = await factsOf(`package a
val driver = BundledSQLiteDriver().also { it.loadPowerSyncExtension() }
suspend fun reset(db: PowerSyncDatabase) { db.disconnectAndClear(soft = true) }
`);
  assert.deepEqual(facts.extensionLoads.map((l) => l.range.start.line), [1]);
  assert.deepEqual(facts.clearCalls.map((c) => c.loc.range.start.line), [2]);
});

test('SQL handed to execSQL/execute/prepare, with the enclosing function, the invalidator included', async () => {
  const { model } = await analyzeFixture('powersync-app');
  const sync = [...model.files.values()].find((f) => f.uri.endsWith('Sync.kt'));
  assert.ok(sync);
  const statements = sync.sqlStatements.map((s) => ({ source: s.source, fn: s.enclosingFunction, sql: text(s.sql) }));
  assert.deepEqual(statements.map((s) => [s.source, s.fn]), [
    ['execSQL', 'start'],
    ['execSQL', 'onCreate'],
    ['crud-trigger-call', 'onOpen'],
    ['crud-trigger-call', 'createTriggers'],
  ]);
  // The invalidator interpolates `$tableId`: its text is a template that cannot be evaluated, but
  // the literal parts are there for rules to read.
  const invalidator = sync.sqlStatements[0].sql;
  assert.equal(invalidator.kind, 'template');
  assert.ok(invalidator.kind === 'template' && invalidator.parts.some((p) => p.kind === 'string' && p.value.includes('UPDATE room_table_modification_log')));
  assert.ok(invalidator.kind === 'template' && invalidator.trim?.mode === 'indent');
  assert.equal(statements[1].sql, 'CREATE TABLE IF NOT EXISTS local_users (id TEXT NOT NULL PRIMARY KEY, name TEXT)');
  // `prepare(sql)` with a local val: the string is read through it.
  assert.equal(statements[2].sql, 'SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)');
  const trigger = sync.sqlStatements[3];
  assert.equal(trigger.call && calleeName(trigger.call), 'execute');
  assert.equal(trigger.call?.args.length, 2);
});

test('a string naming the trigger helper outside a SQL call is still recorded, once', async () => {
  const facts = await factsOf(`package a
const val TRIGGER = "SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)"
suspend fun make(db: PowerSyncDatabase) {
    db.getOptional("SELECT powersync_create_raw_table_crud_trigger(?, 'x', 'DELETE')", listOf(json)) { it }
    db.execute(TRIGGER, listOf(json, "t", "INSERT"))
}
`);
  assert.deepEqual(facts.sqlStatements.map((s) => [s.source, s.sql.kind, s.call && calleeName(s.call)]), [
    ['crud-trigger-call', 'string', 'getOptional'],
    // The constant of the same file is read through, and its own string is not counted again.
    ['crud-trigger-call', 'string', 'execute'],
  ]);
  const elsewhere = await factsOf(`package a
suspend fun make(db: PowerSyncDatabase) { db.execute(Sql.TRIGGER, listOf(json, "t", "INSERT")) }
`);
  assert.deepEqual(elsewhere.sqlStatements.map((s) => [s.source, s.sql.kind]), [['execute', 'member']]);
});

test('Schema calls: PowerSync only', async () => {
  const exposed = await factsOf(`package a
import org.jetbrains.exposed.sql.Schema
val s = Schema("public")
`);
  assert.equal(exposed.schemas.length, 0);
  const bare = await factsOf(`package a
val s = Schema("public")
`);
  assert.equal(bare.schemas.length, 0);
  const unimported = await factsOf(`package a
val t = RawTable("t", schema = RawTableSchema())
val s = Schema(t)
`);
  assert.equal(unimported.schemas.length, 1);
  const aliased = await factsOf(`package a
import com.powersync.db.schema.Schema as PsSchema
val s = PsSchema(tables = listOf(a, b))
`);
  assert.equal(aliased.schemas.length, 1);
  assert.deepEqual(aliased.schemas[0].variable, { name: 's', owner: [] });
  const lazy = await factsOf(`package a
import com.powersync.db.schema.*
class Db {
    companion object {
        val schema by lazy { Schema(x) }
    }
}
`);
  assert.deepEqual(lazy.schemas.map((s) => s.variable), [{ name: 'schema', owner: ['Db'] }]);
});

test('execute with a lambda or no string is no SQL', async () => {
  const facts = await factsOf(`package a
fun f(executor: Executor, task: Runnable) {
    executor.execute { run() }
    executor.execute(Runnable { run() })
}
`);
  assert.equal(facts.sqlStatements.length, 0);
});

test('names of a local val or helper function are followed only where they are visible', async () => {
  const { model } = await analyzeFiles({
    'src/androidMain/kotlin/a/Db.kt': `package a
const val name = "top.db"
fun db(context: Context, name: String) = Room.databaseBuilder(context, AppDatabase::class.java, name).build()
fun db2(context: Context): AppDatabase {
    val name = "local.db"
    return Room.databaseBuilder(context, AppDatabase::class.java, name).build()
}
fun db3(context: Context) = Room.databaseBuilder(context, AppDatabase::class.java, name).build()
`,
  });
  assert.deepEqual(model.databasePaths.map((p) => p.path), [undefined, '<android-databases>/local.db', '<android-databases>/top.db']);
});

test('cycles and blow-ups among locals end in unknown', async () => {
  const chain = Array.from({ length: 20 }, (_, i) => `    val a${i + 1} = a${i} + a${i} + a${i}`).join('\n');
  const { model } = await analyzeFiles({
    'src/androidMain/kotlin/c/C.kt': `package c
class C {
    val a = b + "x"
    val b = a + "y"
    val a0 = "z"
${chain}
    fun f(context: Context) = Room.databaseBuilder(context, X::class.java, a)
    fun g(context: Context) = Room.databaseBuilder(context, X::class.java, a20)
    fun h(context: Context) = Room.databaseBuilder(context, X::class.java, a2)
}
`,
  });
  assert.deepEqual(model.databasePaths.map((p) => p.path), [undefined, undefined, '<android-databases>/zzzzzzzzz']);
});
