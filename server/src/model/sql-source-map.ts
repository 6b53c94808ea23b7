import { advancePosition } from '../sql/sql-text';
import { trimIndent, trimMargin } from './evaluate';
import type { Position, SourceLocation } from './location';
import type { StringValue, Value } from './value';
import type { Trigger } from './workspace';

/**
 * The SQL text the model sees, tied back to the Kotlin literals it was read from (escapes, raw
 * strings, `.trimIndent()` / `.trimMargin()`, `+` joins). Offsets are UTF-16 offsets into `text`.
 */
export interface SqlSourceMap {
  readonly text: string;
  /** Where `text[start, end)` is written: one location per literal it touches, in order; undefined when out of range. */
  locationsOf(start: number, end: number): SourceLocation[] | undefined;
  /** The stretch `text[start, end)` with the literal it starts in, for writing into it; undefined when out of range. */
  spanOf(start: number, end: number): SqlSourceSpan | undefined;
}

/** One Kotlin string literal of a map, as written between its quotes. */
export interface SqlLiteral {
  readonly uri: string;
  readonly raw: boolean;
  /** The quote it is written with, where the language has several (see StringValue.quote). */
  readonly quote?: '"' | "'" | '`';
  /** Delimiters other than one quote (see StringValue.delimiters). */
  readonly delimiters?: StringValue['delimiters'];
  /** The text between the quotes, escapes as written. */
  readonly source: string;
}

/** A stretch of a map's text in the source. */
export interface SqlSourceSpan {
  /** One per literal the stretch touches, in order: from its start to the first literal's end, whole literals, then up to its end. */
  readonly locations: SourceLocation[];
  /** The literal the stretch starts in. */
  readonly literal: SqlLiteral;
  /** The stretch within `literal.source`; it runs to the source's end when the stretch goes on into later literals. */
  readonly sourceStart: number;
  readonly sourceEnd: number;
  /** What trimming removed at the start of the line the stretch starts on (a new line written there needs it back). */
  readonly lead: string;
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
  return mapOf(text, (from, to) => (from < 0 || to > text.length ? undefined : whole.spanOf(start + from, start + to)));
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

function mapOf(text: string, spanOf: (start: number, end: number) => SqlSourceSpan | undefined): SqlSourceMap {
  return { text, spanOf, locationsOf: (start, end) => spanOf(start, end)?.locations };
}

/** One literal: its text as written between the quotes, and where each value character starts in it. */
interface Piece extends SqlLiteral {
  /** Just after the opening quotes, and at the closing ones. */
  contentStart: Position;
  end: Position;
  value: string;
  /** `sourceAt[k]` is the source offset of value character k; `sourceAt[value.length]` is the source's length. */
  sourceAt: number[];
}

function pieceOf(literal: StringValue): Piece | undefined {
  const { range, uri } = literal.loc;
  const openLength = literal.delimiters ? literal.delimiters.open.length : literal.raw ? 3 : 1;
  const closeLength = literal.delimiters ? literal.delimiters.close.length : literal.raw ? 3 : 1;
  const afterOpen = { line: range.start.line, character: range.start.character + openLength };
  const skipped = literal.delimiters?.skipped ?? '';
  const contentStart = skipped ? advancePosition(afterOpen, skipped, skipped.length) : afterOpen;
  const end = { line: range.end.line, character: range.end.character - closeLength };
  const { value } = literal;
  let source = '';
  const sourceAt: number[] = [];
  const escapes = literal.raw ? [] : [...(literal.escapes ?? [])].sort((a, b) => a.at - b.at);
  let k = 0;
  for (const escape of escapes) {
    // Every Kotlin escape stands for one UTF-16 unit; anything else we cannot place.
    // (JavaScript's `\`` too, inside a template literal.)
    if (escape.at < k || escape.at >= value.length || !/^\\(?:[tbnr'"\\$`]|u[0-9A-Fa-f]{4})$/.test(escape.source)) return undefined;
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
  // Only a raw string (Kotlin) or a template literal (JavaScript) holds a line break as written.
  const multiline = literal.delimiters ? literal.delimiters.multiline : literal.raw || literal.quote === '`';
  if (!multiline && source.includes('\n')) return undefined;
  if (!samePosition(advancePosition(contentStart, source, source.length), end)) return undefined;
  return { uri, raw: literal.raw, ...(literal.quote ? { quote: literal.quote } : {}), ...(literal.delimiters ? { delimiters: literal.delimiters } : {}), contentStart, end, source, value, sourceAt };
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

  const spanOf = (start: number, end: number): SqlSourceSpan | undefined => {
    if (start < 0 || end > text.length || start > end || text.length === 0) return undefined;
    const anchor = start < text.length ? from[start] : from[text.length - 1];
    const first = start < text.length ? beforeChar(from[start]) : afterChar(from[text.length - 1]);
    // Up to the next character when it is in the same literal: a deleted line break takes the next line's removed indentation along.
    const last = end === start ? first : end < text.length && pieceAt[from[end]] === pieceAt[from[end - 1]] ? beforeChar(from[end]) : afterChar(from[end - 1]);
    const literal = pieces[first.piece];
    const { uri } = literal;
    const locations: SourceLocation[] =
      first.piece === last.piece
        ? [{ uri, range: { start: first.position, end: last.position } }]
        : [
            { uri, range: { start: first.position, end: literal.end } },
            ...pieces.slice(first.piece + 1, last.piece).map((p) => ({ uri, range: { start: p.contentStart, end: p.end } })),
            { uri, range: { start: pieces[last.piece].contentStart, end: last.position } },
          ];
    const sourceEnd = first.piece === last.piece ? literal.sourceAt[last.k] : literal.source.length;
    return { locations, literal, sourceStart: literal.sourceAt[first.k], sourceEnd, lead: trimmed.leadAt(anchor) };
  };
  return mapOf(text, spanOf);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}
