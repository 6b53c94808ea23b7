import { fileURLToPath } from 'node:url';
import type { SourceLanguage } from '../model/facts';
import type { EditWriter, LanguagePlugin } from './plugin';
import { kotlinPlugin } from './kotlin/plugin';
import { javaPlugin } from './java/plugin';
import { sqlPlugin } from './sql/plugin';
import { gradlePlugin } from './gradle/plugin';
import { roomSchemaPlugin } from './room-schema/plugin';
import { typescriptPlugin } from './typescript/plugin';
import { dartPlugin } from './dart/plugin';
import { npmPackagePlugin } from './npm-package/plugin';
import { backendPlugin } from './backend/plugin';

/**
 * Every language Rawsync reads, one line each; the first whose files match a path reads it.
 * Adding a language is a folder `frontends/<language>/` with a `plugin.ts`, plus a line here.
 */
export const LANGUAGE_PLUGINS: readonly LanguagePlugin[] = [
  kotlinPlugin,
  javaPlugin,
  // Before sql: Supabase migrations are Postgres, not SQLite.
  backendPlugin,
  sqlPlugin,
  gradlePlugin,
  roomSchemaPlugin,
  typescriptPlugin,
  dartPlugin,
  npmPackagePlugin,
];

/** The plugin reading a file and the file's language, or undefined for files Rawsync does not read. */
export function pluginOf(filePath: string): { plugin: LanguagePlugin; language: SourceLanguage } | undefined {
  for (const plugin of LANGUAGE_PLUGINS) {
    const language = plugin.files.languageOf(filePath);
    if (language) return { plugin, language };
  }
  return undefined;
}

/** Which language a file is read as, from its path; undefined for files Rawsync does not read. */
export function languageOf(filePath: string): SourceLanguage | undefined {
  return pluginOf(filePath)?.language;
}

/** How fixes write code in a language; undefined for one no plugin writes. */
export function writerOf(language: SourceLanguage | undefined): EditWriter | undefined {
  if (!language) return undefined;
  for (const plugin of LANGUAGE_PLUGINS) {
    const writer = plugin.writers[language];
    if (writer) return writer;
  }
  return undefined;
}

/** The edit writer of the file at `uri` (a `file:` URI or a path). */
export function writerOfFile(uri: string): EditWriter | undefined {
  return writerOf(languageOf(filePathOf(uri)));
}

/** The path of a `file:` URI; any other string as it is. */
export function filePathOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

/** Globs of every file some plugin reads (file watchers, document selectors). */
export function readGlobs(): string[] {
  return LANGUAGE_PLUGINS.flatMap((p) => p.files.globs);
}
