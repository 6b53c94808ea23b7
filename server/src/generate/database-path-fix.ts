import type { FileFacts, Platform, PowerSyncDatabaseFact, RoomBuilderFact } from '../model/facts';
import type { SourceLocation } from '../model/location';
import type { WorkspaceNames, ConstantEntry } from '../model/names';
import { pathOf } from '../model/evaluate';
import { evaluatePath, IOS_APP_SUPPORT } from '../model/powersync/symbolic-paths';
import { argumentFor, type CallValue, type Value } from '../model/value';
import type { DatabasePath, WorkspaceModel } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';
import { kotlinSdkWriter, type KotlinSdkWriter } from './kotlin-sdk-writer';

/** Names tried, in order, for a file-name constant the fix has to introduce. */
const CONSTANT_NAMES = ['DATABASE_NAME', 'DATABASE_FILE_NAME', 'SHARED_DATABASE_NAME'];

/** The iOS helper that returns PowerSync's default folder (Application Support/databases). */
const IOS_FOLDER_FUNCTION = 'powerSyncDatabaseDirectory';
const IOS_FOLDER_IMPORTS = [
  'kotlinx.cinterop.ExperimentalForeignApi',
  'platform.Foundation.NSApplicationSupportDirectory',
  'platform.Foundation.NSFileManager',
  'platform.Foundation.NSSearchPathForDirectoriesInDomains',
  'platform.Foundation.NSUserDomainMask',
];

/** One `db-path-mismatch` finding, as the rule sees it. */
export interface PathMismatch {
  platform: Platform;
  /** The PowerSync constructor that opens another file than Room. */
  powersync: DatabasePath;
  /** Every file PowerSync may open on `platform` (two on iOS when the SDK version is unknown). */
  powersyncFiles: string[];
  /** True when `dbDirectory` is passed but the SDK (iOS before 1.6, or unknown) may ignore it. */
  directoryMayBeIgnored: boolean;
  room: DatabasePath[];
  /**
   * Whether PowerSync, given `fileName` as `dbFilename`, opens Room's file on `platform` and still
   * on every other platform where it opens Room's file now (a shared opener runs on several).
   */
  sharesRoomFileWithName(fileName: string): boolean;
}

/**
 * Makes Room and PowerSync open one file. Same folder, other name: PowerSync's `dbFilename`
 * names Room's file through the constant Room uses (introduced when Room writes a literal):
 * Room's file holds the app's rows, PowerSync's can be synced again. Other folder on iOS: Room
 * opens Application Support/databases/<dbFilename>, the folder PowerSync uses in every SDK
 * version, and a `dbDirectory` that SDKs before 1.6 ignore is dropped. Undefined otherwise.
 */
export function databasePathFix(model: WorkspaceModel, mismatch: PathMismatch): Fix | undefined {
  if (mismatch.room.length !== 1 || mismatch.room[0].path === undefined) return undefined;
  const room = roomSide(model, mismatch.room[0]);
  const powersync = powerSyncSide(model, mismatch.powersync);
  if (!room || !powersync) return undefined;
  const lookup: Lookup = { names: model.names, files: model.files };
  return sameFolderFix(lookup, mismatch, room, powersync) ?? iosFolderFix(lookup, mismatch, room, powersync);
}

/** Name resolution plus the facts of the file each name is declared in. */
interface Lookup {
  names: WorkspaceNames;
  files: ReadonlyMap<string, FileFacts>;
}

export interface RoomSide {
  path: DatabasePath & { path: string };
  builder: RoomBuilderFact;
  facts: FileFacts;
  /** How the builder's file is written; only Kotlin sources get these fixes. */
  writer: KotlinSdkWriter;
}

export interface PowerSyncSide {
  path: DatabasePath;
  db: PowerSyncDatabaseFact;
  facts: FileFacts;
  writer: KotlinSdkWriter;
}

export function roomSide(model: WorkspaceModel, path: DatabasePath): RoomSide | undefined {
  const facts = model.files.get(path.loc.uri);
  const builder = facts?.roomBuilders.find((b) => sameLocation(b.loc, path.loc));
  const writer = kotlinSdkWriter(path.loc.uri);
  if (!facts || !builder || !writer || path.path === undefined) return undefined;
  return { path: path as RoomSide['path'], builder, facts, writer };
}

export function powerSyncSide(model: WorkspaceModel, path: DatabasePath): PowerSyncSide | undefined {
  const facts = model.files.get(path.loc.uri);
  const db = facts?.powerSyncDatabases.find((d) => d.form === 'constructor' && sameLocation(d.loc, path.loc));
  const writer = kotlinSdkWriter(path.loc.uri);
  return facts && db && writer ? { path, db, facts, writer } : undefined;
}

/** Same folder, another file name: `dbFilename` takes Room's name, through one shared constant. */
function sameFolderFix(lookup: Lookup, mismatch: PathMismatch, room: RoomSide, powersync: PowerSyncSide): Fix | undefined {
  const fileName = baseName(room.path.path);
  if (fileName.length === 0 || fileName === powersync.path.fileName) return undefined;
  if (!mismatch.sharesRoomFileWithName(fileName)) return undefined;
  const source = nameInRoomBuilder(lookup.names, room, fileName);
  if (!source) return undefined;
  const imports = new Map<string, string[]>();
  const edits: TextEdit[] = [];
  let reference: string;
  if (source.kind === 'constant') {
    const found = constantReference(lookup, source.entry, source.path, powersync.facts, powersync.db.owner ?? []);
    if (!found) return undefined;
    reference = found.text;
    addImports(imports, powersync.facts.uri, found.imports);
  } else {
    const introduced = introduceConstant(lookup.names, fileName, room, powersync);
    if (!introduced) return undefined;
    reference = introduced.name;
    edits.push(...introduced.edits, { uri: source.loc.uri, range: source.loc.range, newText: introduced.name });
    addImports(imports, introduced.importInto, introduced.importPath ? [introduced.importPath] : []);
  }
  const fileNameEdit = dbFilenameEdit(powersync, reference);
  if (!fileNameEdit) return undefined;
  edits.push(fileNameEdit, ...importEdits(imports, powersync, room));
  return { title: `Open Room's file from PowerSync too (dbFilename = ${reference})`, preferred: true, edits };
}

/**
 * Another folder on iOS, where PowerSync opens Application Support/databases/<dbFilename>:
 * Room's path moves there (a helper returns the folder, creating it since Room may open first)
 * and a `dbDirectory` that the SDK may ignore is dropped, so both agree in every SDK version.
 */
function iosFolderFix(lookup: Lookup, mismatch: PathMismatch, room: RoomSide, powersync: PowerSyncSide): Fix | undefined {
  const fileName = powersync.path.fileName;
  if (mismatch.platform !== 'ios' || room.facts.platform !== 'ios' || !room.builder.name) return undefined;
  if (fileName === undefined || fileName.length === 0 || fileName.includes('/')) return undefined;
  const target = `${IOS_APP_SUPPORT}/databases/${fileName}`;
  if (room.path.path === target) return undefined;
  const edits: TextEdit[] = [];
  if (powersync.path.dbDirectoryGiven) {
    // An honoured dbDirectory (SDK 1.6+) is PowerSync's chosen folder, not ours to drop.
    if (!mismatch.directoryMayBeIgnored || powersync.facts.platform !== 'ios') return undefined;
    const drop = dropArgument(powersync.db.call, 'dbDirectory', 5);
    if (!drop) return undefined;
    edits.push(drop);
  } else if (!mismatch.powersyncFiles.every((f) => f === target)) {
    return undefined;
  }
  if (room.facts.calledNames?.includes(IOS_FOLDER_FUNCTION)) return undefined;
  const imports = new Map<string, string[]>();
  const name = fileNameReference(lookup, room, powersync, fileName);
  if (!name) return undefined;
  addImports(imports, room.facts.uri, [...IOS_FOLDER_IMPORTS, ...name.imports]);
  const nameValue = room.builder.name;
  edits.push(
    { uri: nameValue.loc.uri, range: nameValue.loc.range, newText: `${IOS_FOLDER_FUNCTION}() + "/" + ${name.text}` },
    appendToFile(room.facts, iosFolderFunction()),
    ...importEdits(imports, powersync, room),
  );
  return { title: `Open ${fileName} in Application Support/databases, PowerSync's folder on iOS, from Room too`, preferred: true, edits };
}

function iosFolderFunction(): string {
  return [
    '',
    "// PowerSync's default folder on iOS; Room may open the file first, and SQLite does not create folders.",
    '@OptIn(ExperimentalForeignApi::class)',
    `private fun ${IOS_FOLDER_FUNCTION}(): String {`,
    '    val applicationSupport = NSSearchPathForDirectoriesInDomains(NSApplicationSupportDirectory, NSUserDomainMask, true).first() as String',
    '    val directory = "$applicationSupport/databases"',
    '    NSFileManager.defaultManager.createDirectoryAtPath(directory, withIntermediateDirectories = true, attributes = null, error = null)',
    '    return directory',
    '}',
    '',
  ].join('\n');
}

/** How Room's builder writes its file name: a constant (reused as is) or a literal (to replace). */
type NameSource = { kind: 'constant'; entry: ConstantEntry; path: string[] } | { kind: 'literal'; loc: SourceLocation };

/**
 * The constant or string literal inside Room's `name` argument that is exactly `fileName`, read
 * through the file's local vals and helpers (so a local is never taken for a constant of the same
 * name); constants first.
 */
function nameInRoomBuilder(names: WorkspaceNames, room: RoomSide, fileName: string): NameSource | undefined {
  const found: NameSource[] = [];
  collectNames(room.builder.pathArguments?.name ?? room.builder.name, fileName, names, room.facts.uri, room.builder.owner ?? [], found);
  return found.find((s) => s.kind === 'constant') ?? found.find((s) => s.kind === 'literal');
}

function collectNames(value: Value | undefined, fileName: string, names: WorkspaceNames, uri: string, owner: string[], out: NameSource[], depth = 0): void {
  if (!value || depth > 32) return;
  const next = (v: Value | undefined) => collectNames(v, fileName, names, uri, owner, out, depth + 1);
  switch (value.kind) {
    case 'ref':
    case 'member': {
      const path = pathOf(value);
      const entry = path ? names.resolveConstant(path, uri, owner) : undefined;
      if (path && entry) {
        if (evaluatePath(value, names.scope(uri, owner)) === fileName) out.push({ kind: 'constant', entry, path });
        return;
      }
      if (value.kind === 'member') next(value.receiver);
      return;
    }
    case 'string':
      if (value.value === fileName && isWholeLiteral(value.loc, fileName, value.raw)) out.push({ kind: 'literal', loc: value.loc });
      return;
    case 'template':
      value.parts.forEach(next);
      return;
    case 'call':
      next(value.callee);
      value.args.forEach((a) => next(a.value));
      return;
    case 'list':
      value.items.forEach(next);
      return;
    default:
      return;
  }
}

/** A literal's range covers its quotes; a template's text part does not (and must not be replaced). */
function isWholeLiteral(loc: SourceLocation, text: string, raw: boolean): boolean {
  const { start, end } = loc.range;
  return start.line === end.line && end.character - start.character === text.length + (raw ? 6 : 2);
}

/** `entry` as `target` can write it: the path Room wrote, or its simple name with an import. */
function constantReference(
  { names, files }: Lookup,
  entry: ConstantEntry,
  written: string[],
  target: FileFacts,
  owner: string[],
): { text: string; imports: string[] } | undefined {
  if (names.resolveConstant(written, target.uri, owner)?.qualifiedName === entry.qualifiedName) return { text: written.join('.'), imports: [] };
  const simple = entry.fact.name;
  if (entry.fact.owner.length > 0 || names.resolveConstant([simple], target.uri, owner)) return undefined;
  const home = files.get(entry.uri);
  if (!home || !sees(target, home)) return undefined;
  return { text: simple, imports: [entry.qualifiedName] };
}

/** Room's file name as `target` (inside `owner`) can write it: the constant Room's builder uses where it can be reached, else a literal. */
export function roomFileNameIn(model: WorkspaceModel, room: RoomSide, target: FileFacts, owner: string[]): { text: string; imports: string[] } | undefined {
  const lookup: Lookup = { names: model.names, files: model.files };
  const fileName = baseName(room.path.path);
  if (fileName.length === 0) return undefined;
  const own = nameInRoomBuilder(lookup.names, room, fileName);
  const constant = own?.kind === 'constant' ? constantReference(lookup, own.entry, own.path, target, owner) : undefined;
  return constant ?? { text: room.writer.stringLiteral(fileName), imports: [] };
}

/** PowerSync's `dbFilename` as Room can write it: a constant PowerSync uses, else a literal. */
function fileNameReference(lookup: Lookup, room: RoomSide, powersync: PowerSyncSide, fileName: string): { text: string; imports: string[] } | undefined {
  const own = nameInRoomBuilder(lookup.names, room, fileName);
  if (own?.kind === 'constant') return constantReference(lookup, own.entry, own.path, room.facts, room.builder.owner ?? []);
  const written = argumentFor(powersync.db.call.args, 'dbFilename', 2)?.value;
  const path = written ? pathOf(written) : undefined;
  const entry = path ? lookup.names.resolveConstant(path, powersync.facts.uri, powersync.db.owner ?? []) : undefined;
  if (path && entry) return constantReference(lookup, entry, path, room.facts, room.builder.owner ?? []);
  return { text: room.writer.stringLiteral(fileName), imports: [] };
}

/**
 * A top-level `const val` holding Room's file name, in a file both sides see: theirs when they
 * share one, else the common (or same source set) one, preferring PowerSync's.
 */
function introduceConstant(
  names: WorkspaceNames,
  fileName: string,
  room: RoomSide,
  powersync: PowerSyncSide,
): { name: string; edits: TextEdit[]; importInto: string; importPath?: string } | undefined {
  const sameFile = room.facts.uri === powersync.facts.uri;
  const home = sameFile || sees(room.facts, powersync.facts) ? powersync.facts : sees(powersync.facts, room.facts) ? room.facts : undefined;
  if (!home) return undefined;
  const other = home === powersync.facts ? room.facts : powersync.facts;
  const free = (n: string) =>
    !names.resolveConstant([n], room.facts.uri, room.builder.owner ?? []) &&
    !names.resolveConstant([n], powersync.facts.uri, powersync.db.owner ?? []) &&
    !names.resolveConstant([n], home.uri);
  const name = CONSTANT_NAMES.find(free);
  if (!name) return undefined;
  const needsImport = !sameFile && (home.packageName ?? '') !== (other.packageName ?? '');
  if (needsImport && !home.packageName) return undefined;
  const declaration = `// The one SQLite file Room and PowerSync both open.\nconst val ${name} = ${room.writer.stringLiteral(fileName)}`;
  return {
    name,
    edits: [declarationEdit(home, declaration)],
    importInto: other.uri,
    ...(needsImport ? { importPath: `${home.packageName}.${name}` } : {}),
  };
}

/** True when a top-level declaration in `home` is visible from `user` (common code, or one source set). */
function sees(user: FileFacts, home: FileFacts): boolean {
  return home.platform === 'common' || (home.sourceSet !== undefined && home.sourceSet === user.sourceSet);
}

/** A top-level declaration after the imports (or the package header, or at the top). */
function declarationEdit(facts: FileFacts, text: string): TextEdit {
  const last = facts.imports[facts.imports.length - 1];
  const after = last?.loc ?? facts.packageLoc;
  if (after) return { uri: facts.uri, range: { start: after.range.end, end: after.range.end }, newText: `\n\n${text}` };
  const start = { line: 0, character: 0 };
  return { uri: facts.uri, range: { start, end: start }, newText: `${text}\n\n` };
}

/** `dbFilename`'s value replaced, or the argument added after the last one when it is not written. */
function dbFilenameEdit(powersync: PowerSyncSide, reference: string): TextEdit | undefined {
  const call = powersync.db.call;
  const written = argumentFor(call.args, 'dbFilename', 2);
  if (written) return { uri: written.value.loc.uri, range: written.value.loc.range, newText: reference };
  const last = call.args[call.args.length - 1];
  if (!last || call.lambda) return undefined;
  const separator = last.loc.range.start.line > call.loc.range.start.line ? `,\n${' '.repeat(last.loc.range.start.character)}` : ', ';
  return { uri: last.loc.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: `${separator}dbFilename = ${reference}` };
}

/** Removes an argument with the comma before it (or after it, when it comes first). */
export function dropArgument(call: CallValue, name: string, position: number): TextEdit | undefined {
  const arg = argumentFor(call.args, name, position);
  const index = arg ? call.args.indexOf(arg) : -1;
  if (!arg || index < 0) return undefined;
  // A positional argument can only go when nothing follows it.
  if (arg.name === undefined && index !== call.args.length - 1) return undefined;
  const args = call.args;
  if (index > 0) return { uri: arg.loc.uri, range: { start: args[index - 1].loc.range.end, end: arg.loc.range.end }, newText: '' };
  if (args.length === 1) return undefined;
  return { uri: arg.loc.uri, range: { start: arg.loc.range.start, end: args[1].loc.range.start }, newText: '' };
}

/** Replaces the final line break, so that two appends to one file are applied in separate rounds. */
function appendToFile(facts: FileFacts, text: string): TextEdit {
  const end = facts.end ?? { line: 0, character: 0 };
  const start = facts.finalLineBreak ?? end;
  return { uri: facts.uri, range: { start, end }, newText: `\n${text}` };
}

function addImports(map: Map<string, string[]>, uri: string, paths: string[]): void {
  if (paths.length === 0) return;
  map.set(uri, [...(map.get(uri) ?? []), ...paths.filter((p) => !(map.get(uri) ?? []).includes(p))]);
}

function importEdits(imports: Map<string, string[]>, powersync: PowerSyncSide, room: RoomSide): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [uri, paths] of imports) {
    const side = uri === room.facts.uri ? room : uri === powersync.facts.uri ? powersync : undefined;
    if (side) edits.push(...side.writer.importEdits(side.facts, paths));
  }
  return edits;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
  return a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}
