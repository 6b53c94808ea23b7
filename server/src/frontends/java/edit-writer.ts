import type { FileFacts } from '../../model/facts';
import type { SqlLiteral } from '../../model/sql-source-map';
import type { EditWriter, WrittenEdit } from '../plugin';
import { importLineEdits } from '../import-edits';

/** A Java string literal holding `value` exactly: `"…"` with escapes (`$` needs none). */
export function javaStringLiteral(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return out + '"';
}

/** SQL lines as one literal when short, else one literal per line joined by `+`, each line under `indent`. */
function javaSqlLiteral(lines: string[], options: { indent: string }): string {
  const oneLine = lines.join(' ');
  if (oneLine.length <= 100) return javaStringLiteral(oneLine);
  return lines.map((line, i) => javaStringLiteral(i < lines.length - 1 ? `${line}\n` : line)).join(` +\n${options.indent}    `);
}

/** New text inside an ordinary literal; a text block is not written into. */
function intoJavaLiteral(literal: SqlLiteral, _start: number, _end: number, text: string): string | undefined {
  return literal.raw ? undefined : javaStringLiteral(text).slice(1, -1);
}

/** `import a.b.C;` lines the file lacks, after its last import, else after its package, else at the top. */
function javaImportEdits(facts: FileFacts, imports: readonly string[]): WrittenEdit[] {
  const missing = imports.filter((path) => !facts.imports.some((i) => i.path === path || (i.wildcard && i.path === path.slice(0, path.lastIndexOf('.')))));
  return importLineEdits(facts, missing.map((path) => `import ${path};`));
}

/** Java sources: strings and imports; PowerSync's Kotlin SDK is not called from generated Java. */
export const JAVA_WRITER: EditWriter = {
  language: 'java',
  lineComment: '//',
  stringLiteral: javaStringLiteral,
  sqlLiteral: javaSqlLiteral,
  intoLiteral: intoJavaLiteral,
  importEdits: javaImportEdits,
};
