import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { powerSyncVersionCatalog, rawTable, rawTableSchema } from '../../support/kotlin-sources';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';

const SCHEMA_FILE = 'src/commonMain/kotlin/app/Schema.kt';

const FILES = {
  'src/commonMain/kotlin/app/Note.kt': `package app

import androidx.room.*

@Entity(tableName = "note")
data class Note(@PrimaryKey val id: String, val title: String)
`,
  [SCHEMA_FILE]: `${rawTableSchema('app', [rawTable('note', ['title'])])}
val appSchema = Schema(noteTable)

// The module's only schema: the database cleared here is opened with it.
suspend fun signOut(db: com.powersync.PowerSyncDatabase) {
    db.disconnectAndClear()
}
`,
  'gradle/libs.versions.toml': powerSyncVersionCatalog('1.11.2'),
};

test('missing-clear fix: adds clear = "DELETE FROM note", which runs against the derived table', async () => {
  const fixed = await applyFirstFix(FILES, 'missing-clear');
  assert.match(fixed.files[SCHEMA_FILE], /delete = PendingStatement\("DELETE FROM note WHERE id = \?", listOf\(PendingStatementParameter\.Id\)\),\n {4}clear = "DELETE FROM note",\n\)/);
  await assertFixed(fixed, 'missing-clear', FILES);
  const clear = fixed.model.rawTables[0].clear?.sql;
  assert.equal(clear, 'DELETE FROM note');
  const db = await openCoreDatabase(fixed.model.tables[0].createSql);
  assert.equal(validate(db, clear!).ok, true);
  db.close();
});

test('before PowerSync 1.8 there is no clear parameter to add: no fix is offered', async () => {
  const old = { ...FILES, 'gradle/libs.versions.toml': powerSyncVersionCatalog('1.5.1') };
  await assert.rejects(applyFirstFix(old, 'missing-clear'), /has no fix/);
});
