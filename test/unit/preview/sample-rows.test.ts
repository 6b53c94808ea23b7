import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateSampleRows, localInsertRow, localOnlyMarker, putData, valueInVersion,
  type SampleColumnShape, type SampleRowSet, type SampleTableShape,
} from '../../../server/src/engine/sample-rows';

const column = (name: string, affinity: SampleColumnShape['affinity'], notNull = true, defaultValue?: string): SampleColumnShape =>
  ({ name, affinity, notNull, ...(defaultValue === undefined ? {} : { defaultValue }) });

const profile: SampleTableShape = {
  name: 'profile',
  columns: [column('id', 'TEXT'), column('name', 'TEXT'), column('email', 'TEXT', false), column('is_favorite', 'INTEGER', true, '0')],
  primaryKey: { columns: ['id'] },
  foreignKeys: [],
};
const list: SampleTableShape = {
  name: 'todo_list',
  columns: [column('id', 'TEXT'), column('name', 'TEXT'), column('owner_id', 'TEXT'), column('score', 'REAL'), column('icon', 'BLOB', false)],
  primaryKey: { columns: ['id'] },
  foreignKeys: [{ parentTable: 'profile', parentColumns: ['id'], childColumns: ['owner_id'], deferred: true }],
};
const todo: SampleTableShape = {
  name: 'todo',
  columns: [column('id', 'TEXT'), column('list_id', 'TEXT'), column('title', 'TEXT'), column('done', 'INTEGER'), column('notes', 'TEXT', false)],
  primaryKey: { columns: ['id'] },
  foreignKeys: [{ parentTable: 'TODO_LIST', parentColumns: ['id'], childColumns: ['list_id'], deferred: false }],
};

function todoApp(rowsPerTable?: number): SampleRowSet[] {
  return generateSampleRows(
    [
      { syncName: 'todo', table: todo, dataColumns: ['list_id', 'title', 'done'] },
      { syncName: 'profile', table: profile, dataColumns: ['name', 'email'] },
      { syncName: 'todo_list', table: list, dataColumns: ['name', 'owner_id', 'score', 'icon'] },
    ],
    [profile, list, todo],
    rowsPerTable === undefined ? {} : { rowsPerTable },
  );
}

const bySync = (sets: SampleRowSet[], name: string) => sets.find((s) => s.syncName === name)!;

test('three rows per raw table by default, ids unique and named after the sync name', () => {
  const sets = todoApp();
  assert.deepEqual(sets.map((s) => [s.syncName, s.rows.length, s.idColumn]), [['todo', 3, 'id'], ['profile', 3, 'id'], ['todo_list', 3, 'id']]);
  assert.deepEqual(bySync(sets, 'todo').rows.map((r) => r.id), ['todo-1', 'todo-2', 'todo-3']);
  assert.deepEqual(todoApp(2).map((s) => s.rows.length), [2, 2, 2]);
});

test('every foreign key value is the key of a generated parent row (names compare case-insensitively)', () => {
  const sets = todoApp();
  const listIds = bySync(sets, 'todo_list').rows.map((r) => r.values.id);
  const profileIds = bySync(sets, 'profile').rows.map((r) => r.values.id);
  for (const row of bySync(sets, 'todo').rows) assert.ok(listIds.includes(row.values.list_id), `${row.values.list_id} is a list id`);
  for (const row of bySync(sets, 'todo_list').rows) assert.ok(profileIds.includes(row.values.owner_id), `${row.values.owner_id} is a profile id`);
  assert.deepEqual(bySync(sets, 'todo').rows.map((r) => r.values.list_id), ['todo_list-1', 'todo_list-2', 'todo_list-3']);
});

test('NOT NULL columns always hold a value; nullable ones are NULL in the last row only', () => {
  for (const set of todoApp()) {
    set.rows.forEach((row, i) => {
      for (const c of set.table!.columns) {
        const value = row.values[c.name];
        if (c.notNull) assert.notEqual(value, null, `${set.tableName}.${c.name} row ${i}`);
        else assert.equal(value === null, i === set.rows.length - 1, `${set.tableName}.${c.name} row ${i}`);
      }
    });
  }
  // With one row per table there is no "last of several": nothing is NULL.
  for (const set of todoApp(1)) assert.ok(Object.values(set.rows[0].values).every((v) => v !== null));
});

test('values follow the affinity: TEXT strings, INTEGER whole numbers, REAL fractions, BLOB text the JSON can carry', () => {
  const sets = todoApp();
  const [first] = bySync(sets, 'todo_list').rows;
  assert.equal(typeof first.values.name, 'string');
  assert.equal(typeof first.values.score, 'number');
  assert.ok(!Number.isInteger(first.values.score));
  assert.equal(typeof first.values.icon, 'string');
  const done = bySync(sets, 'todo').rows.map((r) => r.values.done);
  assert.ok(done.every((v) => typeof v === 'number' && Number.isInteger(v)));
  assert.equal(new Set(done).size, done.length, 'distinct values keep UNIQUE indexes happy');
});

test('numeric primary keys get numeric ids, unique across tables', () => {
  const counter: SampleTableShape = { name: 'counter', columns: [column('id', 'INTEGER'), column('n', 'INTEGER')], primaryKey: { columns: ['id'] }, foreignKeys: [] };
  const tick: SampleTableShape = {
    name: 'tick',
    columns: [column('id', 'INTEGER'), column('counter_id', 'INTEGER')],
    primaryKey: { columns: ['id'] },
    foreignKeys: [{ parentTable: 'counter', parentColumns: ['id'], childColumns: ['counter_id'], deferred: false }],
  };
  const sets = generateSampleRows([{ syncName: 'counter', table: counter, dataColumns: ['n'] }, { syncName: 'tick', table: tick, dataColumns: ['counter_id'] }], [counter, tick]);
  const ids = sets.flatMap((s) => s.rows.map((r) => r.values.id));
  assert.ok(ids.every((id) => typeof id === 'number'));
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(sets[1].rows.map((r) => r.values.counter_id), sets[0].rows.map((r) => r.values.id));
  assert.deepEqual(sets[1].rows.map((r) => r.id), sets[1].rows.map((r) => String(r.values.id)));
});

test('a self-reference points at the row itself; a parent no raw table syncs is seeded locally', () => {
  const folder: SampleTableShape = {
    name: 'folder',
    columns: [column('id', 'TEXT'), column('parent_id', 'TEXT', false), column('owner', 'TEXT')],
    primaryKey: { columns: ['id'] },
    foreignKeys: [
      { parentTable: 'folder', parentColumns: ['id'], childColumns: ['parent_id'], deferred: false },
      { parentTable: 'account', parentColumns: ['login'], childColumns: ['owner'], deferred: false },
    ],
  };
  const account: SampleTableShape = { name: 'account', columns: [column('login', 'TEXT'), column('since', 'INTEGER')], primaryKey: { columns: ['login'] }, foreignKeys: [] };
  const sets = generateSampleRows([{ syncName: 'folders', table: folder, dataColumns: ['parent_id', 'owner'] }], [folder, account]);
  assert.deepEqual(sets.map((s) => [s.syncName, s.tableName, s.seeded, s.idColumn]), [['folders', 'folder', false, 'id'], [undefined, 'account', true, 'login']]);
  for (const row of sets[0].rows) assert.equal(row.values.parent_id, row.values.id);
  assert.deepEqual(sets[0].rows.map((r) => r.values.owner), sets[1].rows.map((r) => r.values.login));
});

test('an unknown parent table leaves a nullable key NULL and a NOT NULL key a plain value', () => {
  const orphan: SampleTableShape = {
    name: 'orphan',
    columns: [column('id', 'TEXT'), column('maybe', 'TEXT', false), column('must', 'TEXT')],
    foreignKeys: [{ parentTable: 'gone', parentColumns: ['id'], childColumns: ['maybe'], deferred: false }, { parentTable: 'gone', parentColumns: ['id'], childColumns: ['must'], deferred: false }],
  };
  const [set] = generateSampleRows([{ syncName: 'orphan', table: orphan, dataColumns: ['maybe', 'must'] }], [orphan]);
  assert.ok(set.rows.every((r) => r.values.maybe === null && typeof r.values.must === 'string'));
});

test('put data: exactly the data columns; a server edit changes plain columns but keeps keys', () => {
  const sets = todoApp();
  const todos = bySync(sets, 'todo');
  const [row] = todos.rows;
  assert.deepEqual(putData(todos, row), { list_id: 'todo_list-1', title: 'title 1', done: 1 });
  assert.deepEqual(putData(todos, row, 'server-edit'), { list_id: 'todo_list-1', title: 'title 1 (edited on the server)', done: 1001 });
  assert.equal(valueInVersion(todos, 'id', row, 'local-edit'), 'todo-1');
  assert.equal(valueInVersion(todos, 'title', row, 'local-edit'), 'title 1 (edited locally)');
  // A data key the table lacks still gets a value, so the core sees the row the service would send.
  const unknown = generateSampleRows([{ syncName: 'ghost', dataColumns: ['title'] }], []);
  assert.deepEqual(putData(unknown[0], unknown[0].rows[1]), { title: 'title 2' });
});

test('a local-only marker differs from the column default', () => {
  assert.equal(localOnlyMarker(column('is_favorite', 'INTEGER', true, '0')), 7);
  assert.equal(localOnlyMarker(column('rank', 'INTEGER', true, '7')), 14);
  assert.equal(localOnlyMarker(column('zoom', 'REAL', true, '(1.5)')), 8.5);
  assert.equal(localOnlyMarker(column('note', 'TEXT', false)), 'set locally');
});

test('a local insert fills every column, local-only ones too, and points at existing parents', () => {
  const sets = todoApp();
  const row = localInsertRow(bySync(sets, 'todo'), sets)!;
  assert.deepEqual(row.values, { id: 'todo-local', list_id: 'todo_list-1', title: 'title 4', done: 4, notes: 'notes 4' });
  assert.equal(row.id, 'todo-local');
  assert.equal(localInsertRow({ ...bySync(sets, 'todo'), table: undefined }, sets), undefined);
});

test('the same input gives the same rows', () => {
  assert.deepEqual(todoApp(), todoApp());
});

test('with the server\'s output known, rows carry exactly its columns: typed as it types them, NULL where Postgres allows it, no key it does not send', () => {
  const [set] = generateSampleRows(
    [{
      syncName: 'todo',
      table: todo,
      dataColumns: ['list_id', 'title', 'doneFlag'],
      server: {
        columns: [{ name: 'list_id', type: 'text', nullable: false }, { name: 'title', type: 'text', nullable: true }, { name: 'done', type: 'integer' }, { name: 'rank', type: 'real', nullable: false }],
        // The put reads list_id and title, and doneFlag (never sent) into done.
        bindings: { list_id: 'list_id', title: 'title', doneFlag: 'done' },
      },
    }],
    [profile, list, todo],
  );
  assert.deepEqual(set.dataColumns, ['list_id', 'title', 'done', 'rank']);
  assert.deepEqual(set.rows.map((r) => putData(set, r)), [
    { list_id: 'todo_list-1', title: 'title 1', done: 1, rank: 1.5 },
    { list_id: 'todo_list-2', title: 'title 2', done: 2, rank: 2.5 },
    { list_id: 'todo_list-3', title: null, done: 3, rank: 3.5 },
  ]);
  // What the put binds: the server's values, and NULL for the key it never sends.
  assert.deepEqual(set.rows.map((r) => [r.values.title, r.values.done]), [['title 1', null], ['title 2', null], [null, null]]);
  // A later version edits what the server sends, the foreign key aside.
  assert.deepEqual(putData(set, set.rows[2], 'server-edit'), { list_id: 'todo_list-3', title: 'title (edited on the server)', done: 1003, rank: 1003.5 });
});

test('a foreign key keeps its parent\'s id whatever type the server gives it, so no failure comes from the sample ids', () => {
  const [set] = generateSampleRows(
    [{ syncName: 'todo', table: todo, dataColumns: ['list_id'], server: { columns: [{ name: 'list_id', type: 'integer', nullable: false }], bindings: { list_id: 'list_id' } } }],
    [profile, list, todo],
  );
  assert.deepEqual(set.rows.map((r) => r.data?.list_id), ['todo_list-1', 'todo_list-2', 'todo_list-3']);
});
