import type { Finding } from './finding';
import type { Rule } from './rule';

/**
 * What Rawsync could not read is said, never passed over as fine: a file the front end gave up
 * on (a parse over its time budget, an error while reading it) may declare raw tables, triggers
 * or entities that no other rule saw.
 */
export const notAnalyzed: Rule = {
  meta: {
    id: 'not-analyzed',
    defaultSeverity: 'info',
    description: 'Code Rawsync could not read or evaluate, so it was not checked: a file it gave up on.',
    docs: 'docs/rules/not-analyzed.md',
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const file of model.files.values()) {
      if (!file.unread) continue;
      const { from, reason } = file.unread;
      const part = from.line === 0 && from.character === 0 ? 'this file' : `this file from line ${from.line + 1} on`;
      findings.push({
        rule: 'not-analyzed',
        severity: 'info',
        message: `Not checked: Rawsync could not read ${part} (${reason}), so what it declares was not checked.`,
        loc: { uri: file.uri, range: { start: from, end: from } },
        related: [],
        fixes: [],
      });
    }
    return findings;
  },
};
