// Fixes on a TypeScript app (examples/web-app) write TypeScript: the upsert put in a template
// literal, trigger SQL edited inside its template literal. Each is applied, the file re-parsed,
// the finding re-checked, and the edited SQL run in the PowerSync core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import { repoRoot } from '../../support/paths';
import { openCoreDatabase } from '../engine/core-database';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

const FILES = filesUnder(path.join(repoRoot(), 'examples', 'web-app'));

for (const rule of ['replace-resets-local-columns', 'trigger-uploads-local-columns', 'trigger-update-not-null-safe']) {
  test(`${rule}: the preferred fix on the TypeScript app writes valid TypeScript and clears the finding`, async () => {
    const fixed = await applyFirstFix(FILES, rule);
    await assertFixed(fixed, rule, FILES);
    // Nothing Kotlin-shaped lands in a TypeScript file.
    for (const [name, text] of Object.entries(fixed.files)) {
      if (text === FILES[name]) continue;
      assert.doesNotMatch(text, /trimIndent|\$\{'\$'\}|listOf\(|execSQL/, name);
    }
  });
}

test('the fixed triggers of the TypeScript app upload synced columns only, and NULL edits, in the core', async () => {
  let files = FILES;
  for (const rule of ['trigger-uploads-local-columns', 'trigger-update-not-null-safe']) files = (await applyFirstFix(files, rule)).files;
  const fixed = await applyFirstFix(files, 'replace-resets-local-columns');
  const todos = fixed.model.tables.find((t) => t.name === 'todos')!;
  const db = await openCoreDatabase(fixed.model.tables.find((t) => t.name === 'lists')!.createSql, todos.createSql);
  for (const trigger of fixed.model.triggers.filter((t) => t.table === 'todos' && t.sql)) db.exec(trigger.sql!);
  assert.deepEqual(localWrite(db, "INSERT INTO lists (id, name) VALUES ('l1', 'L')"), { ok: true });
  assert.deepEqual(localWrite(db, "INSERT INTO todos (id, list_id, description, completed, draft) VALUES ('t1', 'l1', NULL, 0, 'secret')"), { ok: true });
  assert.deepEqual(localWrite(db, "UPDATE todos SET description = 'now set' WHERE id = 't1'"), { ok: true });
  const crud = readCrud(db);
  assert.deepEqual(crud.map((c) => c.op), ['PUT', 'PATCH']);
  assert.equal((crud[0].data as Record<string, unknown>).draft, undefined, 'the local-only draft is not uploaded');
  assert.equal((crud[1].data as Record<string, unknown>).description, 'now set', 'an edit from NULL is uploaded');
  db.close();
});

for (const example of ['web-app', 'flutter-app']) {
  test(`missing-crud-triggers on ${example}: the fix appends an installer in the app's language that runs the core's trigger SQL, and the triggers record local writes in the core`, async () => {
    const files = filesUnder(path.join(repoRoot(), 'examples', example));
    const fixed = await applyFirstFix(files, 'missing-crud-triggers');
    const [changed] = Object.keys(fixed.files).filter((name) => fixed.files[name] !== files[name]);
    const added = fixed.files[changed].slice(files[changed].trimEnd().length);
    // Nothing calls the installer yet, so no trigger is created: the finding stays and says so, with no fix.
    const left = fixed.after.filter((f) => f.rule === 'missing-crud-triggers' && /'lists'/.test(f.message));
    assert.equal(left.length, 1, fixed.after.map((f) => f.message).join('\n'));
    const file = changed.split('/').slice(-2).join('/').replace(/[./]/g, (c) => `\\${c}`);
    assert.match(left[0].message, new RegExp(`^Local inserts, updates and deletes of 'lists' are never uploaded\\. Its triggers are created in installListsCrudTriggers \\(${file}\\), which nothing in the workspace calls: call it once the table exists, where the app creates its tables\\.$`));
    assert.deepEqual(left[0].fixes, []);
    // Once the app calls it, the triggers run and the finding clears.
    const caller = example === 'web-app'
      ? '\nexport async function createTables(db: { execute(sql: string): Promise<unknown> }): Promise<void> {\n  await installListsCrudTriggers(db);\n}\n'
      : '\nFuture<void> createTables(PowerSyncDatabase db) async {\n  await installListsCrudTriggers(db);\n}\n';
    const called = await analyzeFiles({ ...fixed.files, [changed]: fixed.files[changed] + caller });
    const after = runRules(RULES, called.model, called.analyzer.ruleContext()).findings;
    assert.deepEqual(after.filter((f) => f.rule === 'missing-crud-triggers' && /'lists'/.test(f.message)), []);
    if (example === 'web-app') {
      assert.match(added, /\nexport async function installListsCrudTriggers\(db: \{ execute\(sql: string\): Promise<unknown> \}\): Promise<void> \{\n {2}await db\.execute\('DROP TRIGGER IF EXISTS lists_crud_insert'\);\n/);
    } else {
      assert.match(added, /\nFuture<void> installListsCrudTriggers\(PowerSyncDatabase db\) async \{\n {2}await db\.execute\('DROP TRIGGER IF EXISTS lists_crud_insert'\);\n/);
    }
    assert.doesNotMatch(added, /execSQL|listOf\(|fun /);
    // The statements the model now reads from the new function run in the core and record local writes.
    const lists = fixed.model.tables.find((t) => t.name === 'lists')!;
    const db = await openCoreDatabase(lists.createSql);
    const created = fixed.model.triggers.filter((t) => t.table === 'lists' && t.sql && /^lists_crud_/.test(t.name ?? ''));
    assert.deepEqual(created.map((t) => t.name).sort(), ['lists_crud_delete', 'lists_crud_insert', 'lists_crud_update']);
    for (const trigger of created) db.exec(trigger.sql!);
    assert.deepEqual(localWrite(db, "INSERT INTO lists (id, name, owner_id) VALUES ('l1', 'Home', 'u1')"), { ok: true });
    assert.deepEqual(localWrite(db, "DELETE FROM lists WHERE id = 'l1'"), { ok: true });
    assert.deepEqual(readCrud(db).map((c) => c.op), ['PUT', 'DELETE']);
  });
}
