// The real-editor tests, in VS Code 1.100 served by code-server and driven in headless Debian
// chromium by playwright-core (both installed into .e2e/ by scripts/e2e-install.sh):
//   A. the extension-host suite (test/vscode/suite/) run in code-server's Node extension host
//      through the `payload` URL, with the repository as the extension under development;
//   B. the packaged VSIX installed with `code-server --install-extension`, the example app opened
//      in the browser, the Problems panel checked for every rule id the CLI reports, a quick fix
//      applied through the UI, the Database Preview, the Get started walkthrough run step by step,
//      screenshots saved to test-artifacts/.
// Usage: node test/vscode/run-code-server.mjs [--suite-only | --vsix-only]   (VSIX: RAWSYNC_VSIX or ./rawsync.vsix)
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { bundleSuite, repoRoot, suiteBundle } from './bundle-suite.mjs';

const E2E = path.join(repoRoot, '.e2e');
const TOOLS = path.join(E2E, 'tools');
const RUN = path.join(E2E, 'run');
const ARTIFACTS = path.join(repoRoot, 'test-artifacts');
const EXAMPLE = path.join(repoRoot, 'examples', 'todo-app');
const SUITE_PREFIX = '[rawsync-suite] ';
const args = new Set(process.argv.slice(2));
const runSuite = !args.has('--vsix-only');
const runVsix = !args.has('--suite-only');
const codeServerBin = path.join(TOOLS, 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(codeServerBin) || !existsSync(path.join(TOOLS, 'node_modules', 'playwright-core')) || !existsSync(chromiumPath)) {
  console.error('e2e: code-server, playwright-core or chromium is missing; run `bash scripts/e2e-install.sh` first');
  process.exit(1);
}
const { chromium } = createRequire(path.join(TOOLS, 'package.json'))('playwright-core');

// code-server, chromium and playwright write to $HOME, the XDG folders and $TMPDIR: keep them here.
rmSync(RUN, { recursive: true, force: true });
const home = path.join(RUN, 'home');
for (const dir of ['home/.config', 'home/.local/share', 'home/.cache', 'tmp', 'cs-data/user/User', 'cs-data/ext']) mkdirSync(path.join(RUN, dir), { recursive: true });
Object.assign(process.env, {
  HOME: home,
  XDG_CONFIG_HOME: path.join(home, '.config'),
  XDG_DATA_HOME: path.join(home, '.local', 'share'),
  XDG_CACHE_HOME: path.join(home, '.cache'),
  TMPDIR: path.join(RUN, 'tmp'),
});
// The same quiet, offline settings the activation bench uses (code-server-settings.json).
cpSync(path.join(repoRoot, 'test', 'vscode', 'code-server-settings.json'), path.join(RUN, 'cs-data', 'user', 'User', 'settings.json'));
const codeServerArgs = [
  '--config', path.join(RUN, 'cs-data', 'config.yaml'),
  '--user-data-dir', path.join(RUN, 'cs-data', 'user'),
  '--extensions-dir', path.join(RUN, 'cs-data', 'ext'),
];
mkdirSync(ARTIFACTS, { recursive: true });

let passed = 0;
let failed = 0;
function record(name, error) {
  if (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
  } else {
    passed++;
    console.log(`ok - ${name}`);
  }
}
async function check(name, body) {
  try {
    await body();
    record(name);
    return true;
  } catch (error) {
    record(name, error);
    return false;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function copyExample(name) {
  const dir = path.join(RUN, 'ws', name);
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** Starts code-server in its own process group (so stopping it stops its extension hosts too). */
async function startCodeServer() {
  const port = await freePort();
  writeFileSync(path.join(RUN, 'cs-data', 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(RUN, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(codeServerBin, [
    ...codeServerArgs,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  ], { detached: true, stdio: ['ignore', out, out] });
  // However this runner ends (a signal, a closed stdout), code-server and its hosts end with it.
  process.on('exit', () => { if (child.exitCode === null) try { process.kill(-child.pid, 'SIGKILL'); } catch {} });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz in 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    base,
    logFile,
    stop() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} resolve(); }, 10_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        try { process.kill(-child.pid, 'SIGTERM'); } catch { clearTimeout(timer); resolve(); }
      });
    },
  };
}

async function launchBrowser(name) {
  return chromium.launchPersistentContext(path.join(RUN, `chrome-${name}`), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A. The suite in the Node extension host; its exit code comes through window.codeAutomationExit. */
async function extensionHostSuite(server) {
  const workspace = copyExample('suite');
  await bundleSuite();
  const context = await launchBrowser('suite');
  try {
    const page = context.pages()[0] ?? await context.newPage();
    let counts;
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    page.on('console', (message) => {
      const text = message.text();
      const at = text.indexOf(SUITE_PREFIX);
      if (at < 0) return;
      const line = text.slice(at + SUITE_PREFIX.length).replace(/\s+color:[^]*$/, '');
      console.log(`  suite: ${line}`);
      const summary = /^(\d+) passed, (\d+) failed/.exec(line);
      if (summary) counts = { passed: Number(summary[1]), failed: Number(summary[2]) };
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(suiteBundle)],
    ]);
    await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 300_000))]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-host-suite.png') }).catch(() => {});
    if (code === 'timeout') {
      record('extension-host suite finished', new Error('no codeAutomationExit within 300 s'));
    } else if (!counts) {
      record('extension-host suite printed its counts', new Error(`exit code ${code}, no "N passed, N failed" line`));
    } else {
      passed += counts.passed;
      failed += counts.failed;
      if (code !== 0 && counts.failed === 0) record('extension-host suite exit code', new Error(`exit code ${code}`));
    }
  } finally {
    await context.close();
  }
}

/** The rule ids and files the CLI reports for a workspace: what the Problems panel must show. */
function cliFindings(workspace) {
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', workspace, '--format', 'json'], { encoding: 'utf8' });
  } catch (error) {
    stdout = error.stdout; // exit 1 means error-level findings, which the example app has
  }
  return JSON.parse(stdout).findings;
}

/** The problems the Problems panel renders: source, code (the rule id) and message of each row. */
async function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows
    .filter((row) => row.querySelector('.marker-source'))
    .map((row) => ({
      source: row.querySelector('.marker-source')?.textContent ?? '',
      code: row.querySelector('.marker-code')?.textContent ?? '',
      line: row.querySelector('.marker-line')?.textContent ?? '',
      message: row.querySelector('.marker-message')?.textContent ?? '',
    })));
}

function rawsyncRow(rule) {
  return (row) => row.source === 'rawsync' && row.code === rule;
}

async function waitFor(what, predicate, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  try {
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  } catch (error) {
    const shot = path.join(ARTIFACTS, 'failed-command.png');
    await page.screenshot({ path: shot }).catch(() => {});
    throw new Error(`the command palette has no "${title}" (screenshot: ${path.relative(repoRoot, shot)})`, { cause: error });
  }
  await page.keyboard.press('Enter');
}

/** B. The VSIX as a user installs it, the example app in the browser, the Problems panel. */
async function installedVsix(server) {
  const vsix = path.resolve(process.env.RAWSYNC_VSIX ?? path.join(repoRoot, 'rawsync.vsix'));
  const installed = await check('code-server --install-extension installs the VSIX', async () => {
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing; run npm run package first`);
    const output = execFileSync(codeServerBin, [...codeServerArgs, '--install-extension', vsix], { encoding: 'utf8' });
    if (!/successfully installed/.test(output)) throw new Error(output);
    const list = execFileSync(codeServerBin, [...codeServerArgs, '--list-extensions', '--show-versions'], { encoding: 'utf8' });
    const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
    if (!list.includes(`rawsync.rawsync@${version}`)) throw new Error(`not listed: ${list}`);
  });
  if (!installed) return;

  const workspace = copyExample('vsix');
  const findings = cliFindings(workspace);
  const expectedRules = [...new Set(findings.map((f) => f.rule))].sort();
  console.log(`  the CLI reports ${findings.length} findings: ${expectedRules.join(', ')}`);
  const context = await launchBrowser('vsix');
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`);
    const opened = await check('the workbench opens the example app', async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    });
    if (!opened) return;

    await check('the Problems panel lists every rule id the CLI reports', async () => {
      await runCommand(page, 'Problems: Focus on Problems View');
      await page.locator('.markers-panel').waitFor({ timeout: 30_000 });
      await runCommand(page, 'View: Toggle Maximized Panel');
      const rows = await waitFor(`rows with ${expectedRules.join(', ')}`, async () => {
        const shown = await problemRows(page);
        return expectedRules.every((rule) => shown.some(rawsyncRow(rule))) ? shown : undefined;
      }).catch(async (error) => {
        const shown = await problemRows(page);
        throw new Error(`${error.message}\n  rows: ${shown.map((r) => `${r.source}(${r.code}) ${r.line}`).join('\n        ')}`);
      });
      const rawsyncRows = rows.filter((r) => r.source === 'rawsync');
      console.log(`  Problems panel: ${rawsyncRows.length} rawsync problems shown: ${[...new Set(rawsyncRows.map((r) => r.code))].sort().join(', ')}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'problems-panel.png') });
    });

    await check('a quick fix applied through the UI removes its problem', async () => {
      await runCommand(page, 'View: Toggle Maximized Panel');
      const fkRow = page.locator('.markers-panel .monaco-list-row').filter({ has: page.locator('.marker-code', { hasText: /^fk-not-deferrable$/ }) }).first();
      await fkRow.click(); // opens TodoEntity.kt with the problem's range selected
      await waitFor('TodoEntity.kt to be the active editor', async () => (await page.locator('.tab.active').first().textContent())?.includes('TodoEntity.kt'));
      await runCommand(page, 'View: Focus Active Editor Group');
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Make the foreign key deferred' }).first();
      await fix.waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'quick-fix-menu.png') });
      // The menu takes keys, not clicks (a pointer block covers it): move the focus to the fix, then Enter.
      for (let i = 0; i < 10 && !((await page.locator('.action-widget .monaco-list-row.focused').textContent().catch(() => '')) ?? '').includes('Make the foreign key deferred'); i++) {
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await waitFor('the fk-not-deferrable row to go', async () => !(await problemRows(page)).some(rawsyncRow('fk-not-deferrable')));
      const text = await page.locator('.editor-group-container.active .view-lines').first().textContent();
      if (!/deferred\s*=\s*true/.test(text ?? '')) throw new Error('the editor does not show deferred = true');
      await page.mouse.move(5, 5); // no hover in the screenshot
      await page.screenshot({ path: path.join(ARTIFACTS, 'after-quick-fix.png') });
    });

    await check('the language status item shows the files indexed and the last check', async () => {
      await page.locator('[id="status.languageStatus"]').click();
      const hover = page.locator('.hover-language-status', { hasText: 'Rawsync' }).first();
      await hover.waitFor({ timeout: 15_000 });
      const text = (await hover.textContent()) ?? '';
      if (!/files indexed/.test(text) || !/checked in \d+ ms/.test(text)) throw new Error(`language status: ${text}`);
      console.log(`  language status: ${text.replace(/\s+/g, ' ').trim()}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'language-status.png') });
    });

    await check('the Database Preview panel draws the example app and runs the console', async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Go to File...');
      await page.keyboard.type('AppDatabase.kt');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'AppDatabase.kt' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await waitFor('AppDatabase.kt to be the active editor', async () => (await page.locator('.tab.active').first().textContent())?.includes('AppDatabase.kt'));
      const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Preview database' }).first();
      await lens.waitFor({ timeout: 30_000 });
      await lens.click();
      const frame = await waitFor('the panel webview with its tables', async () => {
        for (const f of page.frames()) {
          const cards = await f.locator('section.table-card').count().catch(() => 0);
          if (cards > 0) return f;
        }
        return undefined;
      });
      const tables = await frame.locator('section.table-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-table')).sort());
      if (tables.join(',') !== 'profile,todo,todo_list') throw new Error(`tables: ${tables.join(', ')}`);
      const edges = await frame.locator('svg.er-diagram g.er-edge path').count();
      if (edges !== 2) throw new Error(`diagram edges: ${edges}`);
      const failed = await frame.locator('li.step[data-ok="false"]').count();
      if (failed === 0) throw new Error('no failed step for the planted mistakes');
      // The sync chain: todo's card, with the planted createdAt break in red.
      const chain = frame.locator('section.chain[data-raw-table="todo"]');
      await chain.scrollIntoViewIfNeeded();
      if (!(await chain.isVisible())) throw new Error('the sync chain of todo is not visible');
      const createdAt = chain.locator('tr[data-chain-key="createdAt"] td.chain-break[data-link="output"]');
      if (!(await createdAt.isVisible())) throw new Error('the createdAt break is not drawn in the chain');
      const breakColor = await createdAt.evaluate((td) => getComputedStyle(td).color);
      const breakBackground = await createdAt.evaluate((td) => getComputedStyle(td).backgroundColor);
      if (breakBackground === 'rgba(0, 0, 0, 0)') throw new Error('the createdAt break has no background');
      await page.mouse.move(5, 300);
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-panel-vscode-chain.png') });
      console.log(`  Database Preview: the sync chain shows, the createdAt break in ${breakColor} on ${breakBackground}`);
      await frame.locator('section#summary').scrollIntoViewIfNeeded();
      // The editor and the panel side by side, without the Problems panel and the explorer.
      for (const command of ['View: Toggle Panel Visibility', 'View: Toggle Primary Side Bar Visibility']) {
        await runCommand(page, command).catch(() => page.keyboard.press('Escape'));
      }
      await page.mouse.move(5, 300);
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-panel-vscode.png') });
      await frame.locator('section#console textarea.console-input').fill('SELECT count(*) AS rows FROM todo_list');
      await frame.locator('section#console button.console-run').click();
      await frame.locator('section#console table.console-table').waitFor({ timeout: 30_000 });
      const cell = await frame.locator('section#console table.console-table tbody td').first().textContent();
      if (!(Number(cell) > 0)) throw new Error(`console answer: ${cell}`);
      await frame.locator('section#console').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-panel-vscode-console.png') });
      console.log(`  Database Preview: tables ${tables.join(', ')}, ${failed} failed steps, console counted ${cell} todo_list rows`);
    });

    await check('the Get started walkthrough opens, and each step\'s button runs its command and checks the step off', async () => {
      await walkthroughSteps(page);
    });
  } finally {
    await context.close();
  }
}

/** Picks the quick pick's row by its label (a click: the page behind may hold the keyboard focus). */
async function pickRow(page, label) {
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/** The frame of a webview (the Database Preview, the Markdown preview, a walkthrough's media) holding `selector`. */
async function frameWith(page, what, selector, hasText) {
  return waitFor(what, async () => {
    for (const f of page.frames()) {
      const found = await f.locator(selector, hasText ? { hasText } : undefined).count().catch(() => 0);
      if (found > 0) return f;
    }
    return undefined;
  });
}

/**
 * The walkthrough package.json contributes (rawsync.rawsync#getStarted), opened as a user does,
 * through "Welcome: Open Walkthrough...": each step expanded and its button clicked, the step's
 * effect seen in the editor, and its checkbox checked by its completion event.
 */
async function walkthroughSteps(page) {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const walkthrough = pkg.contributes.walkthroughs[0];
  await page.keyboard.press('Escape');
  // The walkthrough opens in the first group, beside the Database Preview the check before left
  // open. (Closing that panel first would make the step create a new webview while the
  // walkthrough's media webview loads; code-server then, now and again, sends the new webview's
  // script requests to the network instead of its service worker, and the panel never draws.)
  await runCommand(page, 'View: Focus First Editor Group');
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: walkthrough.title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.type(walkthrough.title);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: walkthrough.title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const container = page.locator('.gettingStartedContainer');
  await container.locator('h2', { hasText: walkthrough.title }).first().waitFor({ timeout: 30_000 });
  const stepIds = await container.locator('button.getting-started-step').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-step-id')));
  const expected = walkthrough.steps.map((s) => `rawsync.rawsync#${walkthrough.id}#${s.id}`);
  if (stepIds.join(',') !== expected.join(',')) throw new Error(`walkthrough steps: ${stepIds.join(', ')}; expected ${expected.join(', ')}`);
  const checked = (stepId) => container.locator(`[data-done-step-id="${stepId}"]`).first().getAttribute('aria-checked', { timeout: 5_000 });
  const walkthroughTab = pkg.displayName;
  for (const stepId of expected) if ((await checked(stepId)) !== 'false') throw new Error(`${stepId} is checked before its command ran`);
  // The first step's media (its markdown page) renders beside the steps.
  await frameWith(page, 'the first step\'s media page', 'h1', 'The database your code will produce');
  await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough.png') });

  /** Expands a step, clicks its button, runs `then` (the effect), and waits for the step's checkbox. */
  async function runStep(stepId, button, then) {
    await container.locator(`button.getting-started-step[data-step-id="${stepId}"]`).click();
    const description = container.locator(`[x-step-description-for="${stepId}"]`);
    await description.locator('.monaco-button', { hasText: button }).first().click();
    try {
      await then();
      // What the step opened may cover the walkthrough's tab: bring it back to read the checkbox.
      await page.locator('.tabs-container .tab', { hasText: `Walkthrough: ${walkthroughTab}` }).first().click();
      await waitFor(`${stepId} to be checked off`, async () => (await checked(stepId).catch(() => undefined)) === 'true', 15_000);
    } catch (error) {
      const shot = path.join(ARTIFACTS, 'walkthrough-failed.png');
      await page.screenshot({ path: shot }).catch(() => {});
      throw new Error(`step ${stepId}: ${error.message} (screenshot: ${path.relative(repoRoot, shot)})`, { cause: error });
    }
  }

  const [previewStep, fixStep, docStep] = expected;
  /** The Database Preview's "Built <time> in <n> ms", if a drawn preview is open. */
  const previewBuilt = async () => {
    for (const f of page.frames()) {
      if ((await f.locator('section.table-card').count().catch(() => 0)) === 0) continue;
      return (await f.locator('.panel-status').first().textContent().catch(() => undefined)) ?? undefined;
    }
    return undefined;
  };
  const builtBefore = await previewBuilt();
  await runStep(previewStep, 'Preview Database', async () => {
    // The command brings the panel forward and builds the preview again: a new "Built" line.
    await waitFor('a Database Preview built by the step', async () => {
      const built = await previewBuilt();
      return built !== undefined && /^Built /.test(built) && built !== builtBefore;
    });
    const frame = await frameWith(page, 'the Database Preview with its tables', 'section.table-card');
    const tables = await frame.locator('section.table-card').count();
    if (tables !== 3) throw new Error(`the preview shows ${tables} tables`);
  });
  await runStep(fixStep, 'Fix All in File', async () => {
    // The walkthrough, not a file, is the active editor: the command asks which file to fix.
    await pickRow(page, 'PowerSyncSchema.kt');
    await waitFor('PowerSyncSchema.kt to be shown', async () => (await page.locator('.tab.active', { hasText: 'PowerSyncSchema.kt' }).count()) > 0);
    await waitFor('the fixed put in the editor', async () => (await page.locator('.editor-group-container .view-lines', { hasText: /ON\s+CONFLICT\(id\)\s+DO\s+UPDATE\s+SET/ }).count()) > 0);
    await runCommand(page, 'Problems: Focus on Problems View');
    await waitFor('the put-not-upsert problem to go', async () => {
      const rows = await problemRows(page);
      return rows.some((r) => r.source === 'rawsync') && !rows.some(rawsyncRow('put-not-upsert'));
    });
    await runCommand(page, 'View: Toggle Panel Visibility');
  });
  await runStep(docStep, 'Open Rule Page', async () => {
    await pickRow(page, /^put-not-upsert$/);
    await frameWith(page, 'the rule page in the Markdown preview', 'h1', 'put-not-upsert');
  });
  await page.mouse.move(5, 5);
  await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough-done.png') });
  console.log(`  walkthrough ${walkthrough.id}: ${expected.length} steps run and checked off`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(1));
process.stdout.on('error', () => process.exit(1));

const started = Date.now();
const guard = setTimeout(() => {
  console.error('e2e: gave up after 10 minutes');
  process.exit(1);
}, 600_000);
let server;
try {
  server = await startCodeServer();
  console.log(`e2e: code-server on ${server.base} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (runSuite) {
    console.log('e2e: A. extension-host suite in code-server');
    const t = Date.now();
    await extensionHostSuite(server).catch((error) => record('extension-host suite', error));
    console.log(`e2e: A took ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  if (runVsix) {
    console.log('e2e: B. the VSIX installed in code-server');
    const t = Date.now();
    await installedVsix(server).catch((error) => record('VSIX in code-server', error));
    console.log(`e2e: B took ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  record('code-server starts', error);
} finally {
  await server?.stop();
  clearTimeout(guard);
}
if (failed > 0 && server) console.log(`e2e: code-server log: ${server.logFile}`);
console.log(`e2e: done in ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in test-artifacts/`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
