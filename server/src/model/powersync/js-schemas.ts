import { evaluateObject, evaluateScalar, evaluateString, type ObjectMember } from '../evaluate';
import type { SchemaFact } from '../facts';
import type { WorkspaceNames } from '../names';
import { whyUnknown } from '../unknown-reason';
import { calleeName, type CallValue, type Value } from '../value';
import type { PowerSyncSchema, RawTable, ViewTable } from '../workspace';

/**
 * The JS SDK's `new Schema({ todos: new Table({…}, options) })`: whether a Schema construction has
 * this shape (one argument that is an object, written or named).
 */
export function isJsSchema(call: CallValue, scope: Parameters<typeof evaluateObject>[1]): boolean {
  return call.args.length === 1 && call.args[0].name === undefined && evaluateObject(call.args[0].value, scope) !== undefined;
}

/**
 * A JS schema: its view tables from the object `new Schema` takes (each key a table's name, its
 * `new Table(columns, options)` read for `viewName`, `localOnly`, `insertOnly`), and its raw tables
 * from the `withRawTables(…)` calls on it, in the order they were read.
 */
export function readJsSchema(fact: SchemaFact, uri: string, names: WorkspaceNames, rawTables: RawTable[]): PowerSyncSchema {
  const call = fact.call;
  const scope = names.scope(uri, fact.owner ?? []);
  const tables = evaluateObject(call.args[0].value, scope);
  const schema: PowerSyncSchema = { api: 'js', rawTables: [], viewTables: [], entries: [], listLoc: call.args[0].value.loc, variable: fact.variable, loc: call.loc };
  for (const member of tables?.members ?? []) {
    const view = readViewTable(member);
    if (view) schema.viewTables.push(view);
    else (schema.unresolved ??= []).push({ what: `the table '${member.key}'`, reason: whyUnknown(member.value, member.scope), loc: member.value.loc });
  }
  for (const rawTable of rawTables) {
    if (!rawTable.addedTo || !rawTable.scope || !namesSchema(rawTable.addedTo, rawTable.scope.uri, fact, uri, names)) continue;
    schema.rawTables.push(rawTable);
    schema.entries.push({ loc: rawTable.nameLoc, text: rawTable.name ?? '…', fromSource: rawTable.name !== undefined });
    if (rawTable.name === undefined) (schema.unresolved ??= []).push(...(rawTable.unresolved ?? []));
  }
  return schema;
}

/** `new Table(columns, { viewName, localOnly, insertOnly })` under its key; undefined when it is no such call. */
function readViewTable(member: ObjectMember): ViewTable | undefined {
  const value = resolved(member);
  if (value?.kind !== 'call' || calleeName(value.call) !== 'Table') return undefined;
  const table: ViewTable = { name: member.key, nameLoc: member.keyLoc, viewName: member.key, localOnly: false, insertOnly: false, loc: value.call.loc };
  const options = value.call.args[1] && evaluateObject(value.call.args[1].value, value.scope);
  if (value.call.args[1] && !options) {
    delete table.viewName;
    delete table.localOnly;
    delete table.insertOnly;
    return table;
  }
  for (const option of options?.members ?? []) {
    if (option.key === 'viewName') {
      table.viewNameLoc = option.value.loc;
      const name = evaluateString(option.value, option.scope);
      if (name === undefined) delete table.viewName;
      else table.viewName = name;
    } else if (option.key === 'localOnly' || option.key === 'insertOnly') {
      const flag = evaluateScalar(option.value, option.scope);
      if (typeof flag === 'boolean') table[option.key] = flag;
      else delete table[option.key];
    }
  }
  return table;
}

/** The call a member's value is, written there or held by a constant. */
function resolved(member: ObjectMember): { kind: 'call'; call: CallValue; scope: ObjectMember['scope'] } | undefined {
  let value: Value = member.value;
  let scope = member.scope;
  for (let depth = 0; depth < 8; depth++) {
    if (value.kind === 'call') return { kind: 'call', call: value, scope };
    if (value.kind !== 'ref') return undefined;
    if (value.localValue) {
      value = value.localValue;
      continue;
    }
    const found = scope.constant([value.name]);
    if (!found) return undefined;
    value = found.value;
    scope = found.scope;
  }
  return undefined;
}

/** Whether `receiver` (written in `receiverUri`) names the constant the Schema fact initialises. */
function namesSchema(receiver: Value, receiverUri: string, fact: SchemaFact, uri: string, names: WorkspaceNames): boolean {
  if (receiver.kind !== 'ref' || !fact.variable) return false;
  const entry = names.resolveConstant([receiver.name], receiverUri, []);
  return entry !== undefined && entry.uri === uri && entry.fact.name === fact.variable.name && entry.fact.owner.length === fact.variable.owner.length;
}
