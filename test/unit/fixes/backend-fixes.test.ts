// The fixes of the backend rules (put-column-not-synced, synced-column-not-stored,
// not-null-without-server-value), each applied to its fixture: the finding is gone, no rule that
// was silent reports, every changed file parses, and the fixed workspace applies the rows the
// server sends in the real PowerSync core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, applyFirstFix, assertFixed, applyFixesOfRule } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';
import path from 'node:path';
import { fixturePath, repoRoot } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { startSync, type SyncOperation } from '../../../server/src/engine/sync-simulation';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import { openCoreDatabase } from '../engine/core-database';

const files = (fixture: string) => filesUnder(fixturePath(fixture));

/** Edits one occurrence of `from` in a file of an in-memory workspace. */
function edited(workspace: Record<string, string>, name: string, from: string, to: string): Record<string, string> {
  const text = workspace[name];
  assert.equal(text.split(from).length, 2, `exactly one '${from}' in ${name}`);
  return { ...workspace, [name]: text.replace(from, to) };
}

async function findingsOf(workspace: Record<string, string>, rule: string) {
  const { analyzer, model } = await analyzeFiles(workspace);
  return runRules(RULES, model, analyzer.ruleContext()).findings.filter((f) => f.rule === rule);
}

/**
 * Creates the model's tables and raw tables in the core, applies the rows as the server sends
 * them, and returns the rows of `table` (the columns asked for).
 */
async function syncInCore(model: WorkspaceModel, operations: SyncOperation[], query: string): Promise<{ applied: boolean; error?: string; rows: Record<string, unknown>[] }> {
  const db = await openCoreDatabase(...model.tables.filter((t) => t.createSql).map((t) => t.createSql));
  const schema = { tables: [], raw_tables: model.rawTables.map((r) => r.coreJson) };
  db.replaceSchema(schema);
  const result = startSync(db, schema).applyCheckpoint(operations);
  const rows = result.applied ? db.query(query) : [];
  db.close();
  return { applied: result.applied, error: result.error, rows };
}

// put-column-not-synced

test('put-column-not-synced (TypeScript): the preferred fix binds the one close name the server sends, in the file\'s quoting; the core then stores it', async () => {
  const input = files('rule-put-column-not-synced');
  const fixed = await applyFirstFix(input, 'put-column-not-synced');
  const finding = fixed.before.find((f) => f.rule === 'put-column-not-synced')!;
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [["Bind { Column: 'source_url' } (the name the sync config sends)", true]]);
  assert.equal(fixed.files['src/schema.ts'], input['src/schema.ts'].replace("{ Column: 'sourceUrl' }", "{ Column: 'source_url' }"));
  // The syncedColumns entry (also the local column's name) gets no fix and stays reported.
  const lists = fixed.before.filter((f) => f.rule === 'put-column-not-synced')[1];
  assert.deepEqual(lists.fixes, []);
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'put-column-not-synced').map((f) => f.message.slice(0, 46)), ["Synced rows of 'lists' never carry 'createdAt'"]);
  const beforeRules = new Set(fixed.before.map((f) => f.rule));
  assert.deepEqual(fixed.after.filter((f) => !beforeRules.has(f.rule)).map((f) => f.rule), []);
  const row = { list_id: 'l1', title: 'Milk', completed: 0, source_url: 'https://example.com', created_at: '2025-01-01' };
  const before = await syncInCore((await analyzeFiles(input)).model, [{ op: 'PUT', type: 'todos', id: 't1', data: row }], 'select sourceUrl from todos');
  assert.deepEqual(before.rows, [{ sourceUrl: null }]);
  const after = await syncInCore(fixed.model, [{ op: 'PUT', type: 'todos', id: 't1', data: row }], 'select sourceUrl from todos');
  assert.deepEqual([after.applied, after.error, after.rows], [true, undefined, [{ sourceUrl: 'https://example.com' }]]);
});

test('put-column-not-synced: a key differing only in case gets the server\'s spelling; two close names give one fix each, neither preferred', async () => {
  const input = files('rule-put-column-not-synced');
  const cased = edited(input, 'src/schema.ts', "{ Column: 'sourceUrl' }", "{ Column: 'Source_Url' }");
  const [first] = await findingsOf(cased, 'put-column-not-synced');
  assert.deepEqual(first.fixes.map((f) => [f.title, f.preferred]), [["Bind { Column: 'source_url' } (the name the sync config sends)", true]]);
  // 'titel' is close to 'title' (already read by the put) and to nothing else: no fix.
  const read = edited(input, 'src/schema.ts', "{ Column: 'sourceUrl' }", "{ Column: 'titel' }");
  assert.deepEqual((await findingsOf(read, 'put-column-not-synced'))[0].fixes, []);
  const two = edited(edited(input, 'powersync/sync-config.yaml', 'source_url, created_at FROM todos', 'source_url, source_uri, created_at FROM todos'), 'supabase/migrations/20250201000000_todo_source.sql', 'add column source_url text;', 'add column source_url text, add column source_uri text;');
  const [ambiguous] = await findingsOf(two, 'put-column-not-synced');
  assert.deepEqual(ambiguous.fixes.map((f) => [f.title, f.preferred]), [
    ["Bind { Column: 'source_url' } (the name the sync config sends)", false],
    ["Bind { Column: 'source_uri' } (the name the sync config sends)", false],
  ]);
});

test('put-column-not-synced: a key no sent name is close to gets no fix', async () => {
  const input = files('rule-put-column-not-synced');
  const far = edited(input, 'src/schema.ts', "{ Column: 'sourceUrl' }", "{ Column: 'origin' }");
  assert.deepEqual((await findingsOf(far, 'put-column-not-synced'))[0].fixes, []);
});

test('put-column-not-synced (Kotlin, examples/todo-app): Column("email") becomes the renamed Column("email_address"), Column("createdAt") becomes Column("created_at"); the same mistakes seen from the server (synced-column-not-stored) go too', async () => {
  const input = filesUnder(path.join(repoRoot(), 'examples', 'todo-app'));
  const fixed = await applyFixesOfRule(input, 'put-column-not-synced');
  const name = Object.keys(input).find((n) => n.endsWith('sync/PowerSyncSchema.kt'))!;
  assert.equal(
    fixed.files[name],
    input[name]
      .replace('PendingStatementParameter.Column("email")', 'PendingStatementParameter.Column("email_address")')
      .replace('PendingStatementParameter.Column("createdAt")', 'PendingStatementParameter.Column("created_at")'),
  );
  await assertFixed(fixed, 'put-column-not-synced', input, ['synced-column-not-stored']);
});

// not-null-without-server-value


const NULL_ROW: SyncOperation = { op: 'PUT', type: 'todos', id: 't1', data: { list_id: 'l1', title: null, description: null, completed: 0 } };

test('not-null-without-server-value (a .sql file): the preferred fix drops each NOT NULL; the core then stores the NULLs the server sends', async () => {
  const input = files('rule-not-null-without-server-value');
  const fixed = await applyFixesOfRule(input, 'not-null-without-server-value');
  assert.deepEqual(fixed.before.filter((f) => f.rule === 'not-null-without-server-value').map((f) => f.fixes.map((x) => [x.title, x.preferred])), [
    [["Make 'todos.title' nullable (drop its NOT NULL)", true]],
    [["Make 'todos.description' nullable (drop its NOT NULL)", true]],
  ]);
  assert.equal(fixed.files['src/local.sql'], files('rule-not-null-without-server-value-ok')['src/local.sql']);
  await assertFixed(fixed, 'not-null-without-server-value', input);
  const before = await syncInCore((await analyzeFiles(input)).model, [NULL_ROW], 'select * from todos');
  assert.equal(before.applied, false);
  assert.match(before.error ?? '', /NOT NULL constraint failed: todos\.title/);
  const after = await syncInCore(fixed.model, [NULL_ROW], 'select id, title, description from todos');
  assert.deepEqual([after.applied, after.error, after.rows], [true, undefined, [{ id: 't1', title: null, description: null }]]);
});

test('not-null-without-server-value (a CREATE TABLE string in TypeScript, with a DEFAULT and an ON CONFLICT clause): the fix drops the whole NOT NULL constraint, keeps the DEFAULT', async () => {
  const input = files('rule-not-null-without-server-value');
  const inCode = {
    ...input,
    'src/local.sql': "-- the tables are created in src/database.ts\n",
    'src/database.ts': input['src/database.ts'].replace(
      'export async function startSync',
      "export async function createTables() {\n  await db.execute(`CREATE TABLE IF NOT EXISTS todos (id TEXT NOT NULL PRIMARY KEY, list_id TEXT NOT NULL, title TEXT NOT NULL ON CONFLICT ABORT DEFAULT '', description TEXT NOT NULL CHECK (description IS NOT NULL OR 1), completed INTEGER NOT NULL)`);\n}\n\nexport async function startSync",
    ),
  };
  const fixed = await applyFixesOfRule(inCode, 'not-null-without-server-value');
  assert.equal(fixed.before.filter((f) => f.rule === 'not-null-without-server-value').length, 2);
  assert.match(fixed.files['src/database.ts'], /title TEXT DEFAULT '', description TEXT CHECK \(description IS NOT NULL OR 1\), completed INTEGER NOT NULL\)/);
  await assertFixed(fixed, 'not-null-without-server-value', inCode);
  const after = await syncInCore(fixed.model, [NULL_ROW], 'select id, title, description from todos');
  assert.deepEqual([after.applied, after.error, after.rows], [true, undefined, [{ id: 't1', title: null, description: null }]]);
});

// synced-column-not-stored

test('synced-column-not-stored (TypeScript): with a local column of that name, the fix adds it to the column list, VALUES, DO UPDATE SET and the params; the core then stores it', async () => {
  // The lists table's finding (syncedColumns) is not this fix's: the variant sends no owner_id.
  const input = edited(edited(files('rule-synced-column-not-stored'), 'src/local.sql', 'completed INTEGER);', 'completed INTEGER, notes TEXT);'), 'powersync/sync-config.yaml', 'SELECT id, name, owner_id FROM lists', 'SELECT id, name FROM lists');
  const fixed = await applyFirstFix(input, 'synced-column-not-stored');
  const finding = fixed.before.find((f) => f.rule === 'synced-column-not-stored')!;
  assert.match(finding.message, /^Column 'notes' of 'todos'/);
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [["Sync 'notes' into 'todos.notes': add it to the put ({ Column: 'notes' })", true]]);
  const ok = files('rule-synced-column-not-stored-ok')['src/schema.ts'];
  // The put is the fixed twin's.
  assert.equal(fixed.files['src/schema.ts'], ok.replace("syncedColumns: ['name', 'owner_id']", "syncedColumns: ['name']"));
  await assertFixed(fixed, 'synced-column-not-stored', input);
  const row: SyncOperation = { op: 'PUT', type: 'todos', id: 't1', data: { list_id: 'l1', title: 'Milk', completed: 0, notes: 'Oat' } };
  const after = await syncInCore(fixed.model, [row], 'select id, title, notes from todos');
  assert.deepEqual([after.applied, after.error, after.rows], [true, undefined, [{ id: 't1', title: 'Milk', notes: 'Oat' }]]);
});

test('synced-column-not-stored: no fix without a local column of exactly that name, or for a put whose keys are not its columns', async () => {
  const input = files('rule-synced-column-not-stored');
  const findings = await findingsOf(input, 'synced-column-not-stored');
  // No local notes column, no local owner_id column.
  assert.deepEqual(findings.map((f) => [f.message.slice(0, 24), f.fixes.length]).sort(), [["Column 'notes' of 'todos", 0], ["Column 'owner_id' of 'li", 0]]);
  const cased = edited(input, 'src/local.sql', 'completed INTEGER);', 'completed INTEGER, Notes TEXT);');
  assert.deepEqual((await findingsOf(cased, 'synced-column-not-stored')).flatMap((f) => f.fixes), []);
  const renamedKey = edited(edited(input, 'src/local.sql', 'completed INTEGER);', 'completed INTEGER, notes TEXT);'), 'src/schema.ts', "{ Column: 'title' }", "{ Column: 'title_text' }");
  assert.deepEqual((await findingsOf(renamedKey, 'synced-column-not-stored')).filter((f) => f.message.includes("'notes'")).flatMap((f) => f.fixes), []);
});

test('synced-column-not-stored (TypeScript, inferred raw table): the fix adds owner_id to syncedColumns, as the fixed twin has it; the core\'s inferred put then stores it', async () => {
  const input = edited(edited(files('rule-synced-column-not-stored'), 'src/local.sql', 'name TEXT);', 'name TEXT, owner_id TEXT);'), 'powersync/sync-config.yaml', 'SELECT * FROM todos', 'SELECT id, list_id, title, completed FROM todos');
  const fixed = await applyFirstFix(input, 'synced-column-not-stored');
  const finding = fixed.before.find((f) => f.rule === 'synced-column-not-stored')!;
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [["Sync 'owner_id' into 'lists.owner_id': add it to syncedColumns", true]]);
  assert.match(fixed.files['src/schema.ts'], /syncedColumns: \['name', 'owner_id'\]/);
  await assertFixed(fixed, 'synced-column-not-stored', input);
  const row: SyncOperation = { op: 'PUT', type: 'lists', id: 'l1', data: { name: 'Groceries', owner_id: 'u1' } };
  const after = await syncInCore(fixed.model, [row], 'select id, name, owner_id from lists');
  assert.deepEqual([after.applied, after.error, after.rows], [true, undefined, [{ id: 'l1', name: 'Groceries', owner_id: 'u1' }]]);
});

test('synced-column-not-stored: a hand-written trigger that leaves the column out of its upload makes the fix not preferred (the column looks local-only)', async () => {
  const input = edited(files('rule-synced-column-not-stored'), 'src/local.sql', 'completed INTEGER);', "completed INTEGER, notes TEXT);\nCREATE TRIGGER IF NOT EXISTS todos_insert AFTER INSERT ON todos BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PUT', NEW.id, 'todos', json_object('list_id', NEW.list_id, 'title', NEW.title, 'completed', NEW.completed)); END;");
  const notes = (await findingsOf(input, 'synced-column-not-stored')).find((f) => f.message.includes("'notes'"))!;
  assert.deepEqual(notes.fixes.map((f) => f.preferred), [false]);
});

// synced-table-without-client

test('synced-table-without-client (TypeScript): the fix (not preferred) creates the local table in the .sql file and declares the raw table; comments then sync into it in the core', async () => {
  const input = files('rule-synced-table-without-client');
  const first = await analyzeFiles(input);
  const before = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
  const finding = before.find((f) => f.rule === 'synced-table-without-client' && f.message.startsWith("Synced rows of 'comments'"))!;
  assert.deepEqual(finding.fixes.map((f) => [f.title, f.preferred]), [["Declare raw table 'comments' and create its local table with the columns the sync config sends (no CRUD triggers yet)", false]]);
  const fixed = await applyEdits(input, finding.fixes[0].edits);
  assert.equal(fixed.files['src/local.sql'], `CREATE TABLE IF NOT EXISTS comments (id TEXT NOT NULL PRIMARY KEY, list_id TEXT, body TEXT);\n${input['src/local.sql']}`);
  assert.equal(fixed.files['src/schema.ts'], input['src/schema.ts'].replace("    delete: { sql: 'DELETE FROM tags WHERE id = ?', params: ['Id'] },\n  },\n", `    delete: { sql: 'DELETE FROM tags WHERE id = ?', params: ['Id'] },
  },
  comments: {
    put: {
      sql: 'INSERT INTO comments (id, list_id, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET list_id = excluded.list_id, body = excluded.body',
      params: ['Id', { Column: 'list_id' }, { Column: 'body' }],
    },
    delete: { sql: 'DELETE FROM comments WHERE id = ?', params: ['Id'] },
  },
`));
  // The finding is gone; the other direction's (raw table tags, which nothing feeds) stays; the one
  // new finding is the new table's missing triggers, which that rule's fix then writes.
  const describe = (f: { rule: string; message: string }) => `${f.rule}: ${f.message.split('. ')[0]}`;
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'synced-table-without-client').map(describe), ["synced-table-without-client: No synced row ever reaches raw table 'tags'"]);
  const added = fixed.after.filter((f) => !before.some((b) => b.rule === f.rule && b.message === f.message));
  assert.deepEqual(added.map(describe), ["missing-crud-triggers: Local inserts, updates and deletes of 'comments' are never uploaded"]);
  assert.ok(added[0].fixes.length > 0);
  const row: SyncOperation = { op: 'PUT', type: 'comments', id: 'c1', data: { list_id: 'l1', body: 'Nice' } };
  const synced = await syncInCore(fixed.model, [row], 'select id, list_id, body from comments');
  assert.deepEqual([synced.applied, synced.error, synced.rows], [true, undefined, [{ id: 'c1', list_id: 'l1', body: 'Nice' }]]);
  const removed = await syncInCore(fixed.model, [row, { op: 'REMOVE', type: 'comments', id: 'c1' }], 'select id from comments');
  assert.deepEqual([removed.applied, removed.rows], [true, []]);
});

test('synced-table-without-client: no fix where the local tables are not created in one .sql file (here: in code)', async () => {
  const input = files('rule-synced-table-without-client');
  const inCode = {
    ...input,
    'src/local.sql': '-- the tables are created in src/database.ts\n',
    'src/database.ts': input['src/database.ts'].replace('export async function startSync', "export async function createTables() {\n  await db.execute('CREATE TABLE IF NOT EXISTS todos (id TEXT NOT NULL PRIMARY KEY, list_id TEXT, title TEXT)');\n  await db.execute('CREATE TABLE IF NOT EXISTS tags (id TEXT NOT NULL PRIMARY KEY, list_id TEXT, label TEXT)');\n}\n\nexport async function startSync"),
  };
  const findings = await findingsOf(inCode, 'synced-table-without-client');
  assert.deepEqual(findings.map((f) => f.fixes.length), [0, 0]);
});

test('put-column-not-synced: a key naming a Postgres column a migration renamed says so, and the preferred fix binds the new name (not merely a close one)', async () => {
  // The server renames title to heading; the sync config follows, the client does not.
  const input: Record<string, string> = {
    ...edited(files('rule-put-column-not-synced-ok'), 'powersync/sync-config.yaml', 'list_id, title, completed', 'list_id, heading, completed'),
    'supabase/migrations/20250301000000_heading.sql': 'alter table public.todos rename column title to heading;\n',
  };
  const findings = await findingsOf(input, 'put-column-not-synced');
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /reads column 'title', which no query .* A migration \(migrations\/20250301000000_heading\.sql\) renamed the Postgres column 'title' to public\.todos\.heading, which the sync config sends as 'heading': did you mean 'heading'\?$/);
  assert.deepEqual(findings[0].related.map((r) => [r.loc.uri.split('/').slice(-3).join('/'), r.loc.range.start.line + 1, r.message]).slice(-1), [['supabase/migrations/20250301000000_heading.sql', 1, "the migration that renames 'title'"]]);
  assert.deepEqual(findings[0].fixes.map((f) => [f.title, f.preferred]), [["Bind { Column: 'heading' } (the name the Postgres column was renamed to)", true]]);
  const fixed = await applyFirstFix(input, 'put-column-not-synced');
  assert.equal(fixed.files['src/schema.ts'], input['src/schema.ts'].replace("{ Column: 'title' }", "{ Column: 'heading' }"));
  assert.deepEqual(fixed.after.filter((f) => f.rule === 'put-column-not-synced'), []);
  // The local column keeps its name: the put binds the server's heading into todos.title, in the core.
  const { model } = await analyzeFiles(fixed.files);
  const synced = await syncInCore(model, [{ op: 'PUT', type: 'todos', id: 't1', data: { list_id: 'l1', heading: 'Milk', completed: 0, source_url: null, created_at: '2025-01-01' } }], 'SELECT id, title FROM todos');
  assert.deepEqual(synced, { applied: true, error: undefined, rows: [{ id: 't1', title: 'Milk' }] });
});
