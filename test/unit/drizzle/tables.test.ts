import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { runRules } from '../../../server/src/rules/run';
import { RULES } from '../../../server/src/rules/index';
import { openCoreDatabase } from '../engine/core-database';
import type { Table, WorkspaceModel } from '../../../server/src/model/workspace';

// The expected text is drizzle-kit's, per its source (docs/facts.md §9): SQLiteCreateTableConvertor
// and CreateSqliteIndexConvertor in drizzle-kit/src/sqlgenerator.ts, the column, default, unique and
// foreign-key snapshot in drizzle-kit/src/serializer/sqliteSerializer.ts (drizzle-team/drizzle-orm@b7862528).

const IMPORTS = "import { sql } from 'drizzle-orm';\nimport { blob, foreignKey, index, int, integer, numeric, primaryKey, real, sqliteTable, text, unique, uniqueIndex } from 'drizzle-orm/sqlite-core';\n";

async function modelOf(schema: string, extra: Record<string, string> = {}): Promise<WorkspaceModel> {
  return (await analyzeFiles({ 'src/db/schema.ts': IMPORTS + schema, ...extra })).model;
}

/** A workspace with a raw table (what makes a table Rawsync could not derive worth reporting). */
const RAW_TABLES = { 'src/powersync/schema.ts': "import { Schema } from '@powersync/web';\nexport const AppSchema = new Schema({});\nAppSchema.withRawTables({ a: { put: { sql: 'INSERT INTO a (id) VALUES (?) ON CONFLICT(id) DO NOTHING', params: ['Id'] }, delete: { sql: 'DELETE FROM a WHERE id = ?', params: ['Id'] } } });\n" };

async function notAnalyzedOf(schema: string): Promise<string[]> {
  const { analyzer, model } = await analyzeFiles({ 'src/db/schema.ts': IMPORTS + schema, ...RAW_TABLES });
  return runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === 'not-analyzed').map((f) => f.message);
}

function drizzleTable(model: WorkspaceModel, name: string): Table {
  const table = model.tables.find((t) => t.name === name && t.origin === 'drizzle');
  assert.ok(table, `no Drizzle table '${name}' among ${model.tables.map((t) => t.name).join(', ') || 'none'}; unread: ${model.unreadTables.map((u) => `${u.name}: ${u.unresolved.reason}`).join('; ')}`);
  return table;
}

function unreadReason(model: WorkspaceModel, name: string): string {
  assert.ok(!model.tables.some((t) => t.name === name), `'${name}' was derived`);
  const unread = model.unreadTables.find((u) => u.name === name);
  assert.ok(unread, `'${name}' is not reported unread`);
  assert.equal(unread.unresolved.what, `the Drizzle table '${name}'`);
  return unread.unresolved.reason;
}

const ALL_BUILDERS = `
export const things = sqliteTable('things', {
  id: text('id').primaryKey(),
  title: text('title', { length: 256 }).notNull(),
  body: text('body', { mode: 'json' }),
  kind: text('kind', { enum: ['a', 'b'] }).default('a'),
  note: text('note').default("it's"),
  count: integer('count').notNull().default(0),
  small: int('small'),
  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql\`(unixepoch())\`),
  stampMs: integer('stamp_ms', { mode: 'timestamp_ms' }),
  done: integer('done', { mode: 'boolean' }).notNull().default(false),
  price: real('price').default(1.5),
  data: blob('data'),
  big: blob('big', { mode: 'bigint' }),
  amount: numeric('amount'),
  score: numeric('score', { mode: 'number' }),
  slug: text('slug').unique(),
  email: text('email').unique('things_email_key'),
  seen: integer('seen').$defaultFn(() => 0).$onUpdate(() => 1).$type<number>(),
});
`;

test('Drizzle: every SQLite column builder, mode, default and unique, as drizzle-kit writes them', async () => {
  const table = drizzleTable(await modelOf(ALL_BUILDERS), 'things');
  assert.equal(table.createSql, [
    'CREATE TABLE `things` (',
    '\t`id` text PRIMARY KEY NOT NULL,',
    '\t`title` text(256) NOT NULL,',
    '\t`body` text,',
    "\t`kind` text DEFAULT 'a',",
    "\t`note` text DEFAULT 'it''s',",
    '\t`count` integer DEFAULT 0 NOT NULL,',
    '\t`small` integer,',
    '\t`created_at` integer DEFAULT (unixepoch()) NOT NULL,',
    '\t`stamp_ms` integer,',
    '\t`done` integer DEFAULT false NOT NULL,',
    '\t`price` real DEFAULT 1.5,',
    '\t`data` blob,',
    '\t`big` blob,',
    '\t`amount` numeric,',
    '\t`score` numeric,',
    '\t`slug` text,',
    '\t`email` text,',
    '\t`seen` integer',
    ')',
  ].join('\n'));
  assert.deepEqual(table.indices.map((i) => i.createSql), [
    'CREATE UNIQUE INDEX `things_slug_unique` ON `things` (`slug`)',
    'CREATE UNIQUE INDEX `things_email_key` ON `things` (`email`)',
  ]);
  assert.deepEqual(table.columns.map((c) => `${c.name} ${c.affinity}${c.notNull ? ' NOT NULL' : ''}`).slice(0, 4), ['id TEXT NOT NULL', 'title TEXT NOT NULL', 'body TEXT', 'kind TEXT']);
  assert.deepEqual(table.primaryKey, { columns: ['id'], autoGenerate: false, rowidAlias: false });
  assert.equal(table.origin, 'drizzle');
});

test('Drizzle: keys, foreign keys and indexes (inline and in the extra config), as drizzle-kit writes them', async () => {
  const model = await modelOf(`
export const lists = sqliteTable('lists', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
});

export const todos = sqliteTable('todos', {
  id: text('id').primaryKey(),
  listId: integer('list_id').references(() => lists.id, { onDelete: 'cascade', onUpdate: 'restrict' }),
  parentId: text('parent_id').references((): any => todos.id),
  title: text('title'),
}, (t) => [
  index('todos_list_idx').on(t.listId, t.title),
  uniqueIndex('todos_title_idx').on(t.title),
]);

export const tags = sqliteTable('tags', {
  todoId: text('todo_id').notNull(),
  label: text('label').notNull(),
  listId: integer('list_id'),
}, (t) => [
  primaryKey({ columns: [t.todoId, t.label] }),
  foreignKey({ columns: [t.listId], foreignColumns: [lists.id] }).onDelete('set null'),
  unique().on(t.label, t.listId),
]);

export const single = sqliteTable('single', { code: text('code') }, (t) => ({ pk: primaryKey({ columns: [t.code] }) }));
`);
  assert.equal(drizzleTable(model, 'lists').createSql, 'CREATE TABLE `lists` (\n\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n\t`name` text NOT NULL\n)');
  assert.deepEqual(drizzleTable(model, 'lists').primaryKey, { columns: ['id'], autoGenerate: true, rowidAlias: true });
  const todos = drizzleTable(model, 'todos');
  assert.equal(todos.createSql, [
    'CREATE TABLE `todos` (',
    '\t`id` text PRIMARY KEY NOT NULL,',
    '\t`list_id` integer,',
    '\t`parent_id` text,',
    '\t`title` text,',
    '\tFOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE restrict ON DELETE cascade,',
    '\tFOREIGN KEY (`parent_id`) REFERENCES `todos`(`id`) ON UPDATE no action ON DELETE no action',
    ')',
  ].join('\n'));
  assert.deepEqual(todos.foreignKeys.map((fk) => [fk.parentTable, fk.childColumns, fk.parentColumns, fk.onUpdate, fk.onDelete, fk.deferred]), [
    ['lists', ['list_id'], ['id'], 'RESTRICT', 'CASCADE', false],
    ['todos', ['parent_id'], ['id'], 'NO ACTION', 'NO ACTION', false],
  ]);
  assert.deepEqual(todos.indices.map((i) => i.createSql), [
    'CREATE INDEX `todos_list_idx` ON `todos` (`list_id`,`title`)',
    'CREATE UNIQUE INDEX `todos_title_idx` ON `todos` (`title`)',
  ]);
  const tags = drizzleTable(model, 'tags');
  assert.equal(tags.createSql, [
    'CREATE TABLE `tags` (',
    '\t`todo_id` text NOT NULL,',
    '\t`label` text NOT NULL,',
    '\t`list_id` integer,',
    '\tPRIMARY KEY(`todo_id`, `label`),',
    '\tFOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE set null',
    ')',
  ].join('\n'));
  assert.deepEqual(tags.indices.map((i) => i.createSql), ['CREATE UNIQUE INDEX `tags_label_list_id_unique` ON `tags` (`label`,`list_id`)']);
  assert.deepEqual(tags.primaryKey, { columns: ['todo_id', 'label'], autoGenerate: false, rowidAlias: false });
  // A one-column primaryKey() in the extra config is written inline, without the NOT NULL of .primaryKey().
  assert.equal(drizzleTable(model, 'single').createSql, 'CREATE TABLE `single` (\n\t`code` text PRIMARY KEY\n)');

  // SQLite takes every statement, and describes the tables as the model does.
  const ddl = model.tables.flatMap((t) => [t.createSql, ...t.indices.map((i) => i.createSql)]);
  const db = await openCoreDatabase(...ddl);
  for (const table of model.tables) {
    const info = db.query(`PRAGMA table_info(\`${table.name}\`)`);
    assert.deepEqual(info.map((r) => r.name), table.columns.map((c) => c.name), table.name);
    assert.deepEqual(info.map((r) => Number(r.notnull) === 1), table.columns.map((c) => c.notNull), table.name);
    assert.deepEqual(info.filter((r) => Number(r.pk) > 0).map((r) => r.name), table.primaryKey?.columns ?? [], table.name);
    assert.equal(db.query(`PRAGMA foreign_key_list(\`${table.name}\`)`).length, table.foreignKeys.length, table.name);
  }
  db.close();
});

test('Drizzle: the builders of the columns callback, a column named by a casing-proof key, names through constants and imports', async () => {
  const model = await modelOf(`
import { TABLE } from './names';
export const notes = sqliteTable(TABLE, (d) => ({
  id: d.text().primaryKey(),
  body: d.text('note_body'),
}));
`, { 'src/db/names.ts': "export const TABLE = 'notes';\n" });
  assert.equal(drizzleTable(model, 'notes').createSql, 'CREATE TABLE `notes` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`note_body` text\n)');
});

const UNREAD = `
import { customType } from 'drizzle-orm/sqlite-core';
const point = customType<{ data: string }>({ dataType: () => 'point' });
export const a = sqliteTable('a', { id: text('id').primaryKey(), createdAt: integer('created_at') });
export const b = sqliteTable('b', { id: text('id').primaryKey(), createdAt: integer() });
export const c = sqliteTable('c', { id: text('id').primaryKey(), at: point('at') });
export const d = sqliteTable('d', { id: text('id').primaryKey(), total: integer('total').generatedAlwaysAs(sql\`1\`) });
export const e = sqliteTable('e', { id: text('id').primaryKey(), at: integer('at').default(sql\`\${1}\`) });
export const f = sqliteTable('f', { id: text('id').primaryKey() }, (t) => [index('f_idx').on(t.id).where(sql\`id > 1\`)]);
export const g = sqliteTable('g', { id: text('id').primaryKey(), at: text('at').default(new Date().toISOString()) });
export const h = sqliteTable('h', { id: text('id').primaryKey(), listId: text('list_id').references(() => elsewhere.id) });
`;

test('Drizzle: what is not read exactly leaves the table unread, with the reason, reported by not-analyzed', async () => {
  const model = await modelOf(UNREAD, RAW_TABLES);
  assert.ok(drizzleTable(model, 'a'));
  assert.match(unreadReason(model, 'b'), /named by its key, which drizzle-kit's casing option/);
  assert.match(unreadReason(model, 'c'), /built by point\(…\), which is not one of Drizzle's SQLite column builders/);
  assert.match(unreadReason(model, 'd'), /calls \.generatedAlwaysAs\(…\)/);
  assert.match(unreadReason(model, 'e'), /the default of column 'at' is not a value Rawsync renders/);
  assert.match(unreadReason(model, 'f'), /\.where is not read/);
  assert.match(unreadReason(model, 'g'), /the default of column 'at'/);
  assert.match(unreadReason(model, 'h'), /'elsewhere' is no Drizzle table Rawsync can see/);
  const notAnalyzed = await notAnalyzedOf(UNREAD);
  assert.ok(notAnalyzed.includes("Not checked: the Drizzle table 'c'. Column 'at' is built by point(…), which is not one of Drizzle's SQLite column builders Rawsync knows (text, integer, real, blob, numeric)."), notAnalyzed.join('\n'));
  assert.equal(notAnalyzed.filter((m) => m.includes('the Drizzle table')).length, 7);
});

test('Drizzle: a sqliteTable that is not drizzle-orm\'s is no table; a table PowerSync makes a view of is none either', async () => {
  const own = (await analyzeFiles({ 'src/db/schema.ts': "import { sqliteTable, text } from './my-orm';\nexport const t = sqliteTable('t', { id: text('id') });\n" })).model;
  assert.deepEqual([own.tables.length, own.unreadTables.length], [0, 0]);
  const views = await modelOf(`
import { DrizzleAppSchema, toPowerSyncTable } from '@powersync/drizzle-driver';
export const lists = sqliteTable('lists', { id: text('id') });
export const todos = sqliteTable('todos', { id: text('id') });
export const local = sqliteTable('local', { id: text('id').primaryKey() });
export const drizzleSchema = { lists };
export const AppSchema = new DrizzleAppSchema(drizzleSchema);
export const TodosTable = toPowerSyncTable(todos);
`);
  assert.deepEqual(views.tables.map((t) => t.name), ['local']);
  assert.deepEqual(views.unreadTables, []);
});

test('Drizzle: a table that SQL creates (drizzle-kit\'s migration, read as SQL) is the SQL\'s', async () => {
  const model = await modelOf("export const lists = sqliteTable('lists', { id: text('id').primaryKey(), name: text('name') });\n", {
    'drizzle/0000_init.sql': 'CREATE TABLE `lists` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`name` text\n);\n--> statement-breakpoint\nCREATE INDEX `lists_name_idx` ON `lists` (`name`);\n',
  });
  assert.deepEqual(model.tables.map((t) => [t.name, t.origin]), [['lists', 'sql']]);
  assert.deepEqual(model.tables[0].indices.map((i) => i.name), ['lists_name_idx']);
});

test('Drizzle: DDL the app runs through Drizzle (db.run(sql`…`)) is the table\'s; with a substitution the table\'s shape is unknown', async () => {
  const declared = `
export const lists = sqliteTable('lists', { id: text('id').primaryKey() });
export const items = sqliteTable('items', { id: text('id').primaryKey(), listId: text('list_id').references(() => lists.id) });
`;
  const written = await modelOf(declared, {
    'src/db/setup.ts': "import { sql } from 'drizzle-orm';\nexport async function setup(db: any) {\n  await db.run(sql`CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY NOT NULL, list_id TEXT REFERENCES lists (id) DEFERRABLE INITIALLY DEFERRED)`);\n}\n",
  });
  const items = written.tables.find((t) => t.name === 'items');
  assert.equal(items?.origin, 'sql');
  assert.deepEqual(items?.foreignKeys.map((fk) => fk.deferred), [true]);
  assert.equal(drizzleTable(written, 'lists').origin, 'drizzle');
  const substituted = await modelOf(declared, {
    'src/db/setup.ts': "import { sql } from 'drizzle-orm';\nexport async function setup(db: any, t: any) {\n  await db.run(sql`CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY NOT NULL)`);\n}\n",
  });
  // A CREATE TABLE whose name is unknown may create any table: no Drizzle table is taken as the DDL.
  assert.deepEqual(substituted.tables.map((t) => t.name), []);
});

test('Drizzle: columns spread in from a shared object are not followed (their file and scope are another declaration\'s)', async () => {
  const model = await modelOf(`
const timestamps = { updatedAt: integer('updated_at') };
export const notes = sqliteTable('notes', { id: text('id').primaryKey(), ...timestamps });
`, RAW_TABLES);
  assert.match(unreadReason(model, 'notes'), /column 'updatedAt' comes from an object spread into the columns/);
});

test('Drizzle: without raw tables a table not derived is not reported (no rule reads it)', async () => {
  const model = await modelOf(UNREAD);
  assert.deepEqual(model.unreadTables, []);
  assert.deepEqual(model.tables.map((t) => t.name), ['a']);
});

const KEY_NAMED = `
export const people = sqliteTable('people', {
  id: text().primaryKey(),
  emailAddress: text().unique(),
  createdAt: integer({ mode: 'timestamp' }),
  homeCity: text('homeCity'),
}, (t) => [unique().on(t.createdAt, t.emailAddress), index('people_created_idx').on(t.createdAt)]);
`;

test('Drizzle: key-named columns follow drizzle.config\'s casing (unique names keep the key, as drizzle-kit does); none set means the key', async () => {
  const snake = await modelOf(KEY_NAMED, { 'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './src/db/schema.ts', casing: 'snake_case' });\n" });
  const people = drizzleTable(snake, 'people');
  assert.equal(people.createSql, 'CREATE TABLE `people` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`email_address` text,\n\t`created_at` integer,\n\t`homeCity` text\n)');
  assert.deepEqual(people.indices.map((i) => i.createSql), [
    'CREATE UNIQUE INDEX `people_emailAddress_unique` ON `people` (`email_address`)',
    'CREATE INDEX `people_created_idx` ON `people` (`created_at`)',
    'CREATE UNIQUE INDEX `people_createdAt_emailAddress_unique` ON `people` (`created_at`,`email_address`)',
  ]);
  const none = await modelOf(KEY_NAMED, { 'drizzle.config.ts': "import type { Config } from 'drizzle-kit';\nexport default { dialect: 'sqlite', schema: './src/db/schema.ts' } satisfies Config;\n" });
  assert.match(drizzleTable(none, 'people').createSql, /`emailAddress` text,\n\t`createdAt` integer,/);
  // A Postgres config (a server's) says nothing about the SQLite tables.
  const server = await modelOf(KEY_NAMED, {
    'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'sqlite' });\n",
    'server/drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', casing: 'snake_case' });\n",
  });
  assert.match(drizzleTable(server, 'people').createSql, /`emailAddress` text,/);
  const unknown = await modelOf(KEY_NAMED, { 'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'sqlite', casing: process.env.CASING });\n", ...RAW_TABLES });
  assert.match(unreadReason(unknown, 'people'), /casing option of drizzle.config could not be read/);
});

test('Drizzle: half-typed and pathological declarations give an unread table or none, never a crash', async () => {
  const sources = [
    "export const a = sqliteTable('a', {",
    "export const a = sqliteTable('a');",
    "export const a = sqliteTable('a', { id: text('id').primaryKey(), x: });",
    "export const a = sqliteTable('a', { id: text('id')" + '.notNull()'.repeat(3000) + ' });',
    "export const a = sqliteTable('a', { id: text('id').references(() => a.id, { onDelete: 'explode' }) });",
    "export const a = sqliteTable('a', { id: text('id') }, (t) => [primaryKey({ columns: [] })]);",
    "export const a = sqliteTable('a', { id: text('id').primaryKey(), b: text('b').primaryKey() });",
    "export const a = sqliteTable(...args);",
  ];
  for (const source of sources) {
    const model = await modelOf(source, RAW_TABLES);
    assert.equal(model.tables.some((t) => t.name === 'a' && t.origin === 'drizzle'), false, source);
    const unread = model.unreadTables.filter((u) => u.unresolved.what.startsWith('the Drizzle table'));
    assert.ok(unread.length <= 1, source);
  }
  // The same key twice is one key (drizzle-kit sets the column's flag again).
  const twice = await modelOf("export const a = sqliteTable('a', { id: text('id').primaryKey() }, (t) => [primaryKey({ columns: [t.id] })]);");
  assert.equal(drizzleTable(twice, 'a').createSql, 'CREATE TABLE `a` (\n\t`id` text PRIMARY KEY NOT NULL\n)');
});
