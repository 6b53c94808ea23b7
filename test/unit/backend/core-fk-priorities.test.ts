// The facts fk-across-priorities stands on, in the real PowerSync core (@powersync/sql-js): a
// checkpoint whose buckets have different priorities is applied one priority at a time (the
// service's `partial_checkpoint_complete` line, then `checkpoint_complete`), each in its own
// transaction; a child row synced at a higher priority than its parent lands first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorText, type CoreDatabase } from '../../../server/src/engine/database';
import { openCoreDatabase } from '../engine/core-database';

const CONTROL = 'select powersync_control(?, cast(? as text))';
const utf8 = new TextEncoder();

const RAW_TABLES = [
  {
    name: 'lists',
    put: { sql: 'INSERT INTO lists (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name', params: ['Id', { Column: 'name' }] },
    delete: { sql: 'DELETE FROM lists WHERE id = ?', params: ['Id'] },
  },
  {
    name: 'todos',
    put: { sql: 'INSERT INTO todos (id, list_id, title) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET list_id = excluded.list_id, title = excluded.title', params: ['Id', { Column: 'list_id' }, { Column: 'title' }] },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  },
];

const LISTS = 'CREATE TABLE lists (id TEXT NOT NULL PRIMARY KEY, name TEXT)';
const todos = (reference: string) => `CREATE TABLE todos (id TEXT NOT NULL PRIMARY KEY, list_id TEXT ${reference}, title TEXT)`;

/** One `powersync_control` call in its own write transaction, as the SDKs run it; the core's error text when it fails. */
function control(db: CoreDatabase, op: string, payload: unknown): { error?: string; instructions: string } {
  try {
    const text = db.transaction(() => db.scalarKept(CONTROL, [op, payload === null ? null : utf8.encode(JSON.stringify(payload))]));
    return { instructions: String(text ?? '') };
  } catch (error) {
    return { error: errorText(error), instructions: '' };
  }
}

/** FNV-1a, as the simulation's made-up operations use; the core only checks the sum. */
function checksum(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * One checkpoint of two buckets: `todos` (the child) at `childPriority`, `lists` (the parent) at
 * `parentPriority`, the higher priority's data first with its partial_checkpoint_complete, as the
 * service sends it. Returns each step's error, and what the tables hold after each step.
 */
async function sync(create: string[], foreignKeys: boolean, childPriority: number, parentPriority: number) {
  const db = await openCoreDatabase(...(foreignKeys ? ['PRAGMA foreign_keys = ON'] : []), ...create);
  const schema = { tables: [], raw_tables: RAW_TABLES };
  db.replaceSchema(schema);
  control(db, 'start', { parameters: {}, schema });
  const op = (opId: number, type: string, id: string, data: object) => {
    const payload = JSON.stringify(data);
    return { op_id: String(opId), op: 'PUT', object_type: type, object_id: id, checksum: checksum(`${opId}/${type}/${id}`), data: payload };
  };
  const child = op(1, 'todos', 't1', { list_id: 'l1', title: 'Buy milk' });
  const parent = op(2, 'lists', 'l1', { name: 'Groceries' });
  const bucket = (name: string, priority: number, ops: typeof child[]) => ({ bucket: name, checksum: ops.reduce((s, o) => (s + o.checksum) | 0, 0), priority, count: ops.length });
  const steps: { after: string; error?: string; todos: number; lists: number }[] = [];
  const record = (after: string, result: { error?: string }) => steps.push({
    after,
    ...(result.error ? { error: result.error } : {}),
    todos: Number(db.scalar('select count(*) from todos')),
    lists: Number(db.scalar('select count(*) from lists')),
  });
  const buckets = [
    { name: 'b_todos', priority: childPriority, ops: [child] },
    { name: 'b_lists', priority: parentPriority, ops: [parent] },
  ].sort((a, b) => a.priority - b.priority);
  control(db, 'line_text', { checkpoint: { last_op_id: '2', write_checkpoint: null, buckets: buckets.map((b) => bucket(b.name, b.priority, b.ops)) } });
  for (const [i, b] of buckets.entries()) {
    control(db, 'line_text', { data: { bucket: b.name, data: b.ops, has_more: false, after: null, next_after: b.ops[0].op_id } });
    // The service closes each priority but the last with a partial checkpoint.
    if (i + 1 < buckets.length && buckets[i + 1].priority !== b.priority) record(`partial_checkpoint_complete ${b.priority}`, control(db, 'line_text', { partial_checkpoint_complete: { last_op_id: '2', priority: b.priority } }));
  }
  record('checkpoint_complete', control(db, 'line_text', { checkpoint_complete: { last_op_id: '2' } }));
  // The SDK connects again after a failed iteration: the service sends the same checkpoint (the data is kept in the oplog).
  control(db, 'stop', null);
  control(db, 'start', { parameters: {}, schema });
  control(db, 'line_text', { checkpoint: { last_op_id: '2', write_checkpoint: null, buckets: buckets.map((b) => bucket(b.name, b.priority, b.ops)) } });
  if (buckets[0].priority !== buckets[1].priority) record(`again: partial_checkpoint_complete ${buckets[0].priority}`, control(db, 'line_text', { partial_checkpoint_complete: { last_op_id: '2', priority: buckets[0].priority } }));
  db.close();
  return steps;
}

const FK_FAILED = /FOREIGN KEY constraint failed/;

test('core: a child at priority 1 whose parent syncs at priority 3, under an immediate foreign key: the priority-1 transaction fails, the core ends the iteration, and the next connection fails the same way', async () => {
  const steps = await sync([LISTS, todos('REFERENCES lists(id)')], true, 1, 3);
  assert.deepEqual(steps.map((s) => s.after), ['partial_checkpoint_complete 1', 'checkpoint_complete', 'again: partial_checkpoint_complete 1']);
  assert.match(steps[0].error ?? '', /^powersync_control: replacing into todos, id = t1, .*FOREIGN KEY constraint failed$/);
  assert.match(steps[1].error ?? '', /No iteration is active/);
  assert.match(steps[2].error ?? '', FK_FAILED);
  assert.deepEqual(steps.map((s) => [s.todos, s.lists]), [[0, 0], [0, 0], [0, 0]]);
});

test('core: with DEFERRABLE INITIALLY DEFERRED the priority-1 transaction fails at its commit: the child is alone in it', async () => {
  const steps = await sync([LISTS, todos('REFERENCES lists(id) DEFERRABLE INITIALLY DEFERRED')], true, 1, 3);
  assert.equal(steps[0].after, 'partial_checkpoint_complete 1');
  // The COMMIT fails, not the core's statement: nothing of that priority is applied.
  assert.equal(steps[0].error, 'FOREIGN KEY constraint failed');
  assert.deepEqual([steps[0].todos, steps[0].lists], [0, 0]);
});

test('core: without PRAGMA foreign_keys the child lands first, unchecked', async () => {
  const steps = await sync([LISTS, todos('REFERENCES lists(id)')], false, 1, 3);
  assert.deepEqual(steps.slice(0, 2), [{ after: 'partial_checkpoint_complete 1', todos: 1, lists: 0 }, { after: 'checkpoint_complete', todos: 1, lists: 1 }]);
});

test('core: a parent at the higher priority is applied first: a deferred or an immediate key holds', async () => {
  for (const reference of ['REFERENCES lists(id) DEFERRABLE INITIALLY DEFERRED', 'REFERENCES lists(id)']) {
    const steps = await sync([LISTS, todos(reference)], true, 3, 1);
    assert.deepEqual(steps.slice(0, 2), [{ after: 'partial_checkpoint_complete 1', todos: 0, lists: 1 }, { after: 'checkpoint_complete', todos: 1, lists: 1 }]);
  }
});

test('core: both at one priority: one transaction, a deferred key holds', async () => {
  const steps = await sync([LISTS, todos('REFERENCES lists(id) DEFERRABLE INITIALLY DEFERRED')], true, 3, 3);
  assert.deepEqual(steps, [{ after: 'checkpoint_complete', todos: 1, lists: 1 }]);
});
