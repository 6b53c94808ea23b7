import { openersByPlatform } from '../model/database-files-by-platform';
import { INTEGRATION_ROOM } from '../model/sdk-versions';
import { compareVersions } from '../model/version';
import type { DatabasePath } from '../model/workspace';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import { indexInvalidators } from './schema-order';

/**
 * The seed's hand-made bridge where the SDK already ships the real one: index-based
 * `room_table_modification_log` writes, and a PowerSyncDatabase of its own on Room's file.
 */
export const manualRoomBridge: Rule = {
  meta: {
    id: 'manual-room-bridge',
    defaultSeverity: 'info',
    description: 'A hand-made Room bridge (index-based room_table_modification_log writes, a second connection on Room\'s file) where the PowerSync SDK offers integration-room.',
    docs: 'docs/rules/manual-room-bridge.md',
    fixable: false,
  },
  check(model) {
    const sdk = model.sdkVersions.powersync;
    if (!sdk || compareVersions(sdk.version, INTEGRATION_ROOM) < 0) return [];
    const versionNote = { loc: sdk.loc, message: `PowerSync version ${sdk.version}` };
    const findings: Finding[] = [];
    for (const loc of indexInvalidators(model.files.values())) {
      findings.push({
        rule: 'manual-room-bridge',
        severity: 'info',
        message:
          `This invalidator breaks when the entity order changes. It is hand-made and marks Room tables by their position in @Database(entities), which breaks as soon as the order changes. PowerSync ${sdk.version} ships com.powersync:integration-room: ` +
          'a RoomConnectionPool refreshes Room\'s tracker by table name after every sync write, so this code and its dependence on entity order can go.',
        loc,
        related: [versionNote],
        fixes: [],
      });
    }
    if (model.roomConnectionPools.length > 0) return findings;
    const reported = new Set<DatabasePath>();
    for (const group of openersByPlatform(model.databasePaths)) {
      for (const opener of group.powersync) {
        const room = group.room.filter((r) => r.path !== undefined && r.path === opener.path);
        if (room.length === 0 || reported.has(opener)) continue;
        reported.add(opener);
        findings.push({
          rule: 'manual-room-bridge',
          severity: 'info',
          message:
            `Two writers share one file: Room and this PowerSyncDatabase. Each opens its own connection to ${opener.path}: two writers on one file, and Room's flows learn of PowerSync's writes only through hand-made invalidation. ` +
            `PowerSync ${sdk.version} ships com.powersync:integration-room: PowerSyncDatabase.opened(RoomConnectionPool(roomDatabase, schema), …) runs PowerSync on Room's own connections and refreshes Room's flows by table name.`,
          loc: opener.loc,
          related: [...room.map((r) => ({ loc: r.loc, message: `Room opens ${r.path}` })), versionNote],
          fixes: [],
        });
      }
    }
    return findings;
  },
};
