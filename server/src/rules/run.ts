import type { WorkspaceModel } from '../model/workspace';
import { compareLocations } from '../model/location';
import type { Finding, SeveritySetting } from '../findings/finding';
import type { Rule, RuleContext } from '../findings/rule';
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
  const kept = applyDisableComments(onePerCause(findings), model).sort((a, b) => compareLocations(a.loc, b.loc) || a.rule.localeCompare(b.rule));
  return { findings: kept, failures };
}

/**
 * One finding per rule and span: a rule that meets the same mistake twice at one place (a raw
 * table declared once but reached through two schemas, a statement read for two platforms) says
 * it once, its related places merged.
 */
function onePerCause(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const finding of findings) {
    const { start, end } = finding.loc.range;
    const key = `${finding.rule}|${finding.loc.uri}|${start.line}:${start.character}-${end.line}:${end.character}|${finding.message}`;
    const earlier = byKey.get(key);
    if (!earlier) {
      byKey.set(key, finding);
      continue;
    }
    const seen = new Set(earlier.related.map((r) => `${r.loc.uri}|${r.loc.range.start.line}:${r.loc.range.start.character}|${r.message}`));
    const added = finding.related.filter((r) => !seen.has(`${r.loc.uri}|${r.loc.range.start.line}:${r.loc.range.start.character}|${r.message}`));
    if (added.length > 0) byKey.set(key, { ...earlier, related: [...earlier.related, ...added] });
  }
  return [...byKey.values()];
}
