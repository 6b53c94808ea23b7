import type { Finding } from './finding';
import type { Rule } from './rule';

/** `disconnectAndClear()` leaves raw tables alone unless each has a `clear` statement. */
export const missingClear: Rule = {
  meta: {
    id: 'missing-clear',
    defaultSeverity: 'info',
    description: 'A raw table without a clear statement in a workspace that calls disconnectAndClear.',
    docs: 'docs/rules/missing-clear.md',
    fixable: true,
  },
  check(model) {
    const clears = [...model.files.values()].flatMap((f) => f.clearCalls);
    if (clears.length === 0) return [];
    const findings: Finding[] = [];
    for (const rawTable of model.rawTables) {
      if (rawTable.clear || rawTable.name === undefined) continue;
      findings.push({
        rule: 'missing-clear',
        severity: 'info',
        message: `Raw table '${rawTable.name}' has no clear statement: disconnectAndClear() clears PowerSync's own data but leaves every row of '${rawTable.localTable ?? rawTable.name}' in place, so the next user of the device sees the previous user's rows. Add clear = "DELETE FROM ${rawTable.localTable ?? rawTable.name}".`,
        loc: rawTable.nameLoc,
        related: [{ loc: clears[0], message: 'disconnectAndClear() is called here' }],
        fixes: [],
      });
    }
    return findings;
  },
};
