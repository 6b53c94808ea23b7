import { evaluateScalar } from './evaluate';
import type { FileFacts } from './facts';
import type { WorkspaceNames } from './names';
import { resolveCall } from './powersync/declared-values';
import { argumentFor } from './value';
import type { SyncConnection } from './workspace';

/**
 * connect(...) calls with their SyncOptions: `newClientImplementation` from
 * `SyncOptions(newClientImplementation = true)` or `SyncOptions(true)`, also through a constant;
 * undefined when not passed (the SDK version decides the default) or not readable.
 */
export function buildSyncConnections(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): SyncConnection[] {
  const out: SyncConnection[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.connects) {
      const connection: SyncConnection = { loc: fact.loc, optionsLoc: fact.options?.loc };
      const options = resolveCall(fact.options, names.scope(facts.uri, fact.owner ?? []), ['SyncOptions']);
      connection.connectCall = fact.call;
      if (options) connection.optionsCall = options.call;
      const flag = options ? argumentFor(options.call.args, 'newClientImplementation', 0) : undefined;
      const value = flag ? evaluateScalar(flag.value, options!.scope) : undefined;
      if (typeof value === 'boolean') connection.newClientImplementation = value;
      else if (fact.options && (!options || flag)) connection.newClientImplementationUnknown = true;
      out.push(connection);
    }
  }
  return out;
}
