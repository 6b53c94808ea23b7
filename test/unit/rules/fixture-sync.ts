import assert from 'node:assert/strict';
import type { CoreDatabase, CoreSchemaJson } from '../../../server/src/engine/database';
import { startSync, type SyncSession } from '../../../server/src/engine/sync-simulation';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import { analyzeFixture } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';

export interface FixtureSync {
  db: CoreDatabase;
  session: SyncSession;
  model: WorkspaceModel;
}

/**
 * A core database holding what the model derives from a rule fixture: every table's createSql and
 * index SQL, and every raw table's core JSON as the schema of a started sync. Nothing here is
 * written by hand, so the run-time test checks the fixture the rule saw.
 */
export async function syncFixture(fixture: string, options: { foreignKeys?: boolean } = {}): Promise<FixtureSync> {
  const { model } = await analyzeFixture(fixture);
  assert.ok(model.tables.length > 0, `${fixture}: the model has no tables`);
  assert.ok(model.rawTables.length > 0, `${fixture}: the model has no raw tables`);
  const ddl = model.tables.flatMap((t) => [t.createSql, ...t.indices.map((i) => i.createSql)]);
  // Room runs this on every connection it opens when an entity declares a foreign key.
  const db = await openCoreDatabase(...(options.foreignKeys ? ['PRAGMA foreign_keys = ON'] : []), ...ddl);
  const rawTables = model.rawTables.map((rt) => {
    assert.ok(rt.coreJson !== undefined, `${fixture}: raw table '${rt.name}' has no core JSON`);
    return rt.coreJson;
  });
  const schema: CoreSchemaJson = { tables: [], raw_tables: rawTables };
  db.replaceSchema(schema);
  const session = startSync(db, schema);
  assert.equal(session.started.ok, true, session.started.error);
  return { db, session, model };
}

/**
 * put-not-upsert at run time on a notes-and-tags fixture (TypeScript or Dart, the same shape): the
 * second sync of a note fails with the UNIQUE error when `broken`, a tag update is dropped; the ok
 * twin applies both.
 */
export async function notesAndTagsSecondSync(fixture: string, broken: boolean): Promise<void> {
  const { db, session } = await syncFixture(fixture);
  const first = session.applyCheckpoint([
    { op: 'PUT', type: 'notes', id: 'n1', data: { title: 'Groceries', body: 'milk' } },
    { op: 'PUT', type: 'tags', id: 't1', data: { label: 'urgent' } },
  ]);
  assert.deepEqual([first.ok, first.applied], [true, true], first.error);
  const tag = session.applyCheckpoint([{ op: 'PUT', type: 'tags', id: 't1', data: { label: 'later' } }]);
  assert.deepEqual([tag.ok, tag.applied], [true, true], tag.error);
  assert.deepEqual(db.query('select label from tags'), [{ label: broken ? 'urgent' : 'later' }], fixture);
  const note = session.applyCheckpoint([{ op: 'PUT', type: 'notes', id: 'n1', data: { title: 'Groceries', body: 'milk, eggs' } }]);
  assert.equal(note.ok, !broken, fixture);
  if (broken) assert.match(note.error ?? '', /UNIQUE constraint failed: notes\.id/);
  assert.deepEqual(db.query('select body from notes'), [{ body: broken ? 'milk' : 'milk, eggs' }], fixture);
  db.close();
}
