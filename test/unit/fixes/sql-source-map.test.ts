import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf } from '../../support/workspace';
import { applyTextEdits } from '../../../server/src/generate/text-edits';
import { sourceEdit } from '../../../server/src/generate/sql-source-edits';
import { sqlSourceMap, statementSourceMap, type SqlSourceMap } from '../../../server/src/model/sql-source-map';
import { evaluateString, EMPTY_SCOPE } from '../../../server/src/model/evaluate';

const FILE = 'src/commonMain/kotlin/app/Sql.kt';

/** The map of `val sql = <expression>` and a function that applies a change and re-reads the value. */
async function mapOf(expression: string): Promise<{ map: SqlSourceMap; text: string; change: (start: number, end: number, newText: string) => Promise<{ source: string; value: string | undefined }> }> {
  const source = `package app\n\nval sql = ${expression}\n`;
  const value = (await factsOf(source, FILE)).constants.find((c) => c.name === 'sql')!.value;
  const map = sqlSourceMap(value);
  assert.ok(map, `no map for ${expression}`);
  assert.equal(map.text, evaluateString(value, EMPTY_SCOPE));
  const change = async (start: number, end: number, newText: string) => {
    const edits = sourceEdit(map, { start, end, newText });
    assert.ok(edits, `no edits for [${start}, ${end})`);
    const next = applyTextEdits(source, edits).text;
    const facts = await factsOf(next, FILE);
    assert.equal(facts.syntaxErrors.length, 0, next);
    return { source: next, value: evaluateString(facts.constants.find((c) => c.name === 'sql')!.value, EMPTY_SCOPE) };
  };
  return { map, text: map.text, change };
}

/** Replaces `find` in the SQL text through the map and checks the value reads back as the plain replacement. */
async function replaceThrough(expression: string, find: string, replacement: string): Promise<string> {
  const { text, change } = await mapOf(expression);
  const start = text.indexOf(find);
  assert.ok(start >= 0, `${find} not in ${text}`);
  const result = await change(start, start + find.length, replacement);
  assert.equal(result.value, text.slice(0, start) + replacement + text.slice(start + find.length));
  return result.source;
}

const TRIMMED = `"""
        SELECT a,
            b
        FROM t
        WHERE a != 'x'
    """.trimIndent()`;

test('sql source map: a trimmed raw string maps through the removed indentation and blank lines', async () => {
  const source = await replaceThrough(TRIMMED, '!=', 'IS NOT');
  assert.match(source, /\n {8}WHERE a IS NOT 'x'\n/);
  // A deletion across a line break takes the indentation of the next line with it.
  const joined = await replaceThrough(TRIMMED, ',\n    b', '');
  assert.match(joined, /\n {8}SELECT a\n {8}FROM t\n/);
  // A line break replaced: the next line's removed indentation goes too, so the SQL reads back exactly.
  const oneLine = await replaceThrough(TRIMMED, "t\nWHERE", 't WHERE');
  assert.match(oneLine, /\n {8}FROM t WHERE a != 'x'\n/);
});

test('sql source map: new lines inserted into a trimmed raw string get the indentation trimIndent removes', async () => {
  const { text, change } = await mapOf(TRIMMED);
  const at = text.indexOf('WHERE');
  const result = await change(at, at, 'JOIN u ON u.id = t.id\n');
  assert.equal(result.value, `${text.slice(0, at)}JOIN u ON u.id = t.id\n${text.slice(at)}`);
  assert.match(result.source, /\n {8}JOIN u ON u\.id = t\.id\n {8}WHERE/);
});

test('sql source map: trimMargin keeps the margin on new lines', async () => {
  const { text, change } = await mapOf('"""\n        |SELECT a\n        |FROM t\n    """.trimMargin()');
  const at = text.indexOf('FROM');
  const result = await change(at, at, 'JOIN u\n');
  assert.equal(result.value, 'SELECT a\nJOIN u\nFROM t');
  assert.match(result.source, /\n {8}\|JOIN u\n {8}\|FROM t/);
});

test('sql source map: a `$` written into a raw string is spelled ${\'$\'}; into a plain string \\$', async () => {
  const raw = await replaceThrough(TRIMMED, "'x'", "'$x'");
  assert.match(raw, /WHERE a != '\$\{'\$'\}x'/);
  const plain = await replaceThrough('"SELECT a FROM t WHERE a = \'y\'"', "'y'", '"$y"\n');
  assert.match(plain, /WHERE a = \\"\\\$y\\"\\n"/);
});

test('sql source map: escapes in a plain string keep their place', async () => {
  const source = await replaceThrough(String.raw`"SELECT \'a\' AS \"x\",\n b FROM t\\u WHERE b != 1"`, '!=', 'IS NOT');
  assert.match(source, /WHERE b IS NOT 1"/);
  assert.match(source, /\\'a\\' AS \\"x\\",\\n b FROM t\\\\u/);
});

test('sql source map: concatenated literals, an edit inside one and a deletion across two', async () => {
  const expression = `"SELECT a, " +\n    "b FROM t " + """WHERE a != 1"""`;
  const inside = await replaceThrough(expression, '!=', 'IS NOT');
  assert.match(inside, /"""WHERE a IS NOT 1"""/);
  const across = await replaceThrough(expression, ', b', '');
  assert.match(across, /"SELECT a" \+\n {4}" FROM t "/);
  // Where a stretch is written: one location per literal it touches.
  const { map, text } = await mapOf(expression);
  const at = text.indexOf(', b');
  const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
  assert.deepEqual(map.locationsOf(at, at + 3)?.map((l) => l.range), [range(2, 19, 21), range(3, 5, 6)]);
  assert.deepEqual(map.locationsOf(at, at + 1)?.map((l) => l.range), [range(2, 19, 20)]);
  assert.equal(map.locationsOf(at, text.length + 1), undefined);
});

test('sql source map: a statement inside a longer string is mapped from its start', async () => {
  const source = `package app\n\nval sql = "DROP TABLE x; SELECT a != 1"\n`;
  const value = (await factsOf(source, FILE)).constants.find((c) => c.name === 'sql')!.value;
  assert.equal(statementSourceMap(value, 14, 'SELECT a != 2'), undefined);
  const map = statementSourceMap(value, 14, 'SELECT a != 1')!;
  const edits = sourceEdit(map, { start: 9, end: 11, newText: 'IS NOT' })!;
  assert.equal(applyTextEdits(source, edits).text, `package app\n\nval sql = "DROP TABLE x; SELECT a IS NOT 1"\n`);
});

test('sql source map: unknown for templates, constants and calls', async () => {
  for (const expression of ['"SELECT $a FROM t"', '"SELECT ${a} FROM t"', 'OTHER', '"SELECT " + OTHER', 'sqlOf("x")', '"""SELECT ${\'$\'}a"""']) {
    const source = `package app\n\nval sql = ${expression}\n`;
    const value = (await factsOf(source, FILE)).constants.find((c) => c.name === 'sql')!.value;
    assert.equal(sqlSourceMap(value), undefined, expression);
  }
});
