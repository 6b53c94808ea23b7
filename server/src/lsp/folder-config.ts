import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeveritySetting } from '../findings/finding';
import { RAWSYNC_JSON, RawsyncJsonError, readRawsyncJson, type RawsyncConfig } from '../doors/rawsync-json';
import { backendNamedPaths, type NamedPath } from '../frontends/registry';

/**
 * The `rawsync.json` of each workspace folder (at its root, as the CLI reads it at its PATH). The
 * `rawsync.rules.<id>` settings win where both speak: a setting is sent only when it is not
 * `default`. An invalid file counts as absent, and the user is told why.
 */
export class FolderConfigs {
  private readonly configs = new Map<string, RawsyncConfig>();

  constructor(private readonly warn: (message: string) => void) {}

  /** Reads the file of each folder again (folders gone are forgotten); true when some folder's file changed. */
  reload(roots: readonly string[]): boolean {
    let changed = false;
    for (const root of [...this.configs.keys()]) {
      if (!roots.includes(root)) changed = this.configs.delete(root) || changed;
    }
    for (const root of roots) changed = this.read(root) || changed;
    return changed;
  }

  /**
   * A watched file changed on disk: when it is a folder's rawsync.json, reads it again. Returns
   * undefined for any other file, else whether what the folder's file says changed.
   */
  fileChanged(uri: string, roots: readonly string[]): boolean | undefined {
    if (!uri.startsWith('file:') || !uri.endsWith(`/${RAWSYNC_JSON}`)) return undefined;
    const folder = path.dirname(fileURLToPath(uri));
    const root = roots.find((r) => path.resolve(r) === folder);
    return root === undefined ? undefined : this.read(root);
  }

  /** The severities for the folder: its rawsync.json, then the settings over it. */
  severities(root: string | undefined, settings: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
    return { ...(root === undefined ? {} : this.configs.get(root)?.rules), ...settings };
  }

  /** The backend paths every folder's file names (see setNamedPaths). */
  namedPaths(): NamedPath[] {
    return [...this.configs.values()].flatMap((config) => backendNamedPaths(config.backend));
  }

  private read(root: string): boolean {
    let config: RawsyncConfig;
    try {
      config = readRawsyncJson(root);
    } catch (error) {
      if (!(error instanceof RawsyncJsonError)) throw error;
      this.warn(`${error.message}; the file is not applied (neither its rule severities nor its backend paths)`);
      config = { rules: {}, backend: { syncConfigs: [] } };
    }
    const before = this.configs.get(root);
    this.configs.set(root, config);
    return JSON.stringify(before ?? { rules: {}, backend: { syncConfigs: [] } }) !== JSON.stringify(config);
  }
}
