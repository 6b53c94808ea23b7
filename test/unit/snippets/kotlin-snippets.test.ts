import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeFiles } from '../../support/workspace';
import { repoRoot } from '../../support/paths';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import { createCrudTriggers } from '../../../server/src/engine/crud-triggers';
import type { CoreDatabase } from '../../../server/src/engine/database';
import { WorkspaceNames } from '../../../server/src/model/names';
import { evaluateString } from '../../../server/src/model/evaluate';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import type { Analyzer } from '../../../server/src/analyzer';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { expandSnippet, SnippetSyntaxError } from './snippet-body';

interface SnippetDefinition {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const snippetFile = path.join(repoRoot(), 'snippets', 'kotlin.json');
const snippets: Record<string, SnippetDefinition> = JSON.parse(readFileSync(snippetFile, 'utf8'));

/** The snippet whose prefixes include `prefix`, expanded with its defaults or with `typed` values. */
function expanded(prefix: string, typed: Record<number, string> = {}): string {
  const found = Object.values(snippets).find((s) => [s.prefix].flat().includes(prefix));
  if (!found) throw new Error(`no snippet with the prefix ${prefix}`);
  return expandSnippet(found.body, typed).text;
}

/** What the editor does when inserting at an indented position: later lines get the indentation too. */
function indented(text: string, indentation: string): string {
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : indentation + line)).join('\n');
}

const PACKAGE = 'package com.example.data\n\n';

/** A small Room + PowerSync app made of the snippets, each expanded where a developer would put it. */
function snippetWorkspace(): Record<string, string> {
  return {
    'src/commonMain/kotlin/com/example/data/Entities.kt': `${PACKAGE}import androidx.room.ColumnInfo
import androidx.room.Entity
import androidx.room.ForeignKey
import androidx.room.Index
import androidx.room.PrimaryKey

@Entity(tableName = "lists")
data class ListEntity(
    @PrimaryKey val id: String,
    val name: String?,
    @ColumnInfo(name = "is_pinned", defaultValue = "0") val isPinned: Boolean = false,
)

@Entity(
    tableName = "todos",
    foreignKeys = [
        ${indented(expanded('foreignKeyDeferred'), '        ')},
    ],
    indices = [Index("list_id")],
)
data class TodoEntity(
    @PrimaryKey val id: String,
    val title: String?,
    @ColumnInfo(name = "list_id") val listId: String?,
    @ColumnInfo(name = "local_note") val localNote: String? = null,
)
`,
    'src/commonMain/kotlin/com/example/data/AppDatabase.kt': `${PACKAGE}import androidx.room.Database
import androidx.room.RoomDatabase

@Database(entities = [ListEntity::class, TodoEntity::class], version = 1)
abstract class AppDatabase : RoomDatabase()
`,
    'src/commonMain/kotlin/com/example/data/RawTables.kt': `${PACKAGE}import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.RawTableSchema

${expanded('rawTable')}

${expanded('rawTableInferred')}
`,
    'src/commonMain/kotlin/com/example/data/Triggers.kt': `${PACKAGE}import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

${expanded('crudTriggers')}

${expanded('crudTriggers', { 1: 'lists', 2: 'name' })}
`,
    // The app calls the installers (a trigger in a function nothing calls is never created).
    'src/commonMain/kotlin/com/example/data/CreateTriggers.kt': `${PACKAGE}import androidx.sqlite.SQLiteConnection

fun createTriggers(connection: SQLiteConnection) {
    installTodosTriggers(connection)
    installListsTriggers(connection)
}
`,
    'src/jvmMain/kotlin/com/example/data/Databases.kt': `${PACKAGE}import androidx.room.Room
import androidx.sqlite.driver.bundled.BundledSQLiteDriver
import co.touchlab.kermit.Logger
import com.powersync.PowerSyncDatabase
import com.powersync.db.schema.Schema
import com.powersync.integrations.room.RoomConnectionPool
import com.powersync.integrations.room.loadPowerSyncExtension
import kotlinx.coroutines.CoroutineScope

fun openDatabases(scope: CoroutineScope): PowerSyncDatabase {
    ${indented(expanded('roomConnectionPool'), '    ')}
    return powerSync
}
`,
  };
}

let analysis: Promise<{ analyzer: Analyzer; model: WorkspaceModel; uri: (name: string) => string; files: Record<string, string> }> | undefined;

/** The snippet workspace, analyzed once for all tests. */
function analyzed() {
  analysis ??= (async () => {
    const files = snippetWorkspace();
    const { analyzer, model, uri } = await analyzeFiles(files);
    return { analyzer, model, uri, files };
  })();
  return analysis;
}

/** A database holding Room's tables for the entities, created from the model's createSql. */
async function roomTables(model: WorkspaceModel): Promise<CoreDatabase> {
  const tables = model.tables.filter((t) => t.origin === 'room-entity');
  assert.deepEqual(tables.map((t) => t.name).sort(), ['lists', 'todos']);
  return openCoreDatabase(...tables.flatMap((t) => [t.createSql, ...t.indices.map((i) => i.createSql)]));
}

/** Every SQL string the file hands to execSQL, evaluated, in source order. */
function executedSql(model: WorkspaceModel, uri: string): string[] {
  const facts = model.files.get(uri);
  assert.ok(facts, `facts for ${uri}`);
  const names = new WorkspaceNames(model.files);
  return facts.sqlStatements.map((statement) => {
    const sql = evaluateString(statement.sql, names.scope(uri, statement.owner ?? []));
    assert.ok(sql, `the SQL at line ${statement.loc.range.start.line + 1} evaluates`);
    return sql;
  });
}

function crudEntries(db: CoreDatabase): unknown[] {
  return db.query('select data from ps_crud order by id').map((row) => JSON.parse(String(row.data)));
}

test('every snippet is well formed, described, and expands without snippet syntax errors', () => {
  const names = Object.keys(snippets);
  assert.ok(names.length >= 5, `the snippets: ${names.join(', ')}`);
  const prefixes = new Set<string>();
  for (const [name, snippet] of Object.entries(snippets)) {
    assert.ok(snippet.description.length > 20, `${name} has a description`);
    for (const prefix of [snippet.prefix].flat()) {
      assert.ok(!prefixes.has(prefix), `prefix ${prefix} is used once`);
      prefixes.add(prefix);
    }
    const { text } = expandSnippet(snippet.body);
    assert.ok(!text.includes('$'), `${name}: no snippet syntax is left in the inserted text`);
    assert.ok([snippet.body].flat().join('\n').endsWith('$0'), `${name}: the cursor ends after the snippet`);
  }
});

test('the snippet reader rejects a stray dollar and expands mirrors, choices and transforms', () => {
  assert.throws(() => expandSnippet('val x = "$name"'), SnippetSyntaxError);
  assert.equal(expandSnippet('${1:todo_items} $1 ${2|a,b|} ${1/(.*)/${1:/pascalcase}/}').text, 'todo_items todo_items a TodoItems');
});

test('the expanded snippets are Kotlin the front end reads without a syntax error', async () => {
  const { model, uri, files } = await analyzed();
  for (const name of Object.keys(files)) {
    const facts = model.files.get(uri(name));
    assert.ok(facts, `${name} was read`);
    assert.deepEqual(facts.syntaxErrors.map((e) => e.range.start.line + 1), [], `${name} parses:\n${files[name]}`);
  }
});

test('the raw-table snippet: put, delete and clear prepare against the table, and put is an upsert', async () => {
  const { model } = await analyzed();
  const todos = model.rawTables.find((t) => t.name === 'todos');
  assert.ok(todos?.put?.sql && todos.delete?.sql && todos.clear?.sql, 'put, delete and clear resolve');
  const db = await roomTables(model);
  try {
    for (const [statement, sql] of [['put', todos.put.sql], ['delete', todos.delete.sql], ['clear', todos.clear.sql]] as const) {
      const result = validate(db, sql);
      assert.ok(result.ok, `${statement}: ${sql} → ${result.ok ? '' : result.message}`);
    }
    assert.equal(todos.put.parameters?.length, 2);
    assert.deepEqual(validate(db, todos.put.sql), { ok: true, parameterCount: 2 });
    assert.deepEqual(validate(db, todos.delete.sql), { ok: true, parameterCount: 1 });

    // A second put for the same id keeps the local-only column: an upsert, not a replace.
    db.exec("insert into lists (id, name, is_pinned) values ('l1', 'Home', 0)");
    db.exec(todos.put.sql, ['t1', 'Buy milk']);
    db.exec("update todos set local_note = 'mine' where id = 't1'");
    db.exec(todos.put.sql, ['t1', 'Buy bread']);
    assert.deepEqual(db.query("select title, local_note from todos where id = 't1'"), [{ title: 'Buy bread', local_note: 'mine' }]);
    db.exec(todos.delete.sql, ['t1']);
    assert.equal(db.scalar('select count(*) from todos'), 0);
  } finally {
    db.close();
  }
});

test('the inferred raw-table snippet names an existing table the core can build triggers for', async () => {
  const { model } = await analyzed();
  const lists = model.rawTables.find((t) => t.name === 'lists');
  assert.ok(lists?.schema, 'the inferred raw table resolves');
  assert.equal(lists.schema.tableName, 'lists');
  assert.deepEqual(lists.schema.syncedColumns, ['name']);
  assert.equal(lists.put, undefined);
  assert.ok(lists.clear?.sql && lists.coreJson);
  const db = await roomTables(model);
  try {
    assert.deepEqual(validate(db, lists.clear.sql), { ok: true, parameterCount: 0 });
    const triggers = createCrudTriggers(db, lists.coreJson);
    assert.ok(triggers.ok, triggers.ok ? '' : triggers.error);
    // is_pinned is left out of syncedColumns: a local-only column, absent from what is uploaded.
    assert.doesNotMatch(triggers.triggers.map((t) => t.sql).join('\n'), /is_pinned/);
  } finally {
    db.close();
  }
});

test('the foreign-key snippet makes Room declare the key DEFERRABLE INITIALLY DEFERRED', async () => {
  const { model } = await analyzed();
  const todos = model.tables.find((t) => t.name === 'todos' && t.origin === 'room-entity');
  assert.ok(todos);
  assert.deepEqual(todos.foreignKeys.map((fk) => [fk.parentTable, fk.parentColumns, fk.childColumns, fk.onDelete, fk.deferred]), [
    ['lists', ['id'], ['list_id'], 'CASCADE', true],
  ]);
  assert.match(todos.createSql, /FOREIGN KEY\(`list_id`\) REFERENCES `lists`\(`id`\) ON UPDATE NO ACTION ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED/);
  // Deferred means a child may arrive before its parent inside one transaction, as a sync does.
  const db = await roomTables(model);
  try {
    db.exec('PRAGMA foreign_keys = ON');
    db.transaction(() => {
      db.exec("insert into todos (id, title, list_id) values ('t1', 'Buy milk', 'l1')");
      db.exec("insert into lists (id, name, is_pinned) values ('l1', 'Home', 0)");
    });
    assert.equal(db.scalar('select count(*) from todos'), 1);
  } finally {
    db.close();
  }
});

test('the trigger snippet installs triggers that record synced changes, NULLs included, and nothing else', async () => {
  const { model, uri, files } = await analyzed();
  const executed = executedSql(model, uri('src/commonMain/kotlin/com/example/data/Triggers.kt'));
  // The file expands the snippet twice: for todos (its defaults), then for lists.
  assert.equal(executed.length, 12, executed.join('\n---\n'));
  const statements = executed.slice(0, 6);
  assert.ok(executed.slice(6).every((sql) => sql.includes('lists') && !sql.includes('todos')), 'the second expansion is about lists only');
  const triggers = model.triggers.filter((t) => t.form === 'create-trigger' && t.table === 'todos');
  assert.deepEqual(triggers.map((t) => [t.name, t.event, t.writesPowerSyncCrud]), [
    ['todos_insert', 'INSERT', true],
    ['todos_update', 'UPDATE', true],
    ['todos_delete', 'DELETE', true],
  ]);
  const installers = files['src/commonMain/kotlin/com/example/data/Triggers.kt'];
  assert.ok(installers.includes('fun installTodosTriggers(') && installers.includes('fun installListsTriggers('), 'the function is named after the table');
  assert.match(executed.join('\n'), /CREATE TRIGGER lists_update AFTER UPDATE ON lists FOR EACH ROW\nWHEN NOT powersync_in_sync_operation\(\) AND \(OLD\.name IS NOT NEW\.name\)/);

  const db = await roomTables(model);
  try {
    // Twice, as the function runs on every open: the DROPs make it repeatable.
    for (let run = 0; run < 2; run++) {
      for (const sql of statements) {
        const result = validate(db, sql);
        assert.ok(result.ok, `${sql} → ${result.ok ? '' : result.message}`);
        db.exec(sql);
      }
    }
    db.exec("insert into todos (id, title, list_id) values ('t1', NULL, NULL)");
    db.exec("update todos set title = 'Buy milk' where id = 't1'"); // from NULL: caught by IS NOT
    db.exec("update todos set local_note = 'mine' where id = 't1'"); // a column not listed: not uploaded
    db.exec("update todos set title = 'Buy milk' where id = 't1'"); // no change: not uploaded
    db.exec("delete from todos where id = 't1'");
    assert.deepEqual(crudEntries(db), [
      { op: 'PUT', id: 't1', type: 'todos', data: { title: null } },
      { op: 'PATCH', id: 't1', type: 'todos', data: { title: 'Buy milk' } },
      { op: 'DELETE', id: 't1', type: 'todos' },
    ]);
    assert.throws(() => db.exec("insert into todos (id) values ('t2'); update todos set id = 't3', title = 'x' where id = 't2'"), /Cannot update id/);
  } finally {
    db.close();
  }
});

test('the RoomConnectionPool snippet loads the extension and hands the schema to Room and PowerSync', async () => {
  const { model, uri } = await analyzed();
  const databases = model.files.get(uri('src/jvmMain/kotlin/com/example/data/Databases.kt'));
  assert.ok(databases);
  assert.equal(databases.extensionLoads.length, 1, 'loadPowerSyncExtension() on the driver');
  assert.equal(databases.roomBuilders.length, 1);
  assert.equal(databases.powerSyncDatabases[0]?.form, 'opened');
  assert.equal(model.roomConnectionPools.length, 1);
  assert.deepEqual(model.roomConnectionPools[0].schema?.rawTables.map((t) => t?.name), ['todos']);
  const paths = model.databasePaths.map((p) => [p.opener, p.fileName ?? p.identifier]);
  assert.deepEqual(paths.sort(), [['powersync-opened', 'app.db'], ['room', 'app.db']]);
});

test("the snippets set off none of Rawsync's own rules", async () => {
  const { analyzer, model } = await analyzed();
  const { findings, failures } = runRules(RULES, model, analyzer.ruleContext());
  assert.deepEqual(failures.map((f) => f.rule), []);
  assert.deepEqual(findings.map((f) => `${f.rule} at ${path.basename(f.loc.uri)}:${f.loc.range.start.line + 1}: ${f.message}`), []);
});
