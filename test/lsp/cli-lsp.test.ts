// `rawsync lsp --stdio`: the CLI's entry point (bin/rawsync.js, what npm installs as `rawsync`)
// serves the same language server as dist/server.js, for the editors other than VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

test('node bin/rawsync.js lsp --stdio publishes the diagnostics of examples/todo-app', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-cli-lsp-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  const client = await LspClient.start(root, { args: [path.join(repoRoot(), 'bin', 'rawsync.js'), 'lsp', '--stdio'] });
  t.after(() => client.stop());
  const entity = pathToFileURL(path.join(root, 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt')).href;
  const schema = pathToFileURL(path.join(root, 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt')).href;
  await client.waitFor(() => client.codes(schema).includes('schema-order') && client.codes(entity).length > 0, 'diagnostics of the example');
  assert.deepEqual(client.codes(entity), ['fk-not-deferrable']);
  assert.deepEqual(
    [...new Set(client.codes(schema))],
    ['missing-crud-triggers', 'put-column-not-synced', 'put-not-upsert', 'replace-resets-local-columns', 'schema-order', 'synced-column-not-stored'],
  );
  const source = client.diagnostics.get(entity)!.diagnostics[0].source;
  assert.equal(source, 'rawsync');
});
