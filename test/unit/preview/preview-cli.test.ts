import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../../support/cli';
import { repoRoot } from '../../support/paths';
import type { PreviewSimulation } from '../../../server/src/engine/sync-scenario';
import { crudOps, outcomeList, stepOf } from './simulate';

interface PreviewJson {
  version: number;
  schema: { tables: { name: string; createSql: string }[]; rawTables: { name: string }[] };
  simulation: PreviewSimulation;
}

function preview(example: string): PreviewJson {
  const result = runCli(['preview', path.join(repoRoot(), 'examples', example), '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as PreviewJson;
}

test('todo-app: the real core fails the way the planted mistakes say', () => {
  const report = preview('todo-app');
  assert.equal(report.version, 1);
  assert.deepEqual(report.schema.tables.map((t) => t.name), ['todo_list', 'profile', 'todo']);
  assert.deepEqual(report.schema.rawTables.map((t) => t.name), ['profile', 'todo_list', 'todo']);
  const { simulation } = report;

  // The rows are the sync config's: created_at (not the put's createdAt), NULL where Postgres allows it.
  const todo = simulation.samples.find((s) => s.rawTable === 'todo')!;
  assert.equal(todo.source, 'sync-config');
  assert.deepEqual(todo.keys, ['list_id', 'title', 'description', 'completed', 'created_at']);
  assert.ok(todo.rows.every((r) => !('createdAt' in r.data) && typeof r.data.created_at === 'number'));
  assert.deepEqual(todo.rows.map((r) => r.data.description === null), [false, false, true]);
  assert.deepEqual(simulation.samples.map((s) => s.source), ['sync-config', 'sync-config', 'sync-config']);

  // 1: the put reads createdAt, which the server never sends: NULL into NOT NULL created_at fails the first sync.
  const first = stepOf(simulation, 'first-sync');
  assert.equal(first.ok, false);
  assert.match(first.error ?? '', /^powersync_control: replacing into todo, id = todo-1, .*NOT NULL constraint failed: todo\.created_at/);
  assert.deepEqual(first.details.applyOrder, ['profile', 'todo', 'todo_list']);
  assert.deepEqual(first.details.childBeforeParent, [{ child: 'todo', parent: 'todo_list', foreignKey: 'todo(list_id) → todo_list(id)', deferred: false }]);
  // The later steps run without todo, so they have rows to work on.
  const without = stepOf(simulation, 'first-sync-without-failing');
  assert.equal(without.ok, true);
  assert.deepEqual(without.details.withheld, ['todo']);
  assert.equal(stepOf(simulation, 'second-sync').ok, true);

  // 2: INSERT OR REPLACE resets the local-only is_favorite.
  assert.deepEqual(stepOf(simulation, 'second-sync').details.localOnly, [{ table: 'profile', id: 'profile-1', column: 'is_favorite', before: 7, after: 0, kept: false }]);

  // 6: no triggers, so no local write reaches ps_crud.
  for (const table of ['profile', 'todo_list', 'todo']) {
    for (const write of ['insert', 'update-synced', 'delete']) {
      const step = stepOf(simulation, `local-${write}:${table}`);
      assert.deepEqual([step.ok, crudOps(step)], [false, []], step.id);
    }
  }

  assert.deepEqual(outcomeList(simulation), [
    'constraint first-sync todo',
    'local-only-reset second-sync profile',
    ...['todo', 'profile', 'todo_list'].flatMap((t) => ['insert', 'update-synced', 'delete'].map((w) => `no-upload local-${w}:${t} ${t}`)),
  ]);
  const byKind = (kind: string) => simulation.outcomes.find((o) => o.kind === kind)!;
  assert.match(byKind('constraint').message, /todo\.created_at\): the put fills created_at from the key 'createdAt', which the sync config never sends for todo, so it binds NULL/);
  assert.match(byKind('local-only-reset').message, /profile\.is_favorite was set to 7 locally; after the server edited the row it is 0 \(its default\)\. The put \(INSERT OR REPLACE INTO profile …\)/);
  assert.match(byKind('no-upload').message, /no trigger on todo writes to powersync_crud/);
});

test('todo-app-fixed simulates cleanly: every step passes and local writes upload as PUT, PATCH, DELETE', () => {
  const { simulation } = preview('todo-app-fixed');
  const todo = simulation.samples.find((s) => s.rawTable === 'todo')!;
  assert.deepEqual([todo.source, todo.keys], ['sync-config', ['list_id', 'title', 'description', 'completed', 'created_at']]);
  assert.deepEqual(simulation.steps.filter((s) => !s.ok).map((s) => `${s.id}: ${s.error ?? ''}`), []);
  assert.deepEqual(simulation.outcomes, []);
  assert.deepEqual(stepOf(simulation, 'first-sync').details.childBeforeParent, [{ child: 'todo', parent: 'todo_list', foreignKey: 'todo(list_id) → todo_list(id)', deferred: true }]);
  assert.deepEqual(stepOf(simulation, 'second-sync').details.localOnly, [
    { table: 'profile', id: 'profile-1', column: 'is_favorite', before: 7, after: 7, kept: true },
    { table: 'todo', id: 'todo-1', column: 'local_notes', before: 'set locally', after: 'set locally', kept: true },
  ]);
  for (const table of ['profile', 'todo_list', 'todo']) {
    assert.deepEqual(crudOps(stepOf(simulation, `local-insert:${table}`)), [`PUT ${table}`]);
    assert.deepEqual(crudOps(stepOf(simulation, `local-update-synced:${table}`)), [`PATCH ${table}`]);
    assert.deepEqual(crudOps(stepOf(simulation, `local-delete:${table}`)), [`DELETE ${table}`]);
  }
  assert.deepEqual(crudOps(stepOf(simulation, 'local-update-local-only:profile')), []);
  assert.deepEqual(crudOps(stepOf(simulation, 'local-update-local-only:todo')), []);
  assert.equal(simulation.steps.some((s) => s.id === 'local-update-local-only:todo_list'), false, 'todo_list has no local-only column');
  const upload = stepOf(simulation, 'upload');
  assert.deepEqual([upload.details.uploaded, upload.details.applied], [9, true]);
});

test('preview needs one of --format json and --out FILE.html: usage errors, exit 2', () => {
  const example = path.join(repoRoot(), 'examples', 'todo-app-fixed');
  const both = runCli(['preview', example, '--out', 'report.html', '--format', 'json']);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /either --out FILE\.html or --format json/);
  assert.equal(both.stdout, '');
  const bare = runCli(['preview', example]);
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /preview needs --format json/);
  assert.equal(runCli(['preview', '/no/such/folder', '--format', 'json']).status, 2);
});
