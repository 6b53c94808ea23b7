import type { LanguagePlugin } from '../plugin';
import { TYPESCRIPT_WRITER } from './edit-writer';
import { extractTypeScriptFacts, TYPESCRIPT_LANGUAGE } from './index';
import { TypeScriptParser } from './parser';
import { TypeScriptScreen } from './screen';
import { extractTsconfigFacts, isTsconfig, TSCONFIG_LANGUAGE } from './tsconfig';

/** The extensions read; a declaration file (`.d.ts`, `.d.mts`, `.d.cts`) holds no code and is left out. */
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/i;

/**
 * Folders of generated or vendored JavaScript that the workspace scan (which already skips
 * node_modules, build, out and dist) would otherwise read: framework build output and caches,
 * and `@powersync/` itself, where web apps copy the SDK's worker bundles (`public/@powersync/…`),
 * whose SQL is PowerSync's own and no declaration of the app.
 */
const GENERATED_FOLDERS = new Set([
  '.next', '.nuxt', '.svelte-kit', '.expo', '.turbo', '.vercel', '.netlify', '.output', '.cache', '.parcel-cache', '.vite',
  '.angular', '.docusaurus', 'coverage', 'web-build', 'storybook-static', 'bower_components', 'Pods', '@powersync',
]);
/** Bundled or minified files (`app.min.js`, `worker.umd.js`, `main.bundle.js`). */
const BUNDLE_FILE = /\.(?:min|umd|bundle)\.[mc]?js$/i;

/** Whether the plugin reads the file: a source file, not a declaration file, a bundle, nor generated. */
function readsFile(filePath: string): boolean {
  if (!SOURCE_FILE.test(filePath) || DECLARATION_FILE.test(filePath) || BUNDLE_FILE.test(filePath)) return false;
  return readsFolder(filePath);
}

/** Not in a folder of generated or vendored code. */
function readsFolder(filePath: string): boolean {
  return !filePath.split(/[\\/]/).some((segment) => GENERATED_FOLDERS.has(segment));
}

/** The JS SDK's packages: an app depends on one of them, and each depends on `@powersync/common`. */
const SDK_PACKAGES = ['common', 'web', 'react-native', 'node'];

/**
 * TypeScript and JavaScript sources of apps using PowerSync's JS SDKs (web, React Native, Node):
 * raw table maps, schemas and the SQL they run.
 */
export const typescriptPlugin: LanguagePlugin = {
  files: {
    globs: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/tsconfig*.json', '**/jsconfig.json'],
    languageOf: (filePath) => (readsFile(filePath) ? TYPESCRIPT_LANGUAGE : isTsconfig(filePath) && readsFolder(filePath) ? TSCONFIG_LANGUAGE : undefined),
  },
  editor: {
    languageIds: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
    // Not `onLanguage:typescript`: that would start the server in every JavaScript project. The
    // extension starts where the SDK is installed. VS Code checks a `workspaceContains` path
    // without wildcards with one file-exists call; a pattern with `*` runs a file search that
    // honours the excludes and .gitignore, which hide node_modules, so a glob could never see the
    // dependency. Hence one exact path per SDK package at the folder's root: npm and Yarn hoist
    // `@powersync/common` there, pnpm links the app's direct dependency (`web`, `react-native`,
    // `node`) there. A monorepo whose packages keep their own node_modules is not seen by these;
    // its app starts the extension on a command or on another language's event.
    activationEvents: SDK_PACKAGES.map((name) => `workspaceContains:node_modules/@powersync/${name}/package.json`),
  },
  writers: { [TYPESCRIPT_LANGUAGE]: TYPESCRIPT_WRITER },
  async open(context) {
    const parser = await TypeScriptParser.create(context.wasmDir);
    const screen = new TypeScriptScreen();
    return {
      screen,
      extract: (file) => file.language === TSCONFIG_LANGUAGE
        ? extractTsconfigFacts(file.uri, file.filePath, file.text, file.platform)
        : extractTypeScriptFacts(parser, file.uri, file.filePath, file.text, file.platform, file.sourceSet, context.parseBudgetMs),
    };
  },
};
