// rawsync.json: the project's rule severities, read the same way by both doors. The CLI reads it at
// the first PATH (its --rule wins); the language server reads it at each workspace folder's root
// (a rawsync.rules.<id> setting other than `default` wins) and again when the file changes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SeveritySetting } from '../findings/finding';

export const RAWSYNC_JSON = 'rawsync.json';

/** `rawsync.json` is not valid: the message names the file and what is wrong. */
export class RawsyncJsonError extends Error {}

const LEVELS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/**
 * The `rules` of `<folder>/rawsync.json` (`{ "rules": { "<id>": "off|info|warning|error" } }`);
 * `{}` when there is no such file. Throws RawsyncJsonError when the file is not valid.
 */
export function readRawsyncJson(folder: string): Record<string, SeveritySetting> {
  const file = path.join(folder, RAWSYNC_JSON);
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RawsyncJsonError(`${file}: ${(error as Error).message}`);
  }
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (rules === undefined) return {};
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new RawsyncJsonError(`${file}: "rules" must be an object of rule ids and levels`);
  }
  // A misspelt level would otherwise pass through as a severity no output format knows.
  for (const [id, level] of Object.entries(rules)) {
    if (!LEVELS.includes(level as SeveritySetting)) {
      throw new RawsyncJsonError(`${file}: rules.${id} takes off|info|warning|error, got ${JSON.stringify(level)}`);
    }
  }
  return { ...(rules as Record<string, SeveritySetting>) };
}
