import { entityTablesOf } from '../model/room-schema-exports';
import { INTEGRATION_ROOM, INTEGRATION_ROOM_FTS_FIX } from '../model/sdk-versions';
import { compareVersions } from '../model/version';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

/**
 * Before integration-room 1.13.0, `RoomConnectionPool` handed every table a PowerSync write changed
 * to Room's `invalidationTracker.refresh`, FTS shadow tables included, and Room throws for those
 * (powersync-kotlin PR #358; docs/facts.md §7).
 */
export const roomFtsIntegrationVersion: Rule = {
  meta: {
    id: 'room-fts-integration-version',
    defaultSeverity: 'warning',
    description: 'An FTS entity in a Room database PowerSync writes through, with integration-room before 1.13.0 (FTS shadow tables crash its update forwarding).',
    docs: 'docs/rules/room-fts-integration-version.md',
    fixable: false,
  },
  check(model) {
    const integration = model.sdkVersions.powersyncRoom;
    if (!integration || integration.version.includes('-')) return [];
    if (compareVersions(integration.version, INTEGRATION_ROOM) < 0 || compareVersions(integration.version, INTEGRATION_ROOM_FTS_FIX) >= 0) return [];
    const pool = model.roomConnectionPools[0];
    // With more than one Room database, which one the pool wraps is not known.
    if (!pool || model.roomDatabases.length !== 1) return [];
    const findings: Finding[] = [];
    for (const table of entityTablesOf(model.roomDatabases[0], model)) {
      if (!table.fts) continue;
      const mirrors = table.fts.contentTable
        ? ` It mirrors '${table.fts.contentTable}' (contentEntity), so every write to '${table.fts.contentTable}' through PowerSync, synced rows included, reaches it.`
        : '';
      findings.push({
        rule: 'room-fts-integration-version',
        severity: 'warning',
        message:
          `PowerSync writes that change FTS table '${table.name}' throw in the Room integration. ` +
          `integration-room ${integration.version} hands every table a PowerSync write changed to Room's invalidationTracker.refresh, and an ${table.fts.version} table ` +
          `changes its shadow tables ('${table.name}_segdir' and others), which are no tables of the Room schema: refresh throws for them.${mirrors} ` +
          `integration-room ${INTEGRATION_ROOM_FTS_FIX} stops forwarding shadow tables; update PowerSync and integration-room to ${INTEGRATION_ROOM_FTS_FIX} or later.`,
        loc: table.nameLoc,
        related: [
          { loc: integration.loc, message: `integration-room ${integration.version}` },
          { loc: pool.loc, message: 'PowerSync writes through this Room database' },
        ],
        fixes: [],
      });
    }
    return findings;
  },
};
