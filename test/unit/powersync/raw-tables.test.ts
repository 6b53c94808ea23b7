import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture, factsOf } from '../../support/workspace';
import { buildModel } from '../../../server/src/model/build';
import type { FileFacts } from '../../../server/src/model/facts';
import type { RawTable } from '../../../server/src/model/workspace';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { CoreDatabase } from '../../../server/src/engine/database';
import { createCrudTriggers } from '../../../server/src/engine/crud-triggers';
import { wasmDir } from '../../support/paths';

const IMPORTS = `import com.powersync.db.schema.*
import com.powersync.db.schema.PendingStatementParameter.Column
`;

function byName(tables: RawTable[], name: string): RawTable {
  const found = tables.find((t) => t.name === name);
  assert.ok(found, `raw table ${name} not found among ${tables.map((t) => t.name).join(', ')}`);
  return found;
}

test('explicit put/delete/clear with Id, imported Column and Rest, SQL from constants in other files', async () => {
  const { model } = await analyzeFixture('powersync-app');
  const todo = byName(model.rawTables, 'todo');
  assert.deepEqual(todo.variable, { name: 'todoTable', owner: [] });
  assert.equal(todo.put?.sql, 'INSERT INTO todo (id, title, _extra)\nVALUES (?, ?, ?)\nON CONFLICT(id) DO UPDATE SET title = excluded.title, _extra = excluded._extra');
  assert.deepEqual(todo.put?.parameters?.map((p) => (p.kind === 'Column' ? `Column:${p.name}` : p.kind)), ['Id', 'Column:title', 'Rest']);
  assert.equal(todo.delete?.sql, 'DELETE FROM todo WHERE id = ?');
  assert.deepEqual(todo.delete?.parameters?.map((p) => p.kind), ['Id']);
  assert.equal(todo.clear?.sql, 'DELETE FROM todo');
  assert.equal(todo.schema, undefined);
  assert.equal(todo.localTable, 'todo');
  assert.equal(todo.platform, 'common');
  // Locations point where the argument is written, not into the constant's file.
  assert.ok(todo.put?.sqlLoc.uri.endsWith('Tables.kt'));
  assert.deepEqual(todo.coreJson, {
    name: 'todo',
    put: {
      sql: 'INSERT INTO todo (id, title, _extra)\nVALUES (?, ?, ?)\nON CONFLICT(id) DO UPDATE SET title = excluded.title, _extra = excluded._extra',
      params: ['Id', { Column: 'title' }, 'Rest'],
    },
    delete: { sql: 'DELETE FROM todo WHERE id = ?', params: ['Id'] },
    clear: 'DELETE FROM todo',
  });
});

test('schema form: table name, synced columns and options, serialized as the core expects', async () => {
  const { model } = await analyzeFixture('powersync-app');
  const users = byName(model.rawTables, 'users');
  assert.deepEqual(users.variable, { name: 'users', owner: ['Tables'] });
  assert.equal(users.put, undefined);
  assert.equal(users.schema?.tableName, 'local_users');
  assert.deepEqual(users.schema?.syncedColumns, ['name']);
  assert.deepEqual(users.schema?.options, { ignoreEmptyUpdates: true });
  assert.equal(users.localTable, 'local_users');
  assert.deepEqual(users.coreJson, {
    name: 'users',
    table_name: 'local_users',
    synced_columns: ['name'],
    local_only: false,
    insert_only: false,
    include_metadata: false,
    include_old_only_when_changed: false,
    ignore_empty_update: true,
  });
  const lists = byName(model.rawTables, 'lists');
  assert.equal(lists.variable, undefined);
  assert.equal(lists.localTable, 'lists');
  assert.equal((lists.coreJson as { table_name?: string }).table_name, 'lists');
});

test('positional schema, track previous values and a raw-string put with trimIndent', async () => {
  const { model } = await analyzeFiles({
    'src/androidMain/kotlin/T.kt': `package t
${IMPORTS}
val a = RawTable("a", RawTableSchema("local_a", null, TableOptions(trackPreviousValues = TrackPreviousValuesOptions(listOf("x"), onlyWhenChanged = true))))
val b = RawTable(
    "b",
    PendingStatement(
        """
            INSERT OR REPLACE INTO "local b" (id, v)
            VALUES (?, ?)
        """.trimIndent(),
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("v")),
    ),
    PendingStatement("DELETE FROM \`local b\` WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`,
  });
  const a = byName(model.rawTables, 'a');
  assert.equal(a.schema?.tableName, 'local_a');
  assert.equal(a.schema?.syncedColumns, undefined);
  assert.deepEqual(a.schema?.options.trackPreviousValues, { columns: ['x'], onlyWhenChanged: true });
  assert.equal(a.platform, 'android');
  assert.deepEqual(a.coreJson, {
    name: 'a',
    table_name: 'local_a',
    local_only: false,
    insert_only: false,
    include_metadata: false,
    ignore_empty_update: false,
    include_old: ['x'],
    include_old_only_when_changed: true,
  });
  const b = byName(model.rawTables, 'b');
  assert.equal(b.put?.sql, 'INSERT OR REPLACE INTO "local b" (id, v)\nVALUES (?, ?)');
  assert.equal(b.localTable, 'local b');
  assert.deepEqual(b.put?.parameters?.map((p) => (p.kind === 'Column' ? p.name : p.kind)), ['Id', 'v']);
  assert.ok(b.coreJson);
});

test('unknown parts leave the core JSON out and say which part is unknown', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/U.kt': `package u
${IMPORTS}
fun tables(name: String, sql: String, columns: List<String>) = listOf(
    RawTable(name, schema = RawTableSchema()),
    RawTable("p", PendingStatement(sql, listOf(PendingStatementParameter.Id)), PendingStatement("DELETE FROM p WHERE id = ?", listOf(PendingStatementParameter.Id))),
    RawTable("c", schema = RawTableSchema(syncedColumns = columns)),
    RawTable("d", PendingStatement("INSERT INTO d (id) VALUES (?)", params()), PendingStatement("DELETE FROM d WHERE id = ?", listOf(PendingStatementParameter.Id))),
)
`,
  });
  assert.equal(model.rawTables.length, 4);
  const unnamed = model.rawTables.find((t) => t.name === undefined);
  assert.ok(unnamed);
  assert.equal(unnamed.coreJson, undefined);
  assert.equal(unnamed.localTable, undefined);
  const p = byName(model.rawTables, 'p');
  assert.equal(p.put?.sql, undefined);
  assert.deepEqual(p.put?.parameters?.map((x) => x.kind), ['Id']);
  assert.equal(p.localTable, undefined);
  assert.equal(p.coreJson, undefined);
  const c = byName(model.rawTables, 'c');
  assert.equal(c.schema?.syncedColumns, 'unknown');
  assert.equal(c.localTable, 'c');
  assert.equal(c.coreJson, undefined);
  const d = byName(model.rawTables, 'd');
  assert.equal(d.put?.sql, 'INSERT INTO d (id) VALUES (?)');
  assert.equal(d.put?.parameters, undefined);
  assert.equal(d.coreJson, undefined);
});

test('a half-typed RawTable( gives nothing or what is complete, never a crash', async () => {
  const cases: [string, string[], (string | undefined)[][]][] = [
    ['val t = RawTable(', [], []],
    ['val t = RawTable(name = "x", put = PendingStatement(', [], []],
    ['val t = RawTable(name = "x", schema = RawTableSchema(tableName = ', [], []],
    ['val s = Schema(RawTable("a", schema = RawTableSchema()), ', ['a'], [['a']]],
    ['val t = RawTable(name = "x", schema = RawTableSchema(tableName = "y"))\nval s = Schema(t, ', ['x'], [['x']]],
  ];
  for (const [tail, tables, schemas] of cases) {
    const facts = await factsOf(`package h\n${IMPORTS}\n${tail}`);
    assert.ok(facts.syntaxErrors.length > 0, tail);
    const model = buildModel({ files: new Map([[facts.uri, facts]]) });
    assert.deepEqual(model.rawTables.map((t) => t.name), tables, tail);
    assert.deepEqual(model.schemas.map((s) => s.rawTables.map((t) => t?.name)), schemas, tail);
  }
});

test('every prefix of the fixture files reads without throwing', async () => {
  const { model } = await analyzeFixture('powersync-app');
  const sources = [...model.files.values()].filter((f) => f.language === 'kotlin');
  assert.ok(sources.length >= 5);
  const { readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  let checked = 0;
  for (const file of sources) {
    const text = readFileSync(fileURLToPath(file.uri), 'utf8');
    for (let end = 0; end < text.length; end += 11) {
      const facts: FileFacts = await factsOf(text.slice(0, end), 'src/iosMain/kotlin/app/Prefix.kt');
      buildModel({ files: new Map([...model.files, [facts.uri, facts]]) });
      checked++;
    }
  }
  assert.ok(checked > 100);
});

test('the core takes the raw tables JSON: schema replaced and triggers generated from it', async () => {
  const { model } = await analyzeFixture('powersync-app');
  const db = CoreDatabase.open(await loadEngine(wasmDir()));
  try {
    db.replaceSchema({ tables: [], raw_tables: model.rawTables.map((t) => t.coreJson) });
    db.exec('CREATE TABLE local_users (id TEXT NOT NULL PRIMARY KEY, name TEXT, note TEXT)');
    const result = createCrudTriggers(db, byName(model.rawTables, 'users').coreJson);
    assert.ok(result.ok, JSON.stringify(result));
    const update = result.triggers.find((t) => t.event === 'UPDATE');
    // synced_columns reached the core: only `name` is compared, `note` stays local.
    assert.match(update?.sql ?? '', /OLD\."name" IS NOT NEW\."name"/);
    assert.doesNotMatch(update?.sql ?? '', /"note"/);
  } finally {
    db.close();
  }
});
