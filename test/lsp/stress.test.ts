import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { checkJson } from '../support/findings';
import { repoRoot } from '../support/paths';

// 1,000 rapid changes (an entity typed character by character and deleted again, with a stray
// `@` at the end on the way) with hovers, code actions and completions in between: the server
// stays up, answers every request, and its final diagnostics equal a fresh check of that text.

const ENTITY = 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt';
const TYPED = `

@Entity(tableName = "scratch", foreignKeys = [ForeignKey(entity = ProfileEntity::class, parentColumns = ["id"], childColumns = ["profile_id"])])
data class ScratchEntity(@PrimaryKey val id: String, @ColumnInfo(name = "profile_id") val profileId: String, val note: String?)
`;
const CHANGES = 1_000;

test('1,000 rapid edits with requests in between: the server answers all and ends where a fresh check does', { timeout: 300_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-stress-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  const file = path.join(root, ENTITY);
  const uri = pathToFileURL(file).href;
  const original = readFileSync(file, 'utf8');
  await client.waitFor(() => client.codes(uri).includes('fk-not-deferrable'), 'the first check: fk-not-deferrable on TodoEntity.kt');
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kotlin', version: 1, text: original } });

  // Type the entity, then delete it, one character at a time; a stray `@` at the very end on the way.
  const texts: string[] = [];
  for (let i = 1; texts.length < CHANGES / 2; i = (i % TYPED.length) + 1) texts.push(original + TYPED.slice(0, i));
  texts.push(`${original}${TYPED}@`);
  for (let i = TYPED.length; texts.length < CHANGES - 1; i = Math.max(0, i - 1)) texts.push(original + TYPED.slice(0, i));
  // The last edit makes the foreign key deferred: its finding must be gone at the end, as in a fresh check.
  const final = original.replace('onDelete = ForeignKey.CASCADE', 'onDelete = ForeignKey.CASCADE, deferred = true');
  assert.notEqual(final, original);
  texts.push(final);

  const answered: Promise<unknown>[] = [];
  let version = 1;
  for (const [i, text] of texts.entries()) {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    if (i % 50 === 25) {
      const lines = text.split('\n');
      const position = { line: Math.max(0, lines.length - 2), character: 5 };
      answered.push(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
      answered.push(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }));
      answered.push(client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }));
    }
  }
  const results = await Promise.allSettled(answered);
  assert.deepEqual(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), [], 'every request answered');
  assert.equal(results.length, 60);

  // The final diagnostics: those of a fresh check of the same text on disk.
  writeFileSync(file, final);
  const expected = checkJson(root).findings
    .filter((f) => f.file === ENTITY)
    .map((f) => `${f.range.start.line}:${f.range.start.character} ${f.rule}`)
    .sort();
  const published = () => (client.diagnostics.get(uri)?.diagnostics ?? []).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`).sort();
  assert.ok(!expected.some((e) => e.endsWith('fk-not-deferrable')), 'a fresh check has no fk-not-deferrable there');
  await client.waitFor(() => client.codes(uri).includes('fk-not-deferrable') === false && JSON.stringify(published()) === JSON.stringify(expected), `the final diagnostics (${expected.join(', ')})`, 60_000);
  t.diagnostic(`diagnostics published for the file: ${client.publishCounts.get(uri)}`);
  // Still alive and answering.
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
});
