import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyFacts, type FileFacts, type Platform, type SourceLanguage } from '../model/facts';
import { KotlinParser } from './kotlin/parser';
import { extractKotlinFacts } from './kotlin/index';
import { JavaParser } from './java/parser';
import { extractJavaFacts } from './java/index';
import { platformOf } from './source-set';
import { extractGroovyGradleFacts } from './gradle/groovy';
import { extractVersionCatalogFacts } from './gradle/version-catalog';
import { extractSqlFacts } from './sql/index';
import { declaredNames, KotlinScreen, mentionedWords } from './kotlin/screen';
import { extractRoomSchemaFacts, roomSchemaPath } from './room-schema/index';

/** Files larger than this are skipped (a generated or binary file is not source we read). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Which front end reads a file, from its path; undefined for files Rawsync does not read. */
export function languageOf(filePath: string): SourceLanguage | undefined {
  const base = path.basename(filePath);
  if (base === 'build.gradle.kts' || base === 'settings.gradle.kts') return 'gradle-kts';
  if (base === 'build.gradle' || base === 'settings.gradle') return 'gradle-groovy';
  if (base.endsWith('.versions.toml')) return 'version-catalog';
  if (base.endsWith('.kt') || base.endsWith('.kts')) return 'kotlin';
  if (base.endsWith('.java')) return 'java';
  if (base.endsWith('.sql')) return 'sql';
  if (base.endsWith('.json') && roomSchemaPath(filePath)) return 'room-schema-json';
  return undefined;
}

/** Every front end, loaded once: give it a file's text, get the file's facts. */
export interface FrontEndOptions {
  /** How long the Kotlin (or Java) parses of one file may take in all (DEFAULT_PARSE_BUDGET_MS). */
  parseBudgetMs?: number;
}

/** A file's facts, or for a file the pre-screen passed over, empty facts and the names it may declare. */
export interface ScreenedFacts {
  facts: FileFacts;
  /** Set only when the file was not parsed. */
  declares?: ReadonlySet<string>;
}

export class FrontEnds {
  private screen = new KotlinScreen();

  private constructor(private readonly kotlin: KotlinParser, private readonly java: JavaParser, private readonly options: FrontEndOptions) {}

  static async create(wasmDir: string, options: FrontEndOptions = {}): Promise<FrontEnds> {
    const kotlin = await KotlinParser.create(wasmDir);
    return new FrontEnds(kotlin, await JavaParser.create(wasmDir), options);
  }

  /**
   * Facts of one file, or undefined when no front end reads it. Never throws: a front end that
   * fails on a file (a stack overflow on pathological nesting, a bug) yields facts that say the
   * file was not read and why, and every other file is still read.
   */
  extract(uri: string, text: string): FileFacts | undefined {
    const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    const language = languageOf(filePath);
    if (!language) return undefined;
    if (text.includes('\u0000')) return undefined; // binary
    const { platform, sourceSet } = platformOf(filePath);
    try {
      return this.extractAs(language, uri, filePath, text, platform, sourceSet);
    } catch (error) {
      const facts = emptyFacts(uri, language, platform);
      facts.sourceSet = sourceSet;
      facts.unread = { reason: `reading it failed (${describeError(error)})`, from: { line: 0, character: 0 } };
      return facts;
    }
  }

  /**
   * Like `extract`, but a Kotlin source file whose text holds none of the words a fact needs
   * (KotlinScreen) is not parsed: it gets empty facts marked `screened` and the names it may
   * declare, so the index can read it fully once the model asks for one of them.
   */
  extractScreened(uri: string, text: string): ScreenedFacts | undefined {
    const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    if (languageOf(filePath) !== 'kotlin' || text.includes('\u0000') || this.screen.mayHoldFacts(text)) {
      const facts = this.extract(uri, text);
      return facts && { facts };
    }
    const { platform, sourceSet } = platformOf(filePath);
    const facts = emptyFacts(uri, 'kotlin', platform);
    facts.sourceSet = sourceSet;
    facts.screened = true;
    return { facts, declares: declaredNames(text) };
  }

  /** Names that stand for the screen's words (type aliases of Room's annotations); returns true when new. */
  screenAlso(names: readonly string[]): boolean {
    const added = names.filter((n) => !this.screen.extra.includes(n));
    if (added.length === 0) return false;
    this.screen = new KotlinScreen([...this.screen.extra, ...added]);
    return true;
  }

  /** Which mention keys a passed-over (Kotlin) file holds; see kotlin/screen.ts. */
  mentionedWords(text: string, keys: readonly string[]): string[] {
    return mentionedWords(text, keys);
  }

  /** Whether the screen would read the file's text fully. */
  screensIn(text: string): boolean {
    return this.screen.mayHoldFacts(text);
  }

  private extractAs(language: SourceLanguage, uri: string, filePath: string, text: string, platform: Platform, sourceSet: string | undefined): FileFacts | undefined {
    switch (language) {
      case 'kotlin':
      case 'gradle-kts':
        return { ...extractKotlinFacts(this.kotlin, uri, text, platform, sourceSet, this.options.parseBudgetMs), language };
      case 'java':
        // Java files are parsed whole (no pre-screen): their constants may be named from anywhere.
        return extractJavaFacts(this.java, uri, text, platform, sourceSet, this.options.parseBudgetMs);
      case 'sql':
        return extractSqlFacts(uri, text, platform, sourceSet);
      case 'gradle-groovy':
        return extractGroovyGradleFacts(uri, text, platform, sourceSet);
      case 'version-catalog':
        return extractVersionCatalogFacts(uri, text, platform);
      case 'room-schema-json':
        return extractRoomSchemaFacts(uri, filePath, text, platform, sourceSet);
      default:
        return undefined;
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
