import type { FileFacts, PowerSyncDatabaseFact, RoomConnectionPoolFact, SequencedCallFact } from './facts';
import { containsLocation, type SourceLocation } from './location';
import type { WorkspaceNames } from './names';
import { DeclaredObjects } from './powersync/declared-values';
import { argumentFor, type Value } from './value';

/** A Room database closed after the PowerSync database that works on it through a RoomConnectionPool. */
export interface RoomClosedAfterPowerSync {
  /** `powerSync.close()`. */
  powerSyncClose: SourceLocation;
  /** The later `room.close()`. */
  roomClose: SourceLocation;
  /** The `RoomConnectionPool(room, schema)` both go back to. */
  pool: SourceLocation;
}

interface Pool {
  fact: RoomConnectionPoolFact;
  uri: string;
}

interface Opened {
  fact: PowerSyncDatabaseFact;
  uri: string;
  pool: Pool;
}

/**
 * Where the code closes a Room database after closing the PowerSync database opened on it, read
 * only where that is certain from one block: `p.close()` and, later in the same block, `r.close()`,
 * where `p` names a `PowerSyncDatabase.opened(pool = RoomConnectionPool(r, schema), …)` and `r` is
 * written as the same name as the pool's database argument, in the same file and class. A pool
 * without a schema starts no collection of Room's updates and is left out. Anything else (the two
 * closes in different functions or classes, a database handed through parameters or DI) is not
 * read: nothing is said about it.
 */
export function roomClosedAfterPowerSync(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): RoomClosedAfterPowerSync[] {
  const poolList: Pool[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.roomConnectionPools) {
      const schema = argumentFor(fact.call.args, 'schema', 1);
      if (schema && schema.value.kind !== 'null') poolList.push({ fact, uri: facts.uri });
    }
  }
  if (poolList.length === 0) return [];
  const pools = new DeclaredObjects(poolList, (p) => ({ loc: p.fact.loc, variable: p.fact.variable }));
  const openedList: Opened[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.powerSyncDatabases) {
      if (fact.form !== 'opened') continue;
      const poolArg = argumentFor(fact.call.args, 'pool', 0);
      const pool = poolArg ? pools.find(poolArg.value, names, facts.uri, fact.owner ?? fact.variable?.owner ?? []) : undefined;
      if (pool) openedList.push({ fact, uri: facts.uri, pool });
    }
  }
  const opened = new DeclaredObjects(openedList, (o) => ({ loc: o.fact.loc, variable: o.fact.variable }));
  const out: RoomClosedAfterPowerSync[] = [];
  for (const facts of files.values()) {
    const closes = (facts.sequencedCalls ?? []).filter((c) => c.kind === 'close' && c.targets.length === 1);
    for (const first of closes) {
      if (!first.after) continue;
      const database = opened.find(first.targets[0], names, facts.uri, first.owner);
      if (!database) continue;
      const roomName = memberName(argumentFor(database.pool.fact.call.args, 'db', 0)?.value);
      const poolOwner = database.pool.fact.owner ?? database.pool.fact.variable?.owner ?? [];
      if (!roomName || database.pool.uri !== facts.uri || !sameOwner(poolOwner, first.owner)) continue;
      const later = closes.find((c) => c !== first && containsLocation(first.after!, c.loc) && closesName(c, roomName, facts));
      if (later) out.push({ powerSyncClose: first.loc, roomClose: later.loc, pool: database.pool.fact.loc });
    }
  }
  return out;
}

/** `room` or `this.room`; nothing for a local value or anything longer. */
function memberName(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'ref') return value.localValue === undefined ? value.name : undefined;
  if (value.kind === 'member' && value.receiver.kind === 'ref' && value.receiver.name === 'this') return value.name;
  return undefined;
}

/**
 * `name.close()` where `name` is no parameter or local `val` of the function the close is in (then
 * it is the class's property, as in the pool's argument). A function Rawsync cannot find says no.
 */
function closesName(close: SequencedCallFact, name: string, facts: FileFacts): boolean {
  const target = close.targets[0];
  if (target.kind === 'ref' && (target.declaredLocally !== undefined || target.localValue !== undefined)) return false;
  if (memberName(target) !== name) return false;
  if (target.kind === 'member') return true;
  const owner = facts.classes.find((c) => sameOwner([...c.outer, c.name], close.owner));
  const fn = owner?.functions.find((f) => f.name === close.enclosingFunction && containsLocation(f.loc, close.loc));
  if (!fn) return false;
  const locals = [...fn.parameters.map((p) => p.name), ...(fn.code ?? []).flatMap((st) => (st.kind === 'val' ? [st.name] : []))];
  return !locals.includes(name);
}

function sameOwner(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
