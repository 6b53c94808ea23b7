import { evaluateObject, evaluateScalar, type NameScope } from './evaluate';
import type { ConnectFact, FileFacts } from './facts';
import type { WorkspaceNames } from './names';
import { resolveCall } from './powersync/declared-values';
import { argumentFor, type Value } from './value';
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
      if (fact.api === 'js') {
        out.push(jsConnection(fact, names.scope(facts.uri, fact.owner ?? [])));
        continue;
      }
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

/**
 * `db.connect(connector, { clientImplementation: SyncClientImplementation.JAVASCRIPT })`: the JS
 * SDKs' choice of sync client (@powersync/common 1.34–1.52). Options that cannot be read leave the
 * client unknown; options without the key leave it to the SDK's default.
 */
function jsConnection(fact: ConnectFact, scope: NameScope): SyncConnection {
  const connection: SyncConnection = { api: 'js', loc: fact.loc, connectCall: fact.call, ...(fact.options ? { optionsLoc: fact.options.loc } : {}) };
  if (!fact.options) return connection;
  const options = evaluateObject(fact.options, scope);
  if (!options) {
    connection.newClientImplementationUnknown = true;
    return connection;
  }
  const member = options.members.find((m) => m.key === 'clientImplementation');
  if (member) connection.clientImplementation = { value: clientOf(member.value, member.scope), loc: member.value.loc, writtenHere: member.value.kind === 'member' };
  return connection;
}

/** `SyncClientImplementation.JAVASCRIPT` / `.RUST` as written (the enum comes from the SDK, outside the workspace). */
function clientOf(value: Value, scope: NameScope, depth = 0): 'javascript' | 'rust' | 'unknown' {
  if (value.kind === 'ref' && depth < 8) {
    if (value.localValue) return clientOf(value.localValue, scope, depth + 1);
    const found = scope.constant([value.name]);
    return found ? clientOf(found.value, found.scope, depth + 1) : 'unknown';
  }
  if (value.kind !== 'member' || value.receiver.kind !== 'ref' || value.receiver.name !== 'SyncClientImplementation' || value.receiver.localValue) return 'unknown';
  if (value.name === 'JAVASCRIPT') return 'javascript';
  if (value.name === 'RUST') return 'rust';
  return 'unknown';
}
