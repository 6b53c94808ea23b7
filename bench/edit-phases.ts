// Where the time of one edit goes, in process (no LSP transport): the 2,000-file workspace is
// indexed once, then an edit in the 3,000-line ordinary file and an edit in an entity file are
// each timed by phase (index update, model, rules) over N rounds. Usage:
//   node bench/run.mjs edit-phases [rounds=40]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer } from '../server/src/analyzer';
import { scanWorkspace } from '../server/src/frontends/workspace-files';
import { RULES } from '../server/src/rules/index';
import { runRules } from '../server/src/rules/run';
import { writeBigWorkspace } from './big-workspace';

const ROUNDS = Number(process.argv[2] ?? 40);
const WASM_DIR = path.join(__dirname, '..', '..', 'dist');

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main(): Promise<void> {
  const workspace = writeBigWorkspace(path.join(os.tmpdir(), 'rawsync-bench-2000'));
  const analyzer = await Analyzer.create(WASM_DIR);
  let started = performance.now();
  for (const file of scanWorkspace(workspace.root)) analyzer.index.update(file.uri, file.text);
  const scanMs = performance.now() - started;
  started = performance.now();
  const firstModel = analyzer.model();
  const firstModelMs = performance.now() - started;
  const firstRules: [string, number][] = [];
  const firstContext = analyzer.ruleContext();
  for (const rule of RULES) {
    const t = performance.now();
    runRules([rule], firstModel, firstContext);
    firstRules.push([rule.meta.id, performance.now() - t]);
  }
  const firstCheckMs = performance.now() - started;
  console.log(`first check, slowest rules: ${firstRules.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`).join(', ')}`);
  const parsed = [...analyzer.model().files.values()].filter((f) => !f.screened).length;
  console.log(`indexed ${analyzer.index.size} files in ${scanMs.toFixed(0)} ms (${parsed} parsed, the rest passed over); first model ${firstModelMs.toFixed(0)} ms, + rules ${firstCheckMs.toFixed(0)} ms`);
  const results: Record<string, unknown> = { bench: 'edit-phases', scanMs, firstCheckMs };

  for (const [label, file, edit] of [
    ['ordinary 3,000-line file', workspace.bigOrdinaryFile, (t: string, i: number) => t.replace('fun catalogSection7(', `fun catalogSection7${i % 2 ? 'x' : ''}(`)],
    ['entity file', workspace.entityFile, (t: string, i: number) => t.replace('val title: String,', `val title${i % 2 ? 'x' : ''}: String,`)],
  ] as const) {
    const uri = pathToFileURL(file).href;
    const original = readFileSync(file, 'utf8');
    const update: number[] = [];
    const model: number[] = [];
    const rules: number[] = [];
    let rechecks = 0;
    for (let i = 1; i <= ROUNDS; i++) {
      const text = edit(original, i);
      let t = performance.now();
      const changed = analyzer.index.update(uri, text);
      update.push(performance.now() - t);
      t = performance.now();
      if (changed) {
        rechecks++;
        const m = analyzer.model();
        model.push(performance.now() - t);
        t = performance.now();
        runRules(RULES, m, analyzer.ruleContext());
        rules.push(performance.now() - t);
      }
    }
    const line = (name: string, xs: number[]) => (xs.length ? `${name} p50 ${percentile(xs, 0.5).toFixed(1)} / p95 ${percentile(xs, 0.95).toFixed(1)} ms` : `${name}: never ran`);
    console.log(`${label}: ${ROUNDS} edits, ${rechecks} re-checks; ${line('update', update)}; ${line('model', model)}; ${line('rules', rules)}`);
    results[label] = { rechecks, update: [percentile(update, 0.5), percentile(update, 0.95)], model: model.length ? [percentile(model, 0.5), percentile(model, 0.95)] : null, rules: rules.length ? [percentile(rules, 0.5), percentile(rules, 0.95)] : null };
  }
  // Which rules the entity edit's re-check spends its time in (the model is rebuilt each round).
  const perRule = new Map<string, number[]>();
  const entityUri = pathToFileURL(workspace.entityFile).href;
  const entityText = readFileSync(workspace.entityFile, 'utf8');
  for (let i = 1; i <= ROUNDS; i++) {
    analyzer.index.update(entityUri, entityText.replace('val title: String,', `val title${i % 2 ? 'y' : ''}: String,`));
    const m = analyzer.model();
    const ctx = analyzer.ruleContext();
    for (const rule of RULES) {
      const t = performance.now();
      runRules([rule], m, ctx);
      const list = perRule.get(rule.meta.id) ?? [];
      list.push(performance.now() - t);
      perRule.set(rule.meta.id, list);
    }
  }
  const slowest = [...perRule].map(([id, xs]) => [id, percentile(xs, 0.5)] as const).sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(`slowest rules after an entity edit (p50): ${slowest.map(([id, ms]) => `${id} ${ms.toFixed(1)} ms`).join(', ')}`);
  console.log(`load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(JSON.stringify(results));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
