import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { maskBefore, nextRestartLine } from '../../../server/src/frontends/kotlin/error-recovery';

const BROKEN = `package a

import androidx.room.*
import com.powersync.db.schema.*

@Entity(tableName = "one")
data class One(@PrimaryKey val id: String)

@Entity(tableName = "two"
data class Two(@PrimaryKey val id: String

@Entity(tableName = "three")
data class Three(@PrimaryKey val id: String, val name: String)

val threeTable = RawTable(
    name = "three",
    put = PendingStatement(
        "INSERT INTO three (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
        listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("name")),
    ),
    delete = PendingStatement("DELETE FROM three WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`;

test('declarations after a broken one are still read, at their true positions', async () => {
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/a/Tables.kt': BROKEN });
  assert.deepEqual(model.tables.map((t) => t.name).sort(), ['one', 'three']);
  const three = model.tables.find((t) => t.name === 'three')!;
  assert.equal(three.loc.range.start.line, 11);
  assert.equal(three.createSql, 'CREATE TABLE IF NOT EXISTS `three` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, PRIMARY KEY(`id`))');
  assert.deepEqual(model.rawTables.map((r) => [r.name, r.localTable]), [['three', 'three']]);
  assert.equal(model.rawTables[0].nameLoc.range.start.line, 15);
});

test('the syntax error itself is still reported', async () => {
  const facts = await factsOf(BROKEN);
  assert.ok(facts.syntaxErrors.some((e) => e.range.start.line >= 7 && e.range.start.line <= 9));
});

test('restart points are top-level declaration starts after the error', () => {
  assert.equal(nextRestartLine(BROKEN, 7), 8);
  assert.equal(nextRestartLine(BROKEN, 8), 9);
  assert.equal(nextRestartLine(BROKEN, 9), 11);
  assert.equal(nextRestartLine('val a = (\n  1\n', 0), undefined);
});

test('masking keeps positions and imports', () => {
  const masked = maskBefore('package a\nimport b.C\nval x = (\nval y = 1\n', 3);
  assert.equal(masked.split('\n').length, 5);
  assert.equal(masked.split('\n')[1], 'import b.C');
  assert.equal(masked.split('\n')[2].trim(), '');
  assert.equal(masked.split('\n')[3], 'val y = 1');
});
