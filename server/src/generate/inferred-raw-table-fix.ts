import { readInsertStatement } from '../sql/insert-statement';
import { isName, isSymbol, isWord, parameterIndexes, sameSqlName, splitSqlStatements } from '../sql/sql-text';
import type { FileFacts } from '../model/facts';
import { argumentFor, type Argument } from '../model/value';
import { compareVersions } from '../model/version';
import type { RawTable, Table, WorkspaceModel } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';
import { kotlinSdkWriter, type KotlinSdkWriter } from './kotlin-sdk-writer';

/** The Kotlin SDK version whose RawTable first takes a RawTableSchema (and has jsonDescription()). */
export const RAW_TABLE_SCHEMA_SINCE = '1.11.0';

const RAW_TABLE_SCHEMA_IMPORT = 'com.powersync.db.schema.RawTableSchema';

/** True only when the project's PowerSync Kotlin SDK version is known and has RawTableSchema. */
export function sdkHasRawTableSchema(model: WorkspaceModel): boolean {
  const sdk = model.sdkVersions.powersync ?? model.sdkVersions.powersyncRoom;
  return sdk !== undefined && compareVersions(sdk.version, RAW_TABLE_SCHEMA_SINCE) >= 0;
}

/**
 * Replaces a raw table's explicit put and delete with the statements the core infers from the
 * local table (`schema = RawTableSchema(…)`): an upsert over the synced columns that leaves
 * local-only columns alone. Offered only where the inferred statements do exactly what the
 * explicit ones meant: each `Column("c")` bound to the column named `c`, `Id` to `id`, and a
 * delete by id from the same table.
 */
export function inferredRawTableFix(model: WorkspaceModel, rawTable: RawTable, table: Table | undefined): Fix | undefined {
  if (!table || !sdkHasRawTableSchema(model) || rawTable.schema || rawTable.name === undefined) return undefined;
  const call = rawTable.call;
  const facts = model.files.get(rawTable.loc.uri);
  const writer = kotlinSdkWriter(rawTable.loc.uri);
  if (!call || !facts || !writer || call.args.some((a) => a.spread)) return undefined;
  if (table.unresolved || !hasIdKey(table)) return undefined;
  const synced = syncedColumnsOfPut(rawTable, table);
  if (!synced || synced.length === 0 || !deletesById(rawTable, table)) return undefined;

  const putArg = argumentFor(call.args, 'put', 1);
  const deleteArg = argumentFor(call.args, 'delete', 2);
  if (!putArg || !deleteArg) return undefined;

  const allSynced = table.columns.filter((c) => c.name !== 'id').every((c) => synced.includes(c.name));
  // Room's entity is the whole table; a SQL table may grow columns in migrations we do not follow.
  const listColumns = !(allSynced && table.origin !== 'sql');
  const schema = rawTableSchemaText(writer, {
    tableName: table.name === rawTable.name ? undefined : table.name,
    syncedColumns: listColumns ? synced : undefined,
    indent: ' '.repeat(putArg.loc.range.start.character),
  });
  const edits = replaceStatementArguments(call.args, putArg, deleteArg, `schema = ${schema}`);
  if (!edits) return undefined;
  return {
    title: `Let PowerSync infer the put and delete of '${rawTable.name}' (schema = RawTableSchema(…), an upsert that keeps local-only columns; SDK 1.11+)`,
    preferred: false,
    edits: [...importEdits(writer, facts), ...edits],
  };
}

/** `import com.powersync.db.schema.RawTableSchema`, when the file lacks it. */
export function importEdits(writer: KotlinSdkWriter, facts: FileFacts): TextEdit[] {
  return writer.importEdits(facts, [RAW_TABLE_SCHEMA_IMPORT]);
}

/**
 * `RawTableSchema(tableName = "…", syncedColumns = listOf(…))` with only the arguments given, on
 * one line, or one argument a line (under `indent`) when that line would be long.
 */
export function rawTableSchemaText(writer: KotlinSdkWriter, options: { tableName?: string; syncedColumns?: string[]; indent: string }): string {
  const args: string[] = [];
  if (options.tableName !== undefined) args.push(`tableName = ${writer.stringLiteral(options.tableName)}`);
  if (options.syncedColumns) args.push(`syncedColumns = listOf(${options.syncedColumns.map((c) => writer.stringLiteral(c)).join(', ')})`);
  const oneLine = `RawTableSchema(${args.join(', ')})`;
  if (options.indent.length + oneLine.length <= 100) return oneLine;
  const inner = `${options.indent}    `;
  return `RawTableSchema(\n${args.map((a) => `${inner}${a},`).join('\n')}\n${options.indent})`;
}

/**
 * Edits that put `schemaText` where the put was and drop the delete with its separator. A
 * positional `clear` (fourth of the old constructor) is named, as it no longer sits in its place.
 */
function replaceStatementArguments(args: Argument[], putArg: Argument, deleteArg: Argument, schemaText: string): TextEdit[] | undefined {
  const deleteIndex = args.indexOf(deleteArg);
  const previous = args[deleteIndex - 1];
  if (!previous) return undefined;
  const uri = putArg.loc.uri;
  const edits: TextEdit[] = [];
  if (previous === putArg) {
    edits.push({ uri, range: { start: putArg.loc.range.start, end: deleteArg.loc.range.end }, newText: schemaText });
  } else {
    edits.push({ uri, range: putArg.loc.range, newText: schemaText });
    edits.push({ uri, range: { start: previous.loc.range.end, end: deleteArg.loc.range.end }, newText: '' });
  }
  for (const [index, arg] of args.entries()) {
    if (index === 0 || arg === putArg || arg === deleteArg || arg.name !== undefined) continue;
    // Only `clear` follows put and delete in the old constructor; anything else is not ours to move.
    if (index !== 3) return undefined;
    edits.push({ uri, range: { start: arg.loc.range.start, end: arg.loc.range.start }, newText: 'clear = ' });
  }
  return edits;
}

/** The table has a column named exactly `id` that is its primary key (ON CONFLICT(id) needs that). */
function hasIdKey(table: Table): boolean {
  if (!table.columns.some((c) => c.name === 'id')) return false;
  const key = table.primaryKey?.columns;
  return (key?.length === 1 && key[0] === 'id') || table.indices.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === 'id');
}

/**
 * The table's columns the put fills from `Column(…)` parameters, in the put's order, when every
 * value is a lone parameter bound the way the inferred put binds it (`Id` → `id`, `Column("c")`
 * → column `c`, exact names, each parameter once). Undefined for anything else.
 */
function syncedColumnsOfPut(rawTable: RawTable, table: Table): string[] | undefined {
  const put = rawTable.put;
  const parameters = put?.parameters;
  if (put?.sql === undefined || !parameters || parameters.some((p) => p.kind !== 'Id' && p.kind !== 'Column')) return undefined;
  const statements = splitSqlStatements(put.sql);
  const insert = readInsertStatement(put.sql);
  if (statements.length !== 1 || !insert || !sameSqlName(insert.table, table.name)) return undefined;
  const columns = insert.columns ?? (insert.valueTokens.length === table.columns.length ? table.columns.map((c) => c.name) : undefined);
  if (!columns || columns.length !== insert.valueTokens.length) return undefined;
  // The insert reader tokenizes on its own: match its tokens to ours by offset.
  const indexes = new Map([...parameterIndexes(statements[0].tokens)].map(([token, index]) => [token.start, index]));
  // Parameters outside VALUES (an upsert's SET c = ?) bind in ways inference does not.
  if (indexes.size !== columns.length) return undefined;
  const used = new Set<number>();
  const synced: string[] = [];
  let idBound = false;
  for (const [i, written] of columns.entries()) {
    const value = insert.valueTokens[i];
    const index = value.length === 1 && value[0].kind === 'parameter' ? indexes.get(value[0].start) : undefined;
    const source = index === undefined ? undefined : parameters[index - 1];
    if (!source || used.has(index!)) return undefined;
    used.add(index!);
    const column = table.columns.find((c) => sameSqlName(c.name, written));
    if (!column) return undefined;
    if (column.name === 'id') {
      if (source.kind !== 'Id') return undefined;
      idBound = true;
    } else if (source.kind !== 'Column' || source.name !== column.name) return undefined;
    else synced.push(column.name);
  }
  return idBound && used.size === parameters.length ? synced : undefined;
}

/** The delete is `DELETE FROM <the table> WHERE id = ?` with the row id, as the inferred one. */
function deletesById(rawTable: RawTable, table: Table): boolean {
  const del = rawTable.delete;
  if (del?.sql === undefined || del.parameters?.length !== 1 || del.parameters[0].kind !== 'Id') return false;
  const statements = splitSqlStatements(del.sql);
  if (statements.length !== 1) return false;
  const t = statements[0].tokens;
  let i = 0;
  if (!isWord(t[i++], 'DELETE') || !isWord(t[i++], 'FROM') || !isName(t[i])) return false;
  let name = t[i++].value;
  if (isSymbol(t[i], '.') && isName(t[i + 1])) {
    name = t[i + 1].value;
    i += 2;
  }
  if (!sameSqlName(name, table.name) || !isWord(t[i++], 'WHERE')) return false;
  if (!isName(t[i]) || !sameSqlName(t[i++].value, 'id')) return false;
  if (!isSymbol(t[i], '=') && !isSymbol(t[i], '==')) return false;
  i++;
  return t[i]?.kind === 'parameter' && i === t.length - 1;
}
