import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KOTLIN_BASES, describe, hasScope, tokenizeFixture, type Token, type TokenizedFile } from './textmate';

const SQL_EMBEDDED = ['meta.embedded.line.sql', 'meta.embedded.block.sql'];
const isEmbeddedSql = (token: Token) => SQL_EMBEDDED.some((scope) => hasScope(token, scope));

/** `text` on the line with `marker` is SQL: inside the embedded region, with the SQL grammar's scope. */
function assertSql(file: TokenizedFile, marker: string, text: string, sqlScope: string, occurrence = 0): void {
  const token = file.token(marker, text, occurrence);
  assert.ok(isEmbeddedSql(token), `embedded SQL expected: ${describe(token)}`);
  assert.ok(hasScope(token, sqlScope), `${sqlScope} expected: ${describe(token)}`);
}

/** No token on the line with `marker` is embedded SQL (the line's own text is an ordinary string or code). */
function assertNoSqlOnLine(file: TokenizedFile, marker: string): void {
  const sql = file.tokensOn(marker).filter(isEmbeddedSql);
  assert.deepEqual(sql.map(describe), [], `no SQL expected on the line with ${JSON.stringify(marker)}`);
}

/** A token that is Kotlin inside SQL: a template, not touched by the SQL grammar's own scopes. */
function assertKotlinTemplate(token: Token): void {
  assert.ok(hasScope(token, 'meta.template.expression.kotlin'), `Kotlin template expected: ${describe(token)}`);
  assert.ok(!token.scopes.some((s) => s.endsWith('.sql') && !SQL_EMBEDDED.includes(s) && !s.startsWith('string.quoted.single.sql')),
    `no SQL scope inside the template: ${describe(token)}`);
}

for (const base of KOTLIN_BASES) {
  test(`[${base}] the SQL of PendingStatement(…) and clear = is highlighted as SQL`, async () => {
    const file = await tokenizeFixture(base, 'RawTables.kt');

    // A line string on the line after `PendingStatement(`.
    assertSql(file, 'INSERT INTO lists', 'INSERT INTO', 'keyword.other.DML.sql');
    assertSql(file, 'INSERT INTO lists', 'VALUES', 'keyword.other.DML.II.sql');
    const quote = file.token('INSERT INTO lists', '"');
    assert.ok(hasScope(quote, 'string.quoted.double.kotlin'), `the quote stays a Kotlin string: ${describe(quote)}`);
    assert.ok(!isEmbeddedSql(quote), `the quote is outside the SQL: ${describe(quote)}`);

    // A one-line call; its SQL comment ends at the closing quote, and the parameters are Kotlin.
    assertSql(file, 'DELETE FROM lists WHERE', 'DELETE', 'keyword.other.DML.sql');
    assertSql(file, 'DELETE FROM lists WHERE', 'by id', 'comment.line.double-dash.sql');
    const closing = file.token('DELETE FROM lists WHERE', '"', 1);
    assert.ok(hasScope(closing, 'punctuation.definition.string.end.kotlin') && !hasScope(closing, 'comment'), `the comment stops at the quote: ${describe(closing)}`);
    const listOf = file.token('DELETE FROM lists WHERE', 'listOf');
    assert.ok(!isEmbeddedSql(listOf) && hasScope(listOf, 'entity.name.function.call.kotlin'), describe(listOf));

    // `clear =` with a line string and with a raw string.
    assertSql(file, 'DELETE FROM lists /* clear */', 'DELETE', 'keyword.other.DML.sql');
    assertSql(file, 'DELETE FROM lists /* clear */', '/*', 'comment.block.sql');
    assertSql(file, 'todos_clear', 'FROM', 'keyword.other.DML.sql');

    // A raw string handed as `sql =`, across lines, with `.trimIndent()` after it.
    assertSql(file, 'INSERT INTO $TODOS', 'INSERT INTO', 'keyword.other.DML.sql');
    assertSql(file, 'VALUES (?, ?, ?)', 'VALUES', 'keyword.other.DML.II.sql');
    assertSql(file, 'ON CONFLICT(id) DO UPDATE SET title', 'SET', 'keyword.other.DML.sql');
    const trimIndent = file.token('""".trimIndent(),', 'trimIndent');
    assert.ok(!isEmbeddedSql(trimIndent), `.trimIndent() is Kotlin: ${describe(trimIndent)}`);
    assert.ok(hasScope(trimIndent, 'entity.name.function.call.kotlin'), describe(trimIndent));
  });

  test(`[${base}] Kotlin templates inside the SQL stay Kotlin`, async () => {
    const file = await tokenizeFixture(base, 'RawTables.kt');
    const [dollar, name] = file.tokensOn('INSERT INTO $TODOS').filter((t) => t.text === '$' || t.text === 'TODOS');
    assert.ok(dollar && name, 'the $TODOS template is tokenized');
    assertKotlinTemplate(dollar);
    assertKotlinTemplate(name);
    assert.ok(hasScope(dollar, 'punctuation.definition.template-expression.begin'), describe(dollar));

    const open = file.token('DELETE FROM ${TODOS}', '${');
    assertKotlinTemplate(open);
    assertKotlinTemplate(file.token('DELETE FROM ${TODOS}', '}'));
    // A template inside an SQL string literal ('$TODOS') is Kotlin too.
    const inLiteral = file.token('DELETE FROM ${TODOS}', 'TODOS', 1);
    assertKotlinTemplate(inLiteral);
    assert.ok(hasScope(inLiteral, 'string.quoted.single.sql'), `inside the SQL literal: ${describe(inLiteral)}`);
    assertSql(file, 'DELETE FROM ${TODOS}', 'AND', 'keyword.other.DML.sql');
  });

  test(`[${base}] only the first argument is SQL: parameter names are plain strings`, async () => {
    const file = await tokenizeFixture(base, 'RawTables.kt');
    for (const marker of ['Column("name")', 'Column("title")', 'Column("list_id")', 'name = "lists"']) {
      assertNoSqlOnLine(file, marker);
    }
  });

  test(`[${base}] execSQL(…) and execute(…) strings are SQL, the other arguments are not`, async () => {
    const file = await tokenizeFixture(base, 'SqlCalls.kt');
    assertSql(file, 'DROP TRIGGER IF EXISTS todos_update', 'EXISTS', 'keyword.other.sql');
    assertSql(file, 'CREATE TRIGGER todos_update', 'CREATE', 'keyword.other.create.sql');
    assertSql(file, 'WHEN OLD.title IS NOT NEW.title', 'IS', 'keyword.other.sql');
    assertSql(file, 'WHEN OLD.title IS NOT NEW.title', 'only when the title changed', 'comment.line.double-dash.sql');
    assertSql(file, "VALUES ('PATCH'", 'PATCH', 'string.quoted.single.sql');
    assertKotlinTemplate(file.token("VALUES ('PATCH'", 'uppercase'));
    assertSql(file, 'UPDATE lists SET name', 'UPDATE', 'keyword.other.DML.sql');
    const parameter = file.token('UPDATE lists SET name', 'SELECT parameter_value');
    assert.ok(!isEmbeddedSql(parameter), `the second argument is a plain string: ${describe(parameter)}`);
    assertSql(file, 'second_argument_text', 'DELETE', 'keyword.other.DML.sql');
    const second = file.token('second_argument_text', 'second_argument_text');
    assert.ok(!isEmbeddedSql(second) && hasScope(second, 'string.quoted.double.kotlin'), `a second string argument is plain: ${describe(second)}`);
    // `db?.execute(` with the string on the next line, and a template holding strings and a lambda.
    assertSql(file, 'DELETE FROM lists WHERE name IN', 'DELETE', 'keyword.other.DML.sql');
    assertKotlinTemplate(file.token('DELETE FROM lists WHERE name IN', 'joinToString'));
    assertSql(file, 'DELETE FROM lists WHERE name IN', 'IN', 'keyword.other.data-integrity.sql');
    // Inside a lambda, with an escaped quote.
    assertSql(file, '\\"quoted', 'INSERT INTO', 'keyword.other.DML.sql');
    const escape = file.token('\\"quoted', '\\"');
    assert.ok(hasScope(escape, 'constant.character.escape.kotlin') && isEmbeddedSql(escape), describe(escape));
  });

  test(`[${base}] after a SQL call, Kotlin goes on as Kotlin`, async () => {
    const file = await tokenizeFixture(base, 'SqlCalls.kt');
    assertNoSqlOnLine(file, 'SELECT ordinary_after_trigger');
    const val = file.tokensOn('SELECT ordinary_after_trigger')[0];
    assert.equal(val.text, 'val');
    assert.ok(val.scopes.some((s) => s.endsWith('.kotlin')), `val is a Kotlin keyword: ${describe(val)}`);
  });

  test(`[${base}] SQL-looking text elsewhere is not SQL`, async () => {
    const file = await tokenizeFixture(base, 'OrdinaryStrings.kt');
    for (const marker of ['in_a_comment', 'in_a_block_comment', 'plain_string', 'inside_text', 'raw_string_not_handed_to_sql', 'logged_message', 'compared_not_assigned']) {
      assertNoSqlOnLine(file, marker);
    }
    assert.equal(file.tokens.filter(isEmbeddedSql).length, 0, 'no SQL anywhere in the file');
  });

  test(`[${base}] half-typed SQL does not spill onto the following lines`, async () => {
    const file = await tokenizeFixture(base, 'HalfTyped.kt');
    assertSql(file, "SET name = 'unclosed", 'UPDATE', 'keyword.other.DML.sql');
    const close = file.token('""".trimIndent()', '"""');
    assert.ok(!isEmbeddedSql(close) && hasScope(close, 'punctuation.definition.string.end.kotlin'), `the raw string closes despite the open quote: ${describe(close)}`);
    assertNoSqlOnLine(file, 'after_unclosed_quote');
    const after = file.tokens.filter((t) => t.line > file.lineOf('SELECT unfinished'));
    assert.ok(after.length > 0);
    assert.deepEqual(after.filter(isEmbeddedSql).map(describe), []);
  });

  test(`[${base}] an SQL identifier left open before the closing \"\"\" does not take one of its quotes`, async () => {
    const file = await tokenizeFixture(base, 'UnclosedIdentifier.kt');
    assertSql(file, 'UPDATE lists SET', 'UPDATE', 'keyword.other.DML.sql');
    const close = file.tokensOn('UPDATE lists SET').find((t) => t.text === '"""' && hasScope(t, 'punctuation.definition.string.end.kotlin'));
    assert.ok(close && !isEmbeddedSql(close), `the raw string closes: ${file.tokensOn('UPDATE lists SET').map(describe).join('; ')}`);
    assertNoSqlOnLine(file, 'after_unclosed_identifier');
  });
}

test('our Kotlin grammar ends the half-typed call at the next statement', async () => {
  const file = await tokenizeFixture('rawsync', 'HalfTyped.kt');
  const afterCall = file.tokensOn('val afterCall = 1');
  assert.deepEqual(afterCall.map((t) => [t.text, t.scopes.at(-1)]), [
    ['val', 'storage.type.kotlin'],
    ['afterCall', 'variable.other.declaration.kotlin'],
    ['=', 'keyword.operator.assignment.kotlin'],
    ['1', 'constant.numeric.decimal.kotlin'],
  ]);
  const text = file.token('after_half_typed_call', 'SELECT after_half_typed_call');
  assert.ok(hasScope(text, 'string.quoted.double.kotlin') && !isEmbeddedSql(text), describe(text));
});
