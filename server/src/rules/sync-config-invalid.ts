import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import { shortFileName } from '../model/location';

const RULE = 'sync-config-invalid';

/**
 * The errors and warnings PowerSync's own sync-config compiler (`@powersync/service-sync-rules`)
 * reports, at their YAML places, checked against the Postgres schema of the workspace's migrations.
 */
export const syncConfigInvalid: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: "An error or warning of PowerSync's own sync-config compiler, at its place in the sync config YAML.",
    docs: 'docs/rules/sync-config-invalid.md',
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const config of model.backend.syncConfigs) {
      const postgres = model.backend.postgres;
      const source = `Reported by PowerSync's own compiler (@powersync/service-sync-rules)${postgres ? ` with the Postgres tables of ${shortFileName(postgres.folder)}` : ', without a Postgres schema (no migrations read)'}.`;
      for (const problem of config.problems) {
        const message = problem.severity === 'error'
          ? `The PowerSync service rejects this sync config: ${sentence(problem.message)} ${source}`
          : `PowerSync's sync-config compiler warns: ${sentence(problem.message)} ${source}`;
        findings.push({ rule: RULE, severity: problem.severity, message, loc: problem.loc, related: [], fixes: [] });
      }
    }
    return findings;
  },
};

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
