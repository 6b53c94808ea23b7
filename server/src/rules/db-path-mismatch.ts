import type { Platform } from '../model/facts';
import type { SourceLocation } from '../model/location';
import { databasePathFix, type PathMismatch } from '../generate/database-path-fix';
import { roomConnectionPoolFix } from '../generate/room-connection-pool-fix';
import { openersByPlatform, type PlatformOpeners } from '../model/database-files-by-platform';
import { poolsOn } from '../model/room-connection-pools';
import { IOS_APP_SUPPORT, joinPath } from '../model/powersync/symbolic-paths';
import { compareVersions } from '../model/version';
import type { DatabasePath, WorkspaceModel } from '../model/workspace';
import type { Finding, Fix, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';

/** The Kotlin SDK version from which `dbDirectory` is honoured on iOS (reference §6). */
const DB_DIRECTORY_ON_IOS = '1.6.0';

const PLATFORM_NAMES: Record<Platform, string> = { android: 'Android', ios: 'iOS', jvm: 'the JVM', common: 'every platform', unknown: 'this platform' };

/** A file PowerSync may open on one platform, and why. */
interface PowerSyncFile {
  path: string;
  /** Set when SDK < 1.6 on iOS sends the file to Application Support/databases. */
  ignoredDirectory?: { version?: string };
}

/**
 * Room and PowerSync opening two different files on one platform (the manual bridge then syncs
 * into a file Room never reads), or a PowerSyncDatabase of its own on the file a
 * RoomConnectionPool already serves.
 */
export const dbPathMismatch: Rule = {
  meta: {
    id: 'db-path-mismatch',
    defaultSeverity: 'error',
    description: 'Room and PowerSync open different database files on the same platform, or a second PowerSyncDatabase opens the file a RoomConnectionPool serves.',
    docs: 'docs/rules/db-path-mismatch.md',
    fixable: true,
  },
  check(model) {
    const syncs = syncsIntoRoom(model);
    if (model.roomConnectionPools.length === 0 && !syncs) return [];
    const findings: Finding[] = [];
    const groups = openersByPlatform(model.databasePaths);
    for (const group of groups) {
      // A Room path we cannot read may be the one PowerSync shares: stay silent.
      if (group.room.length === 0 || group.room.some((r) => r.path === undefined)) continue;
      const pooled = poolsOn(group.platform, model.roomConnectionPools, model.files).length > 0;
      if (!pooled && !syncs) continue;
      for (const opener of group.powersync) {
        const files = powerSyncFiles(opener, group.platform, model);
        if (!files) continue;
        const shared = group.room.filter((r) => files.some((f) => f.path === r.path));
        if (pooled) {
          if (shared.length > 0) findings.push(secondWriter(opener, shared, group.platform));
        } else if (shared.length === 0) {
          findings.push(mismatch(opener, files, group.room, group.platform, model, groups));
        }
      }
    }
    return dedupe(findings);
  },
};

/** True when a raw table writes to a table Room declares: only then must both open one file. */
function syncsIntoRoom(model: WorkspaceModel): boolean {
  const roomTables = new Set(model.tables.filter((t) => t.origin === 'room-entity').map((t) => t.name.toLowerCase()));
  return model.rawTables.some((rt) => rt.localTable !== undefined && roomTables.has(rt.localTable.toLowerCase()));
}

/**
 * The files a PowerSync constructor may open on `platform`: the model's path, or on iOS with a
 * `dbDirectory` and an SDK before 1.6, Application Support/databases/<dbFilename>; both when the
 * SDK version is unknown. Undefined when a candidate cannot be known.
 */
function powerSyncFiles(opener: DatabasePath, platform: Platform, model: WorkspaceModel): PowerSyncFile[] | undefined {
  if (opener.path === undefined) return undefined;
  const current: PowerSyncFile = { path: opener.path };
  if (platform !== 'ios' || !opener.dbDirectoryGiven) return [current];
  const version = model.sdkVersions.powersync?.version;
  if (version !== undefined && compareVersions(version, DB_DIRECTORY_ON_IOS) >= 0) return [current];
  // Before 1.6 SQLiter receives only the name; a name with a folder in it is beyond what we know.
  if (opener.fileName === undefined || opener.fileName.includes('/')) return undefined;
  const legacy: PowerSyncFile = { path: `${IOS_APP_SUPPORT}/databases/${opener.fileName}`, ignoredDirectory: { version } };
  return version === undefined ? [current, legacy] : [legacy];
}

function mismatch(opener: DatabasePath, files: PowerSyncFile[], room: DatabasePath[], platform: Platform, model: WorkspaceModel, groups: PlatformOpeners[]): Finding {
  const legacy = files.find((f) => f.ignoredDirectory);
  const shown = files[files.length - 1];
  const roomPaths = room.map((r) => r.path!).join(' or ');
  const where = PLATFORM_NAMES[platform];
  let opens: string;
  if (legacy && files.length === 1) {
    opens = `PowerSync ${legacy.ignoredDirectory!.version} ignores dbDirectory (the Kotlin SDK honours it on iOS only from ${DB_DIRECTORY_ON_IOS}) and opens ${legacy.path}`;
  } else if (legacy) {
    opens = `PowerSync opens ${files[0].path} (SDK ${DB_DIRECTORY_ON_IOS} and later; before ${DB_DIRECTORY_ON_IOS} it ignores dbDirectory and opens ${legacy.path})`;
  } else {
    opens = `PowerSync opens ${shown.path}`;
  }
  const message =
    `On ${where}, Room and PowerSync open two different SQLite files. ${opens}, but Room opens ${roomPaths}. ` +
    'PowerSync syncs into a file without Room\'s data while Room reads and writes the other one, so synced rows never appear in Room and Room\'s writes are never uploaded.';
  const primary = primaryLocation(opener, files, room, legacy !== undefined && files.length === 1);
  const related: RelatedLocation[] = room.map((r) => ({ loc: r.loc, message: `Room opens ${r.path}: ${r.description}` }));
  if (primary !== opener.loc) related.push({ loc: opener.loc, message: `PowerSyncDatabase: ${opener.description}` });
  const sdk = model.sdkVersions.powersync;
  if (legacy && sdk) related.push({ loc: sdk.loc, message: `PowerSync version ${sdk.version}` });
  const pathMismatch: PathMismatch = {
    platform,
    powersync: opener,
    powersyncFiles: files.map((f) => f.path),
    directoryMayBeIgnored: files.some((f) => f.ignoredDirectory),
    room,
    sharesRoomFileWithName: (fileName) => sharesRoomFileWithName(opener, fileName, platform, groups, model),
  };
  const fix = databasePathFix(model, pathMismatch);
  const poolFix = roomConnectionPoolFix(model, pathMismatch);
  return { rule: 'db-path-mismatch', severity: 'error', message, loc: primary, related, fixes: [fix, poolFix].filter((f): f is Fix => f !== undefined) };
}

/**
 * Whether `opener` with `fileName` as its dbFilename opens Room's file on `platform`, and still
 * on every platform where it opens Room's file now (a shared opener runs on each).
 */
function sharesRoomFileWithName(opener: DatabasePath, fileName: string, platform: Platform, groups: PlatformOpeners[], model: WorkspaceModel): boolean {
  for (const group of groups) {
    if (group.room.some((r) => r.path === undefined)) continue;
    const roomPaths = group.room.map((r) => r.path);
    const opens = (files: PowerSyncFile[] | undefined) => files !== undefined && files.some((f) => roomPaths.includes(f.path));
    for (const entry of group.powersync.filter((p) => sameStart(p.loc, opener.loc))) {
      if (group.platform !== platform && !opens(powerSyncFiles(entry, group.platform, model))) continue;
      const folderEnd = entry.path?.lastIndexOf('/') ?? -1;
      if (entry.path === undefined || folderEnd < 0) return false;
      const renamed: DatabasePath = { ...entry, fileName, path: joinPath(entry.path.slice(0, folderEnd) || '/', fileName) };
      if (!opens(powerSyncFiles(renamed, group.platform, model))) return false;
    }
  }
  return true;
}

function sameStart(a: SourceLocation, b: SourceLocation): boolean {
  return a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/**
 * The argument that makes the difference: `dbDirectory` when iOS ignores it or when only the
 * folder differs, else `dbFilename`, else the call.
 */
function primaryLocation(opener: DatabasePath, files: PowerSyncFile[], room: DatabasePath[], directoryIgnored: boolean): SourceLocation {
  if (directoryIgnored && opener.directoryLoc) return opener.directoryLoc;
  const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const sameName = room.some((r) => files.some((f) => baseName(f.path) === baseName(r.path!)));
  if (sameName && opener.directoryLoc) return opener.directoryLoc;
  return opener.fileNameLoc ?? opener.loc;
}

function secondWriter(opener: DatabasePath, shared: DatabasePath[], platform: Platform): Finding {
  return {
    rule: 'db-path-mismatch',
    severity: 'error',
    message:
      `On ${PLATFORM_NAMES[platform]}, this PowerSyncDatabase opens ${opener.path}, the file Room already serves to PowerSync through a RoomConnectionPool: ` +
      'two writers on one file, so writes fail with \'database is locked\' and changes made through this connection never reach Room\'s flows. Use the database from PowerSyncDatabase.opened(pool, …) only.',
    loc: opener.fileNameLoc ?? opener.loc,
    related: shared.map((r) => ({ loc: r.loc, message: `Room opens ${r.path}` })),
    fixes: [],
  };
}

/** A shared opener compared on several platforms may say the same thing twice. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.loc.uri}#${f.loc.range.start.line}:${f.loc.range.start.character}#${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
