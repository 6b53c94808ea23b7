import path from 'node:path';
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

// The paths a project's rawsync.json names for its backend, for the doors (which reach no plugin's folder).
export { backendNamedPaths } from './backend/plugin';

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

/**
 * A path a project names (in rawsync.json) for a plugin to read whatever its name: one file, or the
 * files of one folder (not its subfolders) whose names end in `extension`. Paths are absolute.
 */
export type NamedPath =
  | { file: string; plugin: LanguagePlugin; language: SourceLanguage }
  | { folder: string; extension: string; plugin: LanguagePlugin; language: SourceLanguage };

/** The named paths of every folder open (the CLI's one, the language server's workspace folders). */
let namedPaths: readonly NamedPath[] = [];

/**
 * The paths projects name, replacing those named before; they win over the plugins' own patterns.
 * Returns true when they changed (files already read may then be read as another language).
 */
export function setNamedPaths(paths: readonly NamedPath[]): boolean {
  const key = (list: readonly NamedPath[]) => JSON.stringify(list.map(({ plugin: _plugin, ...rest }) => rest));
  const changed = key(paths) !== key(namedPaths);
  namedPaths = [...paths];
  return changed;
}

/** The named path that holds the file, if any. */
function namedPathOf(filePath: string): NamedPath | undefined {
  if (namedPaths.length === 0) return undefined;
  const file = path.resolve(filePath);
  return namedPaths.find((named) => ('file' in named ? named.file === file : path.dirname(file) === named.folder && file.endsWith(named.extension)));
}

/** The plugin reading a file and the file's language, or undefined for files Rawsync does not read. */
export function pluginOf(filePath: string): { plugin: LanguagePlugin; language: SourceLanguage } | undefined {
  const named = namedPathOf(filePath);
  if (named) return { plugin: named.plugin, language: named.language };
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
