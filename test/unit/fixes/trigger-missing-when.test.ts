import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { EVENT_SCHEMA, eventEntity, eventUpdateTriggerInstaller, LOCAL_ONLY_IS_MUTED, rawTable, rawTableSchema } from '../../support/kotlin-sources';
import { analyzeFiles } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

const RULE = 'trigger-update-not-null-safe';
const ENTITY_FILE = 'src/commonMain/kotlin/app/Event.kt';
const SCHEMA_FILE = 'src/commonMain/kotlin/app/Schema.kt';
const TRIGGERS = 'src/commonMain/kotlin/app/CrudTriggers.kt';

const ENTITY = eventEntity(...LOCAL_ONLY_IS_MUTED);

const files = (literal: string, extra?: string) => ({ [ENTITY_FILE]: ENTITY, [SCHEMA_FILE]: EVENT_SCHEMA, [TRIGGERS]: eventUpdateTriggerInstaller(literal, extra) });

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
    const input = files(literal);
    const fixed = await applyFirstFix(input, RULE);
    assert.match(fixed.before.find((f) => f.rule === RULE)!.message, /no WHEN clause over the synced columns/);
    assert.match(fixed.files[TRIGGERS], expected);
    await assertFixed(fixed, RULE, input);

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
  const entity = eventEntity('val organiser: String?,', '@ColumnInfo(name = "starts_at") val startsAt: Long,', ...LOCAL_ONLY_IS_MUTED);
  const schema = rawTableSchema('app', [rawTable('event', ['title', 'location', 'organiser', 'starts_at'])]);
  const input = { [ENTITY_FILE]: entity, [SCHEMA_FILE]: schema, [TRIGGERS]: eventUpdateTriggerInstaller(TRIMMED) };
  const fixed = await applyFirstFix(input, RULE);
  const text = fixed.files[TRIGGERS];
  assert.match(text, /\n {8}WHEN OLD\.title IS NOT NEW\.title\n {12}OR OLD\.location IS NOT NEW\.location\n {12}OR OLD\.organiser IS NOT NEW\.organiser\n {12}OR OLD\.starts_at IS NOT NEW\.starts_at\n {8}BEGIN\n/);
  await assertFixed(fixed, RULE, input);
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
