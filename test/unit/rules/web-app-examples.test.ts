// examples/web-app (TypeScript, @powersync/web) carries seven planted mistakes, listed in
// examples/README.md; examples/web-app-fixed is the same app with only those corrected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, type JsonFinding } from '../../support/findings';
import { runCli } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import { exampleVariant } from '../../support/fixture-variant';

const app = (name: string) => path.join(repoRoot(), 'examples', name);
const SRC = 'src/powersync';
const at = (r: { file: string; range: JsonFinding['range'] }) => `${r.file}:${r.range.start.line + 1}`;

test('rawsync check examples/web-app reports exactly its seven planted mistakes', () => {
  const run = checkJson(app('web-app'));
  assert.equal(run.status, 1);
  assert.deepEqual(run.findings.map((f) => `${f.rule} ${f.severity} ${at(f)}`).sort(), [
    // 7: High Performance Diffs on the raw table todos: trackTableDiff rejects.
    `diff-trigger-on-raw-table error ${SRC}/todo-badge.ts:6`,
    // 1: todos → lists ON DELETE CASCADE, checked immediately (reported where CREATE_TODOS runs).
    `fk-not-deferrable error ${SRC}/local-tables.ts:24`,
    // 2: no trigger uploads local writes to lists.
    `missing-crud-triggers warning ${SRC}/schema.ts:9`,
    // 3: INSERT OR REPLACE into lists, which todos reference with ON DELETE CASCADE.
    `replace-resets-local-columns error ${SRC}/schema.ts:11`,
    // 4: the delete of todos binds { Column: 'id' }.
    `statement-invalid error ${SRC}/schema.ts:22`,
    // 6: the UPDATE trigger's WHEN compares with != (NULL never differs): on the `!=` itself.
    `trigger-update-not-null-safe warning ${SRC}/triggers.ts:13`,
    // 5: the INSERT trigger uploads the local-only column draft: on 'draft' inside json_object.
    `trigger-uploads-local-columns error ${SRC}/triggers.ts:9`,
  ]);
  // The messages name the JS SDK's API, not Kotlin's.
  const invalid = run.findings.find((f) => f.rule === 'statement-invalid')!;
  assert.match(invalid.message, /binds \{ Column: 'id' \}.*Use 'Id' only\./);
});

test('rawsync check examples/web-app-fixed reports nothing, and leaves nothing unchecked', () => {
  const run = checkJson(app('web-app-fixed'));
  assert.deepEqual(run.findings.map((f) => `${f.rule} ${at(f)}`), []);
  assert.equal(run.status, 0);
});

test('rawsync preview examples/web-app-fixed simulates the TypeScript app in the core: tables, both triggers kinds, both raw tables', () => {
  const result = runCli(['preview', app('web-app-fixed'), '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { simulation: { steps: { id: string; ok: boolean; details?: { triggers?: Record<string, string[]>; rawTables?: { name: string; put: { ok: boolean } }[] } }[] } };
  const steps = report.simulation.steps;
  assert.ok(steps.length > 2);
  assert.deepEqual(steps.filter((s) => !s.ok).map((s) => s.id), []);
  const build = steps.find((s) => s.id === 'build')!;
  assert.deepEqual(build.details?.triggers, { lists: ['lists_delete', 'lists_insert', 'lists_update'], todos: ['todos_delete', 'todos_insert', 'todos_update'] });
  assert.deepEqual(build.details?.rawTables?.map((r) => [r.name, r.put.ok]), [['lists', true], ['todos', true]]);
});

test('a CREATE TABLE whose text is only known at run time makes its table exist with an unknown shape: no rule calls it missing', () => {
  const base = 'src/powersync/local-tables.ts';
  const built = exampleVariant('web-app-fixed', {
    [base]: (text) => text.replace("    name TEXT NOT NULL,\n    owner_id TEXT\n", '    ${listColumns()}\n') + '\ndeclare function listColumns(): string;\n',
  });
  const findings = checkJson(built).findings;
  assert.deepEqual(findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${at(f)}`), []);
  assert.deepEqual(findings.filter((f) => f.rule === 'not-analyzed').map((f) => f.message.split('. ')[0]), ["Not checked: the CREATE TABLE of 'lists'"]);
  // The twin without the CREATE TABLE at all: the table is missing, and that is reported.
  const missing = exampleVariant('web-app-fixed', { [base]: (text) => text.replace('  await db.execute(CREATE_LISTS);\n', '') });
  assert.ok(checkJson(missing).findings.some((f) => f.rule === 'raw-table-unmatched' && f.severity === 'error'));
});

test('missing-clear in a TypeScript app: disconnectAndClear() with raw tables that have no clear statement; clearLocal: false is not judged', () => {
  const db = 'src/powersync/database.ts';
  const logout = (call: string) => (text: string) => `${text}\nexport async function logout(db: PowerSyncDatabase): Promise<void> {\n  await db.${call};\n}\n`;
  const cleared = checkJson(exampleVariant('web-app-fixed', { [db]: logout('disconnectAndClear()') })).findings;
  assert.deepEqual(cleared.map((f) => `${f.rule} ${f.severity} ${at(f)}`).sort(), [`missing-clear info ${SRC}/schema.ts:19`, `missing-clear info ${SRC}/schema.ts:20`]);
  // The advice is written in the JS SDK's API.
  assert.match(cleared[0].message, /Add clear: 'DELETE FROM (lists|todos)'\./);
  const keptLocal = checkJson(exampleVariant('web-app-fixed', { [db]: logout('disconnectAndClear({ clearLocal: false })') })).findings;
  assert.deepEqual(keptLocal.map((f) => f.rule), []);
});

test('without PRAGMA foreign_keys = ON SQLite checks no foreign key: fk-not-deferrable is silent, and REPLACE cascades nothing', () => {
  const unchecked = exampleVariant('web-app', {
    [`${SRC}/local-tables.ts`]: (text) => text.replace("  await db.execute('PRAGMA foreign_keys = ON');\n", ''),
  });
  const findings = checkJson(unchecked).findings;
  assert.deepEqual(findings.filter((f) => f.rule === 'fk-not-deferrable'), []);
  const replace = findings.find((f) => f.rule === 'replace-resets-local-columns')!;
  // Still a REPLACE put, but no ON DELETE action runs: a warning about what REPLACE does, no cascade.
  assert.equal(replace.severity, 'warning');
  assert.doesNotMatch(replace.message, /CASCADE fires/);
});
