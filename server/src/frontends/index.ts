import { emptyFacts, type FileFacts } from '../model/facts';
import type { LanguageReader, LanguageScreen } from './plugin';
import { filePathOf, LANGUAGE_PLUGINS, pluginOf } from './registry';
import { platformOf } from './source-set';
import { codeMentionCount } from './screen-mentions';

export { languageOf } from './registry';

/** Files larger than this are skipped (a generated or binary file is not source we read). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Every front end, loaded once: give it a file's text, get the file's facts. */
export interface FrontEndOptions {
  /** How long the parses of one file may take in all (DEFAULT_PARSE_BUDGET_MS). */
  parseBudgetMs?: number;
}

/** A file's facts, or for a file the pre-screen passed over, empty facts and the names it may declare. */
export interface ScreenedFacts {
  facts: FileFacts;
  /** Set only when the file was not parsed. */
  declares?: ReadonlySet<string>;
}

/** The readers of every plugin in the registry (frontends/registry.ts), opened once. */
export class FrontEnds {
  private constructor(private readonly readers: ReadonlyMap<(typeof LANGUAGE_PLUGINS)[number], LanguageReader>) {}

  static async create(wasmDir: string, options: FrontEndOptions = {}): Promise<FrontEnds> {
    const opened = await Promise.all(LANGUAGE_PLUGINS.map(async (plugin) => [plugin, await plugin.open({ wasmDir, parseBudgetMs: options.parseBudgetMs })] as const));
    return new FrontEnds(new Map(opened));
  }

  /**
   * Facts of one file, or undefined when no front end reads it. Never throws: a front end that
   * fails on a file (a stack overflow on pathological nesting, a bug) yields facts that say the
   * file was not read and why, and every other file is still read.
   */
  extract(uri: string, text: string): FileFacts | undefined {
    const filePath = filePathOf(uri);
    const found = pluginOf(filePath);
    if (!found) return undefined;
    if (text.includes('\u0000')) return undefined; // binary
    const { platform, sourceSet } = platformOf(filePath);
    try {
      return this.readers.get(found.plugin)?.extract({ uri, filePath, text, language: found.language, platform, sourceSet });
    } catch (error) {
      const facts = emptyFacts(uri, found.language, platform);
      facts.sourceSet = sourceSet;
      facts.unread = { reason: `reading it failed (${describeError(error)})`, from: { line: 0, character: 0 } };
      return facts;
    }
  }

  /**
   * Like `extract`, but a file whose plugin screens it and whose text holds none of the words a
   * fact needs is not parsed: it gets empty facts marked `screened` and the names it may declare,
   * so the index can read it fully once the model asks for one of them.
   */
  extractScreened(uri: string, text: string): ScreenedFacts | undefined {
    const filePath = filePathOf(uri);
    const found = pluginOf(filePath);
    const screen = found && this.screenOf(found.plugin);
    if (!found || !screen || !screen.languages.includes(found.language) || text.includes('\u0000') || screen.mayHoldFacts(text)) {
      const facts = this.extract(uri, text);
      return facts && { facts };
    }
    const { platform, sourceSet } = platformOf(filePath);
    const facts = emptyFacts(uri, found.language, platform);
    facts.sourceSet = sourceSet;
    facts.screened = true;
    return { facts, declares: screen.declaredNames(text) };
  }

  /** Names that stand for the screens' words (type aliases of Room's annotations); returns true when new. */
  screenAlso(names: readonly string[]): boolean {
    let added = false;
    for (const screen of this.screens()) added = screen.also(names) || added;
    return added;
  }

  /** Which mention keys a passed-over file holds (see the screen of its language). */
  mentionedWords(uri: string, text: string, keys: readonly string[]): string[] {
    const found = pluginOf(filePathOf(uri));
    return (found && this.screenOf(found.plugin)?.mentionedWords(text, keys)) ?? [];
  }

  /** How often the text names `word` outside comments (every language read has C-like comments, or none). */
  mentionCount(_uri: string, text: string, word: string): number {
    return codeMentionCount(text, word);
  }

  /** Whether the screens would read the text fully. */
  screensIn(text: string): boolean {
    return this.screens().some((s) => s.mayHoldFacts(text));
  }

  private screenOf(plugin: (typeof LANGUAGE_PLUGINS)[number]): LanguageScreen | undefined {
    return this.readers.get(plugin)?.screen;
  }

  private screens(): LanguageScreen[] {
    return [...this.readers.values()].flatMap((r) => (r.screen ? [r.screen] : []));
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
