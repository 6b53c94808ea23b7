// The long fuzz run: mutated workspaces (test/support/fuzz-cases.ts, a fixed seed) through the
// front ends, the model and every rule with its fixes, in process; then `rawsync fix` on a share
// of them, twice, as a process: it must touch only files its findings name, and the second run
// must change nothing. Usage: node bench/run.mjs fuzz [CASES] [FIX_CASES]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mutate, seededRandom, seedWorkspaces } from '../test/support/fuzz-cases';
import { analyzeFiles } from '../test/support/workspace';
import { repoRoot } from '../test/support/paths';
import { RULES } from '../server/src/rules/index';
import { runRules } from '../server/src/rules/run';

const CASES = Number(process.argv[2] ?? 10_000);
const FIX_CASES = Number(process.argv[3] ?? 300);
const SEED = 20261204;
/** A case slower than this is counted as a hang (the parse budget is 2 s per file). */
const HANG_MS = 20_000;

async function main(): Promise<void> {
  const seeds = seedWorkspaces();
  const random = seededRandom(SEED);
  let crashes = 0;
  let hangs = 0;
  let screenCompared = 0;
  let screenDiffs = 0;
  let slowest = { ms: 0, label: '' };
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < CASES; i++) {
    const { label, files } = mutate(seeds[i % seeds.length], random);
    const t0 = performance.now();
    try {
      const { analyzer, model } = await analyzeFiles(files);
      const run = runRules(RULES, model, analyzer.ruleContext());
      analyzer.dispose();
      if (run.failures.length > 0) {
        crashes++;
        console.log(`crash (rule ${run.failures[0].rule}): ${label}: ${String((run.failures[0].error as Error)?.message)}`);
      }
      // Every 4th case again with every file parsed: the pre-screen must change no finding.
      if (i % 4 === 0) {
        screenCompared++;
        const full = await analyzeFiles(files, { screen: false });
        const fullRun = runRules(RULES, full.model, full.analyzer.ruleContext());
        full.analyzer.dispose();
        if (JSON.stringify(fullRun.findings) !== JSON.stringify(run.findings)) {
          screenDiffs++;
          console.log(`pre-screen changed the findings: ${label}: ${run.findings.length} with it, ${fullRun.findings.length} with every file parsed`);
        }
      }
    } catch (error) {
      crashes++;
      console.log(`crash: ${label}: ${(error as Error)?.message ?? error}`);
    }
    const ms = performance.now() - t0;
    times.push(ms);
    if (ms > HANG_MS) {
      hangs++;
      console.log(`hang (${Math.round(ms)} ms): ${label}`);
    }
    if (ms > slowest.ms) slowest = { ms, label };
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * p))]);
  console.log(`fuzz: ${CASES} cases in ${Math.round((performance.now() - started) / 1000)} s: ${crashes} crashes, ${hangs} hangs; per case p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${Math.round(slowest.ms)} ms (${slowest.label}); pre-screen: ${screenDiffs} of ${screenCompared} cases compared changed a finding`);

  // rawsync fix, twice, on a share of the cases.
  const cli = path.join(repoRoot(), 'dist', 'cli.js');
  let fixCrashes = 0;
  let notIdempotent = 0;
  let strayWrites = 0;
  const fixRandom = seededRandom(SEED + 1);
  for (let i = 0; i < FIX_CASES; i++) {
    const { label, files } = mutate(seeds[i % seeds.length], fixRandom);
    const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-fuzz-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      const check = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { encoding: 'utf8', timeout: 120_000 });
      const named = new Set<string>();
      try {
        for (const f of JSON.parse(check.stdout).findings as { fixes: { edits: { file: string }[] }[] }[]) for (const fix of f.fixes) for (const e of fix.edits) named.add(e.file);
      } catch {
        fixCrashes++;
        console.log(`fix case: check failed: ${label}: ${check.stderr.slice(0, 200)}`);
        continue;
      }
      const before = new Map(Object.keys(files).map((n) => [n, readFileSync(path.join(dir, n))]));
      const first = spawnSync(process.execPath, [cli, 'fix', dir], { encoding: 'utf8', timeout: 120_000 });
      if (first.status === null || first.status > 1) {
        fixCrashes++;
        console.log(`fix crash (${first.status}): ${label}: ${first.stderr.slice(0, 200)}`);
        continue;
      }
      const afterFirst = new Map(Object.keys(files).map((n) => [n, readFileSync(path.join(dir, n))]));
      for (const [n, bytes] of afterFirst) {
        if (!bytes.equals(before.get(n)!) && !named.has(n)) {
          strayWrites++;
          console.log(`fix touched ${n}, which no fix named: ${label}`);
        }
      }
      spawnSync(process.execPath, [cli, 'fix', dir], { encoding: 'utf8', timeout: 120_000 });
      for (const n of Object.keys(files)) {
        if (!readFileSync(path.join(dir, n)).equals(afterFirst.get(n)!)) {
          notIdempotent++;
          console.log(`second fix changed ${n}: ${label}`);
          break;
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`fix: ${FIX_CASES} cases: ${fixCrashes} crashes, ${strayWrites} writes to files no fix named, ${notIdempotent} second runs that changed a file`);
}

void main();
