/** Where a string value sits in JSON text: UTF-16 offsets of its opening and past its closing quote. */
export interface JsonStringSpan {
  /** Object keys and array indices from the root down to the value. */
  path: (string | number)[];
  start: number;
  end: number;
}

interface Frame {
  array: boolean;
  /** The key of the member being read (objects). */
  key?: string;
  /** The position of the element being read (arrays). */
  index: number;
  /** Objects: the next string is a key. */
  expectKey: boolean;
  /** Objects: the keys read so far. */
  keys?: Set<string>;
}

/**
 * The string values of a JSON text that `wanted` accepts, by their path. `JSON.parse` gives values
 * without positions; this walks the same text once, without recursion (a deep file cannot overflow
 * the stack), and tracks where it is by keys and indices. It expects text `JSON.parse` accepted; on
 * other text it returns what it found up to where the text stops making sense, and never throws.
 * A key written twice in one object counts with its last value, the one `JSON.parse` keeps: what
 * was found in the value before is dropped.
 */
export function jsonStringSpans(text: string, wanted: (path: readonly (string | number)[]) => boolean): JsonStringSpan[] {
  // By the JSON text of the path, in the order found.
  const spans = new Map<string, JsonStringSpan>();
  const frames: Frame[] = [];
  const pathOf = () => frames.map((f) => (f.array ? f.index : f.key ?? ''));
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) break;
      const top = frames[frames.length - 1];
      if (top && !top.array && top.expectKey) {
        const key = decodeString(text.slice(i, end));
        if (key === undefined) break;
        top.key = key;
        top.keys ??= new Set();
        if (top.keys.has(key)) dropUnder(spans, pathOf());
        top.keys.add(key);
      } else {
        const path = pathOf();
        if (wanted(path)) {
          const key = JSON.stringify(path);
          spans.delete(key);
          spans.set(key, { path, start: i, end });
        }
      }
      i = end;
      continue;
    }
    switch (c) {
      case '{':
        frames.push({ array: false, index: 0, expectKey: true });
        break;
      case '[':
        frames.push({ array: true, index: 0, expectKey: false });
        break;
      case '}':
      case ']':
        frames.pop();
        break;
      case ':': {
        const top = frames[frames.length - 1];
        if (top) top.expectKey = false;
        break;
      }
      case ',': {
        const top = frames[frames.length - 1];
        if (top?.array) top.index++;
        else if (top) {
          top.expectKey = true;
          top.key = undefined;
        }
        break;
      }
      default:
        break;
    }
    i++;
  }
  return [...spans.values()];
}

/** Forgets what was found at `path` and below it. */
function dropUnder(spans: Map<string, JsonStringSpan>, path: (string | number)[]): void {
  const exact = JSON.stringify(path);
  const below = `${exact.slice(0, -1)},`;
  for (const key of [...spans.keys()]) if (key === exact || key.startsWith(below)) spans.delete(key);
}

/** The offset just past the closing quote of the string that opens at `start`; -1 when it never closes. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

function decodeString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
