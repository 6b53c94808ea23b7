// rawsync.json: the project's rule severities and where its backend lives, read the same way by
// both doors. The CLI reads it at the first PATH (its --rule wins); the language server reads it at
// each workspace folder's root (a rawsync.rules.<id> setting other than `default` wins) and again
// when the file changes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SeveritySetting } from '../findings/finding';

export const RAWSYNC_JSON = 'rawsync.json';

/** `rawsync.json` is not valid: the message names the file and what is wrong. */
export class RawsyncJsonError extends Error {}

const LEVELS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** Where the backend lives when it is not in the default places; absolute paths. */
export interface RawsyncBackend {
  /** The Postgres migrations folder (its `*.sql` files, applied in file-name order). */
  migrations?: string;
  /** Files read as PowerSync sync configs whatever their names. */
  syncConfigs: string[];
}

export interface RawsyncConfig {
  rules: Record<string, SeveritySetting>;
  backend: RawsyncBackend;
}

/**
 * `<folder>/rawsync.json`: `{ "rules": { "<id>": "off|info|warning|error" }, "backend": {
 * "migrations": "<folder>", "syncConfig": "<file>" | ["<file>", …] } }`, paths relative to the
 * folder; no rules nor backend paths when there is no such file. Throws RawsyncJsonError when the file is
 * not valid or a path it names is not there.
 */
export function readRawsyncJson(folder: string): RawsyncConfig {
  const file = path.join(folder, RAWSYNC_JSON);
  if (!existsSync(file)) return { rules: {}, backend: { syncConfigs: [] } };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RawsyncJsonError(`${file}: ${(error as Error).message}`);
  }
  const top = json as { rules?: unknown; backend?: unknown } | null;
  return { rules: readRules(file, top?.rules), backend: readBackend(file, folder, top?.backend) };
}

function readRules(file: string, rules: unknown): Record<string, SeveritySetting> {
  if (rules === undefined) return {};
  if (!isObject(rules)) throw new RawsyncJsonError(`${file}: "rules" must be an object of rule ids and levels`);
  // A misspelt level would otherwise pass through as a severity no output format knows.
  for (const [id, level] of Object.entries(rules)) {
    if (!LEVELS.includes(level as SeveritySetting)) {
      throw new RawsyncJsonError(`${file}: rules.${id} takes off|info|warning|error, got ${JSON.stringify(level)}`);
    }
  }
  return { ...(rules as Record<string, SeveritySetting>) };
}

const BACKEND_KEYS = ['migrations', 'syncConfig'];

function readBackend(file: string, folder: string, backend: unknown): RawsyncBackend {
  if (backend === undefined) return { syncConfigs: [] };
  if (!isObject(backend)) throw new RawsyncJsonError(`${file}: "backend" must be an object with "migrations" and/or "syncConfig"`);
  // A misspelt key would otherwise leave the backend silently unread.
  for (const key of Object.keys(backend)) {
    if (!BACKEND_KEYS.includes(key)) throw new RawsyncJsonError(`${file}: backend.${key} is not a key Rawsync reads (migrations, syncConfig)`);
  }
  const { migrations, syncConfig } = backend as { migrations?: unknown; syncConfig?: unknown };
  const result: RawsyncBackend = { syncConfigs: [] };
  if (migrations !== undefined) {
    if (typeof migrations !== 'string' || migrations === '') {
      throw new RawsyncJsonError(`${file}: backend.migrations takes the path of one folder (a string), got ${JSON.stringify(migrations)}`);
    }
    result.migrations = namedPath(file, folder, 'backend.migrations', migrations, 'folder');
  }
  if (syncConfig !== undefined) {
    const paths = typeof syncConfig === 'string' ? [syncConfig] : syncConfig;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '')) {
      throw new RawsyncJsonError(`${file}: backend.syncConfig takes the path of a file or a list of them, got ${JSON.stringify(syncConfig)}`);
    }
    result.syncConfigs = (paths as string[]).map((p) => namedPath(file, folder, 'backend.syncConfig', p, 'file'));
  }
  return result;
}

/** The absolute path; it must be inside the folder (the scans read nothing else) and be a `kind`. */
function namedPath(file: string, folder: string, key: string, relative: string, kind: 'folder' | 'file'): string {
  const absolute = path.resolve(folder, relative);
  const rel = path.relative(folder, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new RawsyncJsonError(`${file}: ${key} must name a path inside ${folder}, got ${JSON.stringify(relative)}`);
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(absolute).isDirectory();
  } catch {
    throw new RawsyncJsonError(`${file}: ${key} names ${JSON.stringify(relative)}, but there is no such ${kind} (${absolute})`);
  }
  if (isFolder !== (kind === 'folder')) throw new RawsyncJsonError(`${file}: ${key} names ${JSON.stringify(relative)}, which is not a ${kind}`);
  return absolute;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
