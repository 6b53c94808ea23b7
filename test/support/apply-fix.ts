import { analyzeFiles } from './workspace';
import { applyTextEdits } from '../../server/src/generate/text-edits';
import { RULES } from '../../server/src/rules/index';
import { runRules } from '../../server/src/rules/run';
import type { Finding } from '../../server/src/rules/finding';
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
  const next = { ...files };
  for (const name of Object.keys(files)) {
    const edits = fix.edits.filter((e) => e.uri === first.uri(name));
    if (edits.length > 0) next[name] = applyTextEdits(files[name], edits).text;
  }
  const second = await analyzeFiles(next);
  const after = runRules(RULES, second.model, second.analyzer.ruleContext()).findings;
  return { before, after, files: next, model: second.model };
}
