import type { NameScope } from '../evaluate';
import type { Evidence } from '../sdk-versions';
import { dottedName, type Value } from '../value';
import { compareVersions } from '../version';
import type { PubPackageFile, SdkVersions } from '../workspace';

/**
 * A change of PowerSync's Dart SDK, with the first version of each package carrying it. Before
 * 2.0.0, `package:powersync` re-exported `powersync_core` and depended on it at one minor version
 * (`powersync_core: ^1.5.0` in powersync 1.15.0, `^1.6.2` in 1.16.2, `^1.7.0` in 1.17.0, `^1.8.0`
 * in 1.18.0; packages/powersync/pubspec.yaml at each tag). From powersync-ja/powersync.dart
 * (CHANGELOG.md and the tagged sources; docs/rules/dart-sdk-raw-table-version.md).
 */
export interface DartFeature {
  /** For messages: `RawTable`. */
  what: string;
  firstVersions: Readonly<Record<DartSdkPackage, string>>;
}

export type DartSdkPackage = 'powersync' | 'powersync_core';
const DART_SDK_PACKAGES: readonly string[] = ['powersync', 'powersync_core'];

/** Packages that bring the SDK under another name, whose versions are not mapped here: an app with one is not judged. */
const UNMAPPED_SDKS: readonly string[] = ['powersync_sqlcipher'];

/** `RawTable` and `Schema(…, rawTables:)`: powersync 1.15.0, powersync_core 1.5.0 ("Add support for raw tables"). */
export const DART_RAW_TABLES: DartFeature = {
  what: 'RawTable',
  firstVersions: { powersync: '1.15.0', powersync_core: '1.5.0' },
};

/**
 * `RawTable.inferred`, `RawTableSchema`, a raw table's `clear` and `PendingStatementValue.rest()`:
 * powersync 1.18.0, powersync_core 1.8.0 (commit 97f33152, "Raw table improvements"; the CHANGELOG
 * names `RawTable.inferred` only, the other three come from the same commit).
 */
export const DART_RAW_TABLE_INFERRED: DartFeature = {
  what: 'RawTable.inferred, RawTableSchema, clear and PendingStatementValue.rest()',
  firstVersions: { powersync: '1.18.0', powersync_core: '1.8.0' },
};

/**
 * The Rust sync client is the default: powersync 1.17.0, powersync_core 1.7.0
 * (`static const defaultClient = rust;` in lib/src/sync/options.dart; CHANGELOG 2.0.0: "The new
 * Rust client has been the default since version 1.17.0"). Before it the default was the Dart
 * client, and connect() throws `UnsupportedError('Raw tables are only supported by the Rust
 * client.')` when the schema has raw tables and the options do not pick the Rust client.
 */
export const DART_RUST_CLIENT_DEFAULT: DartFeature = {
  what: 'the Rust sync client by default',
  firstVersions: { powersync: '1.17.0', powersync_core: '1.7.0' },
};

/**
 * The sync client a `syncImplementation:` value picks on SDKs before 1.17.0:
 * `SyncClientImplementation.rust`, or `.dart` / `.defaultClient` (the Dart client there); undefined
 * when it cannot be told.
 */
export function dartClientChoice(value: Value, scope: NameScope, depth = 0): 'rust' | 'dart' | undefined {
  const path = dottedName(value)?.split('.');
  if (value.kind === 'member' && path && path.length >= 2 && path[path.length - 2] === 'SyncClientImplementation') {
    const name = path[path.length - 1];
    return name === 'rust' ? 'rust' : name === 'dart' || name === 'defaultClient' ? 'dart' : undefined;
  }
  if (value.kind === 'ref' && value.localValue) return dartClientChoice(value.localValue, scope, depth + 1);
  // `const client = SyncClientImplementation.rust;` elsewhere.
  const found = path && depth < 8 ? scope.constant(path) : undefined;
  return found ? dartClientChoice(found.value, found.scope, depth + 1) : undefined;
}

/** An exact version (`1.15.0`, `1.15.0+1`): what pub resolves for that dependency. */
function exactVersion(text: string | undefined): string | undefined {
  const match = text ? /^(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?)$/.exec(text.trim()) : null;
  return match?.[1];
}

/**
 * Whether the Dart SDK the code in `uri` builds with is known to lack `feature`, with the
 * evidence. The app's pubspec.yaml is the nearest one above the file declaring `powersync` or
 * `powersync_core`; its pubspec.lock the nearest one at or above that folder (a pub workspace
 * keeps one at its root). Every SDK package the lockfile resolves must be below the feature's first
 * version; without a lockfile, every SDK package the manifest declares must be pinned exactly (a
 * range says nothing) below it. Undefined when that is not known: no manifest, a lockfile that did
 * not parse or does not resolve a declared SDK package, a package from a path or git (its code is
 * not the released one), a pre-release, an SDK package not mapped here, or any copy at or above
 * the version.
 */
export function dartSdkLacks(versions: SdkVersions, uri: string, feature: DartFeature): { evidence: Evidence[] } | undefined {
  const files = versions.pub ?? [];
  const sdk = (name: string) => DART_SDK_PACKAGES.includes(name);
  const manifest = nearest(files, uri, 'manifest', (f) => f.packages.some((p) => sdk(p.name) || UNMAPPED_SDKS.includes(p.name)));
  if (!manifest) return undefined;
  if (manifest.packages.some((p) => UNMAPPED_SDKS.includes(p.name))) return undefined;
  const lockfile = nearest(files, manifest.folder + '/', 'lockfile');
  const declared = manifest.packages.filter((p) => sdk(p.name));
  const evidence: { name: string; version: string; loc: Evidence['loc']; from: string }[] = [];
  if (lockfile) {
    // A pubspec.lock always lists what it resolved: one without packages did not parse.
    if (lockfile.packages.length === 0) return undefined;
    for (const pkg of lockfile.packages.filter((p) => sdk(p.name) || UNMAPPED_SDKS.includes(p.name))) {
      if (UNMAPPED_SDKS.includes(pkg.name) || pkg.source !== 'hosted' || !pkg.version) return undefined;
      evidence.push({ name: pkg.name, version: pkg.version, loc: pkg.loc, from: 'pubspec.lock' });
    }
    // The lockfile is what pub installed: a declared SDK package it does not resolve is out of date.
    if (declared.some((d) => !lockfile.packages.some((p) => p.name === d.name))) return undefined;
  } else {
    for (const pkg of declared) {
      const exact = exactVersion(pkg.version);
      if (!exact) return undefined;
      evidence.push({ name: pkg.name, version: exact, loc: pkg.loc, from: 'pubspec.yaml' });
    }
  }
  if (evidence.length === 0) return undefined;
  for (const { name, version } of evidence) {
    const first = feature.firstVersions[name as DartSdkPackage];
    // A pre-release or build suffix (`1.18.0-dev.1`) may already hold the feature: not judged.
    if (!/^\d+\.\d+\.\d+$/.test(version) || compareVersions(version, first) >= 0) return undefined;
  }
  return {
    evidence: evidence.map(({ name, version, loc, from }) => ({
      loc,
      what: `${name} ${version} (${from}; ${feature.what} from ${feature.firstVersions[name as DartSdkPackage]})`,
    })),
  };
}

/** The file of `kind` in the folder of `uri` or the nearest folder above it that has one (and passes `accept`). */
function nearest(files: readonly PubPackageFile[], uri: string, kind: PubPackageFile['kind'], accept: (f: PubPackageFile) => boolean = () => true): PubPackageFile | undefined {
  let best: PubPackageFile | undefined;
  for (const file of files) {
    if (file.kind !== kind || !uri.startsWith(file.folder + '/') || !accept(file)) continue;
    if (!best || file.folder.length > best.folder.length) best = file;
  }
  return best;
}
