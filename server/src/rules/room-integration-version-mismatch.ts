import { INTEGRATION_ROOM_FIRST_ROOM3, INTEGRATION_ROOM_LAST_ROOM2, integrationRoomBuiltOn, projectRoom, type RoomGroup } from '../model/sdk-versions';
import type { Rule } from '../findings/rule';

const ROOM_NAME: Record<RoomGroup, string> = { 'androidx.room': 'Room 2 (androidx.room)', 'androidx.room3': 'Room 3 (androidx.room3)' };

/**
 * `com.powersync:integration-room` up to 1.13.0 is built on Room 2, from 1.14.1 on Room 3: the
 * project's own Room must be the same one, or the integration's classes do not take its database.
 */
export const roomIntegrationVersionMismatch: Rule = {
  meta: {
    id: 'room-integration-version-mismatch',
    defaultSeverity: 'error',
    description: 'The PowerSync Room integration is built on another Room than the project (Room 2 next to integration-room 1.14.1+, or Room 3 next to 1.13.0 and earlier).',
    docs: 'docs/rules/room-integration-version-mismatch.md',
    fixable: false,
  },
  check(model) {
    const integration = model.sdkVersions.powersyncRoom;
    if (!integration) return [];
    const builtOn = integrationRoomBuiltOn(integration.version);
    const room = projectRoom(model.sdkVersions, model.roomDatabases);
    if (!builtOn || !room || room.group === builtOn) return [];
    const way =
      builtOn === 'androidx.room3'
        ? `Move the project to Room 3 (androidx.room3 packages, artifacts and Gradle plugin), or keep PowerSync and integration-room at ${INTEGRATION_ROOM_LAST_ROOM2}.`
        : `Use integration-room ${INTEGRATION_ROOM_FIRST_ROOM3} or later (with the same PowerSync version), which is built on Room 3.`;
    return [
      {
        rule: 'room-integration-version-mismatch',
        severity: 'error',
        message:
          `The PowerSync Room integration cannot work with this project's Room. integration-room ${integration.version} is built on ${ROOM_NAME[builtOn]}, ` +
          `and this project uses ${ROOM_NAME[room.group]}: Room 2 and Room 3 are separate libraries with their own classes, so RoomConnectionPool does not take this project's database. ${way}`,
        loc: integration.loc,
        related: room.evidence.slice(0, 3).map((e) => ({ loc: e.loc, message: e.what })),
        fixes: [],
      },
    ];
  },
};
