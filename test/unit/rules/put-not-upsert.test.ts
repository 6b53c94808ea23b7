import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places } from '../../support/findings';
import type { CoreDatabase } from '../../../server/src/engine/database';
import { syncFixture } from './fixture-sync';

const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';

test('put-not-upsert: INSERT OR ABORT (Room DAO style), plain INSERT, INSERT OR IGNORE and DO NOTHING puts', () => {
  const findings = fixtureFindings('rule-put-not-upsert', 'put-not-upsert');
  assert.deepEqual(places(findings), [`${SCHEMA}:15`, `${SCHEMA}:28`, `${SCHEMA}:37`, `${SCHEMA}:46`]);
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'error', 'error', 'error']);
  const [abort, plain, ignore, nothing] = findings;
  assert.match(abort.message, /'note' is INSERT OR ABORT: .*UNIQUE constraint failed: note\.id/);
  assert.match(plain.message, /'folder' is a plain INSERT: .*UNIQUE constraint failed: folder\.id/);
  assert.match(ignore.message, /'tag' ignores conflicts: .*update is dropped/);
  assert.match(nothing.message, /'reminder' ignores conflicts/);
  // The primary location is the SQL string itself, from its opening quote.
  assert.deepEqual(abort.range, { start: { line: 14, character: 8 }, end: { line: 14, character: 74 } });
  assert.deepEqual(abort.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${ENTITIES}:7 table 'note'`]);
});

test('put-not-upsert: upserts over the same tables are clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-put-not-upsert-ok', 'put-not-upsert')), []);
});

// Run time, with the fixture's own tables and raw tables in the real core.

/** Per table: the column the server changes, and the row as first synced and as updated. */
const ROWS: Record<string, { column: string; first: Record<string, string | number>; second: Record<string, string | number> }> = {
  note: { column: 'body', first: { title: 'Groceries', body: 'milk' }, second: { title: 'Groceries', body: 'milk, eggs' } },
  folder: { column: 'name', first: { name: 'Home' }, second: { name: 'House' } },
  tag: { column: 'label', first: { label: 'urgent' }, second: { label: 'later' } },
  reminder: { column: 'due_at', first: { note_id: 'x1', due_at: 1000 }, second: { note_id: 'x1', due_at: 2000 } },
};

function columnValue(db: CoreDatabase, table: string): unknown[] {
  return db.query(`select ${ROWS[table].column} as value from ${table}`).map((r) => r.value);
}

for (const table of ['note', 'folder']) {
  test(`put-not-upsert at run time: the second sync of a '${table}' row fails with the UNIQUE error and applies nothing`, async () => {
    const { db, session } = await syncFixture('rule-put-not-upsert');
    const first = session.applyCheckpoint([{ op: 'PUT', type: table, id: 'x1', data: ROWS[table].first }]);
    assert.deepEqual([first.ok, first.applied], [true, true], first.error);
    const second = session.applyCheckpoint([{ op: 'PUT', type: table, id: 'x1', data: ROWS[table].second }]);
    assert.equal(second.ok, false);
    assert.match(second.error ?? '', new RegExp(`UNIQUE constraint failed: ${table}\\.id`));
    assert.deepEqual(columnValue(db, table), [ROWS[table].first[ROWS[table].column]]);
    db.close();
  });
}

for (const table of ['tag', 'reminder']) {
  test(`put-not-upsert at run time: the second sync of a '${table}' row applies but the server's update is dropped`, async () => {
    const { db, session } = await syncFixture('rule-put-not-upsert');
    assert.equal(session.applyCheckpoint([{ op: 'PUT', type: table, id: 'x1', data: ROWS[table].first }]).applied, true);
    const second = session.applyCheckpoint([{ op: 'PUT', type: table, id: 'x1', data: ROWS[table].second }]);
    assert.deepEqual([second.ok, second.applied], [true, true], second.error);
    assert.deepEqual(columnValue(db, table), [ROWS[table].first[ROWS[table].column]]);
    db.close();
  });
}

test('put-not-upsert at run time: with the upserts of the ok fixture every second sync applies the update', async () => {
  const { db, session } = await syncFixture('rule-put-not-upsert-ok');
  const tables = Object.keys(ROWS);
  const first = session.applyCheckpoint(tables.map((t) => ({ op: 'PUT' as const, type: t, id: 'x1', data: ROWS[t].first })));
  assert.deepEqual([first.ok, first.applied], [true, true], first.error);
  const second = session.applyCheckpoint(tables.map((t) => ({ op: 'PUT' as const, type: t, id: 'x1', data: ROWS[t].second })));
  assert.deepEqual([second.ok, second.applied], [true, true], second.error);
  for (const t of tables) assert.deepEqual(columnValue(db, t), [ROWS[t].second[ROWS[t].column]], t);
  db.close();
});
