import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { CoreDatabase } from '../../../server/src/engine/database';
import { PreviewThread } from '../../../server/src/engine/preview-thread';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { simulatePreviewDatabase } from '../../../server/src/engine/sync-scenario';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import { fixturePath, wasmDir } from '../../support/paths';
import { modelOfFolder } from './simulate';

// The language server's preview thread (dist/console-worker.js started with the role `preview`).

function thread(): PreviewThread {
  return new PreviewThread({ workerFile: path.join(wasmDir(), 'console-worker.js'), wasmDir: wasmDir() });
}

const TABLES = "select name from sqlite_master where type = 'table' and name in ('shelf', 'item') order by name";

test('the thread simulates what the server would, and hands back the database the steps ended on', async () => {
  const previews = thread();
  try {
    const model = await modelOfFolder(fixturePath('preview-sql-app'));
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 1);
    const answer = await previews.simulate(model).finally(() => clearInterval(ticking));
    assert.ok(ticks > 0, 'this thread ran timers while the other one simulated');
    const local = simulatePreviewDatabase(await loadEngine(wasmDir()), model);
    const copy = CoreDatabase.restore(await loadEngine(wasmDir()), answer.bytes);
    try {
      assert.deepEqual(answer.simulation, local.simulation);
      assert.deepEqual(copy.query(TABLES), local.database.query(TABLES));
      for (const table of ['shelf', 'item']) {
        assert.deepEqual(copy.query(`select * from ${table} order by id`), local.database.query(`select * from ${table} order by id`));
      }
    } finally {
      copy.close();
      local.database.close();
    }
    // The thread stays up for the next preview.
    const again = await previews.simulate(model);
    assert.deepEqual(again.simulation, local.simulation);
  } finally {
    previews.dispose();
  }
});

test('a model that cannot be sent is refused, and a stopped thread fails what it had not answered', async () => {
  const previews = thread();
  try {
    const model = await modelOfFolder(fixturePath('preview-sql-app'));
    await assert.rejects(previews.simulate({ ...model, extra: () => 1 } as unknown as WorkspaceModel), /could not be cloned/);
    const pending = previews.simulate(model);
    previews.dispose();
    await assert.rejects(pending, /stopped/);
  } finally {
    previews.dispose();
  }
});
