import type { FileFacts, Platform, RoomConnectionPoolFact } from './facts';
import type { WorkspaceNames } from './names';
import { DeclaredObjects } from './powersync/declared-values';
import { argumentFor } from './value';
import type { PowerSyncSchema, RoomConnectionPool } from './workspace';

/**
 * RoomConnectionPool(db, schema) constructions, with the schema they forward Room writes for and
 * the `PowerSyncDatabase.opened(pool, scope, schema, …)` calls that are handed each pool.
 */
export function buildRoomConnectionPools(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, schemas: PowerSyncSchema[]): RoomConnectionPool[] {
  const declared = new DeclaredObjects(schemas, (s) => ({ loc: s.loc, variable: s.variable }));
  const built: { pool: RoomConnectionPool; fact: RoomConnectionPoolFact }[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.roomConnectionPools) {
      const pool: RoomConnectionPool = { loc: fact.loc };
      const schemaArg = argumentFor(fact.call.args, 'schema', 1);
      if (schemaArg && schemaArg.value.kind !== 'null') {
        pool.schemaArgumentLoc = schemaArg.value.loc;
        pool.schema = declared.find(schemaArg.value, names, facts.uri, fact.owner ?? fact.variable?.owner ?? []);
      }
      built.push({ pool, fact });
    }
  }
  const pools = new DeclaredObjects(built, ({ fact }) => ({ loc: fact.loc, variable: fact.variable }));
  for (const facts of files.values()) {
    for (const db of facts.powerSyncDatabases) {
      if (db.form !== 'opened') continue;
      const owner = db.owner ?? db.variable?.owner ?? [];
      const poolArg = argumentFor(db.call.args, 'pool', 0);
      const target = poolArg ? pools.find(poolArg.value, names, facts.uri, owner) : undefined;
      if (!target) continue;
      const schemaArg = argumentFor(db.call.args, 'schema', 2);
      const opened: NonNullable<RoomConnectionPool['openedWith']>[number] = { loc: db.loc };
      if (schemaArg) {
        opened.schemaArgumentLoc = schemaArg.value.loc;
        opened.schema = declared.find(schemaArg.value, names, facts.uri, owner);
      }
      (target.pool.openedWith ??= []).push(opened);
    }
  }
  return built.map(({ pool }) => pool);
}

/**
 * The pools whose code runs on `platform`: shared code runs everywhere, a source set we cannot
 * place might, and code for `common` (or an unknown platform) may meet any pool.
 */
export function poolsOn(platform: Platform, pools: readonly RoomConnectionPool[], files: ReadonlyMap<string, FileFacts>): RoomConnectionPool[] {
  return pools.filter((pool) => {
    const where = files.get(pool.loc.uri)?.platform ?? 'unknown';
    return where === 'common' || where === 'unknown' || where === platform || platform === 'common' || platform === 'unknown';
  });
}
