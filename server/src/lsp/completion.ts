import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { symbolAt } from '../model/symbol-at';
import { columnsWrittenBy } from '../model/synced-tables';
import type { WorkspaceModel } from '../model/workspace';

/** Column names of the local table inside `Column("…")` and `syncedColumns = listOf("…")`. */
export function completion(model: WorkspaceModel, uri: string, position: Position): CompletionItem[] {
  const symbol = symbolAt(model, uri, position);
  if (!symbol || (symbol.kind !== 'column-parameter' && symbol.kind !== 'synced-column') || !symbol.table) return [];
  const table = symbol.table;
  const written = columnsWrittenBy(symbol.rawTable, table);
  const literal = symbol.literal;
  // Replace the text between the quotes when the string sits on one line.
  const inside = literal && literal.range.start.line === literal.range.end.line && literal.range.end.character - literal.range.start.character >= 2
    ? { start: { line: literal.range.start.line, character: literal.range.start.character + 1 }, end: { line: literal.range.end.line, character: literal.range.end.character - 1 } }
    : undefined;
  return table.columns.map((column, i) => {
    const state = column.name.toLowerCase() === 'id' ? 'id' : !written ? undefined : written.has(column.name.toLowerCase()) ? 'synced' : 'local-only';
    const item: CompletionItem = {
      label: column.name,
      kind: CompletionItemKind.Field,
      detail: `${column.affinity}${column.notNull ? ' NOT NULL' : ''}${state ? ` · ${state}` : ''}`,
      sortText: String(i).padStart(4, '0'),
    };
    if (inside) item.textEdit = { range: inside, newText: column.name };
    return item;
  });
}
