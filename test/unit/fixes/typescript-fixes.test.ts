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
