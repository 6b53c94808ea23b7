import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, type JsonFinding } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { repoRoot } from '../../support/paths';

const SYNC = 'src/commonMain/kotlin/com/example/notes/sync/NotesSync.kt';
const INVALIDATOR = 'src/commonMain/kotlin/com/example/notes/sync/RoomInvalidator.kt';
const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidNotes.kt';
const VERSIONS = 'gradle/libs.versions.toml';

const bridge = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'manual-room-bridge');
const related = (f: JsonFinding) => f.related.map((r) => `${r.file}:${r.range.start.line + 1}`);

test('manual-room-bridge: the seed\'s invalidator and a second connection, where integration-room exists', () => {
  const findings = fixtureFindings('rule-manual-room-bridge', 'manual-room-bridge');
  assert.deepEqual(places(findings), [`${SYNC}:30`, `${INVALIDATOR}:17`]);
  const [connection, invalidator] = findings;
  assert.equal(connection.severity, 'info');
  assert.match(connection.message, /^Two writers share one file: Room and this PowerSyncDatabase\. Each opens its own connection to <android-databases>\/notes\.db: two writers on one file/);
  assert.match(connection.message, /PowerSync 1\.11\.2 ships com\.powersync:integration-room: PowerSyncDatabase\.opened\(RoomConnectionPool\(roomDatabase, schema\), …\)/);
  assert.deepEqual(related(connection), [`${ANDROID}:17`, `${VERSIONS}:2`]);
  assert.match(invalidator.message, /^This invalidator breaks when the entity order changes\. It is hand-made and marks Room tables by their position in @Database\(entities\)/);
  assert.deepEqual(related(invalidator), [`${VERSIONS}:2`]);
});

test('manual-room-bridge: nothing before 1.6.0, which has no integration-room', () => {
  assert.deepEqual(places(fixtureFindings('rule-manual-room-bridge-ok', 'manual-room-bridge')), []);
});

test('manual-room-bridge: nothing when the SDK version is unknown', () => {
  const dir = fixtureVariant('rule-manual-room-bridge', { [VERSIONS]: replacing('powersync-core = { module = "com.powersync:core", version.ref = "powersync" }\n', '') });
  assert.deepEqual(places(bridge(dir)), []);
});

test('manual-room-bridge: PowerSync on another file is no bridge', () => {
  const dir = fixtureVariant('rule-manual-room-bridge', { [SYNC]: replacing('dbFilename = DATABASE_NAME', 'dbFilename = "sync.db"') });
  assert.deepEqual(places(bridge(dir)), [`${INVALIDATOR}:17`]);
});

test('manual-room-bridge: with a RoomConnectionPool only the leftover invalidator is reported', () => {
  const dir = fixtureVariant('rule-manual-room-bridge', {
    'src/commonMain/kotlin/com/example/notes/sync/Pool.kt': `package com.example.notes.sync

import com.example.notes.data.NotesDatabase
import com.powersync.integrations.room.RoomConnectionPool

fun poolOf(room: NotesDatabase) = RoomConnectionPool(room, notesSchema)
`,
  });
  assert.deepEqual(places(bridge(dir)), [`${INVALIDATOR}:17`]);
});

test('manual-room-bridge: the fixed example (1.11.2) gets the suggestion, the 1.5.1 one does not', () => {
  const fixed = checkJson(path.join(repoRoot(), 'examples', 'todo-app-fixed')).findings;
  assert.deepEqual(places(fixed.filter((f) => f.rule === 'manual-room-bridge')), [
    'shared/src/androidMain/kotlin/com/example/todo/AndroidDatabases.kt:29',
    'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncDatabaseInvalidator.kt:30',
    'shared/src/iosMain/kotlin/com/example/todo/IosDatabases.kt:34',
  ]);
  assert.ok(fixed.every((f) => f.rule !== 'manual-room-bridge' || f.severity === 'info'));
  const broken = checkJson(path.join(repoRoot(), 'examples', 'todo-app')).findings;
  assert.deepEqual(places(broken.filter((f) => f.rule === 'manual-room-bridge')), []);
});
