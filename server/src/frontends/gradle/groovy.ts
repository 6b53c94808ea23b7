import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import type { SourceLocation } from '../../model/location';
import { parseDisableComment } from '../disable-comment';
import { isPluginId, parseCoordinate, UNREADABLE, type Coordinate } from '../gradle-coordinates';

/** A piece of a Groovy string: literal text, or a `$name` / `${expr}` interpolation. */
type StringPart = { text: string } | { interpolation: string };

export type GroovyToken =
  | { kind: 'string'; parts: StringPart[]; start: number; end: number }
  | { kind: 'word'; text: string; start: number; end: number }
  | { kind: 'symbol'; text: string; start: number; end: number }
  | { kind: 'comment'; text: string; start: number; end: number };

/**
 * Splits Groovy source into words, symbols, comments and string literals (`'…'`, `"…"`, `'''…'''`,
 * `"""…"""`, with GString interpolations kept apart). Enough of Groovy for reading dependency
 * declarations; slashy strings are read as `/` symbols. Never throws: an unterminated string or
 * comment runs to the end of the text.
 */
export function tokenizeGroovy(text: string): GroovyToken[] {
  const tokens: GroovyToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = indexOrEnd(text, '\n', i);
      tokens.push({ kind: 'comment', text: text.slice(i + 2, end), start: i, end });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      tokens.push({ kind: 'comment', text: text.slice(i + 2, close < 0 ? n : close), start: i, end });
      i = end;
    } else if (c === "'" || c === '"') {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      const { parts, end } = readString(text, i + quote.length, quote, c === '"');
      tokens.push({ kind: 'string', parts, start: i, end });
      i = end;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(text[j])) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < n && (isWordPart(text[j]) || text[j] === '.')) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      tokens.push({ kind: 'symbol', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function readString(text: string, from: number, quote: string, interpolates: boolean): { parts: StringPart[]; end: number } {
  const parts: StringPart[] = [];
  let literal = '';
  let i = from;
  const multiline = quote.length === 3;
  while (i < text.length) {
    if (text.startsWith(quote, i)) {
      if (literal) parts.push({ text: literal });
      return { parts, end: i + quote.length };
    }
    const c = text[i];
    if (!multiline && c === '\n') break; // unterminated: stop at the line's end
    if (c === '\\' && i + 1 < text.length) {
      literal += unescape(text[i + 1]);
      i += 2;
      continue;
    }
    if (interpolates && c === '$') {
      if (text[i + 1] === '{') {
        const close = text.indexOf('}', i + 2);
        if (close < 0) break;
        if (literal) parts.push({ text: literal });
        literal = '';
        parts.push({ interpolation: text.slice(i + 2, close).trim() });
        i = close + 1;
        continue;
      }
      if (isWordStart(text[i + 1] ?? '')) {
        let j = i + 2;
        // `$a.b.c` reads a dotted path in a GString.
        while (j < text.length && (isWordPart(text[j]) || (text[j] === '.' && isWordStart(text[j + 1] ?? '')))) j++;
        if (literal) parts.push({ text: literal });
        literal = '';
        parts.push({ interpolation: text.slice(i + 1, j) });
        i = j;
        continue;
      }
    }
    literal += c;
    i++;
  }
  if (literal) parts.push({ text: literal });
  return { parts, end: i };
}

/**
 * Facts of a Groovy `build.gradle`: dependency coordinates in string literals (versions read from
 * `def x = '…'`, `ext.x = '…'` and `ext { x = '…' }` in the same file), the map form
 * `group: '…', name: '…', version: '…'`, and disable comments.
 */
export function extractGroovyGradleFacts(uri: string, text: string, platform: Platform, sourceSet?: string): FileFacts {
  const facts = emptyFacts(uri, 'gradle-groovy', platform);
  facts.sourceSet = sourceSet;
  const tokens = tokenizeGroovy(text);
  const lines = new LineIndex(text);
  const loc = (t: GroovyToken): SourceLocation => ({ uri, range: { start: lines.position(t.start), end: lines.position(t.end) } });
  const variables = assignedStrings(tokens);
  const read = (t: GroovyToken): string | undefined => (t.kind === 'string' ? stringText(t.parts, variables) : undefined);

  const consumed = new Set<GroovyToken>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'comment') {
      const rules = parseDisableComment(t.text);
      if (rules) facts.disableComments.push({ line: lines.position(t.end).line + 1, rules, loc: loc(t) });
      continue;
    }
    if (t.kind === 'word' && t.text === 'group' && isSymbol(tokens[i + 1], ':')) {
      const map = readDependencyMap(tokens, i, read);
      if (map) {
        map.consumed.forEach((c) => consumed.add(c));
        const coordinate = parseCoordinate(map.text, true);
        if (coordinate) facts.dependencies.push({ ...coordinate, loc: loc(tokens[i + 2]) });
      }
      continue;
    }
    if (t.kind !== 'string' || consumed.has(t)) continue;
    const text = read(t);
    if (text === undefined) continue;
    if (namesPlugin(tokens, i) && isPluginId(text)) {
      (facts.plugins ??= []).push({ id: text, loc: loc(t) });
      continue;
    }
    const coordinate: Coordinate | undefined = parseCoordinate(text, followsConfiguration(tokens, i));
    if (coordinate) facts.dependencies.push({ ...coordinate, loc: loc(t) });
  }
  return facts;
}

/** `name = 'literal'` after a word path (`def x`, `ext.x`, `x` in an `ext { }` block). */
function assignedStrings(tokens: GroovyToken[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 1; i + 1 < tokens.length; i++) {
    const name = tokens[i - 1];
    const value = tokens[i + 1];
    if (!isSymbol(tokens[i], '=') || name.kind !== 'word' || value.kind !== 'string') continue;
    if (isSymbol(tokens[i + 2], '+')) continue; // a concatenation is not a plain literal
    if (isSymbol(tokens[i - 2], '=') || isSymbol(tokens[i - 2], '!') || isSymbol(tokens[i - 2], '<') || isSymbol(tokens[i - 2], '>')) continue;
    const text = stringText(value.parts, new Map());
    if (text !== undefined && !text.includes(UNREADABLE)) out.set(name.text, text);
  }
  return out;
}

/** Text of a string with interpolations looked up; unknown ones become `UNREADABLE`. */
function stringText(parts: StringPart[], variables: Map<string, string>): string {
  return parts
    .map((p) => {
      if ('text' in p) return p.text;
      const last = p.interpolation.split('.').pop() ?? '';
      const simplePath = p.interpolation.split('.').every((s) => s.length > 0 && [...s].every(isWordPart));
      return simplePath ? variables.get(last) ?? UNREADABLE : UNREADABLE;
    })
    .join('');
}

/** `group: 'g', name: 'a', version: 'v'` starting at the `group` word. */
function readDependencyMap(tokens: GroovyToken[], at: number, read: (t: GroovyToken) => string | undefined): { text: string; consumed: GroovyToken[] } | undefined {
  const values = new Map<string, string>();
  const consumed: GroovyToken[] = [];
  let i = at;
  while (i + 2 < tokens.length) {
    const key = tokens[i];
    const value = tokens[i + 2];
    if (key.kind !== 'word' || !isSymbol(tokens[i + 1], ':') || value.kind !== 'string') break;
    const text = read(value);
    if (text === undefined) break;
    values.set(key.text, text);
    consumed.push(value);
    i += 3;
    if (!isSymbol(tokens[i], ',')) break;
    i++;
  }
  const group = values.get('group');
  const name = values.get('name');
  if (group === undefined || name === undefined || group.includes(UNREADABLE) || name.includes(UNREADABLE)) return undefined;
  const version = values.get('version');
  return { text: version === undefined ? `${group}:${name}` : `${group}:${name}:${version}`, consumed };
}

/** `id 'p'`, `id('p')` (in `plugins { }`) or `apply plugin: 'p'`: the string at `i` is a plugin id. */
function namesPlugin(tokens: GroovyToken[], i: number): boolean {
  const prev = tokens[i - 1];
  if (prev?.kind === 'word' && prev.text === 'id') return true;
  if (isSymbol(prev, '(') && tokens[i - 2]?.kind === 'word' && (tokens[i - 2] as { text: string }).text === 'id') return true;
  return isSymbol(prev, ':') && tokens[i - 2]?.kind === 'word' && (tokens[i - 2] as { text: string }).text === 'plugin';
}

/** `implementation 'g:a'` or `implementation('g:a')`: a configuration name right before. */
function followsConfiguration(tokens: GroovyToken[], i: number): boolean {
  const prev = tokens[i - 1];
  if (prev?.kind === 'word') return true;
  return isSymbol(prev, '(') && tokens[i - 2]?.kind === 'word' && isSymbol(tokens[i + 1], ')');
}

function isSymbol(t: GroovyToken | undefined, text: string): boolean {
  return t?.kind === 'symbol' && t.text === text;
}

function isWordStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

function isWordPart(c: string): boolean {
  return isWordStart(c) || (c >= '0' && c <= '9');
}

function unescape(c: string): string {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    default: return c;
  }
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}

/** Offsets to LSP positions (UTF-16 code units, as JavaScript strings count). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  /** The offset where a 0-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.min(line, this.starts.length - 1)];
  }
}
