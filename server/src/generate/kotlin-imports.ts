import type { FileFacts } from '../model/facts';
import type { TextEdit } from '../findings/finding';

/**
 * Imports the file lacks (neither imported exactly nor through its package's `*`), added after
 * its last import, else after its package header, else at the top.
 */
export function missingImportEdits(facts: FileFacts, imports: string[]): TextEdit[] {
  const missing = imports.filter((path) => !facts.imports.some((i) => !i.alias && (i.path === path || (i.wildcard && i.path === packageOf(path)))));
  if (missing.length === 0) return [];
  const lines = missing.map((path) => `import ${path}`);
  const last = facts.imports[facts.imports.length - 1];
  if (last) return [{ uri: facts.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: lines.map((l) => `\n${l}`).join('') }];
  if (facts.packageLoc) {
    const at = facts.packageLoc.range.end;
    return [{ uri: facts.uri, range: { start: at, end: at }, newText: `\n\n${lines.join('\n')}` }];
  }
  const start = { line: 0, character: 0 };
  return [{ uri: facts.uri, range: { start, end: start }, newText: `${lines.join('\n')}\n\n` }];
}

function packageOf(path: string): string {
  return path.slice(0, path.lastIndexOf('.'));
}
