import path from 'node:path';
import type { LanguagePlugin } from '../plugin';
import { DART_WRITER } from './edit-writer';
import { DART_LANGUAGE, extractDartFacts } from './index';
import { DartParser } from './parser';
import { DartScreen } from './screen';
import { DRIFT_FILE_LANGUAGE, extractDriftFileFacts } from './drift-file';
import { BUILD_YAML_LANGUAGE, extractBuildYamlFacts } from './build-yaml';
import { extractPubspecFacts, extractPubspecLockFacts, PUBSPEC_LANGUAGE, PUBSPEC_LOCK_LANGUAGE } from './pubspec';

/**
 * Generated Dart the scan (which already skips build folders) would otherwise read: pub's and the
 * tools' caches, and the files code generators write beside the sources (Drift's, json_serializable's
 * and freezed's `*.g.dart`, mockito's `*.mocks.dart`), which hold no declaration of the app's own.
 */
const GENERATED_FOLDERS = new Set(['.dart_tool', '.pub-cache', '.pub', '.fvm', 'ephemeral', '.symlinks']);
const GENERATED_FILE = /\.(?:g|freezed|mocks)\.dart$/i;

function readsFolder(filePath: string): boolean {
  return !filePath.split(/[\\/]/).some((segment) => GENERATED_FOLDERS.has(segment));
}

function languageOf(filePath: string): string | undefined {
  if (!readsFolder(filePath)) return undefined;
  if (/\.dart$/i.test(filePath)) return GENERATED_FILE.test(filePath) ? undefined : DART_LANGUAGE;
  const base = path.basename(filePath);
  if (base === 'pubspec.yaml') return PUBSPEC_LANGUAGE;
  if (base === 'pubspec.lock') return PUBSPEC_LOCK_LANGUAGE;
  if (base === 'build.yaml') return BUILD_YAML_LANGUAGE;
  if (/\.drift$/i.test(filePath)) return DRIFT_FILE_LANGUAGE;
  return undefined;
}

/**
 * Dart sources of Flutter and Dart apps using PowerSync's Dart SDK: `Schema(…, rawTables: […])`,
 * `RawTable(…)`, the SQL they run (`execute`, Drift's `customStatement`); and each package's
 * `pubspec.yaml` (its name, for `package:` imports, and its dependencies) and `pubspec.lock`.
 */
export const dartPlugin: LanguagePlugin = {
  files: {
    globs: ['**/*.dart', '**/pubspec.yaml', '**/pubspec.lock', '**/build.yaml', '**/*.drift'],
    languageOf,
  },
  editor: {
    languageIds: ['dart'],
    // Not `onLanguage:dart`: that would start the server in every Flutter project. pub keeps
    // packages outside the project, so no file there names the SDK; the lockfile at the folder's
    // root marks a resolved Dart package, and the server reads nothing of an app without raw tables.
    activationEvents: ['workspaceContains:pubspec.lock'],
  },
  writers: { [DART_LANGUAGE]: DART_WRITER },
  async open(context) {
    const parser = await DartParser.create(context.wasmDir);
    return {
      screen: new DartScreen(),
      extract: (file) => {
        if (file.language === PUBSPEC_LANGUAGE) return extractPubspecFacts(file.uri, file.filePath, file.text, file.platform);
        if (file.language === DRIFT_FILE_LANGUAGE) return extractDriftFileFacts(file.uri, file.text, file.platform);
        if (file.language === BUILD_YAML_LANGUAGE) return extractBuildYamlFacts(file.uri, file.text, file.platform);
        if (file.language === PUBSPEC_LOCK_LANGUAGE) return extractPubspecLockFacts(file.uri, file.text, file.platform);
        return extractDartFacts(parser, file.uri, file.filePath, file.text, file.platform, file.sourceSet, context.parseBudgetMs);
      },
    };
  },
};
