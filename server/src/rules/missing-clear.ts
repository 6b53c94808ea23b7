import { clearText } from '../model/powersync/api-text';
import { compareVersions } from '../model/version';
import { clearStatementFix } from '../generate/clear-statement-fix';
import type { DatabaseClear, RawTable, WorkspaceModel } from '../model/workspace';
import type { SourceLocation } from '../model/location';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

/** The Kotlin SDK version whose RawTable first takes a `clear` statement. */
const CLEAR_SINCE = '1.8.0';

/** The Dart SDK's RawTable takes `clear` from `powersync` 1.18.0, whose engine was `powersync_core` 1.8.0. */
const DART_CLEAR_SINCE: Record<string, string> = { powersync: '1.18.0', powersync_core: '1.8.0' };

/**
 * The Dart SDK version a raw table's package resolved: the `powersync` (else `powersync_core`)
 * entry of the nearest `pubspec.lock` above the declaring file, or undefined.
 */
function lockedDartSdk(model: WorkspaceModel, uri: string): { version: string; since: string; loc: SourceLocation } | undefined {
  let nearest = -1;
  let best: { version: string; since: string; loc: SourceLocation } | undefined;
  for (const facts of model.files.values()) {
    if (facts.language !== 'pubspec-lock') continue;
    const folder = facts.uri.slice(0, facts.uri.lastIndexOf('/') + 1);
    if (!uri.startsWith(folder) || folder.length <= nearest) continue;
    nearest = folder.length;
    const dependency = ['powersync', 'powersync_core'].map((name) => facts.dependencies.find((d) => d.group === 'pub.dev' && d.artifact === name && d.version !== undefined)).find((d) => d !== undefined);
    best = dependency ? { version: dependency.version!, since: DART_CLEAR_SINCE[dependency.artifact], loc: dependency.loc } : undefined;
  }
  return best;
}

/**
 * `disconnectAndClear()` leaves a raw table's rows alone unless it has a `clear` statement. Only
 * raw tables of a database that is cleared are reported: the schema of the database a call
 * clears must be known (model.clears), never assumed from a call somewhere else.
 */
export const missingClear: Rule = {
  meta: {
    id: 'missing-clear',
    defaultSeverity: 'info',
    description: 'A raw table without a clear statement in a database that disconnectAndClear() clears.',
    docs: 'docs/rules/missing-clear.md',
    fixable: true,
  },
  check(model) {
    // Each raw table once, with the first call that clears a database holding it.
    const cleared = new Map<RawTable, DatabaseClear>();
    for (const clear of model.clears) {
      for (const rawTable of clear.schema?.rawTables ?? []) {
        if (rawTable && !cleared.has(rawTable)) cleared.set(rawTable, clear);
      }
    }
    if (cleared.size === 0) return [];
    const sdk = model.sdkVersions.powersync;
    // Before 1.8 RawTable has no clear parameter, so the advice must be an upgrade or a manual delete.
    const clearMissingFromSdk = sdk !== undefined && compareVersions(sdk.version, CLEAR_SINCE) < 0;
    const findings: Finding[] = [];
    for (const rawTable of model.rawTables) {
      const clear = cleared.get(rawTable);
      if (!clear || rawTable.clear || rawTable.name === undefined) continue;
      const table = rawTable.localTable ?? rawTable.name;
      // The declared SDK version is the Kotlin SDK's (Maven): it says nothing of a JS or Dart raw table.
      const kotlinOld = clearMissingFromSdk && rawTable.api === 'kotlin' ? { version: sdk!.version, since: CLEAR_SINCE, loc: sdk!.loc } : undefined;
      const dart = rawTable.api === 'dart' ? lockedDartSdk(model, rawTable.loc.uri) : undefined;
      const old = kotlinOld ?? (dart && compareVersions(dart.version, dart.since) < 0 ? dart : undefined);
      const advice = old
        ? `PowerSync ${old.version} has no clear parameter yet (it arrived in ${old.since}): upgrade and add ${clearText(table, rawTable.api)}, or delete the rows of '${table}' yourself after disconnectAndClear().`
        : `Add ${clearText(table, rawTable.api)}.`;
      findings.push({
        rule: 'missing-clear',
        severity: 'info',
        message: `Signing out leaves every row of '${table}' on the device. Raw table '${rawTable.name}' has no clear statement: disconnectAndClear() clears PowerSync's own data but leaves every row of '${table}' in place, so the next user of the device sees the previous user's rows. ${advice}`,
        loc: rawTable.nameLoc,
        related: [
          {
            loc: clear.loc,
            message: clear.via === 'opener'
              ? 'disconnectAndClear() is called here, on a database opened with this raw table'
              // A JS project has no Gradle modules: its one module is the whole workspace.
              : `disconnectAndClear() is called here, in ${rawTable.api === 'kotlin' ? 'the module' : 'the project'} whose only schema lists this raw table`,
          },
          ...(old ? [{ loc: old.loc, message: `PowerSync version ${old.version}` }] : []),
        ],
        fixes: old ? [] : [clearStatementFix(rawTable)].filter((f) => f !== undefined),
      });
    }
    return findings;
  },
};
