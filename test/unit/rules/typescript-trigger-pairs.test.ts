// The trigger rules on TypeScript fixture pairs (see typescript-rule-pairs.test.ts for the others
// and for the rules that do not apply to TypeScript): triggers created with db.execute / tx.execute
// in writeTransaction, as template literals, and through the core's
// powersync_create_raw_table_crud_trigger with Schema.rawTableToJson. Fixes are applied and re-checked;
// the fixtures' triggers run in the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, places, textAt, type JsonFinding } from '../../support/findings';
import { applyEdits, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { fixturePath } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { createTriggers, membersUploadedKeys, shelvesAndBooksQueued, syncFixture } from './fixture-sync';

const summary = (f: JsonFinding) => `${f.rule} ${f.severity} ${places([f])[0]}`;
const findingsOf = (dir: string) => checkJson(dir).findings;


/** Applies the preferred fix of each finding of `rule`, one at a time (each re-checked), until none is left. */
async function fixAll(input: Record<string, string>, rule: string): Promise<{ files: Record<string, string>; before: ReturnType<typeof runRules>['findings']; after: ReturnType<typeof runRules>['findings'] }> {
  const first = await analyzeFiles(input);
  const before = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
  let files = input;
  let after = before;
  for (let round = 0; round < 5 && after.some((f) => f.rule === rule); round++) {
    const finding = after.find((f) => f.rule === rule)!;
    const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
    assert.ok(fix, `a fix for: ${finding.message}`);
    const next = await applyEdits(files, fix.edits);
    files = next.files;
    after = next.after;
  }
  return { files, before, after };
}

// missing-crud-triggers

const READING = 'ts-rule-missing-crud-triggers';

test('missing-crud-triggers (TS): the core helper creates triggers for shelves only; books has none', () => {
  const findings = findingsOf(fixturePath(READING));
  assert.deepEqual(findings.map(summary), ['missing-crud-triggers warning src/powersync/schema.ts:5']);
  assert.equal(textAt(fixturePath(READING, 'src/powersync/schema.ts'), findings[0].range), 'books: BOOKS');
  assert.match(findings[0].message, /^Local inserts, updates and deletes of 'books' are never uploaded\. No trigger records local writes to 'books' in powersync_crud/);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), ["src/powersync/db.ts:10 table 'books'"]);
});

test('missing-crud-triggers (TS): a helper loop over INSERT and DELETE only leaves UPDATE missing, and says so', () => {
  const dir = fixtureVariant('ts-rule-missing-crud-triggers-ok', {
    'src/powersync/db.ts': replacing("for (const event of ['INSERT', 'UPDATE', 'DELETE'])", "for (const event of ['INSERT', 'DELETE'])"),
  });
  const findings = findingsOf(dir);
  assert.deepEqual(findings.map(summary), ['missing-crud-triggers warning src/powersync/schema.ts:5', 'missing-crud-triggers warning src/powersync/schema.ts:5']);
  assert.match(findings[0].message, /^Local updates of 'shelves' are never uploaded\. 'shelves' has no UPDATE trigger writing powersync_crud/);
  assert.match(findings[1].message, /^Local updates of 'books' are never uploaded\./);
});

test('missing-crud-triggers (TS) at run time: the core\'s triggers queue shelves writes; books writes leave no trace; the ok twin queues both', async () => {
  await shelvesAndBooksQueued(READING);
});

// trigger-uploads-local-columns

const CHAT = 'ts-rule-trigger-uploads-local-columns';
const LOCAL_SCHEMA = 'src/sync/local-schema.ts';

test('trigger-uploads-local-columns (TS): the INSERT trigger in writeTransaction uploads the device-only avatar_cache', () => {
  const findings = findingsOf(fixturePath(CHAT));
  assert.deepEqual(findings.map(summary), [`trigger-uploads-local-columns error ${LOCAL_SCHEMA}:16`]);
  assert.equal(textAt(fixturePath(CHAT, LOCAL_SCHEMA), findings[0].range), "'avatar_cache', NEW.avatar_cache");
  assert.match(findings[0].message, /^Trigger 'members_insert' uploads the local-only column 'avatar_cache' of 'members'\./);
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${LOCAL_SCHEMA}:5 local-only column 'avatar_cache'`]);
});

test('trigger-uploads-local-columns (TS) fix: json_object keeps the synced columns in the template literal; it parses and the finding is gone', async () => {
  const input = filesUnder(fixturePath(CHAT));
  const fixed = await fixAll(input, 'trigger-uploads-local-columns');
  await assertFixed(fixed, 'trigger-uploads-local-columns', input);
  assert.match(fixed.files[LOCAL_SCHEMA], /json_object\('display_name', NEW\.display_name, 'role', NEW\.role\)\);\n      END`\);\n    await tx\.execute\(`\n      CREATE TRIGGER IF NOT EXISTS members_update/);
});

test('trigger-uploads-local-columns (TS) at run time: a local insert uploads avatar_cache; the ok twin uploads the synced columns only', async () => {
  await membersUploadedKeys(CHAT);
});

// trigger-update-not-null-safe

const NOTES = 'ts-rule-trigger-update-not-null-safe';

test('trigger-update-not-null-safe (TS): != on a nullable column in WHEN, and an UPDATE trigger without WHEN beside a local-only column', () => {
  const findings = findingsOf(fixturePath(NOTES));
  assert.deepEqual(findings.map(summary), [`trigger-update-not-null-safe warning ${LOCAL_SCHEMA}:20`, `trigger-update-not-null-safe warning ${LOCAL_SCHEMA}:44`]);
  assert.deepEqual(findings.map((f) => textAt(fixturePath(NOTES, LOCAL_SCHEMA), f.range)), ['!=', 'channels_update']);
  const [compare, noWhen] = findings;
  // display_name is NOT NULL: only role is named.
  assert.match(compare.message, /^UPDATE trigger 'members_update' never uploads edits to or from NULL\. It compares OLD\.role != NEW\.role in its WHEN clause\./);
  assert.match(noWhen.message, /^UPDATE trigger 'channels_update' uploads unchanged rows\. .*only the local-only column 'muted' changes/);
});

test('trigger-update-not-null-safe (TS) fix: IS NOT for !=, a WHEN over the synced columns; the file parses and both findings are gone', async () => {
  const input = filesUnder(fixturePath(NOTES));
  const fixed = await fixAll(input, 'trigger-update-not-null-safe');
  await assertFixed(fixed, 'trigger-update-not-null-safe', input);
  const text = fixed.files[LOCAL_SCHEMA];
  // Only the nullable comparison changes: display_name is NOT NULL, where != is safe.
  assert.match(text, /WHEN OLD\.display_name != NEW\.display_name OR OLD\.role IS NOT NEW\.role\n/);
  assert.match(text, /CREATE TRIGGER IF NOT EXISTS channels_update AFTER UPDATE ON channels\n      WHEN OLD\.name IS NOT NEW\.name OR OLD\.topic IS NOT NEW\.topic\n      BEGIN/);
});

test('trigger-update-not-null-safe (TS) at run time: a role set from NULL is lost and muting a channel is uploaded; the ok twin the other way round', async () => {
  for (const [fixture, queued] of [[NOTES, ['PATCH channels']], [`${NOTES}-ok`, ['PATCH members']]] as const) {
    const { db, model } = await syncFixture(fixture);
    createTriggers(db, model.triggers);
    localWrite(db, "INSERT INTO members (id, display_name, role) VALUES ('m1', 'Ada', NULL)");
    localWrite(db, "INSERT INTO channels (id, name) VALUES ('c1', 'general')");
    const before = readCrud(db).length;
    assert.deepEqual(localWrite(db, "UPDATE members SET role = 'admin' WHERE id = 'm1'"), { ok: true });
    assert.deepEqual(localWrite(db, "UPDATE channels SET muted = 1 WHERE id = 'c1'"), { ok: true });
    assert.deepEqual(readCrud(db).slice(before).map((c) => `${c.op} ${c.type}`), queued, fixture);
    db.close();
  }
});
