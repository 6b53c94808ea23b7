import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoreDatabase } from '../../../server/src/engine/database';
import { engine, openCoreDatabase } from './core-database';

// CoreDatabase's own behaviour: statements kept prepared, and the file's bytes.

test('a kept statement answers like a fresh one, call after call, also after an error', async () => {
  const db = await openCoreDatabase('create table t (id integer primary key, name text not null)', "insert into t (name) values ('a'), ('b')");
  try {
    const sql = 'select id, name from t where id >= ? order by id';
    assert.deepEqual(db.queryKept(sql, [1]), db.query(sql, [1]));
    assert.deepEqual(db.queryKept(sql, [2]), [{ id: 2, name: 'b' }]);
    assert.equal(db.scalarKept('select count(*) from t'), 2);
    assert.throws(() => db.queryKept('insert into t (name) values (?) returning id', [null]), /NOT NULL constraint failed/);
    assert.deepEqual(db.queryKept('insert into t (name) values (?) returning id', ['c']), [{ id: 3 }]);
    // The same column name twice: the last one wins, as with sql.js's getAsObject.
    assert.deepEqual(db.query("select 1 as x, 2 as x"), [{ x: 2 }]);
  } finally {
    db.close();
  }
});

test('export hands back the file\'s bytes, a restored copy holds the same rows, and the database stays usable', async () => {
  const db = await openCoreDatabase('create table t (id integer primary key, name text)', "insert into t (name) values ('a')");
  try {
    assert.equal(db.scalarKept('select count(*) from t'), 1);
    const bytes = db.export();
    // The kept statement was freed with the connection sql.js reopened: it is prepared again.
    assert.equal(db.scalarKept('select count(*) from t'), 1);
    db.transaction(() => db.exec("insert into t (name) values ('b')"));
    const copy = CoreDatabase.restore(await engine(), bytes);
    try {
      assert.deepEqual(copy.query('select name from t order by id'), [{ name: 'a' }]);
      assert.equal(copy.scalar("select count(*) from ps_kv where key = 'client_id'"), 1, 'the core is initialised');
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
});
