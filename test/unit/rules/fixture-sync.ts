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
