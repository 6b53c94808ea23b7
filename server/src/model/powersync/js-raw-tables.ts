import { evaluateList, evaluateObject, evaluateScalar, evaluateString, evaluateStringList, type NameScope, type ObjectMember } from '../evaluate';
import type { FileFacts, RawTableFact } from '../facts';
import type { WorkspaceNames } from '../names';
import { whyUnknown } from '../unknown-reason';
import type { Value } from '../value';
import type { ParameterSource, PendingStatement, RawTable, RawTableOptions, RawTableSchema } from '../workspace';
import type { SourceLocation } from '../location';
import { finishRawTable, unreadParameters, unresolved, type Reading } from './raw-table-reading';

/**
 * The raw tables of a JS SDK `schema.withRawTables(map)`: one per key of the map (its sync name),
 * each read from its declaration object `{ put: { sql, params }, delete, clear, schema }` (types in
 * @powersync/common's RawTable.d.ts). A map Rawsync cannot read in full gives one raw table with
 * nothing known but why, so not-analyzed reports it and no rule judges it.
 */
export function readRawTableMap(fact: RawTableFact, map: Value, facts: FileFacts, names: WorkspaceNames): RawTable[] {
  const scope = names.scope(facts.uri, fact.owner ?? []);
  const codeScope = { uri: facts.uri, owner: fact.owner ?? [], ...(fact.enclosingFunction === undefined ? {} : { enclosingFunction: fact.enclosingFunction }) };
  const object = evaluateObject(map, scope);
  if (!object) {
    const table: RawTable = { api: 'js', nameLoc: map.loc, scope: codeScope, platform: facts.platform, loc: fact.loc, ...(fact.schema ? { addedTo: fact.schema } : {}) };
    table.unresolved = [{ what: 'the raw tables of withRawTables(…)', reason: whyUnknown(map, scope), loc: map.loc }];
    return [table];
  }
  return object.members.map((member) => ({ ...readDeclaration(member, facts, codeScope), ...(fact.schema ? { addedTo: fact.schema } : {}) }));
}

/**
 * @powersync/common's TableOrRawTableOptions: on a raw table they belong inside `schema` (the
 * RawTableSchema extends them); Schema.rawTableToJson reads them only there.
 */
export const TABLE_OPTIONS: readonly string[] = ['localOnly', 'insertOnly', 'trackMetadata', 'trackPrevious', 'ignoreEmptyUpdates'];

function readDeclaration(member: ObjectMember, facts: FileFacts, codeScope: NonNullable<RawTable['scope']>): RawTable {
  const reading: Reading = { scope: member.scope, unknown: false, parts: [], label: `raw table '${member.key}'` };
  const table: RawTable = {
    api: 'js',
    name: member.key,
    nameLoc: member.keyLoc,
    // A declaration held by a constant (`todos: TODOS_RAW_TABLE`) is known by that name too.
    ...(member.value.kind === 'ref' ? { variable: { name: member.value.name, owner: [] } } : {}),
    scope: codeScope,
    platform: facts.platform,
    loc: member.loc,
  };
  const declaration = evaluateObject(member.value, member.scope);
  if (!declaration) {
    unresolved(reading, 'the declaration', member.value, member.scope, member.value.loc);
    return finishRawTable(table, reading, false);
  }
  const entry = (key: string) => declaration.members.find((m) => m.key === key);
  const last = declaration.members[declaration.members.length - 1];
  const within = (loc: SourceLocation) => loc.uri === declaration.loc.uri && contains(declaration.loc.range, loc.range);
  // A `clear: undefined` already written would be a second key: no entry is added beside it.
  if (last && !entry('clear') && declaration.members.every((m) => within(m.loc))) table.declarationObject = { loc: declaration.loc, lastEntryLoc: last.loc };
  const outside = declaration.members.filter((m) => TABLE_OPTIONS.includes(m.key) && !isAbsent(m.value));
  if (outside.length > 0) table.optionsOutsideSchema = outside.map((m) => ({ key: m.key, loc: m.keyLoc, entryLoc: m.loc }));
  const put = readStatement(entry('put'), reading, 'put');
  const del = readStatement(entry('delete'), reading, 'delete');
  if (put) table.put = put;
  if (del) table.delete = del;
  const clear = entry('clear');
  if (clear && !isAbsent(clear.value)) {
    const sql = evaluateString(clear.value, clear.scope);
    if (sql === undefined) unresolved(reading, 'the clear statement', clear.value, clear.scope, clear.value.loc);
    table.clear = { sql, loc: clear.value.loc };
  }
  let tableNameKnown = true;
  const schema = entry('schema');
  if (schema && !isAbsent(schema.value)) {
    const read = readSchema(schema, reading);
    if (read) {
      table.schema = read.schema;
      tableNameKnown = read.tableNameKnown;
    } else unresolved(reading, 'the schema', schema.value, schema.scope, schema.value.loc, 'it is not an object Rawsync can read');
  } else if (!put || !del) {
    unresolved(reading, 'the statements', undefined, member.scope, member.loc, `it has no ${!put ? 'put' : 'delete'} statement Rawsync can find, and no schema`);
  }
  return finishRawTable(table, reading, tableNameKnown);
}

/** `{ sql, params }`. */
function readStatement(member: ObjectMember | undefined, reading: Reading, role: 'put' | 'delete'): PendingStatement | undefined {
  if (!member || isAbsent(member.value)) return undefined;
  const loc = member.value.loc;
  const statement = evaluateObject(member.value, member.scope);
  if (!statement) {
    unresolved(reading, `the ${role}`, member.value, member.scope, loc);
    return { sqlLoc: loc, loc };
  }
  const sqlMember = statement.members.find((m) => m.key === 'sql');
  const paramsMember = statement.members.find((m) => m.key === 'params');
  const sql = sqlMember && evaluateString(sqlMember.value, sqlMember.scope);
  const parameters = paramsMember ? readParameters(paramsMember.value, paramsMember.scope) : undefined;
  if (sql === undefined) unresolved(reading, `the ${role}'s SQL`, sqlMember?.value, sqlMember?.scope ?? member.scope, sqlMember?.value.loc ?? loc);
  if (!parameters) unresolved(reading, `the ${role}'s parameters`, paramsMember?.value, paramsMember?.scope ?? member.scope, paramsMember?.value.loc ?? loc, paramsMember ? undefined : 'the params list is not written');
  else unreadParameters(reading, parameters, role, member.scope, "'Id', { Column: '…' } or 'Rest'");
  return {
    sql,
    sqlLoc: sqlMember?.value.loc ?? loc,
    sqlValue: sqlMember?.value,
    parameters,
    parametersLoc: paramsMember?.value.loc,
    parametersValue: paramsMember?.value,
    loc: statement.loc,
  };
}

function readParameters(value: Value, scope: NameScope): ParameterSource[] | undefined {
  const list = evaluateList(value, scope);
  if (!list) return undefined;
  return list.items.map((item) => readParameter(item, list.scope));
}

/** `'Id'`, `'Rest'` or `{ Column: 'name' }`, written or named. */
function readParameter(item: Value, scope: NameScope): ParameterSource {
  const loc = item.loc;
  const text = evaluateScalar(item, scope);
  if (text === 'Id' || text === 'Rest') return { kind: text, loc };
  const object = text === undefined ? evaluateObject(item, scope) : undefined;
  const column = object?.members.length === 1 ? object.members.find((m) => m.key === 'Column') : undefined;
  if (column) return { kind: 'Column', name: evaluateString(column.value, column.scope), nameValue: column.value, loc };
  return { kind: 'unknown', loc };
}

/** `{ tableName, syncedColumns, localOnly, insertOnly, trackMetadata, trackPrevious, ignoreEmptyUpdates }`. */
function readSchema(member: ObjectMember, reading: Reading): { schema: RawTableSchema; tableNameKnown: boolean } | undefined {
  const object = evaluateObject(member.value, member.scope);
  if (!object) return undefined;
  const schema: RawTableSchema = { options: {}, loc: object.loc };
  const entry = (key: string) => object.members.find((m) => m.key === key);
  let tableNameKnown = true;
  const tableName = entry('tableName');
  if (tableName && !isAbsent(tableName.value)) {
    schema.tableName = evaluateString(tableName.value, tableName.scope);
    if (schema.tableName === undefined) {
      tableNameKnown = false;
      unresolved(reading, 'the tableName', tableName.value, tableName.scope, tableName.value.loc);
    }
  }
  const columns = entry('syncedColumns');
  if (columns && !isAbsent(columns.value)) {
    schema.syncedColumns = evaluateStringList(columns.value, columns.scope) ?? 'unknown';
    schema.syncedColumnsLoc = columns.value.loc;
    schema.syncedColumnsValue = columns.value;
    if (schema.syncedColumns === 'unknown') unresolved(reading, 'the syncedColumns', columns.value, columns.scope, columns.value.loc);
  }
  const flag = (key: 'localOnly' | 'insertOnly' | 'trackMetadata' | 'ignoreEmptyUpdates') => {
    const m = entry(key);
    if (!m || isAbsent(m.value)) return;
    const v = evaluateScalar(m.value, m.scope);
    if (typeof v === 'boolean') schema.options[key] = v;
    else unresolved(reading, `the option ${key}`, m.value, m.scope, m.value.loc);
  };
  flag('localOnly');
  flag('insertOnly');
  flag('trackMetadata');
  flag('ignoreEmptyUpdates');
  const previous = entry('trackPrevious');
  if (previous && !isAbsent(previous.value)) {
    const tracked = readTrackPrevious(previous);
    if (tracked === undefined) unresolved(reading, 'the option trackPrevious', previous.value, previous.scope, previous.value.loc);
    else schema.options.trackPreviousValues = tracked;
  }
  return { schema, tableNameKnown };
}

function readTrackPrevious(member: ObjectMember): RawTableOptions['trackPreviousValues'] | undefined {
  const v = evaluateScalar(member.value, member.scope);
  if (typeof v === 'boolean') return v;
  const object = evaluateObject(member.value, member.scope);
  if (!object) return undefined;
  const tracked: { columns?: string[]; onlyWhenChanged?: boolean } = {};
  const columns = object.members.find((m) => m.key === 'columns');
  if (columns) {
    tracked.columns = evaluateStringList(columns.value, columns.scope);
    if (!tracked.columns) return undefined;
  }
  const changed = object.members.find((m) => m.key === 'onlyWhenChanged');
  if (changed) {
    const c = evaluateScalar(changed.value, changed.scope);
    if (typeof c !== 'boolean') return undefined;
    tracked.onlyWhenChanged = c;
  }
  return tracked;
}

function contains(outer: SourceLocation['range'], inner: SourceLocation['range']): boolean {
  const before = (a: SourceLocation['range']['start'], b: SourceLocation['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** `undefined` or `null` written for an optional entry. */
function isAbsent(value: Value): boolean {
  return value.kind === 'null';
}
