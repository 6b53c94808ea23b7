import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteCatalog, columnAffinity, EXPRESSION_COLUMN } from '../../../server/src/engine/catalog';
import { engine } from './core-database';

async function catalog(): Promise<SqliteCatalog> {
  return new SqliteCatalog(await engine());
}

test('affinity follows SQLite rules for declared types', () => {
  assert.deepEqual(
    ['INTEGER', 'BIGINT', 'VARCHAR(10)', 'TEXT', 'CLOB', 'BLOB', '', 'REAL', 'FLOAT', 'DOUBLE PRECISION', 'NUMERIC', 'BOOLEAN', 'DATETIME', 'DECIMAL(10,2)', 'POINT'].map(columnAffinity),
    ['INTEGER', 'INTEGER', 'TEXT', 'TEXT', 'TEXT', 'BLOB', 'BLOB', 'REAL', 'REAL', 'REAL', 'NUMERIC', 'NUMERIC', 'NUMERIC', 'NUMERIC', 'INTEGER'],
  );
});

test('columns, primary key, defaults and not-null come from SQLite', async () => {
  const [todo] = (await catalog()).describeTables([
    "CREATE TABLE todo (id TEXT PRIMARY KEY NOT NULL, title VARCHAR(80) NOT NULL DEFAULT 'x', done BOOLEAN, weight REAL, data BLOB, untyped)",
  ]);
  assert.equal(todo.name, 'todo');
  assert.deepEqual(todo.columns.map((c) => [c.name, c.declaredType, c.affinity, c.notNull, c.defaultValue, c.primaryKeyPosition]), [
    ['id', 'TEXT', 'TEXT', true, undefined, 1],
    ['title', 'VARCHAR(80)', 'TEXT', true, "'x'", 0],
    ['done', 'BOOLEAN', 'NUMERIC', false, undefined, 0],
    ['weight', 'REAL', 'REAL', false, undefined, 0],
    ['data', 'BLOB', 'BLOB', false, undefined, 0],
    ['untyped', '', 'BLOB', false, undefined, 0],
  ]);
  assert.equal(todo.statementIndex, 0);
});

test('a Room-style statement with backticks and a space before the closing parenthesis', async () => {
  const createSql = 'CREATE TABLE IF NOT EXISTS `todo_items` (`id` TEXT NOT NULL, `list_id` TEXT NOT NULL, `title` TEXT NOT NULL, `done` INTEGER NOT NULL, ' +
    'PRIMARY KEY(`id`), FOREIGN KEY(`list_id`) REFERENCES `todo_lists`(`id`) ON UPDATE NO ACTION ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED )';
  const [table] = (await catalog()).describeTables([createSql]);
  assert.equal(table.name, 'todo_items');
  assert.equal(table.sql, createSql);
  assert.deepEqual(table.columns.map((c) => [c.name, c.affinity, c.notNull, c.primaryKeyPosition]), [
    ['id', 'TEXT', true, 1],
    ['list_id', 'TEXT', true, 0],
    ['title', 'TEXT', true, 0],
    ['done', 'INTEGER', true, 0],
  ]);
  assert.deepEqual(table.foreignKeys, [
    { parentTable: 'todo_lists', parentColumns: ['id'], childColumns: ['list_id'], onUpdate: 'NO ACTION', onDelete: 'CASCADE', deferred: true },
  ]);
});

test('foreign keys in declaration order, deferred only when DEFERRABLE INITIALLY DEFERRED', async () => {
  const tables = (await catalog()).describeTables([
    'create table parent (id text primary key, code text unique)',
    `create table child (
       id text primary key,
       a text references parent(id) deferrable initially deferred,
       b text references parent,
       c text references parent(id) on update set null not deferrable initially deferred,
       d text references parent(id) deferrable,
       foreign key (c, d) references parent(id, code) on delete set default deferrable initially deferred,
       foreign key (a) references missing_parent)`,
  ]);
  const child = tables.find((t) => t.name === 'child');
  assert.ok(child);
  assert.deepEqual(child.foreignKeys.map((fk) => [fk.childColumns, fk.parentTable, fk.parentColumns, fk.onUpdate, fk.onDelete, fk.deferred]), [
    [['a'], 'parent', ['id'], 'NO ACTION', 'NO ACTION', true],
    [['b'], 'parent', ['id'], 'NO ACTION', 'NO ACTION', false],
    [['c'], 'parent', ['id'], 'SET NULL', 'NO ACTION', false],
    [['d'], 'parent', ['id'], 'NO ACTION', 'NO ACTION', false],
    [['c', 'd'], 'parent', ['id', 'code'], 'NO ACTION', 'SET DEFAULT', true],
    [['a'], 'missing_parent', [], 'NO ACTION', 'NO ACTION', false],
  ]);
});

test("the tokenizer's deferred flags agree with SQLite's behaviour", async () => {
  const { sqlite } = await engine();
  const declarations = {
    deferred: 'references p(id) deferrable initially deferred',
    notDeferrable: 'references p(id) not deferrable initially deferred',
    deferrable: 'references p(id) deferrable',
    immediate: 'references p(id) deferrable initially immediate',
    plain: 'references p(id)',
  };
  for (const [name, clause] of Object.entries(declarations)) {
    const createChild = `create table c (id text primary key, p_id text ${clause})`;
    const [described] = new SqliteCatalog(await engine()).describeTables([createChild]);
    const db = new sqlite.Database();
    db.exec(`pragma foreign_keys = on; create table p (id text primary key); ${createChild}; begin`);
    let failedAtInsert = false;
    try {
      db.exec("insert into c values ('c1', 'missing')");
    } catch {
      failedAtInsert = true;
    }
    db.close();
    assert.equal(described.foreignKeys[0].deferred, !failedAtInsert, name);
  }
});

test('indexes: constraints and CREATE INDEX statements, with columns and order', async () => {
  const [table] = (await catalog()).describeTables([
    'create table t (id text primary key, email text unique, a int, b int)',
    'create index t_ab on t (a desc, b); create unique index t_lower on t (lower(email))',
  ]);
  assert.deepEqual(table.indices.map((i) => [i.name, i.unique, i.origin, i.columns, i.orders]), [
    ['sqlite_autoindex_t_1', true, 'pk', ['id'], ['ASC']],
    ['sqlite_autoindex_t_2', true, 'u', ['email'], ['ASC']],
    ['t_ab', false, 'c', ['a', 'b'], ['DESC', 'ASC']],
    ['t_lower', true, 'c', [EXPRESSION_COLUMN], ['ASC']],
  ]);
  assert.equal(table.indices[2].sql, 'CREATE INDEX t_ab on t (a desc, b)'); // as SQLite stores it
  assert.equal(table.indices[0].sql, undefined);
});

test('rejected statements, taken names and statements that are no CREATE TABLE are skipped', async () => {
  const tables = (await catalog()).describeTables([
    'create table broken (id text primary key,',
    'create table a (id text)',
    'CREATE TABLE IF NOT EXISTS A (other text)',
    'create table a (again text)',
    'insert into a values (1)',
    'create table b as select 1 as x',
    'create table c (id text); create table d (id text)',
  ]);
  assert.deepEqual(tables.map((t) => [t.name, t.statementIndex, t.columns.map((c) => c.name)]), [
    ['a', 1, ['id']],
    ['c', 6, ['id']],
    ['d', 6, ['id']],
  ]);
});

test('each call starts from an empty scratch database; the same statements give the same answer', async () => {
  const c = await catalog();
  const first = c.describeTables(['create table x (id text)']);
  assert.equal(first.length, 1);
  assert.deepEqual(c.describeTables(['create table x (id text, b text)']).map((t) => t.columns.length), [2]);
  assert.deepEqual(c.describeTables(['create table x (id text)']), first);
});
