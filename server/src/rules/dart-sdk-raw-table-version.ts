import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { SourceLocation } from '../model/location';
import { dartClientChoice, dartSdkLacks, DART_RAW_TABLE_INFERRED, DART_RAW_TABLES, DART_RUST_CLIENT_DEFAULT } from '../model/powersync/dart-sdk-versions';
import type { Evidence } from '../model/sdk-versions';
import { calleeName } from '../model/value';

const RULE = 'dart-sdk-raw-table-version';

/**
 * Raw-table API the installed PowerSync Dart SDK does not have yet, where the app's pubspec.yaml
 * and pubspec.lock prove the version (every `powersync` and `powersync_core` the lockfile resolves
 * from pub.dev below the first version with it):
 * - `RawTable` before powersync 1.15.0 (powersync_core 1.5.0): no such class, the app does not compile;
 * - `RawTable.inferred`, `RawTableSchema`, `clear` and `PendingStatementValue.rest()` before 1.18.0
 *   (powersync_core 1.8.0): not in the SDK, the app does not compile;
 * - raw tables on 1.15.x and 1.16.x, whose default sync client is the Dart one: connect() throws
 *   `UnsupportedError('Raw tables are only supported by the Rust client.')` unless its options pick
 *   `SyncClientImplementation.rust`. Said only when every `syncImplementation:` in the workspace
 *   picks the Dart client (or none is written) and every Schema has a raw table.
 * A version range without a lockfile, a path or git dependency, or anything not read says nothing.
 */
export const dartSdkRawTableVersion: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description:
      "Raw-table API the installed PowerSync Dart SDK lacks (RawTable before powersync 1.15.0; RawTable.inferred, RawTableSchema, clear and .rest() before 1.18.0; raw tables with the Dart sync client, the default before 1.17.0), per pubspec.yaml and pubspec.lock.",
    docs: `docs/rules/${RULE}.md`,
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    const versions = model.sdkVersions;
    if (!versions.pub) return findings;
    const dartTables = model.rawTables.filter((t) => t.api === 'dart' && t.scope);
    const reported = new Set<string>();
    for (const table of dartTables) {
      const uri = table.scope!.uri;
      const none = dartSdkLacks(versions, uri, DART_RAW_TABLES);
      if (none) {
        findings.push({
          rule: RULE,
          severity: 'error',
          message:
            `The installed PowerSync Dart SDK has no RawTable: this code does not compile. ` +
            `Raw tables came with powersync 1.15.0 (powersync_core 1.5.0). Installed: ${versionsText(none.evidence)}. Update the SDK.`,
          loc: table.loc,
          related: related(none.evidence),
          fixes: [],
        });
        continue;
      }
      const lacks = dartSdkLacks(versions, uri, DART_RAW_TABLE_INFERRED);
      if (!lacks) continue;
      const parts: { what: string; instead: string; loc: SourceLocation }[] = [];
      // A table built by a helper keeps no call: its RawTableSchema (only RawTable.inferred takes one) shows it.
      const inferredAt = table.call && calleeName(table.call) === 'inferred' ? table.call.callee.loc : !table.call ? table.schema?.loc : undefined;
      if (inferredAt) {
        parts.push({ what: 'RawTable.inferred or RawTableSchema', instead: ', or declare the table with RawTable(name:, put:, delete:) statements', loc: inferredAt });
      }
      if (table.clear) parts.push({ what: 'clear for raw tables', instead: ', or delete the rows of this table yourself after disconnectAndClear()', loc: table.clear.loc });
      for (const statement of [table.put, table.delete]) {
        for (const parameter of statement?.parameters ?? []) {
          if (parameter.kind === 'Rest') parts.push({ what: 'PendingStatementValue.rest()', instead: ', or bind each column with PendingStatementValue.column(…)', loc: parameter.loc });
        }
      }
      for (const part of parts) {
        // A helper function's body is shared by every table it returns: one finding per place.
        const key = `${part.loc.uri}#${part.loc.range.start.line}:${part.loc.range.start.character}`;
        if (reported.has(key)) continue;
        reported.add(key);
        findings.push({
          rule: RULE,
          severity: 'error',
          message:
            `The installed PowerSync Dart SDK has no ${part.what}: this code does not compile. ` +
            `RawTable.inferred, RawTableSchema, clear and PendingStatementValue.rest() came with powersync 1.18.0 (powersync_core 1.8.0). ` +
            `Installed: ${versionsText(lacks.evidence)}. Update the SDK${part.instead}.`,
          loc: part.loc,
          related: related(lacks.evidence),
          fixes: [],
        });
      }
    }
    findings.push(...dartClientFindings(model, dartTables));
    return findings;
  },
};

/** Raw tables on powersync 1.15.x/1.16.x with the Dart sync client: connect() throws. */
function dartClientFindings(model: Parameters<Rule['check']>[0], dartTables: typeof model.rawTables): Finding[] {
  if (dartTables.length === 0) return [];
  const dartFiles = [...model.files.values()].filter((f) => f.language === 'dart');
  if (dartFiles.some((f) => f.unread)) return [];
  const schemas = model.schemas.filter((s) => s.loc.uri.endsWith('.dart'));
  // A database opened with a schema without raw tables connects fine: every schema must have one.
  if (schemas.length === 0 || schemas.some((s) => !s.rawTables.some((t) => t !== undefined && t.api === 'dart'))) return [];
  const choices: { choice: 'rust' | 'dart' | undefined; loc: SourceLocation }[] = [];
  for (const facts of dartFiles) {
    for (const c of facts.dartSyncImplementations ?? []) choices.push({ choice: dartClientChoice(c.value, model.names.scope(facts.uri, [])), loc: c.loc });
  }
  // A choice Rawsync cannot read may be the Rust client: nothing is said.
  if (choices.some((c) => c.choice !== 'dart')) return [];
  const connects = dartFiles.flatMap((f) => f.dartConnects ?? []);
  const places = choices.length > 0 ? choices.map((c) => ({ loc: c.loc, chosen: true })) : connects.map((c) => ({ loc: c.loc, chosen: false }));
  const findings: Finding[] = [];
  for (const place of places) {
    const lacks = dartSdkLacks(model.sdkVersions, place.loc.uri, DART_RUST_CLIENT_DEFAULT);
    // Without RawTable at all, the first part of this rule tells the story.
    if (!lacks || dartSdkLacks(model.sdkVersions, place.loc.uri, DART_RAW_TABLES)) continue;
    findings.push({
      rule: RULE,
      severity: 'error',
      message:
        (place.chosen
          ? `The Dart sync client picked here cannot sync raw tables: connect() throws UnsupportedError('Raw tables are only supported by the Rust client.'). `
          : `This connect() throws UnsupportedError('Raw tables are only supported by the Rust client.'): the schema has raw tables, and no code here picks the Rust sync client. `) +
        `Before powersync 1.17.0 (powersync_core 1.7.0) the Dart sync client is the default, and connect() refuses a schema with raw tables unless its options pick SyncClientImplementation.rust. ` +
        `Installed: ${versionsText(lacks.evidence)}. Pass options: const SyncOptions(syncImplementation: SyncClientImplementation.rust) to connect(…), or update the SDK.`,
      loc: place.loc,
      related: [...dartTables.map((t) => ({ loc: t.loc, message: `raw table '${t.name ?? '…'}'` })), ...related(lacks.evidence)],
      fixes: [],
    });
  }
  return findings;
}

function versionsText(evidence: Evidence[]): string {
  return [...new Set(evidence.map((e) => e.what.replace(/ \(.*$/, '')))].join(', ');
}

function related(evidence: Evidence[]): RelatedLocation[] {
  return evidence.map((e) => ({ loc: e.loc, message: e.what }));
}
