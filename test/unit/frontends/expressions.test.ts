import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf, analyzeFiles } from '../../support/workspace';
import { evaluateString, trimIndent, trimMargin } from '../../../server/src/model/evaluate';

test('trimIndent and trimMargin follow Kotlin', () => {
  assert.equal(trimIndent('\n    a\n      b\n    c\n'), 'a\n  b\nc');
  assert.equal(trimMargin('\n  |a\n  |  b\n', '|'), 'a\n  b');
  assert.equal(trimMargin('\n  #a\n', '#'), 'a');
});

test('a file with a syntax error still parses and reports where', async () => {
  const facts = await factsOf('package a\nval x = (\nclass Ok\n');
  assert.ok(facts.syntaxErrors.length > 0);
  assert.equal(facts.syntaxErrors[0].range.start.line >= 1, true);
});

test('disable comments name the next line', async () => {
  const facts = await factsOf('// rawsync-disable-next-line put-not-upsert, schema-order\nval x = 1\n');
  assert.deepEqual(facts.disableComments.map((c) => [c.line, c.rules]), [[1, ['put-not-upsert', 'schema-order']]]);
});

test('evaluateString resolves nothing without constants', async () => {
  const { model } = await analyzeFiles({});
  assert.equal(model.tables.length, 0);
  assert.equal(evaluateString({ kind: 'ref', name: 'X', loc: { uri: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } } }, { constant: () => undefined }), undefined);
});

test('comments between the items of a list literal are not items', async () => {
  const { model } = await analyzeFiles({
    'src/commonMain/kotlin/app/Db.kt': `package app

import androidx.room.Database
import androidx.room.Entity
import androidx.room.PrimaryKey
import androidx.room.RoomDatabase

@Entity data class A(@PrimaryKey val id: String)
@Entity data class B(@PrimaryKey val id: String)

@Database(
    entities = [
        A::class, // the first
        /* and then */ B::class,
    ],
    version = 1,
)
abstract class Db : RoomDatabase()
`,
  });
  assert.deepEqual(model.roomDatabases.flatMap((d) => d.entities.map((e) => e.className)), ['A', 'B']);
});
