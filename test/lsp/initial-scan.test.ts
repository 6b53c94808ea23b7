import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { checkJson } from '../support/findings';
import { repoRoot } from '../support/paths';

// The initial scan of a workspace with many files runs in slices: it reports progress, requests
// sent while it runs are answered (with nothing) before it ends, and the check after it is the
// CLI's.

const ORDINARY_FILES = 1_500;

function ordinary(i: number): string {
  return `package app.feature${i % 40}

data class Row${i}(val id: String, val label: String)

class Rows${i}(private val rows: List<Row${i}>) {
    fun labels(): List<String> = rows.map { it.label.trim() }.filter { it.isNotEmpty() }
    fun byId(id: String): Row${i}? = rows.firstOrNull { it.id == id }
}
`;
}

test('requests during the initial scan are answered before it ends; the scan reports progress', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-scan-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  for (let i = 0; i < ORDINARY_FILES; i++) {
    const dir = path.join(root, 'shared', 'src', 'commonMain', 'kotlin', 'app', `feature${i % 40}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `Rows${i}.kt`), ordinary(i));
  }
  const entity = pathToFileURL(path.join(root, 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt')).href;
  const client = await LspClient.start(root);
  t.after(() => client.stop());

  // Progress: an indexing status with some files read, before the first idle one.
  await client.waitFor(() => client.statuses.some((s) => s.state === 'indexing' && s.filesIndexed > 0) || client.statuses.some((s) => s.state === 'idle'), 'a progress report');
  const idleBefore = client.statuses.some((s) => s.state === 'idle');
  assert.equal(idleBefore, false, 'the scan ended before reporting any progress');

  const answer = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: entity }, position: { line: 0, character: 0 } });
  const idleWhenAnswered = client.statuses.some((s) => s.state === 'idle');
  assert.equal(answer, null);
  assert.equal(idleWhenAnswered, false, 'the hover waited for the end of the scan');

  // After the scan: the CLI's findings, and requests answered from the model.
  await client.waitFor(() => client.statuses.some((s) => s.state === 'idle'), 'the end of the scan');
  const cli = checkJson(root).findings.filter((f) => f.file.endsWith('TodoEntity.kt')).map((f) => f.rule).sort();
  await client.waitFor(() => client.codes(entity).join() === cli.join(), `the CLI's findings on TodoEntity.kt (${cli.join()})`);
  const indexed = client.statuses.filter((s) => s.state === 'indexing').map((s) => s.filesIndexed);
  assert.ok(indexed.every((n, i) => i === 0 || n >= indexed[i - 1]), `progress only goes up: ${indexed.join()}`);
  assert.ok(client.statuses.find((s) => s.state === 'idle')!.filesIndexed > ORDINARY_FILES);
});
