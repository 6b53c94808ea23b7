// snippets/dart.json: each snippet expanded with its defaults parses as Dart (tree-sitter-dart),
// carries the same SQL as its TypeScript twin (tested through Rawsync's own front end), and that
// SQL runs in the real PowerSync core. Rawsync has no Dart front end, so the test reads the
// strings and named arguments from the Dart tree itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import { createCrudTriggers } from '../../../server/src/engine/crud-triggers';
import { expandSnippet } from './snippet-body';
import { crudEntries, parseErrors, readSnippets, withTree, type TestGrammar } from './snippet-files';

const dart = readSnippets('dart.json');
const typescript = readSnippets('typescript.json');

function expanded(snippets: typeof dart, name: string, typed: Record<number, string> = {}): string {
  const found = snippets[name];
  if (!found) throw new Error(`no snippet ${name}`);
  return expandSnippet(found.body, typed).text;
}

const byPrefix = (prefix: string) => {
  const entry = Object.entries(dart).find(([, s]) => [s.prefix].flat().includes(prefix));
  if (!entry) throw new Error(`no Dart snippet with the prefix ${prefix}`);
  return expanded(dart, entry[0]);
};

/** Declarations go at the top level, statements into an async function with a database in scope. */
function dartFile(): string {
  const declarations = ['rawTable', 'rawTableInferred', 'schemaRawTables'].map(byPrefix);
  const statements = ['localTable', 'crudTriggers', 'crudTriggersSql', 'disconnectAndClear'].map(byPrefix);
  const indent = (text: string) => text.split('\n').map((line) => (line === '' ? line : '  ' + line)).join('\n');
  return `import 'dart:convert';

import 'package:powersync/powersync.dart';

${declarations.join('\n\n')}

Future<void> openAndSignOut(PowerSyncDatabase db) async {
${statements.map(indent).join('\n')}
}
`;
}

/** The text a string literal holds (ours use no escapes and no interpolation: the test checks). */
function stringValue(node: Node): string {
  const literal = node.text;
  const quote = /^r?('''|"""|'|"|`)/.exec(literal);
  assert.ok(quote, `a string literal: ${literal}`);
  const inner = literal.slice(quote[0].length, literal.length - quote[1].length);
  assert.doesNotMatch(inner, /[$\\]/, `no interpolation or escape in ${literal}`);
  return inner;
}

const STRING_TYPES: Record<TestGrammar, string[]> = { dart: ['string_literal'], javascript: ['string', 'template_string'] };
const SQL_START = /^\s*(?:INSERT|DELETE|UPDATE|CREATE|DROP|SELECT)\b/;

/** The SQL strings of a snippet, in source order, with runs of white space made one space. */
function sqlStrings(grammar: TestGrammar, snippet: string): Promise<string[]> {
  // Inside an async function, where each snippet (declarations too) may be inserted.
  const text = grammar === 'dart' ? `Future<void> inserted() async {\n${snippet}\n}\n` : `async function inserted() {\n${snippet}\n}\n`;
  return withTree(grammar, text, (root) => root.descendantsOfType(STRING_TYPES[grammar]).flatMap((node) => {
    const value = node ? stringValue(node) : '';
    return SQL_START.test(value) ? [value.replace(/\s+/g, ' ').trim()] : [];
  }));
}

/** Named arguments `label: value` of the Dart tree, as the value's source text, in order. */
function namedArguments(root: Node, label: string): Node[] {
  return root.descendantsOfType('named_argument').flatMap((arg) => {
    const name = arg?.namedChildren[0]?.namedChildren[0]?.text;
    const value = arg?.namedChildren[1];
    return name === label && value ? [value] : [];
  });
}

test('every Dart snippet is well formed, described, and expands without snippet syntax errors', () => {
  const prefixes: string[] = [];
  for (const [name, snippet] of Object.entries(dart)) {
    assert.ok(snippet.description.length > 20, `${name} has a description`);
    prefixes.push(...[snippet.prefix].flat());
    const { text } = expandSnippet(snippet.body);
    assert.doesNotMatch(text, /\$/, `${name}: no tab stop is left in the inserted text (and no Dart interpolation)`);
    assert.ok([snippet.body].flat().join('\n').endsWith('$0'), `${name}: the cursor ends after the snippet`);
  }
  assert.equal(new Set(prefixes).size, prefixes.length, 'each prefix is used once');
  assert.deepEqual(prefixes.filter((p) => !p.startsWith('powersync-')), ['rawTable', 'rawTableInferred', 'schemaRawTables', 'localTable', 'crudTriggers', 'crudTriggersSql', 'disconnectAndClear']);
});

test('the expanded Dart snippets parse as Dart, in a file as a developer would place them', async () => {
  const file = dartFile();
  assert.deepEqual(await parseErrors('dart', file), [], file);
  // The parse is not vacuous: a typo in one snippet shows.
  assert.notDeepEqual(await parseErrors('dart', file.replace("name: 'todos',", "name: 'todos'")), []);
});

test('the SDK names the Dart snippets use are those of powersync.dart', async () => {
  const file = dartFile();
  await withTree('dart', file, (root) => {
    const identifiers = new Set(root.descendantsOfType('identifier').map((n) => n?.text));
    for (const name of ['RawTable', 'inferred', 'RawTableSchema', 'PendingStatement', 'PendingStatementValue', 'id', 'column', 'Schema', 'writeTransaction', 'execute', 'disconnectAndClear']) {
      assert.ok(identifiers.has(name), `${name} is used`);
    }
    const labels = new Set(root.descendantsOfType('label').map((n) => n?.text.replace(/:$/, '')));
    assert.deepEqual([...labels].sort(), ['clear', 'delete', 'name', 'params', 'put', 'rawTables', 'schema', 'sql', 'syncedColumns', 'tableName']);
  });
});

test('each Dart snippet runs the same SQL as its TypeScript twin', async () => {
  let compared = 0;
  for (const name of Object.keys(dart)) {
    const dartSql = await sqlStrings('dart', expanded(dart, name));
    if (!typescript[name]) {
      assert.deepEqual(dartSql, [], `${name} has no TypeScript twin and holds no SQL`);
      continue;
    }
    const tsSql = await sqlStrings('javascript', expanded(typescript, name));
    assert.deepEqual(dartSql, tsSql, name);
    compared += dartSql.length;
  }
  assert.ok(compared >= 15, `the SQL compared: ${compared} statements`);
});

test('the Dart SQL runs in the PowerSync core: upsert put, deferred key, triggers from the core and in SQL', async () => {
  const file = dartFile();
  const { put, del, clear, inferred } = await withTree('dart', file, (root) => {
    const [putSql, deleteSql] = namedArguments(root, 'sql').map(stringValue);
    const clears = namedArguments(root, 'clear').map(stringValue);
    const names = namedArguments(root, 'name').map(stringValue);
    const tableName = namedArguments(root, 'tableName').map(stringValue)[0];
    const synced = namedArguments(root, 'syncedColumns')[0]?.namedChildren.map((n) => (n ? stringValue(n) : ''));
    return {
      put: putSql,
      del: deleteSql,
      clear: clears,
      // What json.encode(listsTable) writes: RawTable.toJson with RawTableSchema's fields flattened.
      inferred: {
        name: names[1], put: null, delete: null, clear: clears[1], table_name: tableName, synced_columns: synced,
        local_only: false, insert_only: false, ignore_empty_update: false, include_metadata: false,
      },
    };
  });
  assert.deepEqual(clear, ['DELETE FROM todos', 'DELETE FROM lists']);
  assert.equal(inferred.name, 'lists');
  assert.deepEqual(inferred.synced_columns, ['name']);

  const statements = await withTree('dart', file, (root) => root.descendantsOfType('string_literal').flatMap((n) => (n ? [stringValue(n)] : [])).filter((s) => SQL_START.test(s)));
  const createTodos = statements.find((s) => /CREATE TABLE/.test(s));
  const sqlTriggers = statements.filter((s) => /^\s*(?:DROP|CREATE) TRIGGER/.test(s) && s.includes('todos'));
  assert.ok(createTodos && sqlTriggers.length === 6);
  const db = await openCoreDatabase('CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT, is_pinned INTEGER NOT NULL DEFAULT 0)', createTodos);
  try {
    for (const [sql, parameterCount] of [[put, 2], [del, 1], [clear[0], 0], [clear[1], 0]] as const) {
      assert.deepEqual(validate(db, sql), { ok: true, parameterCount }, sql);
    }
    db.exec(put, ['t1', 'Buy milk']);
    db.exec("update todos set list_id = 'l1' where id = 't1'");
    db.exec(put, ['t1', 'Buy bread']);
    assert.deepEqual(db.query("select title, list_id from todos where id = 't1'"), [{ title: 'Buy bread', list_id: 'l1' }]);
    db.exec(del, ['t1']);

    db.exec('PRAGMA foreign_keys = ON');
    db.transaction(() => {
      db.exec("insert into todos (id, title, list_id) values ('t2', NULL, 'l2')");
      db.exec("insert into lists (id, name) values ('l2', 'Work')");
    });
    db.exec("delete from todos; delete from lists");

    const core = createCrudTriggers(db, inferred);
    assert.ok(core.ok, core.ok ? '' : core.error);
    assert.deepEqual(core.triggers.map((t) => t.name), ['lists_insert', 'lists_update', 'lists_delete']);
    for (const sql of sqlTriggers) db.exec(sql);

    db.exec("insert into lists (id, name) values ('l1', NULL)");
    db.exec("update lists set name = 'Home' where id = 'l1'");
    db.exec("update lists set is_pinned = 1 where id = 'l1'");
    db.exec("insert into todos (id, title, list_id) values ('t1', NULL, 'l1')");
    db.exec("update todos set title = 'Buy milk' where id = 't1'");
    db.exec("update todos set list_id = NULL where id = 't1'");
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
