import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture } from '../../support/workspace';

test('newClientImplementation from named, positional and constant SyncOptions', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/c/Connect.kt': `package c
import com.powersync.sync.SyncOptions
val LEGACY = SyncOptions(newClientImplementation = false)
suspend fun go(db: PowerSyncDatabase, connector: Connector) {
    db.connect(connector, options = SyncOptions(newClientImplementation = true))
    db.connect(connector, options = SyncOptions(true))
    db.connect(connector, options = LEGACY)
    db.connect(connector, options = SyncOptions())
    db.connect(connector)
}
`,
  });
  assert.deepEqual(model.connections.map((c) => c.newClientImplementation), [true, true, false, undefined, undefined]);
  assert.deepEqual(model.connections.map((c) => c.optionsLoc !== undefined), [true, true, true, true, false]);
  assert.equal(model.connections[0].optionsLoc?.range.start.line, 4);
});

test('the seed connect(connector, options = SyncOptions(true)) in the fixture', async () => {
  const { model } = await analyzeFixture('powersync-app');
  assert.equal(model.connections.length, 1);
  assert.equal(model.connections[0].newClientImplementation, true);
});
