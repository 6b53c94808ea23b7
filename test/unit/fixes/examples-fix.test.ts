import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/cli';
import { checkJson } from '../../support/findings';
import { filesUnder as contents } from '../../support/fixture-files';
import { repoRoot } from '../../support/paths';


test('rawsync fix on a copy of examples/todo-app removes every fixable finding, and a second run changes nothing', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rawsync-todo-fix-'));
  try {
    cpSync(path.join(repoRoot(), 'examples', 'todo-app'), dir, { recursive: true });
    const before = checkJson(dir).findings;
    assert.ok(before.some((f) => f.rule === 'missing-crud-triggers' && f.fixes.length > 0));

    const kindsBefore = (JSON.parse(runCli(['preview', dir, '--format', 'json']).stdout) as { simulation: { outcomes: { kind: string }[] } }).simulation.outcomes.map((o) => o.kind);
    // The rows are the sync config's, so the put's createdAt binds NULL and the first sync fails on it
    // (todo's foreign-key and upsert failures wait behind it: the later steps run without todo).
    for (const kind of ['constraint', 'local-only-reset', 'no-upload']) assert.ok(kindsBefore.includes(kind), `the preview reports ${kind} before the fix`);

    const first = runCli(['fix', dir]);
    assert.ok(first.status === 0 || first.status === 1, first.stderr);
    const fixed = contents(dir);
    const after = checkJson(dir).findings;
    // Every preferred fix is applied. What stays: profile's triggers, whose only fix is not preferred
    // because the core's triggers would upload the local column 'email', which the server renamed to
    // email_address (every upload rejected is worse than none): the keys are the app's to map.
    assert.deepEqual(after.filter((f) => f.fixes.length > 0).map((f) => `${f.rule} ${path.basename(f.file)}`), ['missing-crud-triggers PowerSyncSchema.kt']);
    const profileTriggers = after.filter((f) => f.rule === 'missing-crud-triggers');
    assert.deepEqual(profileTriggers.map((f) => f.message.slice(0, 60)), ["Local inserts, updates and deletes of 'profile' are never up"]);
    assert.deepEqual(profileTriggers[0].fixes.map((f) => f.preferred), [false]);
    assert.match(profileTriggers[0].fixes[0].title, /\(it uploads 'email', which public\.profile does not have: map that key to the Postgres names before relying on it\)$/);
    // No finding the fixes did not address appeared, but one they reveal: the installed triggers now
    // fire on Room's writes, and on PowerSync 1.5.1 (no integration-room) nothing can make Room's
    // two BundledSQLiteDrivers load the extension. That is the app's step, said without a fix.
    const beforeRules = new Set(before.map((f) => f.rule));
    const revealed = after.filter((f) => !beforeRules.has(f.rule));
    assert.deepEqual(revealed.map((f) => `${f.rule} ${path.basename(f.file)} ${f.fixes.length}`), [
      'room-driver-without-extension AndroidDatabases.kt 0',
      'room-driver-without-extension IosDatabases.kt 0',
    ]);
    for (const f of revealed) assert.match(f.message, /CRUD triggers fire on Room's own writes.*com\.powersync:integration-room \(PowerSync 1\.6\.0 and later\)/);
    // Each generated trigger function is there once, with its imports once.
    const schema = Object.entries(fixed).find(([file]) => file.endsWith('PowerSyncSchema.kt'))![1];
    for (const table of ['TodoList', 'Todo']) assert.equal(schema.split(`fun install${table}CrudTriggers(`).length, 2, table);
    assert.equal(schema.split('fun installProfileCrudTriggers(').length, 1);
    assert.equal(schema.split('import androidx.sqlite.execSQL\n').length, 2);

    // The fixed app, built and synced in the real core: the sync steps pass (the put keys renamed to
    // what the server sends, by put-column-not-synced's preferred fixes), and only profile's local
    // writes still queue no upload, the triggers left to the app.
    const previewOf = () => JSON.parse(runCli(['preview', dir, '--format', 'json']).stdout) as { simulation: { steps: { id: string; ok: boolean }[]; outcomes: { kind: string; table?: string }[] } };
    const preview = previewOf();
    assert.ok(preview.simulation.steps.length > 10, 'the simulation ran');
    assert.deepEqual(preview.simulation.steps.filter((s) => !s.ok).map((s) => s.id), ['local-insert:profile', 'local-update-synced:profile', 'local-delete:profile']);
    assert.deepEqual([...new Set(preview.simulation.outcomes.map((o) => o.kind))], ['no-upload']);

    const second = runCli(['fix', dir]);
    assert.ok(second.status === 0 || second.status === 1, second.stderr);
    assert.deepEqual(contents(dir), fixed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
