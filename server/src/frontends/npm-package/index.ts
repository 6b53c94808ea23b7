import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { emptyFacts, type FileFacts, type NpmPackageFact, type Platform } from '../../model/facts';
import { positionsOf } from '../../model/location';

/** The language id of package.json files and lockfiles. */
export const NPM_LANGUAGE = 'npm-package';

/** The lockfiles read: npm's, pnpm's and Yarn's (classic and Berry). */
export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];

/** PowerSync's JS packages are all under this scope. */
const SCOPE = '@powersync/';

/**
 * The `@powersync/*` packages of a package.json (`dependencies`, `devDependencies`: the range as
 * written) or of a lockfile (every copy it installs, with its exact version). A file that does
 * not parse gives no packages and says so (`unread`): its versions are unknown, not absent.
 */
export function extractNpmPackageFacts(uri: string, filePath: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, NPM_LANGUAGE, platform);
  // Most manifests and lockfiles name no PowerSync package: nothing to parse.
  if (!text.includes(SCOPE)) return facts;
  const name = path.basename(filePath);
  const at = positionsOf(text);
  try {
    const found =
      name === 'package.json' ? declared(text)
      : name === 'pnpm-lock.yaml' ? pnpmResolved(text)
      : name === 'yarn.lock' ? yarnResolved(text)
      : npmResolved(text);
    facts.npmPackages = found.map((p): NpmPackageFact => {
      const start = at(p.offset);
      const end = at(p.offset + p.length);
      return { name: p.name, version: p.version, source: name === 'package.json' ? 'declared' : 'resolved', loc: { uri, range: { start, end } } };
    });
  } catch (error) {
    facts.unread = { reason: `it could not be read (${error instanceof Error ? error.message : String(error)})`, from: { line: 0, character: 0 } };
  }
  return facts;
}

interface Found {
  name: string;
  version: string;
  /** Where the package is named in the text, for locations. */
  offset: number;
  length: number;
}

/** The package's name written as a JSON key (`"@powersync/web":`) from `from` on, or the file's start. */
function keyOffset(text: string, key: string, from = 0): { offset: number; length: number } {
  const quoted = JSON.stringify(key);
  const offset = text.indexOf(quoted, from);
  return offset < 0 ? { offset: 0, length: 0 } : { offset, length: quoted.length };
}

/** package.json: `dependencies` and `devDependencies` (what the app installs), ranges as written. */
function declared(text: string): Found[] {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const out: Found[] = [];
  for (const field of ['dependencies', 'devDependencies']) {
    const deps = manifest[field];
    if (!deps || typeof deps !== 'object') continue;
    const fieldAt = keyOffset(text, field).offset;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      if (!name.startsWith(SCOPE) || typeof range !== 'string') continue;
      out.push({ name, version: range, ...keyOffset(text, name, fieldAt) });
    }
  }
  return out;
}

/**
 * package-lock.json / npm-shrinkwrap.json: lockfile v2 and v3 list every installed copy under
 * `packages` by its path (`node_modules/@powersync/common`, `node_modules/@powersync/web/node_modules/@powersync/common`);
 * v1 nests `dependencies`.
 */
function npmResolved(text: string): Found[] {
  const lock = JSON.parse(text) as { packages?: Record<string, { version?: unknown; link?: unknown }>; dependencies?: Record<string, unknown> };
  const out: Found[] = [];
  if (lock.packages && typeof lock.packages === 'object') {
    for (const [key, entry] of Object.entries(lock.packages)) {
      const at = key.lastIndexOf(`node_modules/${SCOPE}`);
      if (at < 0 || !entry || typeof entry.version !== 'string' || entry.link) continue;
      out.push({ name: key.slice(at + 'node_modules/'.length), version: entry.version, ...keyOffset(text, key) });
    }
    return out;
  }
  const walk = (deps: unknown, from: number) => {
    if (!deps || typeof deps !== 'object') return;
    for (const [name, entry] of Object.entries(deps as Record<string, { version?: unknown; dependencies?: unknown }>)) {
      if (name.startsWith(SCOPE) && typeof entry?.version === 'string') out.push({ name, version: entry.version, ...keyOffset(text, name, from) });
      walk(entry?.dependencies, from);
    }
  };
  walk(lock.dependencies, 0);
  return out;
}

/**
 * pnpm-lock.yaml: `packages` keys name each installed version: `'@powersync/common@1.47.0'` (v9),
 * `/@powersync/common@1.47.0` (v6, with a peer suffix `(…)` possible), `/@powersync/common/1.47.0` (v5).
 */
function pnpmResolved(text: string): Found[] {
  const lock = parseYaml(text, { maxAliasCount: -1 }) as { packages?: Record<string, unknown> } | null;
  const out: Found[] = [];
  for (const key of Object.keys(lock?.packages ?? {})) {
    const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
    if (!bare.startsWith(SCOPE)) continue;
    const rest = bare.slice(SCOPE.length);
    const sep = rest.search(/[@/]/);
    if (sep < 0) continue;
    const version = rest.slice(sep + 1);
    if (!/^\d/.test(version)) continue;
    const at = keyLine(text, key);
    out.push({ name: SCOPE + rest.slice(0, sep), version, offset: at?.offset ?? 0, length: at?.length ?? 0 });
  }
  return out;
}

/** Where a YAML mapping key is written at the start of a line (quoted or not), not inside another value. */
function keyLine(text: string, key: string): { offset: number; length: number } | undefined {
  for (const written of [`'${key}'`, `"${key}"`, key]) {
    for (let at = text.indexOf(`${written}:`); at >= 0; at = text.indexOf(`${written}:`, at + 1)) {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      if (text.slice(lineStart, at).trim() === '') return { offset: at, length: written.length };
    }
  }
  return undefined;
}

/**
 * yarn.lock, classic (`"@powersync/common@^1.47.0":` then `  version "1.47.0"`) and Berry
 * (`"@powersync/common@npm:^1.47.0":` then `  version: 1.47.0`): each entry's specifiers and the
 * version they resolve to.
 */
function yarnResolved(text: string): Found[] {
  const out: Found[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let entry: { name: string; offset: number; length: number } | undefined;
  for (const line of lines) {
    if (line.length > 0 && !/^\s/.test(line) && !line.startsWith('#')) {
      entry = undefined;
      const first = line.replace(/:\s*$/, '').split(',')[0].trim().replace(/^"|"$/g, '');
      if (first.startsWith(SCOPE)) {
        const at = first.indexOf('@', 1);
        if (at > 0) entry = { name: first.slice(0, at), offset, length: line.replace(/:\s*$/, '').length };
      }
    } else if (entry) {
      const match = /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
      if (match) {
        out.push({ name: entry.name, version: match[1], offset: entry.offset, length: entry.length });
        entry = undefined;
      }
    }
    offset += line.length + 1;
  }
  return out;
}

