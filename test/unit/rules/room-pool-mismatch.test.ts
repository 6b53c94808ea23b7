import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, type JsonFinding } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { repoRoot } from '../../support/paths';

const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const SYNC = 'src/commonMain/kotlin/com/example/notes/sync/NotesSync.kt';
const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidNotes.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';
const POOL = '    private val pool = RoomConnectionPool(room, notesSchema)\n';

const poolMismatch = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'room-pool-mismatch');
const related = (f: JsonFinding) => f.related.map((r) => `${r.file}:${r.range.start.line + 1}`);

test('room-pool-mismatch: a raw-table name Room does not track', () => {
  const findings = fixtureFindings('rule-room-pool-mismatch', 'room-pool-mismatch');
  assert.deepEqual(places(findings), [`${SCHEMA}:9`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'error');
  // On the name string, not on RawTableSchema's tableName.
  assert.equal(finding.range.start.character, 'val folderTable = RawTable(name = '.length);
  assert.match(finding.message, /^Room throws when this pool starts: it has no table named 'folders'\. Room has no table named 'folders' \(the raw table's local table is 'folder', but the pool listens by RawTable\.name\): .*There is no table with name folders/);
  assert.deepEqual(related(finding), [`${SYNC}:11`, `${ENTITIES}:20`]);
});

test('room-pool-mismatch: Room table names, one schema, the extension loaded: clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-room-pool-mismatch-ok', 'room-pool-mismatch')), []);
});

test('room-pool-mismatch: Room table names are compared without case, as Room does', () => {
  const dir = fixtureVariant('rule-room-pool-mismatch-ok', {
    [SCHEMA]: replacing('RawTable(name = "folder", schema = RawTableSchema())', 'RawTable(name = "Folder", schema = RawTableSchema(tableName = "folder"))'),
  });
  assert.deepEqual(places(poolMismatch(dir)), []);
});

test('room-pool-mismatch: a pool without a schema forwards nothing, unless the app hands it over later', () => {
  const bare = fixtureVariant('rule-room-pool-mismatch-ok', { [SYNC]: replacing(POOL, '    private val pool = RoomConnectionPool(room)\n') });
  const findings = poolMismatch(bare);
  assert.deepEqual(places(findings), [`${SYNC}:11`]);
  assert.match(findings[0].message, /^This RoomConnectionPool has no schema, so it does not listen to Room's writes/);
  assert.deepEqual(related(findings[0]), [`${SYNC}:13`]);
  const handedOver = fixtureVariant('rule-room-pool-mismatch-ok', {
    [SYNC]: replacing(POOL, '    private val pool = RoomConnectionPool(room).also { it.syncRoomUpdatesToPowerSync(notesSchema) }\n'),
  });
  assert.deepEqual(places(poolMismatch(handedOver)), []);
});

test('room-pool-mismatch: an empty Schema() on the pool', () => {
  const dir = fixtureVariant('rule-room-pool-mismatch-ok', {
    [SYNC]: (text) => replacing(POOL, '    private val pool = RoomConnectionPool(room, Schema())\n')(
      replacing('import com.powersync.PowerSyncDatabase\n', 'import com.powersync.PowerSyncDatabase\nimport com.powersync.db.schema.Schema\n')(text),
    ),
  });
  const findings = poolMismatch(dir);
  assert.deepEqual(places(findings), [`${SYNC}:12`]);
  assert.equal(findings[0].range.start.character, '    private val pool = RoomConnectionPool(room, '.length);
  assert.match(findings[0].message, /has no raw tables, so the pool forwards none of Room's writes/);
});

test('room-pool-mismatch: a pool schema that leaves out tables of the schema PowerSync opens with', () => {
  const dir = fixtureVariant('rule-room-pool-mismatch-ok', {
    [SYNC]: (text) => replacing(POOL, '    private val pool = RoomConnectionPool(room, Schema(noteTable))\n')(
      replacing('import com.powersync.PowerSyncDatabase\n', 'import com.powersync.PowerSyncDatabase\nimport com.powersync.db.schema.Schema\n')(text),
    ),
  });
  const findings = poolMismatch(dir);
  assert.deepEqual(places(findings), [`${SYNC}:12`]);
  assert.match(findings[0].message, /'folder' is only in the schema given to PowerSyncDatabase\.opened/);
  assert.deepEqual(related(findings[0]), [`${SYNC}:17`]);
});

test('room-pool-mismatch: Room\'s driver without the extension is another rule\'s (room-driver-without-extension)', () => {
  const dir = fixtureVariant('rule-room-pool-mismatch-ok', { [ANDROID]: replacing('BundledSQLiteDriver().also { it.loadPowerSyncExtension() }', 'BundledSQLiteDriver()') });
  assert.deepEqual(places(poolMismatch(dir)), []);
});

test('room-pool-mismatch: nothing without a RoomConnectionPool', () => {
  for (const app of ['todo-app', 'todo-app-fixed']) {
    assert.deepEqual(places(checkJson(path.join(repoRoot(), 'examples', app)).findings.filter((f) => f.rule === 'room-pool-mismatch')), [], app);
  }
});
