import type { SyncConfigFact } from '../facts';
import { positionsOf, type Range } from '../location';

/**
 * Offset ranges in a sync config's text → ranges in its file: the text itself for a file of its
 * own; for a config inline in a service config, each line moved to where the block scalar holds
 * it, or the whole `content` value when its lines cannot be placed (a quoted or folded scalar).
 */
export function placesInSyncConfig(fact: SyncConfigFact): (start: number, end: number) => Range {
  const at = positionsOf(fact.text);
  const { lineStarts, contentLoc } = fact;
  if (lineStarts) {
    const place = (offset: number) => {
      const p = at(offset);
      const start = lineStarts[Math.min(p.line, lineStarts.length - 1)];
      return { line: start.line, character: start.character + p.character };
    };
    return (start, end) => ({ start: place(start), end: place(end) });
  }
  if (contentLoc) return () => contentLoc.range;
  return (start, end) => ({ start: at(start), end: at(end) });
}
