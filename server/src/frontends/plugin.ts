import type { FileFacts, Platform, SourceLanguage } from '../model/facts';
import type { SourceLocation } from '../model/location';
import type { SqlLiteral } from '../model/sql-source-map';

/**
 * One language Rawsync reads, all in its own folder (`frontends/<language>/plugin.ts`) and named
 * once in `frontends/registry.ts`. Nothing outside the folder knows the language's syntax: the
 * scan, the editor's document selector, the watched files and the activation events come from
 * `files` and `editor`; facts come from the reader; fixes write through `writer`.
 */
export interface LanguagePlugin {
  /** Which files it reads, and the language of each. */
  readonly files: LanguageFiles;
  /** What the editor extension needs to know, written into package.json by scripts/write-manifest.mjs. */
  readonly editor: EditorContribution;
  /** How a fix writes code in each language the plugin reads; a language without one gets no fixes. */
  readonly writers: Readonly<Partial<Record<SourceLanguage, EditWriter>>>;
  /** Loads what the reader needs (a grammar, say); called once per analyzer. */
  open(context: PluginContext): Promise<LanguageReader>;
}

export interface LanguageFiles {
  /** Globs (relative to any folder, `**` style) covering every file the plugin reads, for watchers and selectors. */
  readonly globs: readonly string[];
  /** The language of the file at `filePath`, or undefined when the plugin does not read it. */
  languageOf(filePath: string): SourceLanguage | undefined;
}

export interface EditorContribution {
  /** VS Code language ids whose documents the server gets (their files also match `files.globs`). */
  readonly languageIds?: readonly string[];
  /** Extension activation events this language adds (`onLanguage:…`, `workspaceContains:…`). */
  readonly activationEvents: readonly string[];
}

export interface PluginContext {
  /** Where the grammars' .wasm files are (dist/ in a build). */
  readonly wasmDir: string;
  /** How long the parses of one file may take in all. */
  readonly parseBudgetMs?: number;
}

/** One file handed to a reader. */
export interface SourceFile {
  readonly uri: string;
  readonly filePath: string;
  readonly text: string;
  readonly language: SourceLanguage;
  readonly platform: Platform;
  readonly sourceSet?: string;
}

export interface LanguageReader {
  /** The file's facts; a file that does not parse yields the facts of the parts that do. */
  extract(file: SourceFile): FileFacts | undefined;
  /** A cheap look at a file's text before it is parsed; languages without one are always parsed. */
  readonly screen?: LanguageScreen;
}

/**
 * The pre-screen: most files of an app hold nothing Rawsync reads. A file the screen passes over
 * is stored with the names it may declare and read fully once the model asks for one of them.
 */
export interface LanguageScreen {
  /** The languages whose files it screens (a Gradle script read with the Kotlin grammar is always parsed). */
  readonly languages: readonly SourceLanguage[];
  /** False only when the file can hold no fact but declarations. */
  mayHoldFacts(text: string): boolean;
  /** The names the file may declare (a superset). */
  declaredNames(text: string): Set<string>;
  /** Which of `keys` (words the model asks about) the file's text holds. */
  mentionedWords(text: string, keys: readonly string[]): string[];
  /** Names that stand for the screen's words from now on (type aliases of them); true when any is new. */
  also(names: readonly string[]): boolean;
}

/** An edit to one file. */
export interface WrittenEdit {
  uri: string;
  range: SourceLocation['range'];
  newText: string;
}

/**
 * How a fix writes code in one language. Every part but the comment is optional: a generator that
 * needs a part the language lacks offers no fix, so a file never gets code of another language.
 */
export interface EditWriter {
  /** The language this writer writes. */
  readonly language: SourceLanguage;
  /** The line comment marker (`//`, `--`, `#`), for disable comments; undefined where the format has none. */
  readonly lineComment?: string;
  /** The PowerSync SDK whose API generated code may call in this language (`kotlin`), if any. */
  readonly sdk?: 'kotlin';
  /** A string literal holding `value` exactly. */
  stringLiteral?(value: string): string;
  /** A literal holding SQL lines: one line when short, else a multi-line literal indented under `indent`. */
  sqlLiteral?(lines: string[], options: { preferRaw: boolean; indent: string }): string;
  /**
   * `text` as it must be written into `literal` in place of `source[sourceStart, sourceEnd)`
   * (escapes; `lead` is the indentation a new line needs), or undefined when it cannot be.
   */
  intoLiteral?(literal: SqlLiteral, sourceStart: number, sourceEnd: number, text: string, lead: string): string | undefined;
  /** Edits adding the imports `facts`' file lacks. */
  importEdits?(facts: FileFacts, paths: readonly string[]): WrittenEdit[];
  /**
   * A function of this language, appended to `facts`' file, that runs `statements` one by one on
   * the PowerSync database it is given (the app calls it), with `comment` above it. Undefined
   * where it cannot be written here.
   */
  installerFunction?(facts: FileFacts, name: string, statements: readonly string[], comment: string): string | undefined;
}
