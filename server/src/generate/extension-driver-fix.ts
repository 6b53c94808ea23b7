import type { FileFacts, RoomBuilderFact } from '../model/facts';
import { calleeName, type Value } from '../model/value';
import { integrationRoomDeclared } from '../model/sdk-versions';
import type { WorkspaceModel } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';
import { kotlinSdkWriter } from './kotlin-sdk-writer';

/** Where `loadPowerSyncExtension()` lives (com.powersync:integration-room, reference §5.1). */
export const LOAD_EXTENSION_IMPORT = 'com.powersync.integrations.room.loadPowerSyncExtension';

/**
 * Room's `.setDriver(BundledSQLiteDriver())` made to load the PowerSync extension on every
 * connection it opens: `BundledSQLiteDriver().also { it.loadPowerSyncExtension() }`, plus the
 * import. Only the plain constructor call is rewritten; a driver built elsewhere is the app's.
 * The edits exclude the import when `withImport` is false (a caller that adds imports itself).
 */
export function extensionDriverEdits(facts: FileFacts, builder: RoomBuilderFact, withImport = true): TextEdit[] | undefined {
  const driver = builder.driver;
  const writer = kotlinSdkWriter(facts.uri);
  if (!driver || !writer || !isPlainBundledDriver(driver)) return undefined;
  const at = driver.loc.range.end;
  const edits: TextEdit[] = [{ uri: driver.loc.uri, range: { start: at, end: at }, newText: '.also { it.loadPowerSyncExtension() }' }];
  if (withImport) edits.push(...writer.importEdits(facts, [LOAD_EXTENSION_IMPORT]));
  return edits;
}

/** The fix for a Room driver without the extension. */
export function extensionDriverFix(facts: FileFacts, builder: RoomBuilderFact): Fix | undefined {
  const edits = extensionDriverEdits(facts, builder);
  return edits && { title: 'Load the PowerSync extension on Room\'s driver (BundledSQLiteDriver().also { it.loadPowerSyncExtension() })', preferred: true, edits };
}

/** `BundledSQLiteDriver()` with no arguments and nothing chained. */
function isPlainBundledDriver(value: Value): boolean {
  return value.kind === 'call' && value.callee.kind === 'ref' && calleeName(value) === 'BundledSQLiteDriver' && value.args.length === 0 && !value.lambda;
}

/** Said in a fix's title when it also makes Room's driver load the extension. */
export const DRIVER_NOTE = '; Room\'s BundledSQLiteDriver loads the PowerSync extension';

/**
 * Edits that make every Room driver of the workspace that runs PowerSync's triggers load the
 * extension: each plain `BundledSQLiteDriver()` in a file that loads it nowhere. Only where
 * `loadPowerSyncExtension()` exists, that is, integration-room 1.6+ is a declared dependency.
 */
export function roomDriversLoadExtension(model: WorkspaceModel): TextEdit[] {
  if (!integrationRoomDeclared(model.sdkVersions)) return [];
  const edits: TextEdit[] = [];
  for (const facts of model.files.values()) {
    if (facts.extensionLoads.length > 0) continue;
    const drivers = facts.roomBuilders.map((builder) => extensionDriverEdits(facts, builder, false)).filter((e) => e !== undefined);
    if (drivers.length === 0) continue;
    // Each driver was written only when the file is Kotlin (extensionDriverEdits), so its writer exists.
    edits.push(...drivers.flat(), ...kotlinSdkWriter(facts.uri)!.importEdits(facts, [LOAD_EXTENSION_IMPORT]));
  }
  return edits;
}
