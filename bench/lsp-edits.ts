// The language server under edits (issue 12), on the generated 2,000-file workspace
// (bench/big-workspace.ts): dist/server.js started as a child process speaking LSP over stdio,
// driven the way an editor drives it. Measures
//   a. the initial scan (initialized → first idle status) and how long hovers sent every 20 ms
//      during it wait for their answers;
//   b. 100 edits of the 3,000-line ordinary file (type a character, delete it, 300 ms apart);
//   c. 100 edits of an entity file that change the model (a column name gains and loses a letter);
//   d. the server's RSS after the scan and at the end (VmRSS, VmHWM);
//   e. the preview against diagnostics: a preview request, and right after it an entity edit.
// Usage: node bench/run.mjs lsp-edits [files=2000] [edits=100]
//   RAWSYNC_SERVER=/path/to/server.js   another build of the server (default: dist/server.js)
//   LSP_BENCH_TIMEOUT_S=600             hard limit: the server is killed and the bench fails
// Prints human-readable lines, then one JSON line (bench/all.ts collects it).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { writeBigWorkspace } from './big-workspace';

const FILES = Number(process.argv[2] ?? 2000);
const EDITS = Number(process.argv[3] ?? 100);
const ROOT = path.join(__dirname, '..', '..');
const SERVER = path.resolve(process.env.RAWSYNC_SERVER ?? path.join(ROOT, 'dist', 'server.js'));
const TIMEOUT_S = Number(process.env.LSP_BENCH_TIMEOUT_S ?? 600);
const DEBOUNCE_MS = 200; // server/src/lsp/server.ts
const EDIT_SPACING_MS = 300;
const HOVER_EVERY_MS = 20;
const WAIT_MS = 60_000; // for any one answer or status
const HANDLED_WAIT_MS = 10_000; // for an edit's handled status: after that it counts as missing
const PREVIEW_RUNS = 3;

// Mirrors server/src/lsp/protocol.ts (not imported, so the bench measures any build of the server).
interface ServerStatus {
  state: 'indexing' | 'checking' | 'idle';
  filesIndexed: number;
  findings?: number;
  lastCheckMs?: number;
  modelVersion?: number;
  handled?: { uri: string; version: number; ms: number; rechecked: boolean };
}
const STATUS = 'rawsync/status';
const PREVIEW = 'rawsync/preview';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
};
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const round1 = (n: number) => Math.round(n * 10) / 10;

/** VmRSS and VmHWM of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** User + system CPU time of a process so far, in ms (from /proc/<pid>/stat, 100 ticks a second). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface StatusArrival { at: number; status: ServerStatus }

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0];
  const workspace = writeBigWorkspace(path.join(os.tmpdir(), `rawsync-bench-lsp-${FILES}`), { files: FILES });
  const rootUri = pathToFileURL(workspace.root).href;
  const ordinaryUri = pathToFileURL(workspace.bigOrdinaryFile).href;
  const entityUri = pathToFileURL(workspace.entityFile).href;
  console.log(`workspace: ${workspace.files} files, ${(workspace.bytes / 1e6).toFixed(1)} MB generated (${workspace.root})`);
  console.log(`server: ${path.relative(process.cwd(), SERVER) || SERVER}; load average ${loadBefore.toFixed(1)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`);

  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid!;
  let stderr = '';
  let finished = false;
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const hardStop = setTimeout(() => {
    console.error(`lsp-edits: gave up after ${TIMEOUT_S} s; killing the server`);
    child.kill('SIGKILL');
    process.exit(1);
  }, TIMEOUT_S * 1000);
  process.on('exit', () => { if (child.exitCode === null) child.kill('SIGKILL'); });
  child.on('exit', (code, signal) => {
    if (!finished) {
      console.error(`lsp-edits: the server exited early (code ${code}, signal ${signal})\n${stderr.slice(-2000)}`);
      process.exit(1);
    }
  });

  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const statuses: StatusArrival[] = [];
  const waiters: { test: (s: ServerStatus) => boolean; resolve: (a: StatusArrival) => void }[] = [];
  const serverErrors: string[] = [];
  connection.onNotification(STATUS, (status: ServerStatus) => {
    const arrival = { at: performance.now(), status };
    statuses.push(arrival);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].test(status)) {
        waiters[i].resolve(arrival);
        waiters.splice(i, 1);
      }
    }
  });
  connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
    if (params.type === 1) serverErrors.push(params.message);
  });
  connection.onNotification((_method: string) => { /* diagnostics, progress: not measured here */ });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest((_method: string) => null); // registrations, progress tokens
  connection.listen();

  /** The first status, from now on, that passes the test. */
  const nextStatus = (what: string, test: (s: ServerStatus) => boolean, waitMs = WAIT_MS): Promise<StatusArrival> =>
    new Promise((resolve, reject) => {
      const waiter = { test, resolve: (a: StatusArrival) => { clearTimeout(timer); resolve(a); } };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no ${what} within ${waitMs / 1000} s`));
      }, waitMs);
      waiters.push(waiter);
    });

  // a. initialize, initialized, the scan; hovers every 20 ms until the first idle status.
  const initStarted = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(workspace.root) }],
    capabilities: {
      workspace: { configuration: true },
      textDocument: { synchronization: { didSave: false }, hover: { contentFormat: ['markdown'] } },
    },
    initializationOptions: {},
  });
  const initializeMs = performance.now() - initStarted;
  const cpuBeforeScan = cpuMsOf(pid);
  const idle = nextStatus('idle status after the scan', (s) => s.state === 'idle');
  const scanStarted = performance.now();
  void connection.sendNotification('initialized', {});
  const hoverWaits: Promise<{ sent: number; wait: number }>[] = [];
  const entityText = readFileSync(workspace.entityFile, 'utf8');
  const hoverPosition = positionOf(entityText, 'TodoEntity(', 2);
  let scanning = true;
  const hoverLoop = (async () => {
    while (scanning) {
      const sent = performance.now();
      hoverWaits.push(
        connection.sendRequest('textDocument/hover', { textDocument: { uri: entityUri }, position: hoverPosition })
          .then(() => ({ sent, wait: performance.now() - sent })),
      );
      await sleep(HOVER_EVERY_MS);
    }
  })();
  const idleArrival = await idle;
  scanning = false;
  await hoverLoop;
  const scanMs = idleArrival.at - scanStarted;
  const scanCpuMs = cpuMsOf(pid) - cpuBeforeScan;
  const hoverTimes = await withTimeout(Promise.all(hoverWaits), 'hover answers');
  const hovers = hoverTimes.map((h) => h.wait);
  // The server says 'checking' when the scan is over and the first check of the workspace begins.
  const checkingAt = statuses.find((s) => s.status.state === 'checking')?.at ?? idleArrival.at;
  const scanHovers = hoverTimes.filter((h) => h.sent < checkingAt).map((h) => h.wait);
  const checkHovers = hoverTimes.filter((h) => h.sent >= checkingAt).map((h) => h.wait);
  const afterScan = memoryOf(pid);
  const indexingStatuses = statuses.filter((s) => s.at <= idleArrival.at).length;
  console.log(`initialize answered in ${f0(initializeMs)} ms`);
  console.log(`initial scan: ${f0(scanMs)} ms to the first idle status (${idleArrival.status.filesIndexed} files indexed, ${idleArrival.status.findings ?? '?'} findings, last check ${idleArrival.status.lastCheckMs ?? '?'} ms, ${f0(scanCpuMs)} ms server CPU; ${indexingStatuses} statuses on the way)`);
  console.log(`hovers until the first idle status: ${hovers.length} sent every ${HOVER_EVERY_MS} ms; wait max ${f0(pct(hovers, 1))} ms, p95 ${f0(pct(hovers, 0.95))} ms, p50 ${f0(pct(hovers, 0.5))} ms; ${hovers.filter((h) => h > 50).length} waited over 50 ms`);
  console.log(`  of them sent while files were read (${f0(checkingAt - scanStarted)} ms): ${scanHovers.length}; wait max ${f0(pct(scanHovers, 1))} ms, p95 ${f0(pct(scanHovers, 0.95))} ms; ${scanHovers.filter((h) => h > 50).length} over 50 ms`);
  console.log(`  sent during the first check (${f0(idleArrival.at - checkingAt)} ms): ${checkHovers.length}; wait max ${f0(pct(checkHovers, 1))} ms`);
  console.log(`server memory after the scan: RSS ${f0(afterScan.rssMb)} MB, peak ${f0(afterScan.hwmMb)} MB`);

  // b, c. Edits, each waited for by its handled status.
  const versions = new Map<string, number>();
  const documents = new Map<string, string>();
  const open = (uri: string, file: string) => {
    const text = readFileSync(file, 'utf8');
    documents.set(uri, text);
    versions.set(uri, 1);
    void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kotlin', version: 1, text } });
  };
  interface EditTiming { ms: number; wallMs: number; rechecked: boolean; missing?: boolean }
  let missingStatuses = 0;
  /** Sends one incremental change and waits for the status that says the server handled it. */
  const edit = async (uri: string, offset: number, deleteCount: number, insert: string): Promise<EditTiming> => {
    const text = documents.get(uri)!;
    const version = versions.get(uri)! + 1;
    versions.set(uri, version);
    const range = { start: positionAt(text, offset), end: positionAt(text, offset + deleteCount) };
    documents.set(uri, text.slice(0, offset) + insert + text.slice(offset + deleteCount));
    const what = `handled status for ${path.basename(uri)} version ${version}`;
    const handled = nextStatus(what, (s) => s.handled?.uri === uri && s.handled.version === version, HANDLED_WAIT_MS);
    const sent = performance.now();
    void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, rangeLength: deleteCount, text: insert }] });
    const arrival = await handled.catch(() => undefined);
    if (!arrival) {
      missingStatuses++;
      console.log(`  no ${what} within ${HANDLED_WAIT_MS / 1000} s`);
      return { ms: NaN, wallMs: NaN, rechecked: false, missing: true };
    }
    return { ms: arrival.status.handled!.ms, wallMs: arrival.at - sent - DEBOUNCE_MS, rechecked: arrival.status.handled!.rechecked };
  };
  /** EDITS edits at one place: even ones type `letter`, odd ones delete it again. */
  const typeAndDelete = async (uri: string, offset: number, letter: string): Promise<EditTiming[]> => {
    const timings: EditTiming[] = [];
    for (let i = 0; i < EDITS; i++) {
      const started = performance.now();
      timings.push(i % 2 === 0 ? await edit(uri, offset, 0, letter) : await edit(uri, offset, letter.length, ''));
      await sleep(Math.max(0, EDIT_SPACING_MS - (performance.now() - started)));
    }
    return timings;
  };
  const report = (label: string, timings: EditTiming[]) => {
    const ms = timings.filter((t) => !t.missing).map((t) => t.ms);
    const wall = timings.filter((t) => !t.missing).map((t) => t.wallMs);
    console.log(`${label}: ${timings.length} edits, ${timings.filter((t) => t.rechecked).length} re-checked; handling p50 ${f1(pct(ms, 0.5))} ms, p95 ${f1(pct(ms, 0.95))} ms, max ${f1(pct(ms, 1))} ms; wall after the ${DEBOUNCE_MS} ms debounce p50 ${f1(pct(wall, 0.5))} ms, p95 ${f1(pct(wall, 0.95))} ms`);
    return { p50: round1(pct(ms, 0.5)), p95: round1(pct(ms, 0.95)), max: round1(pct(ms, 1)), wallP50: round1(pct(wall, 0.5)), wallP95: round1(pct(wall, 0.95)), rechecked: timings.filter((t) => t.rechecked).length };
  };

  open(ordinaryUri, workspace.bigOrdinaryFile);
  await sleep(DEBOUNCE_MS + 300); // an open is not an edit: let anything it starts settle
  const ordinaryText = documents.get(ordinaryUri)!;
  // Inside an identifier in the middle of the file: `visible` becomes `visiblex` and back.
  const ordinaryOffset = nthIndexOf(ordinaryText, 'val visible', Math.floor(ordinaryText.split('\n').length / 22)) + 'val visible'.length;
  const ordinary = report('ordinary file (3,000 lines)', await typeAndDelete(ordinaryUri, ordinaryOffset, 'x'));
  const afterOrdinary = memoryOf(pid);
  console.log(`server memory after the ordinary edits: RSS ${f0(afterOrdinary.rssMb)} MB, peak ${f0(afterOrdinary.hwmMb)} MB`);

  open(entityUri, workspace.entityFile);
  await sleep(DEBOUNCE_MS + 300);
  // A column name gains a letter and loses it: the model changes on every edit.
  const entityOffset = documents.get(entityUri)!.indexOf('"created_at"') + '"created_at'.length;
  if (entityOffset < '"created_at'.length) throw new Error('the entity file has no "created_at" column to edit');
  const entity = report('entity file', await typeAndDelete(entityUri, entityOffset, 'x'));
  const afterEntity = memoryOf(pid);
  console.log(`server memory after the entity edits: RSS ${f0(afterEntity.rssMb)} MB, peak ${f0(afterEntity.hwmMb)} MB`);

  // e. The preview against diagnostics, two ways: a preview request and right after it an entity
  // edit (the user asks for the preview and goes on typing), and an entity edit with a preview
  // request 10 ms before the debounce ends (so the edit is handled while the preview runs).
  interface PreviewRun { order: string; previewMs: number; reportedMs: number; editWaitMs: number; editMs: number; blockedMs: number }
  const previews: PreviewRun[] = [];
  for (let run = 0; run < 2 * PREVIEW_RUNS; run++) {
    const previewFirst = run < PREVIEW_RUNS;
    let previewStarted = 0;
    const requestPreview = () => {
      previewStarted = performance.now();
      // No uri: the first folder, as the command without a target. (With the entity file's uri,
      // the request would take the pending edit's text itself, and the edit gets no handled status.)
      return connection.sendRequest(PREVIEW, {}).then((r) => ({ at: performance.now(), response: r as { durationMs?: number } }));
    };
    let preview = previewFirst ? requestPreview() : undefined;
    const editDone = edit(entityUri, entityOffset, 0, 'y');
    if (!previewFirst) {
      await sleep(DEBOUNCE_MS - 10);
      preview = requestPreview();
    }
    const timing = await editDone;
    const done = await withTimeout(preview!, 'preview answer');
    previews.push({
      order: previewFirst ? 'preview, then edit' : 'edit, then preview',
      previewMs: done.at - previewStarted,
      reportedMs: done.response.durationMs ?? NaN,
      editWaitMs: timing.wallMs,
      editMs: timing.ms,
      blockedMs: Math.max(0, timing.wallMs - timing.ms),
    });
    await edit(entityUri, entityOffset, 1, ''); // back to the file's text
    await sleep(EDIT_SPACING_MS);
  }
  const previewMs = pct(previews.map((p) => p.previewMs), 0.5);
  const blockedMs = pct(previews.map((p) => p.blockedMs), 1);
  for (const p of previews) {
    console.log(`${p.order}: preview answered in ${f0(p.previewMs)} ms (server says ${f0(p.reportedMs)} ms); the edit was handled ${f0(p.editWaitMs)} ms after the debounce (handling ${f0(p.editMs)} ms, so it waited ${f0(p.blockedMs)} ms for something else)`);
  }

  const end = memoryOf(pid);
  console.log(`server memory at the end: RSS ${f0(end.rssMb)} MB, peak ${f0(end.hwmMb)} MB`);
  if (missingStatuses > 0) console.log(`edits whose handled status never came: ${missingStatuses}`);
  if (serverErrors.length > 0) console.log(`server errors logged: ${serverErrors.length}; first: ${serverErrors[0].slice(0, 300)}`);

  finished = true;
  await withTimeout(connection.sendRequest('shutdown'), 'shutdown answer').catch(() => undefined);
  void connection.sendNotification('exit');
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(3000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
  clearTimeout(hardStop);
  connection.dispose();

  const loadAfter = os.loadavg()[0];
  console.log(`load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
  console.log(JSON.stringify({
    bench: 'lsp-edits',
    files: workspace.files,
    initializeMs: round1(initializeMs),
    scanMs: round1(scanMs),
    scanCpuMs: Math.round(scanCpuMs),
    hoversDuringScan: hovers.length,
    scanHoverMaxMs: round1(pct(scanHovers, 1)),
    scanHoverP95Ms: round1(pct(scanHovers, 0.95)),
    firstCheckMs: round1(idleArrival.at - checkingAt),
    firstCheckHoverMaxMs: round1(pct(checkHovers, 1)),
    ordinary,
    entity,
    previewMs: round1(previewMs),
    previewBlockedEditMaxMs: round1(blockedMs),
    previews: previews.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' ? round1(v) : v]))),
    rssAfterScanMb: round1(afterScan.rssMb),
    hwmAfterScanMb: round1(afterScan.hwmMb),
    hwmAfterOrdinaryEditsMb: round1(afterOrdinary.hwmMb),
    hwmAfterEntityEditsMb: round1(afterEntity.hwmMb),
    rssEndMb: round1(end.rssMb),
    hwmMb: round1(end.hwmMb),
    missingStatuses,
    serverErrors: serverErrors.length,
    load: round1(loadBefore),
    loadAfter: round1(loadAfter),
  }));
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS / 1000} s`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function positionOf(text: string, needle: string, plus = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  return positionAt(text, at < 0 ? 0 : at + plus);
}

function nthIndexOf(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    const next = text.indexOf(needle, at + 1);
    if (next < 0) break;
    at = next;
  }
  if (at < 0) throw new Error(`"${needle}" is not in the file`);
  return at;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
