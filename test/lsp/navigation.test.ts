import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Hover, Location, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';
const TODO_ENTITY = 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt';
const DATABASE = 'shared/src/commonMain/kotlin/com/example/todo/data/AppDatabase.kt';

let client: LspClient;
let root: string;
const texts = new Map<string, string>();

const uriOf = (file: string) => pathToFileURL(path.join(root, file)).href;

/** The position `offset` characters into the first occurrence of `marker` in the file's text. */
function positionOf(file: string, marker: string, offset = 0): Position {
  const text = texts.get(file)!;
  const index = text.indexOf(marker);
  assert.notEqual(index, -1, `marker ${marker} in ${file}`);
  const before = text.slice(0, index + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function open(file: string, text = readFileSync(path.join(root, file), 'utf8'), version = 1): Promise<void> {
  const uri = uriOf(file);
  if (texts.has(file)) {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  } else {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kotlin', version, text } });
  }
  texts.set(file, text);
}

function request<T>(method: string, file: string, position: Position): Promise<T> {
  return client.connection.sendRequest(method, { textDocument: { uri: uriOf(file) }, position }) as Promise<T>;
}

const hoverText = async (file: string, position: Position) => ((await request<Hover | null>('textDocument/hover', file, position))?.contents as MarkupContent | undefined)?.value;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-navigation-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  client = await LspClient.start(root);
  await client.waitFor(() => client.codes(uriOf(SCHEMA)).includes('put-not-upsert'), 'the first check');
  for (const file of [SCHEMA, TODO_ENTITY, DATABASE]) await open(file);
});

after(() => client.stop());

test('hover on an entity class shows its CREATE TABLE, index SQL and table id', async () => {
  const value = await hoverText(TODO_ENTITY, positionOf(TODO_ENTITY, 'class TodoEntity', 8));
  assert.ok(value, 'a hover');
  assert.match(value, /```sql\nCREATE TABLE IF NOT EXISTS `todo` \(/);
  assert.match(value, /CREATE INDEX IF NOT EXISTS `index_todo_list_id` ON `todo` \(`list_id`\)/);
  assert.match(value, /table id 2 in `AppDatabase`/);
});

test('hover on an entity in @Database(entities) shows the same table', async () => {
  const value = await hoverText(DATABASE, positionOf(DATABASE, 'ListEntity::class', 2));
  assert.ok(value);
  assert.match(value, /CREATE TABLE IF NOT EXISTS `todo_list`/);
  assert.match(value, /table id 1 in `AppDatabase`/);
});

test('hover on a raw table name shows its local table, synced and local-only columns and core JSON', async () => {
  const value = await hoverText(SCHEMA, positionOf(SCHEMA, 'name = "todo"', 9));
  assert.ok(value);
  assert.match(value, /Local table: `todo`/);
  assert.match(value, /Synced columns: `list_id`, `title`, `description`, `completed`, `created_at`/);
  assert.match(value, /Local-only columns: `local_notes`/);
  assert.match(value, /```json\n\{/);
  assert.match(value, /INSERT OR ABORT INTO/);
});

test('hover where nothing is named gives nothing', async () => {
  assert.equal(await request('textDocument/hover', SCHEMA, positionOf(SCHEMA, 'import com.powersync', 3)), null);
});

test('go to definition from a raw table name reaches the entity class', async () => {
  const target = await request<Location | null>('textDocument/definition', SCHEMA, positionOf(SCHEMA, 'name = "todo"', 9));
  assert.ok(target);
  assert.equal(target.uri, uriOf(TODO_ENTITY));
  assert.deepEqual(target.range.start, positionOf(TODO_ENTITY, 'TodoEntity('));
});

test('go to definition from Column("x") reaches the entity field', async () => {
  const target = await request<Location | null>('textDocument/definition', SCHEMA, positionOf(SCHEMA, 'Column("list_id")', 10));
  assert.ok(target);
  assert.equal(target.uri, uriOf(TODO_ENTITY));
  assert.deepEqual(target.range.start, positionOf(TODO_ENTITY, 'listId: String'));
});

test('go to definition from an entity in @Database(entities) reaches its class', async () => {
  const target = await request<Location | null>('textDocument/definition', DATABASE, positionOf(DATABASE, 'TodoEntity::class', 1));
  assert.ok(target);
  assert.equal(target.uri, uriOf(TODO_ENTITY));
  assert.deepEqual(target.range.start, positionOf(TODO_ENTITY, 'TodoEntity('));
});

test('completion inside Column("…") offers the local table\'s columns, marked synced or local-only', async () => {
  const items = await request<CompletionItem[]>('textDocument/completion', SCHEMA, positionOf(SCHEMA, 'Column("title")', 8));
  const byLabel = new Map(items.map((i) => [i.label, i]));
  assert.deepEqual([...byLabel.keys()], ['id', 'list_id', 'title', 'description', 'completed', 'created_at', 'local_notes']);
  assert.match(byLabel.get('title')!.detail!, /synced/);
  assert.match(byLabel.get('local_notes')!.detail!, /local-only/);
  const edit = byLabel.get('local_notes')!.textEdit as { range: { start: Position }; newText: string };
  assert.deepEqual(edit.range.start, positionOf(SCHEMA, 'Column("title")', 8));
});

test('completion and definition inside syncedColumns = listOf("…")', async () => {
  const original = texts.get(SCHEMA)!;
  const edited = original.replace('import com.powersync.db.schema.Schema\n', 'import com.powersync.db.schema.RawTableSchema\nimport com.powersync.db.schema.Schema\n') +
    '\nval todoMirror = RawTable(\n    name = "todo_mirror",\n    schema = RawTableSchema(\n        tableName = "todo",\n        syncedColumns = listOf("title", ""),\n    ),\n)\n';
  await open(SCHEMA, edited, 2);
  const items = await request<CompletionItem[]>('textDocument/completion', SCHEMA, positionOf(SCHEMA, '"title", ""', 10));
  const byLabel = new Map(items.map((i) => [i.label, i]));
  assert.ok(byLabel.has('created_at'));
  assert.match(byLabel.get('title')!.detail!, /synced/);
  assert.match(byLabel.get('completed')!.detail!, /local-only/);
  const target = await request<Location | null>('textDocument/definition', SCHEMA, positionOf(SCHEMA, 'listOf("title"', 9));
  assert.ok(target);
  assert.deepEqual(target.range.start, positionOf(TODO_ENTITY, 'title: String'));
  assert.deepEqual(await request<CompletionItem[]>('textDocument/completion', SCHEMA, positionOf(SCHEMA, 'name = "todo_mirror"', 3)), []);
});

test('half-typed code gives an answer or nothing, never an error', async () => {
  const original = readFileSync(path.join(root, SCHEMA), 'utf8');
  const halfTyped = original.replace('Column("title"),', 'Column("ti');
  assert.notEqual(halfTyped, original);
  await open(SCHEMA, halfTyped, 3);
  const position = positionOf(SCHEMA, 'Column("ti', 10);
  const items = await request<CompletionItem[]>('textDocument/completion', SCHEMA, position);
  // Unterminated, the file does not parse into a raw table: no items, but no error either.
  assert.deepEqual(items, []);
  await request('textDocument/hover', SCHEMA, position);
  await request('textDocument/definition', SCHEMA, position);
});
