import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { SourceLocation } from '../model/location';
import type { UnresolvedPart } from '../model/unknown-reason';
import type { WorkspaceModel } from '../model/workspace';
import { keysAcrossStreamPriorities } from './fk-across-priorities';

/**
 * What Rawsync could not read is said, never passed over as fine: a file the front end gave up
 * on may declare raw tables, triggers or entities that no other rule saw; a raw table, statement,
 * trigger, Schema entry, pool schema or database path built at run time was checked by no rule.
 */
/** How many findings say that something was not checked (for summaries and the status item). */
export function notCheckedCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.rule === 'not-analyzed').length;
}

export const notAnalyzed: Rule = {
  meta: {
    id: 'not-analyzed',
    defaultSeverity: 'info',
    description: 'Code Rawsync could not read or evaluate, so no rule checked it: a file it gave up on, a raw table, statement, trigger, Schema entry, pool schema or database path built at run time.',
    docs: 'docs/rules/not-analyzed.md',
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const file of model.files.values()) {
      if (!file.unread) continue;
      const { from, reason } = file.unread;
      const part = from.line === 0 && from.character === 0 ? 'this file' : `this file from line ${from.line + 1} on`;
      findings.push(notChecked(`Not checked: ${part}. Rawsync could not read it (${reason}), so what it declares was not checked.`, { uri: file.uri, range: { start: from, end: from } }));
    }
    const parts: UnresolvedPart[] = [
      ...model.rawTables.flatMap((r) => r.unresolved ?? []),
      ...model.schemas.flatMap((s) => s.unresolved ?? []),
      ...model.triggers.flatMap((t) => (t.unresolved ? [t.unresolved] : [])),
      ...model.unreadTables.map((t) => t.unresolved),
      ...model.roomConnectionPools.flatMap((pool) => (pool.schemaArgumentLoc && !pool.schema
        ? [{ what: 'the Schema given to this RoomConnectionPool', reason: 'it is no Schema(…) Rawsync can find', loc: pool.schemaArgumentLoc }]
        : [])),
      // A file name or directory that could not be read (not one whose folder merely depends on the platform).
      ...(model.rawTables.length > 0 ? model.databasePaths.filter((p) => p.opener !== 'powersync-opened' && p.path === undefined && (p.fileName === undefined || p.dbDirectoryGiven)).map((p) => ({
        what: `the database file of this ${p.opener === 'room' ? 'Room database' : 'PowerSyncDatabase'}${p.platform === 'common' || p.platform === 'unknown' ? '' : ` on ${p.platform}`}`,
        reason: p.description,
        loc: p.fileNameLoc ?? p.loc,
      })) : []),
      ...backendParts(model),
      ...keysAcrossStreamPriorities(model),
    ];
    const seen = new Set<string>();
    for (const part of parts) {
      const key = `${part.loc.uri}:${part.loc.range.start.line}:${part.loc.range.start.character}:${part.what}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(notChecked(`Not checked: ${part.what}. ${capitalize(part.reason)}.`, part.loc));
    }
    return findings;
  },
};

/** With a sync config to check: the Postgres statements whose changes to tables were not followed. */
function backendParts(model: WorkspaceModel): UnresolvedPart[] {
  const postgres = model.backend.postgres;
  const parts: UnresolvedPart[] = [];
  // The raw tables were not checked against what the server sends (a config that does not compile is said by sync-config-invalid).
  if (model.rawTables.length > 0) {
    for (const config of model.backend.syncConfigs) {
      if (config.outputsUnknown && !config.problems.some((p) => p.severity === 'error') && !postgres?.unknown) {
        parts.push({ what: 'the raw tables\' columns against what this sync config sends', reason: config.outputsUnknown, loc: config.keyLoc });
      }
      // A table the config sends whose columns are not known, which a raw table takes.
      for (const output of config.unknownOutputTables ?? []) {
        if (!model.rawTables.some((r) => r.name === output.name)) continue;
        parts.push({ what: `raw table '${output.name}' against the columns this sync config sends for it`, reason: output.reason, loc: output.queries[0]?.loc ?? config.keyLoc });
      }
    }
  }
  if (!postgres || model.backend.syncConfigs.length === 0) return parts;
  // A migration that does not parse is already said above, as a file not read.
  if (postgres.unknown && !model.files.get(postgres.unknown.loc.uri)?.unread) {
    parts.push({ what: 'the Postgres tables from this statement on, against the sync config', reason: postgres.unknown.reason, loc: postgres.unknown.loc });
  }
  // With no table known, the tables not known one by one would say nothing more.
  if (postgres.unknown) return parts;
  for (const table of postgres.tables) {
    if (table.unknown) parts.push({ what: `the columns of Postgres table ${table.schema}.${table.name}, against the sync config`, reason: table.unknown, loc: table.unknownLoc ?? table.loc });
  }
  return parts;
}

function notChecked(message: string, loc: SourceLocation): Finding {
  return { rule: 'not-analyzed', severity: 'info', message, loc, related: [], fixes: [] };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
