import type { DependencyFact, FileFacts } from './facts';
import { compareVersions } from './version';
import type { SourceLocation } from './location';
import type { NpmPackageFile, PubPackageFile, RoomDatabase, SdkVersions } from './workspace';

/** A place that shows something, and what it shows. */
export interface Evidence {
  loc: SourceLocation;
  what: string;
}

/** The first Kotlin SDK with `com.powersync:integration-room` (RoomConnectionPool, loadPowerSyncExtension; reference §1, §5). */
export const INTEGRATION_ROOM = '1.6.0';

/** `com.powersync:integration-room` at 1.6 or later is a declared dependency: `loadPowerSyncExtension()` and `RoomConnectionPool` exist. */
export function integrationRoomDeclared(versions: SdkVersions): boolean {
  const declared = versions.powersyncRoom;
  return declared !== undefined && compareVersions(declared.version, INTEGRATION_ROOM) >= 0;
}

/**
 * The last `com.powersync:integration-room` built on Room 2 (`androidx.room`, 2.8.4 at v1.13.0:
 * gradle/libs.versions.toml), and the first built on Room 3 (`androidx.room3`, PR #360; no 1.14.0
 * was published to Maven Central). See docs/facts.md §6.
 */
export const INTEGRATION_ROOM_LAST_ROOM2 = '1.13.0';
export const INTEGRATION_ROOM_FIRST_ROOM3 = '1.14.1';

/** integration-room stops forwarding FTS shadow tables to Room (PR #358; docs/facts.md §7). */
export const INTEGRATION_ROOM_FTS_FIX = '1.13.0';

/** RoomConnectionPool stops collecting Room's updates when closed (release v1.16.1, #397; docs/facts.md §8). */
export const INTEGRATION_ROOM_CLOSE_FIX = '1.16.1';

export type RoomGroup = 'androidx.room' | 'androidx.room3';

/**
 * The Room an `integration-room` version is built on, or undefined when that is not known: before
 * 1.6.0 (no such library), 1.14.0 (never published), and pre-release or snapshot versions.
 */
export function integrationRoomBuiltOn(version: string): RoomGroup | undefined {
  if (version.includes('-') || !/^\d+(\.\d+)*$/.test(version.trim())) return undefined;
  if (compareVersions(version, INTEGRATION_ROOM) >= 0 && compareVersions(version, INTEGRATION_ROOM_LAST_ROOM2) <= 0) return 'androidx.room';
  if (compareVersions(version, INTEGRATION_ROOM_FIRST_ROOM3) >= 0) return 'androidx.room3';
  return undefined;
}

/**
 * The Room the project is written against, with where that shows: every `@Database` whose file
 * says which Room its annotation is, every Room library the build declares, and the Room Gradle
 * plugin (`androidx.room` or `androidx.room3`) it names. Undefined when
 * nothing says, or when Room 2 and Room 3 both appear (a project moving between them).
 */
export function projectRoom(versions: SdkVersions, databases: readonly RoomDatabase[]): { group: RoomGroup; evidence: Evidence[] } | undefined {
  const evidence = [
    ...databases.flatMap((db) => (db.roomPackage ? [{ group: db.roomPackage, loc: db.annotationLoc ?? db.loc, what: `@Database ${db.className} (${db.roomPackage})` }] : [])),
    ...(versions.roomLibraries ?? []).map((l) => ({ group: l.group, loc: l.loc, what: `${l.group}:${l.artifact}${l.version ? `:${l.version}` : ''}` })),
    ...(versions.roomPlugins ?? []).map((p) => ({ group: p.id, loc: p.loc, what: `Gradle plugin ${p.id}` })),
  ];
  const groups = new Set(evidence.map((e) => e.group));
  if (groups.size !== 1) return undefined;
  return { group: evidence[0].group, evidence: evidence.map((e) => ({ loc: e.loc, what: e.what })) };
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
  const roomLibraries = [...files.values()]
    .flatMap((f) => f.dependencies)
    .filter((d) => d.group === 'androidx.room' || d.group === 'androidx.room3')
    .map((d) => ({ group: d.group as 'androidx.room' | 'androidx.room3', artifact: d.artifact, ...(d.version !== undefined ? { version: d.version } : {}), loc: d.loc }));
  if (roomLibraries.length > 0) versions.roomLibraries = roomLibraries;
  const roomPlugins = [...files.values()]
    .flatMap((f) => f.plugins ?? [])
    .filter((p) => p.id === 'androidx.room' || p.id === 'androidx.room3')
    .map((p) => ({ id: p.id as RoomGroup, ...(p.version !== undefined ? { version: p.version } : {}), loc: p.loc }));
  if (roomPlugins.length > 0) versions.roomPlugins = roomPlugins;
  const npm = [...files.values()]
    .filter((f) => f.language === 'npm-package' && (f.npmPackages?.length || f.unread))
    .map((f): NpmPackageFile => ({
      uri: f.uri,
      folder: f.uri.slice(0, Math.max(f.uri.lastIndexOf('/'), 0)),
      kind: f.uri.endsWith('/package.json') || f.uri === 'package.json' ? 'manifest' : 'lockfile',
      packages: f.npmPackages ?? [],
      ...(f.unread ? { unread: true as const } : {}),
    }));
  if (npm.length > 0) versions.npm = npm;
  const pub = [...files.values()]
    .filter((f) => f.language === 'pubspec' || f.language === 'pubspec-lock')
    .map((f): PubPackageFile => ({
      uri: f.uri,
      folder: f.uri.slice(0, Math.max(f.uri.lastIndexOf('/'), 0)),
      kind: f.language === 'pubspec' ? 'manifest' : 'lockfile',
      packages: f.dependencies
        .filter((d) => d.group === 'pub.dev')
        .map((d) => ({ name: d.artifact, ...(d.version !== undefined ? { version: d.version } : {}), ...(d.source !== undefined ? { source: d.source } : {}), loc: d.loc })),
    }));
  if (pub.length > 0) versions.pub = pub;
  return versions;
}
