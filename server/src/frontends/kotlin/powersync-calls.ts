import { argumentFor, calleeName, type CallValue, type Value } from '../../model/value';
import { locationOf } from './parser';
import type { SourceLocation } from '../../model/location';
import { argumentExpressions } from './local-values';
import { argumentNodeFor, argumentNodes, dottedReceiver, readCall, withScopedNames, type CallReadingContext, type CallSite } from './call-site';
import { enclosingLambdaCallees } from './sequenced-calls';

const SCHEMA_PACKAGE = 'com.powersync.db.schema';
const SCHEMA_CLASS = `${SCHEMA_PACKAGE}.Schema`;

/**
 * The calls this reader recognises, as the pre-screen looks for them. `PowerSyncDatabase.opened`
 * is found by its receiver's name; `Schema` also stands for the imports that alias it.
 */
export const POWERSYNC_CALL_NAMES: readonly string[] = [
  'RawTable', 'PowerSyncDatabase', 'RoomConnectionPool', 'connect', 'loadPowerSyncExtension', 'disconnectAndClear',
  'syncRoomUpdatesToPowerSync', 'transferPendingRoomUpdatesToPowerSync', 'Schema',
];

/** Parameters of `PowerSyncDatabase.connect`, any of which marks a `connect` call as PowerSync's. */
const CONNECT_PARAMETERS = new Set(['connector', 'crudThrottleMs', 'retryDelayMs', 'crudThrottle', 'retryDelay', 'params', 'options', 'appMetadata']);

/**
 * PowerSync's own calls: RawTable, PowerSyncDatabase (constructor and `opened`), RoomConnectionPool,
 * connect, loadPowerSyncExtension, disconnectAndClear. `Schema(…)` calls are held back in
 * `schemaSites` until the whole file is seen. Returns true when the call was one of these.
 */
export function readPowerSyncCall(site: CallSite, ctx: CallReadingContext, schemaSites: CallSite[]): boolean {
  const facts = ctx.facts;
  const receiver = dottedReceiver(site.receiver);
  switch (site.name) {
    case 'RawTable': {
      if (site.receiver && receiver !== SCHEMA_PACKAGE) return false;
      const call = scopedCall(site, ctx);
      if (call) facts.rawTables.push({ variable: site.variable, owner: site.owner, enclosingFunction: site.enclosingFunction, call, loc: call.loc });
      return true;
    }
    case 'PowerSyncDatabase': {
      if (site.receiver && receiver !== 'com.powersync') return false;
      const call = scopedCall(site, ctx);
      if (!call) return true;
      facts.powerSyncDatabases.push({
        form: 'constructor',
        call,
        variable: site.variable,
        owner: site.owner,
        pathArguments: {
          dbFilename: expandArgument(site, call, ctx, 'dbFilename', 2),
          dbDirectory: expandArgument(site, call, ctx, 'dbDirectory', 5),
        },
        schemaArgument: expandArgument(site, call, ctx, 'schema', 1),
        enclosingFunction: site.enclosingFunction,
        enclosingLambdas: enclosingLambdaCallees(site.node),
        loc: call.loc,
      });
      return true;
    }
    case 'opened': {
      if (receiver !== 'PowerSyncDatabase' && receiver !== 'com.powersync.PowerSyncDatabase') return false;
      const call = scopedCall(site, ctx);
      if (!call) return true;
      facts.powerSyncDatabases.push({
        form: 'opened',
        call,
        variable: site.variable,
        owner: site.owner,
        pathArguments: { identifier: expandArgument(site, call, ctx, 'identifier', 3) },
        schemaArgument: expandArgument(site, call, ctx, 'schema', 2),
        enclosingFunction: site.enclosingFunction,
        enclosingLambdas: enclosingLambdaCallees(site.node),
        loc: call.loc,
      });
      return true;
    }
    case 'RoomConnectionPool': {
      const call = scopedCall(site, ctx);
      if (call) facts.roomConnectionPools.push({ call, variable: site.variable, owner: site.owner, loc: call.loc });
      return true;
    }
    case 'connect': {
      if (!site.receiver) return false;
      const call = readCall(site, ctx);
      if (!call || !isPowerSyncConnect(call, ctx)) return false;
      const options = argumentFor(call.args, 'options', 4)?.value ?? call.args.find((a) => isCallNamed(a.value, 'SyncOptions'))?.value;
      facts.connects.push({ call, options, owner: site.owner, enclosingFunction: site.enclosingFunction, enclosingLambdas: enclosingLambdaCallees(site.node), loc: call.loc });
      return true;
    }
    case 'loadPowerSyncExtension':
      facts.extensionLoads.push(locationOf(ctx.uri, site.node));
      return true;
    case 'disconnectAndClear':
      facts.clearCalls.push({
        receiver: site.receiver ? ctx.locals.expand(site.receiver) : undefined,
        owner: site.owner,
        enclosingFunction: site.enclosingFunction,
        loc: locationOf(ctx.uri, site.node),
      });
      return true;
    case 'syncRoomUpdatesToPowerSync':
    case 'transferPendingRoomUpdatesToPowerSync':
      (facts.roomUpdateForwards ??= []).push(locationOf(ctx.uri, site.node));
      return true;
    default:
      break;
  }
  if (mayBeSchema(site, ctx)) {
    schemaSites.push(site);
    return true;
  }
  return false;
}

/**
 * Records the `Schema(…)` calls that are PowerSync's: the file imports PowerSync's Schema (or
 * its package), the call is qualified, or its arguments are raw or managed PowerSync tables.
 */
export function finishSchemas(sites: CallSite[], ctx: CallReadingContext): void {
  const rawTableNames = new Set(ctx.facts.rawTables.map((t) => t.variable?.name).filter((n): n is string => n !== undefined));
  for (const site of sites) {
    const call = scopedCall(site, ctx);
    if (!call) continue;
    const imported = ctx.imports.names.get(site.name);
    const declared =
      dottedReceiver(site.receiver) === SCHEMA_PACKAGE ||
      imported === SCHEMA_CLASS ||
      (imported === undefined && site.name === 'Schema' && ctx.imports.wildcards.includes(SCHEMA_PACKAGE));
    if (!declared && (imported !== undefined || !holdsTables(call, rawTableNames))) continue;
    ctx.facts.schemas.push({ variable: site.variable, owner: site.owner, call, itemTexts: itemTexts(site, ctx), loc: call.loc });
  }
}

/** Each argument's source text, and each item's of a `listOf(…)` argument. */
function itemTexts(site: CallSite, ctx: CallReadingContext): { loc: SourceLocation; text: string }[] {
  const out: { loc: SourceLocation; text: string }[] = [];
  for (const node of argumentNodes(site)) {
    out.push({ loc: locationOf(ctx.uri, node), text: node.text });
    const args = node.type === 'call_expression' ? node.namedChildren.find((c) => c?.type === 'value_arguments') : undefined;
    if (args) for (const item of argumentExpressions(args)) out.push({ loc: locationOf(ctx.uri, item), text: item.text });
  }
  return out;
}

function mayBeSchema(site: CallSite, ctx: CallReadingContext): boolean {
  if (site.receiver) return site.name === 'Schema' && dottedReceiver(site.receiver) === SCHEMA_PACKAGE;
  return site.name === 'Schema' || ctx.imports.names.get(site.name) === SCHEMA_CLASS;
}

/** True when an argument (or an item of a list argument) is a RawTable/Table or a raw-table val. */
function holdsTables(call: CallValue, rawTableNames: Set<string>): boolean {
  const items = call.args.flatMap((a) => (a.value.kind === 'list' ? a.value.items : [a.value]));
  return items.some((v) => {
    if (isCallNamed(v, 'RawTable') || isCallNamed(v, 'Table')) return true;
    if (v.kind === 'ref') return rawTableNames.has(v.name);
    if (v.kind === 'member') return rawTableNames.has(v.name);
    return false;
  });
}

/** A `connect` is PowerSync's when it passes PowerSync's parameters or the file uses PowerSync. */
function isPowerSyncConnect(call: CallValue, ctx: CallReadingContext): boolean {
  if (call.args.length === 0) return false;
  if (call.args.some((a) => (a.name !== undefined && CONNECT_PARAMETERS.has(a.name)) || isCallNamed(a.value, 'SyncOptions'))) return true;
  if (call.args.some((a) => a.name !== undefined)) return false;
  return ctx.imports.paths.some((p) => p === 'com.powersync' || p.startsWith('com.powersync.'));
}

function isCallNamed(value: Value, name: string): boolean {
  return value.kind === 'call' && calleeName(value) === name;
}

function scopedCall(site: CallSite, ctx: CallReadingContext): CallValue | undefined {
  const call = readCall(site, ctx);
  return call && withScopedNames(site, call, ctx.locals);
}

/** An argument read through this file's locals, for paths the model resolves later. */
function expandArgument(site: CallSite, call: CallValue, ctx: CallReadingContext, name: string, position: number): Value | undefined {
  const node = argumentNodeFor(site, call, name, position);
  return node ? ctx.locals.expand(node) : undefined;
}
