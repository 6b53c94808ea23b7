import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { WorkspaceModel } from '../model/workspace';
import { anyFileUnread } from '../model/synced-tables';
import { clientTableFix } from '../generate/client-table-fix';
import { shortFileName } from '../model/location';

const RULE = 'synced-table-without-client';

/**
 * Both ends of a table name that only one side knows:
 * - a table the sync config sends that no raw table and no PowerSync table of the client schema
 *   declares: the core keeps its rows in `ps_untyped`, where the app never sees them. Only when
 *   every Schema of the workspace is fully read, every raw table's name is known and no file
 *   went unread;
 * - a raw table whose name no query of the sync config outputs: nothing ever syncs into it. Only
 *   when the one sync config compiles and all its output tables are known.
 */
export const syncedTableWithoutClient: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'warning',
    description: 'A table the sync config sends that the client schema does not declare (its rows sit unused in ps_untyped), or a raw table no query of the sync config feeds.',
    docs: 'docs/rules/synced-table-without-client.md',
    fixable: true,
  },
  check(model) {
    if (model.backend.syncConfigs.length !== 1) return [];
    const config = model.backend.syncConfigs[0];
    if (!config.outputTables) return [];
    const findings: Finding[] = [];
    const names = clientNames(model);
    // Tables whose columns are not known still have known names.
    const outputs = [...config.outputTables, ...(config.unknownOutputTables ?? [])];
    if (names) {
      for (const output of outputs) {
        if (names.has(output.name.toLowerCase())) continue;
        findings.push({
          rule: RULE,
          severity: 'warning',
          message:
            `Synced rows of '${output.name}' reach no table of the app. ` +
            `The sync config (${shortFileName(config.uri)}) sends '${output.name}', but no raw table and no PowerSync table of the client schema (${[...schemaFiles(model)].join(', ')}) has that name: ` +
            `the core keeps its rows in ps_untyped, where the app never reads them. Declare a raw table (or a Table) named '${output.name}', or stop syncing it.`,
          loc: output.queries[0]?.loc ?? config.keyLoc,
          related: [
            ...output.queries.slice(1).map((q) => ({ loc: q.loc, message: `another query that outputs '${output.name}'` })),
            ...model.schemas.map((s) => ({ loc: s.loc, message: `a client schema without '${output.name}'` })),
          ],
          // A table whose columns are not known gets no declaration to write.
          fixes: ['columns' in output ? clientTableFix(model, output) : undefined].filter((f) => f !== undefined),
        });
      }
    }
    for (const rawTable of model.rawTables) {
      if (rawTable.name === undefined || rawTable.schema?.options.localOnly) continue;
      if (outputs.some((t) => t.name === rawTable.name)) continue;
      const close = outputs.find((t) => t.name.toLowerCase() === rawTable.name!.toLowerCase());
      const sent = outputs.map((t) => `'${t.name}'`).join(', ') || 'no table';
      findings.push({
        rule: RULE,
        severity: 'warning',
        message:
          `No synced row ever reaches raw table '${rawTable.name}'. ` +
          `Raw table '${rawTable.name}' (${shortFileName(rawTable.loc.uri)}) takes the rows the sync config sends under that name, and no query of the sync config (${shortFileName(config.uri)}) outputs '${rawTable.name}': it sends ${sent}` +
          (close ? `; did you mean '${close.name}'? Table names are matched exactly, case included.` : '.'),
        loc: rawTable.nameLoc,
        related: [close ? { loc: close.queries[0]?.loc ?? config.keyLoc, message: `the query that outputs '${close.name}'` } : { loc: config.keyLoc, message: `the sync config, which outputs no '${rawTable.name}'` }],
        fixes: [],
      });
    }
    return findings;
  },
};

/**
 * The sync names the client declares, lower-cased: every raw table and every PowerSync table of
 * every Schema. Undefined when any of it is not fully read (a Schema entry not resolved, a name
 * not known, a file not read) or no Schema is found.
 */
function clientNames(model: WorkspaceModel): Set<string> | undefined {
  if (model.schemas.length === 0 || anyFileUnread(model)) return undefined;
  if (model.rawTables.some((r) => r.name === undefined)) return undefined;
  // A Schema construction the model left out (a shape not foreseen) may declare any table.
  let constructions = 0;
  for (const file of model.files.values()) constructions += file.schemas?.length ?? 0;
  if (constructions !== model.schemas.length) return undefined;
  const names = new Set<string>();
  for (const schema of model.schemas) {
    if (schema.unresolved?.length) return undefined;
    if (schema.rawTables.some((r) => r === undefined || r.name === undefined)) return undefined;
    if (schema.viewTables.some((v) => v.name === undefined)) return undefined;
    // An entry read as neither (a `Table(…)` not known to be PowerSync's) may be the table.
    if (schema.opaqueEntries?.length) return undefined;
    for (const r of schema.rawTables) names.add(r!.name!.toLowerCase());
    for (const v of schema.viewTables) names.add(v.name!.toLowerCase());
  }
  for (const r of model.rawTables) names.add(r.name!.toLowerCase());
  return names;
}

function schemaFiles(model: WorkspaceModel): Set<string> {
  return new Set(model.schemas.map((s) => shortFileName(s.loc.uri)));
}
