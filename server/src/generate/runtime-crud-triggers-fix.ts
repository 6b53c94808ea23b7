import type { CrudEvent } from '../engine/crud-triggers';
import { columnsWrittenBy } from '../model/synced-tables';
import type { FileFacts } from '../model/facts';
import type { RawTable, Table, WorkspaceModel } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';
import type { RuleContext } from '../findings/rule';
import { appendEdit, pascalCase, triggerNames } from './crud-triggers-fix';
import { importEdits, rawTableSchemaText, sdkHasRawTableSchema } from './inferred-raw-table-fix';
import { DRIVER_NOTE, roomDriversLoadExtension } from './extension-driver-fix';
import { installerCallEdit, installerNote } from './installer-call-edit';
import { kotlinSdkWriter, type KotlinSdkWriter } from './kotlin-sdk-writer';
import { roomConnectionStyle, type RoomConnectionStyle } from './room-connection-style';
import { sqlName } from './upsert-put';

/** The core's trigger helper: (raw table JSON with table_name, trigger name, 'INSERT'|'UPDATE'|'DELETE'). */
export const CREATE_CRUD_TRIGGER_SQL = 'SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)';

/** Parameter names of the old `RawTable(name, put, delete, clear)` constructor, by position. */
const POSITIONAL_NAMES = ['name', 'put', 'delete', 'clear'];

/**
 * A Kotlin function that has the PowerSync core write a raw table's CRUD triggers when the app
 * runs, from `rawTable.jsonDescription()` (Kotlin SDK 1.11+), so they follow the table as it
 * changes. The core needs the local table in that JSON, which only a RawTableSchema gives: a
 * raw table with explicit statements gets `schema = RawTableSchema(syncedColumns = …)` listing
 * the columns its put writes, so local-only columns stay out of the uploads.
 */
export function runtimeCrudTriggersFix(
  model: WorkspaceModel,
  ctx: RuleContext,
  rawTable: RawTable,
  table: Table,
  events: readonly CrudEvent[],
): Fix | undefined {
  if (!ctx.crudTriggerSql || events.length === 0 || !sdkHasRawTableSchema(model)) return undefined;
  if (rawTable.name === undefined || rawTable.coreJson === undefined || !rawTable.call) return undefined;
  const facts = model.files.get(rawTable.loc.uri);
  const writer = kotlinSdkWriter(rawTable.loc.uri);
  const reference = facts ? referenceTo(rawTable, facts) : undefined;
  if (!facts?.end || !reference || !writer) return undefined;
  const written = columnsWrittenBy(rawTable, table);
  if (!written || written.size === 0) return undefined;
  const synced = table.columns.map((c) => c.name).filter((n) => written.has(n.toLowerCase()));

  const schemaEdits: TextEdit[] = [];
  let json: Record<string, unknown>;
  if (rawTable.schema) {
    json = rawTable.coreJson as Record<string, unknown>;
    // The core uploads the schema's columns; stay silent where that is not what sync writes.
    if (!sameColumns(triggerColumns(json, table), synced)) return undefined;
  } else {
    const tableName = table.name === rawTable.name ? undefined : table.name;
    const added = addSchemaArgument(writer, rawTable, { tableName, syncedColumns: synced });
    if (!added) return undefined;
    schemaEdits.push(...importEdits(writer, facts), ...added);
    json = { ...(rawTable.coreJson as Record<string, unknown>), table_name: table.name, synced_columns: synced };
  }
  const names = triggerNames(table.name);
  // The core itself must accept the JSON against the derived table before we hand out code calling it.
  if (!ctx.crudTriggerSql(json, names, events).ok) return undefined;

  const style = roomConnectionStyle(model);
  const functionName = `install${pascalCase(table.name)}CrudTriggers`;
  const call = installerCallEdit(model, facts, functionName, style);
  const text = kotlinFunction(writer, functionName, style, table.name, reference, events.map((event) => ({ event, name: names[event] })), installerNote(call, functionName, style.parameter));
  const drivers = roomDriversLoadExtension(model);
  return {
    title: `Have the PowerSync core create ${events.join(', ')} triggers for '${table.name}' at run time from ${reference}.jsonDescription() (${functionName}; SDK 1.11+)${drivers.length > 0 ? DRIVER_NOTE : ''}`,
    preferred: false,
    edits: [...writer.importEdits(facts, style.imports), ...schemaEdits, appendEdit(facts, facts.end, text), ...(call?.edits ?? []), ...drivers],
  };
}

/** How code at the end of the raw table's file names it: `noteTable` or `Tables.note`. */
function referenceTo(rawTable: RawTable, facts: FileFacts): string | undefined {
  const variable = rawTable.variable;
  if (!variable) return undefined;
  if (variable.owner.length === 0) return variable.name;
  // Only objects are reachable without an instance; a private member is not reachable at all.
  for (let depth = 0; depth < variable.owner.length; depth++) {
    const owner = facts.classes.find((c) => c.name === variable.owner[depth] && c.outer.join('.') === variable.owner.slice(0, depth).join('.'));
    if (owner?.kind !== 'object' || owner.modifiers.includes('private')) return undefined;
    if (depth === variable.owner.length - 1) {
      const property = owner.properties.find((p) => p.name === variable.name);
      if (!property || property.modifiers.includes('private')) return undefined;
    }
  }
  return [...variable.owner, variable.name].join('.');
}

/** The columns the core's triggers upload for this JSON: `synced_columns`, else every non-id column. */
function triggerColumns(json: Record<string, unknown>, table: Table): string[] | undefined {
  const listed = json.synced_columns;
  if (listed !== undefined && !(Array.isArray(listed) && listed.every((c) => typeof c === 'string'))) return undefined;
  return table.columns.map((c) => c.name).filter((n) => n !== 'id' && (listed === undefined || (listed as string[]).includes(n)));
}

function sameColumns(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((c) => b.some((d) => d.toLowerCase() === c.toLowerCase()));
}

/**
 * Adds `schema = …` after the last argument of the `RawTable(…)` call. Positional arguments are
 * named first: with a schema the call resolves to the constructor whose second parameter is it.
 */
function addSchemaArgument(writer: KotlinSdkWriter, rawTable: RawTable, schema: { tableName?: string; syncedColumns: string[] }): TextEdit[] | undefined {
  const call = rawTable.call!;
  const last = call.args[call.args.length - 1];
  if (!last || call.args.some((a) => a.spread || a.name === 'schema')) return undefined;
  const edits: TextEdit[] = [];
  for (const [index, arg] of call.args.entries()) {
    if (index === 0 || arg.name !== undefined) continue;
    const name = POSITIONAL_NAMES[index];
    if (!name) return undefined;
    edits.push({ uri: arg.loc.uri, range: { start: arg.loc.range.start, end: arg.loc.range.start }, newText: `${name} = ` });
  }
  const multiline = last.loc.range.start.line > call.loc.range.start.line;
  const indent = multiline ? ' '.repeat(last.loc.range.start.character) : '';
  const text = rawTableSchemaText(writer, { ...schema, indent });
  const separator = multiline ? `,\n${indent}` : ', ';
  edits.push({ uri: last.loc.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: `${separator}schema = ${text}` });
  return edits;
}

function kotlinFunction(writer: KotlinSdkWriter, name: string, style: RoomConnectionStyle, table: string, reference: string, triggers: { event: CrudEvent; name: string }[], note: string): string {
  const p = style.parameter;
  const indent = '    ';
  const body = triggers.flatMap(({ event, name: trigger }) => {
    const drop = `${indent}${p}.execSQL(${writer.stringLiteral(`DROP TRIGGER IF EXISTS ${sqlName(trigger)}`)})`;
    if (style.type === 'SupportSQLiteDatabase') {
      // A SELECT must go through query(): execSQL refuses statements that return rows.
      return [drop, `${indent}${p}.query(${writer.stringLiteral(CREATE_CRUD_TRIGGER_SQL)}, arrayOf(${reference}.jsonDescription(), ${writer.stringLiteral(trigger)}, ${writer.stringLiteral(event)})).use { it.moveToFirst() }`];
    }
    return [
      drop,
      `${indent}${p}.prepare(${writer.stringLiteral(CREATE_CRUD_TRIGGER_SQL)}).use {`,
      `${indent}${indent}it.bindText(1, ${reference}.jsonDescription())`,
      `${indent}${indent}it.bindText(2, ${writer.stringLiteral(trigger)})`,
      `${indent}${indent}it.bindText(3, ${writer.stringLiteral(event)})`,
      `${indent}${indent}it.step()`,
      `${indent}}`,
    ];
  });
  return [
    '',
    `/** Has the PowerSync core (re)create the triggers that record local writes to '${table}' in powersync_crud. */`,
    note,
    `fun ${name}(${p}: ${style.type}) {`,
    ...body,
    '}',
    '',
  ].join('\n');
}
