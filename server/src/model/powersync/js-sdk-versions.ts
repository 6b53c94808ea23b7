import { evaluateScalar, type NameScope } from '../evaluate';
import type { NpmPackageFact } from '../facts';
import type { Value } from '../value';
import { compareVersions } from '../version';
import type { Evidence } from '../sdk-versions';
import type { NpmPackageFile, SdkVersions } from '../workspace';

/**
 * A change of `@powersync/common` (where `Schema` and `withRawTables` live), with the first
 * version of each JS SDK package carrying it. Each SDK package depends on `@powersync/common` at
 * one exact version (`"@powersync/common": "workspace:*"`, written out by pnpm on publishing), so
 * an SDK below its version here brings a `@powersync/common` below the common version here.
 * From the packages' CHANGELOG.md files (powersync-js; docs/rules/js-sdk-raw-table-version.md).
 */
export interface CommonFeature {
  /** For messages: `withRawTables`. */
  what: string;
  firstVersions: Readonly<Record<JsSdkPackage, string>>;
}

export type JsSdkPackage = '@powersync/common' | '@powersync/web' | '@powersync/node' | '@powersync/react-native';
const JS_SDK_PACKAGES: readonly string[] = ['@powersync/common', '@powersync/web', '@powersync/node', '@powersync/react-native'];

/** Other packages that bring their own `@powersync/common`; whose versions are not mapped here, so an app with one is not judged. */
const UNMAPPED_SDKS: readonly string[] = ['@powersync/capacitor', '@powersync/tauri', '@powersync/nuxt'];

/** Schema.withRawTables: common 1.34.0 (ab33799, "Add experimental support for raw tables"); web 1.24.0, node 0.8.0, react-native 1.23.0. */
export const WITH_RAW_TABLES: CommonFeature = {
  what: 'Schema.withRawTables',
  firstVersions: { '@powersync/common': '1.34.0', '@powersync/web': '1.24.0', '@powersync/node': '0.8.0', '@powersync/react-native': '1.23.0' },
};

/**
 * Raw tables with `schema` (put/delete inferred) and `clear`: common 1.48.0 (6c855cd, "Improve raw
 * tables by making put and delete statements optional if a local name is given"); web 1.35.0,
 * node 0.18.0, react-native 1.31.0. Before it, withRawTables kept each entry as `new RawTable(name,
 * entry)`, whose constructor copied `put` and `delete` only.
 */
export const RAW_TABLE_SCHEMA_AND_CLEAR: CommonFeature = {
  what: "raw tables' schema and clear",
  firstVersions: { '@powersync/common': '1.48.0', '@powersync/web': '1.35.0', '@powersync/node': '0.18.0', '@powersync/react-native': '1.31.0' },
};

/**
 * The Rust sync client is the default: common 1.46.0 (acf6b70, "The Rust sync client is now
 * enabled by default"); web 1.32.0, node 0.16.0, react-native 1.29.0. Before it the JavaScript
 * client was, which ignores raw tables.
 */
export const RUST_CLIENT_DEFAULT: CommonFeature = {
  what: 'the Rust sync client by default',
  firstVersions: { '@powersync/common': '1.46.0', '@powersync/web': '1.32.0', '@powersync/node': '0.16.0', '@powersync/react-native': '1.29.0' },
};

/**
 * The JavaScript sync client is gone: common 1.53.0 (739e21a, "Remove support for the JavaScript
 * sync client. The default Rust client is the only option"); web 1.38.0, node 0.18.5, react-native 1.35.0.
 */
export const JS_CLIENT_REMOVED: CommonFeature = {
  what: 'the Rust sync client only',
  firstVersions: { '@powersync/common': '1.53.0', '@powersync/web': '1.38.0', '@powersync/node': '0.18.5', '@powersync/react-native': '1.35.0' },
};

/**
 * The sync client a `clientImplementation` value picks: `SyncClientImplementation.RUST` /
 * `.JAVASCRIPT` (the enum's values are 'rust' and 'js'), or undefined when it cannot be told.
 */
export function clientChoice(value: Value, scope: NameScope): 'rust' | 'javascript' | undefined {
  if (value.kind === 'member' && value.receiver.kind === 'ref' && value.receiver.name === 'SyncClientImplementation') {
    return value.name === 'RUST' ? 'rust' : value.name === 'JAVASCRIPT' ? 'javascript' : undefined;
  }
  const text = evaluateScalar(value, scope);
  return text === 'rust' ? 'rust' : text === 'js' ? 'javascript' : undefined;
}

/** An exact version (`1.34.2`, `=1.34.2`, `v1.34.2`): what npm installs for that dependency. */
function exactVersion(range: string): string | undefined {
  const match = /^[=v]?\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(range.trim());
  return match?.[1];
}

/**
 * Whether the JS SDK the code in `uri` runs is known to lack `feature`, with the evidence. The
 * app's package.json is the nearest one above the file naming a `@powersync/*` package; its
 * lockfile the nearest one at or above that folder. Every JS SDK package either names (the
 * lockfile's installed copies, and the manifest's exact versions) must be below the feature's
 * first version; a range in the manifest counts only through the lockfile. Undefined when that
 * is not known: no manifest, a lockfile that could not be read, a package whose version is not
 * mapped, or any copy at or above the version.
 */
export function jsSdkLacks(versions: SdkVersions, uri: string, feature: CommonFeature): { evidence: Evidence[] } | undefined {
  const files = versions.npm ?? [];
  const manifest = nearest(files, uri, 'manifest');
  if (!manifest || manifest.unread) return undefined;
  if (manifest.packages.some((p) => UNMAPPED_SDKS.includes(p.name))) return undefined;
  const lockfile = nearest(files, manifest.folder + '/', 'lockfile');
  if (lockfile?.unread) return undefined;
  const sdk = (p: NpmPackageFact) => JS_SDK_PACKAGES.includes(p.name);
  const evidence: { pkg: NpmPackageFact; version: string }[] = [];
  for (const pkg of (lockfile?.packages ?? []).filter(sdk)) evidence.push({ pkg, version: pkg.version });
  const declared = manifest.packages.filter(sdk);
  if (declared.length === 0) return undefined;
  for (const pkg of declared) {
    const exact = exactVersion(pkg.version);
    if (exact) evidence.push({ pkg, version: exact });
    else if (!lockfile || !lockfile.packages.some((p) => p.name === pkg.name)) return undefined;
  }
  if (evidence.length === 0) return undefined;
  for (const { pkg, version } of evidence) {
    const first = feature.firstVersions[pkg.name as JsSdkPackage];
    // A pre-release (`1.35.0-dev.1`) may already hold the feature: not judged.
    if (!/^\d+\.\d+\.\d+$/.test(version) || compareVersions(version, first) >= 0) return undefined;
  }
  return {
    evidence: evidence.map(({ pkg, version }) => ({
      loc: pkg.loc,
      what: `${pkg.name} ${version} (${pkg.source === 'declared' ? 'package.json' : 'lockfile'}; ${feature.what} from ${feature.firstVersions[pkg.name as JsSdkPackage]})`,
    })),
  };
}

/** The file of `kind` in the folder of `uri` or the nearest folder above it that has one. */
function nearest(files: readonly NpmPackageFile[], uri: string, kind: NpmPackageFile['kind']): NpmPackageFile | undefined {
  let best: NpmPackageFile | undefined;
  for (const file of files) {
    if (file.kind !== kind || !uri.startsWith(file.folder + '/')) continue;
    if (!best || file.folder.length > best.folder.length) best = file;
  }
  return best;
}

/** The installed versions an evidence list names, each once (`@powersync/web 1.26.2, @powersync/common 1.38.1`). */
export function installedText(evidence: readonly Evidence[]): string {
  return [...new Set(evidence.map((e) => e.what.replace(/ \(.*$/, '')))].join(', ');
}

/** Each evidence as a related place of a finding (the manifest or lockfile line, and what it says). */
export function evidencePlaces(evidence: readonly Evidence[]): { loc: Evidence['loc']; message: string }[] {
  return evidence.map((e) => ({ loc: e.loc, message: e.what }));
}
