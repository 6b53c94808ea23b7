import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { SyncConfig, SyncedOutputTable } from '../model/backend/sync-configs';
import type { Column, RawTable, Table } from '../model/workspace';
import { findTable } from '../model/synced-tables';
import { readInsertStatement } from '../sql/insert-statement';
import { splitSqlStatements } from '../sql/sql-text';
import { nullIntoNotNull } from '../model/null-into-not-null';
import { nullableColumnFix } from '../generate/nullable-column-fix';
import { shortFileName } from '../model/location';

const RULE = 'not-null-without-server-value';

/**
 * A local NOT NULL column that the put binds straight from a synced column the
 * server may send as NULL: the sync config selects it plainly (`col`, `col AS x`, `*`) from a
 * Postgres column the migrations leave nullable. The first NULL fails the put, and with it the
 * whole checkpoint. Only explicit puts whose `?` placeholders map one to one onto their values, in
 * a workspace with one sync config whose outputs are all known. A column the sync config does not
 * send at all is `put-column-not-synced`'s. A DEFAULT helps only under REPLACE conflict resolution
 * (`INSERT OR REPLACE`, or the column's `NOT NULL ON CONFLICT REPLACE`); `INSERT OR IGNORE` drops
 * the row instead (core-not-null-default.test.ts).
 */
export const notNullWithoutServerValue: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'A NOT NULL local column (a DEFAULT does not help an upsert) that the put fills from a column the server may send as NULL (nullable in Postgres): the first NULL fails the put and stalls the sync.',
    docs: 'docs/rules/not-null-without-server-value.md',
    fixable: true,
  },
  check(model) {
    if (model.backend.syncConfigs.length !== 1) return [];
    const config = model.backend.syncConfigs[0];
    if (!config.outputTables) return [];
    const findings: Finding[] = [];
    for (const rawTable of model.rawTables) {
      const output = rawTable.name === undefined ? undefined : config.outputTables.find((t) => t.name === rawTable.name);
      if (!output || !rawTable.localTable) continue;
      const table = findTable(model, rawTable.localTable);
      if (!table) continue;
      for (const { column, key, loc } of boundColumns(rawTable, table)) {
        // IGNORE skips the row instead of failing (another outcome than this rule's); REPLACE with a DEFAULT stores it.
        if (!column.notNull || nullIntoNotNull(table, column, rawTable.put?.sql) !== 'fails') continue;
        const sent = output.columns.find((c) => c.name === key);
        if (!sent || sent.nullable !== true || !sent.nullableFrom) continue;
        const fix = nullableColumnFix(model, table, column);
        findings.push({
          ...finding(rawTable, table, column, key, sent.nullableFrom, loc, config, output, model.backend.postgres?.tables.find((t) => sent.nullableFrom!.startsWith(`${t.schema}.${t.name}.`))?.loc),
          fixes: fix ? [fix] : [],
        });
      }
    }
    return findings;
  },
};


/**
 * The local columns a put binds straight from a `Column("key")`: the VALUES entry is one bare `?`.
 * Empty unless the put is plainly readable: every parameter resolved, every placeholder a bare `?`,
 * as many placeholders as parameters, as many values as columns.
 */
function boundColumns(rawTable: RawTable, table: Table): { column: Column; key: string; loc: RawTable['nameLoc'] }[] {
  const put = rawTable.put;
  if (!put?.sql || !put.parameters) return [];
  if (put.parameters.some((p) => p.kind === 'unknown' || (p.kind === 'Column' && p.name === undefined))) return [];
  const tokens = splitSqlStatements(put.sql)[0]?.tokens ?? [];
  const placeholders = tokens.filter((t) => t.kind === 'parameter');
  if (placeholders.some((t) => t.text !== '?') || placeholders.length !== put.parameters.length) return [];
  const insert = readInsertStatement(put.sql);
  if (!insert || insert.table.toLowerCase() !== table.name.toLowerCase()) return [];
  const names = insert.columns ?? table.columns.map((c) => c.name);
  if (names.length !== insert.valueTokens.length) return [];
  const out: { column: Column; key: string; loc: RawTable['nameLoc'] }[] = [];
  let index = 0;
  names.forEach((name, i) => {
    const value = insert.valueTokens[i];
    const parameters = value.filter((t) => t.kind === 'parameter').length;
    if (value.length === 1 && parameters === 1) {
      const parameter = put.parameters![index];
      const column = table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (parameter.kind === 'Column' && column) out.push({ column, key: parameter.name!, loc: parameter.loc });
    }
    index += parameters;
  });
  return out;
}

function finding(rawTable: RawTable, table: Table, column: Column, key: string, source: string, loc: RawTable['nameLoc'], config: SyncConfig, output: SyncedOutputTable, pgLoc: RawTable['nameLoc'] | undefined): Finding {
  const message =
    `A NULL '${key}' from the server fails the put of '${rawTable.name}' and stalls the sync. ` +
    `Local column '${table.name}.${column.name}' (${shortFileName(column.loc.uri)}) is NOT NULL ${column.defaultValue === undefined ? 'without a DEFAULT' : '(its DEFAULT is not used: the put binds the NULL, and only INSERT OR REPLACE would store the DEFAULT instead)'}, and the put of raw table '${rawTable.name}' (${shortFileName(rawTable.loc.uri)}) binds it from Column '${key}', ` +
    `which the sync config (${shortFileName(config.uri)}) sends from the Postgres column ${source}, nullable as the migrations leave it${pgLoc ? ` (the table is created in ${shortFileName(pgLoc.uri)})` : ''}. ` +
    `The first row where it is NULL fails with 'NOT NULL constraint failed' and the whole checkpoint is not applied. ` +
    `Make the local column nullable, make the Postgres column NOT NULL, or bind a fallback in the put (coalesce(?, …)).`;
  return {
    rule: RULE,
    severity: 'error',
    message,
    loc,
    related: [
      { loc: column.loc, message: `the NOT NULL column '${table.name}.${column.name}'` },
      ...output.queries.map((q) => ({ loc: q.loc, message: `a query of ${q.kind} '${q.definition}' that sends '${key}' for '${rawTable.name}'` })),
      ...(pgLoc ? [{ loc: pgLoc, message: `the Postgres table whose column ${source} allows NULL` }] : []),
    ],
    fixes: [],
  };
}
