import { evaluateList, evaluateScalar, evaluateString, evaluateStringList, type NameScope } from './evaluate';
import type { FileFacts, RawTableFact } from './facts';
import { whyUnknown } from './unknown-reason';
import type { WorkspaceNames } from './names';
import { resolveCall } from './powersync/declared-values';
import { parameterKindsText } from './powersync/api-text';
import { finishRawTable, unreadParameters, unresolved, type Reading } from './powersync/raw-table-reading';
import { readRawTableMap } from './powersync/js-raw-tables';
import { argumentFor, calleeName, dottedName, type Argument, type CallValue, type Value } from './value';
import { pathOf } from './evaluate';
import { reduceValue } from './interpret';
import type { FunctionFact } from './facts';
import type { ParameterSource, PendingStatement, RawTable, RawTableOptions, RawTableSchema, Table } from './workspace';

/** PowerSync RawTable declarations, resolved, with the core's JSON. */
export function buildRawTables(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, _tables: Table[]): RawTable[] {
  const out: RawTable[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.rawTables) {
      try {
        if (fact.call) out.push(readRawTable(fact, fact.call, facts, names));
        else if (fact.map) out.push(...readRawTableMap(fact, fact.map, facts, names));
      } catch {
        // A declaration shaped in a way we did not foresee is left out rather than failing the model.
      }
    }
  }
  return out;
}

/**
 * The raw table a call of one of the app's functions returns (`_rawTable('todos', ['title'])`, whose
 * body returns `RawTable.inferred(name: name, …)`), read from the call the bounded evaluator gives
 * with the arguments in place; undefined when it gives no `RawTable(…)` / `RawTable.inferred(…)`.
 * The table sits at the call; it carries no `call` or statement values, so no fix edits the
 * function's body (which every call shares).
 */
export function readHelperRawTable(item: Value, uri: string, owner: string[], facts: FileFacts, names: WorkspaceNames): { table: RawTable; helper: FunctionFact } | undefined {
  if (item.kind !== 'call') return undefined;
  const scope = names.scope(uri, owner);
  const path = pathOf(item.callee);
  const fn = path ? scope.function?.(path) : undefined;
  if (!fn || fn.fact.parameters.length === 0) return undefined;
  const reduced = reduceValue(item, scope);
  if (reduced?.kind !== 'call') return undefined;
  const callee = dottedName(reduced.callee)?.split('.') ?? [];
  const isRawTable = callee[callee.length - 1] === 'RawTable' || (callee[callee.length - 1] === 'inferred' && callee[callee.length - 2] === 'RawTable');
  if (!isRawTable) return undefined;
  const table = readRawTable({ owner, loc: item.loc } as RawTableFact, reduced, facts, names);
  table.loc = item.loc;
  delete table.call;
  for (const statement of [table.put, table.delete]) {
    if (!statement) continue;
    delete statement.sqlValue;
    delete statement.parametersValue;
  }
  return { table, helper: fn.fact };
}

function readRawTable(fact: RawTableFact, call: CallValue, facts: FileFacts, names: WorkspaceNames): RawTable {
  const reading: Reading = { scope: names.scope(facts.uri, fact.owner ?? fact.variable?.owner ?? []), unknown: false, parts: [], label: 'this raw table' };
  const nameArg = argumentFor(call.args, 'name', 0);
  const name = evaluateString(nameArg?.value, reading.scope);
  if (name === undefined) unresolved(reading, 'the name', nameArg?.value, reading.scope, nameArg?.value.loc ?? call.loc);
  else reading.label = `raw table '${name}'`;

  const schemaArg = call.args.find((a) => a.name === 'schema') ?? positionalSchema(call, reading.scope);
  const offset = schemaArg ? 1 : 0;
  const putArg = argumentFor(call.args, 'put', 1 + offset);
  const deleteArg = argumentFor(call.args, 'delete', 2 + offset);
  const clearArg = argumentFor(call.args, 'clear', 3 + offset);

  const table: RawTable = {
    api: facts.language === 'dart' ? 'dart' : 'kotlin',
    name,
    nameLoc: nameArg?.value.loc ?? call.loc,
    variable: fact.variable,
    scope: { uri: facts.uri, owner: fact.owner ?? fact.variable?.owner ?? [], ...(fact.enclosingFunction === undefined ? {} : { enclosingFunction: fact.enclosingFunction }) },
    platform: facts.platform,
    loc: call.loc,
    call,
  };
  const put = readStatement(putArg, reading, 'put', table.api);
  const del = readStatement(deleteArg, reading, 'delete', table.api);
  if (put) table.put = put;
  if (del) table.delete = del;
  if (clearArg && clearArg.value.kind !== 'null') {
    const sql = evaluateString(clearArg.value, reading.scope);
    if (sql === undefined) unresolved(reading, 'the clear statement', clearArg.value, reading.scope, clearArg.value.loc);
    table.clear = { sql, loc: clearArg.value.loc };
  }
  let tableNameKnown = true;
  if (schemaArg) {
    const schema = readSchema(schemaArg, reading);
    if (schema) {
      table.schema = schema.schema;
      tableNameKnown = schema.tableNameKnown;
    } else unresolved(reading, 'the schema', schemaArg.value, reading.scope, schemaArg.value.loc, 'it is not a RawTableSchema(…) call Rawsync can read');
  } else if (!put || !del) {
    // Neither a schema nor both statements: not a table the SDK accepts.
    unresolved(reading, 'the statements', undefined, reading.scope, call.loc, `it has no ${!put ? 'put' : 'delete'} statement Rawsync can find, and no RawTableSchema`);
  }

  return finishRawTable(table, reading, tableNameKnown);
}

/** `RawTable("x", RawTableSchema(…))`: the second positional argument is a schema, not a put. */
function positionalSchema(call: CallValue, scope: NameScope): Argument | undefined {
  const second = call.args[1];
  if (!second || second.name !== undefined) return undefined;
  return resolveCall(second.value, scope, ['RawTableSchema']) ? second : undefined;
}

function readStatement(arg: Argument | undefined, reading: Reading, role: 'put' | 'delete', api: RawTable['api']): PendingStatement | undefined {
  if (!arg || arg.value.kind === 'null') return undefined;
  const loc = arg.value.loc;
  const resolved = resolveCall(arg.value, reading.scope, ['PendingStatement']);
  if (!resolved) {
    const why = arg.value.kind === 'call' || arg.value.kind === 'ref' || arg.value.kind === 'member' ? whyUnknown(arg.value, reading.scope) : undefined;
    unresolved(reading, `the ${role}`, arg.value, reading.scope, loc, why && !why.startsWith('it is computed by PendingStatement') ? why : 'it is not a PendingStatement(…) call Rawsync can read');
    return { sqlLoc: loc, loc };
  }
  const { call, scope } = resolved;
  const sqlArg = argumentFor(call.args, 'sql', 0);
  // Kotlin's `parameters`, Dart's `params` (named only).
  const paramsArg = argumentFor(call.args, 'parameters', 1) ?? call.args.find((a) => a.name === 'params');
  const sql = evaluateString(sqlArg?.value, scope);
  const parameters = paramsArg ? readParameters(paramsArg.value, scope) : undefined;
  if (sql === undefined) unresolved(reading, `the ${role}'s SQL`, sqlArg?.value, scope, sqlArg?.value.loc ?? call.loc);
  if (!parameters) unresolved(reading, `the ${role}'s parameters`, paramsArg?.value, scope, paramsArg?.value.loc ?? call.loc, paramsArg ? undefined : 'the parameter list is not written');
  else unreadParameters(reading, parameters, role, scope, parameterKindsText(api));
  return { sql, sqlLoc: sqlArg?.value.loc ?? call.loc, sqlValue: sqlArg?.value, parameters, parametersLoc: paramsArg?.value.loc, parametersValue: paramsArg?.value, loc: call.loc };
}

function readParameters(value: Value, scope: NameScope): ParameterSource[] | undefined {
  const list = evaluateList(value, scope);
  if (!list) return undefined;
  return list.items.map((item) => readParameter(item, list.scope, 0));
}

/** `PendingStatementParameter.Id`, `Column("x")`, `Rest`, also as imported short names. */
function readParameter(item: Value, scope: NameScope, depth: number): ParameterSource {
  const loc = item.loc;
  if (item.kind === 'ref' || item.kind === 'member') {
    const last = item.name;
    const qualifier = item.kind === 'member' ? dottedName(item.receiver) : undefined;
    const fromSdk = qualifier === undefined || qualifier === 'PendingStatementParameter' || qualifier.endsWith('.PendingStatementParameter');
    if (fromSdk && (last === 'Id' || last === 'Rest')) return { kind: last, loc };
    const path = dottedName(item)?.split('.');
    const found = path && depth < 8 ? scope.constant(path) : undefined;
    if (found) return { ...readParameter(found.value, found.scope, depth + 1), loc };
    return { kind: 'unknown', loc };
  }
  // Dart: `PendingStatementValue.id()`, `.rest()`, `.column('x')`; the dot shorthands `.id()`, `.column('x')`
  // name the same (a `params:` list holds PendingStatementValue, the type a shorthand takes its member from).
  const receiver = item.kind === 'call' && item.callee.kind === 'member' ? item.callee.receiver : undefined;
  const shorthand = receiver?.kind === 'unknown' && receiver.text === '.';
  if (item.kind === 'call' && item.callee.kind === 'member' && (shorthand || dottedName(item.callee.receiver)?.split('.').pop() === 'PendingStatementValue')) {
    const kind = item.callee.name;
    if ((kind === 'id' || kind === 'rest') && item.args.length === 0) return { kind: kind === 'id' ? 'Id' : 'Rest', loc };
    if (kind === 'column' && item.args.length === 1 && item.args[0].name === undefined) {
      return { kind: 'Column', name: evaluateString(item.args[0].value, scope), nameValue: item.args[0].value, loc };
    }
    return { kind: 'unknown', loc };
  }
  if (item.kind === 'call' && calleeName(item) === 'Column') {
    const nameArg = argumentFor(item.args, 'name', 0);
    return { kind: 'Column', name: evaluateString(nameArg?.value, scope), nameValue: nameArg?.value, loc };
  }
  return { kind: 'unknown', loc };
}

function readSchema(arg: Argument, reading: Reading): { schema: RawTableSchema; tableNameKnown: boolean } | undefined {
  const resolved = resolveCall(arg.value, reading.scope, ['RawTableSchema']);
  if (!resolved) return undefined;
  const { call, scope } = resolved;
  const schema: RawTableSchema = { options: {}, loc: call.loc };
  let tableNameKnown = true;
  const tableNameArg = argumentFor(call.args, 'tableName', 0);
  if (tableNameArg && tableNameArg.value.kind !== 'null') {
    schema.tableName = evaluateString(tableNameArg.value, scope);
    if (schema.tableName === undefined) {
      tableNameKnown = false;
      unresolved(reading, 'the tableName', tableNameArg.value, scope, tableNameArg.value.loc);
    }
  }
  const columnsArg = argumentFor(call.args, 'syncedColumns', 1);
  if (columnsArg && columnsArg.value.kind !== 'null') {
    schema.syncedColumns = evaluateStringList(columnsArg.value, scope) ?? 'unknown';
    schema.syncedColumnsLoc = columnsArg.value.loc;
    schema.syncedColumnsValue = columnsArg.value;
    if (schema.syncedColumns === 'unknown') unresolved(reading, 'the syncedColumns', columnsArg.value, scope, columnsArg.value.loc);
  }
  const optionsArg = argumentFor(call.args, 'options', 2);
  if (optionsArg) {
    const options = readOptions(optionsArg.value, scope);
    if (options) schema.options = options.options;
    if (!options || options.unknown) unresolved(reading, 'the options', optionsArg.value, scope, optionsArg.value.loc, 'a TableOptions(…) value Rawsync cannot read in full');
  }
  return { schema, tableNameKnown };
}

function readOptions(value: Value, scope: NameScope): { options: RawTableOptions; unknown: boolean } | undefined {
  const resolved = resolveCall(value, scope, ['TableOptions']);
  if (!resolved) return undefined;
  const { call, scope: s } = resolved;
  const options: RawTableOptions = {};
  let unknown = false;
  const flag = (key: 'localOnly' | 'insertOnly' | 'trackMetadata' | 'ignoreEmptyUpdates', position: number) => {
    const arg = argumentFor(call.args, key, position);
    if (!arg) return;
    const v = evaluateScalar(arg.value, s);
    if (typeof v === 'boolean') options[key] = v;
    else unknown = true;
  };
  flag('localOnly', 0);
  flag('insertOnly', 1);
  flag('trackMetadata', 2);
  flag('ignoreEmptyUpdates', 4);
  const previous = argumentFor(call.args, 'trackPreviousValues', 3);
  if (previous && previous.value.kind !== 'null') {
    const track = resolveCall(previous.value, s, ['TrackPreviousValuesOptions']);
    if (!track) unknown = true;
    else {
      const filter = argumentFor(track.call.args, 'columnFilter', 0);
      const changed = argumentFor(track.call.args, 'onlyWhenChanged', 1);
      const tracked: { columns?: string[]; onlyWhenChanged?: boolean } = {};
      if (filter && filter.value.kind !== 'null') {
        tracked.columns = evaluateStringList(filter.value, track.scope);
        if (!tracked.columns) unknown = true;
      }
      if (changed) {
        const v = evaluateScalar(changed.value, track.scope);
        if (typeof v === 'boolean') tracked.onlyWhenChanged = v;
        else unknown = true;
      }
      options.trackPreviousValues = tracked;
    }
  }
  return { options, unknown };
}
