// Runs every bench as its own process, collects the JSON line each prints (the fuzz bench's summary
// lines are read instead), and rewrites the generated section of bench/RESULTS.md (between
// `<!-- bench:start -->` and `<!-- bench:end -->`) with the date, the machine, the load average
// before and after, and each issue 12 target against its measured median. The rest of RESULTS.md
// (the hand-written history) is kept as it is.
// Usage: npm run bench   (= node esbuild.mjs && node bench/run.mjs all)
//        node bench/run.mjs all lsp-edits activation   (only these benches)
// Environment:
//   BENCH_REPEAT=1           runs of each bench; the table shows the median over them
//   FUZZ_CASES=2000 FUZZ_FIX_CASES=100   the fuzz run's size (README: 10000 300 for the long run)
//   CHECK_FILES=2000 CHECK_RUNS=3        check-2000's arguments
//   LSP_FILES=2000 LSP_EDITS=100         lsp-edits' arguments
//   ACTIVATION_RUNS=5                    activation's argument
//   BENCH_PACKAGE=0          measure an existing rawsync.vsix instead of packaging the current code
//   BENCH_TIMEOUT_S=1800     per bench; a bench over it is stopped and counts as failed
//   BENCH_NO_WRITE=1         print the section, leave RESULTS.md alone
// Activation packages the VSIX (a production build of dist/), so it runs last.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const env = process.env;
const REPEAT = Math.max(1, Number(env.BENCH_REPEAT ?? 1));
const TIMEOUT_S = Number(env.BENCH_TIMEOUT_S ?? 1800);

type Json = Record<string, any>;
interface Bench { name: string; args: string[]; env?: Record<string, string>; parse?: (output: string) => Json | undefined }

const BENCHES: Bench[] = [
  { name: 'check-2000', args: [env.CHECK_FILES ?? '2000', env.CHECK_RUNS ?? '3'] },
  { name: 'lsp-edits', args: [env.LSP_FILES ?? '2000', env.LSP_EDITS ?? '100'] },
  { name: 'preview-50x100', args: [] },
  { name: 'fuzz', args: [env.FUZZ_CASES ?? '2000', env.FUZZ_FIX_CASES ?? '100'], parse: parseFuzz },
  // Packages the current code (npm run package) unless BENCH_PACKAGE=0.
  { name: 'activation', args: [env.ACTIVATION_RUNS ?? '5'], env: env.BENCH_PACKAGE === '0' ? {} : { ACTIVATION_PACKAGE: '1' } },
];

interface Outcome { bench: Bench; runs: Json[]; failures: string[]; seconds: number }

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) throw new Error(`no bench named ${unknown.join(', ')}; the benches: ${BENCHES.map((b) => b.name).join(', ')}`);
  const selected = BENCHES.filter((b) => only.length === 0 || only.includes(b.name));
  const loadBefore = os.loadavg();
  const started = new Date();
  const outcomes: Outcome[] = [];
  for (const bench of selected) {
    const outcome: Outcome = { bench, runs: [], failures: [], seconds: 0 };
    for (let i = 0; i < REPEAT; i++) {
      console.log(`\n=== ${bench.name} ${bench.args.join(' ')}${REPEAT > 1 ? ` (run ${i + 1} of ${REPEAT})` : ''}`);
      const t = performance.now();
      const { code, output } = await runBench(bench);
      outcome.seconds += (performance.now() - t) / 1000;
      const json = bench.parse ? bench.parse(output) : lastJson(output, bench.name);
      if (code !== 0) outcome.failures.push(`exit ${code}`);
      if (json) outcome.runs.push(json);
      else outcome.failures.push('no figures printed');
    }
    outcomes.push(outcome);
  }
  const loadAfter = os.loadavg();
  const section = render(outcomes, started, loadBefore, loadAfter);
  console.log(`\n${section}`);
  if (env.BENCH_NO_WRITE === '1') return;
  writeFileSync(RESULTS, withSection(existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Recorded results\n', section));
  console.log(`\nbench: rewrote the generated section of ${path.relative(process.cwd(), RESULTS)}`);
  if (outcomes.some((o) => o.failures.length > 0)) process.exitCode = 1;
}

/** One bench in its own process group (so a timeout stops its children too); its output is shown as it comes. */
function runBench(bench: Bench): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'run.mjs'), bench.name, ...bench.args], {
      cwd: ROOT,
      env: { ...process.env, ...bench.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk; process.stderr.write(chunk); });
    const stop = (signal: NodeJS.Signals) => { try { process.kill(-child.pid!, signal); } catch { /* gone */ } };
    const timer = setTimeout(() => {
      console.error(`bench: ${bench.name} ran over ${TIMEOUT_S} s; stopping it`);
      stop('SIGTERM');
      setTimeout(() => stop('SIGKILL'), 10_000).unref();
    }, TIMEOUT_S * 1000);
    const onSignal = () => { stop('SIGTERM'); process.exit(1); };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

function lastJson(output: string, name: string): Json | undefined {
  for (const line of output.split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    try {
      const json = JSON.parse(line) as Json;
      if (json.bench === name) return json;
    } catch {
      // not a JSON line
    }
  }
  return undefined;
}

/** The fuzz bench prints two summary lines (see bench/fuzz.ts). */
function parseFuzz(output: string): Json | undefined {
  const run = /fuzz: (\d+) cases in (\d+) s: (\d+) crashes, (\d+) hangs; per case p50 (\d+) ms, p95 (\d+) ms, max (\d+) ms/.exec(output);
  const fix = /fix: (\d+) cases: (\d+) crashes, (\d+) writes to files no fix named, (\d+) second runs that changed a file/.exec(output);
  const screen = /pre-screen: (\d+) of (\d+) cases compared changed a finding/.exec(output);
  if (!run || !fix) return undefined;
  const n = (s: string) => Number(s);
  return {
    bench: 'fuzz', cases: n(run[1]), seconds: n(run[2]), crashes: n(run[3]), hangs: n(run[4]), p50Ms: n(run[5]), p95Ms: n(run[6]), maxMs: n(run[7]),
    screenDiffs: screen ? n(screen[1]) : NaN, screenCompared: screen ? n(screen[2]) : NaN,
    fixCases: n(fix[1]), fixCrashes: n(fix[2]), strayWrites: n(fix[3]), notIdempotent: n(fix[4]),
  };
}

// ---------------------------------------------------------------------------------------------
// The table.

interface Row { target: string; measured: string; met: 'met' | 'not met' | '—' | 'failed' }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const get = (json: Json, key: string): number => key.split('.').reduce<any>((v, k) => v?.[k], json);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

function rows(outcome: Outcome): Row[] {
  const { bench, runs } = outcome;
  const m = (key: string) => median(runs.map((r) => get(r, key)).filter((v) => typeof v === 'number' && Number.isFinite(v)));
  const check = (target: string, value: number, limit: number, shown: string): Row =>
    ({ target, measured: shown, met: !Number.isFinite(value) ? 'failed' : value <= limit ? 'met' : 'not met' });
  if (runs.length === 0) return [{ target: `${bench.name}`, measured: `no figures (${outcome.failures.join(', ')})`, met: 'failed' }];
  switch (bench.name) {
    case 'check-2000':
      return [
        {
          target: `cold \`rawsync check\`, ${m('files')} files (${fmt(m('megabytes'), 1)} MB): ≤ 0.5× a bare parse of its Kotlin and ≤ 3 s (aim 0.15×)`,
          measured: `${fmt(m('checkMs'))} ms = ${fmt(m('ratio'), 2)}× the parse (${fmt(m('parseMs'))} ms)`,
          met: !Number.isFinite(m('ratio')) ? 'failed' : m('ratio') <= 0.5 && m('checkMs') <= 3000 ? 'met' : 'not met',
        },
        check('peak RSS of that check ≤ 200 MB', m('rssMb'), 200, `${fmt(m('rssMb'))} MB`),
      ];
    case 'lsp-edits': {
      const peak = m('hwmMb');
      return [
        { target: `server: initial scan of ${m('files')} files (initialized → idle)`, measured: `${fmt(m('scanMs'))} ms (${fmt(m('scanCpuMs'))} ms CPU)`, met: '—' },
        check('no request waits > 50 ms for the initial scan', m('scanHoverMaxMs'), 50, `hovers every 20 ms while files are read: max ${fmt(m('scanHoverMaxMs'))} ms, p95 ${fmt(m('scanHoverP95Ms'))} ms; during the first check after it (${fmt(m('firstCheckMs'))} ms, one block): max ${fmt(m('firstCheckHoverMaxMs'))} ms`),
        check('edit of the 3,000-line ordinary file: p95 ≤ 30 ms', m('ordinary.p95'), 30, `p95 ${fmt(m('ordinary.p95'), 1)} ms, p50 ${fmt(m('ordinary.p50'), 1)} ms (wall after the debounce p95 ${fmt(m('ordinary.wallP95'), 1)} ms)`),
        check('edit of an entity file: p95 ≤ 60 ms', m('entity.p95'), 60, `p95 ${fmt(m('entity.p95'), 1)} ms, p50 ${fmt(m('entity.p50'), 1)} ms (wall after the debounce p95 ${fmt(m('entity.wallP95'), 1)} ms)`),
        check('preview never blocks diagnostics (an edit waits ≤ 50 ms for it)', m('previewBlockedEditMaxMs'), 50, `edit waited at most ${fmt(m('previewBlockedEditMaxMs'))} ms; preview ${fmt(m('previewMs'))} ms`),
        check('server RSS ≤ 200 MB on the workspace (after the scan)', m('rssAfterScanMb'), 200, `${fmt(m('rssAfterScanMb'))} MB after the scan; peak ${fmt(peak)} MB, ${fmt(m('rssEndMb'))} MB at the end (after previews: their thread holds an engine of its own)`),
      ];
    }
    case 'preview-50x100':
      return [check('preview build + simulation of 50 tables × 100 rows ≤ 300 ms', m('buildMs') + m('simulateMs'), 300, `${fmt(m('buildMs') + m('simulateMs'))} ms (build ${fmt(m('buildMs'))}, simulation ${fmt(m('simulateMs'))}; analysis before them ${fmt(m('analyzeMs'))} ms; failed steps ${m('failed')}, outcomes ${m('outcomes')})`)];
    case 'fuzz':
      return [
        check(`fuzz: 0 crashes, 0 hangs (${m('cases')} mutated workspaces)`, m('crashes') + m('hangs'), 0, `${m('crashes')} crashes, ${m('hangs')} hangs; per case p95 ${fmt(m('p95Ms'))} ms, max ${fmt(m('maxMs'))} ms`),
        check('the pre-screen changes no finding (fuzz cases compared with every file parsed)', m('screenDiffs'), 0, `${m('screenDiffs')} of ${m('screenCompared')} cases differ`),
        check(`\`rawsync fix\` twice (${m('fixCases')} cases): touches only named files, second run changes nothing`, m('fixCrashes') + m('strayWrites') + m('notIdempotent'), 0, `${m('fixCrashes')} crashes, ${m('strayWrites')} stray writes, ${m('notIdempotent')} second runs that changed a file`),
      ];
    case 'activation': {
      const source = runs[runs.length - 1].source === 'code-server' ? 'code-server, Running Extensions' : 'stub `vscode` in Node, not the editor';
      return [
        check('extension activation ≤ 150 ms', m('activationMs'), 150, `${fmt(m('activationMs'))} ms (${source}); stub: require + activate ${fmt(m('stub.activationMs'))} ms, server initialized after ${fmt(m('stub.activateResolvedMs'))} ms`),
        check('VSIX ≤ 8 MB', m('vsixBytes'), 8e6, `${fmt(m('vsixBytes') / 1e6, 2)} MB`),
      ];
    }
    default:
      return [];
  }
}

function render(outcomes: Outcome[], started: Date, before: number[], after: number[]): string {
  const cpus = os.cpus();
  let commit = '?';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim()) commit += ' with uncommitted changes';
  } catch {
    // not a git checkout
  }
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  const table = outcomes.flatMap(rows);
  const lines = [
    START,
    '## Latest `npm run bench` (generated)',
    '',
    '`bench/all.ts` rewrites this section on every run; the hand-written history follows it.',
    '',
    `- Date: ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC, commit ${commit}`,
    `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
    `- Load average (1 / 5 / 15 min): ${load(before)} before, ${load(after)} after`,
    `- Runs: ${outcomes.map((o) => `${o.bench.name} ${o.bench.args.join(' ')}`.trim() + ` (${o.runs.length}×, ${Math.round(o.seconds)} s${o.failures.length ? `, ${o.failures.join(', ')}` : ''})`).join('; ')}`,
    '',
    `| Target (issue 12) | Measured${REPEAT > 1 ? ` (median of ${REPEAT} runs)` : ''} | Met |`,
    '|---|---|---|',
    ...table.map((r) => `| ${r.target} | ${r.measured} | ${r.met} |`),
    '',
    '"—": no target set, shown for reference. Edit times are the server\'s own handling time (`handled.ms` of its status, debounce not counted).',
    '',
    '<details><summary>Figures as the benches printed them</summary>',
    '',
    '```',
    ...outcomes.flatMap((o) => o.runs.map((r) => JSON.stringify(r))),
    '```',
    '',
    '</details>',
    END,
  ];
  return lines.join('\n');
}

/** The file with its generated section replaced, or inserted before the first hand-written `## `. */
function withSection(text: string, section: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start >= 0 && end > start) return text.slice(0, start) + section + text.slice(end + END.length);
  const firstHeading = text.indexOf('\n## ');
  if (firstHeading < 0) return `${text.trimEnd()}\n\n${section}\n`;
  return `${text.slice(0, firstHeading + 1)}${section}\n\n${text.slice(firstHeading + 1)}`;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
