import type { SourceLanguage } from '../../model/facts';
import type { LanguageScreen } from '../plugin';
import { DISABLE_DIRECTIVE } from '../disable-comment';
import { escapeRegExp, mentionedWords as mentionedIn } from '../screen-mentions';

/**
 * Text that every TypeScript fact other than a plain declaration needs in its file:
 * - `withRawTables` — a raw table map is read only from that call;
 * - `new Schema` — a schema is read only from that construction;
 * - `execute` — DDL and trigger SQL run through `execute`, `executeRaw`, `executeBatch`
 *   (the substring covers all three);
 * - `powersync` — `powersync_create_raw_table_crud_trigger` (run through any call, even the reads
 *   `get`/`getAll`/`getOptional`, which the screen need not name: a read that is no trigger
 *   helper call yields no fact the model uses) and every import from `@powersync/…`;
 * - `disconnectAndClear` — a clear call, whose raw tables' `clear` statements missing-clear asks for;
 * - `clientImplementation` — where the app picks its sync client (the rule that says no code picks
 *   the Rust client must see every one); `trackTableDiff`, `createDiffTrigger` — High Performance Diffs;
 * - `sqliteTable` — a Drizzle table (its DDL is the local table a raw table may sync into);
 * - `DrizzleAppSchema`, `toPowerSyncTable` — Drizzle tables PowerSync makes views of;
 * - `drizzle-kit` — drizzle-kit's config (`import { defineConfig } from 'drizzle-kit'`), whose `casing` names columns;
 * - `run(sql` — DDL run through Drizzle (`db.run(sql\`CREATE TABLE …\`)`; `execute` covers the other);
 * - the disable comment.
 * `CREATE` is not among them: a DDL string that no call in its file runs is a constant, found
 * through `declaredNames` when a file that was read names it.
 */
export const SCREEN_WORDS: readonly string[] = ['withRawTables', 'new Schema', 'execute', 'powersync', 'disconnectAndClear', 'clientImplementation', 'trackTableDiff', 'createDiffTrigger', 'sqliteTable', 'DrizzleAppSchema', 'toPowerSyncTable', 'run(sql', 'drizzle-kit', DISABLE_DIRECTIVE];

/** `const|let|var|function|function*|class|interface|type|enum|namespace Name`. */
const DECLARATION = /(?<![\w$])(?:const|let|var|function\s*\*?|class|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/g;
/** `export { a, b as c }` (also `export { … } from '…'`): the names it exports. */
const EXPORT_LIST = /(?<![\w$])export\s+(?:type\s+)?\{([^{}]*)\}/g;
const EXPORTED_NAME = /(?:^|,)\s*(?:type\s+)?[A-Za-z_$][\w$]*(?:\s+as\s+([A-Za-z_$][\w$]*))?/g;

/**
 * Every name the file may declare, read from its text without parsing: more than it declares (a
 * word in a comment or a string counts), never less, so a file asked for by a name it declares is
 * always read.
 */
export function declaredNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(DECLARATION)) names.add(match[1]);
  for (const match of text.matchAll(EXPORT_LIST)) {
    for (const item of match[1].matchAll(EXPORTED_NAME)) {
      const words = item[0].replace(/^[\s,]*/, '').split(/\s+/).filter((w) => w && w !== 'as' && w !== 'type');
      const name = item[1] ?? words[0];
      if (name) names.add(name);
    }
  }
  return names;
}

/** Which of `keys` `text` mentions; a call is not its declaration (`function f(`). */
export function mentionedWords(text: string, keys: readonly string[]): string[] {
  return mentionedIn(text, keys, '(?<!\\bfunction\\s*\\*?\\s*)');
}

/** `export * from '…'` and `export { … } from '…'`. */
const RE_EXPORT = /(?<![\w$])export\s*(?:type\s+)?(?:\*|\{[^{}]*\})\s*(?:as\s+[\w$]+\s*)?from\s*['"]/;

/** The pre-screen over TypeScript and JavaScript sources. */
export class TypeScriptScreen implements LanguageScreen {
  readonly languages: readonly SourceLanguage[] = ['typescript'];
  private readonly pattern = new RegExp(SCREEN_WORDS.map(escapeRegExp).join('|'));

  mayHoldFacts(text: string): boolean {
    // A barrel (`export * from './x'`, `export { A } from './x'`) hands on names by module, not by a name it declares.
    return this.pattern.test(text) || RE_EXPORT.test(text);
  }

  declaredNames(text: string): Set<string> {
    return declaredNames(text);
  }

  mentionedWords(text: string, keys: readonly string[]): string[] {
    return mentionedWords(text, keys);
  }


  /**
   * The names given are type aliases of Room's annotations (Kotlin's `typealias`): no TypeScript
   * fact is written with them, so the screen stays as it is.
   */
  also(): boolean {
    return false;
  }
}
