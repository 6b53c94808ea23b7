import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { languageOf } from '../../../server/src/frontends/index';
import { moduleIdOf, moduleIdOfSpecifier } from '../../../server/src/frontends/typescript/declarations';
import type { FileFacts } from '../../../server/src/model/facts';
import { sqlSourceMap } from '../../../server/src/model/sql-source-map';
import type { ObjectValue, Value } from '../../../server/src/model/value';

const TS = 'src/db/setup.ts';

/** A value without locations, for comparing shapes. */
function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'loc' || key === 'keyLoc' ? undefined : v)));
}

function constant(facts: FileFacts, name: string): Value {
  const found = facts.constants.find((c) => c.name === name);
  assert.ok(found, `constant ${name}`);
  return found.value;
}

const str = (value: string, quote: '"' | "'" | '`' = "'") => ({ kind: 'string', value, raw: false, quote });
const ref = (name: string) => ({ kind: 'ref', name });

test('TypeScript and JavaScript files are read by the TypeScript plugin, declaration files are not', () => {
  for (const ext of ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']) assert.equal(languageOf(`/w/src/a.${ext}`), 'typescript', ext);
  for (const file of ['/w/src/a.d.ts', '/w/src/a.d.mts', '/w/src/a.d.cts', '/w/src/a.json', '/w/src/a.tsbuildinfo']) assert.equal(languageOf(file), undefined, file);
  // Generated and vendored JavaScript: framework output, the SDK's worker bundles copied into public/, minified files.
  for (const file of ['/w/.next/static/chunks/app.js', '/w/public/@powersync/worker/WASQLiteDB.umd.js', '/w/public/@powersync/sync.js', '/w/src/vendor/sql.min.js', '/w/app/.expo/web/x.js', '/w/coverage/lcov-report/a.js']) {
    assert.equal(languageOf(file), undefined, file);
  }
  assert.equal(languageOf('C:\\w\\public\\@powersync\\a.js'), undefined);
  assert.equal(languageOf('/w/src/A.kt'), 'kotlin');
});

test('moduleIdOf: the path without its extension or a trailing /index, every dot replaced', () => {
  assert.equal(moduleIdOf('/w/src/db/index.ts'), '/w/src/db');
  assert.equal(moduleIdOf('/w/src/db.tsx'), '/w/src/db');
  assert.equal(moduleIdOf('/w/app.v2/schema.config.mjs'), '/w/app\u2024v2/schema\u2024config');
  assert.equal(moduleIdOf('C:\\w\\src\\db.ts'), 'C:/w/src/db');
  assert.equal(moduleIdOfSpecifier('../lib/db.js', '/w/src/app/main.ts'), '/w/src/lib/db');
  assert.equal(moduleIdOfSpecifier('./', '/w/src/app/main.ts'), '/w/src/app');
  assert.equal(moduleIdOfSpecifier('@powersync/react-native', '/w/src/main.ts'), '@powersync/react-native');
  assert.equal(moduleIdOfSpecifier('@/lib/db.ts', '/w/src/main.ts'), '@/lib/db\u2024ts');
});

test('module ids, named imports (renamed, relative, bare), and what is not recorded', async () => {
  const facts = await factsOf([
    "import { Schema, Table as T } from '@powersync/web';",
    "import { todos } from './tables';",
    "import { lists } from '../shared/lists.js';",
    "import { a } from './index';",
    "import { cfg } from './schema.config';",
    "import type { Row } from 'lodash.merge';",
    "import Default from './default';",
    "import * as ns from './ns';",
    "import './side-effect';",
    "export { x } from './y';",
  ].join('\n'), 'app.v2/src/db/index.ts');
  assert.equal(facts.language, 'typescript');
  assert.equal(facts.packageName, '/virtual/app\u2024v2/src/db');
  assert.equal(facts.packageLoc, undefined);
  assert.deepEqual(facts.imports.map((i) => [i.path, i.alias, i.wildcard]), [
    ['@powersync/web.Schema', undefined, false],
    ['@powersync/web.Table', 'T', false],
    ['/virtual/app\u2024v2/src/db/tables.todos', undefined, false],
    ['/virtual/app\u2024v2/src/shared/lists.lists', undefined, false],
    ['/virtual/app\u2024v2/src/db.a', undefined, false],
    ['/virtual/app\u2024v2/src/db/schema\u2024config.cfg', undefined, false],
    ['lodash\u2024merge.Row', undefined, false],
  ]);
  assert.deepEqual(facts.imports[0].loc.range.start, { line: 0, character: 0 });
  assert.equal((await factsOf('', 'src/db/schema.config.mts')).packageName, '/virtual/src/db/schema\u2024config');
});

test('top-level consts are constants (exported or not); let, var and destructuring are not', async () => {
  const facts = await factsOf([
    "export const A = 'a';",
    'const B = 2, C = A;',
    "let L = 'l';",
    "var V = 'v';",
    'const { D } = obj;',
    'export const E = { x: 1 } as const;',
    'function inner() { const LOCAL = 1; }',
  ].join('\n'), TS);
  assert.deepEqual(facts.constants.map((c) => [c.name, c.owner, c.isConst]), [
    ['A', [], true], ['B', [], true], ['C', [], true], ['E', [], true],
  ]);
  assert.deepEqual(shape(constant(facts, 'A')), str('a'));
  assert.deepEqual(shape(constant(facts, 'C')), ref('A'));
  assert.equal(constant(facts, 'E').kind, 'object');
  assert.deepEqual(facts.constants[0].loc.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 21 } });
  assert.deepEqual(facts.constants[1].loc.range.start, { line: 1, character: 6 });
});

test('top-level functions and arrow functions with their parameters and code', async () => {
  const facts = await factsOf([
    'export async function create(db: DB, name = "t") {',
    '  const sql = `CREATE TABLE ${name} (id TEXT)`;',
    '  await db.execute(sql);',
    '  if (x) return;',
    '  return sql;',
    '}',
    'const triggerName = (table: string, op) => `${table}_${op}`;',
    'export const block = function (t) { return t; };',
  ].join('\n'), TS);
  assert.deepEqual(facts.functions?.map((f) => [f.name, f.modifiers, f.parameters.map((p) => p.name)]), [
    ['create', ['export', 'async'], ['db', 'name']],
    ['triggerName', [], ['table', 'op']],
    ['block', ['export'], ['t']],
  ]);
  const [create, triggerName] = facts.functions!;
  assert.deepEqual(create.code?.map((s) => s.kind), ['val', 'expr', 'other', 'return']);
  assert.deepEqual(shape(create.code?.[0]), {
    kind: 'val',
    name: 'sql',
    value: { kind: 'template', parts: [str('CREATE TABLE ', '`'), ref('name'), str(' (id TEXT)', '`')], raw: false },
  });
  assert.equal(create.body?.statements.length, 4);
  assert.deepEqual(shape(triggerName.code), [{
    kind: 'return',
    value: { kind: 'template', parts: [ref('table'), str('_', '`'), ref('op')], raw: false },
  }]);
  // An arrow function held by a const is a constant too (a lambda).
  assert.equal(constant(facts, 'triggerName').kind, 'lambda');
});

test('values: strings with their quote and escapes, templates, concatenation, literals, names, calls, lists', async () => {
  const facts = await factsOf([
    "const S1 = 'it\\'s';",
    'const S2 = "say \\"hi\\"\\n";',
    'const S3 = `a \\` b \\${c}`;',
    'const T1 = `x ${Y} z`;',
    "const C1 = 'a' + B + `c`;",
    'const N = -1.5, H = 0x1F, SEP = 1_000, BIG = 10n;',
    'const Bo = true, Nu = null, Un = undefined;',
    'const M = Names.TODO.table;',
    "const Sub = obj['key'];",
    'const Call = make<Row>(1, ...rest);',
    'const New = new Table({ name: column.text }, { indexes: {} });',
    'const L = [1, ...more, \'x\'];',
    'const W = (x as any) satisfies T;',
    'const NN = value!;',
    'const U = a ? b : c;',
  ].join('\n'), TS);
  assert.deepEqual(shape(constant(facts, 'S1')), { ...str("it's"), escapes: [{ at: 2, source: "\\'" }] });
  assert.deepEqual(shape(constant(facts, 'S2')), { ...str('say "hi"\n', '"'), escapes: [{ at: 4, source: '\\"' }, { at: 7, source: '\\"' }, { at: 8, source: '\\n' }] });
  assert.deepEqual(shape(constant(facts, 'S3')), { ...str('a ` b ${c}', '`'), escapes: [{ at: 2, source: '\\`' }, { at: 6, source: '\\$' }] });
  assert.deepEqual(shape(constant(facts, 'T1')), { kind: 'template', parts: [str('x ', '`'), ref('Y'), str(' z', '`')], raw: false });
  assert.deepEqual(shape(constant(facts, 'C1')), { kind: 'template', parts: [str('a'), ref('B'), str('c', '`')], raw: false });
  assert.deepEqual(['N', 'H', 'SEP', 'BIG'].map((n) => { const v = constant(facts, n); return v.kind === 'number' ? v.value : v.kind; }), [-1.5, 31, 1000, 10]);
  assert.deepEqual(['Bo', 'Nu', 'Un'].map((n) => shape(constant(facts, n))), [{ kind: 'boolean', value: true }, { kind: 'null' }, { kind: 'null' }]);
  assert.deepEqual(shape(constant(facts, 'M')), { kind: 'member', receiver: { kind: 'member', receiver: ref('Names'), name: 'TODO' }, name: 'table' });
  assert.deepEqual(shape(constant(facts, 'Sub')), { kind: 'member', receiver: ref('obj'), name: 'key' });
  const call = constant(facts, 'Call');
  assert.ok(call.kind === 'call');
  assert.deepEqual(call.typeArgs, ['Row']);
  assert.deepEqual(shape(call.args), [{ value: { kind: 'number', value: 1, text: '1' } }, { value: ref('rest'), spread: true }]);
  const made = constant(facts, 'New');
  assert.ok(made.kind === 'call' && made.callee.kind === 'ref' && made.callee.name === 'Table');
  assert.deepEqual(made.args.map((a) => a.value.kind), ['object', 'object']);
  const list = constant(facts, 'L');
  assert.ok(list.kind === 'list');
  assert.deepEqual(list.items.map((i) => i.kind), ['number', 'spread', 'string']);
  assert.deepEqual(shape(constant(facts, 'W')), ref('x'));
  assert.deepEqual(shape(constant(facts, 'NN')), ref('value'));
  assert.deepEqual(shape(constant(facts, 'U')), { kind: 'operator', operator: '?:', operands: [ref('a'), ref('b'), ref('c')] });
});

test('object literals: pairs, shorthands, spreads, string and computed keys, methods', async () => {
  const facts = await factsOf([
    'const O = {',
    '  put: { sql, params: [\'Id\', { Column: \'title\' }, \'Rest\'] },',
    '  ...base,',
    "  'quoted-key': 1,",
    "  ['computed']: 2,",
    '  [dynamic]: 3,',
    '  42: 4,',
    '  build(x) { return x; },',
    '};',
  ].join('\n'), TS);
  const o = constant(facts, 'O') as ObjectValue;
  assert.equal(o.kind, 'object');
  assert.deepEqual(o.entries.map((e) => ('spread' in e ? ['...', e.spread.kind] : [e.key, e.value.kind])), [
    ['put', 'object'], ['...', 'ref'], ['quoted-key', 'number'], ['computed', 'number'], [undefined, 'number'], ['42', 'number'], ['build', 'lambda'],
  ]);
  assert.deepEqual(shape(o.entries[0]), {
    key: 'put',
    value: {
      kind: 'object',
      entries: [
        { key: 'sql', value: ref('sql') },
        { key: 'params', value: { kind: 'list', items: [str('Id'), { kind: 'object', entries: [{ key: 'Column', value: str('title') }] }, str('Rest')] } },
      ],
    },
  });
  const first = o.entries[0];
  assert.ok(!('spread' in first));
  assert.deepEqual(first.keyLoc.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
});

test('withRawTables: an inline map, a named one, and the schema it is called on', async () => {
  const facts = await factsOf([
    "import { Schema } from '@powersync/web';",
    "import { todosRaw } from './raw';",
    'export const AppSchema = new Schema({ lists, todos: new Table({ name: column.text }) });',
    'AppSchema.withRawTables({',
    '  todos: {',
    "    put: { sql: 'INSERT OR REPLACE INTO todos (id, title) VALUES (?, ?)', params: ['Id', { Column: 'title' }] },",
    "    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },",
    "    clear: 'DELETE FROM todos',",
    '  },',
    '});',
    'AppSchema.withRawTables(todosRaw);',
    'export function build() {',
    '  const local = { items: { schema: { tableName: "local_items", syncedColumns: ["a"] } } };',
    '  const schema = new Schema({});',
    '  schema.withRawTables(local);',
    '  return schema;',
    '}',
  ].join('\n'), TS);
  assert.equal(facts.rawTables.length, 3);
  const [inline, named, local] = facts.rawTables;
  assert.deepEqual(shape(inline.schema), ref('AppSchema'));
  assert.equal(inline.call, undefined);
  assert.deepEqual(inline.owner, []);
  assert.equal(inline.enclosingFunction, undefined);
  assert.ok(inline.map?.kind === 'object');
  assert.deepEqual(inline.map.entries.map((e) => ('key' in e ? e.key : '...')), ['todos']);
  assert.deepEqual(inline.loc.range.start, { line: 3, character: 0 });
  assert.deepEqual(shape(named.map), ref('todosRaw'));
  // A local const is read through: the map is its initializer, the schema the local `new Schema`.
  assert.equal(local.enclosingFunction, 'build');
  assert.ok(local.map?.kind === 'ref' && local.map.localValue?.kind === 'object');
  assert.ok(local.schema?.kind === 'ref' && local.schema.localValue?.kind === 'call');

  assert.deepEqual(facts.schemas.map((s) => s.variable), [{ name: 'AppSchema', owner: [] }, { name: 'schema', owner: [] }]);
  const schema = facts.schemas[0];
  assert.ok(schema.call.callee.kind === 'ref' && schema.call.callee.name === 'Schema');
  assert.deepEqual(schema.itemTexts?.map((t) => t.text), ['{ lists, todos: new Table({ name: column.text }) }', 'lists', 'todos: new Table({ name: column.text })']);
});

test('SQL run through execute, with template literals, local consts, loops and the trigger helper', async () => {
  const facts = await factsOf([
    "const TABLE = 'todos';",
    'export async function setup(db: PowerSyncDatabase, tables: string[]) {',
    '  const ddl = `CREATE TABLE IF NOT EXISTS ${TABLE} (id TEXT PRIMARY KEY, title TEXT)`;',
    '  await db.execute(ddl);',
    '  await db.writeTransaction(async (tx) => {',
    "    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {",
    "      await tx.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [Schema.rawTableToJson(raw), `todos_${op}`, op]);",
    '    }',
    '  });',
    "  tables.forEach((t) => db.executeRaw(`DROP TABLE ${t}`));",
    "  await db.executeBatch('INSERT INTO todos (id) VALUES (?)', [['a'], ['b']]);",
    '  const rows = await db.getAll(`SELECT * FROM todos`);',
    "  const id = params.get('id');",
    '  const item = cache.get(key);',
    '}',
    "db.execute(QUERIES.create, [1]);",
    'class Store { init = async () => { await this.db.execute(DDL); }; async open() { await this.db.execute(DDL); } }',
    'const callbacks = { onOpen: (db) => db.execute(DDL) };',
  ].join('\n'), TS);
  const statements = facts.sqlStatements;
  assert.deepEqual(statements.map((s) => [s.source, s.call && s.call.callee.kind === 'member' ? s.call.callee.name : undefined, s.enclosingFunction]), [
    ['execute', 'execute', 'setup'],
    ['crud-trigger-call', 'execute', 'setup'],
    ['execute', 'executeRaw', 'setup'],
    ['execute', 'executeBatch', 'setup'],
    ['execute', 'getAll', 'setup'],
    ['execute', 'execute', undefined],
    ['execute', 'execute', 'init'],
    ['execute', 'execute', 'open'],
    ['execute', 'execute', 'onOpen'],
  ]);
  const [ddl, trigger, drop, , , member] = statements;
  // The local const is read through; the top-level one is left to the model.
  assert.ok(ddl.sql.kind === 'ref' && ddl.sql.localValue?.kind === 'template');
  assert.deepEqual(shape(ddl.sql.localValue), {
    kind: 'template',
    parts: [str('CREATE TABLE IF NOT EXISTS ', '`'), ref('TABLE'), str(' (id TEXT PRIMARY KEY, title TEXT)', '`')],
    raw: false,
  });
  assert.deepEqual(ddl.owner, []);
  assert.deepEqual(ddl.loc, ddl.call?.loc);
  assert.deepEqual(shape(trigger.loops), [{ variable: 'op', items: { kind: 'list', items: [str('INSERT'), str('UPDATE'), str('DELETE')] } }]);
  const params = trigger.call?.args[1].value;
  assert.ok(params?.kind === 'list');
  assert.deepEqual(params.items.map((i) => i.kind), ['call', 'template', 'ref']);
  assert.equal(params.items[2].kind === 'ref' && params.items[2].declaredLocally, "'op' is a loop variable");
  assert.deepEqual(shape(drop.loops), [{ variable: 't', items: { ...ref('tables'), declaredLocally: "'tables' is a parameter of setup" } }]);
  assert.deepEqual(shape(member.sql), { kind: 'member', receiver: ref('QUERIES'), name: 'create' });
  assert.ok(facts.calledNames?.includes('writeTransaction'));
});

test('a trigger-helper string run through a helper of the app is still a trigger call; one a const holds is left to its user', async () => {
  const facts = await factsOf([
    "const TRIGGER = 'SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)';",
    "const TRIGGERS = { insert: ['SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)'] };",
    "run(`SELECT powersync_create_raw_table_crud_trigger(${json}, 'todos_insert', 'INSERT')`);",
  ].join('\n'), TS);
  assert.deepEqual(facts.sqlStatements.map((s) => [s.source, s.sql.kind, s.loc.range.start.line]), [['crud-trigger-call', 'template', 2]]);
  assert.ok(facts.sqlStatements[0].call?.callee.kind === 'ref');
});

test('disable comments, the end of the file, and a broken file keeps what is intact', async () => {
  const facts = await factsOf([
    "const A = 'a';",
    '// rawsync-disable-next-line raw-table-put-columns',
    "db.execute('CREATE TABLE t (id TEXT)');",
    '/* rawsync-disable-next-line */',
    'const B = ;',
    'function broken( {',
    "const C = 'c';",
    '',
  ].join('\n'), TS);
  assert.deepEqual(facts.disableComments.map((d) => [d.line, d.rules]), [[2, ['raw-table-put-columns']], [4, []]]);
  assert.ok(facts.syntaxErrors.length > 0);
  assert.ok(facts.constants.some((c) => c.name === 'A'));
  // The unclosed `(` swallows the line after it; the file is read again from there.
  assert.deepEqual(facts.constants.map((c) => c.name), ['A', 'C']);
  assert.equal(facts.sqlStatements.length, 1);
  assert.equal(facts.unread, undefined);
  assert.deepEqual(facts.end, { line: 7, character: 0 });
  assert.deepEqual(facts.finalLineBreak, { line: 6, character: 14 });
});

test('JSX files parse with the TSX grammar; .ts files keep type assertions', async () => {
  const jsx = await factsOf([
    "const SQL = 'CREATE TABLE a (id TEXT)';",
    'export const View = () => <div onClick={() => db.execute(SQL)}>{label}</div>;',
  ].join('\n'), 'src/View.jsx');
  assert.deepEqual(jsx.syntaxErrors, []);
  assert.equal(jsx.sqlStatements.length, 1);
  const ts = await factsOf('const X = <string>value;', 'src/a.ts');
  assert.deepEqual(ts.syntaxErrors, []);
  assert.deepEqual(shape(constant(ts, 'X')), ref('value'));
});

test('the model reads TypeScript: a trigger and a table run through execute, the SQL held by a constant of another module', async () => {
  const { model } = await analyzeFiles({
    'web/src/sql.ts': [
      'export const CREATE_TODOS = `CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT)`;',
      "export const TRIGGER = 'CREATE TRIGGER todos_insert AFTER INSERT ON todos BEGIN SELECT 1; END';",
    ].join('\n'),
    'web/src/db/setup.ts': [
      "import { CREATE_TODOS, TRIGGER as T } from '../sql';",
      'export async function setup(db) {',
      '  await db.execute(CREATE_TODOS);',
      '  await db.execute(T);',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(model.triggers.map((t) => [t.name, t.table, t.event]), [['todos_insert', 'todos', 'INSERT']]);
  assert.ok(model.tables.some((t) => t.name === 'todos'));
});

test('a TypeScript string maps SQL offsets back to the source through its escapes', async () => {
  const facts = await factsOf("db.execute('CREATE TABLE \\'t\\' (id TEXT)');\n", TS);
  const map = sqlSourceMap(facts.sqlStatements[0].sql);
  assert.ok(map);
  assert.equal(map.text, "CREATE TABLE 't' (id TEXT)");
  // `(id` starts at offset 17 of the value, and at column 31 of the line (`db.execute('` and two escapes before it).
  assert.deepEqual(map.locationsOf(17, 20)?.map((l) => l.range), [{ start: { line: 0, character: 31 }, end: { line: 0, character: 34 } }]);
  // A single-line template literal maps too.
  const template = await factsOf('db.execute(`DROP TABLE t`);\n', TS);
  assert.equal(sqlSourceMap(template.sqlStatements[0].sql)?.text, 'DROP TABLE t');
});

test('Drizzle: sqliteTable(…) calls with the const they initialize, toPowerSyncTable/DrizzleAppSchema arguments, and db.run(sql`…`); the screen reads such a file', async () => {
  const text = [
    "import { sql } from 'drizzle-orm';",
    "import { sqliteTable, text } from 'drizzle-orm/sqlite-core';",
    "import { DrizzleAppSchema, toPowerSyncTable } from '@powersync/drizzle-driver';",
    "export const lists = sqliteTable('lists', { id: text('id').primaryKey() });",
    'export const Lists = toPowerSyncTable(lists);',
    'export const AppSchema = new DrizzleAppSchema({ lists });',
    'export async function setup(db) {',
    '  await db.run(sql`CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY)`);',
    '}',
  ].join('\n');
  const facts = await factsOf(text, 'src/db/schema.ts');
  assert.deepEqual(facts.drizzleTables?.map((t) => [t.variable, t.call.args.length, t.loc.range.start.line]), [['lists', 2, 3]]);
  assert.deepEqual(facts.drizzleViewTables?.map((v) => [v.form, v.argument.kind]), [['toPowerSyncTable', 'ref'], ['DrizzleAppSchema', 'object']]);
  assert.deepEqual(facts.sqlStatements.map((s) => [s.source, s.enclosingFunction, shape(s.sql)]), [
    ['execute', 'setup', str('CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY)', '`')],
  ]);
  // A schema file with nothing but Drizzle declarations holds facts the screen must not pass over.
  const { model } = await analyzeFiles({ 'src/db/tables.ts': "import { sqliteTable, text } from 'drizzle-orm/sqlite-core';\nexport const t = sqliteTable('t', { id: text('id') });\n" });
  assert.deepEqual(model.tables.map((t) => t.name), ['t']);
});

test('new PowerSyncDatabase({ schema }) is the database a disconnectAndClear on it clears, with that schema; a spread in its options leaves it unread', async () => {
  const schema = "import { Schema } from '@powersync/web';\nexport const AppSchema = new Schema({});\nexport const Other = new Schema({});\n";
  const db = (options: string) => `import { PowerSyncDatabase } from '@powersync/web';\nimport { AppSchema, Other } from './schema';\nexport const db = new PowerSyncDatabase(${options});\nexport async function logout() {\n  await db.disconnectAndClear();\n}\n`;
  const facts = await factsOf(db("{ schema: AppSchema, database: { dbFilename: 'a.db' } }"), 'src/db.ts');
  assert.deepEqual(facts.powerSyncDatabases.map((d) => [d.variable?.name, d.schemaArgument?.kind === 'ref' ? d.schemaArgument.name : undefined]), [['db', 'AppSchema']]);
  const { model } = await analyzeFiles({ 'src/schema.ts': schema, 'src/db.ts': db("{ schema: AppSchema, database: { dbFilename: 'a.db' } }") });
  const [clear] = model.clears;
  assert.equal(clear.via, 'opener');
  assert.equal(clear.schema, model.schemas.find((s) => s.variable?.name === 'AppSchema'));
  // Two schemas, and options that may override `schema`: which one it opens is not told.
  const spread = await analyzeFiles({ 'src/schema.ts': schema, 'src/db.ts': db('{ schema: AppSchema, ...overrides }').replace('export const db', 'declare const overrides: object;\nexport const db') });
  assert.equal(spread.model.clears[0].schema, undefined);
});
