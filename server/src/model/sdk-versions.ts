import type { DependencyFact, FileFacts } from './facts';
import { compareVersions } from './version';
import type { SdkVersions } from './workspace';

/** The first Kotlin SDK with `com.powersync:integration-room` (RoomConnectionPool, loadPowerSyncExtension; reference §1, §5). */
export const INTEGRATION_ROOM = '1.6.0';

/** `com.powersync:integration-room` at 1.6 or later is a declared dependency: `loadPowerSyncExtension()` and `RoomConnectionPool` exist. */
export function integrationRoomDeclared(versions: SdkVersions): boolean {
  const declared = versions.powersyncRoom;
  return declared !== undefined && compareVersions(declared.version, INTEGRATION_ROOM) >= 0;
}

/**
 * PowerSync and Room versions from gradle files and version catalogs. Where several declarations
 * give a version, the version catalog wins over build files (it is where versions are meant to
 * live), then the first file in path order; declarations without a version never win.
 */
export function buildSdkVersions(files: ReadonlyMap<string, FileFacts>): SdkVersions {
  const dependencies = [...files.values()]
    .filter((f) => f.language === 'version-catalog')
    .concat([...files.values()].filter((f) => f.language !== 'version-catalog'))
    .flatMap((f) => f.dependencies)
    .filter((d): d is DependencyFact & { version: string } => d.version !== undefined);
  const find = (group: string, artifacts?: string[]) =>
    dependencies.find((d) => d.group === group && (!artifacts || artifacts.includes(d.artifact)));

  const versions: SdkVersions = {};
  const powersync = find('com.powersync', ['core', 'common']);
  if (powersync) versions.powersync = { version: powersync.version, loc: powersync.loc };
  const room = find('com.powersync', ['integration-room']);
  if (room) versions.powersyncRoom = { version: room.version, loc: room.loc };
  const androidxRoom = find('androidx.room3', ['room3-runtime']) ?? find('androidx.room', ['room-runtime']) ?? find('androidx.room3') ?? find('androidx.room');
  if (androidxRoom) {
    versions.room = { version: androidxRoom.version, group: androidxRoom.group === 'androidx.room3' ? 'androidx.room3' : 'androidx.room', loc: androidxRoom.loc };
  }
  return versions;
}
