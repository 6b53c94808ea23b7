import { compareVersions, versionInRange } from '../model/version';
import type { Finding } from './finding';
import type { Rule } from './rule';

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
      const flag = connection.newClientImplementation;
      if (versionInRange(sdk.version, '1.3.0', '1.9.0') && flag !== true) {
        findings.push({
          rule: 'rust-client-required',
          severity: 'error',
          message: `PowerSync ${sdk.version} syncs with its older client unless SyncOptions(newClientImplementation = true) is passed, and that client does not support raw tables: connect() fails with 'Raw tables are only supported by the Rust sync client.'`,
          loc: connection.optionsLoc ?? connection.loc,
          related: [{ loc: sdk.loc, message: `PowerSync version ${sdk.version}` }],
          fixes: [],
        });
      } else if (compareVersions(sdk.version, '1.12.0') >= 0 && flag === false) {
        findings.push({
          rule: 'rust-client-required',
          severity: 'error',
          message: `PowerSync ${sdk.version} removed the older sync client: SyncOptions(newClientImplementation = false) throws 'Support for newClientImplementation = false has been removed' when the options are created. Remove the argument.`,
          loc: connection.optionsLoc ?? connection.loc,
          related: [{ loc: sdk.loc, message: `PowerSync version ${sdk.version}` }],
          fixes: [],
        });
      }
    }
    return findings;
  },
};
