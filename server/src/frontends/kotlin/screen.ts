import { SQL_CALL_NAMES, CRUD_TRIGGER_FUNCTION } from './sql-calls';
import { POWERSYNC_CALL_NAMES } from './powersync-calls';
import { DISABLE_DIRECTIVE } from '../disable-comment';

/**
 * Text that every Kotlin fact other than a plain declaration needs in its file: the name of each
 * call the readers recognise (PowerSync's, Room's builder, the SQL calls), the annotations and
 * supertypes that make a class an entity, a database, a converter, a Room callback or a table
 * rename, the trigger helper, and the disable comment. A file holding none of them declares at most classes,
 * functions, constants and aliases, which matter only when something that was read names them
 * (the model asks for those by name; see WorkspaceIndex.readDeclaring).
 */
export const SCREEN_WORDS: readonly string[] = [
  ...POWERSYNC_CALL_NAMES,
  ...SQL_CALL_NAMES,
  'databaseBuilder',
  CRUD_TRIGGER_FUNCTION,
  'Entity',
  'Database',
  'TypeConverter',
  'Callback',
  // Room's AutoMigrationSpec annotation: a table renamed in a migration keeps its rows (raw-table-added-later).
  'RenameTable',
  DISABLE_DIRECTIVE,
];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A screen over the fixed words plus `extra` (names that stand for them, such as type aliases). */
export class KotlinScreen {
  private readonly pattern: RegExp;

  constructor(readonly extra: readonly string[] = []) {
    // Substrings, not words: `RoomDatabase`, `executeWrite` and `usePreparedSync` hold theirs.
    this.pattern = new RegExp([...SCREEN_WORDS, ...extra].map(escape).join('|'));
  }

  /** False only when the file can hold no fact but declarations. */
  mayHoldFacts(text: string): boolean {
    return this.pattern.test(text);
  }
}

/** `class|interface|object|typealias Name`. */
const TYPE_DECLARATION = /\b(?:class|interface|object|typealias)\s+`?([A-Za-z_][A-Za-z0-9_]*)/g;
/** `val|var [<T>] [Receiver.]name`: the receiver's dots and type arguments are passed over. */
const PROPERTY_DECLARATION = /\b(?:val|var)\s+(?:<[^>]*>\s*)?(?:[A-Za-z_][A-Za-z0-9_]*(?:<[^>\n]*>)?\??\.)*`?([A-Za-z_][A-Za-z0-9_]*)/g;
/** `fun … (`: the function's name is the last identifier before the parenthesis. */
const FUNCTION_DECLARATION = /\bfun\b([^(){}=;]{1,300})\(/g;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * Every name the file may declare, read from its text without parsing: more than it declares
 * (a word in a comment or a string counts), never less, so a file asked for by a name it
 * declares is always read. Each kind has its own pattern, so one match never hides another.
 */
export function declaredNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(TYPE_DECLARATION)) names.add(match[1]);
  for (const match of text.matchAll(PROPERTY_DECLARATION)) names.add(match[1]);
  for (const match of text.matchAll(FUNCTION_DECLARATION)) {
    const words = match[1].match(IDENTIFIER);
    if (words) names.add(words[words.length - 1]);
  }
  return names;
}

/**
 * What a mention of a name looks like, by the key the model asks with:
 * - `call:f` — a call of `f` (`f(`, `f {`, `f<T>(`), not its declaration;
 * - `completion:d` — `d` completed (`d.complete(`) or aliased (`val x get() = d`, `= holder.d`);
 * - a bare name — any whole-identifier mention.
 */
function mentionSource(key: string): string {
  const colon = key.indexOf(':');
  const name = escape(colon < 0 ? key : key.slice(colon + 1));
  const kind = colon < 0 ? '' : key.slice(0, colon);
  const word = `(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`;
  if (kind === 'call') return `(?<!\\bfun\\b[^(\\n]*)${word}\\s*(?:<[^>\\n]*>\\s*)?[({]`;
  if (kind === 'completion') return `${word}\\s*\\??\\.\\s*complete\\s*\\(|=\\s*(?:[A-Za-z_][A-Za-z0-9_]*\\s*\\??\\.\\s*)*${word}`;
  return word;
}

const compiled = new Map<string, RegExp>();
function sticky(key: string): RegExp {
  let re = compiled.get(key);
  if (!re) compiled.set(key, (re = new RegExp(mentionSource(key), 'y')));
  return re;
}

/** Which of `keys` (see mentionSource) `text` mentions. Matches may overlap. */
export function mentionedWords(text: string, keys: readonly string[]): string[] {
  // Most files hold none of the names at all: a substring search settles them.
  keys = keys.filter((key) => text.includes(key.slice(key.indexOf(':') + 1)));
  if (keys.length === 0) return [];
  const pattern = new RegExp(keys.map(mentionSource).join('|'), 'g');
  const found = new Set<string>();
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (const key of keys) {
      if (found.has(key)) continue;
      const re = sticky(key);
      re.lastIndex = match.index;
      if (re.test(text)) found.add(key);
    }
    if (found.size === keys.length) break;
    pattern.lastIndex = match.index + 1;
  }
  return [...found];
}
