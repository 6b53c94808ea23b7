import { readInsertStatement } from '../sql/insert-statement';
import { findTable } from '../model/synced-tables';
import { upsertPutFix } from '../generate/upsert-put-fix';
import { inferredRawTableFix } from '../generate/inferred-raw-table-fix';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

/** An explicit put that is no upsert: the second sync of a row fails, or server updates vanish. */
export const putNotUpsert: Rule = {
  meta: {
    id: 'put-not-upsert',
    defaultSeverity: 'error',
    description: 'A raw table put that is a plain INSERT (or INSERT OR ABORT/FAIL/ROLLBACK/IGNORE) instead of an upsert.',
    docs: 'docs/rules/put-not-upsert.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const rawTable of model.rawTables) {
      const put = rawTable.put;
      if (put?.sql === undefined) continue;
      const insert = readInsertStatement(put.sql);
      if (!insert || insert.orAction === 'REPLACE') continue;
      if (insert.upserts.some((u) => u.action === 'UPDATE')) continue;
      // A table of ids alone has nothing to update: DO NOTHING is the right upsert there.
      const idOnly = insert.columns !== undefined && insert.columns.every((c) => c.toLowerCase() === 'id');
      if (idOnly && insert.upserts.some((u) => u.action === 'NOTHING')) continue;
      const name = rawTable.name ?? insert.table;
      const ignores = insert.orAction === 'IGNORE' || insert.upserts.some((u) => u.action === 'NOTHING');
      const verb = insert.orAction ? `INSERT OR ${insert.orAction}` : 'a plain INSERT';
      const message = ignores
        ? `Server updates to rows of '${name}' are dropped. The put of raw table '${name}' ignores conflicts: when the server updates a row this client already has, the update is dropped without a word and the local row stays stale forever. Use an upsert: INSERT … ON CONFLICT(id) DO UPDATE SET ….`
        : `Sync stalls once the server updates a row of '${name}'. The put of raw table '${name}' is ${verb}: the first sync of a row works, but when the server updates that row the next sync fails with 'UNIQUE constraint failed: ${insert.table}.id' and the whole sync stalls. Use an upsert: INSERT … ON CONFLICT(id) DO UPDATE SET ….`;
      const table = findTable(model, insert.table);
      findings.push({
        rule: 'put-not-upsert',
        severity: 'error',
        message,
        loc: put.sqlLoc,
        related: table ? [{ loc: table.nameLoc, message: `table '${table.name}'` }] : [],
        fixes: [upsertPutFix(rawTable, table), inferredRawTableFix(model, rawTable, table)].filter((f) => f !== undefined),
      });
    }
    return findings;
  },
};
