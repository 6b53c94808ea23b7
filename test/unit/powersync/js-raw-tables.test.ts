// The JS SDK's raw tables, read from TypeScript sources: withRawTables(map) with inline, named,
// spread and generated declarations; new Schema({ … }) with its view tables; the trigger helper
// called with Schema.rawTableToJson(…). Each shape has a twin the model must not read as known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import type { RawTable } from '../../../server/src/model/workspace';

const SCHEMA = 'src/powersync/schema.ts';

function byName(tables: RawTable[], name: string): RawTable {
  const found = tables.find((t) => t.name === name);
  assert.ok(found, `raw table ${name} not found among ${tables.map((t) => t.name).join(', ')}`);
  return found;
}

const params = (t: RawTable, role: 'put' | 'delete') => t[role]?.parameters?.map((p) => (p.kind === 'Column' ? `Column:${p.name}` : p.kind));

test('withRawTables: inline declarations, a declaration held by a constant in another module, and the schema they join', async () => {
  const { model } = await analyzeFiles({
    'src/powersync/specs.ts': `
export const TODO_COLUMNS = ['list_id', 'description'];
export const TODOS = {
  put: {
    sql: \`INSERT INTO todos (id, \${TODO_COLUMNS.join(', ')}) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET description = excluded.description\`,
    params: ['Id', ...[]].concat(TODO_COLUMNS.map((c) => ({ Column: c }))),
  },
  delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  clear: 'DELETE FROM todos',
};
`,
    [SCHEMA]: `
import { column, Schema, Table } from '@powersync/web';
import { TODOS } from './specs';

export const AppSchema = new Schema({ lists: new Table({ name: column.text }, { viewName: 'all_lists' }) });

AppSchema.withRawTables({
  todos: TODOS,
  notes: {
    schema: { tableName: 'local_notes', syncedColumns: ['title'], ignoreEmptyUpdates: true },
  },
});
`,
  });
  const todos = byName(model.rawTables, 'todos');
  assert.equal(todos.api, 'js');
  assert.equal(todos.unresolved, undefined, JSON.stringify(todos.unresolved));
  assert.equal(todos.put?.sql, 'INSERT INTO todos (id, list_id, description) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET description = excluded.description');
  assert.deepEqual(params(todos, 'put'), ['Id', 'Column:list_id', 'Column:description']);
  assert.deepEqual(params(todos, 'delete'), ['Id']);
  assert.equal(todos.clear?.sql, 'DELETE FROM todos');
  assert.equal(todos.localTable, 'todos');
  assert.deepEqual((todos.coreJson as { put: unknown }).put, { sql: todos.put?.sql, params: ['Id', { Column: 'list_id' }, { Column: 'description' }] });

  const notes = byName(model.rawTables, 'notes');
  assert.equal(notes.schema?.tableName, 'local_notes');
  assert.deepEqual(notes.schema?.syncedColumns, ['title']);
  assert.equal(notes.schema?.options.ignoreEmptyUpdates, true);
  assert.equal(notes.localTable, 'local_notes');

  const [schema] = model.schemas;
  assert.deepEqual(schema.rawTables.map((t) => t?.name), ['todos', 'notes']);
  assert.deepEqual(schema.viewTables.map((v) => [v.name, v.viewName]), [['lists', 'all_lists']]);
});

test('Object.fromEntries over a list of names gives a raw table per name; a map built at run time is not analyzed', async () => {
  const { model } = await analyzeFiles({
    [SCHEMA]: `
import { Schema } from '@powersync/web';
const SYNCED = ['lists', 'todos'];
export const AppSchema = new Schema({});
AppSchema.withRawTables(Object.fromEntries(SYNCED.map((name) => [name, { schema: {} }])));
export function later(tables: Record<string, unknown>) {
  AppSchema.withRawTables(tables);
}
`,
  });
  assert.deepEqual(model.rawTables.filter((t) => t.name !== undefined).map((t) => [t.name, t.localTable, t.unresolved === undefined]), [['lists', 'lists', true], ['todos', 'todos', true]]);
  const unknown = model.rawTables.filter((t) => t.name === undefined);
  assert.equal(unknown.length, 1);
  assert.match(unknown[0].unresolved?.[0].reason ?? '', /tables/);
});

test('a parameter that is neither Id, Rest nor { Column } leaves the statement unknown, and says which', async () => {
  const { model } = await analyzeFiles({
    [SCHEMA]: `
import { Schema } from '@powersync/web';
export const AppSchema = new Schema({});
AppSchema.withRawTables({
  todos: {
    put: { sql: 'INSERT INTO todos (id, a) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET a = excluded.a', params: ['Id', { Col: 'a' }] },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  },
});
`,
  });
  const todos = byName(model.rawTables, 'todos');
  assert.equal(todos.coreJson, undefined);
  assert.match(todos.unresolved?.map((u) => `${u.what}: ${u.reason}`).join('\n') ?? '', /parameter 2 of the put/);
});

test('an object or array filled after it is declared is not read as its literal: its raw tables are reported as not checked', async () => {
  const filled = (fill: string) => ({
    [SCHEMA]: `
import { Schema } from '@powersync/web';
export const AppSchema = new Schema({});
const PUT = { sql: 'INSERT INTO t (id) VALUES (?) ON CONFLICT(id) DO NOTHING', params: ['Id'] };
const DEL = { sql: 'DELETE FROM t WHERE id = ?', params: ['Id'] };
export function install(names: string[]) {
  const mappings: Record<string, unknown> = { t: { put: PUT, delete: DEL } };
${fill}
  AppSchema.withRawTables(mappings);
}
export const TOP = { t: { put: PUT, delete: DEL } };
`,
  });
  // Nothing changes the local: its one table is read.
  const plain = await analyzeFiles(filled(''));
  assert.deepEqual(plain.model.rawTables.map((t) => [t.name, t.unresolved === undefined]), [['t', true]]);
  // Filled in a loop, through Object.assign, or a top-level map changed by the module: not known.
  for (const fill of ['  for (const n of names) mappings[n] = { put: PUT, delete: DEL };', '  Object.assign(mappings, { u: {} });', '  delete mappings.t;']) {
    const { model } = await analyzeFiles(filled(fill));
    assert.deepEqual(model.rawTables.map((t) => t.name), [undefined], fill);
    assert.match(model.rawTables[0].unresolved?.[0].reason ?? '', /'mappings' is changed after it is declared \(line 8\)/, fill);
  }
  const top = await analyzeFiles({ ...filled(''), 'src/powersync/more.ts': `import { TOP } from './schema';\nimport { AppSchema } from './schema';\nAppSchema.withRawTables(TOP);\n` });
  assert.deepEqual(top.model.rawTables.map((t) => t.name).sort(), ['t', 't']);
  const changed = await analyzeFiles({ ...filled(''), 'src/powersync/more.ts': `import { TOP } from './schema';\nimport { AppSchema } from './schema';\nAppSchema.withRawTables(TOP);\n`, [SCHEMA]: filled('')[SCHEMA] + 'TOP.u = { schema: {} };\n' });
  assert.match(changed.model.rawTables.find((t) => t.name === undefined)?.unresolved?.[0].reason ?? '', /'TOP' is changed after it is declared/);
});

test('imports through a tsconfig path alias and a barrel that re-exports reach the declaration; without the alias they stay not checked', async () => {
  const files = (tsconfig: string | undefined) => ({
    ...(tsconfig === undefined ? {} : { 'tsconfig.json': tsconfig }),
    'src/data/specs.ts': `export const TODOS = { put: { sql: 'INSERT INTO todos (id, a) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET a = excluded.a', params: ['Id', { Column: 'a' }] }, delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] } };\n`,
    'src/data/index.ts': `export * from './specs.js';\nexport { TODOS as TODO_TABLE } from './specs';\n`,
    [SCHEMA]: `
import { Schema } from '@powersync/web';
import { TODOS } from '@/data/specs';
import { TODO_TABLE } from '@/data';
export const AppSchema = new Schema({});
AppSchema.withRawTables({ todos: TODOS, todos2: TODO_TABLE });
`,
  });
  const tsconfig = `{
  // comments and trailing commas, as tsconfig allows
  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"], }, },
}`;
  const { model } = await analyzeFiles(files(tsconfig));
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.put?.sql !== undefined, t.unresolved === undefined]), [['todos', true, true], ['todos2', true, true]]);
  const without = await analyzeFiles(files(undefined));
  assert.deepEqual(without.model.rawTables.map((t) => [t.name, t.unresolved === undefined]), [['todos', false], ['todos2', false]]);
});

test('a computed key holding a constant names its table: new Schema({ [LISTS]: new Table(…) }) and a raw table map keyed the same way', async () => {
  const { model } = await analyzeFiles({
    [SCHEMA]: `
import { column, Schema, Table } from '@powersync/web';
const LISTS = 'lists';
const TODOS = 'todos';
export const AppSchema = new Schema({ [LISTS]: new Table({ name: column.text }) });
AppSchema.withRawTables({ [TODOS]: { schema: {} }, [nameAtRunTime()]: { schema: {} } });
declare function nameAtRunTime(): string;
`,
  });
  const [schema] = model.schemas;
  assert.deepEqual(schema.viewTables.map((v) => v.name), ['lists']);
  // The view table is read; only the raw table map is unknown.
  assert.deepEqual(schema.unresolved?.map((u) => u.what), ['the raw tables of withRawTables(…)']);
  // One key is only known at run time: which tables the map holds is unknown, and said so.
  assert.deepEqual(model.rawTables.map((t) => t.name), [undefined]);
});

test('parameter lists built with conditions (?:, ===, ??, ||, !) are read; a condition on something unknown stays unknown', async () => {
  const source = (mapper: string) => ({
    [SCHEMA]: `
import { Schema } from '@powersync/web';
const COLUMNS = ['id', 'title', 'done'];
const RENAMED: Record<string, string> = { done: 'completed' };
export const AppSchema = new Schema({});
AppSchema.withRawTables({
  todos: {
    put: {
      sql: 'INSERT INTO todos (id, title, completed) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, completed = excluded.completed',
      params: COLUMNS.map(${mapper}),
    },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  },
});
declare const runtimeFlag: boolean;
`,
  });
  const read = async (mapper: string) => (await analyzeFiles(source(mapper))).model.rawTables[0];
  const ternary = await read("(c) => (c === 'id' ? 'Id' : { Column: c })");
  assert.deepEqual(params(ternary, 'put'), ['Id', 'Column:title', 'Column:done']);
  const nullish = await read("(c) => (c !== 'id' ? { Column: RENAMED.missing ?? c } : 'Id')");
  assert.deepEqual(params(nullish, 'put'), ['Id', 'Column:title', 'Column:done']);
  const logical = await read("(c) => (!(c === 'id') || false ? { Column: c } : 'Id')");
  assert.deepEqual(params(logical, 'put'), ['Id', 'Column:title', 'Column:done']);
  const unknown = await read("(c) => (runtimeFlag ? 'Id' : { Column: c })");
  assert.equal(unknown.put?.parameters, undefined);
  assert.ok(unknown.unresolved?.some((u) => u.what === "the put's parameters of raw table 'todos'"));
});

test('an arrow function with an array pattern ([table, columns]) over Object.entries(…) is evaluated; other patterns stay unknown', async () => {
  const schema = (lambda: string) => ({
    [SCHEMA]: `
import { Schema } from '@powersync/web';
const SYNCED = { lists: ['name'], todos: ['list_id', 'done'] };
export const AppSchema = new Schema({});
AppSchema.withRawTables(Object.fromEntries(Object.entries(SYNCED).map(${lambda})));
`,
  });
  const { model } = await analyzeFiles(schema('([table, columns]) => [table, { schema: { syncedColumns: columns } }]'));
  assert.deepEqual(model.rawTables.map((t) => [t.name, t.schema?.syncedColumns, t.unresolved === undefined]), [['lists', ['name'], true], ['todos', ['list_id', 'done'], true]]);
  // An object pattern, a hole or a default is not read: the map is unknown, and said to be.
  for (const lambda of ['({ 0: table, 1: columns }) => [table, { schema: { syncedColumns: columns } }]', '([, columns]) => [columns[0], { schema: {} }]', '([table, columns = []]) => [table, { schema: { syncedColumns: columns } }]']) {
    const unread = (await analyzeFiles(schema(lambda))).model.rawTables;
    assert.deepEqual(unread.map((t) => [t.name, t.unresolved !== undefined]), [[undefined, true]], lambda);
  }
});

test('CREATE TABLE statements run in a for…of loop over a list of statements are derived, each once', async () => {
  const { model } = await analyzeFiles({
    'src/db.ts': `
import { PowerSyncDatabase } from '@powersync/node';
const TABLES = [
  'CREATE TABLE IF NOT EXISTS companies (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS contacts (id TEXT PRIMARY KEY NOT NULL, company_id TEXT)',
];
const NOTES = 'CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY NOT NULL, body TEXT)';
export async function prepare(db: PowerSyncDatabase, extra: string[]): Promise<void> {
  for (const sql of [...TABLES, 'CREATE INDEX IF NOT EXISTS contacts_company ON contacts (company_id)']) {
    await db.execute(sql);
  }
  // A loop the statement does not depend on runs one statement.
  for (const attempt of [1, 2, 3]) await db.execute(NOTES);
  for (const sql of extra) await db.execute(sql);
}
`,
  });
  assert.deepEqual(model.tables.map((t) => [t.name, t.indices.map((i) => i.name)]), [['companies', []], ['contacts', ['contacts_company']], ['notes', []]]);
  // A table of the list is located at its own string; one held by a constant, where it is run.
  assert.deepEqual(model.tables.map((t) => t.loc.range.start.line), [3, 4, 12]);
});
