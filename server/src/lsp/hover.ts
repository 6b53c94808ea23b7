import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { callNameAt, symbolAt, type CallNameAt, type ColumnReference } from '../model/symbol-at';
import { findTable as findLocalTable, syncedTables, type SyncedTable } from '../model/synced-tables';
import { sqlSymbolAt, type SqlSymbol } from '../model/sql-symbol-at';
import type { ParameterSource, PendingStatement, PowerSyncSchema, RawTable, Table, WorkspaceModel } from '../model/workspace';

const fence = (language: string, text: string) => `\`\`\`${language}\n${text}\n\`\`\``;

/** Hover text for an entity or table (its SQL and table ids) or a raw table (what it syncs). */
export function hover(model: WorkspaceModel, uri: string, position: Position): Hover | null {
  const call = callNameAt(model, uri, position);
  if (call) return { contents: { kind: MarkupKind.Markdown, value: callHover(model, call) }, range: call.loc.range };
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
    parts.push(`Synced columns: ${names ? names.join(', ') || '(none)' : `unknown (${syncedUnknownReason(synced)})`}`);
    if (synced.syncedColumns) parts.push(`Local-only columns: ${synced.localOnlyColumns.map((c) => `\`${c.name}\``).join(', ') || '(none)'}`);
  }
  parts.push(rawTable.coreJson !== undefined ? `Core JSON:\n\n${fence('json', JSON.stringify(rawTable.coreJson, null, 2))}` : `Core JSON: unknown (${unknownReasons(rawTable).join('; ')})`);
  return parts.join('\n\n');
}

/** Why the synced columns of a table are unknown: the model's reason, in the user's words. */
function syncedUnknownReason(synced: SyncedTable): string {
  const reason = synced.unknownBecause;
  switch (reason?.kind) {
    case 'untargeted': {
      const why = statementProblems('put', reason.rawTable.put);
      return `the local table of raw table \`${reason.rawTable.name ?? '(unknown name)'}\` is unknown${why.length > 0 ? ` (${why.join('; ')})` : ''}, and it may write this table too`;
    }
    case 'unread':
      return `a file could not be read: ${reason.uri}`;
    case 'unclear-put':
      return `the put of raw table \`${reason.rawTable.name ?? '(unknown name)'}\` does not show which columns it writes`;
    case 'unpinned':
      return 'the table is created with several shapes, and which one this raw table meets cannot be told';
    default:
      return 'not every raw table writing it could be read';
  }
}

/** Why the raw table's core JSON is unknown, in the user's words. */
function unknownReasons(rawTable: RawTable): string[] {
  const reasons: string[] = [];
  if (rawTable.name === undefined) reasons.push("the raw table's name could not be resolved");
  for (const role of ['put', 'delete'] as const) reasons.push(...statementProblems(role, rawTable[role]));
  if (rawTable.clear && rawTable.clear.sql === undefined) reasons.push("the clear statement's SQL could not be resolved");
  if (rawTable.schema?.syncedColumns === 'unknown') reasons.push('`syncedColumns` could not be resolved');
  return reasons.length > 0 ? reasons : ['a part of the raw table cannot be resolved'];
}

/** What is unknown about a put or delete statement; empty when everything is known. */
function statementProblems(role: 'put' | 'delete', statement: PendingStatement | undefined): string[] {
  if (!statement) return [];
  // readStatement keeps only locations when the argument is no PendingStatement(…) it can follow.
  if (statement.sql === undefined && statement.parameters === undefined && statement.sqlValue === undefined && statement.parametersValue === undefined) {
    return [`the ${role} is not a \`PendingStatement(…)\` that could be resolved`];
  }
  const problems: string[] = [];
  if (statement.sql === undefined) problems.push(`the ${role}'s SQL could not be resolved`);
  if (statement.parameters === undefined) problems.push(`the ${role}'s parameters could not be resolved`);
  else {
    const unknown = statement.parameters.filter((p) => p.kind === 'unknown' || (p.kind === 'Column' && p.name === undefined)).length;
    if (unknown > 0) problems.push(`${unknown} of the ${role}'s parameters could not be resolved`);
  }
  return problems;
}

function parameterText(p: ParameterSource): string {
  if (p.kind === 'Column') return p.name === undefined ? '`Column(?)`' : `\`Column("${p.name}")\``;
  return p.kind === 'unknown' ? '(unknown)' : `\`${p.kind}\``;
}

/** A put or delete: its SQL and parameters, or why they are unknown. */
function statementHover(role: 'put' | 'delete', statement: PendingStatement): string {
  const parts: string[] = [];
  if (statement.sql !== undefined) parts.push(fence('sql', statement.sql));
  if (statement.parameters !== undefined) parts.push(`Parameters: ${statement.parameters.map(parameterText).join(', ') || '(none)'}`);
  const problems = statementProblems(role, statement);
  if (problems.length > 0) parts.push(`Unknown: ${problems.join('; ')}.`);
  return parts.join('\n\n');
}

/** Hover on the name of a `RawTable(`, `Schema(` or `PendingStatement(` call. */
function callHover(model: WorkspaceModel, call: CallNameAt): string {
  switch (call.kind) {
    case 'raw-table-call': {
      if (!call.rawTable) return '`RawTable(…)`: not read as a raw table (its arguments could not be resolved).';
      const rawTable = call.rawTable;
      const table = rawTable.localTable !== undefined ? findLocalTable(model, rawTable.localTable) : undefined;
      const parts = [rawTableHover(model, rawTable, table)];
      for (const role of ['put', 'delete'] as const) {
        const statement = rawTable[role];
        if (statement) parts.push(`**${role === 'put' ? 'Put' : 'Delete'}**\n\n${statementHover(role, statement)}`);
        else if (rawTable.schema) parts.push(`**${role === 'put' ? 'Put' : 'Delete'}**: written by the PowerSync core from the \`RawTableSchema\``);
      }
      if (rawTable.clear) parts.push(rawTable.clear.sql !== undefined ? `**Clear**\n\n${fence('sql', rawTable.clear.sql)}` : "**Clear**: unknown (the clear statement's SQL could not be resolved)");
      return parts.join('\n\n');
    }
    case 'schema-call':
      return call.schema ? schemaHover(call.schema) : '`Schema(…)`: not read as a PowerSync schema (its list of tables could not be resolved).';
    case 'statement-call': {
      if (call.uses.length === 0) return '`PendingStatement(…)`: no raw table the model knows uses this statement as its put or delete, so nothing is known about it.';
      const [first] = call.uses;
      const users = call.uses.map((u) => `the ${u.role} of raw table \`${u.rawTable.name ?? '(unknown name)'}\``);
      return [`**\`PendingStatement\`**: ${users.join(', ')}`, statementHover(first.role, first.statement)].join('\n\n');
    }
  }
}

function schemaHover(schema: PowerSyncSchema): string {
  const title = `**PowerSync \`Schema\`**${schema.variable ? ` \`${schema.variable.name}\`` : ''}: ${schema.entries.length} raw table${schema.entries.length === 1 ? '' : 's'}, in this order`;
  const rows = schema.entries.map((entry, i) => {
    const rawTable = schema.rawTables[i];
    if (!rawTable) return `${i + 1}. \`${entry.text}\`: could not be resolved to a raw table`;
    const name = rawTable.name !== undefined ? `\`${rawTable.name}\`` : '(unknown name)';
    if (rawTable.localTable !== undefined) return `${i + 1}. ${name} → table \`${rawTable.localTable}\``;
    const why = statementProblems('put', rawTable.put);
    return `${i + 1}. ${name} → local table unknown${why.length > 0 ? ` (${why.join('; ')})` : ''}`;
  });
  return [title, rows.join('\n') || '(no raw tables)'].join('\n\n');
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
