// snippets/typescript.json (contributed for TypeScript and JavaScript): each snippet expanded with
// its defaults where a developer would put it, read by Rawsync's TypeScript front end, parsed as
// plain JavaScript too, and its SQL run in the real PowerSync core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeFiles } from '../../support/workspace';
import { repoRoot } from '../../support/paths';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import type { CoreDatabase } from '../../../server/src/engine/database';
import { WorkspaceNames } from '../../../server/src/model/names';
import { evaluateString } from '../../../server/src/model/evaluate';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import type { Analyzer } from '../../../server/src/analyzer';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { expandSnippet } from './snippet-body';
import { crudEntries, parseErrors, readSnippets } from './snippet-files';

const snippets = readSnippets('typescript.json');

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

const SCHEMA = 'src/powersync/schema.ts';
const DATABASE = 'src/powersync/database.ts';

/** A small web app made of the snippets, each expanded where a developer would put it. */
function snippetWorkspace(): Record<string, string> {
  return {
    [SCHEMA]: `import { Schema } from '@powersync/web';

export const AppSchema = new Schema({});

${expanded('rawTable')}

${expanded('rawTableInferred')}
`,
    [DATABASE]: `import { Schema, type AbstractPowerSyncDatabase } from '@powersync/web';

export async function createTables(db: AbstractPowerSyncDatabase): Promise<void> {
  await db.execute('CREATE TABLE IF NOT EXISTS lists (id TEXT NOT NULL PRIMARY KEY, name TEXT, is_pinned INTEGER NOT NULL DEFAULT 0)');
  ${indented(expanded('localTable'), '  ')}
}

export async function installTriggers(db: AbstractPowerSyncDatabase): Promise<void> {
  ${indented(expanded('crudTriggers'), '  ')}
  ${indented(expanded('crudTriggersSql'), '  ')}
}

export async function signOut(db: AbstractPowerSyncDatabase): Promise<void> {
  ${indented(expanded('disconnectAndClear'), '  ')}
}
`,
    // The app calls both (a trigger in a function nothing calls is never created).
    'src/main.ts': `import type { AbstractPowerSyncDatabase } from '@powersync/web';
import { createTables, installTriggers } from './powersync/database';

export async function start(db: AbstractPowerSyncDatabase): Promise<void> {
  await createTables(db);
  await installTriggers(db);
}
`,
  };
}

let analysis: Promise<{ analyzer: Analyzer; model: WorkspaceModel; uri: (name: string) => string; files: Record<string, string> }> | undefined;

function analyzed() {
  analysis ??= (async () => {
    const files = snippetWorkspace();
    return { ...(await analyzeFiles(files)), files };
  })();
  return analysis;
}

/** Every SQL string the file hands to an execute call, evaluated, in source order. */
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

/** The app's tables, created by the statements of createTables (the snippet's CREATE TABLE among them). */
async function appTables(model: WorkspaceModel, uri: string): Promise<CoreDatabase> {
  const creates = executedSql(model, uri).filter((sql) => /^\s*CREATE TABLE/i.test(sql));
  assert.equal(creates.length, 2, creates.join('\n---\n'));
  return openCoreDatabase(...creates);
}

test('every TypeScript snippet is well formed, described, and expands without snippet syntax errors', () => {
  const prefixes = new Set<string>();
  for (const [name, snippet] of Object.entries(snippets)) {
    assert.ok(snippet.description.length > 20, `${name} has a description`);
    for (const prefix of [snippet.prefix].flat()) {
      assert.ok(!prefixes.has(prefix), `prefix ${prefix} is used once`);
      prefixes.add(prefix);
    }
    const { text } = expandSnippet(snippet.body);
    assert.doesNotMatch(text, /\$\{?\d/, `${name}: no tab stop is left in the inserted text`);
    assert.ok([snippet.body].flat().join('\n').endsWith('$0'), `${name}: the cursor ends after the snippet`);
  }
  assert.deepEqual([...prefixes].filter((p) => !p.startsWith('powersync-')), ['rawTable', 'rawTableInferred', 'localTable', 'crudTriggers', 'crudTriggersSql', 'disconnectAndClear']);
});

test('each TypeScript snippet is plain JavaScript too (it is contributed for .js and .jsx): no type annotation', async () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    const { text } = expandSnippet(snippet.body);
    // Inside an async function, where statements with `await` are inserted.
    const errors = await parseErrors('javascript', `async function inserted(db, AppSchema, Schema) {\n${text}\n}\n`);
    assert.deepEqual(errors, [], `${name} parses as JavaScript:\n${text}`);
  }
});

test('the expanded snippets are TypeScript the front end reads without a syntax error', async () => {
  const { model, uri, files } = await analyzed();
  for (const name of Object.keys(files)) {
    const facts = model.files.get(uri(name));
    assert.ok(facts, `${name} was read`);
    assert.deepEqual(facts.syntaxErrors.map((e) => e.range.start.line + 1), [], `${name} parses:\n${files[name]}`);
  }
});

test('the raw-table snippet: put, delete and clear prepare against the table, and put is an upsert', async () => {
  const { model, uri } = await analyzed();
  const todos = model.rawTables.find((t) => t.name === 'todos');
  assert.ok(todos?.put?.sql && todos.delete?.sql && todos.clear?.sql, 'put, delete and clear resolve');
  assert.equal(todos.api, 'js');
  assert.deepEqual(todos.put.parameters?.map((p) => (p.kind === 'Column' ? `Column:${p.name}` : p.kind)), ['Id', 'Column:title']);
  assert.deepEqual(todos.delete.parameters?.map((p) => p.kind), ['Id']);
  assert.deepEqual(model.schemas[0]?.rawTables.map((t) => t?.name), ['todos', 'lists']);
  const db = await appTables(model, uri(DATABASE));
  try {
    assert.deepEqual(validate(db, todos.put.sql), { ok: true, parameterCount: 2 });
    assert.deepEqual(validate(db, todos.delete.sql), { ok: true, parameterCount: 1 });
    assert.deepEqual(validate(db, todos.clear.sql), { ok: true, parameterCount: 0 });
    // A second put for the same id keeps a column the put does not name: an upsert, not a replace.
    db.exec(todos.put.sql, ['t1', 'Buy milk']);
    db.exec("update todos set list_id = 'l1' where id = 't1'");
    db.exec(todos.put.sql, ['t1', 'Buy bread']);
    assert.deepEqual(db.query("select title, list_id from todos where id = 't1'"), [{ title: 'Buy bread', list_id: 'l1' }]);
    db.exec(todos.delete.sql, ['t1']);
    assert.equal(db.scalar('select count(*) from todos'), 0);
  } finally {
    db.close();
  }
});

test('the inferred raw-table snippet names an existing table, and the core infers its statements', async () => {
  const { model } = await analyzed();
  const lists = model.rawTables.find((t) => t.name === 'lists');
  assert.ok(lists?.schema, 'the inferred raw table resolves');
  assert.equal(lists.schema.tableName, 'lists');
  assert.deepEqual(lists.schema.syncedColumns, ['name']);
  assert.equal(lists.put, undefined);
  const json = lists.coreJson as Record<string, unknown>;
  assert.deepEqual([json.name, json.table_name, json.synced_columns, json.clear, json.put], ['lists', 'lists', ['name'], 'DELETE FROM lists', undefined]);
});

test('the local-table snippet: a deferred foreign key, so a child may arrive before its parent', async () => {
  const { model, uri } = await analyzed();
  const todos = model.tables.find((t) => t.name === 'todos');
  assert.ok(todos, 'the snippet CREATE TABLE is a table of the model');
  assert.deepEqual(todos.foreignKeys.map((fk) => [fk.parentTable, fk.parentColumns, fk.childColumns, fk.onDelete, fk.deferred]), [
    ['lists', ['id'], ['list_id'], 'CASCADE', true],
  ]);
  const db = await appTables(model, uri(DATABASE));
  try {
    db.exec('PRAGMA foreign_keys = ON');
    db.transaction(() => {
      db.exec("insert into todos (id, title, list_id) values ('t1', 'Buy milk', 'l1')");
      db.exec("insert into lists (id, name) values ('l1', 'Home')");
    });
    assert.equal(db.scalar('select count(*) from todos'), 1);
  } finally {
    db.close();
  }
});

test('the trigger snippets: the core writes the lists triggers, the SQL ones record todos changes, NULLs included', async () => {
  const { model, uri } = await analyzed();
  const triggers = model.triggers.filter((t) => t.loc.uri === uri(DATABASE));
  assert.deepEqual(triggers.map((t) => [t.form, t.name, t.table, t.event, t.unresolved?.what]), [
    ['crud-trigger-call', 'lists_insert', 'lists', 'INSERT', undefined],
    ['crud-trigger-call', 'lists_update', 'lists', 'UPDATE', undefined],
    ['crud-trigger-call', 'lists_delete', 'lists', 'DELETE', undefined],
    ['create-trigger', 'todos_insert', 'todos', 'INSERT', undefined],
    ['create-trigger', 'todos_update', 'todos', 'UPDATE', undefined],
    ['create-trigger', 'todos_delete', 'todos', 'DELETE', undefined],
  ]);
  const lists = model.rawTables.find((t) => t.name === 'lists');
  assert.equal(triggers[0].rawTable, lists, 'the core call is handed the lists raw table');

  const executed = executedSql(model, uri(DATABASE));
  const installs = executed.filter((sql) => !/^\s*CREATE TABLE/i.test(sql));
  const db = await appTables(model, uri(DATABASE));
  try {
    const table = JSON.stringify(lists?.coreJson);
    const helperCalls = triggers.filter((t) => t.form === 'crud-trigger-call');
    // Twice, as an app runs it on every open: the DROPs make it repeatable.
    for (let run = 0; run < 2; run++) {
      let call = 0;
      for (const sql of installs) {
        if (sql.includes('powersync_create_raw_table_crud_trigger')) {
          // The call's parameters, as the model read them: the raw table's JSON, the name, the event.
          const { name, event } = helperCalls[call++];
          db.query(sql, [table, name ?? null, event ?? null]);
        } else {
          const result = validate(db, sql);
          assert.ok(result.ok, `${sql} → ${result.ok ? '' : result.message}`);
          db.exec(sql);
        }
      }
      assert.equal(call, 3);
    }
    const names = db.query("select name from sqlite_master where type = 'trigger' order by name").map((r) => r.name);
    assert.deepEqual(names, ['lists_delete', 'lists_insert', 'lists_update', 'todos_delete', 'todos_insert', 'todos_update']);
    assert.match(String(db.scalar("select sql from sqlite_master where name = 'lists_update'")), /IS NOT NEW/);

    db.exec("insert into lists (id, name) values ('l1', NULL)");
    db.exec("update lists set name = 'Home' where id = 'l1'"); // from NULL: caught by IS NOT
    db.exec("update lists set is_pinned = 1 where id = 'l1'"); // a local-only column: not uploaded
    db.exec("insert into todos (id, title, list_id) values ('t1', NULL, 'l1')");
    db.exec("update todos set title = 'Buy milk' where id = 't1'");
    db.exec("update todos set list_id = NULL where id = 't1'"); // not listed: not uploaded
    db.exec("delete from todos where id = 't1'");
    assert.deepEqual(crudEntries(db), [
      { op: 'PUT', id: 'l1', type: 'lists', data: {} },
      { op: 'PATCH', id: 'l1', type: 'lists', data: { name: 'Home' } },
      { op: 'PUT', id: 't1', type: 'todos', data: { title: null } },
      { op: 'PATCH', id: 't1', type: 'todos', data: { title: 'Buy milk' } },
      { op: 'DELETE', id: 't1', type: 'todos' },
    ]);
  } finally {
    db.close();
  }
});

test('the sign-out snippet is a clear call, and every raw table has the clear statement it asks for', async () => {
  const { model, uri } = await analyzed();
  const facts = model.files.get(uri(DATABASE));
  assert.equal(facts?.clearCalls.length, 1);
  assert.ok(model.rawTables.every((t) => t.clear?.sql), 'todos and lists have clear statements');
});

test("the TypeScript snippets set off none of Rawsync's own rules", async () => {
  const { analyzer, model } = await analyzed();
  const { findings, failures } = runRules(RULES, model, analyzer.ruleContext());
  assert.deepEqual(failures.map((f) => f.rule), []);
  assert.deepEqual(findings.map((f) => `${f.rule} at ${path.basename(f.loc.uri)}:${f.loc.range.start.line + 1}: ${f.message}`), []);
});

test('snippets/typescript.json is valid JSON with no duplicate snippet names', () => {
  const text = readFileSync(path.join(repoRoot(), 'snippets', 'typescript.json'), 'utf8');
  const names = [...text.matchAll(/^ {2}"([^"]+)": \{$/gm)].map((m) => m[1]);
  assert.deepEqual(names, Object.keys(snippets));
});
