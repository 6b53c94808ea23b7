import assert from 'node:assert/strict';
import { analyzeFiles, factsOf } from './workspace';
import { languageOf } from '../../server/src/frontends/index';
import { applyTextEdits } from '../../server/src/generate/text-edits';
import { RULES } from '../../server/src/rules/index';
import { runRules } from '../../server/src/rules/run';
import type { Finding, TextEdit } from '../../server/src/findings/finding';
import type { WorkspaceModel } from '../../server/src/model/workspace';

export interface FixedWorkspace {
  before: Finding[];
  after: Finding[];
  files: Record<string, string>;
  model: WorkspaceModel;
}

/** Checks in-memory files, applies the preferred fix of the first finding of `rule`, checks again. */
export async function applyFirstFix(files: Record<string, string>, rule: string): Promise<FixedWorkspace> {
  const first = await analyzeFiles(files);
  const before = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
  const finding = before.find((f) => f.rule === rule);
  if (!finding) throw new Error(`no ${rule} finding to fix; got ${before.map((f) => f.rule).join(', ')}`);
  const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  if (!fix) throw new Error(`${rule} finding has no fix`);
  const next = editFiles(files, fix.edits, first.uri).files;
  const second = await analyzeFiles(next);
  const after = runRules(RULES, second.model, second.analyzer.ruleContext()).findings;
  return { before, after, files: next, model: second.model };
}

/** The files with the edits that address them applied, and the edits that could not be (overlapping ones). */
function editFiles(files: Record<string, string>, edits: readonly TextEdit[], uri: (name: string) => string): { files: Record<string, string>; skipped: TextEdit[] } {
  const next = { ...files };
  const skipped: TextEdit[] = [];
  for (const name of Object.keys(files)) {
    const mine = edits.filter((e) => e.uri === uri(name));
    if (mine.length === 0) continue;
    const applied = applyTextEdits(files[name], mine);
    skipped.push(...applied.skipped);
    next[name] = applied.text;
  }
  return { files: next, skipped };
}

/** Applies edits chosen by the test (an alternative fix, several fixes at once), none skipped, then checks again. */
export async function applyEdits(files: Record<string, string>, edits: readonly TextEdit[]): Promise<Omit<FixedWorkspace, 'before'>> {
  const { uri } = await analyzeFiles({});
  const edited = editFiles(files, edits, uri);
  assert.deepEqual(edited.skipped, [], 'every edit applies');
  const second = await analyzeFiles(edited.files);
  const after = runRules(RULES, second.model, second.analyzer.ruleContext()).findings;
  return { after, files: edited.files, model: second.model };
}

/** What a fix changed: the findings before and after it, and the files after it. */
export interface FixOutcome {
  before: Finding[];
  after: Finding[];
  files: Record<string, string>;
}

/**
 * What every applied fix must show: `rule` was reported and no finding of it (or of `alsoGone`) is
 * left, no rule that was silent before reports now, and every file it changed still parses.
 */
export async function assertFixed(fixed: FixOutcome, rule: string, input: Record<string, string>, alsoGone: readonly string[] = []): Promise<void> {
  const describe = (f: Finding) => `${f.rule}: ${f.message}`;
  assert.ok(fixed.before.some((f) => f.rule === rule), `a ${rule} finding before the fix`);
  const gone = new Set([rule, ...alsoGone]);
  assert.deepEqual(fixed.after.filter((f) => gone.has(f.rule)).map(describe), [], 'the fixed findings are gone');
  const beforeRules = new Set(fixed.before.map((f) => f.rule));
  assert.deepEqual(fixed.after.filter((f) => !beforeRules.has(f.rule)).map(describe), [], 'no new rule reports');
  const changed = Object.keys(fixed.files).filter((name) => fixed.files[name] !== input[name]);
  assert.notDeepEqual(changed, [], 'the fix changed a file');
  // Kotlin and SQL alike: a fix must not leave a file its front end reads with syntax errors.
  for (const name of changed.filter((n) => languageOf(n) !== undefined)) {
    assert.deepEqual((await factsOf(fixed.files[name], name)).syntaxErrors, [], `${name} parses after the fix`);
  }
}

/**
 * Applies the preferred (else first) fix of each finding of `rule`, one at a time, each re-checked,
 * until none is left (five rounds at most).
 */
export async function applyFixesOfRule(input: Record<string, string>, rule: string): Promise<{ files: Record<string, string>; before: Finding[]; after: Finding[]; model: WorkspaceModel }> {
  const first = await analyzeFiles(input);
  const before = runRules(RULES, first.model, first.analyzer.ruleContext()).findings;
  let current = input;
  let after = before;
  let model = first.model;
  for (let round = 0; round < 5 && after.some((f) => f.rule === rule); round++) {
    const finding = after.find((f) => f.rule === rule)!;
    const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
    assert.ok(fix, `a fix for: ${finding.message}`);
    const next = await applyEdits(current, fix.edits);
    current = next.files;
    after = next.after;
    model = next.model;
  }
  return { files: current, before, after, model };
}
