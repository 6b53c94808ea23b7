// The npm package as a user gets it: `npm pack` of this repository (the bundles npm test has just
// built in dist/), installed with the network shut off (--offline, an empty cache, a registry that
// does not answer) into an empty folder, then `rawsync check|schema|fix|preview` and
// `rawsync lsp --stdio` run from that folder only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../support/cli';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';

const SRC = 'shared/src/commonMain/kotlin/com/example/todo';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Installed {
  /** The folder the tarball was installed into (no package of ours besides rawsync). */
  folder: string;
  /** node_modules/.bin/rawsync */
  bin: string;
  tarballBytes: number;
  /** The tarball's file names, relative to the package root. */
  files: string[];
}

/** Environment for npm with no way to the network: offline, its own empty cache, a dead registry. */
function offlineNpmEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // npm test runs us with npm_config_* of its own (cache, registry, prefix...): drop them all.
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, npm_config_cache: cache, npm_config_offline: 'true', npm_config_registry: 'http://127.0.0.1:9/', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function packAndInstall(work: string): Installed {
  const packDir = path.join(work, 'pack');
  const folder = path.join(work, 'app');
  const cache = path.join(work, 'npm-cache');
  for (const dir of [packDir, folder, cache]) mkdirSync(dir, { recursive: true });
  const env = offlineNpmEnv(cache);
  // --ignore-scripts: prepack would rebuild dist/ for production while other tests read it.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: repoRoot(), env, encoding: 'utf8' })) as { filename: string; size: number; files: { path: string }[] }[];
  const tarball = path.join(packDir, packed[0].filename);
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'rawsync-install-probe', version: '1.0.0', private: true }, null, 2));
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: folder, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { folder, bin: path.join(folder, 'node_modules', '.bin', 'rawsync'), tarballBytes: packed[0].size, files: packed[0].files.map((f) => f.path) };
}

/** Runs the installed `rawsync` (node resolves the .bin link to the package's bin/rawsync.js). */
function rawsync(installed: Installed, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [installed.bin, ...args], { cwd: installed.folder, encoding: 'utf8', timeout: 120_000 });
}

test('the npm tarball installs offline into an empty folder and its rawsync checks, fixes, previews and serves LSP', async (t) => {
  const work = mkdtempSync(path.join(tmpdir(), 'rawsync-npm-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const installed = packAndInstall(work);

  await t.test('the tarball holds the CLI, the server, every wasm and the rule pages, and no sources or maps', () => {
    const files = new Set(installed.files);
    for (const file of ['bin/rawsync.js', 'dist/cli.js', 'dist/server.js', 'dist/console-worker.js', 'dist/webview/preview.js', 'dist/webview/preview.css', 'LICENSE', 'README.md', 'docs/third-party-notices.md', 'docs/rules/put-not-upsert.md']) {
      assert.ok(files.has(file), `${file} in the tarball`);
    }
    const wasm = readdirSync(path.join(repoRoot(), 'dist')).filter((n) => n.endsWith('.wasm'));
    assert.ok(wasm.length >= 3, wasm.join(', '));
    for (const name of wasm) assert.ok(files.has(`dist/${name}`), `dist/${name} in the tarball`);
    for (const file of files) assert.doesNotMatch(file, /^(client|server|test|examples|scripts|bench|webview|editors)\/|\.map$|\.ts$/, `${file} stays out`);
    // The licences of what the bundles carry travel with them, texts included.
    assert.ok(files.has('dist/third-party-licenses.txt'), 'dist/third-party-licenses.txt in the tarball');
    const licences = readFileSync(path.join(installed.folder, 'node_modules', 'rawsync', 'dist', 'third-party-licenses.txt'), 'utf8');
    for (const name of ['@powersync/service-sync-rules', '@powersync/sql-js', 'libpg-query', 'web-tree-sitter', 'yaml', 'vscode-languageserver']) {
      assert.match(licences, new RegExp(`^=== ${name.replace(/[/.]/g, '\\$&')} \\d`, 'm'), `${name} listed`);
    }
    assert.match(licences, /Functional Source License/, 'the compiler\'s licence text');
    console.log(`npm tarball: ${(installed.tarballBytes / 1e6).toFixed(2)} MB, ${installed.files.length} files`);
  });

  await t.test('nothing but rawsync is installed: the package has no run-time dependency to fetch', () => {
    const pkg = JSON.parse(readFileSync(path.join(installed.folder, 'node_modules', 'rawsync', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.dependencies ?? {}, {});
    assert.deepEqual(readdirSync(path.join(installed.folder, 'node_modules')).filter((n) => !n.startsWith('.')), ['rawsync']);
    assert.ok(existsSync(installed.bin), 'node_modules/.bin/rawsync');
  });

  // Each command on its own copy of the example, so fix's edits reach no other command.
  const example = (name: string) => {
    const dir = path.join(work, name);
    cpSync(path.join(repoRoot(), 'examples', 'todo-app'), dir, { recursive: true });
    return dir;
  };

  await t.test('npx rawsync check reports the planted mistakes of examples/todo-app, as the repository\'s CLI does', () => {
    const dir = example('check');
    // npx, offline: it must find the installed package, not look for one.
    const result = spawnSync(npm, ['exec', '--offline', '--', 'rawsync', 'check', dir, '--format', 'json'], { cwd: installed.folder, env: offlineNpmEnv(path.join(work, 'npm-cache')), encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 1, `exit 1 (error-level findings); stderr: ${result.stderr}`);
    const findings = JSON.parse(result.stdout).findings as { rule: string; file: string; range: { start: { line: number } } }[];
    const at = (f: (typeof findings)[number]) => `${f.rule} ${f.file}:${f.range.start.line + 1}`;
    for (const planted of [
      `fk-not-deferrable ${SRC}/data/TodoEntity.kt:14`,
      `put-not-upsert ${SRC}/sync/PowerSyncSchema.kt:57`,
      `replace-resets-local-columns ${SRC}/sync/PowerSyncSchema.kt:15`,
      `schema-order ${SRC}/sync/PowerSyncSchema.kt:74`,
      `put-column-not-synced ${SRC}/sync/PowerSyncSchema.kt:64`,
    ]) assert.ok(findings.map(at).includes(planted), `${planted} in ${findings.map(at).join(', ')}`);
    const fromRepo = runCli(['check', dir, '--format', 'json']);
    assert.deepEqual(findings, JSON.parse(fromRepo.stdout).findings, 'the same findings as dist/cli.js in the repository');
  });

  await t.test('rawsync schema --format sql prints the tables Room creates', () => {
    const result = rawsync(installed, ['schema', example('schema'), '--format', 'sql']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /CREATE TABLE IF NOT EXISTS `profile` \(`id` TEXT NOT NULL, `name` TEXT NOT NULL, `email` TEXT, `is_favorite` INTEGER NOT NULL DEFAULT 0, PRIMARY KEY\(`id`\)\)/);
  });

  await t.test('rawsync fix --rule fk-not-deferrable writes the fix, and check no longer reports it', () => {
    const dir = example('fix');
    const fixed = rawsync(installed, ['fix', dir, '--rule', 'fk-not-deferrable']);
    assert.equal(fixed.status === 0 || fixed.status === 1, true, `fix exited ${fixed.status}: ${fixed.stderr}`);
    assert.match(readFileSync(path.join(dir, SRC, 'data', 'TodoEntity.kt'), 'utf8'), /deferred\s*=\s*true/);
    const after = rawsync(installed, ['check', dir, '--format', 'json']);
    const rules = (JSON.parse(after.stdout).findings as { rule: string }[]).map((f) => f.rule);
    assert.ok(!rules.includes('fk-not-deferrable'), rules.join(', '));
    assert.ok(rules.includes('put-not-upsert'), 'the other findings stay');
  });

  await t.test('rawsync preview --out writes the standalone report with the webview script inlined', () => {
    const out = path.join(work, 'preview.html');
    const result = rawsync(installed, ['preview', example('preview'), '--out', out]);
    assert.equal(result.status, 0, result.stderr);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.ok(html.includes(readFileSync(path.join(installed.folder, 'node_modules', 'rawsync', 'dist', 'webview', 'preview.js'), 'utf8').slice(0, 200)), 'the preview script is inlined');
    assert.match(html, /todo_list/);
  });

  await t.test('rawsync lsp --stdio publishes Rawsync diagnostics for an opened file', async () => {
    const dir = example('lsp');
    const client = await LspClient.start(dir, { args: [installed.bin, 'lsp', '--stdio'] });
    try {
      const entityPath = path.join(dir, SRC, 'data', 'TodoEntity.kt');
      const entity = pathToFileURL(entityPath).href;
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: entity, languageId: 'kotlin', version: 1, text: readFileSync(entityPath, 'utf8') },
      });
      await client.waitFor(() => client.codes(entity).length > 0, 'diagnostics of TodoEntity.kt');
      assert.deepEqual(client.codes(entity), ['fk-not-deferrable']);
      const diagnostic = client.diagnostics.get(entity)!.diagnostics[0];
      assert.equal(diagnostic.source, 'rawsync');
      // The rule page it links to is the one shipped in the installed package.
      const href = diagnostic.codeDescription?.href ?? '';
      assert.equal(href, pathToFileURL(path.join(installed.folder, 'node_modules', 'rawsync', 'docs', 'rules', 'fk-not-deferrable.md')).href);
    } finally {
      await client.stop();
    }
  });
});
