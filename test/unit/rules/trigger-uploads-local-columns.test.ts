import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureFindings, places, textAt } from '../../support/findings';
import { fixturePath } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { triggerUploadsLocalColumns } from '../../../server/src/rules/trigger-uploads-local-columns';
import { localWrite, readCrud } from '../../../server/src/engine/sync-simulation';
import { syncFixture } from './fixture-sync';

const TRIGGERS = 'src/commonMain/kotlin/com/example/bookmarks/data/CrudTriggers.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/bookmarks/data/Entities.kt';

test('trigger-uploads-local-columns: a local-only column in json_object, also inside powersync_diff', () => {
  const findings = fixtureFindings('rule-trigger-uploads-local-columns', 'trigger-uploads-local-columns');
  assert.deepEqual(places(findings), [`${TRIGGERS}:16`, `${TRIGGERS}:58`]);
  // Each squiggle covers the json_object entry that carries the column.
  assert.deepEqual(findings.map((f) => textAt(fixturePath('rule-trigger-uploads-local-columns', TRIGGERS), f.range)), ["'is_pinned', NEW.is_pinned", "'note', OLD.local_note"]);
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'error']);
  const [insert, update] = findings;
  assert.match(insert.message, /'bookmark_crud_insert' uploads the local-only column 'is_pinned' of 'bookmark'/);
  assert.match(update.message, /'folder_crud_update' uploads the local-only column 'local_note' of 'folder'/);
  assert.deepEqual(insert.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${ENTITIES}:13 local-only column 'is_pinned'`]);
});

test('trigger-uploads-local-columns: the same triggers over the synced columns only are clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-trigger-uploads-local-columns-ok', 'trigger-uploads-local-columns')), []);
});

test('trigger-uploads-local-columns: silent when the synced columns are unknown', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/Entities.kt': `package app
import androidx.room.Entity
import androidx.room.PrimaryKey
@Entity(tableName = "note")
data class Note(@PrimaryKey val id: String, val body: String?, val secret: String?)
`,
    'src/commonMain/kotlin/Schema.kt': `package app
import com.powersync.db.schema.*
val note = RawTable(
    name = "note",
    put = PendingStatement(Queries.NOTE_PUT, listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("body"))),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
fun triggers(db: SupportSQLiteDatabase) {
    db.execSQL("CREATE TRIGGER note_insert AFTER INSERT ON note BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PUT', NEW.id, 'note', json_object('body', NEW.body, 'secret', NEW.secret)); END")
}
`,
  });
  assert.equal(model.triggers.length, 1);
  assert.deepEqual(triggerUploadsLocalColumns.check(model, {}), []);
});

test('trigger-uploads-local-columns at run time: the local-only value lands in the upload queue', async () => {
  for (const [fixture, expected] of [
    ['rule-trigger-uploads-local-columns', { url: 'https://example.com', title: 'Example', is_pinned: 1 }],
    ['rule-trigger-uploads-local-columns-ok', { url: 'https://example.com', title: 'Example' }],
  ] as const) {
    const { db, model } = await syncFixture(fixture);
    for (const trigger of model.triggers) assert.deepEqual(localWrite(db, trigger.sql!), { ok: true }, fixture);
    const insert = "insert into bookmark (id, url, title, is_pinned) values ('b1', 'https://example.com', 'Example', 1)";
    assert.deepEqual(localWrite(db, insert), { ok: true });
    assert.deepEqual(readCrud(db).map((c) => c.data), [expected], fixture);
    db.close();
  }
});
