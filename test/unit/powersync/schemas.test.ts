import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture } from '../../support/workspace';

test('vararg and listOf schemas keep declared order, across files, managed tables left out', async () => {
  const { model } = await analyzeFixture('powersync-app');
  const app = model.schemas.find((s) => s.variable?.name === 'appSchema');
  const listed = model.schemas.find((s) => s.variable?.name === 'listedSchema');
  assert.ok(app && listed);
  assert.deepEqual(app.rawTables.map((t) => t?.name), ['users', 'todo', 'lists']);
  assert.deepEqual(app.entries.map((e) => e.text), ['Tables.users', 'todoTable', 'RawTable("lists", RawTableSchema())']);
  assert.equal(app.rawTables[0]?.variable?.owner[0], 'Tables');
  // The vararg list spans from the first argument to the last.
  assert.deepEqual([app.listLoc.range.start.line, app.listLoc.range.end.line], [10, 12]);
  assert.deepEqual(listed.rawTables.map((t) => t?.name), ['todo', 'users']);
  assert.deepEqual(listed.entries.map((e) => e.text), ['todoTable', 'Tables.users']);
  assert.equal(listed.listLoc.range.start.line, 15);
  assert.equal(listed.listLoc.range.start.character, 35);
});

test('locals, a list constant, and names that cannot be resolved', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/s/Tables.kt': `package s
import com.powersync.db.schema.*
val TABLES = listOf(RawTable("b", schema = RawTableSchema()), RawTable("a", schema = RawTableSchema()))
`,
    'src/commonMain/kotlin/s/Schemas.kt': `package s
import com.powersync.db.schema.*
fun build(extra: RawTable): Schema {
    val local = RawTable("local", schema = RawTableSchema())
    return Schema(local, extra, missing)
}
val fromConstant = Schema(TABLES)
val named = Schema(tables = TABLES)
val spread = Schema(*TABLES.toTypedArray())
`,
  });
  const [built, fromConstant, named, spread] = model.schemas.filter((s) => s.loc.uri.endsWith('Schemas.kt'));
  assert.deepEqual(built.rawTables.map((t) => t?.name), ['local', undefined, undefined]);
  assert.deepEqual(built.entries.map((e) => e.text), ['local', 'extra', 'missing']);
  assert.deepEqual(fromConstant.rawTables.map((t) => t?.name), ['b', 'a']);
  assert.deepEqual(named.rawTables.map((t) => t?.name), ['b', 'a']);
  assert.deepEqual(spread.rawTables, [undefined]);
});

test('RoomConnectionPool finds its schema, or says none was passed', async () => {
  const { model } = await analyzeFixture('powersync-app');
  assert.equal(model.roomConnectionPools.length, 2);
  const [withSchema, without] = model.roomConnectionPools;
  assert.equal(withSchema.schema?.variable?.name, 'appSchema');
  assert.ok(withSchema.schemaArgumentLoc);
  assert.equal(without.schema, undefined);
  assert.equal(without.schemaArgumentLoc, undefined);
  const { model: unresolved } = await analyzeFiles({
    'src/jvmMain/kotlin/p/Pool.kt': `package p
fun pool(db: AppDatabase, schema: Schema) = RoomConnectionPool(db, schema)
`,
  });
  assert.equal(unresolved.roomConnectionPools[0].schema, undefined);
  assert.ok(unresolved.roomConnectionPools[0].schemaArgumentLoc);
});
