import type { SourceLanguage } from '../../model/facts';
import type { LanguageScreen } from '../plugin';
import { DISABLE_DIRECTIVE } from '../disable-comment';
import { escapeRegExp, mentionedWords } from '../screen-mentions';

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
 * - `extends Table`, `DriftDatabase` — Drift's table classes and the database that lists them
 *   (read whether or not a name asks for them: the Drift tables are the local tables);
 * - the disable comment.
 */
export const SCREEN_WORDS: readonly string[] = ['RawTable', 'Schema', 'PowerSyncDatabase', 'execute', 'customStatement', 'powersync', 'disconnectAndClear', 'export', 'extends Table', 'DriftDatabase', DISABLE_DIRECTIVE];

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

/** The pre-screen over Dart sources. */
export class DartScreen implements LanguageScreen {
  readonly languages: readonly SourceLanguage[] = ['dart'];
  private readonly pattern = new RegExp(SCREEN_WORDS.map(escapeRegExp).join('|'));

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
