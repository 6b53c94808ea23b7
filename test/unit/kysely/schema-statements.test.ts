import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { buildKyselyStatements } from '../../../server/src/model/kysely/schema-statements';
import type { Finding } from '../../../server/src/findings/finding';

// The expected text is Kysely's SQLite compiler's, per its source (docs/facts.md §10):
// DefaultQueryCompiler and SqliteQueryCompiler in kysely-org/kysely@478ec67b.

const MIGRATION = 'src/migrations/0001_init.ts';

const migration = (body: string) => `import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
${body}
}
`;

const LISTS = `  await db.schema
    .createTable('lists')
    .ifNotExists()
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'varchar(255)', (col) => col.notNull().defaultTo("it's"))
    .addColumn('position', 'integer', (col) => col.defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.defaultTo(sql\`CURRENT_TIMESTAMP\`))
    .execute();`;

async function analyze(files: Record<string, string>) {
  const { analyzer, model } = await analyzeFiles(files);
  return { model, findings: runRules(RULES, model, analyzer.ruleContext()).findings };
}

test('Kysely: createTable and createIndex chains compile to the SQL Kysely writes for SQLite, and SQLite describes them', async () => {
  const body = `${LISTS}
  await db.schema
    .createTable('items')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('list_id', 'text', (col) => col.notNull().references('lists.id').onDelete('cascade'))
    .addColumn('code', 'text', (col) => col.unique())
    .addColumn('owner_id', 'text')
    .addForeignKeyConstraint('items_owner_fk', ['owner_id'], 'owners', ['id'], (cb) => cb.onDelete('set null').deferrable().initiallyDeferred())
    .execute();
  await db.schema.createIndex('items_list_idx').on('items').columns(['list_id', 'code']).execute();`;
  const { model } = await analyzeFiles({ [MIGRATION]: migration(body) });
  const compiled = buildKyselyStatements(model.files, model.names);
  assert.deepEqual(compiled.statements.map((s) => s.sql), [
    `create table if not exists "lists" ("id" text primary key, "name" varchar(255) default 'it''s' not null, "position" integer default 0, "created_at" text default CURRENT_TIMESTAMP)`,
    `create table "items" ("id" integer primary key autoincrement, "list_id" text not null references "lists" ("id") on delete cascade, "code" text unique, "owner_id" text, constraint "items_owner_fk" foreign key ("owner_id") references "owners" ("id") on delete set null deferrable initially deferred)`,
    'create index "items_list_idx" on "items" ("list_id", "code")',
  ]);
  assert.deepEqual(compiled.unread, []);
  const items = model.tables.find((t) => t.name === 'items');
  assert.equal(items?.origin, 'sql');
  assert.equal(items?.createSqlSource, undefined);
  assert.deepEqual(items?.foreignKeys.map((fk) => [fk.parentTable, fk.onDelete, fk.deferred]), [['lists', 'CASCADE', false], ['owners', 'SET NULL', true]]);
  assert.deepEqual(items?.primaryKey, { columns: ['id'], autoGenerate: true, rowidAlias: true });
  assert.deepEqual(items?.indices.map((i) => i.name), ['sqlite_autoindex_items_1', 'items_list_idx']);
  assert.deepEqual(model.tables.find((t) => t.name === 'lists')?.columns.map((c) => [c.name, c.affinity, c.notNull, c.defaultValue ?? null]), [
    ['id', 'TEXT', false, null], ['name', 'TEXT', true, "'it''s'"], ['position', 'INTEGER', false, '0'], ['created_at', 'TEXT', false, 'CURRENT_TIMESTAMP'],
  ]);
});

const RAW_TABLES = `import { Schema } from '@powersync/web';
export const AppSchema = new Schema({});
AppSchema.withRawTables({
  items: {
    put: { sql: 'INSERT INTO items (id, list_id) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET list_id = excluded.list_id', params: ['Id', { Column: 'list_id' }] },
    delete: { sql: 'DELETE FROM items WHERE id = ?', params: ['Id'] },
  },
});
`;

const ITEMS = (references: string) => `${LISTS}
  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('list_id', 'text', (col) => col.notNull())
    ${references}
    .execute();`;

const rule = (findings: Finding[], id: string) => findings.filter((f) => f.rule === id);

test('Kysely: fk-not-deferrable fires on an immediate key and not on a deferred one, and offers no fix (the SQL is compiled, not written)', async () => {
  const FOREIGN_KEYS_ON = { 'src/powersync/open.ts': "import type { AbstractPowerSyncDatabase } from '@powersync/web';\nexport async function open(db: AbstractPowerSyncDatabase) {\n  await db.execute('PRAGMA foreign_keys = ON');\n}\n" };
  const immediate = await analyze({ [MIGRATION]: migration(ITEMS(".addForeignKeyConstraint('items_list_fk', ['list_id'], 'lists', ['id'], (cb) => cb.onDelete('cascade'))")), 'src/powersync/schema.ts': RAW_TABLES, ...FOREIGN_KEYS_ON });
  const [fk] = rule(immediate.findings, 'fk-not-deferrable');
  assert.ok(fk, 'fk-not-deferrable');
  assert.match(fk.message, /^The foreign key from 'items' to 'lists' is checked immediately\./);
  assert.equal(fk.loc.uri.endsWith(MIGRATION), true);
  assert.deepEqual(fk.fixes, []);
  const deferred = await analyze({ [MIGRATION]: migration(ITEMS(".addForeignKeyConstraint('items_list_fk', ['list_id'], 'lists', ['id'], (cb) => cb.onDelete('cascade').deferrable().initiallyDeferred())")), 'src/powersync/schema.ts': RAW_TABLES, ...FOREIGN_KEYS_ON });
  // Without foreign keys turned on SQLite checks no key: the immediate one cannot fail a sync.
  const unchecked = await analyze({ [MIGRATION]: migration(ITEMS(".addForeignKeyConstraint('items_list_fk', ['list_id'], 'lists', ['id'], (cb) => cb.onDelete('cascade'))")), 'src/powersync/schema.ts': RAW_TABLES });
  assert.deepEqual(rule(unchecked.findings, 'fk-not-deferrable'), []);
  assert.deepEqual(rule(deferred.findings, 'fk-not-deferrable'), []);
});

test('Kysely: a table altered later has no one known shape; a chain Rawsync does not compile leaves its table unread', async () => {
  const altered = await analyze({
    [MIGRATION]: migration(`${ITEMS('')}\n  await db.schema.alterTable('items').addColumn('note', 'text').execute();`),
    'src/powersync/schema.ts': RAW_TABLES.replace('(id, list_id) VALUES (?, ?)', '(id, list_id, note) VALUES (?, ?, ?)').replace("{ Column: 'list_id' }]", "{ Column: 'list_id' }, { Column: 'note' }]"),
  });
  assert.deepEqual(rule(altered.findings, 'statement-invalid'), []);
  const unread = await analyze({ [MIGRATION]: migration(ITEMS(".addCheckConstraint('c', sql`id <> ''`)")), 'src/powersync/schema.ts': RAW_TABLES });
  assert.equal(unread.model.tables.some((t) => t.name === 'items'), false);
  assert.deepEqual(rule(unread.findings, 'not-analyzed').map((f) => f.message), [
    "Not checked: the table 'items' Kysely's createTable creates. .addCheckConstraint(…) is not compiled by Rawsync (a check constraint, an index, an 'as' query, or another builder call).",
  ]);
  assert.deepEqual(rule(unread.findings, 'raw-table-unmatched'), []);
});
