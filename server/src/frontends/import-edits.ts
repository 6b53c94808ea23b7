import type { FileFacts } from '../model/facts';
import type { WrittenEdit } from './plugin';

/**
 * Import lines added where a JVM-style file keeps them: after its last import, else after its
 * package header, else at the top. Each language writes its own lines (`import a.B`, `import a.B;`).
 */
export function importLineEdits(facts: FileFacts, lines: readonly string[]): WrittenEdit[] {
  if (lines.length === 0) return [];
  const last = facts.imports[facts.imports.length - 1];
  if (last) return [{ uri: facts.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: lines.map((l) => `\n${l}`).join('') }];
  if (facts.packageLoc) {
    const at = facts.packageLoc.range.end;
    return [{ uri: facts.uri, range: { start: at, end: at }, newText: `\n\n${lines.join('\n')}` }];
  }
  const start = { line: 0, character: 0 };
  return [{ uri: facts.uri, range: { start, end: start }, newText: `${lines.join('\n')}\n\n` }];
}
