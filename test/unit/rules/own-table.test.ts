import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { analyzeFixture } from '../../support/workspace';
import { findTable } from '../../../server/src/model/synced-tables';
import { tableAt } from '../../../server/src/model/table-definitions';

// Two tests each create `lists` their own way, each with a raw table whose put fits its own table.
const FIXTURE = 'rule-statement-invalid-own-table';
const DIR = 'src/commonTest/kotlin/com/example/lists';
const EXTRAS = `${DIR}/ExtrasTest.kt`;
const NAMES = `${DIR}/NamesTest.kt`;
const EXTRAS_CREATE = 'db.execute("CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT, extras TEXT)")';

const findingsOf = (dir: string, rule: string) => checkJson(dir).findings.filter((f) => f.rule === rule);

test('own table: the model keeps each shape of a table created differently in two functions, and picks none', async () => {
  const { model } = await analyzeFixture(FIXTURE);
  const lists = model.tables.filter((t) => t.name === 'lists');
  assert.equal(lists.length, 1);
  assert.deepEqual(lists[0].definitions?.map((d) => [d.definedIn?.enclosingFunction, d.columns.map((c) => c.name).join(',')]).sort(), [
    ['keepsColumnsThisClientDoesNotKnow', 'id,name,extras'],
    ['syncsListNames', 'id,name'],
  ]);
  assert.equal(findTable(model, 'lists'), undefined);
  // Each raw table meets the definition its own function creates.
  for (const rawTable of model.rawTables) {
    const { table } = tableAt(model, 'lists', rawTable.scope);
    assert.equal(table?.definedIn?.enclosingFunction, rawTable.scope?.enclosingFunction);
  }
  // Code elsewhere cannot tell which one it meets.
  assert.deepEqual(tableAt(model, 'lists', { uri: 'file:///elsewhere/Other.kt', owner: [] }), { ambiguous: true });
});

test('own table: each put is prepared against the table its own function creates (no finding)', () => {
  assert.deepEqual(places(fixtureFindings(FIXTURE, 'statement-invalid')), []);
});

test('own table: a put naming a column the only definition lacks is reported', () => {
  const dir = fixtureVariant(FIXTURE, {
    [EXTRAS]: replacing(EXTRAS_CREATE, 'db.execute("CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT)")'),
  });
  const findings = findingsOf(dir, 'statement-invalid');
  assert.deepEqual(places(findings), [`${EXTRAS}:16`]);
  assert.match(findings[0].message, /table lists has no column named extras/);
});

test('own table: a put naming a column its own function\'s definition lacks is reported against that definition', () => {
  const dir = fixtureVariant(FIXTURE, {
    [EXTRAS]: replacing(EXTRAS_CREATE, 'db.execute("CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT, extra_fields TEXT)")'),
  });
  const findings = findingsOf(dir, 'statement-invalid');
  assert.deepEqual(places(findings), [`${EXTRAS}:16`]);
  assert.match(findings[0].message, /table lists has no column named extras/);
});

test('own table: nothing when an ALTER TABLE gives the table a shape no CREATE TABLE shows', () => {
  const dir = fixtureVariant(FIXTURE, {
    [EXTRAS]: replacing(EXTRAS_CREATE, 'db.execute("CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT)")\n        db.execute("ALTER TABLE lists ADD COLUMN extras TEXT")'),
  });
  assert.deepEqual(places(findingsOf(dir, 'statement-invalid')), []);
});

test('own table: nothing when neither the raw table\'s function nor its file creates the table', () => {
  const dir = fixtureVariant(FIXTURE, {
    [EXTRAS]: replacing(EXTRAS_CREATE, 'createTables(db)'),
    [`${DIR}/Tables.kt`]: `package com.example.lists\n\nsuspend fun createTables(db: PowerSyncDatabase) {\n    db.execute("CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT, extra_fields TEXT)")\n}\n`,
  });
  assert.deepEqual(places(findingsOf(dir, 'statement-invalid')), []);
});

test('own table: an inferred raw table is matched against its own function\'s table', () => {
  const inferred = (create: string) => fixtureVariant(FIXTURE, {
    [NAMES]: (text) => text
      .replace(/val lists = RawTable\([\s\S]*?\n        \)\n/, 'val lists = RawTable(name = "lists", schema = RawTableSchema())\n')
      .replace('import com.powersync.db.schema.RawTable\n', 'import com.powersync.db.schema.RawTable\nimport com.powersync.db.schema.RawTableSchema\n')
      .replace('db.execute("CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT)")', `db.execute("${create}")`),
  });
  // This function's `lists` has no key on id; the other test's has one.
  const noKey = findingsOf(inferred('CREATE TABLE lists (id TEXT, name TEXT)'), 'raw-table-unmatched');
  assert.deepEqual(places(noKey), [`${NAMES}:14`]);
  assert.match(noKey[0].message, /'id' is neither its PRIMARY KEY nor UNIQUE/);
  assert.deepEqual(places(findingsOf(inferred('CREATE TABLE lists (id TEXT PRIMARY KEY, name TEXT)'), 'raw-table-unmatched')), []);
});
