import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix } from '../../support/apply-fix';
import { factsOf } from '../../support/workspace';
import { openCoreDatabase } from '../engine/core-database';
import { validate } from '../../../server/src/engine/validate';

const FILES = {
  'src/commonMain/kotlin/app/Note.kt': `package app

import androidx.room.*

@Entity(tableName = "note")
data class Note(@PrimaryKey val id: String, val title: String)
`,
  'src/commonMain/kotlin/app/Schema.kt': `package app

import com.powersync.db.schema.*

val noteTable = RawTable(
    name = "note",
    put = PendingStatement(
        "INSERT INTO note (id, title) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("title")),
    ),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
)

suspend fun signOut(db: com.powersync.PowerSyncDatabase) {
    db.disconnectAndClear()
}
`,
  'gradle/libs.versions.toml': `[versions]
powersync = "1.11.2"

[libraries]
powersync-core = { module = "com.powersync:core", version.ref = "powersync" }
`,
};

test('missing-clear fix: adds clear = "DELETE FROM note", which runs against the derived table', async () => {
  const fixed = await applyFirstFix(FILES, 'missing-clear');
  const text = fixed.files['src/commonMain/kotlin/app/Schema.kt'];
  assert.match(text, /delete = PendingStatement\("DELETE FROM note WHERE id = \?", listOf\(PendingStatementParameter\.Id\)\),\n {4}clear = "DELETE FROM note",\n\)/);
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'missing-clear'), []);
  assert.equal((await factsOf(text, 'src/commonMain/kotlin/app/Schema.kt')).syntaxErrors.length, 0);
  const clear = fixed.model.rawTables[0].clear?.sql;
  assert.equal(clear, 'DELETE FROM note');
  const db = await openCoreDatabase(fixed.model.tables[0].createSql);
  assert.equal(validate(db, clear!).ok, true);
  db.close();
});

test('before PowerSync 1.8 there is no clear parameter to add: no fix is offered', async () => {
  const old = { ...FILES, 'gradle/libs.versions.toml': FILES['gradle/libs.versions.toml'].replace('1.11.2', '1.5.1') };
  await assert.rejects(applyFirstFix(old, 'missing-clear'), /has no fix/);
});
