// Where each rule's page is on this machine. The rule pages (docs/rules/<id>.md) ship beside the
// bundles: in the VSIX and in the npm package (package.json's `files`, one allow-list for both, has docs/),
// so both doors can point at a file that exists instead of a web address.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleMeta } from '../findings/rule';

/** The installed package (or the repository): the bundles sit in its dist/ folder. */
export function installRootOf(bundleDir: string): string {
  return path.resolve(bundleDir, '..');
}

/** The rule pages of one installation. */
export class RuleDocs {
  private readonly known = new Map<string, string | undefined>();

  constructor(readonly root: string) {}

  /** Absolute path of the rule's page; undefined when the installation lacks it (never a dead link). */
  path(meta: RuleMeta): string | undefined {
    if (!this.known.has(meta.id)) {
      const file = path.join(this.root, ...meta.docs.split('/'));
      this.known.set(meta.id, existsSync(file) ? file : undefined);
    }
    return this.known.get(meta.id);
  }

  /** The page as a `file:` URI (LSP `codeDescription.href`, SARIF `helpUri`). */
  uri(meta: RuleMeta): string | undefined {
    const file = this.path(meta);
    return file === undefined ? undefined : pathToFileURL(file).href;
  }
}
