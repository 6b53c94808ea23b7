import type { Value } from '../model/value';
import type { FileFacts } from '../model/facts';
import type { SourceLocation } from '../model/location';
import type { PowerSyncSchema, RoomDatabase, WorkspaceModel } from '../model/workspace';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import { schemaOrderFix } from '../generate/schema-order-fix';

/** True when any literal part of the expression contains `text` (templates included). */
function mentions(value: Value, text: string): boolean {
  switch (value.kind) {
    case 'string':
      return value.value.includes(text);
    case 'template':
      return value.parts.some((p) => mentions(p, text));
    default:
      return false;
  }
}

/** The seed's invalidator: `UPDATE room_table_modification_log … WHERE table_id = $index`. */
export function indexInvalidators(files: Iterable<FileFacts>): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const facts of files) {
    for (const statement of facts.sqlStatements) {
      if (mentions(statement.sql, 'room_table_modification_log') && mentions(statement.sql, 'table_id')) out.push(statement.loc);
    }
  }
  return out;
}

/** The Room database whose entities cover most of the schema's local tables. */
function matchingDatabase(model: WorkspaceModel, schema: PowerSyncSchema): RoomDatabase | undefined {
  let best: { db: RoomDatabase; score: number } | undefined;
  for (const db of model.roomDatabases) {
    const names = new Set(db.entities.map((e) => e.tableName?.toLowerCase()));
    const score = schema.rawTables.filter((rt) => rt?.localTable && names.has(rt.localTable.toLowerCase())).length;
    if (score > 0 && (!best || score > best.score)) best = { db, score };
  }
  return best?.db;
}

/**
 * Raw tables listed in another order than their entities in `@Database(entities)`: an
 * invalidator that uses schema positions as Room table ids marks the wrong tables.
 */
export const schemaOrder: Rule = {
  meta: {
    id: 'schema-order',
    defaultSeverity: 'info',
    description: 'Raw tables in a PowerSync Schema in another order than their entities in @Database(entities).',
    docs: 'docs/rules/schema-order.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    const invalidators = indexInvalidators(model.files.values());
    for (const schema of model.schemas) {
      const db = matchingDatabase(model, schema);
      if (!db) continue;
      const idOf = new Map(db.entities.map((e) => [e.tableName?.toLowerCase(), e]));
      // Only raw tables that are Room entities take part; compare their relative order.
      const listed = schema.rawTables
        .map((rt, position) => ({ rt, position, entity: rt?.localTable ? idOf.get(rt.localTable.toLowerCase()) : undefined }))
        .filter((x) => x.entity !== undefined);
      const misplaced = listed.filter((x) => x.entity!.tableId !== x.position);
      const outOfOrder = listed.some((x, i) => i > 0 && listed[i - 1].entity!.tableId > x.entity!.tableId);
      if (!outOfOrder && (invalidators.length === 0 || misplaced.length === 0)) continue;
      const expected = [...listed].sort((a, b) => a.entity!.tableId - b.entity!.tableId).map((x) => x.rt?.name ?? '?');
      const example = misplaced[0];
      const consequence = invalidators.length > 0 && example
        ? ` The invalidator marks Room table id ${example.position} when '${example.rt?.name}' changes, but that id is '${db.entities[example.position]?.tableName ?? 'another table'}' in Room: flows on '${example.rt?.name}' never update after a sync, and flows on the other table fire for nothing.`
        : ' Nothing breaks yet, but any invalidator that maps schema positions to Room table ids will mark the wrong tables.';
      // In order but shifted (a table left out or added): the positions, not the order, are wrong.
      const problem = outOfOrder
        ? `This Schema's raw tables are out of @Database(entities) order. Expected ${expected.join(', ')} (the order of ${db.className}'s @Database(entities)).`
        : `The raw tables of this Schema are not at the positions of their entities in ${db.className}'s @Database(entities): '${example.rt?.name}' is at position ${example.position} but has Room table id ${example.entity!.tableId}.`;
      findings.push({
        rule: 'schema-order',
        severity: invalidators.length > 0 ? 'error' : 'info',
        message: `${problem}${consequence}`,
        loc: schema.listLoc,
        related: [
          { loc: db.entitiesLoc, message: `@Database(entities) of ${db.className}` },
          ...invalidators.map((loc) => ({ loc, message: 'index-based invalidator of room_table_modification_log' })),
        ],
        fixes: [schemaOrderFix(schema, (position) => {
          const rt = schema.rawTables[position];
          return rt?.localTable ? idOf.get(rt.localTable.toLowerCase())?.tableId : undefined;
        })].filter((f) => f !== undefined),
      });
    }
    return findings;
  },
};
