import { roomClosedAfterPowerSync } from '../model/room-close-order';
import { INTEGRATION_ROOM, INTEGRATION_ROOM_CLOSE_FIX } from '../model/sdk-versions';
import { compareVersions } from '../model/version';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

/**
 * integration-room 1.16.1 fixed "closing a Room database after closing PowerSync": before it, a
 * RoomConnectionPool kept collecting Room's updates after PowerSync closed it (release v1.16.1,
 * #397; docs/facts.md §8). Only the shape the code shows for certain is reported.
 */
export const roomCloseOrderVersion: Rule = {
  meta: {
    id: 'room-close-order-version',
    defaultSeverity: 'warning',
    description: 'The Room database is closed after the PowerSync database on its RoomConnectionPool, with integration-room before 1.16.1 (fixed there).',
    docs: 'docs/rules/room-close-order-version.md',
    fixable: false,
  },
  check(model) {
    const integration = model.sdkVersions.powersyncRoom;
    if (!integration || integration.version.includes('-')) return [];
    if (compareVersions(integration.version, INTEGRATION_ROOM) < 0 || compareVersions(integration.version, INTEGRATION_ROOM_CLOSE_FIX) >= 0) return [];
    const findings: Finding[] = [];
    for (const order of roomClosedAfterPowerSync(model.files, model.names)) {
      findings.push({
        rule: 'room-close-order-version',
        severity: 'warning',
        message:
          `Closing Room after PowerSync meets an integration-room bug fixed in ${INTEGRATION_ROOM_CLOSE_FIX}. ` +
          `PowerSync is closed first, then this Room database. In integration-room ${integration.version} a RoomConnectionPool created with a schema keeps collecting Room's updates after PowerSync closes it; ` +
          `PowerSync ${INTEGRATION_ROOM_CLOSE_FIX} fixed closing a Room database after closing PowerSync by ending that collection when the pool is closed (#397). ` +
          `Update PowerSync and integration-room to ${INTEGRATION_ROOM_CLOSE_FIX} or later.`,
        loc: order.roomClose,
        related: [
          { loc: order.powerSyncClose, message: 'PowerSync is closed here first' },
          { loc: order.pool, message: 'the RoomConnectionPool that keeps collecting Room\'s updates' },
          { loc: integration.loc, message: `integration-room ${integration.version}` },
        ],
        fixes: [],
      });
    }
    return findings;
  },
};
