import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

// Patterns of public Flutter apps on PowerSync raw tables (test/fixtures/dart-app-patterns, our own
// code): PowerSync imported with a prefix (`ps.RawTable.inferred`), the DDL in a const Map run
// from its `.values` in a writeTransaction loop, and a local `const table` handed to
// `json.encode` in the trigger helper.

test('Dart app patterns: prefixed RawTable.inferred, a const Map of DDL run through .values, json.encode of a local const', async () => {
  const { analyzer, model } = await analyzeFixture('dart-app-patterns');
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.localTable, t.clear?.sql, t.unresolved?.length ?? 0]).sort(), [
    ['catalogue_items', 'catalogue_items', 'DELETE FROM catalogue_items', 0],
    ['catalogue_tags', 'catalogue_tags', 'DELETE FROM catalogue_tags', 0],
    ['drafts', 'drafts', undefined, 0],
  ]);
  assert.equal(model.schemas.length, 1);
  assert.deepEqual(model.schemas[0].rawTables.map((t) => t?.name), ['catalogue_items', 'catalogue_tags']);
  assert.deepEqual(model.tables.map((t) => [t.name, t.columns.map((c) => c.name).join(',')]).sort(), [
    ['catalogue_items', 'id,title,price'],
    ['catalogue_tags', 'id,item_id,label'],
    ['drafts', 'id,body'],
  ]);
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings;
  // Nothing is left unread; the catalogue has no upload triggers (it is read-only in this app), which the rule says.
  assert.deepEqual(findings.map((f) => [f.rule, f.loc.uri.split('/dart-app-patterns/')[1], f.loc.range.start.line + 1]), [
    ['missing-crud-triggers', 'lib/db/tables.dart', 5],
    ['missing-crud-triggers', 'lib/db/tables.dart', 11],
  ]);
});

test('Dart maps: .keys and .values are the getters of a map literal (in a loop, spread, or with toList()); m[\'k\'] reads an entry', async () => {
  const { model } = await analyzeFiles({
    'lib/a.dart': [
      "const ddl = <String, String>{'a': 'CREATE TABLE a (id TEXT PRIMARY KEY NOT NULL)', 'b': 'CREATE TABLE b (id TEXT PRIMARY KEY NOT NULL)'};",
      "const more = {'c': 'CREATE TABLE c (id TEXT PRIMARY KEY NOT NULL)', 'values': 'CREATE TABLE v (id TEXT PRIMARY KEY NOT NULL)'};",
      'Future<void> f(dynamic db) async {',
      '  for (final s in ddl.values) { await db.execute(s); }',
      '  for (final s in [...more.values.toList()]) { await db.execute(s); }',
      "  for (final n in ddl.keys.toList()) { await db.execute('CREATE TABLE k_$n (id TEXT PRIMARY KEY NOT NULL)'); }",
      '}',
    ].join('\n'),
  });
  assert.deepEqual(model.tables.map((t) => t.name).sort(), ['a', 'b', 'c', 'k_a', 'k_b', 'v']);
});

test('Dart collection if: a constant condition picks the entries of a Schema list; an unknown one is named as the reason', async () => {
  const schema = (condition: string) => [
    "import 'package:powersync/powersync.dart';",
    'const manualMode = true;',
    'final schema = Schema([',
    "  if (!manualMode) const Table('lists', [Column.text('name')]),",
    '], rawTables: [',
    `  if (${condition})`,
    '    RawTable(',
    "      name: 'lists',",
    "      put: PendingStatement(sql: 'INSERT INTO lists (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name', params: [PendingStatementValue.id(), PendingStatementValue.column('name')]),",
    "      delete: PendingStatement(sql: 'DELETE FROM lists WHERE id = ?', params: [PendingStatementValue.id()]),",
    '    )',
    '  else',
    "    RawTable(name: 'other', put: PendingStatement(sql: 'INSERT INTO other (id) VALUES (?) ON CONFLICT(id) DO NOTHING', params: [PendingStatementValue.id()]), delete: PendingStatement(sql: 'DELETE FROM other WHERE id = ?', params: [PendingStatementValue.id()])),",
    ']);',
  ].join('\n');
  const known = (await analyzeFiles({ 'lib/schema.dart': schema('manualMode') })).model.schemas[0];
  assert.deepEqual(known.rawTables.map((t) => t?.name), ['lists']);
  assert.deepEqual(known.viewTables, []);
  assert.equal(known.unresolved, undefined);
  const otherwise = (await analyzeFiles({ 'lib/schema.dart': schema('!manualMode') })).model.schemas[0];
  assert.deepEqual(otherwise.rawTables.map((t) => t?.name), ['other']);
  const unknown = (await analyzeFiles({ 'lib/schema.dart': schema('kIsWeb') })).model.schemas[0];
  assert.deepEqual(unknown.rawTables, [undefined]);
  assert.deepEqual(unknown.unresolved?.map((u) => u.reason), ["it is added by an if element whose condition Rawsync could not evaluate ('kIsWeb' is no constant Rawsync can see (a parameter, a var, a value computed at run time, or declared outside the workspace))"]);
});

test('Dart helper functions returning RawTable: each call in a Schema is a raw table; triggers from a loop over schema.rawTables name them', async () => {
  const { analyzer, model } = await analyzeFiles({
    'lib/sync/schema.dart': [
      "import 'package:powersync/powersync.dart';",
      'RawTable _rawTable(String name, List<String> syncedColumns) {',
      '  return RawTable.inferred(',
      '    name: name,',
      '    schema: RawTableSchema(syncedColumns: syncedColumns, options: const TableOptions(ignoreEmptyUpdates: true)),',
      '    clear: \'DELETE FROM "$name"\',',
      '  );',
      '}',
      'final Schema appSchema = Schema(const <Table>[], rawTables: <RawTable>[',
      "  _rawTable('notes', <String>['title', 'body']),",
      "  _rawTable('tags', <String>['label']),",
      ']);',
    ].join('\n'),
    'lib/sync/runtime.dart': [
      "import 'dart:convert';",
      "import 'package:powersync/powersync.dart';",
      "import 'schema.dart';",
      'Future<void> install(PowerSyncDatabase db) async {',
      "  await db.execute('CREATE TABLE IF NOT EXISTS notes (id TEXT NOT NULL PRIMARY KEY, title TEXT, body TEXT, draft INTEGER)');",
      "  await db.execute('CREATE TABLE IF NOT EXISTS tags (id TEXT NOT NULL PRIMARY KEY, label TEXT)');",
      '  for (final RawTable table in appSchema.rawTables) {',
      "    for (final String operation in <String>['INSERT', 'UPDATE', 'DELETE']) {",
      "      final String triggerName = 'app_${table.name}_${operation.toLowerCase()}';",
      "      await db.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', <Object?>[jsonEncode(table), triggerName, operation]);",
      '    }',
      '  }',
      '}',
      'Future<void> start(PowerSyncDatabase db) => install(db);',
    ].join('\n'),
  });
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.localTable, t.clear?.sql, t.schema?.syncedColumns, t.schema?.options.ignoreEmptyUpdates, t.unresolved?.length ?? 0]), [
    ['notes', 'notes', 'DELETE FROM "notes"', ['title', 'body'], true, 0],
    ['tags', 'tags', 'DELETE FROM "tags"', ['label'], true, 0],
  ]);
  assert.deepEqual(model.schemas[0].rawTables.map((t) => t?.name), ['notes', 'tags']);
  // The table sits at the call; no fix may edit the helper's body, which both share.
  assert.equal(model.rawTables[0].loc.range.start.line, 9);
  assert.equal(model.rawTables[0].call, undefined);
  assert.deepEqual(model.triggers.map((t) => [t.rawTable?.name, t.event, t.unresolved?.reason]).sort(), [
    ['notes', 'DELETE', undefined], ['notes', 'INSERT', undefined], ['notes', 'UPDATE', undefined],
    ['tags', 'DELETE', undefined], ['tags', 'INSERT', undefined], ['tags', 'UPDATE', undefined],
  ]);
  assert.deepEqual(runRules(RULES, model, analyzer.ruleContext()).findings.map((f) => f.rule), []);
});

test('Dart generator helpers: put SQL and params built from Column objects with map/join and a ternary are read per call, with no fix', async () => {
  const { analyzer, model } = await analyzeFiles({
    'lib/schema.dart': [
      "import 'package:powersync/powersync.dart';",
      "const noteCols = [Column.text('id'), Column.text('title'), Column.integer('pinned')];",
      'RawTable fromColumns(List<Column> columns, String tableName) {',
      '  final cols = columns.map((col) => col.name).toList();',
      "  final putSql = 'INSERT OR REPLACE INTO $tableName (${cols.join(', ')}) VALUES (${cols.map((c) => '?').join(', ')})';",
      '  return RawTable(',
      '    name: tableName,',
      "    put: PendingStatement(sql: putSql, params: cols.map((col) => col == 'id' ? const PendingStatementValue.id() : PendingStatementValue.column(col)).toList()),",
      "    delete: PendingStatement(sql: 'DELETE FROM $tableName WHERE id = ?', params: [const PendingStatementValue.id()]),",
      '  );',
      '}',
      "final schema = Schema(const [], rawTables: [fromColumns(noteCols, 'notes')]);",
      'Future<void> create(dynamic db) async {',
      "  await db.execute('CREATE TABLE IF NOT EXISTS notes (id TEXT NOT NULL PRIMARY KEY, title TEXT, pinned INTEGER, local_flag INTEGER)');",
      '}',
    ].join('\n'),
  });
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.put?.sql, t.put?.parameters?.map((p) => (p.kind === 'Column' ? p.name : p.kind)), t.unresolved]), [
    ['notes', 'INSERT OR REPLACE INTO notes (id, title, pinned) VALUES (?, ?, ?)', ['Id', 'title', 'pinned'], undefined],
  ]);
  const replace = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'replace-resets-local-columns');
  assert.equal(replace.length, 1);
  assert.deepEqual(replace[0].fixes, []);
});

test('Dart trigger loops over a list Rawsync cannot read: the reason names the list, not jsonEncode', async () => {
  const { model } = await analyzeFiles({
    'lib/runtime.dart': [
      "import 'dart:convert';",
      "import 'package:powersync/powersync.dart';",
      'Future<void> install(PowerSyncDatabase db, Schema schema) async {',
      '  for (final RawTable table in schema.rawTables) {',
      "    await db.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [jsonEncode(table), 'x', 'INSERT']);",
      '  }',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(model.triggers.map((t) => t.unresolved?.reason), [
    "'table' runs over 'schema.rawTables', which Rawsync could not read ('.rawTables' is read from something unknown: 'schema' is a parameter of install)",
  ]);
});
