import { evaluateString } from './evaluate';
import type { FileFacts, Platform, PowerSyncDatabaseFact, RoomBuilderFact } from './facts';
import type { WorkspaceNames } from './names';
import { ANDROID_DATABASES, canonicalPath, CWD, evaluatePath, IOS_APP_SUPPORT, isAbsolutePath, joinPath } from './powersync/symbolic-paths';
import { argumentFor, type CallValue } from './value';
import type { DatabasePath, PowerSyncSchema } from './workspace';
import { DeclaredObjects } from './powersync/declared-values';

/** Platforms a shared (commonMain) opener is compiled for. */
const TARGETS: Platform[] = ['android', 'ios', 'jvm'];

/** PowerSync's `dbFilename` default. */
const DEFAULT_DB_FILENAME = 'powersync.db';

/**
 * The database file each Room builder and PowerSync database opens, per platform, as a symbolic
 * path (see symbolic-paths.ts) so that two openers of one file compare equal. Facts from the
 * Kotlin SDK (reference §6): PowerSync 1.6+ opens `dbDirectory/dbFilename` when a directory is
 * given, else Android's getDatabasePath, iOS's Application Support/databases, the JVM's working
 * directory. Room on Android places a relative name with getDatabasePath, with or without a
 * SQLiteDriver (Room 2.7+, 2.8 and 3.x resolve it before the driver opens it; docs/facts.md);
 * elsewhere a driver opens the name as given.
 */
export function buildDatabasePaths(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, schemas: PowerSyncSchema[] = []): DatabasePath[] {
  const targets = TARGETS.filter((p) => [...files.values()].some((f) => f.platform === p));
  const declared = new DeclaredObjects(schemas, (s) => ({ loc: s.loc, variable: s.variable }));
  const out: DatabasePath[] = [];
  for (const facts of files.values()) {
    for (const builder of facts.roomBuilders) {
      const path = roomPath(builder, facts, names);
      if (builder.databaseClass) path.roomDatabaseClass = builder.databaseClass;
      out.push(path);
    }
    for (const db of facts.powerSyncDatabases) {
      if (db.form === 'opened') {
        out.push(openedPath(db, facts, names));
        continue;
      }
      const schemaArg = argumentFor(db.call.args, 'schema', 1);
      const schema = schemaArg ? declared.find(schemaArg.value, names, facts.uri, db.owner ?? db.variable?.owner ?? []) : undefined;
      for (const path of constructorPaths(db, facts, names, targets)) out.push(schema ? { ...path, schema } : path);
    }
  }
  return out;
}

function roomPath(builder: RoomBuilderFact, facts: FileFacts, names: WorkspaceNames): DatabasePath {
  const scope = names.scope(facts.uri, builder.owner ?? []);
  const fileName = evaluatePath(builder.pathArguments?.name ?? builder.name, scope);
  const platform = isSpecific(facts.platform) ? facts.platform : passesContext(builder.call) ? 'android' : facts.platform;
  const nameLoc = builder.name?.loc;
  const base = { opener: 'room' as const, platform, fileName, ...(nameLoc ? { fileNameLoc: nameLoc } : {}), loc: builder.loc };
  if (fileName === undefined) {
    return { ...base, description: builder.name ? 'Room.databaseBuilder with a name that cannot be resolved statically' : 'Room.databaseBuilder without a readable name argument' };
  }
  if (isAbsolutePath(fileName)) {
    return { ...base, path: canonicalPath(fileName), description: `Room.databaseBuilder with the path ${show(fileName)}` };
  }
  if (platform === 'android') {
    // With a SQLiteDriver too: Room's Android connection manager resolves every name but
    // ":memory:" through getDatabasePath before the driver opens it (docs/facts.md, question 1).
    const how = builder.driver ? 'with a SQLiteDriver, resolved by Room' : 'no SQLiteDriver set';
    return { ...base, path: joinPath(ANDROID_DATABASES, fileName), description: `Room.databaseBuilder name ${show(fileName)}, placed by Android's Context.getDatabasePath (${how})` };
  }
  return {
    ...base,
    path: joinPath(CWD, fileName),
    description: builder.driver
      ? `Room.databaseBuilder name ${show(fileName)} with a SQLiteDriver, which opens the name as given: relative to the process's working directory`
      : `Room.databaseBuilder name ${show(fileName)}, opened as given: relative to the process's working directory`,
  };
}

function constructorPaths(db: PowerSyncDatabaseFact, facts: FileFacts, names: WorkspaceNames, targets: Platform[]): DatabasePath[] {
  const scope = names.scope(facts.uri, db.owner ?? []);
  const written = argumentFor(db.call.args, 'dbFilename', 2)?.value;
  const fileName = written ? evaluatePath(db.pathArguments?.dbFilename ?? written, scope) : DEFAULT_DB_FILENAME;
  const dirWritten = argumentFor(db.call.args, 'dbDirectory', 5)?.value;
  const dbDirectoryGiven = dirWritten !== undefined && dirWritten.kind !== 'null';
  const base = {
    opener: 'powersync' as const,
    fileName,
    dbDirectoryGiven,
    ...(written ? { fileNameLoc: written.loc } : {}),
    ...(dbDirectoryGiven ? { directoryLoc: dirWritten.loc } : {}),
    loc: db.loc,
  };
  if (dbDirectoryGiven) {
    const directory = evaluatePath(db.pathArguments?.dbDirectory ?? dirWritten, scope);
    const path = directory !== undefined && fileName !== undefined ? canonicalPath(`${directory}/${fileName}`) : undefined;
    return [{
      ...base,
      platform: facts.platform,
      path,
      description: `PowerSyncDatabase opens dbDirectory + "/" + dbFilename${path ? ` = ${path}` : ''} (Kotlin SDK 1.6+; before 1.6 iOS ignored dbDirectory and used Application Support/databases)`,
    }];
  }
  const platforms = isSpecific(facts.platform) ? [facts.platform] : targets.length > 0 ? targets : [facts.platform];
  return platforms.map((platform): DatabasePath => {
    if (fileName === undefined) return { ...base, platform, description: 'PowerSyncDatabase with a dbFilename that cannot be resolved statically' };
    switch (platform) {
      case 'android':
        return { ...base, platform, path: joinPath(ANDROID_DATABASES, fileName), description: `PowerSyncDatabase dbFilename ${show(fileName)} without dbDirectory: Android's Context.getDatabasePath` };
      case 'ios':
        return { ...base, platform, path: canonicalPath(`${IOS_APP_SUPPORT}/databases/${fileName}`), description: `PowerSyncDatabase dbFilename ${show(fileName)} without dbDirectory: Application Support/databases on iOS` };
      case 'jvm':
        return { ...base, platform, path: joinPath(CWD, fileName), description: `PowerSyncDatabase dbFilename ${show(fileName)} without dbDirectory: relative to the JVM's working directory` };
      default:
        return { ...base, platform, description: `PowerSyncDatabase dbFilename ${show(fileName)} without dbDirectory: the directory depends on the platform` };
    }
  });
}

function openedPath(db: PowerSyncDatabaseFact, facts: FileFacts, names: WorkspaceNames): DatabasePath {
  const scope = names.scope(facts.uri, db.owner ?? []);
  const written = argumentFor(db.call.args, 'identifier', 3)?.value;
  const identifier = written ? evaluateString(db.pathArguments?.identifier ?? written, scope) ?? evaluatePath(db.pathArguments?.identifier ?? written, scope) : undefined;
  return {
    opener: 'powersync-opened',
    platform: facts.platform,
    identifier,
    description: `PowerSyncDatabase.opened over a connection pool: the file is the pool's${identifier !== undefined ? ` (identifier ${show(identifier)})` : ''}`,
    loc: db.loc,
  };
}

function isSpecific(platform: Platform): boolean {
  return platform === 'android' || platform === 'ios' || platform === 'jvm';
}

/** Android's builder forms take a Context first: `(context, klass, name)` or `(context, name)`. */
function passesContext(call: CallValue): boolean {
  if (call.args.some((a) => a.name === 'context')) return true;
  const positional = call.args.filter((a) => a.name === undefined);
  if (positional.length >= 3) return true;
  if (positional.length !== 2) return false;
  const [first, second] = positional;
  return second.value.kind !== 'lambda' && first.value.kind !== 'string' && first.value.kind !== 'template';
}

function show(path: string): string {
  return JSON.stringify(path);
}
