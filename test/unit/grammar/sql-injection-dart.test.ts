// The SQL injection into the Dart grammar (VS Code's, from dart-lang's; Dart-Code contributes the
// same source.dart scope), loaded as package.json contributes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, hasScope, tokenizeHostFixture, type Token, type TokenizedFile } from './textmate';

const SQL_EMBEDDED = ['meta.embedded.line.sql', 'meta.embedded.block.sql'];
const isEmbeddedSql = (token: Token) => SQL_EMBEDDED.some((scope) => hasScope(token, scope));

function assertSql(file: TokenizedFile, marker: string, text: string, sqlScope: string, occurrence = 0): void {
  const token = file.token(marker, text, occurrence);
  assert.ok(isEmbeddedSql(token), `embedded SQL expected: ${describe(token)}`);
  assert.ok(hasScope(token, sqlScope), `${sqlScope} expected: ${describe(token)}`);
}

function assertNoSqlOnLine(file: TokenizedFile, marker: string): void {
  const sql = file.tokensOn(marker).filter(isEmbeddedSql);
  assert.deepEqual(sql.map(describe), [], `no SQL expected on the line with ${JSON.stringify(marker)}`);
}

/** Dart inside SQL: an interpolation, with no scope of the SQL grammar's own. */
function assertDartInterpolation(token: Token): void {
  assert.ok(hasScope(token, 'meta.embedded.expression.dart'), `Dart interpolation expected: ${describe(token)}`);
  assert.ok(!token.scopes.some((s) => s.split(' ').some((part) => part.endsWith('.sql') && !SQL_EMBEDDED.includes(part) && !part.startsWith('string.quoted.single.sql'))),
    `no SQL scope inside the interpolation: ${describe(token)}`);
}

test("PendingStatement's sql: and RawTable's clear: strings are SQL; names and params are not", async () => {
  const file = await tokenizeHostFixture('source.dart', 'dart', 'raw_tables.dart');
  assertSql(file, 'INSERT INTO todos', 'INSERT INTO', 'keyword.other.DML.sql');
  assertSql(file, 'INSERT INTO todos', 'SET', 'keyword.other.DML.sql');
  assertSql(file, 'INSERT INTO todos', 'upsert', 'comment.line.double-dash.sql');
  const quote = file.token('INSERT INTO todos', "'", 1);
  assert.ok(hasScope(quote, 'string.interpolated.single.dart') && !isEmbeddedSql(quote) && !hasScope(quote, 'comment'), `the closing quote is Dart's: ${describe(quote)}`);
  assertNoSqlOnLine(file, "PendingStatementValue.column('title')");
  assertNoSqlOnLine(file, "name: 'todos'");
  assertNoSqlOnLine(file, "RawTableSchema(tableName: 'lists'");
  // A double-quoted string with an interpolation and an SQL literal; its params stay Dart.
  assertSql(file, 'DELETE FROM $todos', 'WHERE', 'keyword.other.DML.sql');
  assertDartInterpolation(file.token('DELETE FROM $todos', 'todos'));
  assertSql(file, 'DELETE FROM $todos', 'it', 'string.quoted.single.sql');
  // A raw string, and a clear: on a RawTable.inferred.
  assertSql(file, "r'DELETE FROM todos /* clear */'", '/*', 'comment.block.sql');
  assertSql(file, "clear: 'DELETE FROM lists'", 'DELETE', 'keyword.other.DML.sql');
});

test('execute(…) and getAll(…): triple-quoted, raw and interpolated SQL; the other arguments are Dart', async () => {
  const file = await tokenizeHostFixture('source.dart', 'dart', 'raw_tables.dart');
  assertSql(file, 'DROP TRIGGER IF EXISTS todos_update', 'EXISTS', 'keyword.other.sql');
  assertSql(file, 'CREATE TRIGGER todos_update', 'CREATE', 'keyword.other.create.sql');
  assertSql(file, 'WHEN OLD.title IS NOT NEW.title', 'IS', 'keyword.other.sql');
  assertSql(file, 'WHEN OLD.title IS NOT NEW.title', 'only when the title changed', 'comment.line.double-dash.sql');
  // An interpolation inside an SQL literal inside a ''' string.
  const inLiteral = file.token("VALUES ('PATCH'", 'table');
  assertDartInterpolation(inLiteral);
  assert.ok(hasScope(inLiteral, 'string.quoted.single.sql'), describe(inLiteral));
  const close = file.token("END''');", "'''");
  assert.ok(!isEmbeddedSql(close) && hasScope(close, 'string.interpolated.triple.single.dart'), describe(close));
  // The string on the line after `db.execute(`, the parameter list after it.
  assertSql(file, "'SELECT powersync_create_raw_table_crud_trigger", 'SELECT', 'keyword.other.DML.sql');
  const second = file.token('second_argument_text', 'second_argument_text');
  assert.ok(!isEmbeddedSql(second) && hasScope(second, 'string.interpolated.single.dart'), describe(second));
  // A raw string read, and a raw triple string.
  assertSql(file, 'getall_parameter', 'FROM', 'keyword.other.DML.sql');
  assertSql(file, 'getall_parameter', 'raw', 'string.quoted.single.sql');
  assert.ok(!isEmbeddedSql(file.token('getall_parameter', 'getall_parameter')));
  assertSql(file, 'raw_triple', 'UPDATE', 'keyword.other.DML.sql');
  assertSql(file, 'raw_triple', 'raw_triple', 'comment.line.double-dash.sql');
  // An interpolation holding strings and a closure.
  assertSql(file, 'UPDATE lists SET name', 'WHERE', 'keyword.other.DML.sql');
  assertDartInterpolation(file.token('UPDATE lists SET name', 'join'));
  // Dart goes on as Dart.
  assertNoSqlOnLine(file, 'ordinary_after_calls');
  const ordinary = file.token('ordinary_after_calls', 'SELECT ordinary_after_calls');
  assert.ok(hasScope(ordinary, 'string.interpolated.single.dart'), describe(ordinary));
});

test('SQL-looking text elsewhere in Dart is not SQL', async () => {
  const file = await tokenizeHostFixture('source.dart', 'dart', 'ordinary_strings.dart');
  assert.deepEqual(file.tokens.filter(isEmbeddedSql).map(describe), [], 'no SQL anywhere in the file');
  assert.ok(hasScope(file.token('ternary_branch', 'DELETE FROM ternary_branch'), 'string.interpolated.single.dart'));
  assert.ok(hasScope(file.token('named_title', 'Clear all items'), 'string.interpolated.single.dart'));
  // Grammars apply in every project: an execute(…) or a sql: argument whose string is no SQL stays a string.
  assert.ok(hasScope(file.token('job_argument', 'build the job_argument'), 'string.interpolated.single.dart'));
  assert.ok(hasScope(file.token('mysql_dialect', 'mysql_dialect'), 'string.interpolated.single.dart'));
  assert.ok(hasScope(file.token('mysql_dialect', 'all_of_it'), 'string.quoted.single.dart'));
  assert.ok(hasScope(file.token('final afterCallback', 'final'), 'storage.modifier.dart'));
});

test('half-typed SQL in Dart does not spill onto the following lines', async () => {
  const file = await tokenizeHostFixture('source.dart', 'dart', 'half_typed.dart');
  assertSql(file, "SET name = 'unclosed", 'UPDATE', 'keyword.other.DML.sql');
  const close = file.token("SET name = 'unclosed", "'''");
  assert.ok(!isEmbeddedSql(close) && hasScope(close, 'string.interpolated.triple.single.dart'), `the ''' string closes despite the open SQL quote: ${describe(close)}`);
  assertNoSqlOnLine(file, 'final afterUnclosedQuote');
  const after = file.tokens.filter((t) => t.line > file.lineOf('SELECT unfinished'));
  assert.ok(after.length > 0);
  assert.deepEqual(after.filter(isEmbeddedSql).map(describe), []);
});
