import type { FileFacts } from './facts';
import type { WorkspaceNames } from './names';
import { DeclaredObjects } from './powersync/declared-values';
import { argumentFor } from './value';
import type { PowerSyncSchema, RoomConnectionPool } from './workspace';

/** RoomConnectionPool(db, schema) constructions, with the schema they forward Room writes for. */
export function buildRoomConnectionPools(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, schemas: PowerSyncSchema[]): RoomConnectionPool[] {
  const declared = new DeclaredObjects(schemas, (s) => ({ loc: s.loc, variable: s.variable }));
  const out: RoomConnectionPool[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.roomConnectionPools) {
      const pool: RoomConnectionPool = { loc: fact.loc };
      const schemaArg = argumentFor(fact.call.args, 'schema', 1);
      if (schemaArg && schemaArg.value.kind !== 'null') {
        pool.schemaArgumentLoc = schemaArg.value.loc;
        pool.schema = declared.find(schemaArg.value, names, facts.uri, fact.owner ?? fact.variable?.owner ?? []);
      }
      out.push(pool);
    }
  }
  return out;
}
