import type { SourceLanguage } from '../../model/facts';
import type { LanguageScreen } from '../plugin';
import { DISABLE_DIRECTIVE } from '../disable-comment';

/**
 * Text that every Dart fact other than a plain declaration needs in its file:
 * - `RawTable` — a raw table is read only from `RawTable(…)` / `RawTable.inferred(…)`;
 * - `Schema` — a schema from `Schema(…)` (also `RawTableSchema`);
 * - `PowerSyncDatabase` — the database a schema is handed to;
 * - `execute`, `customStatement` — DDL and trigger SQL run through the database, a transaction or
 *   Drift (`executeBatch` is covered by `execute`);
 * - `powersync` — `powersync_create_raw_table_crud_trigger`, run through any call (a read such as
 *   `getAll` included), and every import of the SDK;
 * - `disconnectAndClear` — a clear call;
 * - `export` — a library that exports others hands on their names by library, not by a name it declares;
 * - the disable comment.
 */
export const SCREEN_WORDS: readonly string[] = ['RawTable', 'Schema', 'PowerSyncDatabase', 'execute', 'customStatement', 'powersync', 'disconnectAndClear', 'export', DISABLE_DIRECTIVE];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `class|mixin|enum|typedef|extension Name`. */
const TYPE_DECLARATION = /(?<![\w$])(?:class|mixin|enum|typedef|extension)\s+([A-Za-z_$][\w$]*)/g;
/**
 * A name followed by what follows a declared name in Dart (`final a = …`, `final a;`, `final a, b`,
 * `void f(…)`, `T f<T>(…)`, `String get g => …`, `String get g { … }`): a superset of the
 * declarations (calls and assignments match too), never less.
 */
const NAME_BEFORE_DECLARATION_TAIL = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?:=|\(|;|,|\{|<)/g;

/** Every name the file may declare, read from its text without parsing (more, never less). */
export function declaredNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(TYPE_DECLARATION)) names.add(match[1]);
  for (const match of text.matchAll(NAME_BEFORE_DECLARATION_TAIL)) names.add(match[1]);
  return names;
}

/**
 * What a mention of a name looks like, by the key the model asks with: `call:f` a call of `f`,
 * `completion:d` (Kotlin's completions of a deferred; Dart has none, so never), a bare name any
 * whole-identifier mention.
 */
function mentionSource(key: string): string | undefined {
  const colon = key.indexOf(':');
  const name = escape(colon < 0 ? key : key.slice(colon + 1));
  const kind = colon < 0 ? '' : key.slice(0, colon);
  const word = `(?<![\\w$])${name}(?![\\w$])`;
  if (kind === 'call') return `${word}\\s*(?:<[^>\\n]*>\\s*)?\\(`;
  if (kind === 'completion') return undefined;
  return word;
}

/** Which of `keys` (see mentionSource) `text` mentions. */
export function mentionedWords(text: string, keys: readonly string[]): string[] {
  const found: string[] = [];
  for (const key of keys) {
    const name = key.slice(key.indexOf(':') + 1);
    if (!text.includes(name)) continue;
    const source = mentionSource(key);
    if (source !== undefined && new RegExp(source).test(text)) found.push(key);
  }
  return found;
}

/** The pre-screen over Dart sources. */
export class DartScreen implements LanguageScreen {
  readonly languages: readonly SourceLanguage[] = ['dart'];
  private readonly pattern = new RegExp(SCREEN_WORDS.map(escape).join('|'));

  mayHoldFacts(text: string): boolean {
    return this.pattern.test(text);
  }

  declaredNames(text: string): Set<string> {
    return declaredNames(text);
  }

  mentionedWords(text: string, keys: readonly string[]): string[] {
    return mentionedWords(text, keys);
  }

  /** Type aliases of Room's annotations change nothing Dart is read for. */
  also(): boolean {
    return false;
  }
}
