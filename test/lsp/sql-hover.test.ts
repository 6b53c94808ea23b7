import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, Location, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';
import { fixturePath } from '../support/paths';

// Bookmarks: raw tables with plain put/delete strings, CREATE TRIGGERs in `.trimIndent()` raw
// strings, and local-only columns (is_pinned, local_note). Todos: a CREATE TABLE and a trigger in a .sql file.
const SCHEMA = 'src/commonMain/kotlin/com/example/bookmarks/sync/BookmarksSchema.kt';
const TRIGGERS = 'src/commonMain/kotlin/com/example/bookmarks/data/CrudTriggers.kt';
const ENTITIES = 'src/commonMain/kotlin/com/example/bookmarks/data/Entities.kt';
const SQL_FILE = 'src/commonMain/sql/schema.sql';

let client: LspClient;
let sqlClient: LspClient;
let root: string;
let sqlRoot: string;
const texts = new Map<string, string>();

const uriOf = (file: string) => pathToFileURL(path.join(file === SQL_FILE ? sqlRoot : root, file)).href;

/** The position `offset` characters into the `nth` occurrence of `marker` in the file's text. */
function positionOf(file: string, marker: string, offset = 0, nth = 1): Position {
  const text = texts.get(file) ?? readFileSync(path.join(file === SQL_FILE ? sqlRoot : root, file), 'utf8');
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(marker, index + 1);
  assert.notEqual(index, -1, `marker ${marker} in ${file}`);
  const lines = text.slice(0, index + offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

async function open(lsp: LspClient, file: string, text: string, version = 1): Promise<void> {
  const uri = uriOf(file);
  if (texts.has(file)) await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  else await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.sql') ? 'sql' : 'kotlin', version, text } });
  texts.set(file, text);
}

const clientFor = (file: string) => (file === SQL_FILE ? sqlClient : client);
const request = <T>(method: string, file: string, position: Position) =>
  clientFor(file).connection.sendRequest(method, { textDocument: { uri: uriOf(file) }, position }) as Promise<T>;
const hoverAt = (file: string, position: Position) => request<Hover | null>('textDocument/hover', file, position);
const hoverText = async (file: string, position: Position) => ((await hoverAt(file, position))?.contents as MarkupContent | undefined)?.value;
const definitionAt = (file: string, position: Position) => request<Location | null>('textDocument/definition', file, position);

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-sql-hover-'));
  cpSync(fixturePath('rule-trigger-uploads-local-columns'), root, { recursive: true });
  sqlRoot = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-sql-file-'));
  cpSync(fixturePath('engine-sql-schema'), sqlRoot, { recursive: true });
  [client, sqlClient] = await Promise.all([LspClient.start(root), LspClient.start(sqlRoot)]);
  await client.waitFor(() => client.codes(uriOf(TRIGGERS)).length > 0, 'the first check');
  for (const file of [SCHEMA, TRIGGERS, ENTITIES]) await open(client, file, readFileSync(path.join(root, file), 'utf8'));
  await open(sqlClient, SQL_FILE, readFileSync(path.join(sqlRoot, SQL_FILE), 'utf8'));
});

after(() => Promise.all([client.stop(), sqlClient.stop()]));

test('hover on a table name in a put statement shows the table, its synced and local-only columns', async () => {
  const position = positionOf(SCHEMA, 'INSERT INTO bookmark', 14);
  const hover = await hoverAt(SCHEMA, position);
  const value = (hover?.contents as MarkupContent | undefined)?.value;
  assert.ok(value, 'a hover');
  assert.match(value, /\*\*Entity `BookmarkEntity`\*\* → table `bookmark`/);
  assert.match(value, /CREATE TABLE IF NOT EXISTS `bookmark`/);
  assert.match(value, /Synced columns: `url`, `title`/);
  assert.match(value, /Local-only columns: `is_pinned`/);
  // The hover's range is the name inside the string.
  assert.deepEqual(hover!.range, { start: positionOf(SCHEMA, 'INSERT INTO bookmark', 12), end: positionOf(SCHEMA, 'INSERT INTO bookmark', 20) });
});

test('hover on a column name in a put statement shows its type and whether it is synced', async () => {
  const value = await hoverText(SCHEMA, positionOf(SCHEMA, 'bookmark (id, url, title)', 20));
  assert.equal(value, 'Column `title` of `bookmark`: TEXT (field `title`) · synced');
  const excluded = await hoverText(SCHEMA, positionOf(SCHEMA, 'url = excluded.url', 16));
  assert.equal(excluded, 'Column `url` of `bookmark`: TEXT NOT NULL (field `url`) · synced');
  const deleteId = await hoverText(SCHEMA, positionOf(SCHEMA, 'DELETE FROM folder WHERE id', 25));
  assert.match(deleteId ?? '', /^Column `id` of `folder`: TEXT NOT NULL/);
});

test('hover in a CREATE TRIGGER string (a .trimIndent() raw string) on the table and on NEW.column', async () => {
  const table = await hoverText(TRIGGERS, positionOf(TRIGGERS, 'AFTER INSERT ON bookmark', 17));
  assert.match(table ?? '', /table `bookmark`/);
  const local = await hoverText(TRIGGERS, positionOf(TRIGGERS, 'NEW.is_pinned', 6));
  assert.equal(local, 'Column `is_pinned` of `bookmark`: INTEGER NOT NULL (field `isPinned`) · local-only: sync never writes it');
  const old = await hoverText(TRIGGERS, positionOf(TRIGGERS, 'OLD.local_note', 5));
  assert.match(old ?? '', /^Column `local_note` of `folder`: TEXT \(field `localNote`\) · local-only/);
  // powersync_crud is no table of the app; keywords and strings name nothing.
  assert.equal(await hoverAt(TRIGGERS, positionOf(TRIGGERS, 'INTO powersync_crud', 7)), null);
  assert.equal(await hoverAt(TRIGGERS, positionOf(TRIGGERS, "'PUT'", 2)), null);
  assert.equal(await hoverAt(TRIGGERS, positionOf(TRIGGERS, 'AFTER INSERT ON bookmark', 2)), null);
});

test('go to definition from a table or column in SQL reaches the entity class or field', async () => {
  const table = await definitionAt(SCHEMA, positionOf(SCHEMA, 'INSERT INTO folder', 14));
  assert.ok(table);
  assert.equal(table.uri, uriOf(ENTITIES));
  assert.deepEqual(table.range.start, positionOf(ENTITIES, 'FolderEntity('));
  const column = await definitionAt(TRIGGERS, positionOf(TRIGGERS, 'NEW.is_pinned', 6));
  assert.ok(column);
  assert.equal(column.uri, uriOf(ENTITIES));
  assert.deepEqual(column.range.start, positionOf(ENTITIES, 'isPinned: Boolean'));
});

test('hover on a clear statement, and nothing where the string does not map to the source', async () => {
  const original = readFileSync(path.join(root, SCHEMA), 'utf8');
  const edited = original
    .replace('    delete = PendingStatement("DELETE FROM bookmark', '    clear = "DELETE FROM bookmark WHERE is_pinned = 0",\n    delete = PendingStatement("DELETE FROM bookmark')
    .replace('"INSERT INTO folder (id, name)', '"INSERT INTO folder " + "(id, name)');
  assert.notEqual(edited, original);
  await open(client, SCHEMA, edited, 2);
  const clear = await hoverText(SCHEMA, positionOf(SCHEMA, 'WHERE is_pinned = 0', 8));
  assert.match(clear ?? '', /^Column `is_pinned` of `bookmark`/);
  assert.match(await hoverText(SCHEMA, positionOf(SCHEMA, 'clear = "DELETE FROM bookmark', 22)) ?? '', /table `bookmark`/);
  // A concatenation of literals still maps character by character.
  assert.match(await hoverText(SCHEMA, positionOf(SCHEMA, '" + "(id, name)', 10)) ?? '', /^Column `name` of `folder`/);
  // A string with a template has no one place in the source: no hover, no error.
  const templated = edited.replace('"INSERT INTO bookmark (id', '"INSERT INTO ${"bookmark"} (id');
  await open(client, SCHEMA, templated, 3);
  assert.equal(await hoverAt(SCHEMA, positionOf(SCHEMA, 'bookmark"} (id, url', 12)), null);
  await open(client, SCHEMA, original, 4);
});

test('in a .sql file: a trigger\'s table and NEW.column go to the CREATE TABLE', async () => {
  await sqlClient.waitFor(() => sqlClient.statuses.some((s) => s.state === 'idle'), 'the first check of the SQL app');
  const table = await hoverText(SQL_FILE, positionOf(SQL_FILE, 'AFTER INSERT ON todos', 17));
  assert.match(table ?? '', /\*\*Table `todos`\*\*/);
  const column = await hoverText(SQL_FILE, positionOf(SQL_FILE, 'NEW.title =', 5));
  assert.match(column ?? '', /^Column `title` of `todos`: TEXT NOT NULL/);
  const target = await definitionAt(SQL_FILE, positionOf(SQL_FILE, 'NEW.list_id', 6));
  assert.ok(target);
  assert.equal(target.uri, uriOf(SQL_FILE));
  assert.deepEqual(target.range.start, positionOf(SQL_FILE, 'list_id TEXT NOT NULL'));
});
