import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { analyzeFixture } from '../../support/workspace';
import { fixturePath, repoRoot } from '../../support/paths';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';

// The Problems panel shows a message's start: its first sentence must say what breaks, briefly.

const MAX_FIRST_SENTENCE = 110;

test('every finding on every rule fixture and example opens with a short sentence of what breaks', async () => {
  const roots = [...readdirSync(fixturePath()).filter((d) => d.startsWith('rule-')), path.join('..', '..', 'examples', 'todo-app')];
  const long: string[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    const { analyzer, model } = await analyzeFixture(root);
    for (const finding of runRules(RULES, model, analyzer.ruleContext()).findings) {
      seen.add(finding.rule);
      const first = finding.message.split(/(?<=[.!?])\s/)[0];
      if (first.length > MAX_FIRST_SENTENCE || !/[.!?]$/.test(first)) long.push(`${finding.rule} (${first.length}): ${first}`);
    }
  }
  assert.deepEqual(long, []);
  // The check saw every rule (a rule no fixture triggers would escape it).
  assert.deepEqual(RULES.map((r) => r.meta.id).filter((id) => !seen.has(id)), []);
  assert.ok(repoRoot());
});
