import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, factsOf } from '../../support/workspace';
import type { Value } from '../../../server/src/model/value';
import { sqlSourceMap } from '../../../server/src/model/sql-source-map';

const constant = async (text: string, name = 's'): Promise<Value> => {
  const facts = await factsOf(text, 'lib/c.dart');
  const found = facts.constants.find((c) => c.name === name);
  assert.ok(found, `no constant ${name}`);
  return found.value;
};

test('Dart strings: quotes, raw strings, triple quotes, adjacent literals and escapes give their exact value', async () => {
  const cases: [string, string][] = [
    ["'a\\'b'", "a'b"],
    ['"a\\"b"', 'a"b'],
    ["r'a\\nb $x'", 'a\\nb $x'],
    ["'''x 'PUT' y'''", "x 'PUT' y"],
    ['"""a\nb"""', 'a\nb'],
    ["'a' \"b\" r'c\\d'", 'abc\\d'],
    ["'\\u0041\\x42\\u{1F600}\\$'", 'AB\u{1F600}$'],
    ["'it''s'", 'its'],
  ];
  for (const [source, expected] of cases) {
    const value = await constant(`const s = ${source};\n`);
    const text = value.kind === 'string' ? value.value : value.kind === 'template' ? value.parts.map((p) => (p.kind === 'string' ? p.value : '?')).join('') : undefined;
    assert.equal(text, expected, source);
  }
});

test('Dart interpolation: $name and ${expr} are the expressions, between literal parts', async () => {
  const value = await constant("const s = 'INSERT INTO $table (${cols.join(', ')})';\n");
  assert.ok(value.kind === 'template');
  assert.deepEqual(value.parts.map((p) => p.kind), ['string', 'ref', 'string', 'call', 'string']);
});

test('Dart string maps: a one-line and a triple-quoted literal map back to their source; interpolation does not', async () => {
  const text = "const a = 'SELECT 1';\nconst b = '''\n  CREATE TABLE t (\n    id TEXT\n  )''';\nconst c = r'x' 'y';\nconst d = 'a $b';\n";
  const facts = await factsOf(text, 'lib/m.dart');
  const lines = text.split('\n');
  for (const name of ['a', 'b', 'c']) {
    const value = facts.constants.find((k) => k.name === name)!.value;
    const map = sqlSourceMap(value);
    assert.ok(map, name);
    const [loc] = map.locationsOf(0, 1)!;
    assert.equal(lines[loc.range.start.line][loc.range.start.character], map.text[0], name);
  }
  assert.equal(sqlSourceMap(facts.constants.find((k) => k.name === 'd')!.value), undefined);
});

test('Dart declarations: imports (relative, package:, show, as), exports, top-level and static constants, getters', async () => {
  const facts = await factsOf([
    "import 'dart:convert';",
    "import 'package:app/db/schema.dart';",
    "import '../shared/names.dart' show tableName;",
    "import 'tables.dart' as t;",
    "export 'src/all.dart';",
    "const a = 'x';",
    'final b = a;',
    'var c = 1;',
    "String get d => 'todos';",
    "class Names { static const todos = 'todos'; final instance = 'no'; static String get lists => 'lists'; }",
  ].join('\n'), 'lib/app/main.dart');
  assert.equal(facts.packageName, '/virtual/lib/app/main');
  assert.deepEqual(facts.imports.map((i) => [i.path, i.alias ?? '', i.wildcard]), [
    ['package:app/db/schema', '', true],
    ['/virtual/lib/shared/names.tableName', '', false],
    ['/virtual/lib/app/tables', 't', false],
  ]);
  assert.deepEqual(facts.reExports, [{ module: '/virtual/lib/app/src/all' }]);
  assert.deepEqual(facts.constants.map((c) => [c.owner.join('.'), c.name]), [['', 'a'], ['', 'b'], ['', 'd'], ['Names', 'todos'], ['Names', 'lists']]);
});

test('Dart names resolve across libraries: package: imports through pubspec.yaml, relative imports, exports and prefixes', async () => {
  const { model } = await analyzeFiles({
    'app/pubspec.yaml': 'name: app\ndependencies:\n  powersync: ^1.15.0\n',
    'app/lib/src/names.dart': "class Tables { static const todos = 'todos'; }\nconst idColumn = 'id';\n",
    'app/lib/all.dart': "export 'src/names.dart';\n",
    'app/lib/sql.dart': "import 'package:app/all.dart';\nconst createTodos = 'CREATE TABLE ${Tables.todos} ($idColumn TEXT PRIMARY KEY NOT NULL, title TEXT)';\n",
    'app/lib/db.dart': [
      "import 'package:powersync/powersync.dart';",
      "import 'sql.dart' as sql;",
      "import 'package:app/all.dart';",
      'Future<void> create(PowerSyncDatabase db) async { await db.execute(sql.createTodos); }',
      'final schema = Schema(const [], rawTables: [RawTable(name: Tables.todos,',
      "  put: PendingStatement(sql: 'INSERT INTO todos (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title', params: [PendingStatementValue.id(), PendingStatementValue.column('title')]),",
      "  delete: PendingStatement(sql: 'DELETE FROM todos WHERE id = ?', params: [PendingStatementValue.id()]))]);",
    ].join('\n'),
  });
  assert.deepEqual(model.tables.map((t) => t.name), ['todos']);
  assert.deepEqual(model.rawTables.map((t) => [t.api, t.name, t.localTable, t.put?.parameters?.map((p) => p.kind)]), [['dart', 'todos', 'todos', ['Id', 'Column']]]);
  assert.equal(model.schemas.length, 1);
  assert.equal(model.schemas[0].rawTables[0], model.rawTables[0]);
});

test('Dart locals: a final local is followed, a parameter or var is not a workspace name', async () => {
  const facts = await factsOf([
    "const table = 'top';",
    'Future<void> f(PowerSyncDatabase db, String table) async {',
    "  final sql = 'DELETE FROM todos';",
    '  await db.execute(sql);',
    "  await db.execute('DELETE FROM $table');",
    '  var changing = sql;',
    '  await db.execute(changing);',
    '}',
  ].join('\n'), 'lib/l.dart');
  const [first, second, third] = facts.sqlStatements.map((s) => s.sql);
  assert.ok(first.kind === 'ref' && first.localValue?.kind === 'string' && first.localValue.value === 'DELETE FROM todos');
  assert.ok(second.kind === 'template' && second.parts[1].kind === 'ref' && second.parts[1].declaredLocally !== undefined);
  assert.ok(third.kind === 'ref' && third.declaredLocally !== undefined && third.localValue === undefined);
});

test('Dart: join() with no separator joins with nothing, as Dart does', async () => {
  const { model } = await analyzeFiles({
    'lib/a.dart': "const cols = ['a', 'b'];\nconst s = 'x';\nFuture<void> f(dynamic db) async { await db.execute('CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, ${cols.join()} TEXT)'); }\n",
  });
  assert.deepEqual(model.tables.map((t) => t.columns.map((c) => c.name)), [['id', 'ab']]);
});
