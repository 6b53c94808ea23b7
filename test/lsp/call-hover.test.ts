// Hover on the name of a RawTable(, Schema( or PendingStatement( call: what the model knows about
// that raw table, schema or statement, and plainly why when a part of it is unknown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';
import { fixturePath } from '../support/paths';

const SCHEMA = 'src/commonMain/kotlin/com/example/bookmarks/sync/BookmarksSchema.kt';

let client: LspClient;
let root: string;
let text: string;

/** The position `offset` characters into the `nth` occurrence of `marker`. */
function positionOf(marker: string, offset = 0, nth = 1): Position {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(marker, index + 1);
  assert.notEqual(index, -1, `marker ${marker} (${nth})`);
  const lines = text.slice(0, index + offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

const hoverAt = (position: Position) =>
  client.connection.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(path.join(root, SCHEMA)).href }, position }) as Promise<Hover | null>;
const valueOf = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-call-hover-'));
  cpSync(fixturePath('rule-trigger-uploads-local-columns'), root, { recursive: true });
  // The fixture's schema, plus: a raw table whose put SQL comes from a call the model cannot
  // evaluate, a delete shared through a constant, a statement no raw table uses, and a schema
  // entry naming no raw table.
  const original = readFileSync(path.join(root, SCHEMA), 'utf8');
  text = original
    .replace('    delete = PendingStatement("DELETE FROM folder WHERE id = ?", listOf(PendingStatementParameter.Id)),\n)', '    delete = folderDelete,\n)')
    .replace('val bookmarksSchema = Schema(bookmarkTable, folderTable)', [
      'val folderDelete = PendingStatement("DELETE FROM folder WHERE id = ?", listOf(PendingStatementParameter.Id))',
      '',
      'val orphanStatement = PendingStatement("DELETE FROM folder WHERE name = ?", listOf(PendingStatementParameter.Column("name")))',
      '',
      'val noteTable = RawTable(',
      '    name = "note",',
      '    put = PendingStatement(SqlLoader.load("note_put"), listOf(PendingStatementParameter.Id)),',
      '    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),',
      ')',
      '',
      'val bookmarksSchema = Schema(bookmarkTable, folderTable, noteTable, missingTable)',
    ].join('\n'));
  assert.notEqual(text, original);
  assert.match(text, /delete = folderDelete/);
  client = await LspClient.start(root);
  await client.waitFor(() => client.statuses.some((s) => s.state === 'idle'), 'the first check');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(path.join(root, SCHEMA)).href, languageId: 'kotlin', version: 1, text } });
});

after(() => client.stop());

test('hover on RawTable( shows the raw table: local table, columns, put and delete with their parameters, core JSON', async () => {
  const hover = await hoverAt(positionOf('val bookmarkTable = RawTable(', 22));
  const value = valueOf(hover);
  assert.match(value, /\*\*Raw table `bookmark`\*\*/);
  assert.match(value, /Local table: `bookmark`/);
  // Raw table `note`'s put is built at run time: it might write `bookmark` too.
  assert.match(value, /Synced columns: unknown \(the local table of raw table `note` is unknown \(the put's SQL could not be resolved\), and it may write this table too\)/);
  assert.match(value, /\*\*Put\*\*\n\n```sql\nINSERT INTO bookmark \(id, url, title\)/);
  assert.match(value, /Parameters: `Id`, `Column\("url"\)`, `Column\("title"\)`/);
  assert.match(value, /\*\*Delete\*\*\n\n```sql\nDELETE FROM bookmark WHERE id = \?/);
  assert.match(value, /Core JSON:\n\n```json/);
  // The range is the call's name.
  assert.deepEqual(hover!.range, { start: positionOf('val bookmarkTable = RawTable(', 20), end: positionOf('val bookmarkTable = RawTable(', 28) });
});

test("hover on RawTable( says plainly why the core JSON is unknown: the put's SQL could not be resolved", async () => {
  const value = valueOf(await hoverAt(positionOf('val noteTable = RawTable(', 17)));
  assert.match(value, /\*\*Raw table `note`\*\*/);
  assert.match(value, /Core JSON: unknown \(the put's SQL could not be resolved\)/);
  assert.match(value, /\*\*Put\*\*\n\nParameters: `Id`\n\nUnknown: the put's SQL could not be resolved\./);
  assert.match(value, /\*\*Delete\*\*\n\n```sql\nDELETE FROM note WHERE id = \?/);
});

test('hover on PendingStatement( names the raw table and role using it, with its SQL and parameters or why they are unknown', async () => {
  const put = valueOf(await hoverAt(positionOf('put = PendingStatement(', 8, 1)));
  assert.match(put, /^\*\*`PendingStatement`\*\*: the put of raw table `bookmark`/);
  assert.match(put, /INSERT INTO bookmark/);

  const unknown = valueOf(await hoverAt(positionOf('put = PendingStatement(SqlLoader', 6)));
  assert.match(unknown, /the put of raw table `note`/);
  assert.match(unknown, /Unknown: the put's SQL could not be resolved\./);
  assert.doesNotMatch(unknown, /```sql/);

  // A statement in a constant, used as a raw table's delete elsewhere in the file.
  const shared = valueOf(await hoverAt(positionOf('val folderDelete = PendingStatement(', 19)));
  assert.match(shared, /the delete of raw table `folder`/);
  assert.match(shared, /```sql\nDELETE FROM folder WHERE id = \?\n```/);

  const orphan = valueOf(await hoverAt(positionOf('val orphanStatement = PendingStatement(', 25)));
  assert.match(orphan, /no raw table the model knows uses this statement/);
});

test('hover on Schema( lists its raw tables in order, and which entry names no raw table', async () => {
  const hover = await hoverAt(positionOf('val bookmarksSchema = Schema(', 23));
  const value = valueOf(hover);
  assert.match(value, /\*\*PowerSync `Schema`\*\* `bookmarksSchema`: 4 raw tables, in this order/);
  assert.match(value, /1\. `bookmark` → table `bookmark`\n2\. `folder` → table `folder`\n3\. `note` → local table unknown \(the put's SQL could not be resolved\)\n4\. `missingTable`: could not be resolved to a raw table/);
  assert.deepEqual(hover!.range, { start: positionOf('val bookmarksSchema = Schema(', 22), end: positionOf('val bookmarksSchema = Schema(', 28) });
});

test('the name argument still shows the raw table, and other call names show nothing', async () => {
  const name = valueOf(await hoverAt(positionOf('name = "bookmark"', 9)));
  assert.match(name, /\*\*Raw table `bookmark`\*\*/);
  assert.doesNotMatch(name, /\*\*Put\*\*/, 'the name argument keeps its short hover');
  assert.equal(await hoverAt(positionOf('listOf(PendingStatementParameter.Id, PendingStatementParameter.Column("name"))', 2)), null);
});
