import type { SourceLocation } from '../model/location';
import type { PowerSyncSchema, RoomConnectionPool, WorkspaceModel } from '../model/workspace';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

/**
 * RoomConnectionPool set up so that Room and PowerSync do not cooperate (reference §5.2): a raw
 * table name Room does not track (Room throws), a pool that forwards no or other tables than the
 * database's schema. Room's driver and the extension are room-driver-without-extension's.
 */
export const roomPoolMismatch: Rule = {
  meta: {
    id: 'room-pool-mismatch',
    defaultSeverity: 'error',
    description: 'A RoomConnectionPool whose schema names no Room table, or forwards no or other tables than PowerSyncDatabase.opened.',
    docs: 'docs/rules/room-pool-mismatch.md',
    fixable: false,
  },
  check(model) {
    if (model.roomConnectionPools.length === 0) return [];
    const findings: Finding[] = [];
    const reported = new Set<SourceLocation>();
    for (const pool of model.roomConnectionPools) {
      findings.push(...schemaFindings(pool, model));
      for (const finding of unknownNames(pool, model)) {
        if (reported.has(finding.loc)) continue;
        reported.add(finding.loc);
        findings.push(finding);
      }
    }
    return findings;
  },
};

/** No schema, an empty one, or one that leaves out tables of the schema PowerSync opens with. */
function schemaFindings(pool: RoomConnectionPool, model: WorkspaceModel): Finding[] {
  if (!pool.schemaArgumentLoc) {
    // The app may hand the schema over later itself.
    if ([...model.files.values()].some((f) => (f.roomUpdateForwards ?? []).length > 0)) return [];
    return [{
      rule: 'room-pool-mismatch',
      severity: 'error',
      message:
        'This RoomConnectionPool has no schema, so it does not listen to Room\'s writes: rows Room inserts, updates or deletes are queued by your triggers, but PowerSync is not told and uploads them only when something else makes it look (a reconnect or a write through PowerSync). ' +
        'Pass the schema: RoomConnectionPool(database, schema).',
      loc: pool.loc,
      related: opened(pool),
      fixes: [],
    }];
  }
  const schema = pool.schema;
  if (!schema) return [];
  if (schema.rawTables.length === 0) {
    // PowerSyncDatabase.opened handed an empty schema too: no raw table reaches the sync client at all.
    const openedEmpty = (pool.openedWith ?? []).length > 0 && pool.openedWith!.every((o) => o.schema && o.schema.rawTables.length === 0);
    return [{
      rule: 'room-pool-mismatch',
      severity: 'error',
      message: openedEmpty
        ? 'Nothing syncs: this RoomConnectionPool and PowerSyncDatabase.opened get a schema with no raw tables. ' +
          'The sync client learns no table to write into, and the pool forwards none of Room\'s writes. Pass the Schema with your raw tables to both.'
        : 'The schema given to this RoomConnectionPool has no raw tables, so the pool forwards none of Room\'s writes to PowerSync: local changes are queued by your triggers but not uploaded until something else makes PowerSync look. ' +
          'Pass the schema with your raw tables, the one given to PowerSyncDatabase.opened.',
      loc: pool.schemaArgumentLoc,
      related: opened(pool),
      fixes: [],
    }];
  }
  const out: Finding[] = [];
  const poolNames = namesOf(schema);
  if (!poolNames) return out;
  for (const other of pool.openedWith ?? []) {
    if (!other.schema || other.schema === schema) continue;
    const names = namesOf(other.schema);
    if (!names) continue;
    const missing = [...names.values()].filter((name) => !poolNames.has(name.toLowerCase()));
    if (missing.length === 0) continue;
    const list = missing.map((n) => `'${n}'`).join(', ');
    out.push({
      rule: 'room-pool-mismatch',
      severity: 'error',
      message:
        `This RoomConnectionPool forwards Room's writes only for the raw tables of its own schema, and ${list} ${missing.length === 1 ? 'is' : 'are'} only in the schema given to PowerSyncDatabase.opened: ` +
        'Room writes to those tables are queued by your triggers but PowerSync is not told, so they upload late. Pass the same schema object to both.',
      loc: pool.schemaArgumentLoc,
      related: [{ loc: other.schemaArgumentLoc ?? other.loc, message: 'the schema PowerSyncDatabase.opened uses' }],
      fixes: [],
    });
  }
  return out;
}

/** Raw-table names of the pool's schema that no Room entity declares: Room's tracker throws. */
function unknownNames(pool: RoomConnectionPool, model: WorkspaceModel): Finding[] {
  const schema = pool.schema;
  if (!schema || model.roomDatabases.length === 0) return [];
  const entities = model.roomDatabases.flatMap((db) => db.entities);
  if (entities.some((e) => e.tableName === undefined)) return [];
  const roomTables = new Set(entities.map((e) => e.tableName!.toLowerCase()));
  const out: Finding[] = [];
  for (const table of schema.rawTables) {
    if (!table?.name || roomTables.has(table.name.toLowerCase())) continue;
    const local = table.localTable && table.localTable !== table.name ? ` (the raw table's local table is '${table.localTable}', but the pool listens by RawTable.name)` : '';
    out.push({
      rule: 'room-pool-mismatch',
      severity: 'error',
      message:
        `Room throws when this pool starts: it has no table named '${table.name}'. Room has no table named '${table.name}'${local}: when the RoomConnectionPool starts listening for Room's changes, Room throws IllegalArgumentException('There is no table with name ${table.name}'), and none of Room's writes are forwarded to PowerSync. ` +
        'Name the Room table like the raw table (RawTable.name is also the name the backend syncs).',
      loc: table.nameLoc,
      related: [
        { loc: pool.loc, message: 'the RoomConnectionPool that listens for this name' },
        ...model.roomDatabases.map((db) => ({ loc: db.entitiesLoc, message: `the tables of ${db.className}` })),
      ],
      fixes: [],
    });
  }
  return out;
}

function namesOf(schema: PowerSyncSchema): Map<string, string> | undefined {
  const names = new Map<string, string>();
  for (const table of schema.rawTables) {
    if (!table?.name) return undefined;
    names.set(table.name.toLowerCase(), table.name);
  }
  return names;
}

function opened(pool: RoomConnectionPool) {
  return (pool.openedWith ?? []).map((o) => ({ loc: o.loc, message: 'PowerSyncDatabase.opened with this pool' }));
}
