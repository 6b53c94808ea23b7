// Every rule's link resolves on this machine: the `codeDescription.href` the language server puts
// on its diagnostics, and the paths and `helpUri`s the CLI prints, each name the rule's page
// (docs/rules/<id>.md, first line "# `<id>`") of the installation that runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULES } from '../../server/src/rules/index';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { installRootOf, RuleDocs } from '../../server/src/doors/rule-docs';
import { LspClient } from '../support/lsp-client';
import { runCli } from '../support/cli';
import { repoRoot } from '../support/paths';

const EXAMPLE = path.join(repoRoot(), 'examples', 'todo-app');

function assertRulePage(file: string, id: string, what: string): void {
  assert.ok(path.isAbsolute(file), `${what}: ${file} is absolute`);
  assert.ok(existsSync(file), `${what}: ${file} exists`);
  assert.equal(readFileSync(file, 'utf8').split('\n')[0], `# \`${id}\``, `${what}: ${file} is the page of ${id}`);
}

function assertRulePageUri(href: string | undefined, id: string, what: string): void {
  assert.ok(href, `${what}: ${id} has a link`);
  assert.ok(href.startsWith('file:'), `${what}: ${href} is a file URI`);
  assertRulePage(fileURLToPath(href), id, what);
}

/** The `Rule pages:` block of the text output: rule id → the path as printed. */
function printedPages(stdout: string): Map<string, string> {
  const block = stdout.split('\nRule pages:\n')[1] ?? '';
  const pages = new Map<string, string>();
  for (const line of block.split('\n')) {
    const match = /^ {2}([a-z0-9-]+): (.+)$/.exec(line);
    if (match) pages.set(match[1], match[2]);
  }
  return pages;
}

test('the language server links each diagnostic to the rule page in its installation', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-lsp-docs-'));
  cpSync(EXAMPLE, root, { recursive: true });
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  await client.waitFor(() => client.statuses.some((s) => s.state === 'idle' && (s.findings ?? 0) > 0), 'the first check');
  const seen = new Set<string>();
  for (const { diagnostics } of client.diagnostics.values()) {
    for (const d of diagnostics) {
      assertRulePageUri(d.codeDescription?.href, String(d.code), 'LSP diagnostic');
      assert.equal(path.dirname(path.dirname(path.dirname(fileURLToPath(d.codeDescription!.href)))), repoRoot(), 'the page beside dist/server.js');
      seen.add(String(d.code));
    }
  }
  assert.ok(seen.size >= 5, `diagnostics of many rules on the example (${[...seen].join(', ')})`);
});

test("every rule's diagnostic carries a link to its page, found from the server bundle's folder as the server finds it", () => {
  const docs = new RuleDocs(installRootOf(path.join(repoRoot(), 'dist')));
  for (const { meta } of RULES) {
    const diagnostic = toDiagnostic({
      rule: meta.id,
      severity: meta.defaultSeverity,
      message: 'x',
      loc: { uri: pathToFileURL(path.join(EXAMPLE, 'A.kt')).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
      related: [],
      fixes: [],
    }, docs);
    assertRulePageUri(diagnostic.codeDescription?.href, meta.id, 'toDiagnostic');
  }
  // An installation without its pages gets no link rather than a dead one.
  const bare = new RuleDocs(mkdtempSync(path.join(tmpdir(), 'rawsync-no-docs-')));
  assert.equal(bare.uri(RULES[0].meta), undefined);
});

test("the CLI's SARIF gives every rule a helpUri to its page", () => {
  const result = runCli(['check', EXAMPLE, '--format', 'sarif']);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const driver = JSON.parse(result.stdout).runs[0].tool.driver;
  assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.meta.id));
  for (const rule of driver.rules as { id: string; helpUri?: string }[]) assertRulePageUri(rule.helpUri, rule.id, 'SARIF helpUri');
  assert.equal(driver.informationUri, undefined, 'no link to a web site that does not exist');
});

test("the CLI's text output names each reported rule's page: relative under the working folder, else absolute", () => {
  const fromRepo = runCli(['check', EXAMPLE]);
  const relative = printedPages(fromRepo.stdout);
  const reported = new Set([...fromRepo.stdout.matchAll(/ \[([a-z0-9-]+)\]$/gm)].map((m) => m[1]));
  assert.ok(reported.size >= 5, `rules reported (${[...reported].join(', ')})`);
  assert.deepEqual([...relative.keys()].sort(), [...reported].sort(), 'one page line per reported rule');
  for (const [id, printed] of relative) {
    assert.equal(printed, `docs/rules/${id}.md`, 'relative to the repository, the working folder');
    assertRulePage(path.resolve(repoRoot(), printed), id, 'text output from the repository');
  }

  const elsewhere = runCli(['check', EXAMPLE], mkdtempSync(path.join(tmpdir(), 'rawsync-cwd-')));
  const absolute = printedPages(elsewhere.stdout);
  assert.equal(absolute.size, relative.size);
  for (const [id, printed] of absolute) assertRulePage(printed, id, 'text output from another folder');
});

test('an installed copy of the package (bin, dist, docs) links to its own pages', () => {
  const installed = path.join(mkdtempSync(path.join(tmpdir(), 'rawsync-installed-')), 'node_modules', 'rawsync');
  mkdirSync(installed, { recursive: true });
  for (const part of ['bin', 'dist', 'docs', 'package.json']) cpSync(path.join(repoRoot(), part), path.join(installed, part), { recursive: true });
  const run = (format: string) => spawnSync(process.execPath, [path.join(installed, 'bin', 'rawsync.js'), 'check', EXAMPLE, '--format', format], { cwd: mkdtempSync(path.join(tmpdir(), 'rawsync-cwd-')), encoding: 'utf8', timeout: 120_000 });
  const sarif = run('sarif');
  assert.ok(sarif.status === 0 || sarif.status === 1, sarif.stderr);
  for (const rule of JSON.parse(sarif.stdout).runs[0].tool.driver.rules as { id: string; helpUri?: string }[]) {
    assertRulePageUri(rule.helpUri, rule.id, 'installed SARIF');
    assert.ok(fileURLToPath(rule.helpUri!).startsWith(installed + path.sep), `${rule.helpUri} inside the installed package`);
  }
  for (const [id, printed] of printedPages(run('text').stdout)) {
    assertRulePage(printed, id, 'installed text output');
    assert.ok(printed.startsWith(installed + path.sep), `${printed} inside the installed package`);
  }
});
