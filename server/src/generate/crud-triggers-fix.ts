import type { CrudEvent } from '../engine/crud-triggers';
import { DRIVER_NOTE, roomDriversLoadExtension } from './extension-driver-fix';
import { installerCallEdit, installerNote } from './installer-call-edit';
import { columnsWrittenBy } from '../model/synced-tables';
import type { FileFacts } from '../model/facts';
import type { Position } from '../model/location';
import type { RawTable, Table, WorkspaceModel } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';
import type { RuleContext } from '../findings/rule';
import { kotlinSdkWriter, type KotlinSdkWriter } from './kotlin-sdk-writer';
import { writerOfFile } from '../frontends/registry';
import { sqlName } from './upsert-put';
import { uploadTarget } from '../model/backend/upload-target';
import { roomConnectionStyle, type RoomConnectionStyle } from './room-connection-style';

/**
 * Generates the triggers the core itself writes for a raw table (powersync_create_raw_table_crud_trigger
 * run in the engine against the derived table) as a Kotlin function that drops and re-creates
 * them, appended to the file that declares the raw table.
 */
export function crudTriggersFix(
  model: WorkspaceModel,
  ctx: RuleContext,
  rawTable: RawTable,
  table: Table,
  events: readonly CrudEvent[],
): Fix | undefined {
  if (!ctx.crudTriggerSql || events.length === 0) return undefined;
  const json = triggerJson(rawTable, table);
  if (!json) return undefined;
  const names = triggerNames(table.name);
  const created = ctx.crudTriggerSql(json, names, events);
  if (!created.ok) return undefined;
  // The core's triggers upload local column names: one the Postgres table lacks (renamed on the
  // server) would have every upload rejected, which is worse than none. Offered, never applied alone.
  const missing = missingInPostgres(model, json);
  const caveat = missing ? ` (it uploads ${missing.keys.map((k) => `'${k}'`).join(', ')}, which ${missing.table} does not have: map ${missing.keys.length === 1 ? 'that key' : 'those keys'} to the Postgres names before relying on it)` : '';
  const facts = model.files.get(rawTable.loc.uri);
  const writer = kotlinSdkWriter(rawTable.loc.uri);
  if (!facts?.end) return undefined;
  if (!writer) return installerFix(facts, facts.end, rawTable, table, events, created.triggers.flatMap((t) => [`DROP TRIGGER IF EXISTS ${sqlName(t.name)}`, t.sql]), caveat);
  const style = roomConnectionStyle(model);
  const functionName = `install${pascalCase(table.name)}CrudTriggers`;
  const statements = created.triggers.flatMap((t) => [`DROP TRIGGER IF EXISTS ${sqlName(t.name)}`, t.sql]);
  const call = installerCallEdit(model, facts, functionName, style);
  const text = kotlinFunction(writer, functionName, style, table.name, statements, installerNote(call, functionName, style.parameter));
  // The triggers run on Room's writes too, which fail without the extension on Room's connections.
  const drivers = roomDriversLoadExtension(model);
  const edits: TextEdit[] = [...writer.importEdits(facts, style.imports), appendEdit(facts, facts.end, text), ...(call?.edits ?? []), ...drivers];
  return {
    title: `Create ${events.join(', ')} triggers for '${table.name}' as the PowerSync core writes them (${functionName})${drivers.length > 0 ? DRIVER_NOTE : ''}${caveat}`,
    preferred: caveat === '',
    edits,
  };
}

/**
 * The raw-table JSON the core's trigger function takes: the raw table's own JSON where known
 * (its options count), with the local table and the columns its put writes filled in.
 */
function triggerJson(rawTable: RawTable, table: Table): Record<string, unknown> | undefined {
  const written = columnsWrittenBy(rawTable, table);
  if (!written) return undefined;
  const base = typeof rawTable.coreJson === 'object' && rawTable.coreJson !== null ? { ...(rawTable.coreJson as Record<string, unknown>) } : {};
  const name = rawTable.name ?? (typeof base.name === 'string' ? base.name : undefined);
  if (name === undefined) return undefined;
  const syncedColumns = table.columns.map((c) => c.name).filter((n) => written.has(n.toLowerCase()));
  return { ...base, name, table_name: table.name, synced_columns: syncedColumns };
}

/**
 * The columns the core's triggers would upload for this JSON (`synced_columns`) that the Postgres
 * table its rows are written to does not have, when the backend tells that table.
 */
function missingInPostgres(model: WorkspaceModel, json: Record<string, unknown>): { table: string; keys: string[] } | undefined {
  const target = typeof json.name === 'string' ? uploadTarget(model, json.name) : undefined;
  if (!target || !Array.isArray(json.synced_columns)) return undefined;
  const keys = (json.synced_columns as string[]).filter((k) => k !== 'id' && !target.table.columns.some((c) => c.name === k));
  return keys.length > 0 ? { table: `${target.table.schema}.${target.table.name}`, keys } : undefined;
}

/** `<table>_crud_insert` …: named for what they do, unlikely to clash with the app's own triggers. */
export function triggerNames(table: string): Record<CrudEvent, string> {
  return { INSERT: `${table}_crud_insert`, UPDATE: `${table}_crud_update`, DELETE: `${table}_crud_delete` };
}

function kotlinFunction(writer: KotlinSdkWriter, name: string, style: RoomConnectionStyle, table: string, statements: string[], note: string): string {
  const indent = '    ';
  const calls = statements.map((sql) => {
    const lines = sql.split('\n').map((l) => l.trimEnd());
    if (lines.length === 1 && lines[0].length <= 100) return `${indent}${style.parameter}.execSQL(${writer.stringLiteral(lines[0])})`;
    return `${indent}${style.parameter}.execSQL(\n${indent}${indent}${writer.sqlLiteral(lines, { preferRaw: true, indent: indent + indent })},\n${indent})`;
  });
  return [
    '',
    `/** Records local writes to '${table}' in powersync_crud for upload; triggers written by the PowerSync core. */`,
    note,
    `fun ${name}(${style.parameter}: ${style.type}) {`,
    ...calls,
    '}',
    '',
  ].join('\n');
}

/**
 * In another language (TypeScript, Dart): a function of the file's language, appended to the file
 * declaring the raw table, that runs the core's trigger SQL. Nothing calls it yet: the title says
 * the app must, once the table exists. Until something calls it the finding stays, saying so
 * (a trigger in a function nothing calls counts as never created, see model/uncalled-functions.ts).
 */
function installerFix(facts: FileFacts, end: Position, rawTable: RawTable, table: Table, events: readonly CrudEvent[], statements: string[], caveat: string): Fix | undefined {
  const writer = writerOfFile(rawTable.loc.uri);
  const name = `install${pascalCase(table.name)}CrudTriggers`;
  const text = writer?.installerFunction?.(facts, name, statements, `Records local writes to '${table.name}' in powersync_crud for upload; triggers written by the PowerSync core. Call it once the table exists.`);
  if (!text) return undefined;
  return {
    title: `Add ${name}(db), creating ${events.join(', ')} triggers for '${table.name}' as the PowerSync core writes them (call it once the table exists)${caveat}`,
    preferred: caveat === '',
    edits: [appendEdit(facts, end, text)],
  };
}

/**
 * Replaces the final line break (when there is one) rather than inserting after it, so two
 * fixes appending to one file overlap and `rawsync fix` applies them in separate rounds, each
 * seeing the imports the previous one added.
 */
export function appendEdit(facts: FileFacts, end: Position, text: string): TextEdit {
  const start = facts.finalLineBreak ?? end;
  return { uri: facts.uri, range: { start, end }, newText: `\n${text}` };
}

/** `todo_item` → `TodoItem`. */
export function pascalCase(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter((p) => p.length > 0).map((p) => p[0].toUpperCase() + p.slice(1)).join('') || 'Table';
}
