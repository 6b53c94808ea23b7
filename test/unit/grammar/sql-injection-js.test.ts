// The SQL injection into VS Code's TypeScript and JavaScript grammars (tm-grammars' copies of
// them), loaded as package.json contributes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, hasScope, tokenizeHostFixture, type Token, type TokenizedFile } from './textmate';

const SQL_EMBEDDED = ['meta.embedded.line.sql', 'meta.embedded.block.sql'];
const isEmbeddedSql = (token: Token) => SQL_EMBEDDED.some((scope) => hasScope(token, scope));

/** `text` on the line with `marker` is SQL: inside the embedded region, with the SQL grammar's scope. */
function assertSql(file: TokenizedFile, marker: string, text: string, sqlScope: string, occurrence = 0): void {
  const token = file.token(marker, text, occurrence);
  assert.ok(isEmbeddedSql(token), `embedded SQL expected: ${describe(token)}`);
  assert.ok(hasScope(token, sqlScope), `${sqlScope} expected: ${describe(token)}`);
}

function assertNoSqlOnLine(file: TokenizedFile, marker: string): void {
  const sql = file.tokensOn(marker).filter(isEmbeddedSql);
  assert.deepEqual(sql.map(describe), [], `no SQL expected on the line with ${JSON.stringify(marker)}`);
}

/** Host code, not SQL: a token that has a scope of the host grammar and none of the SQL grammar's. */
function assertHost(token: Token, scope: string): void {
  assert.ok(hasScope(token, scope), `${scope} expected: ${describe(token)}`);
  assert.ok(!token.scopes.some((s) => s.split(' ').some((part) => part.endsWith('.sql') && !SQL_EMBEDDED.includes(part) && !part.startsWith('string.quoted.single.sql'))),
    `no SQL scope: ${describe(token)}`);
}

// One JavaScript fixture (no type annotations) for the four hosts the injection goes into.
const HOSTS = ['source.ts', 'source.tsx', 'source.js', 'source.js.jsx'];

for (const host of HOSTS) {
  test(`[${host}] a raw table's sql: and clear: strings are SQL, its params are not`, async () => {
    const file = await tokenizeHostFixture(host, 'javascript', 'raw-tables.js');
    assertSql(file, 'INSERT INTO todos', 'INSERT INTO', 'keyword.other.DML.sql');
    assertSql(file, 'INSERT INTO todos', 'SET', 'keyword.other.DML.sql');
    assertSql(file, 'INSERT INTO todos', 'upsert', 'comment.line.double-dash.sql');
    const quote = file.token('INSERT INTO todos', "'");
    assert.ok(hasScope(quote, 'string.quoted.single') && !isEmbeddedSql(quote), `the quote is the host's: ${describe(quote)}`);
    // The closing quote ends the line comment inside the string.
    const closing = file.token('INSERT INTO todos', "'", 1);
    assert.ok(hasScope(closing, 'punctuation.definition.string.end') && !hasScope(closing, 'comment'), describe(closing));
    assertNoSqlOnLine(file, "params: ['Id', { Column: 'title' }]");
    assertSql(file, 'DELETE FROM todos WHERE', 'WHERE', 'keyword.other.DML.sql');
    const id = file.token('DELETE FROM todos WHERE', 'Id');
    assert.ok(!isEmbeddedSql(id) && hasScope(id, 'string.quoted.single'), `params on the same line stay strings: ${describe(id)}`);
    assertSql(file, 'DELETE FROM todos /* clear */', '/*', 'comment.block.sql');
  });

  test(`[${host}] template literals: SQL across lines, substitutions stay code`, async () => {
    const file = await tokenizeHostFixture(host, 'javascript', 'raw-tables.js');
    assertSql(file, 'INSERT INTO lists', 'INSERT INTO', 'keyword.other.DML.sql');
    assertSql(file, 'VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name', 'VALUES', 'keyword.other.DML.II.sql');
    const join = file.token('INSERT INTO lists', 'join');
    assertHost(join, 'meta.template.expression');
    assert.ok(hasScope(join, 'entity.name.function'), describe(join));
    const inLiteral = file.token('in_template_comment', "it's");
    assert.ok(hasScope(inLiteral, 'string.quoted.double') && hasScope(inLiteral, 'meta.template.expression'), `a host string inside a substitution: ${describe(inLiteral)}`);
    assertSql(file, 'in_template_comment', 'in_template_comment', 'comment.line.double-dash.sql');
    const end = file.token('in_template_comment', '`', 1);
    assert.ok(!hasScope(end, 'comment') && hasScope(end, 'punctuation.definition.string.template.end'), `the comment stops at the backtick: ${describe(end)}`);
  });

  test(`[${host}] execute(…) and its kin: the first argument is SQL, the others are not, and code goes on after`, async () => {
    const file = await tokenizeHostFixture(host, 'javascript', 'raw-tables.js');
    assertSql(file, 'DROP TRIGGER IF EXISTS todos_update', 'EXISTS', 'keyword.other.sql');
    assertSql(file, 'CREATE TRIGGER todos_update', 'CREATE', 'keyword.other.create.sql');
    assertSql(file, 'WHEN OLD.title IS NOT NEW.title', 'IS', 'keyword.other.sql');
    assertSql(file, "VALUES ('PATCH'", 'PATCH', 'string.quoted.single.sql');
    // `this.db?.execute(` with the string on the next line and parameters after it.
    assertSql(file, "'SELECT powersync_create_raw_table_crud_trigger", 'SELECT', 'keyword.other.DML.sql');
    const second = file.token('second_argument_text', 'second_argument_text');
    assert.ok(!isEmbeddedSql(second) && hasScope(second, 'string.quoted.single'), describe(second));
    assertSql(file, 'getall_parameter', 'FROM', 'keyword.other.DML.sql');
    assert.ok(!isEmbeddedSql(file.token('getall_parameter', 'getall_parameter')));
    // A tagged template.
    assertSql(file, 'sql`SELECT count', 'SELECT', 'keyword.other.DML.sql');
    assertHost(file.token('sql`SELECT count', 'name', 1), 'meta.template.expression');
    // An escaped quote inside a quoted string is an escape, not the string's end.
    const escape = file.token('escaped_quote', "\\'");
    assert.ok(isEmbeddedSql(escape) && hasScope(escape, 'constant.character.escape'), describe(escape));
    assertSql(file, 'escaped_quote', 'escaped_quote', 'comment.line.double-dash.sql');
    // After the calls, the host grammar is itself again.
    assertNoSqlOnLine(file, 'ordinary_after_calls');
    const constant = file.token('ordinary_after_calls', 'after_sql_calls');
    assert.ok(hasScope(constant, 'variable.other.constant'), describe(constant));
    const ret = file.token('return [rows', 'return');
    assert.ok(hasScope(ret, 'keyword.control.flow'), describe(ret));
  });

  test(`[${host}] SQL-looking text elsewhere is not SQL`, async () => {
    const file = await tokenizeHostFixture(host, 'javascript', 'ordinary-strings.js');
    assert.deepEqual(file.tokens.filter(isEmbeddedSql).map(describe), [], 'no SQL anywhere in the file');
    // The strings are still the host's strings.
    assert.ok(hasScope(file.token('ternary_branch', 'DELETE FROM ternary_branch'), 'string.quoted.single'));
    assert.ok(hasScope(file.token('clear_label_key', 'Clear all items'), 'string.quoted.single'));
    // Grammars apply in every project: an execute(…) or a sql: key whose string is no SQL stays a string.
    assert.ok(hasScope(file.token('job_argument', 'build the job_argument'), 'string.quoted.single'));
    assert.ok(hasScope(file.token('mysql_dialect', 'mysql_dialect'), 'string.quoted.single'));
    // A call given a callback is left to the host grammar, which goes on as itself after it.
    assert.ok(hasScope(file.token("const inside_callback", 'const'), 'storage.type'));
    assert.ok(hasScope(file.token('const after_callback', 'const'), 'storage.type'));
  });

  test(`[${host}] half-typed SQL does not spill onto the following lines`, async () => {
    const file = await tokenizeHostFixture(host, 'javascript', 'half-typed.js');
    assertSql(file, "SET name = 'unclosed", 'UPDATE', 'keyword.other.DML.sql');
    const close = file.token("SET name = 'unclosed", '`', 1);
    assert.ok(!isEmbeddedSql(close) && hasScope(close, 'punctuation.definition.string.template.end'), `the template closes despite the open quote: ${describe(close)}`);
    assertNoSqlOnLine(file, "const after_unclosed_quote");
    const after = file.tokens.filter((t) => t.line > file.lineOf('SELECT unfinished'));
    assert.ok(after.length > 0);
    assert.deepEqual(after.filter(isEmbeddedSql).map(describe), []);
    const declaration = file.token('after_half_typed_call', 'const');
    assert.ok(hasScope(declaration, 'storage.type'), `the next statement is code again: ${describe(declaration)}`);
  });
}
