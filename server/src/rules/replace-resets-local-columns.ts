import { readInsertStatement } from '../sql/insert-statement';
import { findTable, syncedTables } from '../model/synced-tables';
import { upsertPutFix } from '../generate/upsert-put-fix';
import { inferredRawTableFix } from '../generate/inferred-raw-table-fix';
import { foreignKeySetting } from '../model/foreign-key-setting';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

const DESTRUCTIVE = new Set(['CASCADE', 'SET NULL', 'SET DEFAULT']);

/** An INSERT OR REPLACE put: the row is deleted and re-inserted on every sync of it. */
export const replaceResetsLocalColumns: Rule = {
  meta: {
    id: 'replace-resets-local-columns',
    defaultSeverity: 'warning',
    description: 'A raw table put that is INSERT OR REPLACE / REPLACE INTO: local-only columns are reset and ON DELETE actions fire on every sync of a row.',
    docs: 'docs/rules/replace-resets-local-columns.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    const synced = syncedTables(model);
    const enforced = foreignKeySetting(model).enabled;
    for (const rawTable of model.rawTables) {
      const put = rawTable.put;
      if (put?.sql === undefined) continue;
      const insert = readInsertStatement(put.sql);
      if (!insert || insert.orAction !== 'REPLACE') continue;
      const table = findTable(model, insert.table);
      const localOnly = table ? synced.find((s) => s.table === table)?.localOnlyColumns ?? [] : [];
      // ON DELETE actions run only where SQLite checks foreign keys (see foreignKeySetting).
      const children = table && enforced
        ? model.tables.flatMap((child) => child.foreignKeys
          .filter((fk) => fk.parentTable.toLowerCase() === table.name.toLowerCase() && DESTRUCTIVE.has(fk.onDelete))
          .map((fk) => ({ child, fk })))
        : [];
      const consequences: string[] = [];
      if (localOnly.length > 0) {
        consequences.push(`the local-only column${localOnly.length > 1 ? 's' : ''} ${localOnly.map((c) => `'${c.name}'`).join(', ')} go${localOnly.length > 1 ? '' : 'es'} back to ${localOnly.length > 1 ? 'their defaults' : 'its default'}`);
      }
      for (const { child, fk } of children) {
        consequences.push(`ON DELETE ${fk.onDelete} fires on '${child.name}' (${fk.onDelete === 'CASCADE' ? 'its rows are deleted' : 'its reference is cleared'})`);
      }
      const severity = consequences.length > 0 ? 'error' : 'warning';
      const what = consequences.length > 0 ? `: ${consequences.join('; ')}` : ', which resets any column the put does not write and fires ON DELETE actions';
      const name = rawTable.name ?? insert.table;
      const lead = localOnly.length > 0 ? `Each synced row of '${name}' resets local-only data.`
        : children.length > 0 ? `Each synced row of '${name}' fires ON DELETE on its children.`
        : `Each synced row of '${name}' is deleted and inserted again.`;
      findings.push({
        rule: 'replace-resets-local-columns',
        severity,
        message: `${lead} The put of raw table '${name}' uses REPLACE: every time the server sends this row, SQLite deletes it and inserts it again${what}. Use an upsert: INSERT … ON CONFLICT(id) DO UPDATE SET … over the synced columns.`,
        loc: put.sqlLoc,
        related: [
          ...localOnly.map((c) => ({ loc: c.loc, message: `local-only column '${c.name}'` })),
          ...children.map(({ child, fk }) => ({ loc: fk.loc, message: `foreign key of '${child.name}' with ON DELETE ${fk.onDelete}` })),
        ],
        fixes: [upsertPutFix(rawTable, table), inferredRawTableFix(model, rawTable, table)].filter((f) => f !== undefined),
      });
    }
    return findings;
  },
};
