import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPreviewDatabase, planPreviewDatabase } from '../../../server/src/engine/preview-database';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { analyzeFiles } from '../../support/workspace';
import { wasmDir } from '../../support/paths';

const LIBRARY = `package shelf

import androidx.room.*

@Entity(tableName = "book")
data class Book(@PrimaryKey val id: String, val title: String, val blurb: String?)

@Entity(tableName = "book_fts")
@Fts4(contentEntity = Book::class, tokenizer = FtsOptions.TOKENIZER_UNICODE61, tokenizerArgs = ["remove_diacritics=2"], notIndexed = ["blurb"], prefix = [2, 3])
data class BookFts(val title: String, val blurb: String?)

@Entity(tableName = "note_fts")
@Fts3(tokenizer = FtsOptions.TOKENIZER_PORTER)
data class NoteFts(val text: String)

@Database(entities = [Book::class, BookFts::class, NoteFts::class], version = 1)
abstract class ShelfDatabase : RoomDatabase()
`;

test('FTS entities are created in the preview database as the virtual tables Room creates', async () => {
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/shelf/Library.kt': LIBRARY });
  const plan = planPreviewDatabase(model);
  assert.deepEqual(plan.statements.map((s) => `${s.kind} ${s.name}`), ['table book', 'table book_fts', 'table note_fts']);
  assert.deepEqual(plan.notes, []);
  const built = buildPreviewDatabase(await loadEngine(wasmDir()), plan);
  try {
    assert.deepEqual(built.statements.filter((s) => !s.ok).map((s) => [s.name, s.error]), []);
    built.db.exec("insert into note_fts(text) values ('running shoes')");
    assert.equal(built.db.scalar("select count(*) from note_fts where note_fts match 'run'"), 1);
    // SQLite parses an FTS column's type and NOT NULL and ignores them (what the rules rely on).
    built.db.exec("insert into note_fts(text) values (NULL), ('7')");
    assert.deepEqual(built.db.query('select typeof(text) as type from note_fts where rowid > 1 order by rowid').map((r) => r.type), ['null', 'text']);
  } finally {
    built.db.close();
  }
});

test('an FTS table whose tokenizer the preview\'s SQLite lacks is left out with a note, not failed', async () => {
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/shelf/Library.kt': LIBRARY.replace('FtsOptions.TOKENIZER_PORTER', 'FtsOptions.TOKENIZER_ICU') });
  const plan = planPreviewDatabase(model);
  assert.deepEqual(plan.statements.map((s) => `${s.kind} ${s.name}`), ['table book', 'table book_fts']);
  assert.deepEqual(plan.notes.map((n) => [n.kind, n.name]), [['table', 'note_fts']]);
  assert.match(plan.notes[0].reason, /tokenizer 'icu' is not built into the preview's SQLite/);
  const built = buildPreviewDatabase(await loadEngine(wasmDir()), plan);
  try {
    assert.equal(built.ok, true);
  } finally {
    built.db.close();
  }
});
