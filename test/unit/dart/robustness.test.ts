import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { factsOf } from '../../support/workspace';
import { runCli } from '../../support/cli';
import { wasmDir } from '../../support/paths';
import { FrontEnds } from '../../../server/src/frontends/index';
import { MAX_EXPRESSION_DEPTH } from '../../../server/src/frontends/dart/expressions';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';

const KEPT = "const kept = 'kept';\n";

test('Dart: a file that ends in an annotation with nothing after it is parsed, not hung (through the CLI, so a hang fails)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-dart-at-'));
  mkdirSync(path.join(dir, 'lib'));
  writeFileSync(path.join(dir, 'lib', 'a.dart'), 'final x = 1;\n@');
  writeFileSync(path.join(dir, 'lib', 'b.dart'), 'val x = 1\n@');
  const result = runCli(['check', dir, '--format', 'json'], undefined, 30_000);
  assert.equal(result.status, 0, result.stderr);
});

test('Dart: deeply nested expressions are read to a depth, never overflow the stack', async () => {
  const deep = {
    lists: `final s = ${'['.repeat(3000)}1${']'.repeat(3000)};\n`,
    members: `final s = a${'.b'.repeat(5000)};\n`,
    parentheses: `final s = ${'('.repeat(10000)}1${')'.repeat(10000)};\n`,
    calls: `final s = ${'f('.repeat(3000)}'t'${')'.repeat(3000)};\n`,
    executes: `void f() { ${'db.execute('.repeat(2000)}'t'${')'.repeat(2000)}; }\n`,
    maps: `final s = ${"{'a': ".repeat(3000)}1${'}'.repeat(3000)};\n`,
    closures: `final s = ${'() => '.repeat(3000)}1;\n`,
    rawTables: `final s = RawTable(name: ${'RawTable(name: '.repeat(2000)}'t'${')'.repeat(2000)});\n`,
  };
  for (const [name, text] of Object.entries(deep)) {
    const facts = await factsOf(`${text}${KEPT}`, 'lib/deep.dart');
    assert.equal(facts.unread, undefined, name);
    assert.ok(facts.constants.some((c) => c.name === 'kept'), name);
  }
  assert.ok(MAX_EXPRESSION_DEPTH < 3000);
});

test('Dart: a long concatenation is read whole, without recursion', async () => {
  const parts = Array.from({ length: 3000 }, (_, i) => `'c${i}, '`);
  const facts = await factsOf(`const sql = ${parts.join(' + ')} + 'end';\n`, 'lib/long.dart');
  const value = facts.constants[0].value;
  assert.ok(value.kind === 'template');
  assert.equal(value.parts.map((p) => (p.kind === 'string' ? p.value : '?')).join(''), parts.map((p) => p.slice(1, -1)).join('') + 'end');
});

test('Dart: a parse over its time budget leaves the file unread, with the reason', async () => {
  const frontEnds = await FrontEnds.create(wasmDir(), { parseBudgetMs: 0 });
  const big = Array.from({ length: 5000 }, (_, i) => `final v${i} = [${i}, 'x', y.z(${i})];`).join('\n');
  const facts = frontEnds.extract(pathToFileURL('/virtual/lib/big.dart').href, `${big}\n`)!;
  assert.equal(facts.language, 'dart');
  assert.equal(facts.unread?.reason, 'parsing it took longer than 0 ms');
  assert.deepEqual(facts.constants, []);
});

test('Dart: unbalanced, truncated and binary input is read without throwing', async () => {
  const texts = ["final a = '${", "db.execute('", 'Schema([], rawTables: [RawTable(', "'''", '/* ', 'final = = =', 'class {', 'import'];
  for (const text of texts) {
    const facts = await factsOf(text, 'lib/t.dart');
    assert.equal(facts.unread, undefined, text.slice(0, 20));
    assert.equal(facts.language, 'dart');
  }
  // A binary file is not read at all.
  const frontEnds = await FrontEnds.create(wasmDir());
  assert.equal(frontEnds.extract(pathToFileURL('/virtual/lib/bin.dart').href, '\u0000\u0001\u0002\uFFFD'.repeat(1000)), undefined);
});

test('Dart: generated files and tool caches are not read; pubspec.yaml and pubspec.lock are', async () => {
  const frontEnds = await FrontEnds.create(wasmDir());
  const read = (name: string) => frontEnds.extract(pathToFileURL(`/virtual/${name}`).href, KEPT)?.language;
  assert.equal(read('lib/db.dart'), 'dart');
  assert.equal(read('lib/db.g.dart'), undefined);
  assert.equal(read('lib/model.freezed.dart'), undefined);
  assert.equal(read('.dart_tool/build/x.dart'), undefined);
  assert.equal(read('pubspec.yaml'), 'pubspec');
  assert.equal(read('pubspec.lock'), 'pubspec-lock');
});

test('Dart pre-screen: ordinary files are passed over, every name a file declares is among its declared names', async () => {
  const { DartScreen } = await import('../../../server/src/frontends/dart/screen');
  const screen = new DartScreen();
  const widget = "import 'package:flutter/material.dart';\nclass Tile extends StatelessWidget {\n  const Tile({super.key});\n  @override\n  Widget build(BuildContext context) => const Text('x');\n}\n";
  assert.equal(screen.mayHoldFacts(widget), false);
  for (const text of ["await db.execute('x');", 'final s = Schema(const []);', "export 'a.dart';", 'db.customStatement(sql);']) assert.equal(screen.mayHoldFacts(text), true, text);
  const declarations = [
    "const createTodos = '''CREATE TABLE todos (id TEXT)''';",
    'final Map<String, String> ddl = {};',
    'late final String later;',
    'String get tableName => \'todos\';',
    'String get other {\n  return \'x\';\n}',
    'String build(String t) => t;',
    'T pick<T>(T a) => a;',
    'enum Kind { a }',
    'mixin Named {}',
    'typedef Row = Map<String, Object?>;',
    'class Tables { static const todos = \'todos\'; }',
    'final a = 1, b = 2;',
  ].join('\n');
  const names = screen.declaredNames(declarations);
  for (const name of ['createTodos', 'ddl', 'later', 'tableName', 'other', 'build', 'pick', 'Kind', 'Named', 'Row', 'Tables', 'todos', 'a', 'b']) assert.ok(names.has(name), name);
  assert.deepEqual(screen.mentionedWords("final x = createTodos;\nrun(build('t'));", ['createTodos', 'call:build', 'call:createTodos', 'missing']), ['createTodos', 'call:build']);
});
