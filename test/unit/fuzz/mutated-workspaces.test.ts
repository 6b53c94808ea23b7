import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mutate, seededRandom, seedWorkspaces } from '../../support/fuzz-cases';
import { analyzeFiles } from '../../support/workspace';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { schemaReport } from '../../../server/src/model/schema-report';

// A bounded fuzz run (fixed seed): mutated, truncated, deeply nested, huge and binary inputs go
// through every front end, the model, every rule and every fix generator. None may throw, and
// the pre-screen changes no finding (every 8th case is checked again with every file parsed). The
// long run (10,000 cases) is bench/fuzz.mjs; its figures are in bench/RESULTS.md.

const CASES = 400;
const SEED = 20261204;

test(`${CASES} mutated workspaces: no front end, rule or fix throws`, async () => {
  const seeds = seedWorkspaces();
  const random = seededRandom(SEED);
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const { label, files } = mutate(seeds[i % seeds.length], random);
    try {
      const { analyzer, model } = await analyzeFiles(files);
      const run = runRules(RULES, model, analyzer.ruleContext());
      for (const failure of run.failures) failures.push(`${label}: rule ${failure.rule} threw ${String((failure.error as Error)?.message ?? failure.error)}`);
      schemaReport(model, (uri) => uri);
      analyzer.dispose();
      // The pre-screen never changes a finding: every 8th case again with every file parsed.
      if (i % 8 === 0) {
        const full = await analyzeFiles(files, { screen: false });
        const fullRun = runRules(RULES, full.model, full.analyzer.ruleContext());
        full.analyzer.dispose();
        if (JSON.stringify(fullRun.findings) !== JSON.stringify(run.findings)) {
          failures.push(`${label}: ${run.findings.length} findings with the pre-screen, ${fullRun.findings.length} with every file parsed`);
        }
      }
    } catch (error) {
      failures.push(`${label}: ${(error as Error)?.stack ?? error}`);
    }
  }
  assert.deepEqual(failures, []);
});
