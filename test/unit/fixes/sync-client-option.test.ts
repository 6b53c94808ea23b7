import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { powerSyncVersionCatalog, rawTable, rawTableSchema } from '../../support/kotlin-sources';

const CONNECTION = 'src/commonMain/kotlin/app/Connection.kt';

const connectionFile = (imports: string, connect: string) => `package app

import com.powersync.PowerSyncDatabase
import com.powersync.connectors.PowerSyncBackendConnector${imports}

class Connection(private val database: PowerSyncDatabase) {
    suspend fun start(connector: PowerSyncBackendConnector) {
        ${connect}
    }
}
`;


const files = (version: string, imports: string, connect: string) => ({
  [CONNECTION]: connectionFile(imports, connect),
  'src/commonMain/kotlin/app/Schema.kt': rawTableSchema('app', [rawTable('note', ['title'])]),
  'gradle/libs.versions.toml': powerSyncVersionCatalog(version),
});

const IMPORT = '\nimport com.powersync.sync.SyncOptions';

for (const [label, version, imports, connect, expected] of [
  ['no options, no import', '1.5.1', '', 'database.connect(connector)', /database\.connect\(connector, options = SyncOptions\(newClientImplementation = true\)\)/],
  ['SyncOptions() without the flag', '1.3.0', IMPORT, 'database.connect(connector, options = SyncOptions())', /options = SyncOptions\(newClientImplementation = true\)\)/],
  ['SyncOptions with another argument', '1.8.0', IMPORT, 'database.connect(connector, options = SyncOptions(userAgent = "notes"))', /SyncOptions\(userAgent = "notes", newClientImplementation = true\)\)/],
  ['newClientImplementation = false before 1.12', '1.11.2', IMPORT, 'database.connect(connector, options = SyncOptions(newClientImplementation = false))', /SyncOptions\(newClientImplementation = true\)\)/],
  ['newClientImplementation = false from 1.12, alone', '1.12.0', IMPORT, 'database.connect(connector, options = SyncOptions(newClientImplementation = false))', /database\.connect\(connector, options = SyncOptions\(\)\)/],
  ['newClientImplementation = false from 1.12, first of two', '1.13.1', IMPORT, 'database.connect(connector, options = SyncOptions(newClientImplementation = false, userAgent = "notes"))', /SyncOptions\(userAgent = "notes"\)\)/],
  ['newClientImplementation = false from 1.12, last of two', '1.13.1', IMPORT, 'database.connect(connector, options = SyncOptions(userAgent = "notes", newClientImplementation = false))', /SyncOptions\(userAgent = "notes"\)\)/],
] as const) {
  test(`rust-client-required fix (${label})`, async () => {
    const input = files(version, imports, connect);
    const fixed = await applyFirstFix(input, 'rust-client-required');
    const text = fixed.files[CONNECTION];
    assert.match(text, expected);
    assert.equal(text.split('import com.powersync.sync.SyncOptions').length - 1, 1, 'SyncOptions imported exactly once');
    await assertFixed(fixed, 'rust-client-required', input);
    // Every other finding stays as it was.
    assert.deepEqual(fixed.after.map((f) => f.rule).sort(), fixed.before.filter((f) => f.rule !== 'rust-client-required').map((f) => f.rule).sort());
    const [connection] = fixed.model.connections;
    assert.equal(connection.newClientImplementation, version.startsWith('1.1') && version !== '1.11.2' ? undefined : true);
  });
}

test('rust-client-required fix: options on lines of their own get the flag on a line of its own', async () => {
  const connect = `database.connect(
            connector,
            options = SyncOptions(
                userAgent = "notes",
            ),
        )`;
  const input = files('1.5.1', IMPORT, connect);
  const fixed = await applyFirstFix(input, 'rust-client-required');
  assert.match(fixed.files[CONNECTION], /userAgent = "notes",\n {16}newClientImplementation = true,\n {12}\),/);
  await assertFixed(fixed, 'rust-client-required', input);
});

test('rust-client-required: options the model cannot read give no finding, so nothing is rewritten', async () => {
  const connect = 'database.connect(connector, options = optionsFromSettings())';
  await assert.rejects(applyFirstFix(files('1.5.1', IMPORT, connect), 'rust-client-required'), /no rust-client-required finding/);
});
