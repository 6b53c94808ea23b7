import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import { shortFileName, type SourceLocation } from '../model/location';
import type { SyncConfig, SyncedOutputTable } from '../model/backend/sync-configs';
import type { PostgresSchema } from '../model/backend/postgres-schema';
import type { ParameterSource, RawTable } from '../model/workspace';
import { similarName } from '../model/similar-names';
import { syncedKeyFixes } from '../generate/column-name-fix';

const RULE = 'put-column-not-synced';

/**
 * A raw table reads a column by name from each synced row (the put's `Column("x")`, an inferred
 * table's `syncedColumns` entry) that no query of the sync config sends for that table: the core
 * finds no such key and binds NULL. Only when the workspace has one sync config and every column of
 * the table's output is known (its source tables are read from the Postgres migrations).
 */
export const putColumnNotSynced: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: "A raw table's put reads a column that no query of the sync config sends for its table: the column is bound NULL on every synced row.",
    docs: 'docs/rules/put-column-not-synced.md',
    fixable: true,
  },
  check(model) {
    // Several sync configs (staging, production, a service config): which one the app meets is not known.
    if (model.backend.syncConfigs.length !== 1) return [];
    const config = model.backend.syncConfigs[0];
    if (!config.outputTables) return [];
    const findings: Finding[] = [];
    for (const rawTable of model.rawTables) {
      if (rawTable.name === undefined) continue;
      // The sync name is matched as written: the service sends `todos`, never `Todos`.
      const output = config.outputTables.find((t) => t.name === rawTable.name);
      if (!output) continue;
      for (const read of columnsRead(rawTable)) {
        if (read.name === 'id' || output.columns.some((c) => c.name === read.name)) continue;
        findings.push(finding(rawTable, read, output, config, renamedColumn(model.backend.postgres, output, read.name)));
      }
    }
    return findings;
  },
};

interface ColumnRead {
  name: string;
  loc: SourceLocation;
  how: string;
  /** The put's parameter, which a fix may rewrite. */
  parameter?: ParameterSource;
}

/** The columns a raw table takes from synced rows by name, each where it is written. */
function columnsRead(rawTable: RawTable): ColumnRead[] {
  const out: ColumnRead[] = [];
  for (const parameter of rawTable.put?.parameters ?? []) {
    if (parameter.kind === 'Column' && parameter.name !== undefined) out.push({ name: parameter.name, loc: parameter.loc, how: `The put of raw table '${rawTable.name}'`, parameter });
  }
  const synced = rawTable.schema?.syncedColumns;
  if (!rawTable.put && Array.isArray(synced) && rawTable.schema?.syncedColumnsLoc) {
    for (const name of synced) out.push({ name, loc: rawTable.schema.syncedColumnsLoc, how: `The syncedColumns entry of raw table '${rawTable.name}'` });
  }
  return out;
}

/** The output column sent from a Postgres column a migration renamed from `name`, and where. */
interface Renamed {
  to: string;
  from: string;
  loc: SourceLocation;
}

function renamedColumn(postgres: PostgresSchema | undefined, output: SyncedOutputTable, name: string): Renamed | undefined {
  for (const column of output.columns) {
    if (!column.from) continue;
    const table = postgres?.tables.find((t) => column.from!.startsWith(`${t.schema}.${t.name}.`));
    const pg = table?.columns.find((c) => column.from === `${table.schema}.${table.name}.${c.name}`);
    const former = pg?.formerNames?.find((f) => f.name === name);
    if (former) return { to: column.name, from: column.from, loc: former.loc };
  }
  return undefined;
}

function finding(rawTable: RawTable, read: ColumnRead, output: SyncedOutputTable, config: SyncConfig, renamed: Renamed | undefined): Finding {
  const names = output.columns.map((c) => c.name);
  const close = renamed?.to ?? similarName(read.name, names);
  const sent = names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : 'no column but the id';
  const message =
    `Synced rows of '${output.name}' never carry '${read.name}': it is bound NULL on every row. ` +
    `${read.how} (${shortFileName(rawTable.loc.uri)}) reads column '${read.name}', which no query of the sync config (${shortFileName(config.uri)}) sends for '${output.name}'. ` +
    (renamed
      ? `A migration (${shortFileName(renamed.loc.uri)}) renamed the Postgres column '${read.name}' to ${renamed.from}, which the sync config sends as '${renamed.to}': did you mean '${renamed.to}'?`
      : `The sync config sends ${sent}` + (close ? `; did you mean '${close}'? Column names are matched exactly, case included.` : '.'));
  return {
    rule: RULE,
    severity: 'error',
    message,
    loc: read.loc,
    related: [
      ...output.queries.map((q) => ({ loc: q.loc, message: `a query of ${q.kind} '${q.definition}' that outputs '${output.name}' without '${read.name}'` })),
      ...(renamed ? [{ loc: renamed.loc, message: `the migration that renames '${read.name}'` }] : []),
    ],
    // Only a put's key is renamed: a syncedColumns entry is also the local column's name.
    fixes: read.parameter ? syncedKeyFixes(read.parameter, names, keysOf(rawTable), rawTable.api, renamed?.to) : [],
  };
}

/** The keys the put's Column parameters read. */
function keysOf(rawTable: RawTable): string[] {
  return (rawTable.put?.parameters ?? []).flatMap((p) => (p.kind === 'Column' && p.name !== undefined ? [p.name] : []));
}
