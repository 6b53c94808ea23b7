import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '../../../server/src/engine/validate';
import { openCoreDatabase } from './core-database';

const schema = 'create table t(id text primary key, a, b)';

test('a valid statement reports its parameter count', async () => {
  const db = await openCoreDatabase(schema);
  assert.deepEqual(validate(db, 'INSERT INTO t (id, a) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET a = excluded.a'), { ok: true, parameterCount: 2 });
  assert.deepEqual(validate(db, 'DELETE FROM t WHERE id = ?'), { ok: true, parameterCount: 1 });
  assert.deepEqual(validate(db, 'DELETE FROM t'), { ok: true, parameterCount: 0 });
  db.close();
});

test('numbered and named parameters count as SQLite counts them', async () => {
  const db = await openCoreDatabase(schema);
  assert.deepEqual(validate(db, 'insert into t values (?1, ?3, ?1)'), { ok: true, parameterCount: 3 });
  assert.deepEqual(validate(db, 'insert into t values (:a, :b, :a)'), { ok: true, parameterCount: 2 });
  // Parameters that code generation drops still count (EXPLAIN would miss these).
  assert.deepEqual(validate(db, 'select 1 where 0 and ?5'), { ok: true, parameterCount: 5 });
  assert.deepEqual(validate(db, 'with x as (select ? as v) select 1'), { ok: true, parameterCount: 1 });
  db.close();
});

test("errors carry SQLite's own text", async () => {
  const db = await openCoreDatabase(schema);
  assert.deepEqual(validate(db, 'select nope from t'), { ok: false, reason: 'sqlite', message: 'no such column: nope' });
  assert.deepEqual(validate(db, 'insert into t values (?, ?, ?, ?)'), { ok: false, reason: 'sqlite', message: 'table t has 3 columns but 4 values were supplied' });
  assert.deepEqual(validate(db, 'insert into missing values (1)'), { ok: false, reason: 'sqlite', message: 'no such table: missing' });
  const syntax = validate(db, 'insert into t (id values (1)');
  assert.equal(syntax.ok, false);
  assert.match(!syntax.ok ? syntax.message : '', /syntax error/);
  db.close();
});

test('empty, comment-only and multi-statement SQL get a clear result', async () => {
  const db = await openCoreDatabase(schema);
  const empty = validate(db, '   ');
  assert.equal(empty.ok === false && empty.reason, 'empty');
  const comments = validate(db, '-- just a note\n/* and this */');
  assert.equal(comments.ok === false && comments.reason, 'empty');
  const two = validate(db, 'delete from t; delete from t where id = ?');
  assert.equal(two.ok === false && two.reason, 'multiple-statements');
  assert.deepEqual(validate(db, 'delete from t where id = ?; -- trailing note'), { ok: true, parameterCount: 1 });
  db.close();
});

test('validation prepares without running', async () => {
  const db = await openCoreDatabase(schema);
  assert.equal(validate(db, "insert into t (id) values ('x')").ok, true);
  assert.equal(validate(db, 'drop table t').ok, true);
  assert.equal(db.scalar('select count(*) from t'), 0);
  assert.equal(db.scalar("select count(*) from sqlite_master where name = 't'"), 1);
  db.close();
});
