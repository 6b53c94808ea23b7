import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix } from '../../support/apply-fix';
import { factsOf } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';

const TRIGGERS = 'src/commonMain/kotlin/app/CrudTriggers.kt';

const ENTITY = `package app

import androidx.room.*

@Entity(tableName = "event")
data class EventEntity(
    @PrimaryKey val id: String,
    val title: String,
    val location: String?,
)
`;

const SCHEMA = `package app

import com.powersync.db.schema.*

val eventTable = RawTable(
    name = "event",
    put = PendingStatement(
        "INSERT INTO event (id, title, location) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, location = excluded.location",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title"), PendingStatementParameter.Column("location")),
    ),
    delete = PendingStatement("DELETE FROM event WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`;

const triggersFile = (sqlLiteral: string) => `package app

import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

fun installEventUpdateTrigger(connection: SQLiteConnection) {
    connection.execSQL("DROP TRIGGER IF EXISTS event_crud_update")
    connection.execSQL(${sqlLiteral})
}
`;

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
    const fixed = await applyFirstFix({ 'src/commonMain/kotlin/app/Event.kt': ENTITY, 'src/commonMain/kotlin/app/Schema.kt': SCHEMA, [TRIGGERS]: triggersFile(literal) }, 'trigger-update-not-null-safe');
    const text = fixed.files[TRIGGERS];
    assert.match(text, expected);
    // title is NOT NULL, so its != is already safe and stays as written.
    assert.doesNotMatch(text, /<>|location !=/);
    assert.deepEqual(fixed.after.filter((f) => f.rule === 'trigger-update-not-null-safe'), []);
    const beforeRules = new Set(fixed.before.map((f) => f.rule));
    assert.deepEqual(fixed.after.filter((f) => !beforeRules.has(f.rule)).map((f) => f.rule), []);
    assert.equal((await factsOf(text, TRIGGERS)).syntaxErrors.length, 0);

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
  const files = {
    'src/commonMain/kotlin/app/Event.kt': ENTITY,
    'src/commonMain/kotlin/app/Schema.kt': SCHEMA,
    [TRIGGERS]: `${triggersFile(TEMPLATE)}\nconst val EVENT_TABLE = "event"\n`,
  };
  await assert.rejects(applyFirstFix(files, 'trigger-update-not-null-safe'), /has no fix/);
});
