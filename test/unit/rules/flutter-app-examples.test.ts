// examples/flutter-app (Dart, the `powersync` package) carries six planted mistakes, listed in
// examples/README.md; examples/flutter-app-fixed is the same app with only those corrected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { checkJson, type JsonFinding } from '../../support/findings';
import { runCli } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import { exampleVariant } from '../../support/fixture-variant';

const app = (name: string) => path.join(repoRoot(), 'examples', name);
const LIB = 'lib/powersync';
const at = (r: { file: string; range: JsonFinding['range'] }) => `${r.file}:${r.range.start.line + 1}`;

test('rawsync check examples/flutter-app reports exactly its six planted mistakes', () => {
  const run = checkJson(app('flutter-app'));
  assert.equal(run.status, 1);
  assert.deepEqual(run.findings.map((f) => `${f.rule} ${f.severity} ${at(f)}`).sort(), [
    // 1: todos → lists ON DELETE CASCADE, checked immediately (reported where createTodos runs).
    `fk-not-deferrable error ${LIB}/local_tables.dart:24`,
    // 2: no trigger uploads local writes to lists.
    `missing-crud-triggers warning ${LIB}/schema.dart:7`,
    // 3: INSERT OR REPLACE into lists, which todos reference with ON DELETE CASCADE.
    `replace-resets-local-columns error ${LIB}/schema.dart:10`,
    // 4: the delete of todos binds PendingStatementValue.column('id').
    `statement-invalid error ${LIB}/schema.dart:34`,
    // 6: the UPDATE trigger's WHEN compares with != : on the `!=` inside the ''' string.
    `trigger-update-not-null-safe warning ${LIB}/triggers.dart:13`,
    // 5: the INSERT trigger uploads the local-only column draft: on 'draft' inside json_object.
    `trigger-uploads-local-columns error ${LIB}/triggers.dart:9`,
  ]);
  // The messages name the Dart SDK's API, not Kotlin's or JavaScript's.
  const invalid = run.findings.find((f) => f.rule === 'statement-invalid')!;
  assert.match(invalid.message, /binds PendingStatementValue\.column\('id'\).*Use PendingStatementValue\.id\(\) only\./);
  // Positions inside a ''' string are the SQL's own: the column `draft` in json_object.
  const local = run.findings.find((f) => f.rule === 'trigger-uploads-local-columns')!;
  const line = readFileSync(path.join(app('flutter-app'), local.file), 'utf8').split('\n')[local.range.start.line];
  assert.equal(line.slice(local.range.start.character, local.range.end.character).includes('draft'), true, line.slice(local.range.start.character));
});

test('rawsync check examples/flutter-app-fixed reports nothing, and leaves nothing unchecked', () => {
  const run = checkJson(app('flutter-app-fixed'));
  assert.deepEqual(run.findings.map((f) => `${f.rule} ${at(f)}`), []);
  assert.equal(run.status, 0);
});

test('rawsync preview examples/flutter-app-fixed simulates the Dart app in the core: tables, both trigger kinds, both raw tables', () => {
  const result = runCli(['preview', app('flutter-app-fixed'), '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { simulation: { steps: { id: string; ok: boolean; details?: { triggers?: Record<string, string[]>; rawTables?: { name: string; put: { ok: boolean } }[] } }[] } };
  const steps = report.simulation.steps;
  assert.ok(steps.length > 2);
  assert.deepEqual(steps.filter((s) => !s.ok).map((s) => s.id), []);
  const build = steps.find((s) => s.id === 'build')!;
  assert.deepEqual(build.details?.triggers, { lists: ['lists_delete', 'lists_insert', 'lists_update'], todos: ['todos_delete', 'todos_insert', 'todos_update'] });
  assert.deepEqual(build.details?.rawTables?.map((r) => [r.name, r.put.ok]), [['lists', true], ['todos', true]]);
});

test('the lists triggers are known through jsonEncode(listsTable): without the installer, missing-crud-triggers speaks', () => {
  const db = `${LIB}/database.dart`;
  const findings = checkJson(exampleVariant('flutter-app-fixed', { [db]: (text) => text.replace('  await installListTriggers(db);\n', '') })).findings;
  // The installer function still exists, but nothing calls it any more: its triggers are never created.
  assert.deepEqual(findings.map((f) => `${f.rule} ${at(f)}`), [`missing-crud-triggers ${LIB}/schema.dart:6`]);
  assert.match(findings[0].message, /^Local inserts, updates and deletes of 'lists' are never uploaded\. Its triggers are created in installListTriggers \(powersync\/triggers\.dart\), which nothing in the workspace calls: call it once the table exists, where the app creates its tables\.$/);
  assert.deepEqual(findings[0].fixes, []);
  assert.ok(findings[0].related.some((r) => r.file === `${LIB}/triggers.dart` && /trigger, created in installListTriggers, which nothing calls/.test(r.message)), JSON.stringify(findings[0].related));
  const noJson = checkJson(exampleVariant('flutter-app-fixed', {
    [`${LIB}/triggers.dart`]: (text) => text.replace("await db.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [json, 'lists_${event.toLowerCase()}', event]);", ''),
  })).findings;
  assert.deepEqual(noJson.map((f) => `${f.rule} ${at(f)}`), [`missing-crud-triggers ${LIB}/schema.dart:6`]);
});

test('a loop whose items cannot be read leaves the trigger helper call unchecked, and says so', () => {
  const findings = checkJson(exampleVariant('flutter-app-fixed', {
    [`${LIB}/triggers.dart`]: (text) => text.replace("for (final event in ['INSERT', 'UPDATE', 'DELETE'])", 'for (final event in events())'),
  })).findings;
  assert.ok(findings.some((f) => f.rule === 'not-analyzed' && /event/.test(f.message)), JSON.stringify(findings.map((f) => f.message)));
  assert.ok(!findings.some((f) => f.severity === 'error' || f.severity === 'warning'), JSON.stringify(findings.map((f) => f.message)));
});

test('missing-clear in a Dart app: disconnectAndClear() with raw tables that have no clear statement; clearLocal: false is not judged', () => {
  const db = `${LIB}/database.dart`;
  const logout = (call: string) => (text: string) => `${text}\nFuture<void> logout(PowerSyncDatabase db) async {\n  await db.${call};\n}\n`;
  const cleared = checkJson(exampleVariant('flutter-app-fixed', { [db]: logout('disconnectAndClear()') })).findings;
  assert.deepEqual(cleared.map((f) => `${f.rule} ${f.severity}`).sort(), ['missing-clear info', 'missing-clear info']);
  assert.match(cleared[0].message, /Add clear: 'DELETE FROM (lists|todos)'\./);
  const keptLocal = checkJson(exampleVariant('flutter-app-fixed', { [db]: logout('disconnectAndClear(clearLocal: false)') })).findings;
  assert.deepEqual(keptLocal.map((f) => f.rule), []);
});
