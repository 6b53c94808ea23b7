import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { symbolAt, type ColumnReference } from '../model/symbol-at';
import { syncedTables } from '../model/synced-tables';
import { sqlSymbolAt, type SqlSymbol } from '../model/sql-symbol-at';
import type { RawTable, Table, WorkspaceModel } from '../model/workspace';

const fence = (language: string, text: string) => `\`\`\`${language}\n${text}\n\`\`\``;

/** Hover text for an entity or table (its SQL and table ids) or a raw table (what it syncs). */
export function hover(model: WorkspaceModel, uri: string, position: Position): Hover | null {
  const symbol = symbolAt(model, uri, position);
  if (!symbol) return sqlHover(model, uri, position);
  let value: string | undefined;
  switch (symbol.kind) {
    case 'table':
      value = tableHover(model, symbol.table);
      break;
    case 'database-entity':
      value = symbol.table ? tableHover(model, symbol.table) : `\`${symbol.entity.className}\`: table id ${symbol.entity.tableId} in \`${symbol.database.className}\` (not an entity of this workspace)`;
      break;
    case 'raw-table':
      value = rawTableHover(model, symbol.rawTable, symbol.table);
      break;
    default:
      value = columnHover(symbol);
  }
  return value ? { contents: { kind: MarkupKind.Markdown, value }, range: symbol.loc.range } : null;
}

function tableHover(model: WorkspaceModel, table: Table): string {
  const title = table.entity ? `**Entity \`${table.entity.className}\`** → table \`${table.name}\`` : `**Table \`${table.name}\`**`;
  const parts = [title, fence('sql', [table.createSql, ...table.indices.map((i) => i.createSql)].map((s) => `${s};`).join('\n'))];
  if (table.unresolved) parts.push('Parts of this table could not be resolved; the SQL above leaves them out.');
  const ids = model.roomDatabases.flatMap((db) =>
    db.entities.filter((e) => table.entity && e.tableName === table.name).map((e) => `- table id ${e.tableId} in \`${db.className}\``),
  );
  if (ids.length > 0) parts.push(ids.join('\n'));
  return parts.join('\n\n');
}

function rawTableHover(model: WorkspaceModel, rawTable: RawTable, table: Table | undefined): string {
  const parts = [`**Raw table \`${rawTable.name ?? '(unknown name)'}\`**`];
  parts.push(rawTable.localTable !== undefined ? `Local table: \`${rawTable.localTable}\`${table ? '' : ' (not found in the workspace)'}` : 'Local table: unknown');
  const synced = table ? syncedTables(model).find((s) => s.table === table) : undefined;
  if (synced) {
    const names = synced.syncedColumns ? table!.columns.filter((c) => synced.syncedColumns!.has(c.name.toLowerCase())).map((c) => `\`${c.name}\``) : undefined;
    parts.push(`Synced columns: ${names ? names.join(', ') || '(none)' : 'unknown'}`);
    if (synced.syncedColumns) parts.push(`Local-only columns: ${synced.localOnlyColumns.map((c) => `\`${c.name}\``).join(', ') || '(none)'}`);
  }
  parts.push(rawTable.coreJson !== undefined ? `Core JSON:\n\n${fence('json', JSON.stringify(rawTable.coreJson, null, 2))}` : 'Core JSON: unknown (a part of the raw table cannot be resolved)');
  return parts.join('\n\n');
}

function columnHover(reference: ColumnReference): string | undefined {
  if (reference.name === undefined || !reference.table) return undefined;
  if (!reference.column) return `Column \`${reference.name}\` is not in table \`${reference.table.name}\``;
  const c = reference.column;
  return `Column \`${c.name}\` of \`${reference.table.name}\`: ${c.affinity}${c.notNull ? ' NOT NULL' : ''}${c.fieldPath ? ` (field \`${c.fieldPath}\`)` : ''}`;
}

/** Hover inside a put, delete, clear or CREATE TRIGGER string: the table, or the column, named there. */
function sqlHover(model: WorkspaceModel, uri: string, position: Position): Hover | null {
  const symbol = sqlSymbolAt(model, uri, position);
  if (!symbol) return null;
  const synced = syncedTables(model).find((s) => s.table === symbol.table);
  const value = symbol.kind === 'sql-table' ? sqlTableHover(model, symbol.table, synced) : sqlColumnHover(symbol, synced);
  return { contents: { kind: MarkupKind.Markdown, value }, range: symbol.loc.range };
}

function sqlTableHover(model: WorkspaceModel, table: Table, synced: ReturnType<typeof syncedTables>[number] | undefined): string {
  const parts = [tableHover(model, table)];
  if (synced?.syncedColumns) {
    parts.push(`Synced columns: ${table.columns.filter((c) => synced.syncedColumns!.has(c.name.toLowerCase())).map((c) => `\`${c.name}\``).join(', ') || '(none)'}`);
    parts.push(`Local-only columns: ${synced.localOnlyColumns.map((c) => `\`${c.name}\``).join(', ') || '(none)'}`);
  }
  return parts.join('\n\n');
}

function sqlColumnHover(symbol: Extract<SqlSymbol, { kind: 'sql-column' }>, synced: ReturnType<typeof syncedTables>[number] | undefined): string {
  const c = symbol.column;
  const name = c.name.toLowerCase();
  const state = name === 'id' ? 'the row id'
    : !synced?.syncedColumns ? undefined
    : synced.syncedColumns.has(name) ? 'synced'
    : 'local-only: sync never writes it';
  return `Column \`${c.name}\` of \`${symbol.table.name}\`: ${c.affinity}${c.notNull ? ' NOT NULL' : ''}${c.fieldPath ? ` (field \`${c.fieldPath}\`)` : ''}${state ? ` · ${state}` : ''}`;
}
