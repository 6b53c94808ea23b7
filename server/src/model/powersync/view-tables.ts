import { evaluateScalar, evaluateString, type NameScope } from '../evaluate';
import { argumentFor, calleeName, calleeReceiver, dottedName, type Argument, type CallValue } from '../value';
import type { ViewTable } from '../workspace';

/** The companion factories of PowerSync's `Table` (Kotlin SDK `Table.kt`), which take `viewName`. */
const FACTORIES = ['localOnly', 'insertOnly'];

/** `Table(…)`, `Table.localOnly(…)` or `Table.insertOnly(…)` (qualified or not): a view-backed table. */
export function isViewTableCall(call: CallValue): boolean {
  const name = calleeName(call);
  if (name === 'Table') {
    const receiver = calleeReceiver(call);
    return receiver === undefined || dottedName(receiver) === 'com.powersync.db.schema';
  }
  if (name === undefined || !FACTORIES.includes(name)) return false;
  const receiver = calleeReceiver(call);
  const path = receiver ? dottedName(receiver) : undefined;
  return path === 'Table' || path === 'com.powersync.db.schema.Table';
}

/**
 * A view-backed table as its call declares it (Kotlin SDK `Table.kt`): the view is named
 * `viewNameOverride ?: name`. The public constructor is `Table(name, columns, indexes, localOnly,
 * insertOnly, viewNameOverride, …)`; the primary one, `Table(name, columns, indexes, options)`,
 * cannot set the override from app code (it is internal). `Table.localOnly(name, columns, indexes,
 * viewName)` and `Table.insertOnly(name, columns, viewName, …)` take `viewName`.
 */
export function readViewTable(call: CallValue, scope: NameScope): ViewTable {
  const factory = calleeName(call) === 'Table' ? undefined : calleeName(call);
  const spread = call.args.some((a) => a.spread);
  const nameArg = argumentFor(call.args, 'name', 0);
  const name = spread ? undefined : evaluateString(nameArg?.value, scope);
  const table: ViewTable = { nameLoc: nameArg?.value.loc ?? call.loc, loc: call.loc };
  if (name !== undefined) table.name = name;

  const override = factory === 'localOnly'
    ? argumentFor(call.args, 'viewName', 3)
    : factory === 'insertOnly'
      ? argumentFor(call.args, 'viewName', 2)
      : overrideOfConstructor(call.args);
  if (override) table.viewNameLoc = override.value.loc;
  const overrideValue = override ? evaluateScalar(override.value, scope) : null;
  if (!spread) {
    if (overrideValue === null) {
      if (name !== undefined) table.viewName = name;
    } else if (typeof overrideValue === 'string') {
      table.viewName = overrideValue;
    }
  }

  if (factory === 'localOnly') {
    table.localOnly = true;
    table.insertOnly = false;
  } else if (factory === 'insertOnly') {
    table.localOnly = false;
    table.insertOnly = true;
  } else if (!spread) {
    const options = optionsCall(call.args);
    const flags = options ? options.args : call.args;
    const localOnly = flag(flags, 'localOnly', options ? 0 : 3, scope);
    const insertOnly = flag(flags, 'insertOnly', options ? 1 : 4, scope);
    if (localOnly !== undefined) table.localOnly = localOnly;
    if (insertOnly !== undefined) table.insertOnly = insertOnly;
  }
  return table;
}

/** `viewNameOverride`, named or fifth-positional (index 5) of the public constructor; Dart's `Table(…, viewName: 'v')`. */
function overrideOfConstructor(args: Argument[]): Argument | undefined {
  const named = args.find((a) => a.name === 'viewNameOverride' || a.name === 'viewName');
  if (named) return named;
  if (optionsCall(args)) return undefined;
  const positional = args[5];
  return positional && positional.name === undefined ? positional : undefined;
}

/** The `TableOptions(…)` passed to the primary constructor (named `options` or fourth positional). */
function optionsCall(args: Argument[]): CallValue | undefined {
  const arg = argumentFor(args, 'options', 3);
  const value = arg?.value;
  return value?.kind === 'call' && calleeName(value) === 'TableOptions' ? value : undefined;
}

/** A boolean argument: its value, false when absent (the SDK's default), undefined when unknown. */
function flag(args: Argument[], name: string, position: number, scope: NameScope): boolean | undefined {
  const arg = argumentFor(args, name, position);
  if (!arg) return false;
  const value = evaluateScalar(arg.value, scope);
  return typeof value === 'boolean' ? value : undefined;
}
