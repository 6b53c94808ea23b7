// Cold `rawsync check` of a generated 2,000-file workspace against a bare tree-sitter parse of
// the same files (issue 12's first target), and the check's peak RSS. Usage:
//   node bench/run.mjs check-2000 [files=2000] [runs=3]
// Prints one JSON line per measure after the human-readable lines (bench/all.ts collects them).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { KotlinParser } from '../server/src/frontends/kotlin/parser';
import { scanWorkspace } from '../server/src/frontends/workspace-files';
import { languageOf } from '../server/src/frontends/index';
import { writeBigWorkspace } from './big-workspace';

const FILES = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 3);
const ROOT = path.join(__dirname, '..', '..');
const WASM_DIR = path.join(ROOT, 'dist');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bareParse(root: string): Promise<number> {
  const parser = await KotlinParser.create(WASM_DIR);
  const files = scanWorkspace(root).filter((f) => {
    const language = languageOf(f.path);
    return language === 'kotlin' || language === 'gradle-kts';
  });
  const started = performance.now();
  for (const file of files) parser.parse(file.text)?.delete();
  return performance.now() - started;
}

/** The CLI as a user runs it, timed by /usr/bin/time: wall seconds and peak RSS in KB. */
function cliCheck(root: string): { ms: number; rssMb: number; findings: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(ROOT, 'bin', 'rawsync.js'), 'check', root, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = run.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`no timing from /usr/bin/time: ${run.stderr}`);
  const findings = (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
  return { ms: seconds * 1000, rssMb: kb / 1024, findings };
}

async function main(): Promise<void> {
  const workspace = writeBigWorkspace(path.join(os.tmpdir(), `rawsync-bench-${FILES}`), { files: FILES });
  const kt = scanWorkspace(workspace.root);
  const bytes = kt.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const parses: number[] = [];
  const checks: { ms: number; rssMb: number; findings: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    parses.push(await bareParse(workspace.root));
    checks.push(cliCheck(workspace.root));
  }
  const parseMs = median(parses);
  const checkMs = median(checks.map((c) => c.ms));
  const rssMb = median(checks.map((c) => c.rssMb));
  const load = os.loadavg()[0].toFixed(1);
  console.log(`workspace: ${workspace.files} files, ${kt.length} read by Rawsync, ${(bytes / 1e6).toFixed(1)} MB (${workspace.root})`);
  console.log(`bare parse of every Kotlin file (in process): median ${parseMs.toFixed(0)} ms of ${parses.map((p) => p.toFixed(0)).join(', ')}`);
  console.log(`rawsync check (CLI process, cold): median ${checkMs.toFixed(0)} ms of ${checks.map((c) => c.ms.toFixed(0)).join(', ')}; ${(checkMs / parseMs).toFixed(2)}x the parse`);
  console.log(`peak RSS of the check: median ${rssMb.toFixed(0)} MB; findings: ${checks[0].findings}; load average ${load}`);
  console.log(JSON.stringify({ bench: 'check-2000', files: workspace.files, megabytes: bytes / 1e6, parseMs, checkMs, ratio: checkMs / parseMs, rssMb, findings: checks[0].findings, load: Number(load) }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
