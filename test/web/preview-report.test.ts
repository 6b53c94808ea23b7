import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, cspViolations, injectedScriptRuns, launchChromium as launch, needsChromium, recordCspViolations } from '../support/chromium';
import { runCli } from '../support/cli';
import { repoRoot } from '../support/paths';
import { embeddedJson } from '../../server/src/cli/preview-html';
import type { PreviewReport } from '../../server/src/engine/preview-report';

/** The report is served from this made-up origin by the test's own route: nothing reaches a network. */
const REPORT_URL = 'http://rawsync-report.invalid/report.html';

/** Every file under a folder with its size and mtime, to prove the preview wrote none of them. */
function fileStamps(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) fileStamps(full, out);
    else out.set(full, `${stat.size}:${stat.mtimeMs}`);
  }
  return out;
}

interface RenderedReport {
  page: Page;
  report: PreviewReport;
  html: string;
  /** Requests other than the report itself (each was aborted). */
  otherRequests: string[];
  pageErrors: string[];
}

/** Writes the app's report with the CLI and opens it in a page whose every request is routed. */
async function renderReport(browser: Browser, app: string, outDir: string): Promise<RenderedReport> {
  const appDir = path.join(repoRoot(), 'examples', app);
  const before = fileStamps(appDir);
  const out = path.join(outDir, `${app}.html`);
  const result = runCli(['preview', `examples/${app}`, '--out', out]);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(fileStamps(appDir), before, 'the preview wrote into the app');
  const html = readFileSync(out, 'utf8');
  const json = runCli(['preview', `examples/${app}`, '--format', 'json']);
  assert.equal(json.status, 0, json.stderr);
  const report = JSON.parse(json.stdout) as PreviewReport;

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const otherRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.route('**/*', async (route) => {
    if (route.request().url() === REPORT_URL) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else {
      otherRequests.push(route.request().url());
      await route.abort();
    }
  });
  page.on('request', (request) => {
    if (request.url() !== REPORT_URL && !otherRequests.includes(request.url())) otherRequests.push(request.url());
  });
  await recordCspViolations(page);
  await page.goto(REPORT_URL, { waitUntil: 'load' });
  return { page, report, html, otherRequests, pageErrors };
}


test('embedded JSON cannot end its script element and reads back the same', () => {
  const hostile = { sql: '</script><script>alert(1)</script>', line: 'a\u2028b' };
  const text = embeddedJson(hostile);
  assert.ok(!text.includes('<'), text);
  assert.deepEqual(JSON.parse(text), hostile);
});

test('the HTML report of examples/todo-app renders in Chromium under a strict CSP, offline', needsChromium(), async () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'rawsync-report-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launch();
  try {
    const { page, report, html, otherRequests, pageErrors } = await renderReport(browser, 'todo-app', outDir);

    // The file: a CSP meta with a nonce, and every executable script carrying that nonce.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, `no script nonce in the CSP: ${csp}`);
    assert.match(csp, /^default-src 'none';/);
    assert.ok(csp.includes(`style-src 'nonce-${nonce}'`), csp);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 2);
    for (const attributes of scripts) {
      assert.ok(attributes.includes('type="application/json"') || attributes.includes(`nonce="${nonce}"`), attributes);
    }

    // Every table: a card in the tables view and a box in the diagram.
    const tableNames = report.schema.tables.map((t) => t.name);
    assert.deepEqual(tableNames.sort(), ['profile', 'todo', 'todo_list']);
    for (const name of tableNames) {
      assert.equal(await page.locator(`section.table-card[data-table="${name}"]`).count(), 1, `table card ${name}`);
      assert.equal(await page.locator(`svg.er-diagram g.er-table[data-table="${name}"]`).count(), 1, `diagram box ${name}`);
    }
    assert.equal(await page.locator('svg.er-diagram g.er-table').count(), tableNames.length);
    // Per column sync state: todo.local_notes and profile.is_favorite are local-only.
    assert.equal(await page.locator('section.table-card[data-table="todo"] tr[data-column="local_notes"] .sync-local-only').count(), 1);
    assert.equal(await page.locator('section.table-card[data-table="todo"] tr[data-column="title"] .sync-synced').count(), 1);
    assert.equal(await page.locator('section.table-card[data-table="profile"] tr[data-column="is_favorite"] .sync-local-only').count(), 1);

    // The diagram: one edge per foreign key, drawn, the immediate one marked.
    const edges = await page.locator('svg.er-diagram g.er-edge').evaluateAll((gs) => gs.map((g) => ({
      child: g.getAttribute('data-child'),
      parent: g.getAttribute('data-parent'),
      immediate: g.classList.contains('er-edge-immediate'),
      drawn: (g.querySelector('path')?.getAttribute('d') ?? '').split('L').length >= 2,
    })));
    assert.deepEqual(edges.sort((a, b) => String(a.child).localeCompare(String(b.child))), [
      { child: 'todo', parent: 'todo_list', immediate: true, drawn: true },
      { child: 'todo_list', parent: 'profile', immediate: false, drawn: true },
    ]);
    const boxes = await page.locator('svg.er-diagram g.er-table').evaluateAll((gs) => gs.map((g) => {
      const box = (g as SVGGElement).getBBox();
      return { width: box.width, height: box.height };
    }));
    for (const box of boxes) assert.ok(box.width > 50 && box.height > 50, JSON.stringify(box));

    // Each raw table's mapping.
    for (const rt of report.schema.rawTables) {
      assert.equal(await page.locator(`section.mapping[data-raw-table="${rt.name}"]`).count(), 1, `mapping ${rt.name}`);
    }

    // The sync chain: a card per raw table, the createdAt break in red with why, the server's columns in the rows sent.
    for (const rt of report.schema.rawTables) {
      assert.equal(await page.locator(`section.chain[data-raw-table="${rt.name}"][data-known="true"]`).count(), 1, `chain ${rt.name}`);
    }
    const todoChain = page.locator('section.chain[data-raw-table="todo"]');
    const notSent = todoChain.locator('tr.chain-row[data-chain-key="createdAt"] td.chain-break[data-link="output"]');
    assert.equal(await notSent.count(), 1);
    assert.match(await notSent.getAttribute('title') ?? '', /sends no 'createdAt' for 'todo'/);
    assert.equal(await notSent.evaluate((td) => getComputedStyle(td).color), 'rgb(207, 34, 46)', 'a break is red');
    assert.equal(await todoChain.locator('tr.chain-row[data-chain-key="created_at"] td.chain-break[data-link="put"]').count(), 1);
    assert.equal(await todoChain.locator('tr.chain-row[data-chain-key="title"] td.chain-break[data-link="output"]').count(), 0);
    assert.deepEqual(await todoChain.locator('.chain-samples[data-source="sync-config"] thead th').allTextContents(),
      ['id', 'list_id', 'title', 'description', 'completed', 'created_at']);
    const brokenCount = report.chains.reduce((n, c) => n + (c.rows ?? []).reduce((m, r) => m + r.breaks.length, 0), 0);
    assert.equal(brokenCount, 18);
    assert.match(await page.locator('#summary .counts').textContent() ?? '', new RegExp(`${brokenCount} broken links`));
    await page.locator('section#chains').screenshot({ path: path.join(ARTIFACTS, 'preview-report-chain.png') });

    // The simulation: every step, and the planted failures with the core's text.
    assert.equal(await page.locator('li.step').count(), report.simulation.steps.length);
    const firstSync = page.locator('li.step[data-step="first-sync"]');
    assert.equal(await firstSync.getAttribute('data-ok'), 'false');
    assert.equal(await firstSync.locator('.failure-kind').textContent(), 'NOT NULL');
    assert.match(await firstSync.locator('.core-error').textContent() ?? '', /NOT NULL constraint failed: todo\.created_at/);
    assert.equal(await page.locator('li.step[data-step="first-sync-without-failing"]').getAttribute('data-ok'), 'true');
    assert.ok(await page.locator('li.step[data-ok="true"]').count() > 0, 'passing steps show too');
    assert.ok(await page.locator('.outcome-local-only-reset').count() > 0, 'the REPLACE reset of a local-only column shows');

    assert.deepEqual(pageErrors, []);
    assert.deepEqual(await cspViolations(page), []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-report.png'), fullPage: true });
    await page.locator('.diagram-frame').screenshot({ path: path.join(ARTIFACTS, 'preview-report-diagram.png') });

    // An injected script without the nonce must not run, and the CSP must say so.
    assert.equal(await injectedScriptRuns(page), false, 'an un-nonced inline script ran');
    const violations = await cspViolations(page);
    assert.equal(violations.length, 1, violations.join('\n'));
    assert.match(violations[0], /^script-src/);

    assert.deepEqual(otherRequests, [], 'the report made a network request');
    await page.close();
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('the HTML report of examples/todo-app-fixed shows a clean simulation', needsChromium(), async () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'rawsync-report-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launch();
  try {
    const { page, report, otherRequests, pageErrors } = await renderReport(browser, 'todo-app-fixed', outDir);
    assert.equal(await page.locator('li.step').count(), report.simulation.steps.length);
    assert.equal(await page.locator('li.step[data-ok="false"]').count(), 0);
    assert.equal(await page.locator('.all-good').count(), 1);
    assert.equal(await page.locator('svg.er-diagram g.er-edge-immediate').count(), 0);
    assert.equal(await page.locator('section.chain[data-known="true"]').count(), 3);
    assert.equal(await page.locator('section.chain td.chain-break').count(), 0, 'no link of the fixed app breaks');
    assert.equal(await page.locator('svg.er-diagram g.er-edge-deferred').count(), 2);
    assert.ok(await page.locator('section.table-card[data-table="todo"] .subsection li').count() >= 3, 'the triggers show');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(otherRequests, []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-report-fixed.png'), fullPage: true });
    await page.close();
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
});
