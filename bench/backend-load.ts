// What the backend reader costs: an app without a backend (the Postgres parser never loads), the
// first migration read (the parser instantiated synchronously), a cold check of an app with and
// without a backend (wall and peak RSS of a `rawsync check` process), and an edit of the sync config
// (the model rebuilt, the config compiled again, the rules run).
// Usage: node bench/run.mjs backend-load [runs=5]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer } from '../server/src/analyzer';
import { FrontEnds } from '../server/src/frontends/index';
import { RULES } from '../server/src/rules/index';
import { runRules } from '../server/src/rules/run';
import { scanWorkspace } from '../server/src/frontends/workspace-files';

const RUNS = Number(process.argv[2] ?? 5);
const ROOT = path.join(__dirname, '..', '..');
const WASM_DIR = path.join(ROOT, 'dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

async function main() {
  // The front ends open, then a first migration is read (the parser loads there).
  const open: number[] = [];
  const firstMigration: number[] = [];
  const migration = readFileSync(path.join(ROOT, 'examples/todo-app/supabase/migrations/20250601000000_todo_schema.sql'), 'utf8');
  for (let i = 0; i < RUNS; i++) {
    let t = process.hrtime.bigint();
    const frontEnds = await FrontEnds.create(WASM_DIR);
    open.push(ms(t));
    t = process.hrtime.bigint();
    frontEnds.extract(pathToFileURL('/virtual/supabase/migrations/1_init.sql').href, migration);
    firstMigration.push(ms(t));
  }
  console.log(`front ends open: median ${median(open).toFixed(1)} ms; first migration read (parser load + parse): median ${median(firstMigration).toFixed(1)} ms (a fresh analyzer each run; the module is cached after the first)`);

  // Cold checks in their own processes.
  for (const app of ['examples/web-app', 'examples/todo-app']) {
    const walls: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(ROOT, 'bin/rawsync.js'), 'check', path.join(ROOT, app), '--format', 'json'], { encoding: 'utf8' });
      const [wall, kb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
      walls.push(wall * 1000);
      rss.push(kb / 1024);
    }
    console.log(`cold check ${app}: median ${median(walls).toFixed(0)} ms, peak RSS median ${median(rss).toFixed(0)} MB`);
  }

  // An edit of the sync config: the model rebuilt and the rules run.
  const analyzer = await Analyzer.create(WASM_DIR);
  const root = path.join(ROOT, 'examples/todo-app');
  let configUri = '';
  let configText = '';
  for (const file of scanWorkspace(root)) {
    analyzer.index.update(file.uri, file.text);
    if (file.uri.endsWith('powersync/sync-config.yaml')) [configUri, configText] = [file.uri, file.text];
  }
  runRules(RULES, analyzer.model(), analyzer.ruleContext());
  const edits: number[] = [];
  for (let i = 0; i < RUNS * 4; i++) {
    const t = process.hrtime.bigint();
    analyzer.index.update(configUri, `${configText}\n# edit ${i}\n`);
    runRules(RULES, analyzer.model(), analyzer.ruleContext());
    edits.push(ms(t));
  }
  console.log(`sync config edit (todo-app: read, model, compile, rules): median ${median(edits).toFixed(1)} ms, max ${Math.max(...edits).toFixed(1)} ms`);
}

void main();
