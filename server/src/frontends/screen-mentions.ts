/**
 * The pre-screens' reading of which names a file mentions, shared by the languages whose names
 * are plain identifiers (`[A-Za-z_$][\w$]*`). The model asks with keys:
 * - `call:f` — a call of `f` (`f(`, `f<T>(`), shaped by the language (`callPrefix` may exclude a
 *   declaration such as TypeScript's `function f(`);
 * - `completion:d` — Kotlin's completions of a deferred, which these languages do not have: never;
 * - a bare name — any whole-identifier mention.
 */
export function mentionedWords(text: string, keys: readonly string[], callPrefix = ''): string[] {
  const found: string[] = [];
  for (const key of keys) {
    const colon = key.indexOf(':');
    const name = colon < 0 ? key : key.slice(colon + 1);
    // Most files hold none of the names at all: a substring search settles them.
    if (!text.includes(name)) continue;
    const source = mentionSource(colon < 0 ? '' : key.slice(0, colon), name, callPrefix);
    if (source !== undefined && new RegExp(source).test(text)) found.push(key);
  }
  return found;
}

export const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mentionSource(kind: string, name: string, callPrefix: string): string | undefined {
  const word = `(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`;
  if (kind === 'call') return `${callPrefix}${word}\\s*(?:<[^>\\n]*>\\s*)?\\(`;
  if (kind === 'completion') return undefined;
  return word;
}

/**
 * Comments that start a line (after its indentation) in the C-like languages read here (Kotlin,
 * Java, TypeScript, Dart): `// …` to the line's end, `/* … */` to its close. One that starts
 * after code is left in: a `/*` there may be part of a regular expression (`/\/*$/`), and reading
 * code as a comment would miss a mention, where reading a comment as code only finds one more.
 */
const LINE_COMMENT = /^[ \t]*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)/gm;

/**
 * How often `text` names `name` as a whole identifier outside the comments that start a line.
 * Strings count (a name in one may be a call by name); a commented-out call does not.
 */
export function codeMentionCount(text: string, name: string): number {
  if (!text.includes(name)) return 0;
  const code = text.replace(LINE_COMMENT, ' ');
  return code.match(new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`, 'g'))?.length ?? 0;
}
