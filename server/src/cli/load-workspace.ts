import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Analyzer } from '../analyzer';
import { scanWorkspace } from '../frontends/workspace-files';
import type { SeveritySetting } from '../rules/finding';
import { UsageError } from './args';

export interface LoadedWorkspace {
  analyzer: Analyzer;
  /** Paths in output are relative to this folder (the first PATH). */
  base: string;
  /** Severities from `rawsync.json` at the first PATH. */
  configuredRules: Record<string, SeveritySetting>;
}

/** Reads every PATH into one analyzer. */
export async function loadWorkspace(paths: string[], wasmDir: string): Promise<LoadedWorkspace> {
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  const first = path.resolve(paths[0]);
  const base = statSync(first).isDirectory() ? first : path.dirname(first);
  const analyzer = await Analyzer.create(wasmDir);
  for (const p of paths) {
    for (const file of scanWorkspace(path.resolve(p))) analyzer.index.update(file.uri, file.text);
  }
  return { analyzer, base, configuredRules: readConfig(base) };
}

const LEVELS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

function readConfig(base: string): Record<string, SeveritySetting> {
  const file = path.join(base, 'rawsync.json');
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (rules === undefined) return {};
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new UsageError(`${file}: "rules" must be an object of rule ids and levels`);
  }
  // A misspelt level would otherwise pass through as a severity no output format knows.
  for (const [id, level] of Object.entries(rules)) {
    if (!LEVELS.includes(level as SeveritySetting)) {
      throw new UsageError(`${file}: rules.${id} takes off|info|warning|error, got ${JSON.stringify(level)}`);
    }
  }
  return rules as Record<string, SeveritySetting>;
}
