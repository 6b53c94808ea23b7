import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import { shortFileName, type SourceLocation } from '../model/location';
import type { SyncConfig, SyncedOutputTable } from '../model/backend/sync-configs';
import type { RawTable, WorkspaceModel } from '../model/workspace';
import { anyFileUnread, findTable } from '../model/synced-tables';
import { syncedColumnPutFix, syncedColumnsEntryFix } from '../generate/synced-column-put-fix';

const RULE = 'synced-column-not-stored';

/**
 * The sync config sends a column for a table that the raw table of that name never reads: no
 * `Column("x")` of its put, no `Rest` (which keeps every key no Column reads), no `syncedColumns`
 * entry of an inferred table. The core drops the key: the data is sent on every row and lost.
 * Only when the workspace has one sync config whose output columns are all known, every raw table
 * of the name is fully read, and no file went unread (it may declare another raw table of the
 * name). An inferred raw table without `syncedColumns` writes the local table's columns: not judged.
 */
export const syncedColumnNotStored: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'warning',
    description: 'The sync config sends a column that the raw table of its table never reads (no Column, no Rest, no syncedColumns entry): the data is sent on every row and dropped.',
    docs: 'docs/rules/synced-column-not-stored.md',
    fixable: true,
  },
  check(model) {
    if (model.backend.syncConfigs.length !== 1) return [];
    const config = model.backend.syncConfigs[0];
    if (!config.outputTables) return [];
    // A raw table whose name is not known may be the one that reads the column.
    if (model.rawTables.some((r) => r.name === undefined) || anyFileUnread(model)) return [];
    const findings: Finding[] = [];
    for (const output of config.outputTables) {
      const rawTables = model.rawTables.filter((r) => r.name === output.name);
      if (rawTables.length === 0) continue;
      const reads = rawTables.map(keysRead);
      if (reads.some((r) => r === undefined)) continue;
      const read = new Set(reads.flatMap((r) => r!.keys));
      for (const column of output.columns) {
        if (column.name === 'id' || read.has(column.name)) continue;
        for (const [i, rawTable] of rawTables.entries()) findings.push(finding(model, rawTable, reads[i]!, column, output, config));
      }
    }
    return findings;
  },
};

interface KeysRead {
  keys: string[];
  loc: SourceLocation;
  how: string;
  remedy: string;
}

/** The keys of a synced row a raw table reads; undefined when not fully known, or when `Rest` keeps them all. */
function keysRead(rawTable: RawTable): KeysRead | undefined {
  if (rawTable.put) {
    const parameters = rawTable.put.parameters;
    if (!parameters) return undefined;
    const keys: string[] = [];
    for (const p of parameters) {
      if (p.kind === 'unknown' || p.kind === 'Rest') return undefined;
      if (p.kind === 'Column') {
        if (p.name === undefined) return undefined;
        keys.push(p.name);
      }
    }
    return {
      keys,
      loc: rawTable.put.parametersLoc ?? rawTable.put.loc,
      how: `the put of raw table '${rawTable.name}'`,
      remedy: 'read it with a Column parameter into a local column (or keep it with Rest)',
    };
  }
  const listed = rawTable.schema?.syncedColumns;
  if (!Array.isArray(listed) || !rawTable.schema?.syncedColumnsLoc) return undefined;
  return {
    keys: listed,
    loc: rawTable.schema.syncedColumnsLoc,
    how: `the syncedColumns of raw table '${rawTable.name}'`,
    remedy: 'list it in syncedColumns (with a local column of that name)',
  };
}

function finding(model: WorkspaceModel, rawTable: RawTable, read: KeysRead, sent: SyncedOutputTable['columns'][number], output: SyncedOutputTable, config: SyncConfig): Finding {
  const column = sent.name;
  const message =
    `Column '${column}' of '${output.name}' is synced on every row, then dropped. ` +
    `The sync config (${shortFileName(config.uri)}) sends it, and ${read.how} (${shortFileName(rawTable.loc.uri)}) never reads it. ` +
    `To keep it, ${read.remedy}; if the app does not need it, leave it out of the sync config's query.`;
  return {
    rule: RULE,
    severity: 'warning',
    message,
    loc: read.loc,
    related: output.queries.map((q) => ({ loc: q.loc, message: `a query of ${q.kind} '${q.definition}' that sends '${column}' for '${output.name}'` })),
    fixes: putFixes(model, rawTable, column, sent.nullable),
  };
}

/** Adding the column to an explicit put or to syncedColumns, where the local table has a column of exactly that name. */
function putFixes(model: WorkspaceModel, rawTable: RawTable, column: string, sentNullable: boolean | undefined): Finding['fixes'] {
  const table = rawTable.localTable !== undefined ? findTable(model, rawTable.localTable) : undefined;
  if (!table) return [];
  const fix = rawTable.put ? syncedColumnPutFix(model, rawTable, table, column, sentNullable) : syncedColumnsEntryFix(model, rawTable, table, column, sentNullable);
  return fix ? [fix] : [];
}
