import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { fixturePath } from '../../support/paths';

const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidNotes.kt';
const LOADED = 'BundledSQLiteDriver().also { it.loadPowerSyncExtension() }';
const IMPORT = 'import com.powersync.integrations.room.loadPowerSyncExtension\n';

/** The clean pool fixture with Room's driver (and, optionally, the import) put back to the plain one. */
function withoutExtension(keepImport: boolean): Record<string, string> {
  const files = filesUnder(fixturePath('rule-room-pool-mismatch-ok'));
  assert.ok(files[ANDROID].includes(LOADED) && files[ANDROID].includes(IMPORT));
  files[ANDROID] = files[ANDROID].replace(LOADED, 'BundledSQLiteDriver()');
  if (!keepImport) files[ANDROID] = files[ANDROID].replace(IMPORT, '');
  return files;
}

test('room-driver-without-extension fix: Room\'s BundledSQLiteDriver() loads the PowerSync extension, imported once', async (t) => {
  for (const keepImport of [false, true]) {
    await t.test(keepImport ? 'the import is already there' : 'the import is added', async () => {
      const files = withoutExtension(keepImport);
      const fixed = await applyFirstFix(files, 'room-driver-without-extension');
      await assertFixed(fixed, 'room-driver-without-extension', files);
      const text = fixed.files[ANDROID];
      assert.match(text, /\n {8}\.setDriver\(BundledSQLiteDriver\(\)\.also \{ it\.loadPowerSyncExtension\(\) \}\)\n/);
      assert.equal(text.split(IMPORT).length, 2, 'one import of loadPowerSyncExtension');
      // The fixed file is the fixture it was made from, import order aside.
      const sorted = (s: string) => s.split('\n').sort().join('\n');
      assert.equal(sorted(text), sorted(filesUnder(fixturePath('rule-room-pool-mismatch-ok'))[ANDROID]));
    });
  }
});

test('room-driver-without-extension: a driver built elsewhere is reported but not rewritten', async () => {
  const files = withoutExtension(false);
  files[ANDROID] = files[ANDROID].replace('BundledSQLiteDriver()', 'BundledSQLiteDriver().apply { }');
  await assert.rejects(applyFirstFix(files, 'room-driver-without-extension'), /has no fix/);
});

test('room-driver-without-extension fix on the manual bridge: the result is the clean twin fixture', async () => {
  const files = filesUnder(fixturePath('rule-room-driver-without-extension'));
  const fixed = await applyFirstFix(files, 'room-driver-without-extension');
  await assertFixed(fixed, 'room-driver-without-extension', files);
  assert.deepEqual(fixed.files, filesUnder(fixturePath('rule-room-driver-without-extension-ok')));
});
