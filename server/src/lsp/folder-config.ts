import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeveritySetting } from '../findings/finding';
import { RAWSYNC_JSON, RawsyncJsonError, readRawsyncJson } from '../doors/rawsync-json';

/**
 * The `rawsync.json` of each workspace folder (at its root, as the CLI reads it at its PATH). The
 * `rawsync.rules.<id>` settings win where both speak: a setting is sent only when it is not
 * `default`. An invalid file counts as absent, and the user is told why.
 */
export class FolderConfigs {
  private readonly rules = new Map<string, Record<string, SeveritySetting>>();

  constructor(private readonly warn: (message: string) => void) {}

  /** Reads the file of each folder again (folders gone are forgotten); true when some folder's rules changed. */
  reload(roots: readonly string[]): boolean {
    let changed = false;
    for (const root of [...this.rules.keys()]) {
      if (!roots.includes(root)) changed = this.rules.delete(root) || changed;
    }
    for (const root of roots) changed = this.read(root) || changed;
    return changed;
  }

  /**
   * A watched file changed on disk: when it is a folder's rawsync.json, reads it again. Returns
   * undefined for any other file, else whether the folder's rules changed.
   */
  fileChanged(uri: string, roots: readonly string[]): boolean | undefined {
    if (!uri.startsWith('file:') || !uri.endsWith(`/${RAWSYNC_JSON}`)) return undefined;
    const folder = path.dirname(fileURLToPath(uri));
    const root = roots.find((r) => path.resolve(r) === folder);
    return root === undefined ? undefined : this.read(root);
  }

  /** The severities for the folder: its rawsync.json, then the settings over it. */
  severities(root: string | undefined, settings: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
    return { ...(root === undefined ? {} : this.rules.get(root)), ...settings };
  }

  private read(root: string): boolean {
    let rules: Record<string, SeveritySetting>;
    try {
      rules = readRawsyncJson(root);
    } catch (error) {
      if (!(error instanceof RawsyncJsonError)) throw error;
      this.warn(`${error.message}; its rule severities are not applied`);
      rules = {};
    }
    const before = this.rules.get(root);
    this.rules.set(root, rules);
    return JSON.stringify(before ?? {}) !== JSON.stringify(rules);
  }
}
