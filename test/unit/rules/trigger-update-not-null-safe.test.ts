import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places, textAt } from '../../support/findings';
import { fixturePath } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { triggerUpdateNotNullSafe } from '../../../server/src/rules/trigger-update-not-null-safe';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { syncFixture } from './fixture-sync';

const TRIGGERS = 'src/commonMain/kotlin/com/example/events/data/CrudTriggers.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/events/data/Entities.kt';

test('trigger-update-not-null-safe: != on a nullable column in WHEN, and no WHEN while local-only columns exist', () => {
  const findings = fixtureFindings('rule-trigger-update-not-null-safe', 'trigger-update-not-null-safe');
  assert.deepEqual(places(findings), [`${TRIGGERS}:24`, `${TRIGGERS}:54`]);
  // Each squiggle covers the offending part: the first nullable `!=`, the trigger's name.
  assert.deepEqual(findings.map((f) => textAt(fixturePath('rule-trigger-update-not-null-safe', TRIGGERS), f.range)), ['!=', 'attendee_crud_update']);
  assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning']);
  const [compare, noWhen] = findings;
  // title and starts_at are NOT NULL, so only location is named; the body's `OLD.id != NEW.id` does not count.
  assert.match(compare.message, /^UPDATE trigger 'event_crud_update' never uploads edits to or from NULL\. It compares OLD\.location != NEW\.location in its WHEN clause\. .*only moves 'location' from or to NULL/);
  assert.deepEqual(compare.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${ENTITIES}:11 nullable column 'location'`]);
  assert.match(noWhen.message, /^UPDATE trigger 'attendee_crud_update' uploads unchanged rows\. It has no WHEN clause over the synced columns of 'attendee', .*local-only column 'is_starred'/);
});

test('trigger-update-not-null-safe: IS NOT comparisons over the synced columns are clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-trigger-update-not-null-safe-ok', 'trigger-update-not-null-safe')), []);
});

test('trigger-update-not-null-safe: the WHEN of the core-style guard alone does not count as one over synced columns', async () => {
  const entity = `package app
import androidx.room.ColumnInfo
import androidx.room.Entity
import androidx.room.PrimaryKey
@Entity(tableName = "note")
data class Note(@PrimaryKey val id: String, val body: String?, @ColumnInfo(defaultValue = "0") val seen: Boolean)
`;
  const schema = (head: string) => `package app
import com.powersync.db.schema.*
val note = RawTable(
    name = "note",
    put = PendingStatement("INSERT INTO note (id, body) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body", listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("body"))),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
fun triggers(db: SupportSQLiteDatabase) {
    db.execSQL("CREATE TRIGGER note_update AFTER UPDATE ${head} BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PATCH', NEW.id, 'note', json_object('body', NEW.body)); END")
}
`;
  const check = async (head: string) => {
    const { model } = await analyzeFiles({ 'src/commonMain/kotlin/Entities.kt': entity, 'src/commonMain/kotlin/Schema.kt': schema(head) });
    return triggerUpdateNotNullSafe.check(model, {}).map((f) => (/has no WHEN clause/.test(f.message) ? 'no-when' : 'compare'));
  };
  assert.deepEqual(await check('ON note WHEN NOT powersync_in_sync_operation()'), ['no-when']);
  assert.deepEqual(await check('ON note WHEN NOT powersync_in_sync_operation() AND OLD.body <> NEW.body'), ['compare']);
  assert.deepEqual(await check('ON note WHEN OLD.body IS NOT NEW.body'), []);
  assert.deepEqual(await check('OF body ON note'), []);
  assert.deepEqual(await check('OF body, seen ON note'), ['no-when']);
});

test('trigger-update-not-null-safe at run time: what each UPDATE trigger queues for upload', async () => {
  const run = async (fixture: string) => {
    const { db, model } = await syncFixture(fixture);
    for (const trigger of model.triggers) assert.deepEqual(localWrite(db, trigger.sql!), { ok: true }, fixture);
    localWrite(db, "insert into event (id, title, location, starts_at) values ('e1', 'Standup', null, 900)");
    localWrite(db, "insert into attendee (id, event_id, name) values ('a1', 'e1', 'Ada')");
    const before = readCrud(db).length;
    assert.deepEqual(localWrite(db, "update event set location = 'Room 1' where id = 'e1'"), { ok: true });
    assert.deepEqual(localWrite(db, "update attendee set is_starred = 1 where id = 'a1'"), { ok: true });
    const queued = readCrud(db).slice(before).map((c) => `${c.op} ${c.type}`);
    db.close();
    return queued;
  };
  // With !=, the location set from NULL is lost; without WHEN, starring an attendee is uploaded.
  assert.deepEqual(await run('rule-trigger-update-not-null-safe'), ['PATCH attendee']);
  assert.deepEqual(await run('rule-trigger-update-not-null-safe-ok'), ['PATCH event']);
});
