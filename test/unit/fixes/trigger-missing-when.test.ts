import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix } from '../../support/apply-fix';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

const RULE = 'trigger-update-not-null-safe';
const ENTITY_FILE = 'src/commonMain/kotlin/app/Event.kt';
const SCHEMA_FILE = 'src/commonMain/kotlin/app/Schema.kt';
const TRIGGERS = 'src/commonMain/kotlin/app/CrudTriggers.kt';

const ENTITY = `package app

import androidx.room.*

@Entity(tableName = "event")
data class EventEntity(
    @PrimaryKey val id: String,
    val title: String,
    val location: String?,
    // Local-only: muted events send no notification on this device.
    @ColumnInfo(name = "is_muted", defaultValue = "0") val isMuted: Boolean = false,
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

const triggersFile = (sqlLiteral: string, extra = '') => `package app

import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

fun installEventUpdateTrigger(connection: SQLiteConnection) {
    connection.execSQL("DROP TRIGGER IF EXISTS event_crud_update")
    connection.execSQL(${sqlLiteral})
}
${extra}`;

const files = (literal: string, extra?: string) => ({ [ENTITY_FILE]: ENTITY, [SCHEMA_FILE]: SCHEMA, [TRIGGERS]: triggersFile(literal, extra) });

const TRIMMED = `"""
        CREATE TRIGGER event_crud_update AFTER UPDATE ON event FOR EACH ROW
        BEGIN
            INSERT INTO powersync_crud (op, id, type, data)
            VALUES ('PATCH', NEW.id, 'event', json_object('title', NEW.title, 'location', NEW.location));
        END
    """.trimIndent()`;

const ONE_LINE = `"CREATE TRIGGER event_crud_update AFTER UPDATE ON event FOR EACH ROW BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES (\\'PATCH\\', NEW.id, \\"event\\", json_object('title', NEW.title, 'location', NEW.location)); END"`;

for (const [label, literal, expected] of [
  ['a trimmed raw string', TRIMMED, /ROW\n {8}WHEN OLD\.title IS NOT NEW\.title OR OLD\.location IS NOT NEW\.location\n {8}BEGIN\n/],
  ['a one-line string with escapes', ONE_LINE, /FOR EACH ROW WHEN OLD\.title IS NOT NEW\.title OR OLD\.location IS NOT NEW\.location BEGIN INSERT .*\\'PATCH\\', NEW\.id, \\"event\\"/],
] as const) {
  test(`trigger-update-not-null-safe fix (missing WHEN, ${label}): a NULL-safe WHEN over the synced columns; a local-only edit queues nothing`, async () => {
    const fixed = await applyFirstFix(files(literal), RULE);
    assert.match(fixed.before.find((f) => f.rule === RULE)!.message, /no WHEN clause over the synced columns/);
    const text = fixed.files[TRIGGERS];
    assert.match(text, expected);
    assert.deepEqual(fixed.after.filter((f) => f.rule === RULE), []);
    const beforeRules = new Set(fixed.before.map((f) => f.rule));
    assert.deepEqual(fixed.after.filter((f) => !beforeRules.has(f.rule)).map((f) => f.rule), []);
    assert.equal((await factsOf(text, TRIGGERS)).syntaxErrors.length, 0);

    const table = fixed.model.tables.find((t) => t.name === 'event')!;
    const trigger = fixed.model.triggers.find((t) => t.name === 'event_crud_update')!;
    const db = await openCoreDatabase(table.createSql);
    assert.equal(validate(db, trigger.sql!).ok, true);
    db.exec(trigger.sql!);
    db.exec("INSERT INTO event (id, title, location, is_muted) VALUES ('e1', 'party', NULL, 0)");
    // Only the local-only column: nothing to upload.
    assert.deepEqual(localWrite(db, "UPDATE event SET is_muted = 1 WHERE id = 'e1'"), { ok: true });
    assert.deepEqual(readCrud(db), []);
    // A synced column moving from NULL is seen (IS NOT, not !=).
    assert.deepEqual(localWrite(db, "UPDATE event SET location = 'garden' WHERE id = 'e1'"), { ok: true });
    assert.deepEqual(localWrite(db, "UPDATE event SET title = 'picnic' WHERE id = 'e1'"), { ok: true });
    const crud = readCrud(db);
    assert.deepEqual(crud.map((c) => [c.op, c.type, c.id]), [['PATCH', 'event', 'e1'], ['PATCH', 'event', 'e1']]);
    assert.deepEqual(crud.map((c) => c.data), [{ title: 'party', location: 'garden' }, { title: 'picnic', location: 'garden' }]);
    db.close();
  });
}

test('trigger-update-not-null-safe fix (missing WHEN): many synced columns go one OR per line', async () => {
  const entity = ENTITY.replace('val location: String?,', 'val location: String?,\n    val organiser: String?,\n    @ColumnInfo(name = "starts_at") val startsAt: Long,');
  const schema = SCHEMA.replace('(id, title, location) VALUES (?, ?, ?)', '(id, title, location, organiser, starts_at) VALUES (?, ?, ?, ?, ?)')
    .replace('location = excluded.location"', 'location = excluded.location, organiser = excluded.organiser, starts_at = excluded.starts_at"')
    .replace('PendingStatementParameter.Column("location")', 'PendingStatementParameter.Column("location"), PendingStatementParameter.Column("organiser"), PendingStatementParameter.Column("starts_at")');
  const fixed = await applyFirstFix({ [ENTITY_FILE]: entity, [SCHEMA_FILE]: schema, [TRIGGERS]: triggersFile(TRIMMED) }, RULE);
  const text = fixed.files[TRIGGERS];
  assert.match(text, /\n {8}WHEN OLD\.title IS NOT NEW\.title\n {12}OR OLD\.location IS NOT NEW\.location\n {12}OR OLD\.organiser IS NOT NEW\.organiser\n {12}OR OLD\.starts_at IS NOT NEW\.starts_at\n {8}BEGIN\n/);
  assert.deepEqual(fixed.after.filter((f) => f.rule === RULE), []);
  const table = fixed.model.tables.find((t) => t.name === 'event')!;
  const trigger = fixed.model.triggers.find((t) => t.name === 'event_crud_update')!;
  const db = await openCoreDatabase(table.createSql);
  assert.equal(validate(db, trigger.sql!).ok, true);
  db.close();
});

test('trigger-update-not-null-safe: no WHEN fix where a WHEN exists over other columns, or the SQL is a template', async () => {
  const filtered = TRIMMED.replace('FOR EACH ROW\n', 'FOR EACH ROW\n        WHEN NEW.is_muted = 0\n');
  const template = TRIMMED.replace('ON event FOR', 'ON $EVENT_TABLE FOR');
  for (const [label, workspace] of [
    ['a WHEN over a local-only column', files(filtered)],
    ['a template', files(template, 'const val EVENT_TABLE = "event"\n')],
  ] as const) {
    const { model, analyzer } = await analyzeFiles(workspace);
    const findings = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === RULE);
    assert.equal(findings.length, 1, label);
    assert.match(findings[0].message, /no WHEN clause over the synced columns/, label);
    assert.deepEqual(findings[0].fixes, [], label);
  }
});
