import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoreDatabase } from '../../../server/src/engine/database';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { createCrudTriggers } from '../../../server/src/engine/crud-triggers';
import { localWrite, readCrud, startSync, type SyncSession } from '../../../server/src/engine/sync-simulation';
import { completeUpload } from '../../../server/src/engine/upload-simulation';
import { wasmDir } from '../../support/paths';

// How the preview clears ps_crud between local writes and the next checkpoint, as an SDK does.

const rawTable = { name: 'todo', table_name: 'todo' };

async function syncedTodo(): Promise<{ db: CoreDatabase; session: SyncSession }> {
  const db = CoreDatabase.open(await loadEngine(wasmDir()));
  db.exec('create table todo (id text primary key not null, title text)');
  assert.ok(createCrudTriggers(db, rawTable).ok);
  const schema = { tables: [], raw_tables: [rawTable] };
  db.replaceSchema(schema);
  const session = startSync(db, schema);
  assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't1', data: { title: 'from server' } }]).applied, true);
  assert.deepEqual(localWrite(db, "update todo set title = 'local' where id = 't1'"), { ok: true });
  return { db, session };
}

test('after an upload the next checkpoint applies only when it carries the write checkpoint', async () => {
  const { db, session } = await syncedTodo();
  const upload = completeUpload(db, 41);
  assert.deepEqual([upload.ok, upload.writeCheckpoint, upload.uploaded.map((e) => e.op)], [true, '41', ['PATCH']]);
  assert.deepEqual(readCrud(db), []);
  const early = session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't1', data: { title: 'server before the upload' } }]);
  assert.deepEqual([early.ok, early.applied], [true, false], 'a checkpoint older than the upload is not applied');
  assert.equal(db.scalar('select title from todo'), 'local');
  const acknowledged = session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't1', data: { title: 'server after the upload' } }], { writeCheckpoint: '41' });
  assert.deepEqual([acknowledged.ok, acknowledged.applied], [true, true]);
  assert.equal(db.scalar('select title from todo'), 'server after the upload');
  db.close();
});

test('without the upload, pending ps_crud rows hold the checkpoint back even with a write checkpoint', async () => {
  const { db, session } = await syncedTodo();
  const held = session.applyCheckpoint([{ op: 'PUT', type: 'todo', id: 't1', data: { title: 'server' } }], { writeCheckpoint: '1' });
  assert.deepEqual([held.ok, held.applied], [true, false]);
  assert.equal(readCrud(db).length, 1);
  db.close();
});
