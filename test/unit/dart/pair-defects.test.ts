// What the Dart fixture pairs (test/unit/rules/dart-rule-pairs.test.ts) showed the reader missing:
// SQL run by sqlite_async's executeMultiple, SQL a helper function builds, and PowerSync's API under
// an import prefix (`import 'package:powersync/powersync.dart' as ps;`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

const PUBSPEC = 'name: app\ndependencies:\n  powersync: ^1.18.0\n';

async function findingsOf(files: Record<string, string>) {
  const { model, analyzer } = await analyzeFiles({ 'pubspec.yaml': PUBSPEC, ...files });
  return { model, findings: runRules(RULES, model, analyzer.ruleContext()).findings };
}

test('executeMultiple runs its statements: the tables it creates are known', async () => {
  const { model } = await findingsOf({
    'lib/db.dart': [
      "import 'package:powersync/powersync.dart';",
      'Future<void> create(PowerSyncDatabase db) async {',
      "  await db.executeMultiple('CREATE TABLE a (id TEXT PRIMARY KEY); CREATE TABLE b (id TEXT PRIMARY KEY, x TEXT);');",
      '}',
      '',
    ].join('\n'),
  });
  assert.deepEqual(model.tables.map((t) => t.name).sort(), ['a', 'b']);
});

test('a write running the SQL a helper function builds is read; a read calling a function is not taken for SQL', async () => {
  const facts = await factsOf([
    "String createTable(String name) => 'CREATE TABLE $name (id TEXT PRIMARY KEY)';",
    'Future<void> f(dynamic db) async {',
    "  await db.execute(createTable('notes'));",
    "  await db.get(lookup('x'));",
    '}',
    '',
  ].join('\n'), 'lib/a.dart');
  assert.deepEqual(facts.sqlStatements.map((s) => s.call?.callee.kind === 'member' ? s.call.callee.name : undefined), ['execute']);
  const { model } = await findingsOf({
    'lib/a.dart': "String createTable(String name) => 'CREATE TABLE $name (id TEXT PRIMARY KEY, title TEXT)';\nFuture<void> f(dynamic db) async {\n  await db.execute(createTable('notes'));\n}\n",
  });
  assert.deepEqual(model.tables.map((t) => [t.name, t.columns.map((c) => c.name)]), [['notes', ['id', 'title']]]);
});

const PREFIXED = [
  "import 'package:powersync/powersync.dart' as ps;",
  '',
  'final lists = ps.RawTable(',
  "  name: 'lists',",
  '  put: ps.PendingStatement(',
  "    sql: 'INSERT INTO lists (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name',",
  "    params: [ps.PendingStatementValue.id(), ps.PendingStatementValue.column('name')],",
  '  ),',
  "  delete: ps.PendingStatement(sql: 'DELETE FROM lists WHERE id = ?', params: [ps.PendingStatementValue.column('id')]),",
  "  clear: 'DELETE FROM lists',",
  ');',
  '',
  'final schema = ps.Schema(const [], rawTables: [lists]);',
  '',
  'Future<void> open(String path) async {',
  '  final db = ps.PowerSyncDatabase(schema: schema, path: path);',
  "  await db.execute('CREATE TABLE lists (id TEXT PRIMARY KEY NOT NULL, name TEXT)');",
  "  await db.execute('CREATE TRIGGER lists_insert AFTER INSERT ON lists BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES (\\'PUT\\', NEW.id, \\'lists\\', json_object(\\'name\\', NEW.name)); END');",
  "  await db.execute('CREATE TRIGGER lists_update AFTER UPDATE ON lists WHEN OLD.name IS NOT NEW.name BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES (\\'PATCH\\', NEW.id, \\'lists\\', json_object(\\'name\\', NEW.name)); END');",
  "  await db.execute('CREATE TRIGGER lists_delete AFTER DELETE ON lists BEGIN INSERT INTO powersync_crud (op, id, type) VALUES (\\'DELETE\\', OLD.id, \\'lists\\'); END');",
  '}',
  '',
  "Future<void> main() => open('app.db');",
  '',
].join('\n');

test('PowerSync\'s API under an import prefix (ps.RawTable, ps.Schema, ps.PowerSyncDatabase) is read; no fix writes the names without the prefix', async () => {
  const { model, findings } = await findingsOf({ 'lib/schema.dart': PREFIXED });
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.api, t.localTable, t.clear?.sql]), [['lists', 'dart', 'lists', 'DELETE FROM lists']]);
  assert.equal(model.schemas.length, 1);
  assert.equal(model.schemas[0].rawTables[0]?.name, 'lists');
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.loc.range.start.line + 1}`), ['statement-invalid 9']);
  // The rebuilt list would need `ps.PendingStatementValue.id()`: the fix is left out rather than written unprefixed.
  assert.deepEqual(findings[0].fixes, []);
  // Without the prefix, the same list is rebuilt.
  const plain = PREFIXED.replace(" as ps;", ';').replace(/\bps\./g, '');
  const unprefixed = await findingsOf({ 'lib/schema.dart': plain });
  assert.deepEqual(unprefixed.findings[0].fixes.map((f) => [f.title, f.edits.map((e) => e.newText)]), [['Rebuild the parameter list from the SQL: PendingStatementValue.id()', ['PendingStatementValue.id()']]]);
});

test('a prefix of another library stays a member access: t.RawTable is not PowerSync\'s', async () => {
  const facts = await factsOf([
    "import 'package:app/tables.dart' as t;",
    "final x = t.RawTable(name: 'a');",
    '',
  ].join('\n'), 'lib/b.dart');
  assert.deepEqual(facts.rawTables, []);
});

test('dot shorthands in params (Dart 3.10: .id(), .column(\'x\')) read as PendingStatementValue; the list is not rebuilt in another spelling', async () => {
  const plain = PREFIXED.replace(" as ps;", ';').replace(/\bps\./g, '');
  const shorthand = plain.replace(/PendingStatementValue\./g, '.');
  assert.match(shorthand, /params: \[\.id\(\), \.column\('name'\)\]/);
  const { model, findings } = await findingsOf({ 'lib/schema.dart': shorthand });
  assert.deepEqual(model.rawTables[0].put?.parameters?.map((p) => [p.kind, p.kind === 'Column' ? p.name : undefined]), [['Id', undefined], ['Column', 'name']]);
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.loc.range.start.line + 1}`), ['statement-invalid 9']);
  assert.deepEqual(findings[0].fixes, []);
});
