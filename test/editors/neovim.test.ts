// Neovim's built-in LSP client, headless, against `rawsync lsp --stdio` (editors/neovim/test-init.lua):
// the diagnostics it receives, the code action it asks for and the fix it applies and writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/paths';

/** Debian's neovim (`apt-get install -y neovim`, 0.7.2 on Debian 12); RAWSYNC_NVIM points elsewhere. */
const NVIM = process.env.RAWSYNC_NVIM ?? 'nvim';
const ENTITY = 'shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt';
const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';

function nvimVersion(): string | undefined {
  const result = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0] : undefined;
}

/**
 * Without Neovim (a fresh clone where only `npm test` ran) the test is skipped with the reason; under
 * CI (`CI=true`, whose .ci/run installs neovim) it always runs, and fails if Neovim is missing.
 */
function needsNeovim(): { skip?: string } {
  if (process.env.CI === 'true' || nvimVersion()) return {};
  return { skip: `not run: Neovim is not installed (apt-get install -y neovim; CI installs it and runs this test)` };
}

interface NeovimReport {
  ok: boolean;
  error?: string;
  steps: string[];
  uri: string;
  published: Record<string, string[]>;
  buffer: { code: string; source: string; lnum: number; col: number; severity: number }[];
  actions: { title: string; kind: string; isPreferred: boolean }[];
  applied: string;
  after: string[];
  exit_code: number;
}

function runNeovim(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NVIM, ['--headless', '-i', 'NONE', '-u', path.join(repoRoot(), 'editors', 'neovim', 'test-init.lua')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill(), 150_000);
    child.on('error', reject);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });
}

test('headless Neovim gets Rawsync\'s diagnostics on examples/todo-app and applies a quick fix', needsNeovim(), async () => {
  const version = nvimVersion();
  assert.ok(version, `Neovim is not installed (${NVIM}): apt-get install -y neovim`);
  const work = mkdtempSync(path.join(tmpdir(), 'rawsync-neovim-'));
  const root = path.join(work, 'todo-app');
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  const xdg = path.join(work, 'xdg');
  for (const dir of ['config', 'data', 'state', 'cache']) mkdirSync(path.join(xdg, dir), { recursive: true });
  const out = path.join(work, 'report.json');
  const before = readFileSync(path.join(root, ENTITY), 'utf8');

  const { code, stderr } = await runNeovim({
    RAWSYNC_ROOT: root,
    RAWSYNC_FILE: ENTITY,
    RAWSYNC_RULE: 'fk-not-deferrable',
    RAWSYNC_OUT: out,
    RAWSYNC_CMD: JSON.stringify([process.execPath, path.join(repoRoot(), 'bin', 'rawsync.js'), 'lsp', '--stdio']),
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  });
  let report: NeovimReport;
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as NeovimReport;
  } catch {
    assert.fail(`${version} wrote no report (exit ${code}): ${stderr}`);
  }
  assert.equal(report.error, undefined, `${version}: ${report.error} (steps: ${report.steps.join(', ')})`);
  assert.equal(code, 0, stderr);
  assert.deepEqual(report.steps, ['started', 'diagnostics', 'codeAction', 'applied', 'cleared', 'stopped']);

  // The diagnostics the server published, by file, as Neovim received them.
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  assert.equal(report.uri, uri(ENTITY));
  assert.deepEqual(report.published[uri(ENTITY)], ['fk-not-deferrable']);
  assert.deepEqual(
    [...new Set(report.published[uri(SCHEMA)])],
    ['missing-crud-triggers', 'put-column-not-synced', 'put-not-upsert', 'replace-resets-local-columns', 'schema-order', 'synced-column-not-stored'],
  );
  assert.deepEqual(report.published[uri('shared/src/androidMain/kotlin/com/example/todo/AndroidDatabases.kt')], ['db-path-mismatch']);
  // In Neovim's own diagnostics (vim.diagnostic) of the open buffer: an error at `ForeignKey(`.
  assert.deepEqual(report.buffer.map((d) => [d.code, d.source, d.severity]), [['fk-not-deferrable', 'rawsync', 1]]);
  assert.match(before.split('\n')[report.buffer[0].lnum], /ForeignKey\(/);

  // The code actions at the finding, and the fix applied as a workspace edit and written to disk.
  assert.deepEqual(report.actions.map((a) => a.title), [
    'Make the foreign key deferred (deferred = true)',
    'Disable fk-not-deferrable for this line',
    'Fix all Rawsync problems in this file',
  ]);
  assert.equal(report.applied, 'Make the foreign key deferred (deferred = true)');
  const after = readFileSync(path.join(root, ENTITY), 'utf8');
  assert.equal(
    after,
    before.replace('            onDelete = ForeignKey.CASCADE\n', '            onDelete = ForeignKey.CASCADE,\n            deferred = true\n'),
  );
  assert.notEqual(after, before);
  // The server saw the edit (didChange) and dropped the finding; it then shut down cleanly.
  assert.deepEqual(report.after, []);
  assert.equal(report.exit_code, 0);
});
