// Extension activation time and VSIX size (issue 12: activation ≤ 150 ms, VSIX ≤ 8 MB).
//
// VSIX: the size of rawsync.vsix (RAWSYNC_VSIX), made with `npm run package` when it is missing or
// ACTIVATION_PACKAGE=1 (bench/all.ts sets it); that also leaves dist/ built for production.
//
// Activation, measured on the extension as the VSIX ships it (unpacked into a scratch folder):
//   1. in the real editor when it is installed here: code-server (VS Code 1.100) with the VSIX
//      installed, the example app opened in headless chromium (playwright-core), and the figure
//      VS Code itself shows in "Developer: Show Running Extensions" (code loading + the activate
//      call until it returns its promise); the extension host's log gives the activation event.
//      Tools come from RAWSYNC_E2E_TOOLS (default .e2e/tools, see scripts/e2e-install.sh) and
//      CHROMIUM_PATH (default /usr/bin/chromium); ACTIVATION_EDITOR=0 skips this part.
//   2. always, in a plain Node process with a stub of the `vscode` module: require of
//      dist/extension.js, the activate call until it returns, and until its promise resolves
//      (the language server started and initialized). The stub's API calls cost nearly nothing,
//      so this is a floor of what the editor measures, not the editor's figure.
// Usage: node bench/run.mjs activation [runs=5]
// Prints human-readable lines, then one JSON line (bench/all.ts collects it).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const ROOT = path.join(__dirname, '..', '..');
const SCRATCH = path.join(os.tmpdir(), 'rawsync-bench-activation');
const EXAMPLE = path.join(ROOT, 'examples', 'todo-app-fixed');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const round1 = (n: number) => Math.round(n * 10) / 10;

interface StubRun { requireMs: number; activateCallMs: number; activateResolvedMs: number; serverRunning: boolean }

if (process.argv[2] === '--stub-child') {
  void stubChild(process.argv[3], process.argv[4]).then(
    (run) => {
      console.log(JSON.stringify(run));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  // Stopped from outside: still stop code-server and chromium (the 'exit' handlers do).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(1));
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const loadBefore = os.loadavg()[0];
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });

  // VSIX size.
  let vsix = path.resolve(process.env.RAWSYNC_VSIX ?? path.join(ROOT, 'rawsync.vsix'));
  let packaged = false;
  if (!existsSync(vsix) || (process.env.ACTIVATION_PACKAGE === '1' && !process.env.RAWSYNC_VSIX)) {
    console.log(`npm run package${existsSync(vsix) ? '' : ` (${path.relative(ROOT, vsix)} is missing)`}`);
    const run = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}\n${run.stderr}`);
    vsix = path.join(ROOT, 'rawsync.vsix');
    packaged = true;
  }
  const vsixBytes = statSync(vsix).size;
  const ageMin = (Date.now() - statSync(vsix).mtimeMs) / 60_000;
  console.log(`VSIX: ${vsix} ${(vsixBytes / 1e6).toFixed(2)} MB (${vsixBytes} bytes), ${packaged ? 'packaged now' : `made ${ageMin.toFixed(0)} min ago`}`);
  const unpacked = path.join(SCRATCH, 'vsix');
  execFileSync('unzip', ['-q', '-o', vsix, '-d', unpacked]);
  const extensionDir = path.join(unpacked, 'extension');
  const bundleBytes = statSync(path.join(extensionDir, 'dist', 'extension.js')).size;
  const workspace = path.join(SCRATCH, 'ws', 'todo-app-fixed');
  cpSync(EXAMPLE, workspace, { recursive: true });

  // 1. The real editor, when it is here.
  const editor = await editorActivation(vsix, workspace, runs).catch((error: unknown) => ({ skipped: `failed: ${(error as Error)?.message ?? error}` }) as EditorResult);
  if ('skipped' in editor) console.log(`real editor: not measured (${editor.skipped})`);

  // 2. The stub, one fresh process per run (a cold require each time).
  const stubRuns: StubRun[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [__filename, '--stub-child', extensionDir, workspace], { encoding: 'utf8', timeout: 60_000 });
    const last = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !last.startsWith('{')) throw new Error(`stub activation failed (status ${child.status}):\n${child.stdout}\n${child.stderr}`);
    stubRuns.push(JSON.parse(last) as StubRun);
  }
  const notRunning = stubRuns.filter((r) => !r.serverRunning).length;
  if (notRunning > 0) console.log(`stub: in ${notRunning} of ${runs} runs the language client was not running after activate(); its promise time is not a server start`);
  const stub = {
    requireMs: round1(median(stubRuns.map((r) => r.requireMs))),
    activateCallMs: round1(median(stubRuns.map((r) => r.activateCallMs))),
    activateResolvedMs: round1(median(stubRuns.map((r) => r.activateResolvedMs))),
  };
  const stubActivationMs = round1(stub.requireMs + stub.activateCallMs);
  console.log(`stub of vscode, in Node (NOT the editor): ${runs} cold runs, medians: require dist/extension.js (${(bundleBytes / 1e3).toFixed(0)} KB) ${stub.requireMs} ms, activate() returns after ${stub.activateCallMs} ms, its promise resolves (server started and initialized) after ${stub.activateResolvedMs} ms; require + call ${stubActivationMs} ms`);

  const loadAfter = os.loadavg()[0];
  console.log(`load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
  const measured = 'skipped' in editor ? undefined : editor;
  console.log(JSON.stringify({
    bench: 'activation',
    vsixBytes,
    vsixMb: round1(vsixBytes / 1e6),
    extensionBundleBytes: bundleBytes,
    // The figure compared with the target: the editor's when it ran, else the stub's (and `source` says which).
    activationMs: measured ? measured.activationMs : stubActivationMs,
    source: measured ? 'code-server' : 'stub',
    editor: measured ?? { skipped: (editor as { skipped: string }).skipped },
    stub: { ...stub, activationMs: stubActivationMs, runs: stubRuns.length },
    load: round1(loadBefore),
    loadAfter: round1(loadAfter),
  }));
}

// ---------------------------------------------------------------------------------------------
// The real editor: code-server + chromium + playwright-core.

type EditorResult =
  | { skipped: string }
  | { activationMs: number; runs: number[]; startup: boolean; activationEvent?: string; codeServer: string; hostLog?: string };

async function editorActivation(vsix: string, workspace: string, runs: number): Promise<EditorResult> {
  if (process.env.ACTIVATION_EDITOR === '0') return { skipped: 'ACTIVATION_EDITOR=0' };
  const tools = path.resolve(process.env.RAWSYNC_E2E_TOOLS ?? path.join(ROOT, '.e2e', 'tools'));
  const codeServerBin = path.join(tools, 'node_modules', '.bin', 'code-server');
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(codeServerBin)) return { skipped: `no code-server in ${tools} (bash scripts/e2e-install.sh, or set RAWSYNC_E2E_TOOLS)` };
  if (!existsSync(chromiumPath)) return { skipped: `no chromium at ${chromiumPath}` };
  // playwright-core: the project's own (a devDependency), else the one beside code-server.
  let playwright: typeof import('playwright-core') | undefined;
  for (const from of [ROOT, tools]) {
    try {
      playwright = createRequire(path.join(from, 'package.json'))('playwright-core') as typeof import('playwright-core');
      break;
    } catch {
      // not there
    }
  }
  if (!playwright) return { skipped: `no playwright-core in ${ROOT} or ${tools}` };
  const { chromium } = playwright;
  const codeServerVersion = JSON.parse(readFileSync(path.join(tools, 'node_modules', 'code-server', 'package.json'), 'utf8')).version as string;

  // code-server, chromium and playwright write to $HOME, the XDG folders and $TMPDIR: keep them in the scratch folder.
  const run = path.join(SCRATCH, 'editor');
  const home = path.join(run, 'home');
  for (const dir of ['home/.config', 'home/.local/share', 'home/.cache', 'tmp', 'cs-data/user/User', 'cs-data/ext']) mkdirSync(path.join(run, dir), { recursive: true });
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: path.join(run, 'tmp'),
  };
  // The real-editor test's settings: quiet, offline, no trust prompt.
  cpSync(path.join(ROOT, 'test', 'vscode', 'code-server-settings.json'), path.join(run, 'cs-data', 'user', 'User', 'settings.json'));
  const port = await freePort();
  writeFileSync(path.join(run, 'cs-data', 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const csArgs = ['--config', path.join(run, 'cs-data', 'config.yaml'), '--user-data-dir', path.join(run, 'cs-data', 'user'), '--extensions-dir', path.join(run, 'cs-data', 'ext')];
  const installed = execFileSync(codeServerBin, [...csArgs, '--install-extension', vsix], { encoding: 'utf8', env });
  if (!/successfully installed/.test(installed)) throw new Error(`the VSIX did not install: ${installed}`);

  const logFile = path.join(run, 'code-server.log');
  const { openSync } = await import('node:fs');
  const out = openSync(logFile, 'a');
  const server = spawn(codeServerBin, [...csArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--log', 'trace',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'], { detached: true, stdio: ['ignore', out, out], env });
  const stopServer = () => { if (server.exitCode === null) try { process.kill(-server.pid!, 'SIGKILL'); } catch { /* gone */ } };
  process.on('exit', stopServer);
  const base = `http://127.0.0.1:${port}`;
  let context: import('playwright-core').BrowserContext | undefined;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}; see ${logFile}`);
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`code-server did not answer in 60 s; see ${logFile}`);
      await sleep(250);
    }
    context = await chromium.launchPersistentContext(path.join(run, 'chrome'), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      env,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? await context.newPage();
    const times: number[] = [];
    let startup = false;
    for (let i = 0; i < runs; i++) {
      // Each load of the page is a new window with its own extension host: a fresh activation.
      await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      const row = await runningExtensionRow(page);
      const match = /(Startup )?Activation: (\d+)ms/.exec(row);
      if (!match) throw new Error(`no activation time in the Running Extensions row: ${row}`);
      startup = match[1] !== undefined;
      times.push(Number(match[2]));
    }
    const hostLog = findHostLog(path.join(run, 'cs-data', 'user', 'logs'));
    const activationEvent = hostLog ? /_doActivateExtension rawsync\.rawsync, startup: \w+, activationEvent: '([^']*)'/.exec(readFileSync(hostLog, 'utf8'))?.[1] : undefined;
    const activationMs = median(times);
    console.log(`real editor (code-server ${codeServerVersion}, headless chromium): "Developer: Show Running Extensions" says ${startup ? 'Startup Activation' : 'Activation'} ${times.join(', ')} ms over ${runs} window loads; median ${activationMs} ms${activationEvent ? ` (activation event ${activationEvent})` : ''}`);
    return { activationMs, runs: times, startup, activationEvent, codeServer: codeServerVersion, hostLog: hostLog ? path.relative(SCRATCH, hostLog) : undefined };
  } finally {
    await context?.close().catch(() => undefined);
    stopServer();
  }
}

/** Opens Running Extensions and returns the text of Rawsync's row once it shows a time. */
async function runningExtensionRow(page: import('playwright-core').Page): Promise<string> {
  const deadline = Date.now() + 60_000;
  let last = '';
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    for (const text of await rows.allTextContents()) {
      if (/rawsync/i.test(text)) {
        last = text;
        if (/Activation: \d+ms/.test(text)) return text;
      }
    }
    await sleep(1000); // not activated yet, or the list is still filling
  }
  throw new Error(`Rawsync's row in Running Extensions shows no activation time: ${last || '(no row)'}`);
}

function findHostLog(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/exthost/i.test(name) && readFileSync(full, 'utf8').includes('_doActivateExtension rawsync.rawsync')) found.push(full);
    }
  };
  walk(dir);
  return found.sort().pop();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// The stub: require + activate in a plain Node process.

async function stubChild(extensionDir: string, workspace: string): Promise<StubRun> {
  const vscode = stubVscode(workspace);
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    extensionPath: extensionDir,
    extensionUri: vscode.Uri.file(extensionDir),
    asAbsolutePath: (p: string) => path.join(extensionDir, p),
    globalState: memento(),
    workspaceState: memento(),
    storageUri: undefined,
    globalStorageUri: vscode.Uri.file(path.join(SCRATCH, 'global-storage')),
    logUri: vscode.Uri.file(path.join(SCRATCH, 'logs')),
    extensionMode: 1,
    environmentVariableCollection: anything(),
    secrets: anything(),
  };
  const t0 = performance.now();
  const extension = createRequire(__filename)(path.join(extensionDir, 'dist', 'extension.js')) as {
    activate(context: unknown): Promise<unknown>;
    deactivate?(): Promise<void>;
  };
  const t1 = performance.now();
  const activated = extension.activate(context);
  const t2 = performance.now();
  const api = await activated as { client?: { isRunning(): boolean } };
  const t3 = performance.now();
  const serverRunning = api?.client?.isRunning() === true;
  // Stop the server (the client's shutdown waits for it to finish indexing); do not wait forever.
  await Promise.race([extension.deactivate?.(), sleep(10_000)]).catch(() => undefined);
  return { requireMs: t1 - t0, activateCallMs: t2 - t1, activateResolvedMs: t3 - t1, serverRunning };
}

function memento() {
  const values = new Map<string, unknown>();
  return { get: (k: string, d?: unknown) => (values.has(k) ? values.get(k) : d), update: async (k: string, v: unknown) => void values.set(k, v), keys: () => [...values.keys()], setKeysForSync: () => undefined };
}

/** Anything at all: every property, call and `new` gives another such value (but it is no promise, no iterable of values). */
function anything(): any {
  const values = new Map<string | symbol, unknown>();
  const handler: ProxyHandler<any> = {
    get(_target, prop) {
      if (values.has(prop)) return values.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () { /* empty */ };
      if (prop === Symbol.toPrimitive) return () => '';
      const value = anything();
      values.set(prop, value);
      return value;
    },
    set(_target, prop, value) {
      values.set(prop, value);
      return true;
    },
    apply: () => anything(),
    construct: () => anything(),
  };
  return new Proxy(function stub() { /* anything */ }, handler);
}

/** The few parts of the `vscode` API whose values the client reads; the rest is `anything()`. */
function stubVscode(workspace: string): any {
  class Disposable {
    constructor(private readonly fn: () => unknown = () => undefined) {}
    static from(...items: { dispose(): unknown }[]) { return new Disposable(() => items.forEach((i) => i?.dispose?.())); }
    dispose() { this.fn(); }
  }
  class EventEmitter<T> {
    private listeners: ((e: T) => unknown)[] = [];
    event = (listener: (e: T) => unknown) => {
      this.listeners.push(listener);
      return new Disposable(() => { this.listeners = this.listeners.filter((l) => l !== listener); });
    };
    fire(e: T) { for (const l of [...this.listeners]) l(e); }
    dispose() { this.listeners = []; }
  }
  class Uri {
    private constructor(readonly scheme: string, readonly authority: string, readonly path: string, readonly query = '', readonly fragment = '') {}
    static file(p: string) { return new Uri('file', '', path.resolve(p)); }
    static parse(value: string) {
      const url = new URL(value);
      return url.protocol === 'file:' ? Uri.file(fileURLToPath(url)) : new Uri(url.protocol.slice(0, -1), url.host, decodeURIComponent(url.pathname), url.search.slice(1), url.hash.slice(1));
    }
    static joinPath(base: Uri, ...parts: string[]) { return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts)); }
    static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }) { return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query, c.fragment); }
    get fsPath() { return this.path; }
    with(change: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>) {
      return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
    }
    toString() { return this.scheme === 'file' ? pathToFileURL(this.path).href : `${this.scheme}://${this.authority}${this.path}`; }
    toJSON() { return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment }; }
  }
  const event = () => new Disposable();
  const folder = { uri: Uri.file(workspace), name: path.basename(workspace), index: 0 };
  const configuration = { get: (_key: string, fallback?: unknown) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
  const outputChannel = () => {
    const channel = anything();
    return channel;
  };
  const api: Record<string, unknown> = {
    version: '1.100.3',
    Disposable,
    EventEmitter,
    Uri,
    env: { appName: 'Visual Studio Code', appRoot: '', language: 'en', machineId: 'bench', sessionId: 'bench', uiKind: 1, remoteName: undefined, shell: '/bin/sh', uriScheme: 'vscode' },
    extensions: { all: [], getExtension: () => undefined, onDidChange: event },
    workspace: new Proxy({
      workspaceFolders: [folder],
      name: folder.name,
      textDocuments: [],
      notebookDocuments: [],
      getConfiguration: () => configuration,
      getWorkspaceFolder: () => folder,
      isTrusted: true,
    } as Record<string | symbol, unknown>, { get: (t, p) => (p in t ? t[p] : String(p).startsWith('onDid') || String(p).startsWith('onWill') ? event : anything()) }),
    window: new Proxy({
      visibleTextEditors: [],
      activeTextEditor: undefined,
      visibleNotebookEditors: [],
      tabGroups: { all: [], onDidChangeTabs: event, onDidChangeTabGroups: event },
      createOutputChannel: outputChannel,
      state: { focused: true },
    } as Record<string | symbol, unknown>, { get: (t, p) => (p in t ? t[p] : String(p).startsWith('onDid') ? event : anything()) }),
  };
  // Every other name the API declares (esbuild's `import * as vscode` copies the module's own
  // keys, so each must exist): a class, enum or namespace that is anything().
  const declarations = readFileSync(path.join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  for (const [, name] of declarations.matchAll(/^\s{1,4}export (?:declare )?(?:class|enum|namespace|const|let|function) (\w+)/gm)) {
    if (!(name in api)) api[name] = anything();
  }
  return api;
}
