import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { NOTE_ENTITY, noteSchema } from '../../support/kotlin-sources';
import { openCoreDatabase } from '../engine/core-database';
import { startSync } from '../../../server/src/engine/sync-simulation';
import { validate } from '../../../server/src/engine/validate';

const ENTITY_PATH = 'src/commonMain/kotlin/app/data/NoteEntity.kt';
const SCHEMA_PATH = 'src/commonMain/kotlin/app/sync/Schema.kt';

/** The note schema with the put given; its types imported with a wildcard. */
const schemaFile = (put: string) => noteSchema({ put, imports: 'import com.powersync.db.schema.*' });

for (const [rule, put] of [
  ['put-not-upsert', '"INSERT OR ABORT INTO `note` (`id`,`title`,`body`) VALUES (?,?,?)"'],
  ['replace-resets-local-columns', '"INSERT OR REPLACE INTO note (id, title, body) VALUES (?, ?, ?)"'],
] as const) {
  test(`${rule}: the upsert fix removes the finding and syncs updates while keeping local-only columns`, async () => {
    const files = { [ENTITY_PATH]: NOTE_ENTITY, [SCHEMA_PATH]: schemaFile(put) };
    const fixed = await applyFirstFix(files, rule);
    // Neither upsert rule is left, and no finding of any kind appeared.
    await assertFixed(fixed, rule, files, ['put-not-upsert', 'replace-resets-local-columns']);
    const text = fixed.files[SCHEMA_PATH];
    assert.match(text, /ON CONFLICT\(id\) DO UPDATE SET title = excluded\.title, body = excluded\.body/);

    // The new SQL runs in the engine against the derived schema, and behaves.
    const table = fixed.model.tables.find((t) => t.name === 'note')!;
    const rawTable = fixed.model.rawTables[0];
    const db = await openCoreDatabase(table.createSql);
    const checked = validate(db, rawTable.put!.sql!);
    assert.equal(checked.ok, true);
    assert.equal(checked.ok && checked.parameterCount, rawTable.put!.parameters!.length);
    const schema = { tables: [], raw_tables: [rawTable.coreJson] };
    db.replaceSchema(schema);
    const session = startSync(db, schema);
    assert.equal(session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'a', body: 'b' } }]).applied, true);
    db.exec("UPDATE note SET pinned = 1 WHERE id = 'n1'");
    const second = session.applyCheckpoint([{ op: 'PUT', type: 'note', id: 'n1', data: { title: 'a2', body: 'b2' } }]);
    assert.deepEqual([second.ok, second.error], [true, undefined]);
    assert.deepEqual(db.query("SELECT title, pinned FROM note WHERE id = 'n1'"), [{ title: 'a2', pinned: 1 }]);
    db.close();
  });
}

test('a long put becomes a raw string with trimIndent, kept as the user would write it', async () => {
  const files = {
    [ENTITY_PATH]: NOTE_ENTITY,
    [SCHEMA_PATH]: schemaFile('"""\n            INSERT OR ABORT INTO note (id, title, body)\n            VALUES (?, ?, ?)\n        """.trimIndent()'),
  };
  const fixed = await applyFirstFix(files, 'put-not-upsert');
  const text = fixed.files[SCHEMA_PATH];
  assert.match(text, /"""\n\s+INSERT INTO note \(id, title, body\)\n\s+VALUES \(\?, \?, \?\)\n\s+ON CONFLICT\(id\) DO UPDATE SET title = excluded\.title, body = excluded\.body\n\s+"""\.trimIndent\(\)/);
  assert.equal(fixed.model.rawTables[0].put!.sql, 'INSERT INTO note (id, title, body)\nVALUES (?, ?, ?)\nON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body');
});

test('a put read from a constant gets no automatic rewrite', async () => {
  const files = {
    [ENTITY_PATH]: NOTE_ENTITY,
    [SCHEMA_PATH]: schemaFile('NOTE_PUT').replace('val noteTable', 'const val NOTE_PUT = "INSERT INTO note (id, title, body) VALUES (?, ?, ?)"\n\nval noteTable'),
  };
  await assert.rejects(applyFirstFix(files, 'put-not-upsert'), /has no fix/);
});
