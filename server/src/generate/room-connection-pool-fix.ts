import type { ClassFact, FileFacts, FunctionFact, TypeRef } from '../model/facts';
import { compareLocations, containsLocation, type SourceLocation } from '../model/location';
import { argumentFor, dottedName, type Argument } from '../model/value';
import { integrationRoomDeclared } from '../model/sdk-versions';
import { compareVersions } from '../model/version';
import type { WorkspaceModel } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';
import { dropArgument, powerSyncSide, roomFileNameIn, roomSide, type PathMismatch, type PowerSyncSide, type RoomSide } from './database-path-fix';
import { extensionDriverEdits, LOAD_EXTENSION_IMPORT } from './extension-driver-fix';

/** Room's first KMP release with `SQLiteDriver` connections, which RoomConnectionPool runs on. */
const ROOM_DRIVER_API = '2.7.0';

const POOL_IMPORT = 'com.powersync.integrations.room.RoomConnectionPool';
const LOGGER_IMPORT = 'co.touchlab.kermit.Logger';
const GLOBAL_SCOPE_IMPORT = 'kotlinx.coroutines.GlobalScope';

/** `PowerSyncDatabase(factory, schema, dbFilename, scope, logger, dbDirectory)`'s parameters by position. */
const PARAMETERS = ['factory', 'schema', 'dbFilename', 'scope', 'logger', 'dbDirectory'] as const;

/**
 * The alternative to sharing a path: PowerSync runs on Room's own connections.
 * `PowerSyncDatabase(factory, schema, …)` becomes `PowerSyncDatabase.opened(pool =
 * RoomConnectionPool(room, schema), scope, schema, identifier = <Room's file name>, logger)`, with
 * every argument named, the scope the constructor used (GlobalScope when none was passed), Kermit's
 * default logger when none was, and Room's bundled driver loading the PowerSync extension. Offered
 * only where the SDK ships integration-room (the dependency is declared), Room has the driver API,
 * and a value of the Room database class is in scope at the call; undefined otherwise.
 */
export function roomConnectionPoolFix(model: WorkspaceModel, mismatch: PathMismatch): Fix | undefined {
  if (!sdkAllowsPool(model) || mismatch.room.length !== 1) return undefined;
  const room = roomSide(model, mismatch.room[0]);
  const powersync = powerSyncSide(model, mismatch.powersync);
  if (!room || !powersync || !room.builder.databaseClass) return undefined;
  const call = powersync.db.call;
  if (call.lambda || call.args.some((a) => a.spread)) return undefined;
  const args = argumentsByName(call.args);
  const schemaText = args.schema && dottedName(args.schema.value);
  if (!args.factory || !schemaText) return undefined;
  const database = databaseInScope(powersync, room.builder.databaseClass);
  const identifier = roomFileNameIn(model, room, powersync.facts, powersync.db.owner ?? []);
  const driver = driverEdits(room);
  if (!database || !identifier || !driver) return undefined;

  // Room and PowerSync may share a file: one import edit per file.
  const imports = new Map<string, string[]>();
  const addImport = (uri: string, path: string) => imports.set(uri, [...(imports.get(uri) ?? []), path]);
  [POOL_IMPORT, ...identifier.imports].forEach((path) => addImport(powersync.facts.uri, path));
  driver.imports.forEach((path) => addImport(room.facts.uri, path));
  const edits: TextEdit[] = [insertAt(call.callee.loc, '.opened')];
  edits.push({ uri: args.factory.loc.uri, range: args.factory.loc.range, newText: `pool = RoomConnectionPool(${database}, ${schemaText})` });
  const appended: string[] = [];
  if (args.schema!.name === undefined) edits.push(insertBefore(args.schema!.loc, 'schema = '));
  if (args.dbFilename) edits.push({ uri: args.dbFilename.loc.uri, range: args.dbFilename.loc.range, newText: `identifier = ${identifier.text}` });
  else appended.push(`identifier = ${identifier.text}`);
  if (args.scope) {
    if (args.scope.name === undefined) edits.push(insertBefore(args.scope.loc, 'scope = '));
  } else {
    // The constructor's own default: the database keeps living as long as it did.
    const scope = nameFor(powersync.facts, GLOBAL_SCOPE_IMPORT);
    if (scope.import) addImport(powersync.facts.uri, scope.import);
    appended.push(`scope = ${scope.text}`);
  }
  const logger = nameFor(powersync.facts, LOGGER_IMPORT);
  if (args.logger) {
    // The constructor takes `Logger?`, `opened` a `Logger`: fall back to Kermit's default as the constructor did.
    if (!isPostfix(args.logger)) return undefined;
    if (args.logger.name === undefined) edits.push(insertBefore(args.logger.loc, 'logger = '));
    edits.push(insertAt(args.logger.value.loc, ` ?: ${logger.text}`));
  } else {
    appended.push(`logger = ${logger.text}`);
  }
  if (logger.import) addImport(powersync.facts.uri, logger.import);
  if (args.dbDirectory) {
    const drop = dropArgument(call, 'dbDirectory', PARAMETERS.indexOf('dbDirectory'));
    if (!drop) return undefined;
    edits.push(drop);
  }
  if (appended.length > 0) {
    const last = call.args[call.args.length - 1];
    const multiline = last.loc.range.start.line > call.loc.range.start.line;
    const separator = multiline ? `,\n${' '.repeat(last.loc.range.start.character)}` : ', ';
    edits.push(insertAt(last.loc, appended.map((a) => `${separator}${a}`).join('')));
  }
  edits.push(...driver.edits);
  for (const [uri, paths] of imports) {
    const side = uri === room.facts.uri ? room : powersync;
    edits.push(...side.writer.importEdits(side.facts, [...new Set(paths)]));
  }
  return { title: `Run PowerSync on Room's connections (PowerSyncDatabase.opened with RoomConnectionPool(${database}, ${schemaText}))`, edits };
}

/** integration-room declared at 1.6+, and Room 2.7+ (or Room 3) where its version is known. */
function sdkAllowsPool(model: WorkspaceModel): boolean {
  const { room } = model.sdkVersions;
  if (!integrationRoomDeclared(model.sdkVersions)) return false;
  return !room || room.group === 'androidx.room3' || compareVersions(room.version, ROOM_DRIVER_API) >= 0;
}

function argumentsByName(args: Argument[]): Partial<Record<(typeof PARAMETERS)[number], Argument>> {
  const out: Partial<Record<(typeof PARAMETERS)[number], Argument>> = {};
  PARAMETERS.forEach((name, position) => {
    const arg = argumentFor(args, name, position);
    if (arg) out[name] = arg;
  });
  return out;
}

/**
 * A name for a value of the Room database class at the call: a parameter of the function around
 * it, a constructor parameter or property of its class (declared before it when the call runs
 * during construction). Nullable types do not count.
 */
function databaseInScope(powersync: PowerSyncSide, databaseClass: string): string | undefined {
  const { facts, db } = powersync;
  const isDatabase = (type: TypeRef | undefined) => type !== undefined && !type.nullable && lastSegment(type.name) === lastSegment(databaseClass);
  const owner = ownerClass(facts, db.owner ?? [], db.loc);
  const functions = [...(owner?.functions ?? []), ...(facts.functions ?? [])];
  const around = innermost(functions.filter((f) => containsLocation(f.loc, db.loc)));
  const parameter = around?.parameters.find((p) => isDatabase(p.type));
  if (parameter) return parameter.name;
  if (!owner) return undefined;
  const duringConstruction = around === undefined;
  const property = owner.properties.find((p) =>
    (isDatabase(p.type) || (p.initializer !== undefined && builds(p.initializer.loc, powersync, databaseClass))) &&
    (!duringConstruction || p.fromConstructor || compareLocations(p.loc, db.loc) < 0));
  if (property) return property.name;
  if (!duringConstruction) return undefined;
  return owner.constructorParameters?.find((p) => isDatabase(p.type))?.name;
}

/** True when a Room builder of `databaseClass` in the same file lies inside `loc` (`val room = Room.databaseBuilder…build()`). */
function builds(loc: SourceLocation, powersync: PowerSyncSide, databaseClass: string): boolean {
  return powersync.facts.roomBuilders.some((b) => b.databaseClass !== undefined && lastSegment(b.databaseClass) === lastSegment(databaseClass) && containsLocation(loc, b.loc));
}

/** The class (not a companion: `owner` leaves companions out) whose body holds the call. */
function ownerClass(facts: FileFacts, owner: string[], loc: SourceLocation): ClassFact | undefined {
  if (owner.length === 0) return undefined;
  return facts.classes.find((c) => c.kind !== 'companion' && [...c.outer.filter((o) => o !== 'Companion'), c.name].join('.') === owner.join('.') && containsLocation(c.loc, loc));
}

function innermost(functions: FunctionFact[]): FunctionFact | undefined {
  return functions.sort((a, b) => compareLocations(b.loc, a.loc))[0];
}

/** Room's driver made to load the extension, or nothing to do when the file already loads it. */
function driverEdits(room: RoomSide): { edits: TextEdit[]; imports: string[] } | undefined {
  if (room.facts.extensionLoads.length > 0) return { edits: [], imports: [] };
  const edits = extensionDriverEdits(room.facts, room.builder, false);
  return edits && { edits, imports: [LOAD_EXTENSION_IMPORT] };
}

/** A simple name with its import, or the qualified name when the file imports another class of that name. */
function nameFor(facts: FileFacts, qualified: string): { text: string; import?: string } {
  const simple = lastSegment(qualified);
  const clash = facts.imports.some((i) => (i.alias ?? lastSegment(i.path)) === simple && i.path !== qualified && !i.wildcard);
  return clash ? { text: qualified } : { text: simple, import: qualified };
}

/** A name, a member or a call: `x ?: Logger` then reads as intended without parentheses. */
function isPostfix(arg: Argument): boolean {
  return arg.value.kind === 'ref' || arg.value.kind === 'member' || arg.value.kind === 'call';
}

function insertAt(loc: SourceLocation, text: string): TextEdit {
  return { uri: loc.uri, range: { start: loc.range.end, end: loc.range.end }, newText: text };
}

function insertBefore(loc: SourceLocation, text: string): TextEdit {
  return { uri: loc.uri, range: { start: loc.range.start, end: loc.range.start }, newText: text };
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
