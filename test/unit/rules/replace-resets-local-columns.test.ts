import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places } from '../../support/findings';
import { localWrite } from '../../../server/src/engine/sync-simulation';
import { syncFixture } from './fixture-sync';

const SCHEMA = 'src/commonMain/kotlin/com/example/tasks/sync/TasksSchema.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/tasks/data/Entities.kt';

test('replace-resets-local-columns: error with a local-only column or a CASCADE / SET NULL child, warning otherwise', () => {
  const findings = fixtureFindings('rule-replace-resets-local-columns', 'replace-resets-local-columns');
  assert.deepEqual(
    findings.map((f) => `${places([f])[0]} ${f.severity}`),
    [`${SCHEMA}:14 error`, `${SCHEMA}:23 error`, `${SCHEMA}:32 error`, `${SCHEMA}:41 warning`],
  );
  const [profile, project, label, task] = findings;
  assert.match(profile.message, /'profile' uses REPLACE: .*the local-only column 'is_pinned' goes back to its default/);
  assert.match(project.message, /ON DELETE CASCADE fires on 'task' \(its rows are deleted\)/);
  assert.match(label.message, /ON DELETE SET NULL fires on 'task' \(its reference is cleared\)/);
  assert.match(task.message, /'task' uses REPLACE: .*resets any column the put does not write/);
  const related = (i: number) => findings[i].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);
  assert.deepEqual(related(0), [`${ENTITIES}:14 local-only column 'is_pinned'`]);
  assert.deepEqual(related(1), [`${ENTITIES}:33 foreign key of 'task' with ON DELETE CASCADE`]);
  assert.deepEqual(related(2), [`${ENTITIES}:40 foreign key of 'task' with ON DELETE SET NULL`]);
  assert.deepEqual(related(3), []);
});

test('replace-resets-local-columns: upserts over the same tables are clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-replace-resets-local-columns-ok', 'replace-resets-local-columns')), []);
});

// Run time, with the fixture's own tables and raw tables in the real core.

for (const [fixture, pinnedAfterSync] of [['rule-replace-resets-local-columns', 0], ['rule-replace-resets-local-columns-ok', 1]] as const) {
  test(`${fixture} at run time: a server edit of a profile ${pinnedAfterSync ? 'keeps' : 'resets'} the local-only is_pinned`, async () => {
    const { db, session } = await syncFixture(fixture);
    assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Ada' } }]).applied, true);
    assert.deepEqual(localWrite(db, "update profile set is_pinned = 1 where id = 'p1'"), { ok: true });
    const edit = session.applyCheckpoint([{ op: 'PUT', type: 'profile', id: 'p1', data: { name: 'Ada L.' } }]);
    assert.deepEqual([edit.ok, edit.applied], [true, true], edit.error);
    assert.deepEqual(db.query('select name, is_pinned from profile'), [{ name: 'Ada L.', is_pinned: pinnedAfterSync }]);
    db.close();
  });
}

for (const [fixture, replaces] of [['rule-replace-resets-local-columns', true], ['rule-replace-resets-local-columns-ok', false]] as const) {
  test(`${fixture} at run time: a server edit of a project and a label ${replaces ? 'fires' : 'does not fire'} ON DELETE on their tasks`, async () => {
    const { db, session } = await syncFixture(fixture, { foreignKeys: true });
    const first = session.applyCheckpoint([
      { op: 'PUT', type: 'project', id: 'pr1', data: { name: 'Garden' } },
      { op: 'PUT', type: 'label', id: 'l1', data: { name: 'outdoor' } },
      { op: 'PUT', type: 'task', id: 't1', data: { project_id: 'pr1', label_id: 'l1', title: 'Water the roses' } },
      { op: 'PUT', type: 'task', id: 't2', data: { project_id: 'pr2', label_id: null, title: 'Other project' } },
      { op: 'PUT', type: 'project', id: 'pr2', data: { name: 'Kitchen' } },
    ]);
    assert.deepEqual([first.ok, first.applied], [true, true], first.error);
    const labelEdit = session.applyCheckpoint([{ op: 'PUT', type: 'label', id: 'l1', data: { name: 'garden' } }]);
    assert.deepEqual([labelEdit.ok, labelEdit.applied], [true, true], labelEdit.error);
    assert.deepEqual(db.query("select label_id from task where id = 't1'"), [{ label_id: replaces ? null : 'l1' }]);
    const projectEdit = session.applyCheckpoint([{ op: 'PUT', type: 'project', id: 'pr1', data: { name: 'Garden 2025' } }]);
    assert.deepEqual([projectEdit.ok, projectEdit.applied], [true, true], projectEdit.error);
    assert.deepEqual(db.query('select id from task order by id').map((r) => r.id), replaces ? ['t2'] : ['t1', 't2']);
    db.close();
  });
}
