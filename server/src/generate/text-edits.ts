import type { Position } from '../model/location';
import type { TextEdit } from '../findings/finding';

/** The UTF-16 offset of an LSP position in `text`; positions past a line's end clamp to it. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + position.character, end);
}

/**
 * Applies edits to one file's text. Edits must not overlap; an edit that overlaps an earlier one
 * (in document order) is skipped and returned, so a caller can apply it in a later round.
 */
export function applyTextEdits(text: string, edits: TextEdit[]): { text: string; skipped: TextEdit[] } {
  const withOffsets = edits
    .map((edit) => ({ edit, start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const accepted: typeof withOffsets = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const item of withOffsets) {
    if (item.start < lastEnd) {
      skipped.push(item.edit);
      continue;
    }
    accepted.push(item);
    lastEnd = Math.max(lastEnd, item.end);
  }
  let out = text;
  for (const { edit, start, end } of accepted.reverse()) out = out.slice(0, start) + edit.newText + out.slice(end);
  return { text: out, skipped };
}

/** The indentation (spaces/tabs) of the line a position is on. */
export function indentationAt(text: string, position: Position): string {
  const lineStart = offsetAt(text, { line: position.line, character: 0 });
  const match = /^[ \t]*/.exec(text.slice(lineStart));
  return match ? match[0] : '';
}
