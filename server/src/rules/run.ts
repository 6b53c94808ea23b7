import type { WorkspaceModel } from '../model/workspace';
import { compareLocations } from '../model/location';
import type { Finding, SeveritySetting } from './finding';
import type { Rule, RuleContext } from './rule';
import { applyDisableComments } from './disable-filter';

export interface RunOptions {
  /** Per-rule severity overrides: `rawsync.rules.<id>` settings, `rawsync.json`, `--rule`. */
  severities?: Record<string, SeveritySetting>;
}

export interface RuleRun {
  findings: Finding[];
  /** Rules that threw: our bugs, reported by the door, never hiding the other rules' findings. */
  failures: { rule: string; error: unknown }[];
}

/** Runs every rule, applies severity settings and disable comments, and sorts the findings. */
export function runRules(rules: readonly Rule[], model: WorkspaceModel, ctx: RuleContext, options: RunOptions = {}): RuleRun {
  const findings: Finding[] = [];
  const failures: RuleRun['failures'] = [];
  for (const rule of rules) {
    const setting = options.severities?.[rule.meta.id];
    if (setting === 'off') continue;
    let found: Finding[];
    try {
      found = rule.check(model, ctx);
    } catch (error) {
      found = [];
      failures.push({ rule: rule.meta.id, error });
    }
    for (const f of found) findings.push(setting ? { ...f, severity: setting } : f);
  }
  const kept = applyDisableComments(findings, model).sort((a, b) => compareLocations(a.loc, b.loc) || a.rule.localeCompare(b.rule));
  return { findings: kept, failures };
}
