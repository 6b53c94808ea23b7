import { enableRustClientFix, removeOlderClientFlagFix } from '../generate/sync-client-option-fix';
import { compareVersions, versionInRange } from '../model/version';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { WorkspaceModel } from '../model/workspace';

/**
 * Raw tables are applied only by the Rust sync client: opt-in from Kotlin 1.3 to 1.8, the default
 * from 1.9, and the only client from 1.12 (where `newClientImplementation = false` throws).
 */
export const rustClientRequired: Rule = {
  meta: {
    id: 'rust-client-required',
    defaultSeverity: 'error',
    description: 'The PowerSync Kotlin SDK version and SyncOptions, or a JS connect() with clientImplementation: SyncClientImplementation.JAVASCRIPT, disagree with raw tables (the Rust sync client is required).',
    docs: 'docs/rules/rust-client-required.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = jsClientFindings(model);
    const sdk = model.sdkVersions.powersync;
    if (!sdk || model.rawTables.length === 0) return findings;
    for (const connection of model.connections) {
      // The declared SDK version is the Kotlin SDK's: it says nothing of a JS connect().
      if (connection.api === 'js' || connection.newClientImplementationUnknown) continue;
      const flag = connection.newClientImplementation;
      // The older client stays available until 1.12: the default before 1.9, and whenever false is passed.
      const olderClient = versionInRange(sdk.version, '1.3.0', '1.12.0') && (flag === false || (versionInRange(sdk.version, '1.3.0', '1.9.0') && flag !== true));
      if (olderClient) {
        const why = flag === false
          ? `SyncOptions(newClientImplementation = false) makes PowerSync ${sdk.version} sync with its older client`
          : `PowerSync ${sdk.version} syncs with its older client unless SyncOptions(newClientImplementation = true) is passed`;
        findings.push({
          rule: 'rust-client-required',
          severity: 'error',
          message: `connect() fails: raw tables need the Rust sync client. ${why}, and that client does not support raw tables: connect() fails with 'Raw tables are only supported by the Rust sync client.'`,
          loc: connection.optionsLoc ?? connection.loc,
          related: [{ loc: sdk.loc, message: `PowerSync version ${sdk.version}` }],
          fixes: [enableRustClientFix(model, connection)].filter((f) => f !== undefined),
        });
      } else if (compareVersions(sdk.version, '1.12.0') >= 0 && flag === false) {
        findings.push({
          rule: 'rust-client-required',
          severity: 'error',
          message: `Creating these SyncOptions throws. PowerSync ${sdk.version} removed the older sync client: SyncOptions(newClientImplementation = false) throws 'Support for newClientImplementation = false has been removed' when the options are created. Remove the argument.`,
          loc: connection.optionsLoc ?? connection.loc,
          related: [{ loc: sdk.loc, message: `PowerSync version ${sdk.version}` }],
          fixes: [removeOlderClientFlagFix(connection)].filter((f) => f !== undefined),
        });
      }
    }
    return findings;
  },
};

/**
 * JS SDKs: `connect(connector, { clientImplementation: SyncClientImplementation.JAVASCRIPT })` with
 * raw tables. From @powersync/common 1.34 (raw tables) to 1.52 that client skips raw tables with a
 * logged warning (AbstractStreamingSyncImplementation's legacy iteration); 1.53 removed it, and
 * SyncClientImplementation with it. Either way no synced row reaches a raw table. Without the option
 * the SDK's default decides (JavaScript before 1.46): that needs the npm version, not read here.
 */
function jsClientFindings(model: WorkspaceModel): Finding[] {
  const rawTables = model.rawTables.filter((rt) => rt.api === 'js' && rt.name !== undefined);
  if (rawTables.length === 0) return [];
  const shown = rawTables.slice(0, 3).map((rt) => `'${rt.name}'`).join(', ') + (rawTables.length > 3 ? ` and ${rawTables.length - 3} more` : '');
  const findings: Finding[] = [];
  for (const connection of model.connections) {
    const client = connection.clientImplementation;
    if (connection.api !== 'js' || client?.value !== 'javascript') continue;
    findings.push({
      rule: 'rust-client-required',
      severity: 'error',
      message:
        `Synced rows never reach the raw tables: the JavaScript sync client ignores them. clientImplementation: SyncClientImplementation.JAVASCRIPT makes connect() sync with PowerSync's JavaScript client, which does not apply raw tables ` +
        `(it logs 'Raw tables require the Rust-based sync client. The JS client will ignore them.'), so rows of ${shown} are never written into their tables; @powersync/common 1.53 removed that client and SyncClientImplementation.JAVASCRIPT with it. Use SyncClientImplementation.RUST.`,
      loc: client.loc,
      related: rawTables.slice(0, 3).map((rt) => ({ loc: rt.nameLoc, message: `raw table '${rt.name}'` })),
      fixes: client.writtenHere
        ? [{ title: 'Use the Rust sync client (SyncClientImplementation.RUST)', preferred: true, edits: [{ uri: client.loc.uri, range: client.loc.range, newText: 'SyncClientImplementation.RUST' }] }]
        : [],
    });
  }
  return findings;
}
