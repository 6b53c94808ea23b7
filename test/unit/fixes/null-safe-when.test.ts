import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { EVENT_SCHEMA, eventEntity, eventUpdateTriggerInstaller } from '../../support/kotlin-sources';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';

const TRIGGERS = 'src/commonMain/kotlin/app/CrudTriggers.kt';

const files = (literal: string, extra?: string) => ({
  'src/commonMain/kotlin/app/Event.kt': eventEntity(),
  'src/commonMain/kotlin/app/Schema.kt': EVENT_SCHEMA,
  [TRIGGERS]: eventUpdateTriggerInstaller(literal, extra),
});

const ONE_LINE = `"CREATE TRIGGER event_crud_update AFTER UPDATE ON event FOR EACH ROW WHEN OLD.title != NEW.title OR OLD.location<>NEW.location BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PATCH', NEW.id, 'event', json_object('title', NEW.title, 'location', NEW.location)); END"`;

const RAW = `"""
        CREATE TRIGGER event_crud_update AFTER UPDATE ON event FOR EACH ROW
        WHEN OLD.title != NEW.title OR OLD.location != NEW.location
        BEGIN
            INSERT INTO powersync_crud (op, id, type, data)
            VALUES ('PATCH', NEW.id, 'event', json_object('title', NEW.title, 'location', NEW.location));
        END
    """`;

const ESCAPED = ONE_LINE.replace("'PATCH'", "\\'PATCH\\'").replace('FOR EACH ROW ', 'FOR EACH ROW\\n').replace(' BEGIN', '\\nBEGIN');

const CONCATENATED = `"CREATE TRIGGER event_crud_update AFTER UPDATE ON event FOR EACH ROW " +
        "WHEN OLD.title != NEW.title OR OLD.location != NEW.location " +
        "BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PATCH', NEW.id, 'event', json_object('title', NEW.title, 'location', NEW.location)); END"`;

for (const [label, literal, expected] of [
  ['a one-line string', ONE_LINE, /WHEN OLD\.title != NEW\.title OR OLD\.location IS NOT NEW\.location BEGIN/],
  ['a raw string', RAW, /\n {8}WHEN OLD\.title != NEW\.title OR OLD\.location IS NOT NEW\.location\n {8}BEGIN\n/],
  ['a trimmed raw string', `${RAW}.trimIndent()`, /\n {8}WHEN OLD\.title != NEW\.title OR OLD\.location IS NOT NEW\.location\n {8}BEGIN\n/],
  ['a string with escapes', ESCAPED, /FOR EACH ROW\\nWHEN OLD\.title != NEW\.title OR OLD\.location IS NOT NEW\.location\\nBEGIN .*\\'PATCH\\'/],
  ['concatenated strings', CONCATENATED, /"WHEN OLD\.title != NEW\.title OR OLD\.location IS NOT NEW\.location " \+\n/],
] as const) {
  test(`trigger-update-not-null-safe fix (${label}): IS NOT for the nullable column, and an edit from NULL is uploaded`, async () => {
    const input = files(literal);
    const fixed = await applyFirstFix(input, 'trigger-update-not-null-safe');
    const text = fixed.files[TRIGGERS];
    assert.match(text, expected);
    // title is NOT NULL, so its != is already safe and stays as written.
    assert.doesNotMatch(text, /<>|location !=/);
    await assertFixed(fixed, 'trigger-update-not-null-safe', input);

    const table = fixed.model.tables.find((t) => t.name === 'event')!;
    const trigger = fixed.model.triggers.find((t) => t.name === 'event_crud_update')!;
    const db = await openCoreDatabase(table.createSql);
    assert.equal(validate(db, trigger.sql!).ok, true);
    db.exec(trigger.sql!);
    db.exec("INSERT INTO event (id, title, location) VALUES ('e1', 'party', NULL)");
    // NULL → 'garden' moves only a nullable column: with != this was never uploaded.
    assert.deepEqual(localWrite(db, "UPDATE event SET location = 'garden' WHERE id = 'e1'"), { ok: true });
    assert.deepEqual(localWrite(db, "UPDATE event SET title = 'party' WHERE id = 'e1'"), { ok: true });
    const crud = readCrud(db);
    assert.deepEqual(crud.map((c) => [c.op, c.type, c.id]), [['PATCH', 'event', 'e1']]);
    assert.deepEqual(crud[0].data, { title: 'party', location: 'garden' });
    db.close();
  });
}

// The table name comes from a constant: the SQL text is known, but it sits in no one place of the source.
const TEMPLATE = ONE_LINE.replace('ON event FOR', 'ON $EVENT_TABLE FOR');

test('trigger-update-not-null-safe: no fix for a string template (SQL offsets do not map to the source)', async () => {
  await assert.rejects(applyFirstFix(files(TEMPLATE, '\nconst val EVENT_TABLE = "event"\n'), 'trigger-update-not-null-safe'), /has no fix/);
});
