import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { createSqlOf, entityTablesOf, tableNamed } from './entity-tables';

// FTS entities as Room's FtsEntity.createTableQuery writes them: the columns that are not hidden
// (the rowid key, the languageId column), each as an ordinary entity's column, then the options
// FtsOptions.databaseDefinition adds, each only when it is not the default.

const RECIPE = `package kitchen
import androidx.room.*

@Entity(tableName = "recipe")
data class Recipe(
    @PrimaryKey(autoGenerate = true) val id: Long,
    val title: String,
    val steps: String?,
    val servings: Int,
    val lang: Int,
)
`;

const RECIPE_SEARCH = `package kitchen
import androidx.room.*
import androidx.room.FtsOptions.TOKENIZER_PORTER

@Entity(tableName = "recipe_search")
@Fts4(contentEntity = Recipe::class, tokenizer = TOKENIZER_PORTER, notIndexed = ["servings"])
data class RecipeSearch(
    @PrimaryKey @ColumnInfo(name = "rowid") val rowId: Long,
    val title: String,
    val steps: String?,
    val servings: Int,
)
`;

/** The search entity with its annotation replaced. */
function searchWith(annotation: string): string {
  return RECIPE_SEARCH.replace(/@Fts4\(.*\)\n/, `${annotation}\n`);
}

test('an FTS4 entity: a virtual table without its rowid key, with tokenizer, content table and notindexed', async () => {
  const tables = await entityTablesOf({ 'kitchen/Recipe.kt': RECIPE, 'kitchen/RecipeSearch.kt': RECIPE_SEARCH });
  assert.equal(
    createSqlOf(tables, 'recipe_search'),
    'CREATE VIRTUAL TABLE IF NOT EXISTS `recipe_search` USING FTS4(`title` TEXT NOT NULL, `steps` TEXT, `servings` INTEGER NOT NULL, ' +
      'tokenize=porter, content=`recipe`, notindexed=`servings`)',
  );
  const search = tableNamed(tables, 'recipe_search');
  assert.equal(search.unresolved, undefined);
  assert.deepEqual(search.fts, { version: 'FTS4', tokenizer: 'porter', contentTable: 'recipe' });
  assert.deepEqual(search.columns.map((c) => c.name), ['title', 'steps', 'servings']);
  assert.deepEqual([search.indices, search.foreignKeys, search.primaryKey], [[], [], undefined]);
  // The content entity stays an ordinary table.
  assert.match(createSqlOf(tables, 'recipe'), /^CREATE TABLE IF NOT EXISTS `recipe` \(/);
});

test('a bare @Fts4 adds no options; @Fts3 takes the FTS3 module', async () => {
  const bare = await entityTablesOf({ 'kitchen/Recipe.kt': RECIPE, 'kitchen/RecipeSearch.kt': searchWith('@Fts4') });
  assert.equal(
    createSqlOf(bare, 'recipe_search'),
    'CREATE VIRTUAL TABLE IF NOT EXISTS `recipe_search` USING FTS4(`title` TEXT NOT NULL, `steps` TEXT, `servings` INTEGER NOT NULL)',
  );
  assert.deepEqual(tableNamed(bare, 'recipe_search').fts, { version: 'FTS4', tokenizer: 'simple' });
  const fts3 = await entityTablesOf({ 'kitchen/RecipeSearch.kt': searchWith('@Fts3(tokenizer = FtsOptions.TOKENIZER_UNICODE61, tokenizerArgs = ["remove_diacritics=0"])') });
  assert.equal(
    createSqlOf(fts3, 'recipe_search'),
    'CREATE VIRTUAL TABLE IF NOT EXISTS `recipe_search` USING FTS3(`title` TEXT NOT NULL, `steps` TEXT, `servings` INTEGER NOT NULL, tokenize=unicode61 `remove_diacritics=0`)',
  );
});

test('every FTS4 option in Room\'s order; the languageId column is hidden like the rowid', async () => {
  const annotation = '@Fts4(order = FtsOptions.Order.DESC, prefix = [2, 4], matchInfo = FtsOptions.MatchInfo.FTS3, languageId = "lang", ' +
    'notIndexed = ["servings", "steps"], tokenizerArgs = ["x=1"], contentEntity = Recipe::class)';
  const source = searchWith(annotation).replace('val servings: Int,\n)', 'val servings: Int,\n    val lang: Int,\n)');
  const tables = await entityTablesOf({ 'kitchen/Recipe.kt': RECIPE, 'kitchen/RecipeSearch.kt': source });
  assert.equal(
    createSqlOf(tables, 'recipe_search'),
    'CREATE VIRTUAL TABLE IF NOT EXISTS `recipe_search` USING FTS4(`title` TEXT NOT NULL, `steps` TEXT, `servings` INTEGER NOT NULL, ' +
      'tokenize=simple `x=1`, content=`recipe`, languageid=`lang`, matchinfo=fts3, notindexed=`servings`, notindexed=`steps`, prefix=`2,4`, order=DESC)',
  );
  assert.equal(tableNamed(tables, 'recipe_search').unresolved, undefined);
});

test('the default options written out change nothing; a user constant holding Room\'s is followed', async () => {
  const annotation = '@Fts4(tokenizer = SEARCH_TOKENIZER, matchInfo = FtsOptions.MatchInfo.FTS4, order = FtsOptions.Order.ASC, contentEntity = Any::class, languageId = "")';
  const source = searchWith(annotation).replace('@Entity(', 'const val SEARCH_TOKENIZER = FtsOptions.TOKENIZER_SIMPLE\n\n@Entity(');
  const tables = await entityTablesOf({ 'kitchen/RecipeSearch.kt': source });
  assert.equal(
    createSqlOf(tables, 'recipe_search'),
    'CREATE VIRTUAL TABLE IF NOT EXISTS `recipe_search` USING FTS4(`title` TEXT NOT NULL, `steps` TEXT, `servings` INTEGER NOT NULL)',
  );
  assert.equal(tableNamed(tables, 'recipe_search').unresolved, undefined);
});

test('an option that cannot be evaluated leaves the FTS table unresolved, without a statement', async () => {
  for (const annotation of [
    '@Fts4(tokenizer = Elsewhere.TOKENIZER)',
    '@Fts4(contentEntity = Missing::class)',
    '@Fts4(notIndexed = Elsewhere.COLUMNS)',
    '@Fts4(prefix = [Elsewhere.SIZE])',
  ]) {
    const tables = await entityTablesOf({ 'kitchen/RecipeSearch.kt': searchWith(annotation) });
    const search = tableNamed(tables, 'recipe_search');
    assert.equal(search.createSql, '', annotation);
    assert.equal(search.unresolved?.length, 1, annotation);
  }
});

test('what Room rejects stays unresolved: a key other than rowid, a rowid without @PrimaryKey, an unknown notIndexed column, indices', async () => {
  const variants = [
    searchWith('@Fts4').replace('@PrimaryKey @ColumnInfo(name = "rowid") val rowId', '@PrimaryKey val rowId'),
    searchWith('@Fts4').replace('@PrimaryKey @ColumnInfo', '@ColumnInfo'),
    searchWith('@Fts4(notIndexed = ["servings_count"])'),
    searchWith('@Fts4').replace('@Entity(tableName = "recipe_search")', '@Entity(tableName = "recipe_search", indices = [Index("title")])'),
  ];
  for (const source of variants) {
    const search = tableNamed(await entityTablesOf({ 'kitchen/RecipeSearch.kt': source }), 'recipe_search');
    assert.ok(search.unresolved && search.unresolved.length > 0, source);
    assert.deepEqual(search.indices, []);
  }
});

test('a Java FTS entity: a single element stands for an array, and Object.class is no content table', async () => {
  const { model } = await analyzeFiles({
    'app/src/main/java/kitchen/Note.java': `package kitchen;

import androidx.annotation.NonNull;
import androidx.room.Entity;
import androidx.room.Fts4;
import androidx.room.FtsOptions;

@Entity(tableName = "note_fts")
@Fts4(tokenizer = FtsOptions.TOKENIZER_UNICODE61, tokenizerArgs = "tokenchars=_", notIndexed = "created", contentEntity = Object.class)
public class Note {
    @NonNull public String body;
    public long created;
}
`,
  });
  const note = tableNamed(model.tables, 'note_fts');
  assert.equal(note.createSql, 'CREATE VIRTUAL TABLE IF NOT EXISTS `note_fts` USING FTS4(`body` TEXT NOT NULL, `created` INTEGER NOT NULL, tokenize=unicode61 `tokenchars=_`, notindexed=`created`)');
  assert.equal(note.unresolved, undefined);
});
