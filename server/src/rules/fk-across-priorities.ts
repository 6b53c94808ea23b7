import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { SyncConfig, SyncedOutputTable } from '../model/backend/sync-configs';
import { foreignKeySetting, type ForeignKeySetting } from '../model/foreign-key-setting';
import { anyFileUnread, syncedTables, type SyncedTable } from '../model/synced-tables';
import type { UnresolvedPart } from '../model/unknown-reason';
import type { ForeignKey, WorkspaceModel } from '../model/workspace';
import { shortFileName } from '../model/location';

const RULE = 'fk-across-priorities';

/**
 * A checked foreign key from a table the sync config sends at a higher priority (a lower number)
 * to one it sends at a lower priority: PowerSync applies each priority of a checkpoint in its own
 * transaction, the higher first, so the child rows commit before their parents exist; deferring
 * the key does not help (measured in test/unit/backend/core-fk-priorities.test.ts). Only when
 * both tables' priorities are known and single (bucket definitions, not streams, whose priority a
 * client may override), and every raw table of the app is known.
 */
export const fkAcrossPriorities: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'A foreign key from a table synced at a higher priority to one synced at a lower priority: the children are applied, and checked, before their parents arrive.',
    docs: 'docs/rules/fk-across-priorities.md',
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const { config, setting, child, parent, fk, childOutput, parentOutput, streams } of keysAcrossPriorities(model)) {
      // A stream's priority is the default a client may override: said by not-analyzed.
      if (streams) continue;
      const [childPriority, parentPriority] = [childOutput.priorities[0], parentOutput.priorities[0]];
      const deferred = fk.deferred
        ? ' Deferring the key does not help: it is checked when that transaction commits, and the parents are not in it.'
        : ' The core ends the sync there, and each new connection fails the same way; deferring the key would not help, as it would be checked when that transaction commits, without the parents.';
      findings.push({
        rule: RULE,
        severity: 'error',
        message:
          `Synced '${child.table.name}' rows arrive before their '${fk.parentTable}' rows and fail this foreign key, stopping the sync. ` +
          `The sync config (${shortFileName(config.uri)}) sends '${childOutput.name}' at priority ${childPriority} and '${parentOutput.name}' at priority ${parentPriority}: PowerSync applies each priority of a checkpoint in its own transaction, the higher (lower number) first, so a new '${child.table.name}' row is applied before the '${fk.parentTable}' row it references exists, and the transaction of priority ${childPriority} fails ('FOREIGN KEY constraint failed').` +
          deferred +
          ` SQLite checks the key: ${setting.reason}. ` +
          `Send '${parentOutput.name}' at priority ${childPriority} or a higher one (a lower number), or '${childOutput.name}' at priority ${parentPriority}.`,
        loc: fk.loc,
        related: [
          ...childOutput.queries.map((q) => ({ loc: q.loc, message: `${q.kind} '${q.definition}' sends '${childOutput.name}' at priority ${childPriority}` })),
          ...parentOutput.queries.map((q) => ({ loc: q.loc, message: `${q.kind} '${q.definition}' sends '${parentOutput.name}' at priority ${parentPriority}` })),
          { loc: parent.table.nameLoc, message: `parent table '${parent.table.name}'` },
        ],
        fixes: [],
      });
    }
    return findings;
  },
};

/** A checked foreign key whose child table is sent at a higher priority than its parent. */
interface KeyAcrossPriorities {
  config: SyncConfig;
  setting: ForeignKeySetting;
  child: SyncedTable;
  parent: SyncedTable;
  fk: ForeignKey;
  childOutput: SyncedOutputTable;
  parentOutput: SyncedOutputTable;
  /** A sync stream sends one of them: the priorities are its defaults, which a client may override. */
  streams: boolean;
}

/**
 * Every checked foreign key from a synced table to a synced parent whose (default) priority is
 * lower than the child's, when everything but stream overrides is known: one sync config with known
 * outputs, foreign keys on, every raw table named and targeted, each table written by one raw
 * table whose output is sent at one priority, the key's columns synced.
 */
function keysAcrossPriorities(model: WorkspaceModel): KeyAcrossPriorities[] {
  // Several sync configs (staging, production): which one the app meets is not known.
  if (model.backend.syncConfigs.length !== 1) return [];
  const config = model.backend.syncConfigs[0];
  if (!config.outputTables) return [];
  // SQLite checks no foreign key unless the connection turns them on.
  const setting = foreignKeySetting(model);
  if (!setting.enabled) return [];
  // A raw table whose name or local table is unknown (or one in a file not read) may sync either table at another priority.
  if (model.rawTables.some((r) => r.name === undefined || r.localTable === undefined) || anyFileUnread(model)) return [];
  const synced = syncedTables(model);
  const out: KeyAcrossPriorities[] = [];
  for (const child of synced) {
    const childOutput = soleOutput(child, config);
    if (!childOutput) continue;
    for (const fk of child.table.foreignKeys) {
      // A key column sync does not write stays NULL (or local) on synced rows: nothing to check against the parent.
      if (!child.syncedColumns || fk.childColumns.length === 0 || !fk.childColumns.every((c) => child.syncedColumns!.has(c.toLowerCase()))) continue;
      const parent = synced.find((s) => s.table.name.toLowerCase() === fk.parentTable.toLowerCase());
      if (!parent || parent === child) continue;
      const parentOutput = soleOutput(parent, config);
      if (!parentOutput || childOutput.priorities[0] >= parentOutput.priorities[0]) continue;
      out.push({ config, setting, child, parent, fk, childOutput, parentOutput, streams: isStreamed(childOutput) || isStreamed(parentOutput) });
    }
  }
  return out;
}

/**
 * Foreign keys this rule would judge but for a sync stream, whose priority a client may override
 * when it subscribes: for not-analyzed to say.
 */
export function keysAcrossStreamPriorities(model: WorkspaceModel): UnresolvedPart[] {
  return keysAcrossPriorities(model).filter((k) => k.streams).map((k) => ({
    what: `the foreign key from '${k.child.table.name}' to '${k.fk.parentTable}' against the priorities they sync at`,
    reason: `sync streams send ${[k.childOutput, k.parentOutput].filter(isStreamed).map((o) => `'${o.name}'`).join(' and ')}, and a client may subscribe to a stream at another priority than its default (by the defaults, '${k.childOutput.name}' at ${k.childOutput.priorities[0]} and '${k.parentOutput.name}' at ${k.parentOutput.priorities[0]}, the children would be applied first)`,
    loc: k.fk.loc,
  }));
}

function isStreamed(output: SyncedOutputTable): boolean {
  return output.prioritiesOverridable === true || output.queries.some((q) => q.kind !== 'bucket');
}

/**
 * The one output table that syncs into this local table, when one raw table writes it and the sync
 * config sends that table at one (default) priority.
 */
function soleOutput(synced: SyncedTable, config: SyncConfig): SyncedOutputTable | undefined {
  if (synced.rawTables.length !== 1) return undefined;
  const [rawTable] = synced.rawTables;
  // The sync name is matched as written: the service sends `todos`, never `Todos`.
  const output = config.outputTables?.find((t) => t.name === rawTable.name);
  return output && output.priorities.length === 1 ? output : undefined;
}
