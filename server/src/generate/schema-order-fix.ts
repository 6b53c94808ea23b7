import type { PowerSyncSchema } from '../model/workspace';
import type { Fix } from '../findings/finding';

/**
 * Reorders the entries of a `Schema(…)` list so the listed Room tables follow `tableIdOf` order.
 * Each position keeps its own punctuation, comments and trailing comma; only the entries move.
 * Entries that are no Room table (`undefined` id) stay where they are.
 */
export function schemaOrderFix(schema: PowerSyncSchema, tableIdOf: (position: number) => number | undefined): Fix | undefined {
  const positions = schema.entries.map((_, i) => i).filter((i) => tableIdOf(i) !== undefined);
  const sorted = [...positions].sort((a, b) => tableIdOf(a)! - tableIdOf(b)!);
  if (positions.every((p, i) => p === sorted[i])) return undefined;
  if (positions.some((p) => !schema.entries[p].fromSource)) return undefined;
  const edits = positions
    .map((position, i) => ({ at: schema.entries[position], text: schema.entries[sorted[i]].text }))
    .filter(({ at, text }) => at.text !== text)
    .map(({ at, text }) => ({ uri: at.loc.uri, range: at.loc.range, newText: text }));
  return { title: 'Reorder the Schema to match @Database(entities)', preferred: true, edits };
}
