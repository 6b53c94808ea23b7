import { RoomReadiness, type OrderedCode } from '../model/room-readiness';
import type { WorkspaceModel } from '../model/workspace';
import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';

/**
 * The manual bridge of the seed (Room and a PowerSyncDatabase of its own on one file) opening
 * PowerSync or starting sync before Room has created or opened the database.
 */
export const roomInitOrder: Rule = {
  meta: {
    id: 'room-init-order',
    defaultSeverity: 'warning',
    description: 'PowerSyncDatabase opened, or connect() called, without waiting for Room to create or open the database it shares.',
    docs: 'docs/rules/room-init-order.md',
    fixable: false,
  },
  check(model) {
    // With a RoomConnectionPool, Room owns the file and opens it first: there is no race.
    if (model.roomConnectionPools.length > 0 || !sharesRoomTables(model)) return [];
    const files = [...model.files.values()];
    if (!files.some((f) => f.roomBuilders.length > 0)) return [];
    const readiness = new RoomReadiness(model.files, model.names);
    const related = relatedPlaces(model, readiness);
    const findings: Finding[] = [];
    const early = (code: OrderedCode) => readiness.orderOf(code) === 'not-after-room';
    for (const facts of files) {
      for (const db of facts.powerSyncDatabases) {
        if (db.form !== 'constructor' || !early(db)) continue;
        findings.push({
          rule: 'room-init-order',
          severity: 'warning',
          message:
            'PowerSync may open before Room has created its tables. It opens the database here without waiting for Room to create or open it: nothing before this awaits the Job your RoomDatabase.Callback completes in onCreate/onOpen, and no Room call runs first. ' +
            'When PowerSync gets there first, sync can run before Room\'s tables exist and applying synced rows fails with \'no such table\'.',
          loc: db.loc,
          related,
          fixes: [],
        });
      }
      for (const connect of facts.connects) {
        // A JS app's connect() has no Room database to wait for.
        if (connect.api === 'js' || !early(connect)) continue;
        findings.push({
          rule: 'room-init-order',
          severity: 'warning',
          message:
            'Sync may start before Room has created its tables. connect() starts syncing here without waiting for Room to create or open the database: nothing before this awaits the Job your RoomDatabase.Callback completes in onCreate/onOpen, and no Room call runs first. ' +
            'If it runs before Room\'s onCreate, the raw tables\' statements meet tables that do not exist yet and the sync fails with \'no such table\'.',
          loc: connect.loc,
          related,
          fixes: [],
        });
      }
    }
    return findings;
  },
};

/** True when a raw table writes to a Room entity's table, so PowerSync needs Room's tables. */
function sharesRoomTables(model: WorkspaceModel): boolean {
  const roomTables = new Set(model.tables.filter((t) => t.origin === 'room-entity').map((t) => t.name.toLowerCase()));
  return model.rawTables.some((rt) => rt.localTable !== undefined && roomTables.has(rt.localTable.toLowerCase()));
}

/** What to wait for (the callback's completion), else the Room builder that opens the file. */
function relatedPlaces(model: WorkspaceModel, readiness: RoomReadiness): RelatedLocation[] {
  const out: RelatedLocation[] = readiness.signals.map((s) => ({
    loc: s.loc,
    message: `${s.callbackClass} completes '${s.name}' here once Room has created or opened the database: join or await it before opening PowerSync`,
  }));
  if (out.length > 0) return out;
  for (const facts of model.files.values()) {
    for (const builder of facts.roomBuilders) out.push({ loc: builder.loc, message: 'the Room database PowerSync shares the file with' });
  }
  return out;
}
