import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';

const RULE = 'room-close-order-version';
const FIXTURE = 'rule-room-close-order-version';
const CATALOG = 'gradle/libs.versions.toml';
const SYNC = 'shared/src/commonMain/kotlin/com/example/notes/sync/NotesSync.kt';

const closeFindings = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const withVersion = (version: string) => fixtureVariant(FIXTURE, { [CATALOG]: replacing('powersync = "1.16.0"', `powersync = "${version}"`) });
const withClose = (body: string) => fixtureVariant(FIXTURE, { [SYNC]: replacing('        powerSync.close()\n        room.close()\n', body) });

test('room-close-order-version: room.close() after powerSync.close() with integration-room 1.16.0', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), [`${SYNC}:26`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'warning');
  assert.equal(textAt(path.join(fixturePath(FIXTURE), SYNC), finding.range), 'room.close()');
  assert.match(finding.message, /^Closing Room after PowerSync meets an integration-room bug fixed in 1\.16\.1\. PowerSync is closed first, then this Room database\./);
  assert.match(finding.message, /Update PowerSync and integration-room to 1\.16\.1 or later\.$/);
  assert.deepEqual(
    finding.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`),
    [
      `${SYNC}:25 PowerSync is closed here first`,
      `${SYNC}:17 the RoomConnectionPool that keeps collecting Room's updates`,
      `${CATALOG}:2 integration-room 1.16.0`,
    ],
  );
});

test('room-close-order-version: integration-room 1.16.1 is clean', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('room-close-order-version: versions before the integration, at the fix and unknown ones are silent', () => {
  for (const version of ['1.5.1', '1.16.1', '1.17.0', '1.16.1-SNAPSHOT']) assert.deepEqual(places(closeFindings(withVersion(version))), [], version);
  assert.deepEqual(places(closeFindings(withVersion('1.6.0'))), [`${SYNC}:26`]);
});

test('room-close-order-version: only the order the code shows for certain', () => {
  // Room first, then PowerSync: not the order the fix is about.
  assert.deepEqual(places(closeFindings(withClose('        room.close()\n        powerSync.close()\n'))), []);
  // Only PowerSync is closed.
  assert.deepEqual(places(closeFindings(withClose('        powerSync.close()\n'))), []);
  // The Room close is in another function: when each runs is not known.
  const apart = withClose('        powerSync.close()\n    }\n\n    fun closeRoom() {\n        room.close()\n');
  assert.deepEqual(places(closeFindings(apart)), []);
  // A Room database of the function's own (a parameter), not the one the pool wraps.
  const other = fixtureVariant(FIXTURE, {
    [SYNC]: (text) => text.replace('suspend fun close() {', 'suspend fun close(room: NotesDatabase) {'),
  });
  assert.deepEqual(places(closeFindings(other)), []);
  // A local val of the same name: another database.
  const local = withClose('        powerSync.close()\n        val room = openArchive()\n        room.close()\n');
  assert.deepEqual(places(closeFindings(local)), []);
  // A pool without a schema collects nothing.
  const noSchema = fixtureVariant(FIXTURE, { [SYNC]: replacing('RoomConnectionPool(room, notesSchema)', 'RoomConnectionPool(room)') });
  assert.deepEqual(places(closeFindings(noSchema)), []);
});

test('room-close-order-version: a later close nested in the same block still runs after PowerSync closed', () => {
  const nested = withClose('        powerSync.close()\n        if (shouldCloseRoom) {\n            room.close()\n        }\n');
  assert.deepEqual(places(closeFindings(nested)), [`${SYNC}:27`]);
});
