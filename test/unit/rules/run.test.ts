import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { runRules } from '../../../server/src/rules/run';
import type { Rule } from '../../../server/src/findings/rule';
import type { Finding } from '../../../server/src/findings/finding';

const loc = (line: number) => ({ uri: 'file:///virtual/A.kt', range: { start: { line, character: 2 }, end: { line, character: 9 } } });

function ruleReturning(findings: Finding[]): Rule {
  return { meta: { id: 'probe', defaultSeverity: 'error', description: 'probe', docs: 'docs/rules/probe.md', fixable: false }, check: () => findings };
}

const finding = (line: number, message: string, related: Finding['related'] = []): Finding => ({ rule: 'probe', severity: 'error', message, loc: loc(line), related, fixes: [] });

test('two findings of one rule on the same span from one cause are one, with their related places merged', async () => {
  const { model } = await analyzeFiles({});
  const run = runRules([ruleReturning([
    finding(3, 'Same cause.', [{ loc: loc(10), message: 'first schema' }]),
    finding(3, 'Same cause.', [{ loc: loc(10), message: 'first schema' }, { loc: loc(12), message: 'second schema' }]),
    finding(3, 'Another cause.'),
    finding(4, 'Same cause.'),
  ])], model, {});
  assert.deepEqual(run.findings.map((f) => `${f.loc.range.start.line} ${f.message} ${f.related.map((r) => r.message).join('+')}`), [
    '3 Same cause. first schema+second schema',
    '3 Another cause. ',
    '4 Same cause. ',
  ]);
});
