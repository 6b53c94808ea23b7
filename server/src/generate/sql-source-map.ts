import { advancePosition } from '../engine/sql-text';
import { trimIndent, trimMargin } from '../model/evaluate';
import type { Position } from '../model/location';
import type { StringValue, Value } from '../model/value';
import type { Trigger } from '../model/workspace';
import type { TextEdit } from '../rules/finding';
import { kotlinStringLiteral } from './kotlin-string';

/**
 * The SQL text the model sees, tied back to the Kotlin literals it was read from, so a fix can
 * edit parts of a statement in place. Offsets are UTF-16 offsets into `text`.
 */
export interface SqlSourceMap {
  readonly text: string;
  /**
   * Edits that replace `text[start, end)` with `newText`, escaped for the string it lands in
   * (and indented to survive `.trimIndent()`), or undefined when that cannot be written.
   */
  replace(start: number, end: number, newText: string): TextEdit[] | undefined;
}

/** A change to the SQL text, in its offsets. */
export interface SqlTextChange {
  start: number;
  end: number;
  newText: string;
}

/** The edits for several non-overlapping changes, or undefined when any of them cannot be written. */
export function sourceEdits(map: SqlSourceMap, changes: SqlTextChange[]): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const change of changes) {
    const placed = map.replace(change.start, change.end, change.newText);
    if (!placed) return undefined;
    edits.push(...placed);
  }
  return edits;
}

/** The map of a trigger's own statement (a string may hold several), or undefined when unknown. */
export function triggerSourceMap(trigger: Trigger): SqlSourceMap | undefined {
  if (trigger.sql === undefined || trigger.sqlStart === undefined) return undefined;
  return statementSourceMap(trigger.sqlValue, trigger.sqlStart, trigger.sql);
}

/** The map of `text`, which starts at `start` in the expression's value; undefined when it is not there. */
export function statementSourceMap(value: Value | undefined, start: number, text: string): SqlSourceMap | undefined {
  const whole = sqlSourceMap(value);
  if (!whole || whole.text.slice(start, start + text.length) !== text) return undefined;
  return {
    text,
    replace: (from, to, newText) => (from < 0 || to > text.length ? undefined : whole.replace(start + from, start + to, newText)),
  };
}

/**
 * The map of a string expression: one literal, a concatenation of literals, or either with
 * `.trimIndent()` / `.trimMargin()`. A template (`$x`, `${…}`), a constant or any other part
 * makes the map unknown: the text would not sit in one place in the source.
 */
export function sqlSourceMap(value: Value | undefined): SqlSourceMap | undefined {
  if (!value) return undefined;
  let literals: StringValue[];
  let trim: (text: string) => TrimmedText | undefined = untrimmed;
  if (value.kind === 'string') literals = [value];
  else if (value.kind === 'template') {
    if (!value.parts.every((p): p is StringValue => p.kind === 'string')) return undefined;
    literals = value.parts;
    if (value.trim?.mode === 'indent') trim = (text) => trimmedLines(text, indentCut(text), trimIndent(text));
    else if (value.trim?.mode === 'margin') {
      const prefix = value.trim.prefix;
      trim = (text) => trimmedLines(text, marginCut(prefix), trimMargin(text, prefix));
    }
  } else return undefined;
  const pieces: Piece[] = [];
  for (const literal of literals) {
    const piece = pieceOf(literal);
    // Parts of one template share its location; literals of a concatenation follow each other.
    const previous = pieces[pieces.length - 1];
    if (!piece || (previous && (previous.uri !== piece.uri || !before(previous.end, piece.contentStart)))) return undefined;
    pieces.push(piece);
  }
  return joinedMap(pieces, trim);
}

/** One literal: its text as written between the quotes, and where each value character starts in it. */
interface Piece {
  uri: string;
  raw: boolean;
  /** Just after the opening quotes, and at the closing ones. */
  contentStart: Position;
  end: Position;
  source: string;
  value: string;
  /** `sourceAt[k]` is the source offset of value character k; `sourceAt[value.length]` is the source's length. */
  sourceAt: number[];
}

function pieceOf(literal: StringValue): Piece | undefined {
  const { range, uri } = literal.loc;
  const quotes = literal.raw ? 3 : 1;
  const contentStart = { line: range.start.line, character: range.start.character + quotes };
  const end = { line: range.end.line, character: range.end.character - quotes };
  const { value } = literal;
  let source = '';
  const sourceAt: number[] = [];
  const escapes = literal.raw ? [] : [...(literal.escapes ?? [])].sort((a, b) => a.at - b.at);
  let k = 0;
  for (const escape of escapes) {
    // Every Kotlin escape stands for one UTF-16 unit; anything else we cannot place.
    if (escape.at < k || escape.at >= value.length || !/^\\(?:[tbnr'"\\$]|u[0-9A-Fa-f]{4})$/.test(escape.source)) return undefined;
    for (; k < escape.at; k++) {
      sourceAt.push(source.length);
      source += value[k];
    }
    sourceAt.push(source.length);
    source += escape.source;
    k++;
  }
  for (; k < value.length; k++) {
    sourceAt.push(source.length);
    source += value[k];
  }
  sourceAt.push(source.length);
  // The rebuilt text must fill the literal exactly, or some character is not where we think.
  if (!literal.raw && source.includes('\n')) return undefined;
  if (!samePosition(advancePosition(contentStart, source, source.length), end)) return undefined;
  return { uri, raw: literal.raw, contentStart, end, source, value, sourceAt };
}

/** The trimmed text and, for each of its characters, the untrimmed offset it came from. */
interface TrimmedText {
  text: string;
  from: number[];
  /** What trimming removed at the start of the untrimmed line holding an offset (for new lines). */
  leadAt(untrimmed: number): string;
}

function untrimmed(text: string): TrimmedText {
  return { text, from: Array.from({ length: text.length }, (_, i) => i), leadAt: () => '' };
}

/** How many characters trimming removes at the start of a line. */
type LineCut = (line: string) => number;

function indentCut(text: string): LineCut {
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length), Number.MAX_SAFE_INTEGER);
  const cut = indent === Number.MAX_SAFE_INTEGER ? 0 : indent;
  return (line) => Math.min(cut, line.length);
}

function marginCut(prefix: string): LineCut {
  return (line) => {
    const start = line.length - line.trimStart().length;
    return line.startsWith(prefix, start) ? start + prefix.length : 0;
  };
}

/** Mirrors model/evaluate.ts's trimming (blank first and last lines dropped, each line cut), keeping offsets. */
function trimmedLines(text: string, cut: LineCut, expected: string): TrimmedText | undefined {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const first = lines.length > 0 && lines[0].trim().length === 0 ? 1 : 0;
  const last = lines.length > first && lines[lines.length - 1].trim().length === 0 ? lines.length - 1 : lines.length;
  let out = '';
  const from: number[] = [];
  for (let i = first; i < last; i++) {
    if (i > first) {
      // The line break that ended the previous kept line.
      out += '\n';
      from.push(starts[i] - 1);
    }
    const removed = cut(lines[i]);
    for (let c = removed; c < lines[i].length; c++) {
      out += lines[i][c];
      from.push(starts[i] + c);
    }
  }
  if (out !== expected) return undefined;
  const leadAt = (untrimmedOffset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= untrimmedOffset) line++;
    return lines[line].slice(0, cut(lines[line]));
  };
  return { text: out, from, leadAt };
}

function joinedMap(pieces: Piece[], trim: (text: string) => TrimmedText | undefined): SqlSourceMap | undefined {
  // Untrimmed offset → (piece, value offset in it).
  const pieceAt: number[] = [];
  const valueAt: number[] = [];
  pieces.forEach((piece, p) => {
    for (let k = 0; k < piece.value.length; k++) {
      pieceAt.push(p);
      valueAt.push(k);
    }
  });
  const joined = pieces.map((p) => p.value).join('');
  const trimmed = trim(joined);
  if (!trimmed) return undefined;
  const { text, from } = trimmed;
  const positionIn = (piece: Piece, k: number) => advancePosition(piece.contentStart, piece.source, piece.sourceAt[k]);
  const beforeChar = (u: number) => ({ piece: pieceAt[u], position: positionIn(pieces[pieceAt[u]], valueAt[u]), k: valueAt[u] });
  const afterChar = (u: number) => ({ piece: pieceAt[u], position: positionIn(pieces[pieceAt[u]], valueAt[u] + 1), k: valueAt[u] + 1 });

  const replace = (start: number, end: number, newText: string): TextEdit[] | undefined => {
    if (start < 0 || end > text.length || start > end || text.length === 0) return undefined;
    const anchor = start < text.length ? from[start] : from[text.length - 1];
    const first = start < text.length ? beforeChar(from[start]) : afterChar(from[text.length - 1]);
    // Up to the next character when it is in the same literal: a deleted line break takes the next line's removed indentation along.
    const last = end === start ? first : end < text.length && pieceAt[from[end]] === pieceAt[from[end - 1]] ? beforeChar(from[end]) : afterChar(from[end - 1]);
    const target = pieces[first.piece];
    const written = writeInto(target, newText, trimmed.leadAt(anchor));
    if (written === undefined || !keepsRawDelimiters(target, first.k, first.piece === last.piece ? last.k : target.value.length, written)) return undefined;
    const uri = target.uri;
    if (first.piece === last.piece) return [{ uri, range: { start: first.position, end: last.position }, newText: written }];
    // A change across concatenated literals: the new text goes into the first, the rest is emptied.
    const edits: TextEdit[] = [{ uri, range: { start: first.position, end: target.end }, newText: written }];
    for (let p = first.piece + 1; p < last.piece; p++) edits.push({ uri, range: { start: pieces[p].contentStart, end: pieces[p].end }, newText: '' });
    edits.push({ uri, range: { start: pieces[last.piece].contentStart, end: last.position }, newText: '' });
    return edits;
  };
  return { text, replace };
}

/** New text as it must be written inside the piece's literal. */
function writeInto(piece: Piece, text: string, lead: string): string | undefined {
  if (!piece.raw) return kotlinStringLiteral(text).slice(1, -1);
  // `$` cannot be escaped in a raw string; a new line needs the indentation trimming removes.
  // Replacer functions: a `$'` in a replacement string would be read as a pattern.
  return text.replace(/\$/g, () => "${'$'}").replace(/\n/g, () => `\n${lead}`);
}

/** A raw string must not gain `"""` inside, nor end on a quote that would join its closing quotes. */
function keepsRawDelimiters(piece: Piece, startK: number, endK: number, written: string): boolean {
  if (!piece.raw) return true;
  const after = piece.source.slice(0, piece.sourceAt[startK]) + written + piece.source.slice(piece.sourceAt[endK]);
  return !after.includes('"""') && !after.endsWith('"');
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}
