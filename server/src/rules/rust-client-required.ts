import { enableRustClientFix, removeOlderClientFlagFix } from '../generate/sync-client-option-fix';
import { compareVersions, versionInRange } from '../model/version';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

/**
 * Raw tables are applied only by the Rust sync client: opt-in from Kotlin 1.3 to 1.8, the default
 * from 1.9, and the only client from 1.12 (where `newClientImplementation = false` throws).
 */
export const rustClientRequired: Rule = {
  meta: {
    id: 'rust-client-required',
    defaultSeverity: 'error',
    description: 'The PowerSync Kotlin SDK version and SyncOptions disagree with raw tables (the Rust sync client is required).',
    docs: 'docs/rules/rust-client-required.md',
    fixable: true,
  },
  check(model) {
    const sdk = model.sdkVersions.powersync;
    if (!sdk || model.rawTables.length === 0) return [];
    const findings: Finding[] = [];
    for (const connection of model.connections) {
      if (connection.newClientImplementationUnknown) continue;
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
