/** Positions are 0-based lines and UTF-16 characters, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where a fact came from: a file URI and the range the parser gave. */
export interface SourceLocation {
  uri: string;
  range: Range;
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  return a.range.start.character - b.range.start.character;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** True when `inner` lies within `outer`, in the same file. */
export function containsLocation(outer: SourceLocation, inner: SourceLocation): boolean {
  return outer.uri === inner.uri && comparePositions(outer.range.start, inner.range.start) <= 0 && comparePositions(inner.range.end, outer.range.end) <= 0;
}

/** A text's offset → LSP position (UTF-16 offsets), by its line starts (a binary search per call). */
export function positionsOf(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** A file's last two path segments (`powersync/sync-config.yaml`), for messages that name both ends of a chain. */
export function shortFileName(uri: string): string {
  return decodeURIComponent(uri).replace(/\/$/, '').split('/').slice(-2).join('/');
}
