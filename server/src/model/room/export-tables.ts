import type { ExportedSchemaFact, FileFacts } from '../facts';
import type { SqlCatalog } from '../sql-catalog';
import type { SourceLocation } from '../location';
import type { Column, ForeignKey, RoomDatabase, Table, TableIndex } from '../workspace';

/**
 * Where an entity cannot be fully derived (a column whose type or converter lives outside the
 * workspace, a constant of a library), Room's exported schema of the database's current version
 * is the truth: Room wrote it from the same code at its last build. The entity table then takes
 * the export's CREATE TABLE, columns, key, foreign keys and indices, as SQLite reads them, and
 * loses `unresolved`; it keeps its class, its places in the source, and records the export in
 * `exportedFrom`. Used only when:
 * - the database's `@Database(version)` is known and the workspace holds exports of that version
 *   for that class, all with the same statement for the table (variants may differ: then unsure);
 * - the table's name itself was derived (the export holds a table of exactly that name);
 * - SQLite accepts the export's statement.
 * Otherwise the partial derivation stands, marked unresolved as before.
 */
export function completeEntityTablesFromExports(
  tables: Table[],
  databases: readonly RoomDatabase[],
  files: ReadonlyMap<string, FileFacts>,
  sql: SqlCatalog | undefined,
): void {
  if (!sql) return;
  const exports = exportsByDatabase(files);
  if (exports.size === 0) return;
  for (const database of databases) {
    if (database.version === undefined) continue;
    const facts = exports.get(`${database.qualifiedName}\u0000${database.version}`);
    if (!facts) continue;
    for (const entity of database.entities) {
      if (entity.qualifiedName === undefined) continue;
      const index = tables.findIndex((t) => t.origin === 'room-entity' && t.entity?.qualifiedName === entity.qualifiedName);
      const table = tables[index];
      if (!table?.unresolved || table.name.length === 0) continue;
      const exported = facts.filter((f) => f.tableName === table.name);
      if (exported.length === 0 || exported.some((f) => f.createSql !== exported[0].createSql || f.indexSql.join('\n') !== exported[0].indexSql.join('\n'))) continue;
      const completed = fromExport(table, exported[0], sql);
      if (completed) tables[index] = completed;
    }
  }
}

function exportsByDatabase(files: ReadonlyMap<string, FileFacts>): Map<string, ExportedSchemaFact[]> {
  const byKey = new Map<string, ExportedSchemaFact[]>();
  for (const file of files.values()) {
    for (const fact of file.exportedSchemas) {
      const key = `${fact.databaseClass}\u0000${fact.version}`;
      byKey.set(key, [...(byKey.get(key) ?? []), fact]);
    }
  }
  return byKey;
}

/** The entity table with the export's shape, or undefined when SQLite does not read the export as that table. */
function fromExport(table: Table, exported: ExportedSchemaFact, sql: SqlCatalog): Table | undefined {
  // Room writes foreign keys to other entities' tables; SQLite accepts those without the parents.
  const described = sql.describeTables([exported.createSql, ...exported.indexSql]).find((d) => d.statementIndex === 0);
  if (!described || described.name !== table.name) return undefined;
  // Findings about a column point at its property where the partial derivation found one.
  const placeOf = (name: string): SourceLocation => table.columns.find((c) => c.name === name)?.loc ?? table.nameLoc;
  const columns: Column[] = described.columns.map((c) => {
    const derived = table.columns.find((d) => d.name === c.name);
    return {
      name: c.name,
      affinity: c.affinity,
      notNull: c.notNull,
      ...(c.defaultValue === undefined ? {} : { defaultValue: c.defaultValue }),
      ...(derived?.collate === undefined ? {} : { collate: derived.collate }),
      ...(derived?.fieldPath === undefined ? {} : { fieldPath: derived.fieldPath }),
      loc: placeOf(c.name),
    };
  });
  const keyColumns = described.columns.filter((c) => c.primaryKeyPosition > 0).sort((a, b) => a.primaryKeyPosition - b.primaryKeyPosition);
  const foreignKeys: ForeignKey[] = described.foreignKeys.map((fk) => {
    const derived = table.foreignKeys.find((d) => d.parentTable === fk.parentTable && d.childColumns.join() === fk.childColumns.join());
    return { ...fk, loc: derived?.loc ?? table.loc };
  });
  const indices: TableIndex[] = described.indices
    .filter((i) => i.origin === 'c')
    .map((i) => ({
      name: i.name,
      unique: i.unique,
      columns: i.columns,
      ...(i.orders ? { orders: i.orders } : {}),
      createSql: exported.indexSql.find((s) => s.includes(`\`${i.name}\``)) ?? i.sql ?? '',
      loc: table.indices.find((d) => d.name === i.name)?.loc ?? table.loc,
    }));
  const { unresolved: _unresolved, ...rest } = table;
  return {
    ...rest,
    columns,
    ...(keyColumns.length > 0
      ? { primaryKey: { columns: keyColumns.map((c) => c.name), autoGenerate: table.primaryKey?.autoGenerate ?? /\bAUTOINCREMENT\b/i.test(exported.createSql), ...(table.primaryKey?.loc ? { loc: table.primaryKey.loc } : {}) } }
      : {}),
    foreignKeys,
    indices,
    createSql: exported.createSql,
    exportedFrom: { loc: exported.loc, version: exported.version },
  };
}
