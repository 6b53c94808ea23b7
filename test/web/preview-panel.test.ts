import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { ARTIFACTS, cspViolations, injectedScriptRuns, launchChromium, needsChromium, recordCspViolations } from '../support/chromium';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/paths';
import { panelHtml } from '../../client/src/preview/panel-html';
import type { HostMessage, PanelState, WebviewMessage } from '../../client/src/preview/messages';
import { PREVIEW_QUERY_REQUEST, PREVIEW_REQUEST, type PreviewQueryResult, type PreviewResponse } from '../../server/src/lsp/protocol';

/**
 * The panel's page, as VS Code serves it (same HTML, CSP, nonce and files), in Chromium; the test
 * plays the extension's part of the message protocol against the real language server. The panel
 * inside the real editor is exercised by the code-server test (test/vscode).
 */
const ORIGIN = 'http://rawsync-webview.invalid';
const PAGE_URL = `${ORIGIN}/index.html`;

interface Harness {
  page: Page;
  /** Messages the webview posted, in order. */
  posted: WebviewMessage[];
  /** The state the webview saved last. */
  state: () => Promise<PanelState | undefined>;
  otherRequests: string[];
  pageErrors: string[];
  html: string;
  nonce: string;
}

async function openPanel(page: Page, client: LspClient, appUri: string, savedState?: PanelState): Promise<Harness> {
  const nonce = 'test-nonce-' + Math.random().toString(36).slice(2);
  const html = panelHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/preview.js`, styleUri: `${ORIGIN}/preview.css`, title: 'Rawsync: Database Preview' });
  const files: Record<string, [string, string]> = {
    [PAGE_URL]: ['text/html; charset=utf-8', html],
    [`${ORIGIN}/preview.js`]: ['text/javascript', readFileSync(path.join(repoRoot(), 'dist/webview/preview.js'), 'utf8')],
    [`${ORIGIN}/preview.css`]: ['text/css', readFileSync(path.join(repoRoot(), 'dist/webview/preview.css'), 'utf8')],
  };
  const otherRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.route('**/*', async (route) => {
    const file = files[route.request().url()];
    if (file) await route.fulfill({ status: 200, contentType: file[0], body: file[1] });
    else {
      otherRequests.push(route.request().url());
      await route.abort();
    }
  });
  await recordCspViolations(page);

  // The extension's side: answer each message the way client/src/preview/preview-panel.ts does.
  const posted: WebviewMessage[] = [];
  const reply = (message: HostMessage) => page.evaluate((m) => window.postMessage(m, '*'), message);
  await page.exposeFunction('rawsyncPost', async (message: WebviewMessage) => {
    posted.push(message);
    if (message.type === 'ready' || message.type === 'refresh') {
      await reply({ type: 'building' });
      const response = await client.connection.sendRequest<PreviewResponse>(PREVIEW_REQUEST, { uri: appUri });
      await reply({ type: 'report', report: response.report, title: response.title, uri: appUri, builtAt: new Date().toISOString(), durationMs: response.durationMs });
    } else if (message.type === 'query') {
      const result = await client.connection.sendRequest<PreviewQueryResult>(PREVIEW_QUERY_REQUEST, { sql: message.sql });
      await reply({ type: 'queryResult', id: message.id, result });
    }
  });
  await page.addInitScript((initial: unknown) => {
    let state: unknown = initial ?? undefined;
    const w = window as unknown as { rawsyncPost: (m: unknown) => void; savedState: () => unknown; acquireVsCodeApi: () => unknown };
    w.savedState = () => state;
    w.acquireVsCodeApi = () => ({
      postMessage: (message: unknown) => w.rawsyncPost(message),
      getState: () => state,
      setState: (next: unknown) => { state = next; },
    });
  }, (savedState ?? null) as unknown);
  await page.goto(PAGE_URL, { waitUntil: 'load' });
  const state = async () => (await page.evaluate(() => (window as unknown as { savedState: () => unknown }).savedState())) as PanelState | undefined;
  return { page, posted, state, otherRequests, pageErrors, html, nonce };
}

/** A copy of an example app, the language server on it, and the panel's page open in Chromium. */
async function panelOnExample(t: TestContext, app: string, savedState?: (appUri: string) => PanelState): Promise<Harness & { appUri: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rawsync-panel-'));
  cpSync(path.join(repoRoot(), 'examples', app), root, { recursive: true });
  const client = await LspClient.start(root);
  t.after(() => client.stop());
  await client.waitFor(() => client.diagnostics.size > 0, 'the first diagnostics');
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const appUri = pathToFileURL(root).href;
  return { ...(await openPanel(page, client, appUri, savedState?.(appUri))), appUri };
}

test('the Database Preview panel draws the example from the server, runs the console, and keeps its CSP', needsChromium(), async (t) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const panel = await panelOnExample(t, 'todo-app');
  const { page, appUri } = panel;

  // The page VS Code would load: one script, with the nonce; the CSP allows nothing else.
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(panel.html)?.[1] ?? '';
  assert.match(csp, /^default-src 'none';/);
  assert.ok(csp.includes(`script-src 'nonce-${panel.nonce}'`), csp);
  assert.ok(!/unsafe-inline|unsafe-eval|wasm-unsafe-eval/.test(csp), csp);
  const scripts = [...panel.html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0].includes(`nonce="${panel.nonce}"`), scripts[0]);

  await page.locator('section.table-card').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(panel.posted[0], { type: 'ready' });
  for (const name of ['profile', 'todo', 'todo_list']) {
    assert.equal(await page.locator(`section.table-card[data-table="${name}"]`).count(), 1, `table card ${name}`);
    assert.equal(await page.locator(`svg.er-diagram g.er-table[data-table="${name}"]`).count(), 1, `diagram box ${name}`);
  }
  assert.equal(await page.locator('svg.er-diagram g.er-edge path').count(), 2, 'two foreign keys drawn');
  assert.ok(await page.locator('li.step').count() > 3);
  assert.equal(await page.locator('li.step[data-step="first-sync"]').getAttribute('data-ok'), 'false');
  assert.match(await page.locator('li.step[data-step="first-sync"] .core-error').textContent() ?? '', /NOT NULL constraint failed: todo\.created_at/);
  assert.match(await page.locator('.panel-status').textContent() ?? '', /Built .* in \d+ ms/);
  // The sync chain, drawn from the server's report: the planted createdAt breaks it.
  assert.equal(await page.locator('section.chain').count(), 3);
  assert.ok(await page.locator('section.chain[data-raw-table="todo"] tr[data-chain-key="createdAt"] td.chain-break').count() > 0, 'the createdAt break shows');
  await page.screenshot({ path: path.join(ARTIFACTS, 'preview-panel.png'), fullPage: false });

  // The console: a query through the server, its rows in a table.
  const consoleSection = page.locator('section#console');
  await consoleSection.locator('textarea.console-input').fill('SELECT id, name FROM todo_list ORDER BY id LIMIT 3');
  await consoleSection.locator('button.console-run').click();
  await consoleSection.locator('table.console-table').waitFor();
  assert.deepEqual(await consoleSection.locator('table.console-table th').allTextContents(), ['id', 'name']);
  assert.equal(await consoleSection.locator('table.console-table tbody tr').count(), 3);
  assert.ok(panel.posted.some((m) => m.type === 'query' && m.sql.startsWith('SELECT id, name FROM todo_list')));
  // SQLite's own error for SQL it rejects.
  await consoleSection.locator('textarea.console-input').fill('SELECT * FROM no_such_table');
  await consoleSection.locator('textarea.console-input').press('Control+Enter');
  await consoleSection.locator('.console-error').waitFor();
  assert.match(await consoleSection.locator('.console-error').textContent() ?? '', /no such table: no_such_table/);
  await consoleSection.screenshot({ path: path.join(ARTIFACTS, 'preview-panel-console.png') });

  // A declaration's place opens it in the editor (the extension receives where).
  await page.locator('section.table-card[data-table="todo"] .source-link').first().click();
  const open = panel.posted.find((m) => m.type === 'open');
  assert.ok(open && open.type === 'open', JSON.stringify(panel.posted));
  assert.match(open.file, /TodoEntity\.kt$/);
  assert.ok(open.line > 0);

  // The state VS Code keeps for the serializer: which app, the console text and its history.
  const state = await panel.state();
  assert.equal(state?.uri, appUri);
  assert.equal(state?.consoleSql, 'SELECT * FROM no_such_table');
  assert.deepEqual(state?.history?.slice(0, 2), ['SELECT * FROM no_such_table', 'SELECT id, name FROM todo_list ORDER BY id LIMIT 3']);

  assert.equal(await injectedScriptRuns(page), false, 'an un-nonced inline script ran');
  const violations = await cspViolations(page);
  assert.equal(violations.length, 1, violations.join('\n'));
  assert.match(violations[0], /^script-src/);
  assert.deepEqual(panel.pageErrors, []);
  assert.deepEqual(panel.otherRequests, [], 'the panel made a request of its own');
});

test('a reopened panel restores its console text from the saved state and rebuilds on request', needsChromium(), async (t) => {
  const panel = await panelOnExample(t, 'todo-app-fixed', (appUri) => ({ uri: appUri, consoleSql: 'SELECT count(*) FROM ps_crud', history: ['SELECT count(*) FROM ps_crud'] }));
  const { page } = panel;
  await page.locator('section.table-card').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('textarea.console-input').inputValue(), 'SELECT count(*) FROM ps_crud');
  assert.equal(await page.locator('li.step[data-ok="false"]').count(), 0, 'the fixed app simulates cleanly');
  await page.locator('button.panel-refresh').click();
  await page.waitForFunction(() => document.querySelector('.panel-status')?.textContent?.startsWith('Built') === true && document.querySelectorAll('section.table-card').length > 0);
  assert.equal(panel.posted.filter((m) => m.type === 'refresh').length, 1);
  assert.deepEqual(panel.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(panel.otherRequests, []);
});
