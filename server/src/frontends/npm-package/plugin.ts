import path from 'node:path';
import type { LanguagePlugin } from '../plugin';
import { extractNpmPackageFacts, LOCKFILES, NPM_LANGUAGE } from './index';

/**
 * An npm package's manifest and lockfile: which `@powersync/*` packages (the JS SDKs) the app
 * depends on, and which versions its lockfile installs. JSON and YAML written by tools: no fixes.
 */
export const npmPackagePlugin: LanguagePlugin = {
  files: {
    globs: ['**/package.json', ...LOCKFILES.map((name) => `**/${name}`)],
    languageOf: (filePath) => {
      const name = path.basename(filePath);
      return name === 'package.json' || LOCKFILES.includes(name) ? NPM_LANGUAGE : undefined;
    },
  },
  editor: { activationEvents: [] },
  writers: {},
  async open() {
    return { extract: (file) => extractNpmPackageFacts(file.uri, file.filePath, file.text, file.platform) };
  },
};
