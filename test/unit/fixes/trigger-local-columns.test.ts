import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, applyFirstFix, assertFixed } from '../../support/apply-fix';
import { EVENT_SCHEMA, eventEntity, eventUpdateTriggerInstaller, LOCAL_ONLY_IS_MUTED } from '../../support/kotlin-sources';
import { fixturePath } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { scanWorkspace } from '../../../server/src/frontends/workspace-files';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { Finding } from '../../../server/src/findings/finding';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import type { CoreDatabase } from '../../../server/src/engine/database';

const RULE = 'trigger-uploads-local-columns';

/** The fixture's files by workspace-relative name, as applyFirstFix takes them. */
function fixtureFiles(folder: string): Record<string, string> {
  const root = fixturePath(folder);
  return Object.fromEntries(scanWorkspace(root).map((file) => [path.relative(root, new URL(file.uri).pathname), readFileSync(new URL(file.uri), 'utf8')]));
}

/** Applies the preferred fix of every finding of `rule` at once (they must not overlap), then checks again. */
async function applyAllFixes(files: Record<string, string>, rule: string): Promise<{ before: Finding[]; after: Finding[]; files: Record<string, string>; model: WorkspaceModel }> {
  const first = await analyzeFiles(files);
  const before = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
  const edits = before.filter((f) => f.rule === rule).flatMap((f) => {
    const fix = f.fixes.find((x) => x.preferred);
    assert.ok(fix, `no fix for: ${f.message}`);
    return fix.edits;
  });
  return { before, ...(await applyEdits(files, edits)) };
}

/** A core database with the table and every trigger the model has on it, each validated first. */
async function databaseWithTriggers(model: WorkspaceModel, ...tables: string[]): Promise<CoreDatabase> {
  const db = await openCoreDatabase(...tables.map((name) => model.tables.find((t) => t.name === name)!.createSql));
  for (const trigger of model.triggers.filter((t) => tables.includes(t.table!))) {
    assert.equal(validate(db, trigger.sql!).ok, true, trigger.sql);
    db.exec(trigger.sql!);
  }
  return db;
}

test('trigger-uploads-local-columns fix (rule fixture): json_object keeps to synced columns; insert, update, delete upload only those', async () => {
  const TRIGGERS = 'src/commonMain/kotlin/com/example/bookmarks/data/CrudTriggers.kt';
  const input = fixtureFiles('rule-trigger-uploads-local-columns');
  const fixed = await applyAllFixes(input, RULE);
  assert.equal(fixed.before.filter((f) => f.rule === RULE).length, 2);
  await assertFixed(fixed, RULE, input);
  const text = fixed.files[TRIGGERS];
  // The last entry goes with the comma before it; the diff's two objects lose theirs alike.
  assert.match(text, /\n {16}VALUES \('PUT', NEW\.id, 'bookmark', json_object\('url', NEW\.url, 'title', NEW\.title\)\);\n/);
  assert.match(text, /\n {20}json_object\('name', OLD\.name\),\n {20}json_object\('name', NEW\.name\)\n/);
  assert.doesNotMatch(text, /is_pinned|local_note/);

  const db = await databaseWithTriggers(fixed.model, 'bookmark', 'folder');
  assert.deepEqual(localWrite(db, "INSERT INTO bookmark (id, url, title, is_pinned) VALUES ('b1', 'https://a.example', NULL, 1)"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE bookmark SET is_pinned = 0 WHERE id = 'b1'"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE bookmark SET title = 'A' WHERE id = 'b1'"), { ok: true });
  assert.deepEqual(localWrite(db, "INSERT INTO folder (id, name, local_note) VALUES ('f1', 'Work', 'mine')"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE folder SET local_note = 'still mine' WHERE id = 'f1'"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE folder SET name = 'Jobs', local_note = 'private' WHERE id = 'f1'"), { ok: true });
  assert.deepEqual(localWrite(db, "DELETE FROM bookmark WHERE id = 'b1'"), { ok: true });
  assert.deepEqual(readCrud(db).map((c) => [c.op, c.type, c.id, c.data]), [
    ['PUT', 'bookmark', 'b1', { url: 'https://a.example', title: null }],
    ['PATCH', 'bookmark', 'b1', { url: 'https://a.example', title: 'A' }],
    ['PUT', 'folder', 'f1', { name: 'Work' }],
    ['PATCH', 'folder', 'f1', { name: 'Jobs' }],
    ['DELETE', 'bookmark', 'b1', undefined],
  ]);
  db.close();
});

const EVENT_FILE = 'src/commonMain/kotlin/app/Event.kt';
const SCHEMA_FILE = 'src/commonMain/kotlin/app/Schema.kt';
const TRIGGERS = 'src/commonMain/kotlin/app/CrudTriggers.kt';

const ENTITY = eventEntity(...LOCAL_ONLY_IS_MUTED);

const files = (literal: string, extra?: string) => ({ [EVENT_FILE]: ENTITY, [SCHEMA_FILE]: EVENT_SCHEMA, [TRIGGERS]: eventUpdateTriggerInstaller(literal, extra) });

const updateTrigger = (when: string, json: string) => `"""
        CREATE TRIGGER event_crud_update AFTER UPDATE ON event FOR EACH ROW
        WHEN ${when}
        BEGIN
            INSERT INTO powersync_crud (op, id, type, data)
            VALUES ('PATCH', NEW.id, 'event', json_object(
                ${json}
            ));
        END
    """.trimIndent()`;

const MIXED = updateTrigger(
  'OLD.title IS NOT NEW.title OR OLD.is_muted IS NOT NEW.is_muted OR OLD.location IS NOT NEW.location',
  "'title', NEW.title,\n                'is_muted', NEW.is_muted,\n                'location', NEW.location",
);
const ONLY_LOCAL_WHEN = updateTrigger('(OLD.is_muted != NEW.is_muted)', "'is_muted', NEW.is_muted, 'title', NEW.title, 'location', NEW.location");
const ONE_LINE = `"CREATE TRIGGER event_crud_update AFTER UPDATE ON event FOR EACH ROW WHEN OLD.is_muted <> NEW.is_muted OR OLD.title IS NOT NEW.title OR OLD.location IS NOT NEW.location BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES (\\'PATCH\\', NEW.id, 'event', json_object('title', NEW.title, 'location', NEW.location, 'is_muted', NEW.is_muted)); END"`;

for (const [label, literal, expected] of [
  [
    'local-only terms in an OR chain, one entry per line',
    MIXED,
    /\n {8}WHEN OLD\.title IS NOT NEW\.title OR OLD\.location IS NOT NEW\.location\n[^]*json_object\(\n {16}'title', NEW\.title,\n {16}'location', NEW\.location\n {12}\)\);\n/,
  ],
  [
    'a WHEN over the local-only column only (rebuilt over the synced columns)',
    ONLY_LOCAL_WHEN,
    /\n {8}WHEN OLD\.title IS NOT NEW\.title OR OLD\.location IS NOT NEW\.location\n {8}BEGIN\n[^]*json_object\(\n {16}'title', NEW\.title, 'location', NEW\.location\n/,
  ],
  [
    'a one-line string with escapes',
    ONE_LINE,
    /ROW WHEN OLD\.title IS NOT NEW\.title OR OLD\.location IS NOT NEW\.location BEGIN .*\\'PATCH\\', NEW\.id, 'event', json_object\('title', NEW\.title, 'location', NEW\.location\)\); END"/,
  ],
] as const) {
  test(`trigger-uploads-local-columns fix (${label}): no local-only key uploaded, a local-only edit queues nothing`, async () => {
    const input = files(literal);
    const fixed = await applyFirstFix(input, RULE);
    const text = fixed.files[TRIGGERS];
    assert.match(text, expected);
    assert.doesNotMatch(text, /is_muted/);
    await assertFixed(fixed, RULE, input, ['trigger-update-not-null-safe']);

    const db = await databaseWithTriggers(fixed.model, 'event');
    db.exec("INSERT INTO event (id, title, location, is_muted) VALUES ('e1', 'party', NULL, 0)");
    assert.deepEqual(localWrite(db, "UPDATE event SET is_muted = 1 WHERE id = 'e1'"), { ok: true });
    assert.deepEqual(readCrud(db), []);
    assert.deepEqual(localWrite(db, "UPDATE event SET location = 'garden', is_muted = 0 WHERE id = 'e1'"), { ok: true });
    assert.deepEqual(readCrud(db).map((c) => [c.op, c.type, c.id, c.data]), [['PATCH', 'event', 'e1', { title: 'party', location: 'garden' }]]);
    db.close();
  });
}

test('trigger-uploads-local-columns: no fix when json_object holds only local-only entries, or the SQL is a template', async () => {
  const onlyLocal = updateTrigger('OLD.title IS NOT NEW.title', "'is_muted', NEW.is_muted");
  const template = MIXED.replace('ON event FOR', 'ON $EVENT_TABLE FOR');
  for (const [label, workspace] of [
    ['only local-only entries', files(onlyLocal)],
    ['a template', files(template, 'const val EVENT_TABLE = "event"\n')],
  ] as const) {
    const { model, analyzer } = await analyzeFiles(workspace);
    const findings = runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === RULE);
    assert.equal(findings.length, 1, label);
    assert.deepEqual(findings[0].fixes, [], label);
  }
});
