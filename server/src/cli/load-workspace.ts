import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Analyzer } from '../analyzer';
import { scanWorkspace } from '../frontends/workspace-files';
import type { SeveritySetting } from '../findings/finding';
import { readRawsyncJson, RawsyncJsonError, type RawsyncConfig } from '../doors/rawsync-json';
import { backendNamedPaths, setNamedPaths } from '../frontends/registry';
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
  const analyzer = await Analyzer.create(wasmDir);
  return { analyzer, ...readWorkspace(analyzer, paths) };
}

/**
 * Reads the first PATH's rawsync.json, then every PATH into an analyzer, with the backend paths
 * the file names read as the backend; throws UsageError.
 */
export function readWorkspace(analyzer: Analyzer, paths: string[]): Omit<LoadedWorkspace, 'analyzer'> {
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  const first = path.resolve(paths[0]);
  const base = statSync(first).isDirectory() ? first : path.dirname(first);
  const config = readConfig(base);
  setNamedPaths(backendNamedPaths(config.backend));
  for (const p of paths) {
    for (const file of scanWorkspace(path.resolve(p))) analyzer.index.update(file.uri, file.text);
  }
  return { base, configuredRules: config.rules };
}

/** rawsync.json at the first PATH; an invalid file is a usage error (exit 2). */
function readConfig(base: string): RawsyncConfig {
  try {
    return readRawsyncJson(base);
  } catch (error) {
    if (error instanceof RawsyncJsonError) throw new UsageError(error.message);
    throw error;
  }
}
