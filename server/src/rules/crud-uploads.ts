import { closingParen, isName, isSymbol, isWord, splitAtTopLevelCommas, splitSqlStatements, type SqlToken } from '../sql/sql-text';
import { functionCalls, outlineCreateTrigger } from '../sql/sql-outline';
import { findTable } from '../model/synced-tables';
import type { SourceLocation } from '../model/location';
import type { Column, RawTable, Table, Trigger, WorkspaceModel } from '../model/workspace';
import { triggerSpan } from './hand-written-triggers';

/** A key a CRUD trigger puts into the `data` of its ps_crud rows, with where it is written. */
export interface UploadedKey {
  name: string;
  loc: SourceLocation;
  /** The local column the core's trigger takes it from (core-generated triggers). */
  column?: Column;
}

/** What one INSERT or UPDATE trigger puts into ps_crud: the `type` the connector writes and every key of the data. */
export interface CrudUpload {
  trigger: Trigger;
  /** The ps_crud `type`: the sync name, the table the upload connector writes (`op.table`). */
  type: string;
  keys: UploadedKey[];
  /** The trigger is the core's (`powersync_create_raw_table_crud_trigger`) rather than written in SQL. */
  generated: boolean;
  /** For core-generated triggers: the raw table (when resolved), its local table, and the synced_columns the core filters by. */
  rawTable?: RawTable;
  table?: Table;
  syncedColumns?: string[];
}

/** The core's crud vtab columns, in order, for an INSERT without a column list. */
const CRUD_COLUMNS = ['op', 'id', 'type', 'data', 'old_values', 'metadata'];
/** Functions a trigger may wrap its json_object data in without changing its keys. */
const KEY_KEEPING = ['json', 'powersync_diff'];

/**
 * The uploads of every INSERT and UPDATE CRUD trigger whose ps_crud `type` and data keys are all
 * known: a core-generated trigger (the raw table's local columns but `id`, filtered by
 * `synced_columns`, exact names) or a CREATE TRIGGER whose `INSERT INTO powersync_crud` names its
 * type as a string and builds its data with json_object calls of string keys. Any other trigger is
 * left out (its uploads are not known).
 */
export function crudUploads(model: WorkspaceModel): CrudUpload[] {
  const out: CrudUpload[] = [];
  for (const trigger of model.triggers) {
    if (!trigger.writesPowerSyncCrud || trigger.fails !== undefined || trigger.unresolved) continue;
    if (trigger.event !== 'INSERT' && trigger.event !== 'UPDATE') continue;
    if (trigger.form === 'crud-trigger-call') {
      const upload = generatedUpload(model, trigger);
      if (upload) out.push(upload);
    } else if (trigger.sql !== undefined) out.push(...writtenUploads(trigger, trigger.sql));
  }
  return out;
}

/**
 * `powersync_create_raw_table_crud_trigger(json, name, 'INSERT'|'UPDATE')`: the local table's
 * columns but `id`, as synced_columns lets through. The JSON is the raw table's own description,
 * or the text handed over (then that text is what the core reads).
 */
function generatedUpload(model: WorkspaceModel, trigger: Trigger): CrudUpload | undefined {
  const rawTable = trigger.rawTable;
  const json = trigger.jsonText === undefined ? declaredJson(rawTable) : textJson(trigger.jsonText);
  if (!json) return undefined;
  const table = findTable(model, json.tableName);
  if (!table || table.unresolved || table.columns.length === 0) return undefined;
  const listed = json.syncedColumns;
  // The core filters by exact name (ColumnFilter::matches) and never puts `id` into the data.
  const columns = table.columns.filter((c) => c.name !== 'id' && (!listed || listed.includes(c.name)));
  return {
    trigger,
    type: json.name,
    keys: columns.map((c) => ({ name: c.name, loc: trigger.loc, column: c })),
    generated: true,
    ...(rawTable ? { rawTable } : {}),
    table,
    ...(listed ? { syncedColumns: listed } : {}),
  };
}

/** What the core reads from a raw table's JSON: its sync name, local table and synced columns. */
interface TriggerJson {
  name: string;
  tableName: string;
  syncedColumns?: string[];
}

/** A raw table's own description (`jsonDescription()`, `rawTableToJson`, `jsonEncode`), when every part of it is known. */
function declaredJson(rawTable: RawTable | undefined): TriggerJson | undefined {
  // The core needs table_name, which the SDKs write only from a RawTableSchema.
  if (!rawTable?.name || !rawTable.schema || rawTable.unresolved || rawTable.schema.syncedColumns === 'unknown') return undefined;
  const tableName = rawTable.schema.tableName ?? rawTable.name;
  return { name: rawTable.name, tableName, ...(rawTable.schema.syncedColumns ? { syncedColumns: rawTable.schema.syncedColumns } : {}) };
}

/** JSON text handed to the helper: read as the core reads it (`name`, `table_name`, `synced_columns`). */
function textJson(text: string): TriggerJson | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { name, table_name: tableName, synced_columns: synced } = parsed as Record<string, unknown>;
  if (typeof name !== 'string' || typeof tableName !== 'string') return undefined;
  if (synced !== undefined && synced !== null && !(Array.isArray(synced) && synced.every((c) => typeof c === 'string'))) return undefined;
  return { name, tableName, ...(Array.isArray(synced) ? { syncedColumns: synced as string[] } : {}) };
}

/** Each `INSERT INTO powersync_crud (…) VALUES (…)` of a CREATE TRIGGER whose type and data keys are known. */
function writtenUploads(trigger: Trigger, sql: string): CrudUpload[] {
  const tokens = splitSqlStatements(sql)[0]?.tokens;
  const outline = tokens ? outlineCreateTrigger(tokens) : undefined;
  if (!outline) return [];
  const body = outline.body;
  const out: CrudUpload[] = [];
  for (let i = 0; i < body.length; i++) {
    if (!isWord(body[i], 'INTO') || !isName(body[i + 1]) || body[i + 1].value.toLowerCase() !== 'powersync_crud') continue;
    let at = i + 2;
    let columns = CRUD_COLUMNS;
    if (isSymbol(body[at], '(')) {
      const close = closingParen(body, at);
      if (close < 0) continue;
      const names = splitAtTopLevelCommas(body, at + 1, close);
      if (names.some((n) => n.length !== 1 || !isName(n[0]))) continue;
      columns = names.map((n) => n[0].value.toLowerCase());
      at = close + 1;
    }
    if (!isWord(body[at], 'VALUES') || !isSymbol(body[at + 1], '(')) continue;
    const close = closingParen(body, at + 1);
    if (close < 0) continue;
    const values = splitAtTopLevelCommas(body, at + 2, close);
    // A multi-row VALUES or a value per column not matching: not read.
    if (values.length !== columns.length || isSymbol(body[close + 1], ',')) continue;
    const typeValue = values[columns.indexOf('type')];
    const dataValue = values[columns.indexOf('data')];
    if (!typeValue || typeValue.length !== 1 || typeValue[0].kind !== 'string' || !dataValue) continue;
    const keys = dataKeys(dataValue);
    if (!keys) continue;
    out.push({ trigger, type: typeValue[0].value, keys: keys.map((k) => ({ name: k.value, loc: triggerSpan(trigger, k) })), generated: false });
  }
  return out;
}

/**
 * The keys of the object a data value builds: the string keys of its json_object calls, wrapped
 * in nothing but json(…) and powersync_diff(…, …) (with the '{}' of an insert's diff). Undefined
 * when anything else builds it, or a key is not a string literal.
 */
function dataKeys(value: SqlToken[]): SqlToken[] | undefined {
  // Each json_object call as the token span it covers, name to closing parenthesis.
  const calls = functionCalls(value, 'json_object').map((call) => {
    const from = value.indexOf(call.name);
    return { call, from, to: closingParen(value, from + 1) };
  });
  if (calls.some((c) => c.to < 0)) return undefined;
  // Calls nested in another json_object's values build values, not keys of the data.
  const outer = calls.filter((c) => !calls.some((other) => other !== c && other.from < c.from && c.from < other.to));
  if (outer.length === 0) return undefined;
  for (let i = 0; i < value.length; i++) {
    if (outer.some((c) => c.from <= i && i <= c.to)) continue;
    const token = value[i];
    if (isSymbol(token, '(') || isSymbol(token, ')') || isSymbol(token, ',')) continue;
    if (token.kind === 'string' && token.value === '{}') continue;
    if (token.kind === 'identifier' && KEY_KEEPING.includes(token.value.toLowerCase()) && isSymbol(value[i + 1], '(')) continue;
    return undefined;
  }
  const keys: SqlToken[] = [];
  for (const { call } of outer) {
    if (call.args.length % 2 !== 0) return undefined;
    for (let k = 0; k < call.args.length; k += 2) {
      const key = call.args[k];
      if (key.length !== 1 || key[0].kind !== 'string') return undefined;
      if (!keys.some((known) => known.value === key[0].value)) keys.push(key[0]);
    }
  }
  return keys;
}
