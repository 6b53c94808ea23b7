import type { ClearCallFact, FileFacts, PowerSyncDatabaseFact } from './facts';
import { GradleModules } from './gradle-modules';
import type { WorkspaceNames } from './names';
import { locationKey, resolveCall } from './powersync/declared-values';
import type { Value } from './value';
import type { DatabaseClear, PowerSyncSchema } from './workspace';

/** A `PowerSyncDatabase(…)` or `PowerSyncDatabase.opened(…)` with the schema it opens. */
interface Opener {
  fact: PowerSyncDatabaseFact;
  module: string;
  /** Undefined when the schema argument does not lead to a `Schema(…)` of the workspace. */
  schema?: PowerSyncSchema;
}

/**
 * Each `disconnectAndClear()` call with the schema of the database it clears. The receiver is
 * followed to the opener that made it: a local or property of the same file that holds the
 * opener (read lexically by the front end, so a `db` of another function is never taken), or a
 * workspace constant. That opener's schema argument, read the same way, gives the schema. When
 * the receiver leads to no opener (a parameter, a DI lookup, a helper that opens it), the schema
 * is still known when the call's Gradle module has exactly one Schema(…) and every opener in that
 * module opens it. Otherwise the schema stays unknown.
 */
export function buildDatabaseClears(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, schemas: PowerSyncSchema[]): DatabaseClear[] {
  const calls = [...files.values()].flatMap((f) => f.clearCalls.map((fact) => ({ fact, uri: f.uri })));
  if (calls.length === 0) return [];
  const modules = new GradleModules(files);
  const schemaAt = new Map(schemas.map((s) => [locationKey(s.loc), s]));
  const openers = new Map<string, Opener>();
  for (const facts of files.values()) {
    for (const fact of facts.powerSyncDatabases) {
      const schema = schemaOf(fact.schemaArgument, facts.uri, fact.owner ?? fact.variable?.owner ?? [], names, schemaAt);
      openers.set(locationKey(fact.loc), { fact, module: modules.of(facts.uri), schema });
    }
  }
  return calls.map(({ fact, uri }) => {
    const clear: DatabaseClear = { loc: fact.loc };
    const opener = openerOf(fact, uri, names, openers);
    if (opener) {
      clear.openerLoc = opener.fact.loc;
      if (opener.schema) Object.assign(clear, { schema: opener.schema, via: 'opener' });
      return clear;
    }
    const only = onlySchemaOfModule(modules.of(uri), schemas, modules, openers);
    if (only) Object.assign(clear, { schema: only, via: 'module' });
    return clear;
  });
}

/** The opener a clear call's receiver holds, if it can be told. */
function openerOf(fact: ClearCallFact, uri: string, names: WorkspaceNames, openers: Map<string, Opener>): Opener | undefined {
  if (!fact.receiver) return undefined;
  const resolved = resolveCall(fact.receiver, names.scope(uri, fact.owner ?? []), ['PowerSyncDatabase', 'opened']);
  return resolved ? openers.get(locationKey(resolved.call.loc)) : undefined;
}

function schemaOf(argument: Value | undefined, uri: string, owner: string[], names: WorkspaceNames, schemaAt: Map<string, PowerSyncSchema>): PowerSyncSchema | undefined {
  const resolved = resolveCall(argument, names.scope(uri, owner), ['Schema']);
  return resolved ? schemaAt.get(locationKey(resolved.call.loc)) : undefined;
}

/** The module's only Schema(…), when every opener in the module opens that one. */
function onlySchemaOfModule(module: string, schemas: PowerSyncSchema[], modules: GradleModules, openers: Map<string, Opener>): PowerSyncSchema | undefined {
  const inModule = schemas.filter((s) => modules.of(s.loc.uri) === module);
  if (inModule.length !== 1) return undefined;
  const [only] = inModule;
  for (const opener of openers.values()) {
    if (opener.module === module && opener.schema !== only) return undefined;
  }
  return only;
}
